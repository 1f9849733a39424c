#!/usr/bin/env bash
# Kamailio in front of scamguardd, driven by sipp, all on loopback with free ports and a temp
# directory; everything started here is stopped on exit.
#
#   run_kamailio_test.sh SCAMGUARDD CONF_DIR
#
# scamguardd requires a bearer token (auth_tokens), which Kamailio reads from
# scamguard-token.cfg beside its configuration, and every call's end or failure reaches
# /v1/call-ends through the dialog module:
#
# 1. an ordinary domestic call passes (200 from the callee);
# 2. a spoofed Australian mobile from an international route is refused with 603;
# 3. a 1300 number as caller ID is refused with 603, in international and national format;
# 4. a dialler burst (one caller, sequential callees) is passed but flagged: once its rate
#    crosses the threshold the callee sees "X-Scamguard-Verdict: warn";
# 5. answered calls (hung up at once) move the caller's call-length figures:
#    TRAFFIC_CALLER_SHORT_CALLS; unanswered calls (the callee never answers: 408 after
#    fr_timer) move its answer-seizure ratio: TRAFFIC_CALLER_LOW_ASR with ended=N.
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

token="kamailio-token-$RANDOM$RANDOM"
cat > "$work/tokens.toml" <<TOKENS
[[token]]
name = "kamailio"
sha256 = "$(printf '%s' "$token" | sha256sum | cut -d' ' -f1)"
scope = "write"
TOKENS
printf '[server]\nauth_tokens = "tokens.toml"\n' > "$work/scamguardd.toml"
"$daemon" --config "$work/scamguardd.toml" --listen "127.0.0.1:$http_port" --conf "$conf" \
  --db "$work/calls.db" > "$work/daemon.log" 2>&1 &
pids+=($!)
for _ in $(seq 100); do
  curl -sf "http://127.0.0.1:$http_port/healthz" > /dev/null && break
  sleep 0.1
done
curl -sf "http://127.0.0.1:$http_port/healthz" > /dev/null || fail "scamguardd did not start"
check() {  # caller: the traffic findings a /v1/check for this caller now gets
  curl -sf -H "Authorization: Bearer $token" "http://127.0.0.1:$http_port/v1/check" \
    -d "{\"caller\": \"$1\", \"trunk\": \"probe\", \"ingress\": \"domestic\"}"
}
# Call ends reach scamguardd some time after Kamailio relays them (longer on a loaded machine
# or under a sanitizer): the check's answer once it matches every pattern, polled for up to
# 10 s, else the last answer.
eventually() {  # caller pattern...
  local caller=$1 answer="" pattern ok
  shift
  for _ in $(seq 50); do
    answer=$(check "$caller")
    ok=1
    for pattern in "$@"; do grep -q -- "$pattern" <<< "$answer" || ok=0; done
    [ "$ok" = 1 ] && break
    sleep 0.2
  done
  echo "$answer"
}
[ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$http_port/v1/check" -d '{}')" = 401 ] ||
  fail "scamguardd answers without a token"

sipp -sn uas -i 127.0.0.1 -p "$uas_port" -nostdin -trace_msg -message_file "$work/uas_messages.log" \
  > "$work/uas.log" 2>&1 &
pids+=($!)

# The shipped configuration, with the token file beside it as an operator installs it.
mkdir -p "$work/kamailio" "$work/etc"
cp "$conf/kamailio/kamailio.cfg" "$work/etc/kamailio.cfg"
printf '#!define SCAMGUARD_TOKEN "%s"\n' "$token" > "$work/etc/scamguard-token.cfg"
chmod 600 "$work/etc/scamguard-token.cfg"
(cd "$work/etc" && exec kamailio -DD -E -f "$work/etc/kamailio.cfg" -Y "$work/kamailio" \
  -l "udp:127.0.0.1:$sip_port" \
  -A "SCAMGUARD_URL=\"http://127.0.0.1:$http_port\"" \
  -A "NEXT_HOP=\"sip:127.0.0.1:$uas_port\"") > "$work/kamailio.log" 2>&1 &
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

printf 'SEQUENTIAL\n611300975707;61412000222;domestic;AU;dom-02\n1300975707;61412000223;domestic;AU;dom-02\n' \
  > "$work/service.csv"
run_calls uac_expect_603.xml "$work/service.csv" 2 2 || fail "a 1300 caller ID was not refused with 603"

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

# 5. Call ends. Answered calls, hung up at once: the caller's average answered call is short.
grep -q "TRAFFIC_CALLER_SHORT_CALLS" <(check 61298760001) && fail "short calls flagged before any call"
{
  echo SEQUENTIAL
  for i in $(seq 0 9); do echo "61298760001;$((61290010000 + i * 1000));domestic;AU;dom-03"; done
} > "$work/answered.csv"
run_calls uac_expect_200.xml "$work/answered.csv" 10 10 || fail "the answered calls did not pass"
short=$(eventually 61298760001 '"TRAFFIC_CALLER_SHORT_CALLS"')
grep -q '"TRAFFIC_CALLER_SHORT_CALLS"' <<< "$short" ||
  fail "10 answered 0 s calls did not move the caller's call-length figures: $short"

# Unanswered calls: the callee is gone, so Kamailio times out (fr_timer, 5 s) and answers 408.
kill "${pids[1]}"; wait "${pids[1]}" 2>/dev/null || true
{
  echo SEQUENTIAL
  for i in $(seq 0 9); do echo "61298760002;$((61290020000 + i * 1000));domestic;AU;dom-04"; done
} > "$work/unanswered.csv"
run_calls uac_expect_408.xml "$work/unanswered.csv" 10 10 || fail "the unanswered calls did not get 408"
asr=$(eventually 61298760002 '"TRAFFIC_CALLER_LOW_ASR"' 'asr=0.00,ended=10')
grep -q '"TRAFFIC_CALLER_LOW_ASR"' <<< "$asr" && grep -q 'asr=0.00,ended=10' <<< "$asr" ||
  fail "10 unanswered calls did not move the caller's answer-seizure ratio: $asr"
grep -q "not recorded" "$work/kamailio.log" && fail "a call end was not recorded"
echo "kamailio test: ordinary passed, spoofed and 1300 refused (603), $flagged/10 burst calls" \
  "flagged, 10 answered and 10 unanswered call ends recorded (short calls, ASR 0)"
