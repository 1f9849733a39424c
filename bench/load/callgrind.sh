#!/usr/bin/env bash
# Instructions per request of scamguardd, counted by valgrind's callgrind: steadier than any
# wall-clock figure on a shared machine, and what before/after comparisons of the server's
# request path quote.
#
#   bench/load/callgrind.sh [build-dir] [wrk-script] [duration]
#   bench/load/callgrind.sh build/release bench/load/check.lua 10s
#
# Runs the daemon under callgrind on a free loopback port with a fresh database, zeroes the
# counters once it answers, runs `wrk -t1 -c4` with the script, dumps, and prints the
# instructions per request and the most expensive functions (inclusive). The profile stays in
# the printed directory for callgrind_annotate.
set -euo pipefail
cd "$(dirname "$0")/../.."
build=${1:-build/release}
script=${2:-bench/load/check.lua}
duration=${3:-10s}
command -v valgrind > /dev/null || { echo "valgrind is not installed" >&2; exit 2; }
command -v wrk > /dev/null || { echo "wrk is not installed (apt-get install wrk)" >&2; exit 2; }
work=$(mktemp -d)
valgrind --tool=callgrind --callgrind-out-file="$work/callgrind.out" \
  "$build/apps/scamguardd/scamguardd" --listen 127.0.0.1:0 --db "$work/calls.db" \
  --ready-file "$work/port" --pattern-cache "$work/cache" 2> "$work/daemon.log" &
pid=$!
trap 'kill -TERM $pid 2> /dev/null || true' EXIT
for _ in $(seq 1200); do [ -s "$work/port" ] && break; sleep 0.1; done
url="http://127.0.0.1:$(cat "$work/port")"
callgrind_control -z "$pid" > /dev/null 2>&1
wrk -t1 -c4 -d"$duration" -s "$script" "$url" > "$work/wrk.out"
callgrind_control -d "$pid" > /dev/null 2>&1
kill -TERM "$pid"
wait "$pid" || true
trap - EXIT
requests=$(awk '/requests in/ {print $1}' "$work/wrk.out")
profile=$(ls -t "$work"/callgrind.out.* | head -1)
callgrind_annotate --inclusive=yes "$profile" > "$work/annotate.txt"
total=$(awk '/PROGRAM TOTALS/ {gsub(",", "", $1); print $1}' "$work/annotate.txt")
echo "# $script: $requests requests, $(( total / requests )) instructions per request ($profile)"
awk -v n="$requests" '/^ *[0-9,]+ \(/ && ++shown <= 40 {
  count = $1; gsub(",", "", count); $1 = ""; $2 = ""
  printf "%9d  %s\n", count / n, substr($0, 3, 140) }' "$work/annotate.txt"
