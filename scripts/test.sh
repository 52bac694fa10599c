#!/usr/bin/env bash
# One command to test Assay: install what is missing (mariadb-server, chromium, playwright-core
# from npm ...), build the sanitizer build (Debug, address+undefined, -Werror) into build/asan,
# start a throwaway MariaDB on 127.0.0.1 (scripts/mariadb.sh; stopped at exit), and run ctest:
# unit, db (the same contract suite on SQLite and on MariaDB), http (a real assayd on a free
# port) and e2e (headless Chromium). Exits non-zero on any failure; ends with ctest's summary.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
scripts/install-deps.sh --test
(cd tests/e2e && if [ ! -d node_modules/playwright-core ]; then npm ci --no-audit --no-fund --loglevel=error; fi)

cmake -S . -B build/asan -G Ninja -DCMAKE_BUILD_TYPE=Debug -DASSAY_SANITIZE="address;undefined" -DASSAY_WERROR=ON >/dev/null
cmake --build build/asan --parallel 2

export MARIADB_PORT="${MARIADB_PORT:-33061}"
trap '"$ROOT/scripts/mariadb.sh" stop || true' EXIT
ASSAY_TEST_MYSQL_URL="$(scripts/mariadb.sh start | tail -1)"
export ASSAY_TEST_MYSQL_URL
export ASAN_OPTIONS="detect_leaks=1:abort_on_error=1"
# Third-party one-time allocations only (fontconfig's configuration, kept for the process life).
export LSAN_OPTIONS="suppressions=$ROOT/tests/lsan-suppressions.txt:print_suppressions=0"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
export ASSAY_E2E_OUT="$ROOT/build"
cd build/asan
ctest --output-on-failure --timeout 600 "$@"
