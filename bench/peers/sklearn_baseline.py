#!/usr/bin/python3
"""A streaming TF-IDF + logistic-regression baseline, scored the way `scamguard scan` scores.

Training: word 1-2gram TF-IDF over each call's whole transcript, LogisticRegression on the
call label (scam/legit), on the visible corpora (../shared/data/calls/*.jsonl by default).

Scoring: each call of the input is streamed turn by turn, with no look-ahead. After every
turn the model predicts on the transcript so far (turns 0..i joined); the call is alerted at
the first turn whose scam probability crosses 0.5. One verdict-like JSON line per call:

  {"id": ..., "action": "warn"|"allow", "score": p_scam_after_last_turn,
   "first_warn_turn": i|null, "first_block_turn": null, "symbols": []}

Timing is reported on stderr as one JSON object: training and scoring are timed separately
(time.perf_counter wall clock and time.process_time CPU), so scoring never includes the fit.
This is the peer `bench/compare.sh` runs against `scamguard scan`.

Usage:
  /usr/bin/python3 bench/peers/sklearn_baseline.py [--train DIR_OR_FILE ...] INPUT.jsonl|-
      [--out FILE] [--limit-calls N]
"""

import argparse
import json
import os
import sys
import time

from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from corpus import DEFAULT_TRAIN, read_calls, transcript  # noqa: E402


def train(paths):
    texts, labels = [], []
    for path in paths:
        for call in read_calls(path):
            texts.append(transcript(call["turns"]))
            labels.append(1 if call.get("label") == "scam" else 0)
    vectorizer = TfidfVectorizer(ngram_range=(1, 2), lowercase=True, sublinear_tf=True, min_df=2)
    features = vectorizer.fit_transform(texts)
    model = LogisticRegression(max_iter=1000)
    model.fit(features, labels)
    return vectorizer, model, len(texts)


def score_call(vectorizer, model, call):
    """Streams one call: one predict per turn on the transcript so far (no look-ahead)."""
    so_far = []
    first_warn = None
    probability = 0.0
    for index, turn in enumerate(call["turns"]):
        so_far.append(turn.get("text", ""))
        probability = float(model.predict_proba(vectorizer.transform([" ".join(so_far)]))[0, 1])
        if first_warn is None and probability >= 0.5:
            first_warn = index
    return {
        "id": call.get("id"),
        "action": "warn" if first_warn is not None else "allow",
        "score": round(probability, 4),
        "first_warn_turn": first_warn,
        "first_block_turn": None,
        "symbols": [],
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("input", help="calls to score: .jsonl file, directory of them, or -")
    parser.add_argument("--train", action="append", help="training corpora (default: %s)" % DEFAULT_TRAIN)
    parser.add_argument("--out", default="-", help="verdict lines go here (default stdout)")
    parser.add_argument("--limit-calls", type=int, default=0, help="score only the first N calls")
    args = parser.parse_args()

    wall, cpu = time.perf_counter(), time.process_time()
    vectorizer, model, train_calls = train(args.train or [DEFAULT_TRAIN])
    train_wall, train_cpu = time.perf_counter() - wall, time.process_time() - cpu

    # Inputs are read before the scoring clock starts; the C++ scanner parses its input while
    # it scores, so this favours the baseline slightly.
    calls = list(read_calls(args.input))
    if args.limit_calls:
        calls = calls[: args.limit_calls]

    out = sys.stdout if args.out == "-" else open(args.out, "w", encoding="utf-8")
    lines = []
    turns = alerted = 0
    wall, cpu = time.perf_counter(), time.process_time()
    for call in calls:
        verdict = score_call(vectorizer, model, call)
        turns += len(call["turns"])
        alerted += verdict["action"] != "allow"
        lines.append(json.dumps(verdict))
    score_wall, score_cpu = time.perf_counter() - wall, time.process_time() - cpu
    out.write("\n".join(lines) + ("\n" if lines else ""))
    if out is not sys.stdout:
        out.close()

    report = {
        "train_calls": train_calls,
        "train_wall_s": round(train_wall, 4),
        "train_cpu_s": round(train_cpu, 4),
        "calls_scored": len(calls),
        "turns_scored": turns,
        "alerted": alerted,
        "score_wall_s": round(score_wall, 4),
        "score_cpu_s": round(score_cpu, 4),
        "turns_per_s_wall": round(turns / score_wall, 1) if score_wall > 0 else None,
        "turns_per_cpu_s": round(turns / score_cpu, 1) if score_cpu > 0 else None,
        "vocabulary": len(vectorizer.vocabulary_),
    }
    print(json.dumps(report), file=sys.stderr)


if __name__ == "__main__":
    main()
