"""Training and predicting with the fastText command-line tool (Debian package `fasttext`).

Shared by the fastText peers (fasttext_loso.py, fasttext_baseline.py) so that both train
and score the same way: the preprocessing of fastText's text-classification tutorial
(punctuation split off, lower case, one example per line), its settings for a small data
set, one thread and a fixed seed.
"""

import os
import random
import re
import shutil
import subprocess
import tempfile

DEFAULT_BINARY = shutil.which("fasttext") or "/usr/bin/fasttext"
SEED = 1
# The tutorial's settings (fasttext.cc/docs/en/supervised-tutorial.html), one thread so
# that the same input gives the same model.
TRAIN_OPTIONS = ["-lr", "1.0", "-epoch", "25", "-wordNgrams", "2", "-bucket", "200000",
                 "-dim", "50", "-thread", "1", "-seed", str(SEED), "-verbose", "0"]
SCAM, LEGIT = "__label__scam", "__label__legit"

_PUNCTUATION = re.compile(r"([.!?,'/()])")
_SPACE = re.compile(r"\s+")


def preprocess(text):
    """The tutorial's `sed "s/\\([.\\!?,'/()]\\)/ \\1 /g" | tr [:upper:] [:lower:]`, on one
    line (fastText reads one example per line)."""
    text = _PUNCTUATION.sub(r" \1 ", text).lower()
    return _SPACE.sub(" ", text.replace("__label__", "")).strip()


def add_arguments(parser):
    parser.add_argument("--fasttext", default=DEFAULT_BINARY,
                        help=f"the fastText command-line tool (default {DEFAULT_BINARY})")


class Model:
    """A trained model: a .bin in its own temporary directory."""

    def __init__(self, directory):
        self.directory = directory
        self.path = os.path.join(directory, "model.bin")

    def remove(self):
        shutil.rmtree(self.directory, ignore_errors=True)


class FastText:
    def __init__(self, binary=DEFAULT_BINARY):
        if not (os.path.isfile(binary) and os.access(binary, os.X_OK)):
            raise ValueError(f"{binary}: fastText tool not found or not executable "
                             "(Debian package `fasttext`)")
        self.binary = binary

    def _run(self, args, what):
        proc = subprocess.run([self.binary] + args, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True)
        if proc.returncode != 0:
            raise RuntimeError(f"fasttext {what} exited {proc.returncode}: "
                               f"{proc.stderr.strip()[-500:]}")
        return proc.stdout

    def train(self, texts, labels):
        """texts with labels 1 (scam) / 0 (legit) -> Model. Lines are shuffled with a fixed
        seed so that one thread of SGD does not see the sources one after the other."""
        lines = [f"{SCAM if label else LEGIT} {preprocess(text)}\n"
                 for text, label in zip(texts, labels)]
        random.Random(SEED).shuffle(lines)
        model = Model(tempfile.mkdtemp(prefix="scamguard-fasttext-"))
        data = os.path.join(model.directory, "train.txt")
        with open(data, "w", encoding="utf-8") as f:
            f.writelines(lines)
        try:
            self._run(["supervised", "-input", data, "-output",
                       os.path.join(model.directory, "model")] + TRAIN_OPTIONS, "supervised")
        except RuntimeError:
            model.remove()
            raise
        os.remove(data)
        vectors = os.path.join(model.directory, "model.vec")
        if os.path.exists(vectors):
            os.remove(vectors)  # word vectors for inspection; not needed to predict
        return model

    def predict(self, model, texts):
        """Probability of scam for each text, from one `predict-prob` process for all."""
        with tempfile.NamedTemporaryFile("w", encoding="utf-8", suffix=".txt") as f:
            f.writelines(preprocess(text) + "\n" for text in texts)
            f.flush()
            out = self._run(["predict-prob", model.path, f.name, "2"], "predict-prob")
        lines = out.splitlines()
        if len(lines) != len(texts):
            raise RuntimeError(f"fasttext predict-prob gave {len(lines)} lines for "
                               f"{len(texts)} texts")
        return [scam_probability(line) for line in lines]


def scam_probability(line):
    """P(scam) from a predict-prob line such as `__label__legit 0.93 __label__scam 0.07`."""
    fields = line.split()
    probabilities = dict(zip(fields[0::2], (float(p) for p in fields[1::2])))
    if SCAM in probabilities:
        p = probabilities[SCAM]
    elif LEGIT in probabilities:
        p = 1.0 - probabilities[LEGIT]
    else:
        raise RuntimeError(f"fasttext predict-prob line without a label: {line!r}")
    return min(1.0, max(0.0, p))
