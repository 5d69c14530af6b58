#!/usr/bin/env bash
# Run a command against PostgreSQL.
#   - DATABASE_URL set (postgres://...): use it as it is.
#   - otherwise: start a throwaway cluster (initdb in a temporary folder, a free port on
#     127.0.0.1, run as the `postgres` user when invoked as root), export DATABASE_URL,
#     run the command, and stop and remove the cluster afterwards, even when it fails.
# Never falls back to SQLite.
set -euo pipefail

if [[ "${DATABASE_URL:-}" == postgres://* || "${DATABASE_URL:-}" == postgresql://* ]]; then
  exec "$@"
fi

find_bindir() {
  if [[ -n "${PG_BINDIR:-}" && -x "$PG_BINDIR/initdb" ]]; then echo "$PG_BINDIR"; return; fi
  if command -v pg_config >/dev/null 2>&1; then
    local d; d=$(pg_config --bindir 2>/dev/null || true)
    if [[ -x "$d/initdb" ]]; then echo "$d"; return; fi
  fi
  local candidate
  for candidate in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r) /usr/local/pgsql/bin /usr/local/bin /usr/bin; do
    if [[ -x "$candidate/initdb" && -x "$candidate/pg_ctl" ]]; then echo "$candidate"; return; fi
  done
  if command -v initdb >/dev/null 2>&1; then dirname "$(command -v initdb)"; return; fi
  return 1
}

if ! BINDIR=$(find_bindir); then
  cat >&2 <<'MSG'
error: PostgreSQL server binaries (initdb, pg_ctl, postgres) were not found.
The test suite runs on a real PostgreSQL and never falls back to SQLite.
Install the server, e.g. on Debian/Ubuntu:  sudo apt-get install postgresql
or point DATABASE_URL at a PostgreSQL you can create databases on:
  DATABASE_URL=postgres://user:password@127.0.0.1:5432/aktiv make test
MSG
  exit 2
fi

PGTMP=$(mktemp -d "${TMPDIR:-/tmp}/aktiv-pg.XXXXXX")
DATA="$PGTMP/data"
SOCK="$PGTMP/sock"
mkdir -p "$DATA" "$SOCK"
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')

as_pg() {
  if [[ $(id -u) -eq 0 ]]; then
    chown -R postgres:postgres "$PGTMP"
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

cleanup() {
  local status=$?
  as_pg "$BINDIR/pg_ctl" -D "$DATA" -m immediate -w stop >/dev/null 2>&1 || true
  rm -rf "$PGTMP"
  exit $status
}
trap cleanup EXIT INT TERM

if [[ $(id -u) -eq 0 ]] && ! id postgres >/dev/null 2>&1; then
  useradd --system --home-dir "$PGTMP" --shell /usr/sbin/nologin postgres
fi

as_pg "$BINDIR/initdb" -D "$DATA" -A trust -U postgres -E UTF8 --locale=C.UTF-8 >"$PGTMP/initdb.log" 2>&1 \
  || { cat "$PGTMP/initdb.log" >&2; exit 1; }
as_pg "$BINDIR/pg_ctl" -D "$DATA" -l "$PGTMP/server.log" -w -t 60 \
  -o "-p $PORT -k $SOCK -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
  start >/dev/null || { cat "$PGTMP/server.log" >&2; exit 1; }

export DATABASE_URL="postgres://postgres@127.0.0.1:$PORT/postgres"
export AKTIV_PG_BINDIR="$BINDIR" AKTIV_PG_DATA="$DATA" AKTIV_PG_SOCKET="$SOCK" AKTIV_PG_PORT="$PORT"
echo "Throwaway PostgreSQL $("$BINDIR/postgres" --version | awk '{print $3}') on 127.0.0.1:$PORT"
set +e
if [[ $(id -u) -eq 0 ]]; then chmod 755 "$PGTMP"; fi
"$@"
status=$?
exit $status
