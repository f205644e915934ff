#!/usr/bin/env bash
# Runs a command against a throwaway PostgreSQL 15 server:
#
#   scripts/with-postgres.sh COMMAND [ARGS...]
#   e.g. scripts/with-postgres.sh npm test
#        scripts/with-postgres.sh npm run bench
#
# A fresh cluster is created in a temp folder, listens on 127.0.0.1 only (first free port
# from 54329 up; its unix socket lives in the temp folder), accepts user "postgres" without
# a password, and is exported to the command as
#
#   TEST_DATABASE_URL=postgres://postgres@127.0.0.1:PORT/postgres
#
# The server is always stopped and the folder removed when the command ends (or on Ctrl-C);
# the script exits with the command's exit code.
#
# Environment:
#   PG_FAST=1   fsync, synchronous_commit and full_page_writes off: faster, and fine for tests
#               (a crash loses data, and this cluster is thrown away anyway). Left unset, the
#               server keeps PostgreSQL's durable defaults, which is what benchmarks should see.
#   PG_BIN      folder of the PostgreSQL binaries (default /usr/lib/postgresql/15/bin).
#   PG_PORT     first port to try (default 54329).
#   PG_TMPDIR   where the temp folder goes (default /tmp; the postgres user must be able to reach it).
#
# Run as root: the binaries are installed with apt-get when missing, a system user "postgres"
# is created if absent, and the server runs as that user (PostgreSQL refuses to run as root).
# Run as another user: the server runs as that user; missing binaries are an error.
set -euo pipefail

PG_BIN="${PG_BIN:-/usr/lib/postgresql/15/bin}"
FIRST_PORT="${PG_PORT:-54329}"
PORT_TRIES=100
MAX_CONNECTIONS=200 # each test file opens its own database and a pool of up to 10 connections

say() { echo "with-postgres: $*" >&2; }
die() { say "error: $*"; exit 1; }

[ $# -gt 0 ] || die "usage: $0 COMMAND [ARGS...]"

is_root=false
[ "$(id -u)" -eq 0 ] && is_root=true

# --- binaries ---------------------------------------------------------------------------
if [ ! -x "$PG_BIN/postgres" ] || [ ! -x "$PG_BIN/initdb" ] || [ ! -x "$PG_BIN/pg_ctl" ]; then
  if $is_root && command -v apt-get >/dev/null 2>&1; then
    say "PostgreSQL binaries not found in $PG_BIN: installing the Debian package postgresql"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update >&2
    apt-get install -y --no-install-recommends postgresql >&2
  fi
  [ -x "$PG_BIN/postgres" ] ||
    die "PostgreSQL 15 not found in $PG_BIN. Install it (Debian/Ubuntu: sudo apt-get install postgresql-15)" \
      "or set PG_BIN to its bin folder."
fi

# --- the user the server runs as ---------------------------------------------------------
if $is_root; then
  if ! id -u postgres >/dev/null 2>&1; then
    say "creating system user postgres"
    useradd --system --user-group --no-create-home --shell /usr/sbin/nologin postgres
  fi
  as_pg() { runuser -u postgres -- "$@"; }
else
  as_pg() { "$@"; }
fi

# --- temp cluster ------------------------------------------------------------------------
tmp="$(mktemp -d "${PG_TMPDIR:-/tmp}/with-postgres.XXXXXX")"
datadir="$tmp/data"
sockdir="$tmp/sock"
logfile="$tmp/postgres.log"
started=false

cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  if $started; then
    # cd: the postgres user may not be allowed into the caller's folder.
    (cd "$tmp" && as_pg "$PG_BIN/pg_ctl" -D "$datadir" -m fast -w -t 30 stop >/dev/null 2>&1) ||
      (cd "$tmp" && as_pg "$PG_BIN/pg_ctl" -D "$datadir" -m immediate -w -t 30 stop >/dev/null 2>&1) ||
      say "warning: could not stop the server in $datadir"
  fi
  rm -rf "$tmp"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

mkdir -p "$sockdir"
if $is_root; then
  chown -R postgres:postgres "$tmp"
  runuser -u postgres -- test -w "$tmp" ||
    die "user postgres cannot write to $tmp: set PG_TMPDIR to a folder it can reach"
fi
chmod 700 "$tmp"

(cd "$tmp" && as_pg "$PG_BIN/initdb" -D "$datadir" -U postgres -A trust -E UTF8 --locale=C >"$tmp/initdb.log" 2>&1) || {
  cat "$tmp/initdb.log" >&2
  die "initdb failed"
}

settings=(-c listen_addresses=127.0.0.1 -k "$sockdir" -c "max_connections=$MAX_CONNECTIONS")
if [ "${PG_FAST:-}" = "1" ]; then
  # Tests only: the cluster is thrown away, so durability buys nothing.
  settings+=(-c fsync=off -c synchronous_commit=off -c full_page_writes=off)
fi

# Something answering on 127.0.0.1:PORT means the port is taken. Another process can still
# take it between the check and the start: then the start fails and the next port is tried.
port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

port=""
for ((candidate = FIRST_PORT; candidate < FIRST_PORT + PORT_TRIES; candidate++)); do
  port_in_use "$candidate" && continue
  : >"$logfile"
  $is_root && chown postgres:postgres "$logfile"
  if (cd "$tmp" && as_pg "$PG_BIN/pg_ctl" -D "$datadir" -l "$logfile" -w -t 60 \
    -o "-p $candidate $(printf '%q ' "${settings[@]}")" start >/dev/null 2>&1); then
    port=$candidate
    started=true
    break
  fi
  if grep -q "could not bind\|Address already in use\|could not create any TCP/IP sockets" "$logfile"; then
    continue
  fi
  cat "$logfile" >&2
  die "PostgreSQL did not start (log above)"
done
[ -n "$port" ] || die "no free port in $FIRST_PORT..$((FIRST_PORT + PORT_TRIES - 1))"

export TEST_DATABASE_URL="postgres://postgres@127.0.0.1:$port/postgres"
fast_note=''
if [ "${PG_FAST:-}" = "1" ]; then fast_note=' (PG_FAST: fsync off)'; fi
say "PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$port$fast_note"
say "TEST_DATABASE_URL=$TEST_DATABASE_URL"

# In the background so a TERM (a CI timeout) or Ctrl-C is handled now, not when the command
# ends: it is passed on to the command, then the server is stopped. "<&0" keeps stdin (bash
# would give a background command /dev/null).
"$@" <&0 &
child=$!
forward() {
  kill "-$1" "$child" 2>/dev/null || true
  wait "$child" 2>/dev/null || true
  exit "$2"
}
trap 'forward INT 130' INT
trap 'forward TERM 143' TERM
rc=0
wait "$child" || rc=$?
exit "$rc"
