#!/usr/bin/env bash
# Load test of scamguardd with wrk (Debian package `wrk`): POST /v1/check and turn posting.
#
#   bench/load/run.sh [build-dir] [duration] [connections]
#   bench/load/run.sh build/dev 10s 32
#
# Starts the daemon on a free loopback port with a fresh database in a temp directory, opens
# CALLS calls, runs wrk against each route, prints wrk's latency distribution and the store's
# commit counters, and stops the daemon with SIGTERM.
set -euo pipefail
cd "$(dirname "$0")/../.."
build=${1:-build/dev}
duration=${2:-10s}
connections=${3:-32}
export CALLS=${CALLS:-256}
threads=${WRK_THREADS:-2}

command -v wrk > /dev/null || { echo "wrk is not installed (apt-get install wrk)" >&2; exit 2; }
ulimit -n "$(ulimit -Hn)"  # 1,000 connections need more descriptors than the soft default
work=$(mktemp -d)
daemon_pid=""
cleanup() {
  if [ -n "$daemon_pid" ]; then kill -TERM "$daemon_pid" 2> /dev/null || true; wait "$daemon_pid" || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

# CONFIG=file.toml runs the daemon with that --config (flags still set listen and db).
"$build/apps/scamguardd/scamguardd" ${CONFIG:+--config "$CONFIG"} --listen 127.0.0.1:0 \
  --db "$work/calls.db" --ready-file "$work/port" --pattern-cache "$work/cache" \
  2> "$work/daemon.log" &
daemon_pid=$!
for _ in $(seq 1200); do [ -s "$work/port" ] && break; sleep 0.1; done
port=$(cat "$work/port")
url="http://127.0.0.1:$port"
echo "# scamguardd on $url, database $work/calls.db (WAL, synchronous=FULL)"
echo "# $(nproc) cores: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"

python3 - "$port" "$CALLS" <<'PY'
import http.client, json, sys
port, calls = int(sys.argv[1]), int(sys.argv[2])
conn = http.client.HTTPConnection("127.0.0.1", port)
for i in range(calls):
    body = json.dumps({"id": f"load-{i}", "caller": "+61412345678", "ingress": "international"})
    conn.request("POST", "/v1/calls", body, {"Content-Type": "application/json"})
    response = conn.getresponse()
    response.read()
    assert response.status == 201, response.status
PY

# The daemon's CPU time (user + system, clock ticks) from /proc: per request it depends far less
# on the other load of a shared machine than throughput and latency do.
cpu_ticks() { awk '{print $14 + $15}' "/proc/$daemon_pid/stat"; }
run_wrk() {  # SCRIPT
  local before after requests
  before=$(cpu_ticks)
  wrk -t"$threads" -c"$connections" -d"$duration" --latency -s "$1" "$url" | tee "$work/wrk.out"
  after=$(cpu_ticks)
  requests=$(awk '/requests in/ {print $1}' "$work/wrk.out")
  echo "daemon CPU: $(( (after - before) * 10 )) ms for $requests requests," \
       "$(( (after - before) * 10000000 / (requests > 0 ? requests : 1) / 1000 )) us per request"
}

echo
echo "## POST /v1/check  (wrk -t$threads -c$connections -d$duration)"
run_wrk bench/load/check.lua

echo
echo "## POST /v1/calls/{id}/turns over $CALLS calls  (wrk -t$threads -c$connections -d$duration)"
run_wrk bench/load/turns.lua

echo
echo "## store"
curl -s "$url/metrics" | grep -E '^scamguard_store_(commits|writes|errors)_total'
