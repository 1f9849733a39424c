#!/usr/bin/python3
"""Leave-one-source-out run of the fastText peer (Debian's `fasttext` command-line tool).

fastText is used the way its text-classification tutorial uses it: text lower-cased with
punctuation split off into tokens, one call per line with its label (__label__scam or
__label__legit), trained on whole transcripts (the model's turns; see loso.py) with

  fasttext supervised -lr 1.0 -epoch 25 -wordNgrams 2 -bucket 200000 -dim 50
                      -thread 1 -seed 1

(the tutorial's settings, with one thread and a fixed seed so that the same input gives the
same model). fastText has no class weights; the classes are left as they come. Scoring:
every prefix of every test call of a fold, one per line, through one
`fasttext predict-prob MODEL FILE 2` process, which predicts each line on its own (so the
timing includes one model load per fold, as a long-running scorer would pay once). The
model's size is that of the .bin trained on the whole training pool.

Prints one JSON object on stdout (see loso.py); progress on stderr.

Usage:
  /usr/bin/python3 bench/peers/fasttext_loso.py [--fasttext PATH] [INPUT.jsonl|DIR ...]
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import fasttext_cli  # noqa: E402
import loso  # noqa: E402

NAME = "fasttext-cli"


class FastTextScorer:
    def __init__(self, binary):
        self.cli = fasttext_cli.FastText(binary)

    def train(self, texts, labels):
        return self.cli.train(texts, labels)

    def score(self, model, texts):
        return self.cli.predict(model, texts)

    def model_bytes(self, model):
        return os.path.getsize(model.path)

    def discard(self, model):
        model.remove()


if __name__ == "__main__":
    loso.main(NAME, __doc__.splitlines()[0], lambda args: FastTextScorer(args.fasttext),
              fasttext_cli.add_arguments)
