#!/usr/bin/env python3
"""Prints the README's detection-quality table: every visible source scored four ways.

    python3 tools/quality_table.py build/dev/apps/scamguard/scamguard ../shared/data/calls

Each column is one `scamguard eval --json` run on the same corpora (the command is printed
under the table): the shipped rules and text model, the rules alone (--model ""), every call
merged into one undiarised turn (--speakers unknown), and that turn cut to its first 750
characters (--opening 750), about what a recogniser has delivered 45 seconds into a call.
"""
import json
import subprocess
import sys

VIEWS = [
    ("rules + model", []),
    ("rules only", ["--model", ""]),
    ("speaker-blind", ["--speakers", "unknown"]),
    ("speaker-blind, first 750 chars", ["--speakers", "unknown", "--opening", "750"]),
]


def run(binary, data, extra):
    out = subprocess.run([binary, "eval", data, "--json", *extra], check=True,
                         capture_output=True, text=True).stdout
    return json.loads(out)["sources"]


def cell(metrics):
    if metrics["scams"]:
        text = f"recall {metrics['recall']:.3f}"
        if metrics.get("alerted_in_time") is not None:
            text += f", in time {metrics['alerted_in_time']:.3f}"
        if metrics["legit"]:
            text += f", FPR {metrics['false_positive_rate']:.3f}"
        return text
    return f"FPR {metrics['false_positive_rate']:.3f}"


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    binary, data = sys.argv[1], sys.argv[2]
    results = [(name, run(binary, data, extra)) for name, extra in VIEWS]
    sources = sorted(results[0][1])
    print("| source | calls | " + " | ".join(name for name, _ in results) + " |")
    print("|---|---|" + "---|" * len(results))
    for source in sources:
        m = results[0][1][source]
        calls = f"{m['scams']} scam" if m["scams"] else f"{m['legit']} legit"
        if m["scams"] and m["legit"]:
            calls = f"{m['scams']} scam / {m['legit']} legit"
        row = [cell(r[source]) for _, r in results]
        print(f"| {source} | {calls} | " + " | ".join(row) + " |")
    print()
    for name, extra in VIEWS:
        command = " ".join(["scamguard eval", data] + [a if a else '""' for a in extra])
        print(f"- {name}: `{command}`")


if __name__ == "__main__":
    main()
