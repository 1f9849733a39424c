#!/usr/bin/python3
"""Tests of the peers' protocol (loso.py), the fastText helpers and model_table.py's handling
of scamguard's output. Standard library only; no model is trained.

  /usr/bin/python3 -m unittest discover -s bench/peers -p 'test_*.py'
"""

import io
import json
import math
import os
import stat
import sys
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.dirname(HERE))

import fasttext_cli  # noqa: E402
import loso  # noqa: E402
import model_table  # noqa: E402


# Sources the tests treat as train_shipped = no, as ../shared/data/sources.tsv marks them.
TEST_ONLY = frozenset({"schema-guided-dialogue", "dialogsum"})


def call(source, label, texts, speakers=None, critical=None, id_=None):
    speakers = speakers or ["remote"] * len(texts)
    return {"id": id_ or f"{source}-{label}-{texts[0]}", "source": source, "label": label,
            "turns": [{"speaker": s, "text": t} for s, t in zip(speakers, texts)],
            "critical_turn": critical, "train_shipped": source not in TEST_ONLY}


TABLE = "# comment\nsource\tfile\tlicence\ttrain_shipped\ns\tx.jsonl\tMIT\tyes\n" \
        "closed\tclosed.jsonl\tNC\tno\n"


class KeywordScorer:
    """Scores a text 0.9 if it holds a word seen only in scam training texts; records what
    it was trained on so that the test can check no fold saw its own source."""

    def __init__(self):
        self.trained_on = []

    def train(self, texts, labels):
        self.trained_on.append(list(texts))
        scam = {w for t, l in zip(texts, labels) if l for w in t.split()}
        legit = {w for t, l in zip(texts, labels) if not l for w in t.split()}
        return scam - legit

    def score(self, words, texts):
        return [0.9 if set(t.split()) & words else 0.1 for t in texts]

    def model_bytes(self, words):
        return len(words)


class ModelTextTest(unittest.TestCase):
    def test_user_turns_are_left_out(self):
        c = call("s", "scam", ["hello", "hi who is this", "your account"],
                 ["remote", "user", "unknown"])
        self.assertEqual(loso.model_turns(c), [(0, "hello"), (2, "your account")])
        self.assertEqual(loso.prefixes(c), [(0, "hello"), (2, "hello your account")])

    def test_a_call_of_user_turns_only_gives_all_of_them(self):
        c = call("s", "legit", ["i want to file a claim", "thanks"], ["user", "user"])
        self.assertEqual(loso.model_text(c), "i want to file a claim thanks")


class FoldsTest(unittest.TestCase):
    def test_each_source_is_tested_once_by_a_model_that_never_saw_it(self):
        calls = [call("a", "scam", ["x1"]), call("a", "legit", ["x2"]),
                 call("b", "scam", ["y1"]), call("b", "legit", ["y2"]),
                 call("c", "legit", ["z1"]),
                 call("schema-guided-dialogue", "legit", ["s1"]),
                 call("dialogsum", "legit", ["d1"])]
        tested = []
        for train, test, sources in loso.folds(calls):
            tested += sources
            trained = {c["source"] for c in train}
            self.assertFalse(trained & set(sources) - TEST_ONLY)
            self.assertFalse(trained & TEST_ONLY)
            self.assertEqual({c["source"] for c in test}, set(sources))
        self.assertEqual(sorted(tested), sorted({c["source"] for c in calls}))
        # The two tune-only sources share the whole-pool model.
        shared = [s for _, _, s in loso.folds(calls) if "dialogsum" in s]
        self.assertEqual(shared, [["schema-guided-dialogue", "dialogsum"]])

    def test_run_scores_each_call_with_a_model_that_never_saw_its_text(self):
        calls = [call("a", "scam", ["alpha gift"]), call("a", "legit", ["alpha hello"]),
                 call("b", "scam", ["beta gift"]), call("b", "legit", ["beta hello"]),
                 call("dialogsum", "legit", ["gift shop"])]
        scorer = KeywordScorer()
        results, timing = loso.run(calls, scorer, log=io.StringIO())
        self.assertEqual(len(results), len(calls))
        self.assertEqual(timing["scored_turns"], len(calls))
        self.assertEqual(len(scorer.trained_on), 3)  # a, b, and the whole pool
        # Source a is scored by a model trained on b only: "gift" is a scam word there.
        by_id = {r["call"]["id"]: r["scores"] for r in results}
        self.assertEqual(by_id[calls[0]["id"]], [0.9])
        self.assertEqual(by_id[calls[1]["id"]], [0.1])
        self.assertEqual(by_id[calls[4]["id"]], [0.9])


class ThresholdTest(unittest.TestCase):
    def results(self, source, label, maxima):
        return [{"call": call(source, label, [str(i)], id_=f"{source}{i}"), "turns": [0],
                 "scores": [m]} for i, m in enumerate(maxima)]

    def test_lowest_threshold_keeping_every_legit_source_at_one_percent(self):
        # 200 legit calls of source a may have 2 false positives; b (50 calls) none.
        a = self.results("a", "legit", [0.95, 0.9, 0.8] + [0.1] * 197)
        b = self.results("b", "legit", [0.7] + [0.2] * 49)
        scam = self.results("s", "scam", [0.99, 0.85, 0.75, 0.3])
        t = loso.threshold(a + b + scam)
        self.assertGreater(t, 0.8)
        self.assertEqual(t, math.nextafter(0.8, math.inf))
        summary = loso.summarise("x", a + b + scam, {"scored_turns": 1, "score_cpu": 1.0,
                                                      "model_bytes": 1, "train_cpu": 0.0})
        rows = {(r["source"], r["label"]): r for r in summary["sources"]}
        self.assertEqual(rows[("a", "legit")]["alerted"], 2)
        self.assertLessEqual(rows[("a", "legit")]["rate"], 0.01)
        self.assertEqual(rows[("b", "legit")]["alerted"], 0)
        self.assertEqual(rows[("s", "scam")]["alerted"], 2)
        self.assertEqual(rows[("s", "scam")]["rate_at_0_5"], 0.75)
        self.assertIsNone(rows[("s", "scam")]["in_time"])

    def test_saturated_legit_scores_leave_no_threshold_below_one(self):
        t = loso.threshold(self.results("a", "legit", [1.0] * 10))
        self.assertGreater(t, 1.0)


class InTimeTest(unittest.TestCase):
    def test_alert_at_or_before_the_critical_turn_is_in_time(self):
        early = {"call": call("s", "scam", ["a", "b", "c"], critical=1, id_="early"),
                 "turns": [0, 1, 2], "scores": [0.2, 0.9, 0.9]}
        late = {"call": call("s", "scam", ["a", "b", "c"], critical=1, id_="late"),
                "turns": [0, 1, 2], "scores": [0.2, 0.3, 0.9]}
        none = {"call": call("s", "scam", ["a"], id_="none"), "turns": [0], "scores": [0.9]}
        self.assertEqual(loso.first_alert(early, 0.5), 1)
        summary = loso.summarise("x", [early, late, none], {
            "scored_turns": 7, "score_cpu": 0.0, "model_bytes": 0, "train_cpu": 0.0}, t=0.5)
        row = summary["sources"][0]
        self.assertEqual((row["alerted"], row["in_time"], row["with_critical_turn"]), (3, 1, 2))
        self.assertIsNone(summary["turns_per_second"])


class ReadCallsTest(unittest.TestCase):
    def test_bad_lines_are_named_and_skipped(self):
        with tempfile.TemporaryDirectory() as d:
            path = os.path.join(d, "x.jsonl")
            with open(os.path.join(d, "sources.tsv"), "w") as f:
                f.write(TABLE)
            with open(path, "w") as f:
                f.write(json.dumps(call("s", "scam", ["hi"])) + "\n")
                f.write("{not json\n\n")
                f.write(json.dumps(call("s", "spam", ["hi"])) + "\n")
                f.write(json.dumps({"source": "s", "label": "legit", "turns": []}) + "\n")
            log = io.StringIO()
            calls = loso.read_calls([d], log=log)
        self.assertEqual(len(calls), 1)
        messages = log.getvalue().splitlines()
        self.assertEqual(len(messages), 3)
        self.assertTrue(messages[0].startswith(path + ":2: skipped: not JSON"))
        self.assertIn(":4: skipped: 'label' is 'spam'", messages[1])
        self.assertIn(":5: skipped: missing or empty 'turns'", messages[2])

    def test_sources_tsv_beside_the_data_marks_what_may_train(self):
        with tempfile.TemporaryDirectory() as d:
            os.mkdir(os.path.join(d, "calls"))
            with open(os.path.join(d, "sources.tsv"), "w") as f:
                f.write(TABLE.replace("\tx.jsonl", "\tcalls/x.jsonl")
                        .replace("\tclosed.jsonl", "\tcalls/closed.jsonl"))
            with open(os.path.join(d, "calls", "closed.jsonl"), "w") as f:
                # The file name maps a call whose source field differs from its row.
                f.write(json.dumps(call("closed-v2", "scam", ["buy cards"])) + "\n")
            with open(os.path.join(d, "calls", "x.jsonl"), "w") as f:
                f.write(json.dumps(call("s", "scam", ["hi"])) + "\n")
            calls = loso.read_calls([os.path.join(d, "calls")], log=io.StringIO())
            self.assertEqual([(c["source"], c["train_shipped"]) for c in calls],
                             [("closed-v2", False), ("s", True)])
            self.assertEqual(loso.untrainable(calls), {"closed-v2"})
            with open(os.path.join(d, "calls", "y.jsonl"), "w") as f:
                f.write(json.dumps(call("unlisted", "scam", ["hi"])) + "\n")
            with self.assertRaisesRegex(ValueError, "source 'unlisted' .* is not listed in"):
                loso.read_calls([os.path.join(d, "calls")], log=io.StringIO())

    def test_a_broken_or_missing_table_is_an_error(self):
        with tempfile.TemporaryDirectory() as d:
            path = os.path.join(d, "x.jsonl")
            with open(path, "w") as f:
                f.write(json.dumps(call("s", "scam", ["hi"])) + "\n")
            with self.assertRaisesRegex(ValueError, "no sources.tsv says what"):
                loso.read_calls([path])
            with open(os.path.join(d, "sources.tsv"), "w") as f:
                f.write("source\tfile\ttrain_shipped\ns\tx.jsonl\tmaybe\n")
            with self.assertRaisesRegex(ValueError, "sources.tsv:2: train_shipped of 's' is "
                                        "'maybe'"):
                loso.read_calls([path])

    def test_missing_input_is_an_error(self):
        with self.assertRaisesRegex(ValueError, "no-such.jsonl: no such file"):
            loso.read_calls(["/nonexistent/no-such.jsonl"])


class FastTextHelpersTest(unittest.TestCase):
    def test_preprocess_splits_punctuation_and_lowers_on_one_line(self):
        self.assertEqual(fasttext_cli.preprocess("Hello, it's\nMicrosoft (support)."),
                         "hello , it ' s microsoft ( support ) .")

    def test_scam_probability_from_either_label(self):
        self.assertAlmostEqual(
            fasttext_cli.scam_probability("__label__legit 0.93 __label__scam 0.07"), 0.07)
        self.assertAlmostEqual(fasttext_cli.scam_probability("__label__legit 0.25"), 0.75)
        self.assertEqual(fasttext_cli.scam_probability("__label__scam 1.00001"), 1.0)
        with self.assertRaises(RuntimeError):
            fasttext_cli.scam_probability("")


class ScamguardOutputTest(unittest.TestCase):
    def fake(self, directory, body):
        path = os.path.join(directory, "scamguard")
        with open(path, "w") as f:
            f.write("#!/bin/sh\n" + body + "\n")
        os.chmod(path, os.stat(path).st_mode | stat.S_IXUSR)
        return path

    def test_rows_of_the_shared_shape_are_taken(self):
        row = {"source": "ftc-robocall", "label": "scam", "calls": 2, "alerted": 1, "rate": 0.5,
               "rate_at_0_5": 0.5, "in_time": None, "with_critical_turn": 0}
        out = [{"scorer": f"scamguard-{k}", "protocol": "loso", "threshold": 0.5,
                "sources": [row], "turns_per_second": 1e5, "model_bytes": 10,
                "train_seconds": 1} for k in ("rules", "model", "combined")]
        with tempfile.TemporaryDirectory() as d:
            binary = self.fake(d, f"echo '{json.dumps(out)}'")
            results, problem = model_table.run_scamguard(binary, ["x"], "", [])
        self.assertIsNone(problem)
        self.assertEqual([r["scorer"] for r in results],
                         ["scamguard-rules", "scamguard-model", "scamguard-combined"])
        text = model_table.table(results, model_table.columns(results))
        self.assertIn("| `scamguard-combined` | 0.5000 | 0.500 (0.500) |", text)

    def test_a_binary_without_loso_is_reported_not_fatal(self):
        with tempfile.TemporaryDirectory() as d:
            binary = self.fake(d, "echo 'scamguard: unknown option --loso' >&2; exit 2")
            results, problem = model_table.run_scamguard(binary, ["x"], "", [])
            self.assertIsNone(results)
            self.assertIn("exited 2 (scamguard: unknown option --loso)", problem)
            binary = self.fake(d, "echo '[{\"scorer\": 1}]'")
            results, problem = model_table.run_scamguard(binary, ["x"], "", [])
            self.assertIsNone(results)
            self.assertIn("another shape", problem)
        results, problem = model_table.run_scamguard("/nonexistent/scamguard", [], "", [])
        self.assertIn("not an executable file", problem)


if __name__ == "__main__":
    unittest.main()
