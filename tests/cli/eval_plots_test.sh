#!/usr/bin/env bash
# scamguard eval --plots DIR (issue 13): well-formed SVG files, one bar per source and label,
# the first-warning histogram counting exactly the alerted scam calls, no reliability diagram
# without a text model, and an unwritable DIR refused with exit 2 naming it.
#   eval_plots_test.sh SCAMGUARD CONF_DIR SCAM_CORPUS
set -euo pipefail
scamguard=$1 conf=$2 corpus=$3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
printf '%s\n' '{"id": "l-1", "source": "look-alike", "label": "legit", "turns": [{"speaker": "remote", "text": "your parcel is at the door"}]}' > "$work/legit.jsonl"

"$scamguard" eval --conf "$conf" --json "$corpus" "$work/legit.jsonl" > "$work/eval.json"
"$scamguard" eval --conf "$conf" --plots "$work/plots" "$corpus" "$work/legit.jsonl" > /dev/null 2> "$work/err"
for name in per_source first_warn_turns reliability; do
  [ -s "$work/plots/$name.svg" ] || fail "$name.svg not written: $(cat "$work/err")"
  grep -q "wrote $work/plots/$name.svg" "$work/err" || fail "stderr does not name $name.svg"
done
python3 - "$work/plots" "$work/eval.json" <<'PY' || fail "the SVG files do not show the evaluation"
import json, re, sys, xml.etree.ElementTree as ET
plots, evaluation = sys.argv[1], json.load(open(sys.argv[2]))
ns = {"s": "http://www.w3.org/2000/svg"}
svgs = {n: ET.parse(f"{plots}/{n}.svg").getroot() for n in ("per_source", "first_warn_turns", "reliability")}
# One bar per source and label, titled with its value.
bars = [r.find("s:title", ns).text for r in svgs["per_source"].iter("{http://www.w3.org/2000/svg}rect")
        if r.find("s:title", ns) is not None]
expected = []
for source, m in evaluation["sources"].items():
    if m["scams"]: expected.append(f"{source}: recall (scam calls alerted) {100 * m['recall']:.1f}%")
    if m["legit"]: expected.append(f"{source}: false-positive rate (legit calls alerted) {100 * m['false_positive_rate']:.1f}%")
assert sorted(bars) == sorted(expected), (bars, expected)
# The histogram's bars add up to the alerted scam calls.
counts = [int(r.find("s:title", ns).text.rsplit(": ", 1)[1])
          for r in svgs["first_warn_turns"].iter("{http://www.w3.org/2000/svg}rect") if r.find("s:title", ns) is not None]
alerted = sum(round(m["recall"] * m["scams"]) for m in evaluation["sources"].values() if m["scams"])
assert sum(counts) == alerted, (counts, alerted)
# The reliability diagram has a point per non-empty bin, the calls adding up to the scored calls.
points = [int(c.find("s:title", ns).text.split(" ")[0]) for c in svgs["reliability"].iter("{http://www.w3.org/2000/svg}circle")]
total = sum(m["calls"] for m in evaluation["sources"].values())
assert 0 < sum(points) <= total, (points, total)
PY

# Without a text model: no reliability diagram, and it says so.
"$scamguard" eval --conf "$conf" --model "" --plots "$work/rules" "$corpus" > /dev/null 2> "$work/err"
[ -s "$work/rules/per_source.svg" ] || fail "per_source.svg not written without a model"
[ ! -e "$work/rules/reliability.svg" ] || fail "a reliability diagram without a model"
grep -q "no text model" "$work/err" || fail "does not say why reliability.svg is missing"

# A DIR that cannot be created: exit 2, named.
touch "$work/a-file"
status=0
"$scamguard" eval --conf "$conf" --plots "$work/a-file/plots" "$corpus" > /dev/null 2> "$work/err" || status=$?
[ "$status" -eq 2 ] || fail "an unwritable --plots DIR exited $status"
grep -q "$work/a-file/plots" "$work/err" || fail "the unwritable DIR is not named: $(cat "$work/err")"
echo "ok"
