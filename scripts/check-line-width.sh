#!/usr/bin/env bash
# Biome formats at 120 columns but cannot break strings, SQL or comments: this keeps every source line within 120
# bytes (accented letters count twice, which errs on the safe side). Prints the offending lines and fails.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
files=$(git ls-files -- 'src/*.ts' 'test/*.ts' 'bench/*.ts' 'scripts/*' 'bin/*')
long=$(echo "$files" | xargs awk 'length > 120 { print FILENAME ":" FNR ": " length " bytes" }')
if [ -n "$long" ]; then
  printf 'Lines over 120 columns:\n%s\n' "$long" >&2
  exit 1
fi
