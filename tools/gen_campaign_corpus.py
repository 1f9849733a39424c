#!/usr/bin/env python3
"""Generates a campaign corpus: K scam scripts, each read by several agents with paraphrase
and speech-recogniser noise, mixed with legit calls read at run time from the shared corpora.

    python3 tools/gen_campaign_corpus.py --seed 7 --campaigns 6 --calls-per-campaign 12 \
        --legit 300 --legit-dir ../shared/data/calls > /tmp/campaigns.jsonl

Output: the shared call corpus format (JSON Lines), plus two fields:
  "started_at"  ISO 8601 UTC time of the call (campaign calls spread over days)
  "truth"       the campaign a generated scam call belongs to ("K0", "K1", ...), null for legit

Deterministic for a given --seed and the same legit files. The scripts below are written for
this project in the style of the tech-support / impersonation scam (docs/THE-SCAM.md); no text
is copied from the shared corpora, whose legit calls are only sampled, never written out into
the project.
"""
import argparse
import datetime
import glob
import json
import os
import random
import re
import sys

# Each script: remote-party turns with slots. {brand} {tool} {cb} {rid} {amount} {site}
# {card} {acct} are filled per campaign; several values per slot rotate between calls.
SCRIPTS = [
    {   # K0: online shop order + refund over remote access
        "type": "amazon_impersonation",
        "brand": ["amazon"],
        "turns": [
            "hello this is daniel calling from the {brand} fraud prevention department regarding a suspicious order on your account",
            "we have an order for an apple iphone fourteen pro max for {amount} that is going to be delivered tomorrow morning to an address in another state",
            "if you did not place this order we need to cancel it today otherwise the payment will be taken from your linked card",
            "to cancel the order i need to connect you with our secure refund server so please turn on your computer",
            "open your browser and type {site} and download the small support application from that page",
            "once it opens it will show a nine digit number please read me that number so our technician can verify the device",
            "i can see the order on my screen now and i will process the cancellation and send the refund back to your bank",
            "please log in to your online banking so the system can deposit the refund into your account",
            "if there is any problem with the cancellation you can call our refund desk back on {cb}",
        ],
    },
    {   # K1: Windows virus pop-up, paid support plan in gift cards
        "type": "tech_support",
        "brand": ["microsoft"],
        "turns": [
            "good afternoon i am calling from {brand} windows technical support we are receiving error reports from your computer",
            "your computer has been infected with a dangerous virus that is sending your personal information to hackers overseas",
            "this is very urgent because the hackers can access your banking and your emails right now while we are speaking",
            "i need you to press the windows key and the letter r together and type the word given on the screen",
            "now please go to {site} and install the {tool} program so that our certified engineer can remove the virus",
            "to connect to your machine enter the session code {rid} in the box and click on connect",
            "as you can see all these red lines in the event viewer are the hacker activity on your system",
            "to remove the virus permanently you need our lifetime protection plan which costs {amount}",
            "the payment has to be made with {card} gift cards from your local store because the bank system is compromised",
            "after you buy the cards scratch the back and read me the numbers do not tell the cashier what they are for",
        ],
    },
    {   # K2: bank security team, account compromised, move money to a safe account
        "type": "bank_impersonation",
        "brand": ["commonwealth bank"],
        "turns": [
            "hi this is the security team at {brand} we have detected unusual transactions on your savings account this morning",
            "someone tried to transfer a large amount to an overseas account and we blocked it for your protection",
            "we believe someone inside the branch is involved so please do not go to the branch and do not tell the staff about this call",
            "to protect your funds we will move your balance into a temporary secure account in your name",
            "the secure account details are bsb {acct} please write these down carefully",
            "please log in to your internet banking and make a transfer of your full balance to that account today",
            "this is time sensitive because the fraudsters may try again within the next hour",
            "once the transfer is done our investigation team will call you back from {cb} to confirm everything",
        ],
    },
    {   # K3: internet provider, hacked router, refund overpayment trick
        "type": "tech_support",
        "brand": ["telstra"],
        "turns": [
            "hello i am calling from the {brand} technical department about your internet connection",
            "our system shows that your router has been hacked and your ip address is being used by criminals",
            "we need to fix the router today or your internet service will be disconnected within twenty four hours",
            "please download {tool} from {site} so i can check the router settings from your computer",
            "read me the connection id that appears on your screen after the program opens",
            "we will also give you a compensation of {amount} for the inconvenience which will go into your bank account",
            "oh no i made a mistake and typed an extra zero so you received far too much money",
            "please send back the difference using {card} cards or i will lose my job today",
            "if we get disconnected call me straight back on {cb} and ask for the technical department",
        ],
    },
    {   # K4: antivirus renewal refund
        "type": "refund",
        "brand": ["norton"],
        "turns": [
            "good morning this is a courtesy call from {brand} billing regarding the renewal of your antivirus subscription",
            "your subscription has been renewed automatically for three years and {amount} has been charged to your card",
            "if you do not want this renewal we can process a full refund today but you must be in front of your computer",
            "please go to {site} and enter the code {rid} so our refund officer can fill the refund form with you",
            "now type the amount of the refund in this box and press enter",
            "you can call our billing line on {cb} if you have any questions about the refund",
            "to receive the money please send the processing fee to bsb {acct}",
        ],
    },
    {   # K5: tax office arrest threat, payment by gift cards
        "type": "government_impersonation",
        "brand": ["australian taxation office"],
        "turns": [
            "this is officer mark williams from the {brand} calling about a serious problem with your tax file",
            "there are four counts of tax fraud recorded against your name and a warrant will be issued for your arrest",
            "to avoid legal action you need to settle the outstanding amount of {amount} today",
            "you must not hang up the phone and you must not discuss this case with anyone including your family",
            "the payment has to be made with {card} vouchers which you can buy at any supermarket",
            "once you have the vouchers read me the codes on the back and your case will be closed",
            "if the line drops call the case officer back immediately on {cb} and quote your case number",
        ],
    },
]

# Paraphrase: phrase -> alternatives; each agent settles on its own choices, and each call
# re-draws a few of them.
SYNONYMS = {
    "calling from": ["calling from", "ringing from", "contacting you from", "calling you from"],
    "suspicious": ["suspicious", "unusual", "strange"],
    "cancel": ["cancel", "stop", "block"],
    "today": ["today", "right now", "immediately"],
    "please": ["please", "kindly", "i need you to"],
    "computer": ["computer", "laptop", "pc"],
    "download": ["download", "install", "get"],
    "dangerous": ["dangerous", "very serious", "harmful"],
    "urgent": ["urgent", "serious", "important"],
    "hackers": ["hackers", "criminals", "scammers"],
    "money": ["money", "funds", "amount"],
    "account": ["account", "acount", "accounts"],
    "quickly": ["quickly", "fast", "as soon as possible"],
    "read me": ["read me", "tell me", "give me"],
    "we have detected": ["we have detected", "we noticed", "our system flagged"],
    "protect": ["protect", "secure", "safeguard"],
    "immediately": ["immediately", "straight away", "right away"],
    "good afternoon": ["good afternoon", "hello", "hi there"],
    "good morning": ["good morning", "hello", "hi"],
    "make a transfer of": ["make a transfer of", "transfer", "move"],
    "serious problem": ["serious problem", "legal issue", "serious matter"],
}
FILLERS = ["okay", "so", "basically", "actually", "right", "you know", "alright", "now", "listen"]
# What recognisers mishear (word -> heard as).
HOMOPHONES = {
    "anydesk": "any desk", "teamviewer": "team viewer", "to": "two", "for": "four",
    "there": "their", "your": "you're", "right": "write", "know": "no", "by": "buy",
    "ultraviewer": "ultra viewer", "account": "a count", "code": "cold", "cards": "cars",
    "session": "season", "refund": "re fund", "order": "odor", "virus": "vyrus",
}
USER_TURNS = [
    "okay", "what do i need to do", "oh no really", "i did not order anything", "okay i am doing it",
    "how much is it", "is this safe", "yes i can see it", "hold on a second", "okay go on",
    "i do not understand", "alright", "yes", "which website", "how do i do that",
]
DIGITS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
TOOLS = ["anydesk", "teamviewer", "ultraviewer"]
SITES = ["anydesk dot com", "support help desk dot net", "refund portal dot com", "quick fix dot online",
         "help desk secure dot com", "fast support dot co"]
CARDS = ["google play", "steam", "apple", "ebay", "target"]


def toll_free(rng):
    # US toll-free (valid numbering: 8XX + NXX + XXXX) or an Australian 1800 number.
    if rng.random() < 0.6:
        return "1 %s %d%02d %04d" % (rng.choice(["800", "844", "855", "866", "877", "888"]),
                                     rng.randint(2, 9), rng.randint(0, 99), rng.randint(0, 9999))
    return "1800 %03d %03d" % (rng.randint(100, 999), rng.randint(100, 999))


def make_campaign(rng, index):
    script = SCRIPTS[index % len(SCRIPTS)]
    agents = []
    for a in range(rng.randint(3, 5)):
        agents.append({"name": "agent%d" % a,
                       "style": {k: rng.choice(v) for k, v in SYNONYMS.items()},
                       "filler_rate": rng.uniform(0.05, 0.25)})
    return {
        "id": "K%d" % index,
        "script": script,
        "agents": agents,
        # Some indicators are shared by every call, some rotate between a few values.
        "callbacks": [toll_free(rng) for _ in range(rng.randint(1, 3))],
        "remote_ids": ["%03d %03d" % (rng.randint(100, 999), rng.randint(100, 999))
                       for _ in range(rng.randint(1, 2))],
        "accounts": ["%03d %03d account number %d" % (rng.randint(10, 999), rng.randint(100, 999),
                                                       rng.randint(10000000, 99999999))],
        "amounts": [rng.choice(["499 dollars", "399 dollars", "1299 dollars", "299.99 dollars",
                                "2400 dollars", "849 dollars"])],
        "sites": [rng.choice(SITES)],
        "tools": [rng.choice(TOOLS)],
        "cards": [rng.choice(CARDS)],
        "caller_ids": ["+61%d%08d" % (rng.choice([2, 3, 7, 8]), rng.randint(0, 99999999))
                       for _ in range(rng.randint(2, 6))],
        "trunks": ["gw-%02d" % rng.randint(1, 40) for _ in range(rng.randint(1, 2))],
        "start": datetime.datetime(2026, 11, 1, tzinfo=datetime.timezone.utc)
        + datetime.timedelta(days=rng.randint(0, 20)),
    }


NOISE = 1.0  # --noise: scales every paraphrase and transcription rate below


def paraphrase(rng, text, agent):
    # The agent's own phrasing, re-drawn now and then.
    for phrase, choices in SYNONYMS.items():
        pattern = r"\b" + re.escape(phrase) + r"\b"
        if re.search(pattern, text):
            choice = agent["style"][phrase] if rng.random() > 0.2 * NOISE else rng.choice(choices)
            text = re.sub(pattern, choice, text)
    clauses = [c for c in text.split(" and ")]
    if len(clauses) > 1 and rng.random() < 0.2 * NOISE:  # reordered clauses
        i = rng.randrange(len(clauses) - 1)
        clauses[i], clauses[i + 1] = clauses[i + 1], clauses[i]
    words = " and ".join(clauses).split()
    out = []
    for word in words:
        if word in FILLERS and rng.random() < 0.5:
            continue  # dropped filler
        if rng.random() < agent["filler_rate"] / 4 * NOISE:
            out.append(rng.choice(FILLERS))  # inserted filler
        out.append(word)
    return " ".join(out)


def transcribe(rng, text, noisy):
    """Speech-recogniser noise: lower case, no punctuation, word drops, mishearings."""
    words = text.split()
    out = []
    for word in words:
        if noisy and rng.random() < 0.05 * NOISE:
            continue
        if noisy and word in HOMOPHONES and rng.random() < min(1.0, 0.3 * NOISE):
            word = HOMOPHONES[word]
        out.append(word)
    text = " ".join(out)
    if not noisy:
        text = text[0].upper() + text[1:] + "."
    return text


def fill(rng, template, campaign, spoken):
    values = {
        "brand": rng.choice(campaign["script"]["brand"]),
        "tool": rng.choice(campaign["tools"]),
        "site": rng.choice(campaign["sites"]),
        "card": rng.choice(campaign["cards"]),
        "amount": rng.choice(campaign["amounts"]),
        "cb": rng.choice(campaign["callbacks"]),
        "rid": rng.choice(campaign["remote_ids"]),
        "acct": rng.choice(campaign["accounts"]),
    }
    if spoken:  # numbers said as words, digit by digit
        for key in ("cb", "rid", "acct"):
            values[key] = " ".join(DIGITS[int(c)] if c.isdigit() else c
                                   for part in values[key].split() for c in
                                   (list(part) if part.isdigit() else [part]))
    return template.format(**values)


def scam_call(rng, campaign, number):
    agent = rng.choice(campaign["agents"])
    noisy = rng.random() < 0.7
    spoken = noisy and rng.random() < 0.5
    turns = []
    script_turns = campaign["script"]["turns"]
    # Agents sometimes skip a step or the call is cut short.
    keep = [t for t in script_turns if rng.random() > 0.1 * NOISE]
    if rng.random() < 0.2:
        keep = keep[: max(3, len(keep) - rng.randint(1, 3))]
    for template in keep:
        text = paraphrase(rng, fill(rng, template, campaign, spoken), agent)
        turns.append({"speaker": "remote", "text": transcribe(rng, text, noisy)})
        turns.append({"speaker": "user", "text": rng.choice(USER_TURNS)})
    started = campaign["start"] + datetime.timedelta(days=rng.randint(0, 9),
                                                     seconds=rng.randint(0, 86399))
    return {
        "id": "gen-%s-%03d" % (campaign["id"], number),
        "source": "campaign-gen",
        "label": "scam",
        "type": campaign["script"]["type"],
        "real": False,
        "direction": "inbound",
        "turns": turns,
        "critical_turn": None,
        "setup": {"caller": rng.choice(campaign["caller_ids"]), "trunk": rng.choice(campaign["trunks"]),
                  "ingress": "international", "attestation": "C"},
        "started_at": started.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "truth": campaign["id"],
    }


def legit_calls(rng, directory, count):
    pool = []
    for path in sorted(glob.glob(os.path.join(directory, "*.jsonl"))):
        with open(path, encoding="utf-8") as f:
            for line in f:
                try:
                    call = json.loads(line)
                except ValueError:
                    continue
                if call.get("label") == "legit" and call.get("turns"):
                    pool.append(call)
    rng.shuffle(pool)
    out = []
    for call in pool[:count]:
        started = datetime.datetime(2026, 11, 1, tzinfo=datetime.timezone.utc) + datetime.timedelta(
            seconds=rng.randint(0, 30 * 86400))
        call = dict(call)
        call["started_at"] = started.strftime("%Y-%m-%dT%H:%M:%SZ")
        call["truth"] = None
        out.append(call)
    return out


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--campaigns", type=int, default=len(SCRIPTS),
                        help="number of campaigns, at most %d (one script each)" % len(SCRIPTS))
    parser.add_argument("--calls-per-campaign", type=int, default=12)
    parser.add_argument("--legit", type=int, default=200, help="legit calls to mix in")
    parser.add_argument("--noise", type=float, default=1.0,
                        help="scale of paraphrase and recogniser noise (1: word drops 5%%, "
                             "mishearings 30%% of confusable words, skipped steps 10%%)")
    parser.add_argument("--legit-dir", default=os.path.join(os.path.dirname(__file__), "..", "..",
                                                           "shared", "data", "calls"))
    args = parser.parse_args()
    if not 1 <= args.campaigns <= len(SCRIPTS):
        parser.error("--campaigns must be between 1 and %d" % len(SCRIPTS))
    global NOISE
    NOISE = args.noise
    rng = random.Random(args.seed)
    calls = []
    for index in range(args.campaigns):
        campaign = make_campaign(rng, index)
        for number in range(args.calls_per_campaign):
            calls.append(scam_call(rng, campaign, number))
    if args.legit > 0:
        if not os.path.isdir(args.legit_dir):
            sys.exit("gen_campaign_corpus: no legit corpus directory %s" % args.legit_dir)
        calls.extend(legit_calls(rng, args.legit_dir, args.legit))
    calls.sort(key=lambda c: (c["started_at"], c["id"]))
    for call in calls:
        sys.stdout.write(json.dumps(call) + "\n")


if __name__ == "__main__":
    main()
