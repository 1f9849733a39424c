#!/usr/bin/env bash
# What explain, scan and eval print (issue 13): explain --json is scan's verdict line (the HTTP
# API's verdict object: findings/symbol, null turn for the set-up) plus the steps; explain's
# score column lines up however long the symbol; a file with several calls gets a note on
# stderr naming the call shown; eval's table ends with a legend of its columns.
#   explain_eval_output_test.sh SCAMGUARD CONF_DIR CALL_FILE CORPUS_WITH_SEVERAL_CALLS
set -euo pipefail
scamguard=$1 conf=$2 call=$3 corpus=$4
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

"$scamguard" explain --conf "$conf" --json "$call" > "$work/explain.json"
"$scamguard" scan --conf "$conf" "$call" > "$work/scan.jsonl"
python3 - "$work/explain.json" "$work/scan.jsonl" <<'PY' || fail "explain --json / scan shape"
import json, sys
explain = json.load(open(sys.argv[1]))
scan = json.loads(open(sys.argv[2]).readline())
for key in ("id", "action", "score", "warn_score", "block_score", "reason", "findings",
            "first_warn_turn", "first_block_turn"):
    assert explain[key] == scan[key], key
assert explain["findings"], "no findings"
for f in explain["findings"]:
    assert set(f) == {"symbol", "group", "stage", "score", "turn", "options"}, f
    assert f["turn"] is None or f["turn"] >= 0, f
assert any(f["turn"] is None for f in explain["findings"]), "no set-up finding with turn null"
steps = explain["steps"]
assert steps[0]["event"] == "setup" and steps[0]["turn"] is None, steps[0]
fired = [f["symbol"] for s in steps for f in s["new_findings"]]
assert sorted(fired) == sorted(f["symbol"] for f in explain["findings"]), fired
assert steps[-1]["action"] == explain["action"]
# the shared format's symbols, kept for old readers, agree with findings
assert [s["name"] for s in scan["symbols"]] == [f["symbol"] for f in scan["findings"]]
PY

# Aligned: every finding line of the text verdict has its score at the same column.
"$scamguard" explain --conf "$conf" "$call" > "$work/explain.txt" 2> "$work/err"
[ ! -s "$work/err" ] || fail "a one-call file gave a note: $(cat "$work/err")"
sed -n '/^verdict:/,$p' "$work/explain.txt" | tail -n +2 > "$work/findings.txt"
[ "$(wc -l < "$work/findings.txt")" -ge 5 ] || fail "too few findings to check alignment"
python3 - "$work/findings.txt" <<'PY' || fail "score column not aligned: $(cat "$work/findings.txt")"
import re, sys
ends = {m.end() for line in open(sys.argv[1]) for m in [re.search(r"[+-]\d+\.\d\d  turn", line)] if m}
assert len(ends) == 1, ends
PY
# Several calls and no --id: a note naming the call shown; with --id, none.
"$scamguard" explain --conf "$conf" "$corpus" > /dev/null 2> "$work/err"
first=$(head -1 "$corpus" | python3 -c 'import json,sys; print(json.loads(sys.stdin.read())["id"])')
grep -q "holds [0-9]* calls; this is the first, $first (choose another with --id)" "$work/err" ||
  fail "no note for several calls: $(cat "$work/err")"
"$scamguard" explain --conf "$conf" --id "$first" "$corpus" > /dev/null 2> "$work/err"
[ ! -s "$work/err" ] || fail "--id still gave a note: $(cat "$work/err")"

# eval's legend names every column of its table.
"$scamguard" eval --conf "$conf" "$corpus" > "$work/eval.txt"
for column in recall fpr prec in-time median-turn; do
  grep -q "^$column  *[a-z]" "$work/eval.txt" || fail "eval legend lacks $column"
done
echo "ok"
