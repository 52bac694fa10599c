#!/usr/bin/env bash
# Installs the Debian 12 packages Assay needs, only those missing (idempotent, as root).
#   scripts/install-deps.sh          build + run packages
#   scripts/install-deps.sh --test   also the test packages (mariadb-server, chromium, node/npm)
set -euo pipefail
PKGS=(build-essential cmake ninja-build pkg-config git ca-certificates curl
      libpoco-dev libsoci-dev libsqlite3-dev sqlite3 libmariadb-dev libssl-dev libsodium-dev
      libboost-test-dev libxlsxwriter-dev libzint-dev libcairo2-dev libpango1.0-dev fonts-wqy-zenhei)
if [ "${1:-}" = "--test" ]; then
  PKGS+=(mariadb-server mariadb-client mariadb-plugin-mroonga chromium nodejs npm openssl poppler-utils wrk python3-openpyxl zbar-tools clang)
fi
missing=()
for p in "${PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# node/npm may come from outside Debian on some machines: accept a working one.
if command -v node >/dev/null && command -v npm >/dev/null; then
  tmp=(); for p in "${missing[@]}"; do [[ "$p" == nodejs || "$p" == npm ]] || tmp+=("$p"); done
  missing=("${tmp[@]+"${tmp[@]}"}")
fi
if [ "${#missing[@]}" -gt 0 ]; then
  if [ "$(id -u)" != 0 ]; then echo "missing packages (run as root): ${missing[*]}" >&2; exit 1; fi
  echo "installing: ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
