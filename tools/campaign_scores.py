#!/usr/bin/env python3
"""Pairwise precision / recall and adjusted Rand index of `scamguard campaigns` output against
the "truth" field written by tools/gen_campaign_corpus.py.

    python3 tools/campaign_scores.py corpus.jsonl campaigns.jsonl
"""
import itertools
import json
import sys
from collections import Counter


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    truth = {}
    with open(sys.argv[1], encoding="utf-8") as f:
        for line in f:
            call = json.loads(line)
            truth[call["id"]] = call.get("truth")
    predicted = {}
    with open(sys.argv[2], encoding="utf-8") as f:
        for line in f:
            campaign = json.loads(line)
            for call in campaign["calls"]:
                predicted[call] = campaign["campaign"]
    ids = list(truth)
    t_label = [truth[i] or "single-" + i for i in ids]
    p_label = [predicted.get(i) or "single-" + i for i in ids]
    pairs = lambda n: n * (n - 1) / 2
    cells = sum(pairs(n) for n in Counter(zip(t_label, p_label)).values())
    t_pairs = sum(pairs(n) for n in Counter(t_label).values())
    p_pairs = sum(pairs(n) for n in Counter(p_label).values())
    expected = t_pairs * p_pairs / pairs(len(ids))
    ari = (cells - expected) / ((t_pairs + p_pairs) / 2 - expected)
    legit = sum(1 for i in ids if truth[i] is None and i in predicted)
    print("precision %.3f recall %.3f ARI %.3f legit-in-campaigns %d" %
          (cells / p_pairs if p_pairs else 1.0, cells / t_pairs if t_pairs else 1.0, ari, legit))


if __name__ == "__main__":
    main()
