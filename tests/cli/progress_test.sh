#!/usr/bin/env bash
# Progress on standard error for long work (issue 13): drawn when stderr is a terminal (here a
# pseudo-terminal from script(1), util-linux), absent when it is a pipe or a file, and the
# standard output is the same either way.
#   progress_test.sh SCAMGUARD CONF_DIR SYNTHETIC_DATA_DIR
set -euo pipefail
scamguard=$1 conf=$2 data=$3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

# On a terminal: the bar, its rate and the final 100%.
script -qec "'$scamguard' gen-traffic --conf '$conf' --calls 20000 > '$work/tty.out'" /dev/null \
  > "$work/tty.err"
tr '\r' '\n' < "$work/tty.err" > "$work/tty.lines"
grep -q '^gen-traffic \[#*\.*\] *[0-9]*% [0-9]*/20000 calls' "$work/tty.lines" ||
  fail "no progress bar on a terminal: $(cat -v "$work/tty.err" | head -c 400)"
grep -q '100% 20000/20000 calls, [0-9.]*/s' "$work/tty.lines" || fail "the bar does not end at 100%"
# Not a terminal: nothing on stderr, the same report on stdout (minus the timing lines).
"$scamguard" gen-traffic --conf "$conf" --calls 20000 > "$work/pipe.out" 2> "$work/pipe.err"
[ ! -s "$work/pipe.err" ] || fail "progress written to a pipe: $(cat -v "$work/pipe.err" | head -c 400)"
diff <(grep -v 'pre-answer scoring' "$work/tty.out") <(grep -v 'pre-answer scoring' "$work/pipe.out") ||
  fail "stdout differs with a terminal on stderr"

# train: the bar counts examples; the model file is the same with and without it.
script -qec "'$scamguard' train --data '$data' --epochs 2 --out '$work/tty.sgtm' > /dev/null" /dev/null \
  > "$work/train.err"
tr '\r' '\n' < "$work/train.err" | grep -q '^train \[#*\] 100% [0-9]*/[0-9]* examples' ||
  fail "no training progress on a terminal: $(cat -v "$work/train.err" | head -c 400)"
"$scamguard" train --data "$data" --epochs 2 --out "$work/pipe.sgtm" > /dev/null 2> "$work/train.pipe.err"
[ ! -s "$work/train.pipe.err" ] || fail "training progress written to a pipe"
cmp -s "$work/tty.sgtm" "$work/pipe.sgtm" || fail "the model differs when progress is drawn"
echo "ok"
