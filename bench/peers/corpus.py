"""Reading the shared call corpus for the streaming peer baselines (sklearn_baseline.py,
fasttext_baseline.py), so that both read exactly the same calls the same way."""

import glob
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_TRAIN = os.path.normpath(os.path.join(HERE, "..", "..", "..", "shared", "data", "calls"))


def read_calls(path):
    """Yields calls of a .jsonl file, a directory of them, or '-' (stdin); skips bad lines."""
    if path == "-":
        files = [sys.stdin]
    elif os.path.isdir(path):
        files = [open(p, encoding="utf-8")
                 for p in sorted(glob.glob(os.path.join(path, "*.jsonl")))]
    else:
        files = [open(path, encoding="utf-8")]
    for f in files:
        for number, line in enumerate(f, 1):
            line = line.strip()
            if not line:
                continue
            try:
                call = json.loads(line)
                call["turns"]  # noqa: B018 - a call without turns is malformed
            except (ValueError, KeyError) as error:
                print(f"{getattr(f, 'name', path)}:{number}: {error}", file=sys.stderr)
                continue
            yield call


def transcript(turns):
    return " ".join(turn.get("text", "") for turn in turns)
