#!/usr/bin/env bash
# The load test at 2, 64 and 1,000 keep-alive connections (issue 12): bench/load/run.sh once
# per connection count, then one line per route and count: requests/s, p50, p99 (wrk's
# --latency distribution), and any non-2xx wrk reported.
#   bench/load/matrix.sh [build-dir] [duration]
#   bench/load/matrix.sh build/dev 10s
set -euo pipefail
cd "$(dirname "$0")/../.."
build=${1:-build/dev} duration=${2:-10s}
printf '| route | connections | requests/s | p50 | p99 | daemon CPU per request | errors |\n|---|---|---|---|---|---|---|\n'
for connections in 2 64 1000; do
  out=$(bench/load/run.sh "$build" "$duration" "$connections" 2>&1)
  echo "$out" | awk -v c="$connections" '
    /^## POST \/v1\/check/ { route = "`POST /v1/check`" }
    /^## POST \/v1\/calls\/\{id\}\/turns/ { route = "turns (durable)" }
    / 50%/ { p50 = $2 } / 99%/ { p99 = $2 }
    /Non-2xx|Socket errors/ { err = err $0 " " }
    /^Requests\/sec/ { rps = $2 }
    /^daemon CPU/ { printf "| %s | %s | %s | %s | %s | %s us | %s |\n", route, c, rps, p50, p99, $(NF-3), (err == "" ? "0" : err); err = "" }'
done
