#!/usr/bin/env bash
# Kamailio in front of scamguardd, driven by sipp, all on loopback with free ports and a temp
# directory; everything started here is stopped on exit.
#
#   run_kamailio_test.sh SCAMGUARDD CONF_DIR
#
# 1. an ordinary domestic call passes (200 from the callee);
# 2. a spoofed Australian mobile from an international route is refused with 603;
# 3. a 1300 number as caller ID is refused with 603;
# 4. a dialler burst (one caller, sequential callees) is passed but flagged: once its rate
#    crosses the threshold the callee sees "X-Scamguard-Verdict: warn".
set -euo pipefail
daemon=$1
conf=$2
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}
free_udp_port() {
  python3 -c 'import socket; s=socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}
fail() { echo "FAIL: $*" >&2; grep -h "X-Scamguard" "$work"/uas_messages.log >&2 || true; for f in "$work"/*.log; do echo "--- $f" >&2; tail -20 "$f" >&2; done; exit 1; }

http_port=$(free_port)
sip_port=$(free_udp_port)
uas_port=$(free_udp_port)
uac_port=$(free_udp_port)

"$daemon" --listen "127.0.0.1:$http_port" --conf "$conf" --db "$work/calls.db" \
  > "$work/daemon.log" 2>&1 &
pids+=($!)
for _ in $(seq 100); do
  curl -sf "http://127.0.0.1:$http_port/healthz" > /dev/null && break
  sleep 0.1
done
curl -sf "http://127.0.0.1:$http_port/healthz" > /dev/null || fail "scamguardd did not start"

sipp -sn uas -i 127.0.0.1 -p "$uas_port" -nostdin -trace_msg -message_file "$work/uas_messages.log" \
  > "$work/uas.log" 2>&1 &
pids+=($!)

mkdir -p "$work/kamailio"
kamailio -DD -E -f "$here/../../../conf/kamailio/kamailio.cfg" -Y "$work/kamailio" \
  -l "udp:127.0.0.1:$sip_port" \
  -A "SCAMGUARD_CHECK_URL=\"http://127.0.0.1:$http_port/v1/check\"" \
  -A "NEXT_HOP=\"sip:127.0.0.1:$uas_port\"" > "$work/kamailio.log" 2>&1 &
pids+=($!)
sleep 1
kill -0 "${pids[-1]}" 2>/dev/null || fail "kamailio did not start"

# caller;callee;ingress;country;trunk
run_calls() {  # scenario injection-file calls rate
  sipp "127.0.0.1:$sip_port" -sf "$here/$1" -inf "$2" -m "$3" -r "$4" -i 127.0.0.1 \
    -p "$uac_port" -nostdin -timeout 20s -timeout_error > "$work/uac.log" 2>&1
}

printf 'SEQUENTIAL\n61298761234;61412000111;domestic;AU;dom-01\n' > "$work/ordinary.csv"
run_calls uac_expect_200.xml "$work/ordinary.csv" 1 1 || fail "an ordinary domestic call did not pass"

printf 'SEQUENTIAL\n61412345678;61298765432;international;IN;intl-gw-1\n' > "$work/spoofed.csv"
run_calls uac_expect_603.xml "$work/spoofed.csv" 1 1 ||
  fail "a spoofed AU mobile from an international route was not refused with 603"

printf 'SEQUENTIAL\n611300975707;61412000222;domestic;AU;dom-02\n' > "$work/service.csv"
run_calls uac_expect_603.xml "$work/service.csv" 1 1 || fail "a 1300 caller ID was not refused with 603"

{
  echo SEQUENTIAL
  for i in $(seq 0 9); do echo "447400123456;614120005$((10 + i));international;GB;intl-gw-4"; done
} > "$work/burst.csv"
before=$(grep -c "X-Scamguard-Verdict: warn" "$work/uas_messages.log" || true)
run_calls uac_expect_200.xml "$work/burst.csv" 10 5 || fail "the dialler burst's calls did not pass"
after=$(grep -c "X-Scamguard-Verdict: warn" "$work/uas_messages.log" || true)
flagged=$((after - before))
# The caller rate limit is 5 a minute: calls 6 to 10 must carry the warning; the first
# calls (sequential neighbours start at the 4th) may too, ordinary calls above must not.
[ "$before" -eq 0 ] || fail "an ordinary call reached the callee flagged"
[ "$flagged" -ge 5 ] || fail "only $flagged of 10 burst calls were flagged"
grep -q "X-Scamguard-Verdict: warn; score=.*TRAFFIC_CALLER_RATE" "$work/uas_messages.log" ||
  fail "no flagged call names TRAFFIC_CALLER_RATE"
echo "kamailio test: ordinary passed, spoofed and 1300 refused (603), $flagged/10 burst calls flagged"
