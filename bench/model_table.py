#!/usr/bin/python3
"""One table: scamguard and its peers, leave-one-source-out, on the same corpora.

Runs, on the same input and in one invocation:
  - bench/peers/sklearn_loso.py   (scikit-learn TF-IDF + logistic regression),
  - bench/peers/fasttext_loso.py  (the fastText command-line tool),
  - and, with --scamguard BINARY, `BINARY eval --loso --json DIR...` (scorers
    scamguard-rules, scamguard-model, scamguard-combined) when that binary supports it,
each pinned to one core (taskset -c CPU). Every runner follows the protocol of
bench/peers/loso.py and prints objects of the same shape; this script prints ONE markdown
table on stdout: a row per scorer; per source the share of calls alerted at that scorer's
threshold (the lowest at which every legit source has a false-positive rate <= 1%), i.e.
recall for scam rows and false-positive rate for legit rows, with the share at 0.5 in
brackets; alerts at or before `critical_turn`; turns per second per core (scoring only);
model size on disk.

If scamguard is not given, fails, or does not support --loso, the table has the peers only
and says why. Progress and the runners' stderr go to stderr.

Usage:
  /usr/bin/python3 bench/model_table.py [--scamguard PATH] [--cpu 0] [--save DIR]
      [--scamguard-args "..."] [INPUT.jsonl|DIR ...]
"""

import argparse
import datetime
import json
import os
import shlex
import shutil
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, os.path.join(HERE, "peers"))

import loso  # noqa: E402

# Debian's interpreter has python3-sklearn; a pyenv python3 earlier on PATH may not.
PEER_PYTHON = "/usr/bin/python3" if os.path.exists("/usr/bin/python3") else sys.executable
PEERS = [("sklearn-tfidf-lr", os.path.join(HERE, "peers", "sklearn_loso.py")),
         ("fasttext-cli", os.path.join(HERE, "peers", "fasttext_loso.py"))]
# The source whose recall matters most: real calls, never seen in training.
FIRST = ("ftc-robocall", "scam")


def pinned(cmd, cpu):
    return (["taskset", "-c", cpu] if cpu and shutil.which("taskset") else []) + cmd


def valid_result(obj):
    """True when obj has the shape every runner prints (see bench/peers/loso.py)."""
    if not isinstance(obj, dict) or not isinstance(obj.get("scorer"), str):
        return False
    rows = obj.get("sources")
    return isinstance(rows, list) and all(
        isinstance(r, dict) and {"source", "label", "calls", "rate"} <= r.keys() for r in rows)


def run_peer(name, script, inputs, cpu):
    env = dict(os.environ, OMP_NUM_THREADS="1", OPENBLAS_NUM_THREADS="1", MKL_NUM_THREADS="1")
    print(f"model_table: running {name} ...", file=sys.stderr)
    proc = subprocess.run(pinned([PEER_PYTHON, script] + inputs, cpu), env=env,
                          stdout=subprocess.PIPE, stderr=sys.stderr, text=True)
    if proc.returncode != 0:
        return None, f"{name} exited {proc.returncode}"
    try:
        result = json.loads(proc.stdout)
    except ValueError as error:
        return None, f"{name} printed no JSON object: {error}"
    if not valid_result(result):
        return None, f"{name} printed an object of another shape"
    return result, None


def run_scamguard(binary, dirs, cpu, extra):
    """[results] or (None, why not): `binary eval --loso --json DIR...`."""
    if not (os.path.isfile(binary) and os.access(binary, os.X_OK)):
        return None, f"{binary} is not an executable file"
    cmd = pinned([binary, "eval", "--loso", "--json"] + extra + dirs, cpu)
    print(f"model_table: running {' '.join(cmd)} ...", file=sys.stderr)
    proc = subprocess.run(cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          text=True)
    sys.stderr.write(proc.stderr)
    if proc.returncode != 0:
        last = (proc.stderr.strip().splitlines() or ["no message"])[-1]
        return None, f"`scamguard eval --loso --json` exited {proc.returncode} ({last})"
    try:
        results = json.loads(proc.stdout)
    except ValueError as error:
        return None, f"`scamguard eval --loso --json` printed no JSON: {error}"
    if isinstance(results, dict):
        results = [results]
    if not isinstance(results, list) or not results or not all(map(valid_result, results)):
        return None, "`scamguard eval --loso --json` printed objects of another shape"
    return results, None


def columns(results):
    """(source, label) pairs in table order: ftc-robocall scam, other scam rows, legit rows,
    each in order of first appearance."""
    seen = []
    for result in results:
        for row in result["sources"]:
            key = (row["source"], row["label"])
            if key not in seen:
                seen.append(key)
    return sorted(seen, key=lambda k: (k != FIRST, k[1] != "scam", seen.index(k)))


def size(n):
    if not isinstance(n, (int, float)):
        return "–"
    if n == 0:
        return "none"
    for unit, scale in (("MB", 1e6), ("kB", 1e3)):
        if n >= scale:
            return f"{n / scale:,.1f} {unit}"
    return f"{n:,} B"


def cell(row):
    if row is None:
        return "–"
    half = row.get("rate_at_0_5")
    return f"{row['rate']:.3f}" + (f" ({half:.3f})" if isinstance(half, (int, float)) else "")


def threshold_cell(t):
    if not isinstance(t, (int, float)):
        return "–"
    # Above 1 no probability reaches it: some legit source's calls saturate at 1.
    return "> 1 (none)" if t > 1 else f"{t:.4f}"


def in_time(result):
    rows = result["sources"]
    total = sum(r.get("with_critical_turn") or 0 for r in rows)
    if not total:
        return "– (no critical_turn)"
    hits = sum(r.get("in_time") or 0 for r in rows if r.get("with_critical_turn"))
    return f"{hits}/{total}"


def table(results, keys):
    head = ["scorer", "threshold"]
    head += [f"{s} {'recall' if label == 'scam' else 'FPR'}" + (" (legit)" if label == "legit"
             and (s, "scam") in keys else "") for s, label in keys]
    head += ["in time", "turns/s/core", "model size"]
    lines = ["| " + " | ".join(head) + " |",
             "|" + "|".join(["---"] + ["---:"] * (len(head) - 1)) + "|"]
    for result in results:
        rows = {(r["source"], r["label"]): r for r in result["sources"]}
        t = result.get("threshold")
        rate = result.get("turns_per_second")
        cells = [f"`{result['scorer']}`", threshold_cell(t)]
        cells += [cell(rows.get(k)) for k in keys]
        cells += [in_time(result), f"{rate:,.0f}" if isinstance(rate, (int, float)) else "–",
                  size(result.get("model_bytes"))]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def machine():
    model = "unknown CPU"
    try:
        out = subprocess.run(["lscpu"], stdout=subprocess.PIPE, text=True).stdout
        for line in out.splitlines():
            if line.startswith("Model name:"):
                model = line.split(":", 1)[1].strip()
    except OSError:
        pass
    return f"{model}, {os.cpu_count()} CPUs"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    synthetic = os.path.dirname(loso.SYNTHETIC_GLOB)
    parser.add_argument("inputs", nargs="*", help="corpora, .jsonl files or directories "
                        f"(default: {loso.SHARED_CALLS} and {synthetic})")
    parser.add_argument("--scamguard", help="scamguard binary; its `eval --loso --json` rows "
                        "are added when it supports them")
    parser.add_argument("--scamguard-args", default="", help="extra arguments for scamguard "
                        "eval, e.g. \"--config conf/scamguard.toml\"")
    parser.add_argument("--cpu", default="0", help="core to pin every runner to (taskset -c); "
                        "empty for no pinning")
    parser.add_argument("--save", help="directory to keep each runner's JSON in")
    args = parser.parse_args()

    if args.inputs:
        inputs = args.inputs
        scamguard_inputs = args.inputs
    else:
        inputs = loso.default_inputs()
        # The synthetic calls are training only, for scamguard as for the peers (loso.py).
        synthetic = os.path.dirname(loso.SYNTHETIC_GLOB)
        scamguard_inputs = [loso.SHARED_CALLS] + (["--train-extra", synthetic] if any(
            f.startswith(synthetic + os.sep) for f in inputs) else [])
    try:
        files = loso.expand(inputs)
    except ValueError as error:
        sys.exit(f"model_table: {error}")
    if not files:
        sys.exit(f"model_table: no *.jsonl under {loso.SHARED_CALLS} and no inputs given")
    calls = loso.read_calls(files)

    results, notes = [], []
    for name, script in PEERS:
        result, problem = run_peer(name, script, files, args.cpu)
        if result:
            results.append(result)
        else:
            notes.append(f"{name}: not included: {problem}")
    if args.scamguard:
        ours, problem = run_scamguard(args.scamguard, scamguard_inputs, args.cpu,
                                      shlex.split(args.scamguard_args))
        if ours:
            results += ours
        else:
            notes.append(f"scamguard: not included: {problem}; the table has the peers only")
    else:
        notes.append("scamguard: not included (no --scamguard BINARY given); the table has "
                     "the peers only")
    if not results:
        sys.exit("model_table: no scorer gave results:\n" + "\n".join(notes))
    if args.save:
        os.makedirs(args.save, exist_ok=True)
        for result in results:
            with open(os.path.join(args.save, result["scorer"] + ".json"), "w") as f:
                json.dump(result, f, indent=1)

    sources = sorted({c["source"] for c in calls})
    print(f"Leave-one-source-out, {len(calls)} calls from {len(files)} files "
          f"({', '.join(sources)}); {datetime.datetime.utcnow():%Y-%m-%d %H:%M} UTC; "
          f"{machine()}; each runner pinned to CPU {args.cpu or '(none)'}.\n")
    print(table(results, columns(results)))
    print("\nCells: share of the source's calls alerted at the scorer's threshold (recall for "
          "scam rows, false-positive rate for legit rows), in brackets at 0.5. The threshold is "
          "the lowest at which every legit source's false-positive rate is <= 1%. "
          "Turns/s/core: scoring only, per CPU second; the peers count the turns they score "
          "(those not spoken by the protected user, see bench/peers/loso.py).")
    for note in notes:
        print(f"\nNote: {note}")


if __name__ == "__main__":
    main()
