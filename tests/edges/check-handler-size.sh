#!/usr/bin/env bash
# The handler size rule (docs/architecture.md, "Edges"): every route handler in a module's api/
# folder (a function "Response name(Request& ..., Deps& ...)") is at most 30 lines, its signature
# and closing brace included. Prints each one over the limit and exits 1; 0 when all fit.
set -euo pipefail
ROOT="${1:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}"
status=0
for f in "$ROOT"/modules/*/api/*.cpp "$ROOT"/plugins/*/api/*.cpp; do
    [ -f "$f" ] || continue
    awk -v file="${f#"$ROOT"/}" '
        /^Response [A-Za-z0-9_]+\(Request&/ { start = NR; name = $2; sub(/\(.*/, "", name) }
        start && /^}/ {
            n = NR - start + 1
            if (n > 30) { printf "%s:%d: handler %s has %d lines (at most 30)\n", file, start, name, n; bad = 1 }
            start = 0
        }
        END { exit bad }' "$f" || status=1
done
exit $status
