#!/usr/bin/env bash
# One command to try Assay: install what is missing, build Release into build/release, migrate
# the embedded SQLite database var/assay.db, create the bootstrap admin (password from
# ASSAY_ADMIN_PASSWORD, or generated and printed once), load the demo lab, and start assayd on
# http://127.0.0.1:8080 (ASSAY_HTTP_PORT overrides). Idempotent: run it again to restart.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
scripts/install-deps.sh
cmake -S . -B build/release -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build/release --parallel 2

mkdir -p var
export ASSAY_DB_URL="${ASSAY_DB_URL:-sqlite:$ROOT/var/assay.db}"
export ASSAY_DATA_DIR="${ASSAY_DATA_DIR:-$ROOT/var}"
export ASSAY_HTTP_PORT="${ASSAY_HTTP_PORT:-8080}"
# The demo lab tests at 天河实验室 (its scope names that site): orders that name no site use it.
export ASSAY_INTAKE_DEFAULT_SITE="${ASSAY_INTAKE_DEFAULT_SITE:-天河实验室}"
build/release/server/assayctl migrate 2> >(grep -v '"level":"info"' >&2 || true)
build/release/server/assayctl demo 2> >(grep -v '"level":"info"' >&2 || true)
echo "Demo users (password Assay-demo-2026 unless ASSAY_DEMO_PASSWORD was set):"
echo "  tech.li tech.wang (technicians)  reviewer.chen  signatory.zhao  manager.liu  sme.he  partner.sun  platform.op (platform operator)"
echo "Public capability catalogue of the platform part (no login): http://127.0.0.1:$ASSAY_HTTP_PORT/catalogue.html"
echo "Starting assayd on http://127.0.0.1:$ASSAY_HTTP_PORT  (Ctrl-C stops it)"
exec build/release/server/assayd
