#!/usr/bin/env bash
# One platform and two lab instances, each its own assayd process and SQLite database, on
# 127.0.0.1 (issue 14, modules/platform/README.md):
#   platform  http://127.0.0.1:8090  role platform (with the two demo feeds of other regions)
#   lab 1     http://127.0.0.1:8091  role lab, the demo lab 广东省质量检验检测研究院 (GDQT)
#   lab 2     http://127.0.0.1:8092  role lab, a second demo lab, 佛山示例检测中心
# The labs create their instance keys and ask to enrol over the link; the operator (platform.op)
# approves both; then each lab's catalogue arrives on the platform.
#   scripts/platform-demo.sh          build if needed, start the three, enrol, show a search
#   scripts/platform-demo.sh stop     stop them
# Data in var/platform-demo/ (removed on each start). Ports: ASSAY_PLATFORM_DEMO_PORT (8090; the
# labs take the next two). Password of every demo user: Assay-demo-2026.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
DIR="$ROOT/var/platform-demo"
P=${ASSAY_PLATFORM_DEMO_PORT:-8090}
L1=$((P + 1))
L2=$((P + 2))

stop() {
  for f in "$DIR"/*/assayd.pid; do
    [ -f "$f" ] || continue
    pid=$(cat "$f")
    if [ "$(cat "/proc/$pid/comm" 2>/dev/null)" = "assayd" ]; then kill "$pid" 2>/dev/null || true; fi
    rm -f "$f"
  done
}
if [ "${1:-}" = "stop" ]; then stop; exit 0; fi

BIN="${ASSAY_BIN_DIR:-$ROOT/build/release/server}"
if [ ! -x "$BIN/assayd" ]; then
  scripts/install-deps.sh
  cmake -S . -B build/release -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
  cmake --build build/release --parallel 2
fi
stop
rm -rf "$DIR"
mkdir -p "$DIR"

# start NAME PORT ROLE [VAR=VALUE ...]: its own data dir and database, the demo, then assayd.
start() {
  local name=$1 port=$2 role=$3
  shift 3
  mkdir -p "$DIR/$name"
  env ASSAY_INSTANCE_ROLE="$role" ASSAY_DB_URL="sqlite:$DIR/$name/assay.db" ASSAY_DATA_DIR="$DIR/$name" \
    ASSAY_HTTP_PORT="$port" ASSAY_INTAKE_DEFAULT_SITE=天河实验室 ASSAY_OUTBOX_POLL_MS=200 ASSAY_OUTBOX_BACKOFF_MAX_MS=5000 "$@" \
    "$BIN/assayctl" demo >"$DIR/$name/demo.log" 2>&1
  env ASSAY_INSTANCE_ROLE="$role" ASSAY_DB_URL="sqlite:$DIR/$name/assay.db" ASSAY_DATA_DIR="$DIR/$name" \
    ASSAY_HTTP_PORT="$port" ASSAY_INTAKE_DEFAULT_SITE=天河实验室 ASSAY_OUTBOX_POLL_MS=200 ASSAY_OUTBOX_BACKOFF_MAX_MS=5000 "$@" \
    "$BIN/assayd" >"$DIR/$name/assayd.log" 2>&1 &
  echo $! >"$DIR/$name/assayd.pid"
  for _ in $(seq 1 100); do
    curl -fsS "http://127.0.0.1:$port/api/health" >/dev/null 2>&1 && return 0
    sleep 0.2
  done
  echo "$name did not start; see $DIR/$name/assayd.log" >&2
  exit 1
}

login() {  # login PORT USER -> token
  curl -fsS -H 'Content-Type: application/json' -d "{\"username\":\"$2\",\"password\":\"Assay-demo-2026\"}" \
    "http://127.0.0.1:$1/api/auth/login" | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])'
}

enrol() {  # enrol PORT REGION: the lab's manager makes the key and asks the platform
  local t
  t=$(login "$1" manager.liu)
  curl -fsS -H "Authorization: Bearer $t" -H 'Content-Type: application/json' -d '{}' "http://127.0.0.1:$1/api/platform/link/keys" >/dev/null
  curl -fsS -H "Authorization: Bearer $t" -H 'Content-Type: application/json' \
    -d "{\"platform_url\":\"http://127.0.0.1:$P\",\"region\":\"$2\",\"turnaround_days\":7}" \
    "http://127.0.0.1:$1/api/platform/link/enrolment" >/dev/null
}

start platform "$P" platform
start lab1 "$L1" lab
start lab2 "$L2" lab ASSAY_DEMO_LAB_NAME="佛山示例检测中心 (demo)" ASSAY_DEMO_LAB_USCC17=12440604466007890
enrol "$L1" 440106
enrol "$L2" 440604
OP=$(login "$P" platform.op)
for id in $(curl -fsS -H "Authorization: Bearer $OP" "http://127.0.0.1:$P/api/platform/enrolments?state=pending" |
            python3 -c 'import json,sys; [print(i["id"]) for i in json.load(sys.stdin)["items"]]'); do
  curl -fsS -H "Authorization: Bearer $OP" -H 'Content-Type: application/json' -d '{}' \
    "http://127.0.0.1:$P/api/platform/enrolments/$id/approve" >/dev/null
done
echo "Waiting for the labs' catalogues on the platform ..."
for _ in $(seq 1 50); do
  n=$(curl -fsS "http://127.0.0.1:$P/api/catalogue?q=%E9%93%85%20%E5%A4%A7%E7%B1%B3&limit=100" |
      python3 -c 'import json,sys; print(len({i["lab_id"] for i in json.load(sys.stdin)["items"]}))')
  [ "$n" -ge 4 ] && break
  sleep 0.2
done
echo "Labs offering 铅 in 大米 on the platform:"
curl -fsS "http://127.0.0.1:$P/api/catalogue?q=%E9%93%85%20%E5%A4%A7%E7%B1%B3&limit=100" |
  python3 -c 'import json,sys
seen=set()
for i in json.load(sys.stdin)["items"]:
    k=(i["lab_name"],i["standard"],i["schemes"][0])
    if k in seen: continue
    seen.add(k); print("  %s  %s  %s  %s  ¥%s  %s 个工作日" % (i["lab_name"], i["region"], i["standard"], i["schemes"][0], i["price"], i["turnaround_days"]))'
echo
echo "Platform:  http://127.0.0.1:$P/catalogue.html  (operator: platform.op)"
echo "Lab 1:     http://127.0.0.1:$L1/  (manager.liu)      Lab 2: http://127.0.0.1:$L2/"
echo "Stop with: scripts/platform-demo.sh stop"
