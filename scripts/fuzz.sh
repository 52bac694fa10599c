#!/usr/bin/env bash
# Builds the libFuzzer targets of tests/fuzz with clang (ASan/UBSan) and runs each, seeded from
# the instrument fixtures. Bounded in time.
#   scripts/fuzz.sh --smoke     5 s per target (CI)
#   scripts/fuzz.sh [SECONDS]   SECONDS per target (default 60); prints executions per target
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SECONDS_EACH=60
[ "${1:-}" = "--smoke" ] && SECONDS_EACH=5
[[ "${1:-}" =~ ^[0-9]+$ ]] && SECONDS_EACH="$1"
OUT="${ASSAY_FUZZ_OUT:-$ROOT/build/fuzz}"
mkdir -p "$OUT"
command -v clang++ >/dev/null || { echo "clang++ is missing (scripts/install-deps.sh --test installs clang)" >&2; exit 1; }
FLAGS=(-std=c++20 -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined -I"$ROOT/instruments")
declare -A SOURCES=(
  [fuzz_astm_link]="instruments/astm/AstmLink.cpp"
  [fuzz_astm_records]="instruments/astm/AstmRecords.cpp"
  [fuzz_hl7]="instruments/hl7/Hl7.cpp"
  [fuzz_mtsics]="instruments/mtsics/MtSics.cpp"
  [fuzz_delimited]="instruments/delimited/DelimitedTable.cpp"
  [fuzz_vendors]="instruments/vendors/VendorExports.cpp instruments/delimited/DelimitedTable.cpp"
)
declare -A SEEDS=(
  [fuzz_astm_link]="instruments/astm/testdata" [fuzz_astm_records]="instruments/astm/testdata"
  [fuzz_hl7]="instruments/hl7/testdata" [fuzz_mtsics]="instruments/mtsics/testdata" [fuzz_delimited]="instruments/delimited/testdata"
  [fuzz_vendors]="instruments/vendors/testdata"
)
declare -A SHARED=([fuzz_astm_records]=astm [fuzz_astm_link]=astm [fuzz_hl7]=hl7 [fuzz_mtsics]=mtsics [fuzz_delimited]=vendor [fuzz_vendors]=vendor)
status=0
for t in fuzz_astm_link fuzz_astm_records fuzz_hl7 fuzz_mtsics fuzz_delimited fuzz_vendors; do
  read -ra srcs <<<"${SOURCES[$t]}"  # one or more sources, separated by spaces
  clang++ "${FLAGS[@]}" "$ROOT/tests/fuzz/$t.cpp" "${srcs[@]/#/$ROOT/}" -o "$OUT/$t"
  corpus="$OUT/corpus-$t"
  mkdir -p "$corpus"
  cp "$ROOT/${SEEDS[$t]}"/* "$corpus/" 2>/dev/null || true
  [ -d "$ROOT/../shared/instrument-samples/${SHARED[$t]}" ] && cp "$ROOT/../shared/instrument-samples/${SHARED[$t]}"/* "$corpus/" 2>/dev/null || true
  log="$OUT/$t.log"
  if "$OUT/$t" -max_total_time="$SECONDS_EACH" -max_len=65536 -rss_limit_mb=1024 -artifact_prefix="$OUT/$t-" "$corpus" >"$log" 2>&1; then
    execs="$(grep -Eo 'Done [0-9]+ runs' "$log" | tail -1 | grep -Eo '[0-9]+' || true)"
    echo "$t: ${execs:-?} executions in ${SECONDS_EACH}s, no crash"
  else
    echo "$t: FAILED (see $log and $OUT/$t-crash-*)" >&2
    tail -30 "$log" >&2
    status=1
  fi
done
exit $status
