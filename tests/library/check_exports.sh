#!/usr/bin/env bash
# The shared library exports the public API and nothing else: every defined dynamic symbol,
# demangled, is in namespace scamguard (or its type information or virtual table), or a C API
# function scamguard_*. Usage: check_exports.sh libscamguard.so
set -euo pipefail
library=$1
exports=$(nm -D --defined-only "$library" | awk '{print $3}' | c++filt)
count=$(printf '%s\n' "$exports" | grep -c . || true)
stray=$(printf '%s\n' "$exports" | grep -Ev \
  '^(scamguard::|scamguard_|typeinfo for scamguard::|typeinfo name for scamguard::|vtable for scamguard::)' \
  | grep . || true)
if [ -n "$stray" ]; then
  echo "$library exports symbols outside scamguard:: and scamguard_:" >&2
  printf '%s\n' "$stray" >&2
  exit 1
fi
[ "$count" -gt 20 ] || { echo "$library exports only $count symbols" >&2; exit 1; }
echo "$library: $count symbols, all in scamguard:: or scamguard_"
