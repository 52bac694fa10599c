#!/usr/bin/env bash
# Reads built binaries with readelf (binutils, part of build-essential) and checks the hardening
# the build promises (docs/architecture.md): PIE (ELF type DYN), BIND_NOW (full RELRO with
# GNU_RELRO), the stack protector (__stack_chk_fail referenced), and in an optimised build glibc's
# checked functions (__*_chk, _FORTIFY_SOURCE=2). Debian's hardening-check (devscripts) checks the
# same, but devscripts pulls in a large tree of packages: readelf is already there.
#   check-hardening.sh BUILD_TYPE FILE...     (ctest: the test "hardening", label unit)
# The fortify check runs only for Release, RelWithDebInfo and MinSizeRel (it needs the optimiser);
# it asks for checked functions in the host library and the built-in modules' code as a whole,
# since a small executable may call none of the functions glibc checks.
set -uo pipefail
build_type="${1:?build type}"
shift
command -v readelf >/dev/null || { echo "readelf not found (binutils)"; exit 1; }
failed=0 passed=0
fail() { echo "FAIL $1: $2"; failed=$((failed + 1)); }
fortified=0
for f in "$@"; do
  name=$(basename "$f")
  [ -f "$f" ] || { fail "$name" "not built"; continue; }
  ok=1
  # Here-strings, not pipes: grep -q stops reading early, which pipefail would count as a failure.
  grep -Eq 'Type:[[:space:]]+DYN' <<<"$(readelf -h "$f")" || { fail "$name" "not position-independent (ELF type is not DYN)"; ok=0; }
  grep -Eq '\(BIND_NOW\)|\(FLAGS\).*BIND_NOW|\(FLAGS_1\).*NOW' <<<"$(readelf -d "$f")" || { fail "$name" "no BIND_NOW (linked without -z now)"; ok=0; }
  grep -q 'GNU_RELRO' <<<"$(readelf -lW "$f")" || { fail "$name" "no GNU_RELRO segment (linked without -z relro)"; ok=0; }
  syms=$(readelf -sW --dyn-syms "$f")
  grep -q '__stack_chk_fail' <<<"$syms" || { fail "$name" "__stack_chk_fail not referenced (no -fstack-protector-strong)"; ok=0; }
  grep -Eq '__[a-z0-9_]+_chk\b' <<<"$syms" && fortified=$((fortified + 1))
  [ "$ok" = 1 ] && { echo "ok   $name: PIE, BIND_NOW, GNU_RELRO, stack protector"; passed=$((passed + 1)); }
done
case "$build_type" in
  Release|RelWithDebInfo|MinSizeRel)
    if [ "$fortified" -gt 0 ]; then echo "ok   _FORTIFY_SOURCE: checked functions (__*_chk) in $fortified of $# files"; passed=$((passed + 1))
    else fail "_FORTIFY_SOURCE" "no __*_chk function referenced in any file of a $build_type build"; fi ;;
  *) echo "skip _FORTIFY_SOURCE: a $build_type build is not optimised" ;;
esac
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
