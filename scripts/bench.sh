#!/usr/bin/env bash
# Runs the benchmarks of BENCHMARKS.md that exist so far and prints one line per measure:
#   B1 health  median=…/s floor=…/s ratio=…  p99=…ms runs=N
#   B2 idle    idle=256 … p50=… p99=… max=… dropped=…
#   B3 intake, B7 code lookup / filtered pages / Chinese search, B8 footprint on 1M generated samples
#   B4 instrument result ingestion (batches of 96, and one at a time)
#   columns: rows read through a column map against positional reads (assay/Columns.hpp)
#   platform search (1M catalogue rows, 16 searchers) and feed ingestion (signed messages/s)
#   B5 signed certificate PDFs (render + hash + sign + CMS) on 1 and 2 threads, and B1 again while
#      one thread renders reports at full speed (the batch must not push B1's p99 over 20 ms)
# Everything runs on 127.0.0.1, bounded in time and count.
#   scripts/bench.sh                  full runs (3 × 5 s per server) on build/release
#   scripts/bench.sh --smoke          1 × 1 s, small counts: proves the harness works (CI)
#   --build-dir DIR                   use another build tree
#   --no-build                        measure the binaries already built (no install, no build)
# Settings: SQLite (synchronous FULL), log.level=warn, default http.* settings.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SMOKE=0
BUILD_FIRST=1
BUILD="$ROOT/build/release"
while [ $# -gt 0 ]; do
  case "$1" in
    --smoke) SMOKE=1; shift ;;
    --build-dir) BUILD="$2"; shift 2 ;;
    --no-build) BUILD_FIRST=0; shift ;;
    *) echo "usage: $0 [--smoke] [--build-dir DIR] [--no-build]" >&2; exit 2 ;;
  esac
done
if [ "$SMOKE" = 0 ]; then
  if [ "$BUILD_FIRST" = 1 ]; then
    "$ROOT/scripts/install-deps.sh" --test
    cmake -S "$ROOT" -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
    cmake --build "$BUILD" --parallel 2
  fi
  RUNS=3; DUR=5s; IDLE=256; PROBES=200; SAMPLES=1000000; LOOKUPS=20000; INTAKE_S=5; BATCHES=200; SINGLES=500; REPORTS=500; MARGIN_S=3
else
  RUNS=1; DUR=1s; IDLE=32; PROBES=20; SAMPLES=2000; LOOKUPS=200; INTAKE_S=0.5; BATCHES=5; SINGLES=10; REPORTS=6; MARGIN_S=1
fi
DUR_S="${DUR%s}"
# In a sanitizer build: fontconfig's one-time configuration (pango, B5) is not a leak (as in scripts/test.sh).
export LSAN_OPTIONS="${LSAN_OPTIONS:-suppressions=$ROOT/tests/lsan-suppressions.txt:print_suppressions=0}"
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

# B5's third target: B1 again while a batch of reports renders at full speed beside it, with the
# worker count the server would give a batch (1 thread, leaving a core for requests). The batch is
# bench_reports in its own process (there is no batch issue in assayd yet): the same CPU load.
b1_under_batch() {  # label, then the command prefix for the renderer (e.g. nice -n 19)
  local label="$1"; shift
  rm -f "$TMP/render.ready"
  "$@" "$BUILD/tests/bench_reports" --threads 1 --seconds "$(awk -v r="$RUNS" -v d="$DUR_S" -v m="$MARGIN_S" 'BEGIN { print r * d + m }')" \
    --variants 4 --ready-file "$TMP/render.ready" >"$TMP/render.out" 2>&1 &
  local rp=$!
  pids+=("$rp")
  for _ in $(seq 600); do [ -e "$TMP/render.ready" ] && break; kill -0 "$rp" 2>/dev/null || break; sleep 0.1; done
  [ -e "$TMP/render.ready" ] || { cat "$TMP/render.out" >&2; echo "bench_reports did not start" >&2; return 1; }
  local rps=() p99s=()
  for _ in $(seq "$RUNS"); do
    read -r r p <<<"$(run_wrk "http://127.0.0.1:$ASSAYD_PORT/api/health")"; rps+=("$r"); p99s+=("$p")
  done
  wait "$rp" || { cat "$TMP/render.out" >&2; echo "bench_reports failed beside B1" >&2; return 1; }
  local rate
  rate="$(awk '/^B5 reports_signed/ { for (i = 1; i <= NF; ++i) if ($i ~ /^median=/) { sub("median=", "", $i); print $i } }' "$TMP/render.out")"
  awk -v a="$(printf '%s\n' "${rps[@]}" | median)" -v p="$(printf '%s\n' "${p99s[@]}" | median)" -v alone="$P" -v r="$rate" -v n="$RUNS" -v l="$label" \
    'BEGIN { printf "B5 b1_beside_batch%s  median=%.0f/s  p99=%.2fms  (alone p99=%.2fms)  batch=%s reports/s on 1 thread  runs=%d\n", l, a, p, alone, r, n }'
}
b1_under_batch ""
[ "$SMOKE" = 1 ] || b1_under_batch "_nice19" nice -n 19

b2="$("$BUILD/tests/bench_http" idle --port "$ASSAYD_PORT" --idle "$IDLE" --probes "$PROBES")"
echo "B2 idle    $b2"

# The sample register (SQLite, WAL, synchronous NORMAL as the host sets it), in process.
"$BUILD/tests/bench_intake" --dir "$TMP/intake" --samples "$SAMPLES" --lookups "$LOOKUPS" --intake-seconds "$INTAKE_S"

# The platform (issue 14): catalogue search with 1M rows of 2,000 labs on 16 searchers, and the
# feed's ingestion of signed messages, in process on SQLite.
if [ "$SMOKE" = 0 ]; then
  "$BUILD/tests/bench_platform" --dir "$TMP/platform" --labs 2000 --rows 500 --threads 16 --seconds "$DUR_S" --messages 20000 --ingest-labs 100
else
  "$BUILD/tests/bench_platform" --dir "$TMP/platform" --labs 20 --rows 50 --threads 4 --seconds 1 --messages 200 --ingest-labs 10
fi

# Reading rows through a column map against the positional reads it replaced (in-memory SQLite).
if [ "$SMOKE" = 0 ]; then "$BUILD/tests/bench_columns" 50000 15; else "$BUILD/tests/bench_columns" 500 2; fi

# Instrument result ingestion (B4): store raw + parse + stage, in process.
"$BUILD/tests/bench_capture" --dir "$TMP/capture" --batches "$BATCHES" --singles "$SINGLES"

# Signed certificate PDFs (B5): render, hash, sign, CMS, in process, on 1 and 2 worker threads.
# Every PDF is compared with its single-threaded render; the smoke also verifies every signature.
if [ "$SMOKE" = 0 ]; then
  "$BUILD/tests/bench_reports" --threads 1 --reports "$REPORTS" --runs "$RUNS"
  "$BUILD/tests/bench_reports" --threads 2 --reports "$REPORTS" --runs "$RUNS"
else
  "$BUILD/tests/bench_reports" --threads 2 --reports "$REPORTS" --variants 2 --warmup 2 --verify --out "$TMP/reports"
  head -c 5 "$TMP/reports/report-0.pdf" | grep -q '^%PDF-' || { echo "bench_reports: report-0.pdf is not a PDF" >&2; exit 1; }
  if command -v openssl >/dev/null; then  # the detached signature, checked as docs/verification.md does
    openssl cms -verify -binary -inform DER -in "$TMP/reports/report-0.p7s" -content "$TMP/reports/report-0.pdf" \
      -CAfile "$TMP/reports/cert.pem" -out /dev/null 2>"$TMP/cms.err" ||
      { cat "$TMP/cms.err" >&2; echo "bench_reports: the CMS of report-0.pdf does not verify" >&2; exit 1; }
  fi
fi
