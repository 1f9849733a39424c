#!/usr/bin/env bash
# Durable turns per second with the call store on SQLite (one node) or PostgreSQL (one node or
# several sharing one database), measured with wrk (Debian's `wrk`).
#
#   bench/load/run_scale.sh [build-dir] [duration] [connections] [sqlite|postgres] [nodes] [affinity|spread]
#   bench/load/run_scale.sh build/dev 10s 32 sqlite 1
#   bench/load/run_scale.sh build/dev 10s 32 postgres 1
#   bench/load/run_scale.sh build/dev 10s 32 postgres 3 affinity
#   bench/load/run_scale.sh build/dev 10s 32 postgres 3 spread
#
# PostgreSQL is Debian's postgresql, started here (initdb in a temp directory, a free loopback
# port, fsync and synchronous_commit on: every 200 is a commit flushed to its WAL). With
# several nodes, the connections are split evenly, one wrk per node, and
#   affinity: each node gets its own CALLS calls (a load balancer hashing the call id);
#   spread:   every node posts to the same CALLS calls (no affinity: each turn for a call
#             another node wrote to last makes this node read the call again).
# Prints each wrk's output, then one summary line: total turns/s (sum over the nodes) and the
# worst node's p99.
set -euo pipefail
cd "$(dirname "$0")/../.."
build=${1:-build/dev}
duration=${2:-10s}
connections=${3:-32}
store=${4:-sqlite}
nodes=${5:-1}
mode=${6:-affinity}
export CALLS=${CALLS:-256}
threads=${WRK_THREADS:-1}

command -v wrk > /dev/null || { echo "wrk is not installed (apt-get install wrk)" >&2; exit 2; }
work=$(mktemp -d)
chmod 755 "$work"
pids=()
pg_pid=""
cleanup() {
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2> /dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2> /dev/null || true; done
  if [ -n "$pg_pid" ]; then kill -QUIT "$pg_pid" 2> /dev/null || true; wait "$pg_pid" 2> /dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}

store_flags=()
if [ "$store" = postgres ]; then
  bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
  as_pg=()
  if [ "$(id -u)" -eq 0 ]; then
    as_pg=(setpriv --reuid=postgres --regid=postgres --clear-groups --)
    mkdir -p "$work/pg" && chown postgres:postgres "$work/pg"
  fi
  "${as_pg[@]}" "$bin/initdb" -D "$work/pg/data" -U postgres --auth=trust -E UTF8 --locale=C > /dev/null
  pg_port=$(free_port)
  "${as_pg[@]}" "$bin/postgres" -D "$work/pg/data" -p "$pg_port" -c listen_addresses=127.0.0.1 \
    -c unix_socket_directories="$work/pg" -c max_connections=300 > "$work/pg.log" 2>&1 &
  pg_pid=$!
  for _ in $(seq 100); do "$bin/pg_isready" -q -h 127.0.0.1 -p "$pg_port" && break; sleep 0.1; done
  store_flags=(--store "postgresql://postgres@127.0.0.1:$pg_port/postgres")
  echo "# PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$pg_port (fsync on, synchronous_commit on)"
elif [ "$nodes" -ne 1 ]; then
  echo "SQLite is one node's file: use postgres for several nodes" >&2
  exit 2
fi

ports=()
for n in $(seq 0 $((nodes - 1))); do
  mkdir -p "$work/node$n"
  "$build/apps/scamguardd/scamguardd" --listen 127.0.0.1:0 --db "$work/node$n/calls.db" \
    "${store_flags[@]}" --ready-file "$work/node$n/port" --pattern-cache "$work/cache" \
    2> "$work/node$n/daemon.log" &
  pids+=($!)
  for _ in $(seq 300); do [ -s "$work/node$n/port" ] && break; sleep 0.1; done
  [ -s "$work/node$n/port" ] || { cat "$work/node$n/daemon.log" >&2; exit 1; }
  ports+=("$(cat "$work/node$n/port")")
done
echo "# $nodes scamguardd node(s) on ports ${ports[*]}, store: $store, mode: $mode"
echo "# $(nproc) cores: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), load $(cut -d' ' -f1-3 /proc/loadavg)"

# The calls, opened on node 0 (any node would do: the store is shared).
python3 - "${ports[0]}" "$CALLS" "$nodes" "$mode" <<'PY'
import http.client, json, sys
port, calls, nodes, mode = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
conn = http.client.HTTPConnection("127.0.0.1", port)
prefixes = [f"n{n}-" for n in range(nodes)] if mode == "affinity" else ["all-"]
for prefix in prefixes:
    for i in range(calls):
        body = json.dumps({"id": f"{prefix}{i}", "caller": "+61412345678", "ingress": "international"})
        conn.request("POST", "/v1/calls", body, {"Content-Type": "application/json"})
        response = conn.getresponse()
        response.read()
        assert response.status == 201, response.status
PY

per_node=$((connections / nodes))
wrk_pids=()
for n in $(seq 0 $((nodes - 1))); do
  prefix="all-"
  [ "$mode" = affinity ] && prefix="n$n-"
  PREFIX=$prefix wrk -t"$threads" -c"$per_node" -d"$duration" --latency -s bench/load/turns.lua \
    "http://127.0.0.1:${ports[$n]}" > "$work/wrk$n.txt" 2> "$work/wrk$n.err" &
  wrk_pids+=($!)
done
for pid in "${wrk_pids[@]}"; do wait "$pid"; done

total=0
worst=0
for n in $(seq 0 $((nodes - 1))); do
  echo "## node $n: POST /v1/calls/{id}/turns (wrk -t$threads -c$per_node -d$duration)"
  cat "$work/wrk$n.txt"
  errors=$(sort "$work/wrk$n.err" | uniq -c | head -5)
  [ -z "$errors" ] || echo "non-200 answers: $errors"
  curl -s "http://127.0.0.1:${ports[$n]}/metrics" | grep -E '^scamguard_store_(commits|writes|errors)_total'
  rps=$(awk '/Requests\/sec/ {print $2}' "$work/wrk$n.txt")
  p99=$(awk '$1 == "99%" {print $2}' "$work/wrk$n.txt")
  total=$(python3 -c "print(round($total + $rps))")
  worst=$(python3 - "$worst" "$p99" <<'PY'
import sys
def ms(text):
    text = str(text)
    for unit, factor in (("us", 0.001), ("ms", 1.0), ("s", 1000.0)):
        if text.endswith(unit):
            return float(text[: -len(unit)]) * factor
    return float(text)
print(max(ms(sys.argv[1]), ms(sys.argv[2])))
PY
)
done
echo
echo "summary: store=$store nodes=$nodes mode=$mode connections=$connections duration=$duration turns/s=$total worst_p99_ms=$worst"
