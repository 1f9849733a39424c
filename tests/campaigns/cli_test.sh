#!/usr/bin/env bash
# scamguard campaigns end to end: a generated sample (tests/campaigns/sample.jsonl, 3 scripts x
# 4 calls, written by tools/gen_campaign_corpus.py --seed 1 --campaigns 3 --calls-per-campaign 4
# --legit 0) must come out as exactly 3 campaigns, each holding the 4 readings of one script;
# the same through an SQLite store, whose report must render; bad input must be refused.
#   cli_test.sh SCAMGUARD CONF_DIR SAMPLE
set -euo pipefail
scamguard=$1 conf=$2 sample=$3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

check_lines() {  # FILE: 3 lines, each campaign's calls from one generator script
  python3 - "$1" <<'PY'
import json, sys
lines = [json.loads(l) for l in open(sys.argv[1])]
assert len(lines) == 3, "expected 3 campaigns, got %d" % len(lines)
for c in lines:
    scripts = {i.split("-")[1] for i in c["calls"]}
    assert len(c["calls"]) == 4 and len(scripts) == 1, "mixed or partial campaign: %s" % c["calls"]
    assert c["first_seen"] <= c["last_seen"] and c["first_seen"].endswith("Z"), c
    assert c["indicators"].get("caller_id"), "no caller ids in %s" % c["campaign"]
PY
}

"$scamguard" campaigns --conf "$conf" "$sample" > "$work/memory.jsonl"
check_lines "$work/memory.jsonl"

"$scamguard" campaigns --conf "$conf" "$sample" --store "$work/cases.sqlite" > "$work/sqlite.jsonl"
check_lines "$work/sqlite.jsonl"
cmp "$work/memory.jsonl" "$work/sqlite.jsonl"
id=$(python3 -c 'import json,sys; print(json.loads(open(sys.argv[1]).readline())["campaign"])' "$work/sqlite.jsonl")
"$scamguard" campaigns --store "$work/cases.sqlite" --report "$id" --html > "$work/report.html"
grep -q "<h1>Campaign $id</h1>" "$work/report.html"
"$scamguard" campaigns --store "$work/cases.sqlite" --report "$id" | python3 -c 'import json,sys; r=json.load(sys.stdin); assert r["shared_indicators"], r'

# Adding the same calls again is refused call by call (exit 1), and changes nothing.
set +e
"$scamguard" campaigns --conf "$conf" "$sample" --store "$work/cases.sqlite" > "$work/again.jsonl" 2> "$work/again.err"
status=$?
set -e
[ "$status" -eq 1 ] || { echo "expected exit 1 on duplicate calls, got $status"; exit 1; }
grep -q "already in the campaign store" "$work/again.err"
cmp "$work/sqlite.jsonl" "$work/again.jsonl"

# An unknown campaign is a clear error.
if "$scamguard" campaigns --store "$work/cases.sqlite" --report cmp-999 2> "$work/err"; then
  echo "unknown campaign accepted"; exit 1
fi
grep -q "cmp-999" "$work/err"
echo "campaigns CLI: ok"
