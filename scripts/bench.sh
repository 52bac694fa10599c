#!/usr/bin/env bash
# Runs the benchmarks of BENCHMARKS.md that exist so far and prints one line per measure:
#   B1 health  median=…/s floor=…/s ratio=…  p99=…ms runs=N
#   B2 idle    idle=256 … p50=… p99=… max=… dropped=…
#   B3 intake, B7 code lookup / filtered pages / Chinese search, B8 footprint on 1M generated samples
#   B4 instrument result ingestion (batches of 96, and one at a time)
# Everything runs on 127.0.0.1, bounded in time and count.
#   scripts/bench.sh                  full runs (3 × 5 s per server) on build/release
#   scripts/bench.sh --smoke          1 × 1 s, small counts: proves the harness works (CI)
#   --build-dir DIR                   use another build tree
# Settings: SQLite (synchronous FULL), log.level=warn, default http.* settings.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SMOKE=0
BUILD="$ROOT/build/release"
while [ $# -gt 0 ]; do
  case "$1" in
    --smoke) SMOKE=1; shift ;;
    --build-dir) BUILD="$2"; shift 2 ;;
    *) echo "usage: $0 [--smoke] [--build-dir DIR]" >&2; exit 2 ;;
  esac
done
if [ "$SMOKE" = 0 ]; then
  "$ROOT/scripts/install-deps.sh" --test
  cmake -S "$ROOT" -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
  cmake --build "$BUILD" --parallel 2
  RUNS=3; DUR=5s; IDLE=256; PROBES=200; SAMPLES=1000000; LOOKUPS=20000; INTAKE_S=5; BATCHES=200; SINGLES=500
else
  RUNS=1; DUR=1s; IDLE=32; PROBES=20; SAMPLES=2000; LOOKUPS=200; INTAKE_S=0.5; BATCHES=5; SINGLES=10
fi
command -v wrk >/dev/null || { echo "wrk is missing (scripts/install-deps.sh --test installs it)" >&2; exit 1; }

TMP="$(mktemp -d)"
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done; rm -rf "$TMP"; }
trap cleanup EXIT

wait_port() {  # file -> port, 60 s deadline
  for _ in $(seq 600); do [ -s "$1" ] && { cat "$1"; return 0; }; sleep 0.1; done
  echo "server did not start ($1)" >&2; return 1
}

"$BUILD/tests/bench_http" floor --port-file "$TMP/floor.port" >/dev/null 2>&1 &
pids+=($!)
ASSAY_HTTP_PORT=0 ASSAY_HTTP_PORT_FILE="$TMP/assayd.port" ASSAY_DB_URL="sqlite:$TMP/assay.db" \
ASSAY_DATA_DIR="$TMP" ASSAY_ADMIN_PASSWORD="Bench-admin-pw-1" ASSAY_LOG_LEVEL=warn \
  "$BUILD/server/assayd" >"$TMP/assayd.out" 2>&1 &
pids+=($!)
FLOOR_PORT="$(wait_port "$TMP/floor.port")"
ASSAYD_PORT="$(wait_port "$TMP/assayd.port")"

# wrk -> "requests_per_s p99_ms"
run_wrk() {
  wrk -t2 -c64 -d"$DUR" --latency "$1" | awk '
    /Requests\/sec:/ { rps = $2 }
    $1 == "99%" { v = $2; u = v; gsub(/[0-9.]/, "", u); gsub(/[a-z]/, "", v);
                  if (u == "us") v = v / 1000; else if (u == "s") v = v * 1000; p99 = v }
    END { printf "%s %s\n", rps, p99 }'
}
median() { sort -g | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }

floor_rps=(); assay_rps=(); assay_p99=()
run_wrk "http://127.0.0.1:$FLOOR_PORT/api/health" >/dev/null   # warm-up
run_wrk "http://127.0.0.1:$ASSAYD_PORT/api/health" >/dev/null
for _ in $(seq "$RUNS"); do
  read -r r _p <<<"$(run_wrk "http://127.0.0.1:$FLOOR_PORT/api/health")"; floor_rps+=("$r")
  read -r r p <<<"$(run_wrk "http://127.0.0.1:$ASSAYD_PORT/api/health")"; assay_rps+=("$r"); assay_p99+=("$p")
done
F="$(printf '%s\n' "${floor_rps[@]}" | median)"
A="$(printf '%s\n' "${assay_rps[@]}" | median)"
P="$(printf '%s\n' "${assay_p99[@]}" | median)"
awk -v a="$A" -v f="$F" -v p="$P" -v n="$RUNS" \
  'BEGIN { printf "B1 health  median=%.0f/s  floor=%.0f/s  ratio=%.2f  p99=%.2fms  runs=%d\n", a, f, (f > 0 ? a / f : 0), p, n }'

b2="$("$BUILD/tests/bench_http" idle --port "$ASSAYD_PORT" --idle "$IDLE" --probes "$PROBES")"
echo "B2 idle    $b2"

# The sample register (SQLite, WAL, synchronous NORMAL as the host sets it), in process.
"$BUILD/tests/bench_intake" --dir "$TMP/intake" --samples "$SAMPLES" --lookups "$LOOKUPS" --intake-seconds "$INTAKE_S"

# Instrument result ingestion (B4): store raw + parse + stage, in process.
"$BUILD/tests/bench_capture" --dir "$TMP/capture" --batches "$BATCHES" --singles "$SINGLES"
