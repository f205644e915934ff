#!/bin/sh
# The static checks that `npm test` runs before the tests, in two lanes (one per core): the server's type-check,
# which takes longest, beside the portal's type-check, the formatter and linter, and the dependency rules.
# Every check reports; the script fails if any failed.
set -u
cd "$(dirname "$0")/.."
npx tsc --noEmit &
server=$!
status=0
npx tsc -p web --noEmit || status=1
npm run --silent lint || status=1
npm run --silent deps || status=1
wait "$server" || status=1
exit "$status"
