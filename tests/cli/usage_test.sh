#!/usr/bin/env bash
# The command lines of scamguard and scamguardd (CLI11, issue 13): -h/--help on the top level
# and on every command with every option explained, --version on both binaries, `scamguard
# help [COMMAND]`, an unknown option or a bad enum value is exit 2 naming the option (and
# listing the valid values), and scan reads several paths in order.
#   usage_test.sh SCAMGUARD SCAMGUARDD CONF_DIR VERSION
set -euo pipefail
scamguard=$1 scamguardd=$2 conf=$3 version=$4
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

# expect STATUS CMD...: runs CMD, stdout in $work/out, stderr in $work/err.
expect() {
  local want=$1 status=0
  shift
  "$@" > "$work/out" 2> "$work/err" || status=$?
  [ "$status" -eq "$want" ] || { cat "$work/out" "$work/err"; fail "'$*' exited $status, expected $want"; }
}

commands=(scan explain eval symbols configtest configdump train campaigns gen-traffic)

for flag in -h --help; do
  expect 0 "$scamguard" "$flag"
  for command in "${commands[@]}" help; do
    grep -Eq "^  $command " "$work/out" || fail "scamguard $flag does not list $command"
  done
done
expect 0 "$scamguard" help
grep -q "^  gen-traffic " "$work/out" || fail "scamguard help does not list the commands"

# Every command's help: its usage line, and a sentence for every option it has (an option line
# with nothing after the option and its value name is an unexplained option).
for command in "${commands[@]}"; do
  for flag in -h --help; do
    expect 0 "$scamguard" "$command" "$flag"
    grep -q "^Usage: scamguard $command " "$work/out" || fail "scamguard $command $flag: no usage line"
    grep -q -- "--conf DIR  *shipped configuration" "$work/out" ||
      fail "scamguard $command $flag does not explain --conf"
    if grep -En '^  --?[a-z-]+( [A-Z|:.-]+[^ ]*)?( \.\.\.)?( REQUIRED)?$' "$work/out" |
        grep -v -- '\.\.\.$' > "$work/bare"; then
      # A long option name wraps its help onto the next line; anything else is unexplained.
      while IFS=: read -r line _; do
        sed -n "$((line + 1))p" "$work/out" | grep -q '^   \{20,\}[a-zA-Z(]' ||
          fail "scamguard $command $flag: option on line $line has no explanation"
      done < "$work/bare"
    fi
  done
  expect 0 "$scamguard" help "$command"
  grep -q "^Usage: scamguard $command " "$work/out" || fail "scamguard help $command: no usage line"
done
# train's options, which the hand-written parser never explained.
expect 0 "$scamguard" train --help
for option in --data --out --exclude-source --all-sources --epochs --dim-bits --seed --char-max \
    --examples --test --test-scores; do
  grep -Eq -- "^  $option[ ,]" "$work/out" || fail "scamguard train --help does not list $option"
done
grep -q -- "--examples UNIT.*=prefix" "$work/out" || fail "train --help does not show --examples' default"

expect 0 "$scamguard" --version
[ "$(cat "$work/out")" = "scamguard $version" ] || fail "scamguard --version printed '$(cat "$work/out")'"
expect 0 "$scamguardd" --version
[ "$(cat "$work/out")" = "scamguardd $version" ] || fail "scamguardd --version printed '$(cat "$work/out")'"
for flag in -h --help; do
  expect 0 "$scamguardd" "$flag"
  grep -q "^Usage: scamguardd " "$work/out" || fail "scamguardd $flag: no usage line"
  for option in --config --listen --db --store --redis --conf --ready-file --hash-token --version; do
    grep -Eq -- "^  $option .*[a-z]{3}" "$work/out" || fail "scamguardd $flag does not explain $option"
  done
done

# Usage errors: exit 2, stderr names the command and the option.
expect 2 "$scamguard" scan --bogus-flag "$conf/../tests/calls/scam"
grep -q "scamguard scan: .*--bogus-flag" "$work/err" || fail "unknown option not named: $(cat "$work/err")"
expect 2 "$scamguard" --bogus-flag
grep -q -- "--bogus-flag" "$work/err" || fail "unknown top-level option not named"
expect 2 "$scamguard" frobnicate
grep -q "frobnicate" "$work/err" || fail "unknown command not named: $(cat "$work/err")"
expect 2 "$scamguardd" --bogus-flag
grep -q "scamguardd: .*--bogus-flag" "$work/err" || fail "scamguardd: unknown option not named"
expect 2 "$scamguard" eval --speakers bogus "$work"
grep -q -- "--speakers: 'bogus' is not one of: as-given, unknown" "$work/err" ||
  fail "bad --speakers value: $(cat "$work/err")"
expect 2 "$scamguard" train --data "$work" --out "$work/m" --examples sentences
grep -q -- "--examples: 'sentences' is not one of: prefix, call, turn" "$work/err" ||
  fail "bad --examples value: $(cat "$work/err")"
expect 2 "$scamguard" train --data "$work" --out "$work/m" --epochs many
grep -q -- "--epochs" "$work/err" || fail "a non-number for --epochs is not named"
expect 2 "$scamguard" scan
grep -q "paths" "$work/err" || fail "scan without a path does not say what is missing"
expect 2 "$scamguard"  # no command: the overview, as a usage error
grep -q "^  scan " "$work/out" || fail "scamguard alone does not print the overview"

# An option given twice: the last wins, as before (wrappers append their own --conf, --listen).
expect 0 "$scamguard" configtest --conf "$work/no-such-conf" --conf "$conf"
grep -q "configuration OK" "$work/out" || fail "configtest with --conf twice: $(cat "$work/err")"

# scan with two paths: both scored, in order; "-" is standard input.
printf '%s\n' '{"id": "a-1", "label": "scam", "turns": [{"speaker": "remote", "text": "hello from amazon"}]}' > "$work/a.jsonl"
printf '%s\n' '{"id": "b-1", "label": "legit", "turns": [{"speaker": "remote", "text": "your parcel is at the door"}]}' > "$work/b.jsonl"
expect 0 "$scamguard" scan --conf "$conf" --model "" "$work/a.jsonl" "$work/b.jsonl"
[ "$(grep -o '"id":"[a-z0-9-]*"' "$work/out" | tr '\n' ' ')" = '"id":"a-1" "id":"b-1" ' ] ||
  fail "scan a b printed: $(cat "$work/out")"
status=0
"$scamguard" scan --conf "$conf" "$work/b.jsonl" - < "$work/a.jsonl" > "$work/out" || status=$?
[ "$status" -eq 0 ] || fail "scan b - exited $status"
[ "$(grep -o '"id":"[a-z0-9-]*"' "$work/out" | tr '\n' ' ')" = '"id":"b-1" "id":"a-1" ' ] ||
  fail "scan b - printed: $(cat "$work/out")"
# eval with two paths counts the calls of both.
expect 0 "$scamguard" eval --json --conf "$conf" "$work/a.jsonl" "$work/b.jsonl"
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert sum(s["calls"] for s in d["sources"].values()) == 2, d' "$work/out" ||
  fail "eval a b did not count two calls"
echo "ok"
