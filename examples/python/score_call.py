"""Score a golden .call file (tests/calls/README.md) with the Python binding and print the
verdict after the last event:

    PYTHONPATH=build/dev/python python3 examples/python/score_call.py \
        tests/calls/scam/amazon_cashback_anydesk_fee.call
    block 40.5 Caller ...
"""
import json
import sys

import scamguard


def score(path, engine):
    call = engine.open_call()
    with open(path, encoding="utf-8") as lines:
        for line in lines:
            kind, _, rest = line.strip().partition(" ")
            if kind == "setup":
                setup = json.loads(rest)
                call.setup(**{k: v for k, v in setup.items() if k != "display_name" or v})
            elif kind == "turn":
                speaker, _, text = rest.partition(" ")
                call.turn(speaker, json.loads(text))
            elif kind == "event":
                event = json.loads(rest)
                call.device_event(event["type"], event.get("app", ""))
    return call.verdict()


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: score_call.py FILE.call")
    verdict = score(sys.argv[1], scamguard.Engine())
    print(verdict.action, verdict.score, verdict.reason)


if __name__ == "__main__":
    main()
