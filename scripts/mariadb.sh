#!/usr/bin/env bash
# Start or stop a throwaway MariaDB on 127.0.0.1 for tests: its own datadir and port, no systemd.
#   scripts/mariadb.sh start   creates the datadir on first use, starts mariadbd, creates the
#                              database and user, prints the ASSAY_DB_URL to use
#   scripts/mariadb.sh stop    clean shutdown (waits for the process to exit)
# env: MARIADB_DIR (default build/mariadb), MARIADB_PORT (default 33061)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DIR="${MARIADB_DIR:-$ROOT/build/mariadb}"
PORT="${MARIADB_PORT:-33061}"
DATADIR="$DIR/data"
SOCK="/tmp/assay-mariadb-$PORT.sock"   # a socket path must stay under ~107 bytes
DB=assay_test USER=assay PASS=assay-test-pw

case "${1:-}" in
start)
  mkdir -p "$DIR"
  if [ -S "$SOCK" ] && mariadb-admin --no-defaults --socket="$SOCK" -uroot ping >/dev/null 2>&1; then
    echo "mariadb already running on port $PORT" >&2
  else
    if [ ! -d "$DATADIR/mysql" ]; then
      mkdir -p "$DATADIR"
      mariadb-install-db --no-defaults --user=root --datadir="$DATADIR" \
        --skip-test-db --auth-root-authentication-method=socket >"$DIR/install.log" 2>&1 \
        || { cat "$DIR/install.log" >&2; exit 1; }
    fi
    mariadbd --no-defaults --user=root --datadir="$DATADIR" --socket="$SOCK" --port="$PORT" \
      --bind-address=127.0.0.1 --skip-name-resolve --pid-file="$DIR/mariadbd.pid" \
      --log-error="$DIR/error.log" --innodb-buffer-pool-size=256M \
      --innodb-flush-log-at-trx-commit=2 \
      --character-set-server=utf8mb4 --collation-server=utf8mb4_unicode_ci \
      --plugin-load-add=ha_mroonga \
      </dev/null >/dev/null 2>&1 &
    pid=$!
    up=0
    for _ in $(seq 1 300); do   # up to 30 s
      if mariadb-admin --no-defaults --socket="$SOCK" -uroot ping >/dev/null 2>&1; then up=1; break; fi
      kill -0 "$pid" 2>/dev/null || { cat "$DIR/error.log" >&2; exit 1; }
      sleep 0.1
    done
    [ "$up" = 1 ] || { echo "mariadbd did not come up" >&2; exit 1; }
  fi
  mariadb --no-defaults --socket="$SOCK" -uroot -e "
    CREATE DATABASE IF NOT EXISTS $DB CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
    CREATE USER IF NOT EXISTS '$USER'@'127.0.0.1' IDENTIFIED BY '$PASS';
    GRANT ALL PRIVILEGES ON *.* TO '$USER'@'127.0.0.1';"
  echo "mysql://$USER:$PASS@127.0.0.1:$PORT/$DB"
  ;;
stop)
  [ -f "$DIR/mariadbd.pid" ] || exit 0
  pid=$(cat "$DIR/mariadbd.pid")
  # A stale pid file may name an unrelated process: only ever signal our mariadbd.
  if [ "$(cat "/proc/$pid/comm" 2>/dev/null)" != "mariadbd" ]; then rm -f "$DIR/mariadbd.pid"; exit 0; fi
  mariadb-admin --no-defaults --socket="$SOCK" -uroot shutdown 2>/dev/null || kill "$pid" 2>/dev/null || true
  for _ in $(seq 1 300); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done   # up to 30 s
  kill -0 "$pid" 2>/dev/null && { echo "mariadbd did not stop; killing it" >&2; kill -9 "$pid" 2>/dev/null || true; }
  rm -f "$DIR/mariadbd.pid"
  ;;
*) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
