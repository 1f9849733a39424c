#!/usr/bin/python3
"""Leave-one-source-out run of the scikit-learn TF-IDF + logistic-regression peer.

The model is what most open-source scam detectors do: TfidfVectorizer over word 1-2grams
(lower-cased, sublinear tf, min_df=2) and LogisticRegression(class_weight="balanced"),
trained on whole transcripts (the model's turns; see loso.py). Scoring is streaming: every
prefix is vectorised and predicted on its own, one predict_proba per turn, as a live call
would be scored. Single-threaded (BLAS and OpenMP pools set to one thread).

The model's size is that of the pickled (vectorizer, model) pair trained on the whole
training pool, with the vectorizer's `stop_words_` (only kept for introspection) dropped
as sklearn's documentation advises before pickling.

Prints one JSON object on stdout (see loso.py); progress on stderr.

Usage:
  /usr/bin/python3 bench/peers/sklearn_loso.py [INPUT.jsonl|DIR ...]
"""

import os

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import pickle  # noqa: E402
import sys  # noqa: E402

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import loso  # noqa: E402
from sklearn.feature_extraction.text import TfidfVectorizer  # noqa: E402
from sklearn.linear_model import LogisticRegression  # noqa: E402

NAME = "sklearn-tfidf-lr"


class SklearnScorer:
    def train(self, texts, labels):
        vectorizer = TfidfVectorizer(ngram_range=(1, 2), lowercase=True, sublinear_tf=True,
                                     min_df=2)
        features = vectorizer.fit_transform(texts)
        model = LogisticRegression(max_iter=1000, class_weight="balanced")
        model.fit(features, labels)
        vectorizer.stop_words_ = None
        return vectorizer, model

    def score(self, pair, texts):
        vectorizer, model = pair
        scam = list(model.classes_).index(1)
        return [float(model.predict_proba(vectorizer.transform([text]))[0, scam])
                for text in texts]

    def model_bytes(self, pair):
        return len(pickle.dumps(pair, protocol=pickle.HIGHEST_PROTOCOL))


if __name__ == "__main__":
    loso.main(NAME, __doc__.splitlines()[0], lambda args: SklearnScorer())
