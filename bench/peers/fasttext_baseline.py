#!/usr/bin/python3
"""A streaming fastText baseline, scored the way `scamguard scan` scores.

The fastText twin of sklearn_baseline.py, with the same command line, verdict lines and
timing report, so that compare.py can run either.

Training: Debian's `fasttext supervised` (see fasttext_cli.py: the supervised tutorial's
preprocessing and settings, one thread, fixed seed) on each call's whole transcript and its
label (scam/legit), on the visible corpora (../shared/data/calls/*.jsonl by default).

Scoring: each call of the input is streamed turn by turn, with no look-ahead: after every
turn the model predicts on the transcript so far (turns 0..i joined); the call is alerted at
the first turn whose scam probability reaches 0.5. Every prefix of every call goes through
one `fasttext predict-prob` process, which predicts each line on its own. One verdict-like
JSON line per call:

  {"id": ..., "action": "warn"|"allow", "score": p_scam_after_last_turn,
   "first_warn_turn": i|null, "first_block_turn": null, "symbols": []}

Timing is reported on stderr as one JSON object, training and scoring timed separately
(time.perf_counter wall clock; CPU of this process and its children), so scoring never
includes the fit; it includes fastText loading its model once.

Usage:
  /usr/bin/python3 bench/peers/fasttext_baseline.py [--train DIR_OR_FILE ...] INPUT.jsonl|-
      [--out FILE] [--limit-calls N] [--fasttext PATH]
"""

import argparse
import json
import os
import resource
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import fasttext_cli  # noqa: E402
from corpus import DEFAULT_TRAIN, read_calls, transcript  # noqa: E402


def cpu_seconds():
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


def train(cli, paths):
    texts, labels = [], []
    for path in paths:
        for call in read_calls(path):
            texts.append(transcript(call["turns"]))
            labels.append(1 if call.get("label") == "scam" else 0)
    return cli.train(texts, labels), len(texts)


def verdicts(calls, probabilities):
    """One verdict per call from the probabilities of its prefixes, in call order."""
    at = 0
    for call in calls:
        scores = probabilities[at:at + len(call["turns"])]
        at += len(call["turns"])
        first_warn = next((i for i, p in enumerate(scores) if p >= 0.5), None)
        yield {
            "id": call.get("id"),
            "action": "warn" if first_warn is not None else "allow",
            "score": round(scores[-1] if scores else 0.0, 4),
            "first_warn_turn": first_warn,
            "first_block_turn": None,
            "symbols": [],
        }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("input", help="calls to score: .jsonl file, directory of them, or -")
    parser.add_argument("--train", action="append",
                        help="training corpora (default: %s)" % DEFAULT_TRAIN)
    parser.add_argument("--out", default="-", help="verdict lines go here (default stdout)")
    parser.add_argument("--limit-calls", type=int, default=0, help="score only the first N calls")
    fasttext_cli.add_arguments(parser)
    args = parser.parse_args()

    try:
        cli = fasttext_cli.FastText(args.fasttext)
        wall, cpu = time.perf_counter(), cpu_seconds()
        model, train_calls = train(cli, args.train or [DEFAULT_TRAIN])
        train_wall, train_cpu = time.perf_counter() - wall, cpu_seconds() - cpu
    except (ValueError, OSError, RuntimeError) as error:
        sys.exit(f"fasttext_baseline: {error}")

    try:
        # Inputs and prefixes are made before the scoring clock starts, as in
        # sklearn_baseline.py (which reads its input first too).
        calls = list(read_calls(args.input))
        if args.limit_calls:
            calls = calls[: args.limit_calls]
        prefixes = []
        for call in calls:
            so_far = []
            for turn in call["turns"]:
                so_far.append(turn.get("text", ""))
                prefixes.append(" ".join(so_far))

        wall, cpu = time.perf_counter(), cpu_seconds()
        probabilities = cli.predict(model, prefixes)
        score_wall, score_cpu = time.perf_counter() - wall, cpu_seconds() - cpu
        model_bytes = os.path.getsize(model.path)
    except (OSError, RuntimeError) as error:
        sys.exit(f"fasttext_baseline: {error}")
    finally:
        model.remove()

    results = list(verdicts(calls, probabilities))
    lines = [json.dumps(v) for v in results]
    out = sys.stdout if args.out == "-" else open(args.out, "w", encoding="utf-8")
    out.write("\n".join(lines) + ("\n" if lines else ""))
    if out is not sys.stdout:
        out.close()

    report = {
        "train_calls": train_calls,
        "train_wall_s": round(train_wall, 4),
        "train_cpu_s": round(train_cpu, 4),
        "calls_scored": len(calls),
        "turns_scored": len(prefixes),
        "alerted": sum(v["action"] != "allow" for v in results),
        "score_wall_s": round(score_wall, 4),
        "score_cpu_s": round(score_cpu, 4),
        "turns_per_s_wall": round(len(prefixes) / score_wall, 1) if score_wall > 0 else None,
        "turns_per_cpu_s": round(len(prefixes) / score_cpu, 1) if score_cpu > 0 else None,
        "model_bytes": model_bytes,
    }
    print(json.dumps(report), file=sys.stderr)


if __name__ == "__main__":
    main()
