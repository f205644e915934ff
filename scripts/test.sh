#!/bin/sh
# The test files (all of test/*.test.ts, or those given), heaviest first, shared by SHARDS processes (default 2,
# one per core): each process runs file after file (test/support/shard.ts), so Node, tsx and the window's modules
# load once per process, not once per file.
set -eu
cd "$(dirname "$0")/.."
shards=${SHARDS:-2}
queue=$(mktemp -d "${TMPDIR:-/tmp}/ventanilla-test-queue-XXXXXX")
trap 'rm -rf "$queue"' EXIT
if [ $# -eq 0 ]; then set -- test/*.test.ts; fi
# Largest first: big files hold the long tests, and a long one started last would leave a core idle at the end.
ls -S "$@" | while read -r f; do realpath "$f"; done > "$queue/files"
entries=$(ls test/shards/*.ts | head -n "$shards")
VENTANILLA_TEST_QUEUE=$queue node --import tsx --test --test-concurrency="$shards" $entries
