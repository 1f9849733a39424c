"""The leave-one-source-out protocol every peer in bench/ is measured with.

One module so that every scorer sees exactly the same calls, folds, text, prefixes and
threshold rule; a peer only supplies how to train a model and how to score a list of texts.

- Input: the shared JSONL corpora (../shared/data/calls/*.jsonl from the project root) plus
  the project's own synthetic corpus (data/synthetic/*.jsonl) when it exists.
- Training pool: every call whose source may train a shipped model, as the `sources.tsv`
  beside its file says (the first of <dir>/sources.tsv and <dir>/../sources.tsv; column
  train_shipped, matched by the call's source or its file; a source it does not list is an
  error), as for `scamguard train`. The others (train_shipped = no) are tested, never trained.
- Training only: the synthetic corpus (TRAINING_ONLY) is in every fold's training set and
  is never scored.
- Folds: for each source S, train on (pool minus S) and score every call of S with that
  model, so no call is scored by a model that saw its source. Folds that exclude the same
  set of training calls (every source outside the pool) share one model.
- Text: the turns whose speaker is not "user"; a call with none gives all its turns.
- Streaming: after every such turn the model scores the text so far (no look-ahead); the
  call's score is the maximum over its prefixes; it alerts at the first prefix reaching the
  threshold, and first_alert_turn is that turn's index in the call.
- Threshold: the lowest t at which every legit source's false-positive rate (share of its
  legit calls scoring >= t) is at most MAX_FPR.
- Speed: scoring only (no training), CPU seconds of this process and its children, i.e. on
  one core when the scorer is single-threaded; turns = prefixes scored.

Output (summarise): one JSON object
  {"scorer", "protocol": "loso", "threshold",
   "sources": [{"source", "label", "calls", "alerted", "rate", "rate_at_0_5", "in_time",
                "with_critical_turn"}],
   "turns_per_second", "model_bytes", "train_seconds"}
"""

import glob
import json
import math
import os
import resource
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))
SHARED_CALLS = os.path.normpath(os.path.join(ROOT, "..", "shared", "data", "calls"))
SYNTHETIC_GLOB = os.path.join(ROOT, "data", "synthetic", "*.jsonl")

# The project's own synthetic calls are written to teach a model, not to measure one: they are
# in every fold's training set and are never scored (as `scamguard eval --loso --train-extra`).
TRAINING_ONLY = frozenset({"scamguard-synthetic"})
MAX_FPR = 0.01
LABELS = ("scam", "legit")


def default_inputs():
    """The shared corpora plus the project's synthetic corpus when present, sorted."""
    return sorted(glob.glob(os.path.join(SHARED_CALLS, "*.jsonl"))) + sorted(
        glob.glob(SYNTHETIC_GLOB))


def expand(paths):
    """Files of the given .jsonl files and directories; a missing path is an error."""
    files = []
    for path in paths:
        if os.path.isdir(path):
            found = sorted(glob.glob(os.path.join(path, "*.jsonl")))
            if not found:
                raise ValueError(f"{path}: directory holds no *.jsonl")
            files += found
        elif os.path.isfile(path):
            files.append(path)
        else:
            raise ValueError(f"{path}: no such file or directory")
    return files


def check_call(call):
    """Returns None for a usable call, else what is wrong with it."""
    if not isinstance(call, dict):
        return "not a JSON object"
    if not isinstance(call.get("source"), str) or not call["source"]:
        return "missing or empty 'source'"
    if call.get("label") not in LABELS:
        return f"'label' is {call.get('label')!r}, expected 'scam' or 'legit'"
    turns = call.get("turns")
    if not isinstance(turns, list) or not turns:
        return "missing or empty 'turns'"
    for index, turn in enumerate(turns):
        if not isinstance(turn, dict) or not isinstance(turn.get("text"), str):
            return f"turns[{index}] has no string 'text'"
    critical = call.get("critical_turn")
    if critical is not None and (not isinstance(critical, int) or isinstance(critical, bool)
                                 or critical < 0):
        return f"'critical_turn' is {critical!r}, expected a turn index or null"
    return None


def read_source_table(path):
    """[(source, absolute file, may train)] of a sources.tsv; a broken line is a ValueError
    naming the table and line."""
    rows, columns = [], None
    with open(path, encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            fields = [field.strip() for field in line.split("\t")]
            if columns is None:
                columns = fields
                if not {"source", "file", "train_shipped"} <= set(columns):
                    raise ValueError(f"{path}:{number}: the header needs the tab-separated "
                                     "columns source, file and train_shipped")
                continue
            if len(fields) != len(columns):
                raise ValueError(f"{path}:{number}: expected {len(columns)} tab-separated "
                                 f"fields, found {len(fields)}")
            row = dict(zip(columns, fields))
            if row["train_shipped"] not in ("yes", "no"):
                raise ValueError(f"{path}:{number}: train_shipped of {row['source']!r} is "
                                 f"{row['train_shipped']!r}, expected yes or no")
            rows.append((row["source"], os.path.realpath(os.path.join(
                os.path.dirname(path), row["file"])), row["train_shipped"] == "yes"))
    if columns is None:
        raise ValueError(f"{path}: no header line (source, file, train_shipped)")
    return rows


def source_table_for(corpus_file, cache):
    directory = os.path.dirname(os.path.abspath(corpus_file))
    candidates = [os.path.join(directory, "sources.tsv"),
                  os.path.normpath(os.path.join(directory, "..", "sources.tsv"))]
    for candidate in candidates:
        if os.path.isfile(candidate):
            if candidate not in cache:
                cache[candidate] = read_source_table(candidate)
            return candidate, cache[candidate]
    raise ValueError(f"no sources.tsv says what {corpus_file} may be trained on: looked for "
                     f"{candidates[0]} and {candidates[1]}")


def may_train(table_path, rows, source, corpus_file):
    """True when a row names the call's source or file and every such row says yes."""
    real = os.path.realpath(corpus_file)
    matches = [yes for name, file, yes in rows if name == source or file == real]
    if not matches:
        raise ValueError(f"source {source!r} ({corpus_file}) is not listed in {table_path}")
    return all(matches)


def untrainable(calls):
    """Sources with a call that may not train (marked by read_calls): tested, never trained."""
    return frozenset(c["source"] for c in calls if not c.get("train_shipped"))


def read_calls(paths, log=sys.stderr):
    """Calls of the given files and directories, in order, each marked "train_shipped" from
    the sources.tsv beside its file; a malformed line is reported with its file and line
    number and skipped, without stopping the run."""
    calls, tables = [], {}
    for path in expand(paths):
        table_path, rows = source_table_for(path, tables)
        with open(path, encoding="utf-8") as f:
            for number, line in enumerate(f, 1):
                if not line.strip():
                    continue
                try:
                    call = json.loads(line)
                except ValueError as error:
                    print(f"{path}:{number}: skipped: not JSON: {error}", file=log)
                    continue
                problem = check_call(call)
                if problem:
                    print(f"{path}:{number}: skipped: {problem}", file=log)
                    continue
                call["train_shipped"] = may_train(table_path, rows, call["source"], path)
                calls.append(call)
    return calls


def model_turns(call):
    """(index in the call, text) of the turns a model sees: not the protected user's, or all
    turns when the call has only the user's."""
    turns = [(i, t["text"]) for i, t in enumerate(call["turns"]) if t.get("speaker") != "user"]
    return turns or [(i, t["text"]) for i, t in enumerate(call["turns"])]


def model_text(call):
    return " ".join(text for _, text in model_turns(call))


def prefixes(call):
    """(turn index, text so far) after each model turn: what a live call has shown by then."""
    so_far, out = [], []
    for index, text in model_turns(call):
        so_far.append(text)
        out.append((index, " ".join(so_far)))
    return out


def folds(calls):
    """[(training calls, test calls, test sources)]: one fold per distinct training set, in
    source order of first appearance; each source is tested exactly once."""
    closed = untrainable(calls)
    sources = [source for source in dict.fromkeys(call["source"] for call in calls)
               if source not in TRAINING_ONLY]
    by_training = {}
    for source in sources:
        held_out = frozenset({source}) if source not in closed else frozenset()
        by_training.setdefault(held_out, []).append(source)
    out = []
    for held_out, tested in by_training.items():
        train = [c for c in calls if c["source"] not in closed
                 and c["source"] not in held_out]
        test = [c for c in calls if c["source"] in tested]
        out.append((train, test, tested))
    return out


def cpu_seconds():
    """CPU seconds of this process plus its waited-for children (user + system)."""
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


def run(calls, scorer, log=sys.stderr):
    """Runs every fold with scorer and returns ([per-call results], timing dict).

    scorer.train(texts, labels) -> model (labels: 1 scam, 0 legit);
    scorer.score(model, texts) -> [probability of scam] in the same order;
    scorer.model_bytes(model) -> size of the model file on disk;
    scorer.discard(model) (optional) -> frees the model's files.
    """
    results = []
    scored_turns = 0
    score_cpu = 0.0
    pool_model_bytes = pool_train_cpu = None
    closed = untrainable(calls)
    for train_calls, test_calls, tested in folds(calls):
        labels = [1 if c["label"] == "scam" else 0 for c in train_calls]
        if len(set(labels)) < 2:
            raise ValueError(f"fold testing {', '.join(tested)}: training set lacks a class")
        start = cpu_seconds()
        model = scorer.train([model_text(c) for c in train_calls], labels)
        train_cpu = cpu_seconds() - start
        full_pool = not any(s not in closed for s in tested)

        # Every prefix of every test call, in call order, scored in one batch per fold (one
        # process for a command-line scorer); the peer decides how it scores them.
        spans, texts = [], []
        for call in test_calls:
            steps = prefixes(call)
            spans.append((call, [index for index, _ in steps]))
            texts += [text for _, text in steps]
        start = cpu_seconds()
        probabilities = scorer.score(model, texts)
        score_cpu += cpu_seconds() - start
        if len(probabilities) != len(texts):
            raise RuntimeError(f"scorer gave {len(probabilities)} scores for {len(texts)} texts")
        scored_turns += len(texts)

        at = 0
        for call, indices in spans:
            scores = probabilities[at:at + len(indices)]
            at += len(indices)
            results.append({"call": call, "turns": indices, "scores": scores})
        if full_pool:
            pool_model_bytes, pool_train_cpu = scorer.model_bytes(model), train_cpu
        print(f"loso: tested {', '.join(tested)} ({len(test_calls)} calls, {len(texts)} "
              f"prefixes) on {len(train_calls)} training calls: train {train_cpu:.2f}s CPU",
              file=log)
        if getattr(scorer, "discard", None):
            scorer.discard(model)

    if pool_model_bytes is None:
        # No source outside the pool was given: train the whole-pool model for its size.
        pool = [c for c in calls if c["source"] not in closed]
        start = cpu_seconds()
        model = scorer.train([model_text(c) for c in pool],
                             [1 if c["label"] == "scam" else 0 for c in pool])
        pool_train_cpu = cpu_seconds() - start
        pool_model_bytes = scorer.model_bytes(model)
        if getattr(scorer, "discard", None):
            scorer.discard(model)
    timing = {"scored_turns": scored_turns, "score_cpu": score_cpu,
              "model_bytes": pool_model_bytes, "train_cpu": pool_train_cpu}
    return results, timing


def threshold(results, max_fpr=MAX_FPR):
    """The lowest t at which each legit source's share of calls scoring >= t is <= max_fpr.

    Per legit source with n calls, at most floor(max_fpr * n) may score >= t, so t must be
    above the (floor(max_fpr * n) + 1)-th highest score; t is the next float above the
    largest such bound over the legit sources."""
    by_source = {}
    for r in results:
        if r["call"]["label"] == "legit":
            by_source.setdefault(r["call"]["source"], []).append(max(r["scores"], default=0.0))
    bound = -math.inf
    for scores in by_source.values():
        allowed = math.floor(max_fpr * len(scores) + 1e-9)
        if allowed < len(scores):
            bound = max(bound, sorted(scores, reverse=True)[allowed])
    return 0.0 if bound == -math.inf else math.nextafter(bound, math.inf)


def first_alert(result, t):
    for index, score in zip(result["turns"], result["scores"]):
        if score >= t:
            return index
    return None


def summarise(scorer_name, results, timing, t=None):
    """The runner's JSON object: one row per (source, label), in order of first appearance."""
    t = threshold(results) if t is None else t
    rows = {}
    for r in results:
        call = r["call"]
        row = rows.setdefault((call["source"], call["label"]), {
            "source": call["source"], "label": call["label"], "calls": 0, "alerted": 0,
            "at_half": 0, "in_time": 0, "with_critical_turn": 0})
        row["calls"] += 1
        alert = first_alert(r, t)
        row["alerted"] += alert is not None
        row["at_half"] += first_alert(r, 0.5) is not None
        if call.get("critical_turn") is not None:
            row["with_critical_turn"] += 1
            row["in_time"] += alert is not None and alert <= call["critical_turn"]
    sources = []
    for row in rows.values():
        sources.append({
            "source": row["source"], "label": row["label"], "calls": row["calls"],
            "alerted": row["alerted"], "rate": round(row["alerted"] / row["calls"], 4),
            "rate_at_0_5": round(row["at_half"] / row["calls"], 4),
            "in_time": row["in_time"] if row["with_critical_turn"] else None,
            "with_critical_turn": row["with_critical_turn"]})
    score_cpu = timing["score_cpu"]
    return {
        "scorer": scorer_name, "protocol": "loso", "threshold": t, "sources": sources,
        "turns_per_second": round(timing["scored_turns"] / score_cpu, 1) if score_cpu > 0 else None,
        "model_bytes": timing["model_bytes"], "train_seconds": round(timing["train_cpu"], 3),
    }


def main(scorer_name, description, make_scorer, add_arguments=None):
    """The shared command line of the peer runners: [INPUT ...] -> one JSON object on stdout.

    add_arguments(parser) adds a peer's own options; make_scorer(args) builds its scorer."""
    import argparse

    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("inputs", nargs="*", help="corpora: .jsonl files or directories of them "
                        f"(default: {SHARED_CALLS}/*.jsonl and {SYNTHETIC_GLOB})")
    if add_arguments:
        add_arguments(parser)
    args = parser.parse_args()
    inputs = args.inputs or default_inputs()
    try:
        if not inputs:
            raise ValueError(f"no *.jsonl under {SHARED_CALLS} and no inputs given")
        scorer = make_scorer(args)
        calls = read_calls(inputs)
        if not calls:
            raise ValueError("no usable calls in " + ", ".join(inputs))
        results, timing = run(calls, scorer)
    except (ValueError, OSError, RuntimeError) as error:
        sys.exit(f"{scorer_name}: {error}")
    print(json.dumps(summarise(scorer_name, results, timing)))
