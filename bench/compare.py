#!/usr/bin/python3
"""Whole-process comparison: `scamguard scan` against the streaming sklearn and fastText peers.

All read the same input (every ../shared/data/calls/*.jsonl concatenated into one file), all
stream each call turn by turn with no look-ahead and write one verdict line per call. All run
pinned to one core (`taskset -c CPU`), the peers with their BLAS/OpenMP pools set to one
thread, one after the other in the same invocation, each RUNS times; the medians go into a
markdown table on stdout.

What is timed:
  - scamguard scan: the whole process, fork to exit (engine load + reading + scoring +
    writing verdicts), wall clock and CPU (user+sys of the child).
  - scamguard scan of an empty file: the engine load and process start-up alone; the
    difference is shown as scan's scoring-only time.
  - each peer (peers/sklearn_baseline.py, peers/fasttext_baseline.py: the fastText CLI): its
    scoring loop only (training and reading input excluded; the script reports both), wall
    clock and CPU, and also its whole process for reference.

"Turns per second per core" divides the turns scored by the CPU seconds used (with one
pinned core, CPU seconds are core seconds; wall clock is shown beside it).

Usage:
  /usr/bin/python3 bench/compare.py [--scamguard PATH] [--runs 3] [--cpu 0] [--data DIR]
      [--peers sklearn,fasttext]
"""

import argparse
import glob
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
DEFAULT_DATA = os.path.normpath(os.path.join(ROOT, "..", "shared", "data", "calls"))
DEFAULT_BIN = os.path.join(ROOT, "build", "release", "apps", "scamguard", "scamguard")
PEERS = {
    "sklearn": ("sklearn TF-IDF+LR", os.path.join(HERE, "peers", "sklearn_baseline.py")),
    "fasttext": ("fastText CLI", os.path.join(HERE, "peers", "fasttext_baseline.py")),
}
# Debian's interpreter has python3-sklearn; a pyenv python3 earlier on PATH may not.
PEER_PYTHON = "/usr/bin/python3" if os.path.exists("/usr/bin/python3") else sys.executable


def run_timed(cmd, env=None, stdout=subprocess.DEVNULL):
    """Runs cmd to completion; returns (wall seconds, child CPU seconds, stderr text)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.run(cmd, env=env, stdout=stdout, stderr=subprocess.PIPE, text=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if proc.returncode != 0:
        sys.exit(f"compare: {' '.join(cmd)} exited {proc.returncode}:\n{proc.stderr[-2000:]}")
    return wall, cpu, proc.stderr


def build_type(binary):
    cache = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(binary))), "CMakeCache.txt")
    try:
        for line in open(cache, encoding="utf-8"):
            if line.startswith("CMAKE_BUILD_TYPE:"):
                return line.split("=", 1)[1].strip()
    except OSError:
        pass
    return "unknown"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scamguard", default=DEFAULT_BIN, help="scamguard binary (Release)")
    parser.add_argument("--runs", type=int, default=3, help="runs of each side; medians reported")
    parser.add_argument("--cpu", default="0", help="core to pin both sides to (taskset -c)")
    parser.add_argument("--data", default=DEFAULT_DATA, help="directory of *.jsonl corpora")
    parser.add_argument("--peers", default="sklearn,fasttext", help="peers to run, in order")
    args = parser.parse_args()
    peers = [p for p in args.peers.split(",") if p]
    for name in peers:
        if name not in PEERS:
            sys.exit(f"compare: unknown peer '{name}' (known: {', '.join(PEERS)})")

    kind = build_type(args.scamguard)
    if kind != "Release":
        print(f"compare: warning: {args.scamguard} is a {kind} build, not Release", file=sys.stderr)

    files = sorted(glob.glob(os.path.join(args.data, "*.jsonl")))
    if not files:
        sys.exit(f"compare: no *.jsonl under {args.data}")
    work = tempfile.mkdtemp(prefix="scamguard-compare-")
    corpus = os.path.join(work, "all.jsonl")
    empty = os.path.join(work, "empty.jsonl")
    calls = turns = 0
    with open(corpus, "w", encoding="utf-8") as out:
        for path in files:
            for line in open(path, encoding="utf-8"):
                if not line.strip():
                    continue
                out.write(line if line.endswith("\n") else line + "\n")
                calls += 1
                turns += len(json.loads(line)["turns"])
    open(empty, "w").close()

    pin = ["taskset", "-c", args.cpu]
    env = dict(os.environ, OMP_NUM_THREADS="1", OPENBLAS_NUM_THREADS="1", MKL_NUM_THREADS="1")

    # Check, then time: one scan must give one verdict line per call.
    with open(os.path.join(work, "scan.jsonl"), "w") as verdicts:
        run_timed(pin + [args.scamguard, "scan", corpus], stdout=verdicts)
    with open(os.path.join(work, "scan.jsonl")) as verdicts:
        lines = sum(1 for _ in verdicts)
    if lines != calls:
        sys.exit(f"compare: scamguard scan wrote {lines} verdict lines for {calls} calls")

    scan, load = [], []
    peer = {name: [] for name in peers}        # (scoring wall, scoring CPU)
    peer_whole = {name: [] for name in peers}  # (whole wall, whole CPU, training wall)
    for run in range(args.runs):
        scan.append(run_timed(pin + [args.scamguard, "scan", corpus])[:2])
        load.append(run_timed(pin + [args.scamguard, "scan", empty])[:2])
        progress = [f"scan {scan[-1][0]:.3f}s, load-only {load[-1][0]:.3f}s"]
        for name in peers:
            wall, cpu, err = run_timed(
                pin + [PEER_PYTHON, PEERS[name][1], corpus, "--out", os.devnull], env=env)
            report = json.loads(err.strip().splitlines()[-1])
            if report["turns_scored"] != turns:
                sys.exit(f"compare: {name} scored {report['turns_scored']} turns, expected {turns}")
            peer[name].append((report["score_wall_s"], report["score_cpu_s"]))
            peer_whole[name].append((wall, cpu, report["train_wall_s"]))
            progress.append(f"{name} scoring {peer[name][-1][0]:.2f}s (whole process {wall:.2f}s)")
        print(f"run {run + 1}/{args.runs}: " + ", ".join(progress), file=sys.stderr)

    med = lambda rows, i: statistics.median(r[i] for r in rows)  # noqa: E731
    scan_wall, scan_cpu = med(scan, 0), med(scan, 1)
    load_wall, load_cpu = med(load, 0), med(load, 1)
    score_only_cpu = max(scan_cpu - load_cpu, 1e-9)
    score_only_wall = max(scan_wall - load_wall, 1e-9)

    scan_rate = turns / scan_cpu
    scan_score_rate = turns / score_only_cpu

    print(f"Input: {calls} calls, {turns} turns ({len(files)} files from {args.data}); "
          f"pinned to CPU {args.cpu}; median of {args.runs} runs; scamguard build: {kind}.\n")
    print("| what is timed | wall s | CPU s | turns/s per core (CPU) | turns/s (wall) |")
    print("|---|---:|---:|---:|---:|")
    print(f"| `scamguard scan`, whole process (load + score + write) | {scan_wall:.3f} | "
          f"{scan_cpu:.3f} | {scan_rate:,.0f} | {turns / scan_wall:,.0f} |")
    print(f"| `scamguard scan` of an empty file (engine load + start-up) | {load_wall:.3f} | "
          f"{load_cpu:.3f} | – | – |")
    print(f"| `scamguard scan`, scoring only (difference of the two) | {score_only_wall:.3f} | "
          f"{score_only_cpu:.3f} | {scan_score_rate:,.0f} | {turns / score_only_wall:,.0f} |")
    for name in peers:
        label = PEERS[name][0]
        wall, cpu = med(peer[name], 0), med(peer[name], 1)
        print(f"| {label} peer, scoring loop only | {wall:.3f} | {cpu:.3f} | "
              f"{turns / cpu:,.0f} | {turns / wall:,.0f} |")
        print(f"| {label} peer, whole process (start + train + score) | "
              f"{med(peer_whole[name], 0):.3f} | {med(peer_whole[name], 1):.3f} | – | – |")
    print()
    print("| ratio (turns/s per core) | value |")
    print("|---|---:|")
    for name in peers:
        label = PEERS[name][0]
        peer_rate = turns / med(peer[name], 1)
        print(f"| scan whole process / {label} scoring only | {scan_rate / peer_rate:,.0f}x |")
        print(f"| scan scoring only / {label} scoring only | {scan_score_rate / peer_rate:,.0f}x |")
    for name in peers:
        print(f"\n({PEERS[name][0]} training, excluded above: median "
              f"{med(peer_whole[name], 2):.2f}s wall)")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
