#!/usr/bin/env bash
# scamguard configdump: the layered configuration, each value with the file and line it came
# from; a broken layer is refused with its file and line; --daemon reads scamguardd.toml.
#   configdump_test.sh SCAMGUARD CONF_DIR
set -euo pipefail
scamguard=$1 conf=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $1"; cat "$work/out" "$work/err" 2>/dev/null | head -80; exit 1; }
mkdir -p "$work/local.d"
printf 'block = 12.0\n' > "$work/local.d/actions.toml"
printf '[traffic.caller]\nmin_asr = 0.5\n' > "$work/local.d/scamguard.toml"

"$scamguard" configdump --conf "$conf" --local "$work/local.d" \
  > "$work/out" 2> "$work/err" || fail "exit $?"
grep -Eq "^block = 12\.0 +# $work/local.d/actions.toml:1$" "$work/out" || fail "block from local.d"
grep -Eq "^min_asr = 0\.5 +# $work/local.d/scamguard.toml:2$" "$work/out" || fail "min_asr from local.d"
grep -Eq "^warn = 5\.0 +# $conf/actions.toml:[0-9]+$" "$work/out" || fail "warn from conf/"
grep -Eq "^home_country_code = \"61\" +# signalling.home_country, $conf/scamguard.toml:[0-9]+$" \
  "$work/out" || fail "calling code from home_country"
grep -Eq "^[A-Z_]+ = -?[0-9.e+-]+ +# rule default$" "$work/out" || fail "a rule's default score"

printf '[traffic.caller]\nmin_asr = 2\n' > "$work/local.d/scamguard.toml"
status=0
"$scamguard" configdump --conf "$conf" --local "$work/local.d" \
  > "$work/out" 2> "$work/err" || status=$?
[ "$status" -eq 2 ] || fail "out-of-range min_asr: exit $status, expected 2"
grep -q "$work/local.d/scamguard.toml:2: 'traffic.caller.min_asr' must be a number from 0 to 1" \
  "$work/err" || fail "error names file, line, key and range"

printf '[limits]\nmax_streams = 7\n' > "$work/d.toml"
"$scamguard" configdump --daemon "$work/d.toml" > "$work/out" 2> "$work/err" || fail "--daemon exit $?"
grep -Eq "^max_streams = 7 +# $work/d.toml:2$" "$work/out" || fail "max_streams from the file"
grep -Eq "^listen = \"127.0.0.1:8080\" +# default$" "$work/out" || fail "listen default"
echo ok
