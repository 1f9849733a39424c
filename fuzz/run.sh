#!/usr/bin/env bash
# Runs every fuzzer for a bounded time on a copy of its seed corpus; fails on the first crash,
# leak, timeout or out-of-memory (libFuzzer exits non-zero and writes the input that did it to
# the work directory, which is printed). Prints one line per fuzzer and the totals.
#   fuzz/run.sh [build-dir (build/fuzz)] [seconds per fuzzer (60)]
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build/fuzz} seconds=${2:-60}
work=$(mktemp -d)
total=0
status=0
printf '%-12s %12s %10s %8s\n' fuzzer executions exec/s crashes
for seeds in fuzz/corpus/*/; do
  name=$(basename "$seeds")
  mkdir -p "$work/$name/corpus" "$work/$name/artifacts"
  cp "$seeds"* "$work/$name/corpus/"
  rc=0
  "$build/fuzz/fuzz_$name" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
    -max_len=65536 -print_final_stats=1 -artifact_prefix="$work/$name/artifacts/" \
    "$work/$name/corpus" > "$work/$name/log" 2>&1 || rc=$?
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$work/$name/log" | tail -1)
  speed=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$work/$name/log" | tail -1)
  crashes=$(find "$work/$name/artifacts" -type f | wc -l)
  printf '%-12s %12s %10s %8s\n' "$name" "${runs:-?}" "${speed:-?}" "$crashes"
  total=$((total + ${runs:-0}))
  if [ "$rc" -ne 0 ] || [ "$crashes" -ne 0 ]; then
    status=1
    echo "fuzz_$name failed (exit $rc); its log and inputs are in $work/$name:" >&2
    grep -E "ERROR|SUMMARY|Test unit written" "$work/$name/log" >&2 || tail -20 "$work/$name/log" >&2
  fi
done
echo "total executions: $total"
[ "$status" -eq 0 ] && rm -rf "$work"
exit "$status"
