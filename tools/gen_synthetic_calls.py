#!/usr/bin/python3
"""Writes scamguard's own synthetic training calls: data/synthetic/scamguard-synthetic.jsonl.

Why this exists: the labelled scam dialogue we may train a shipped model on is one synthetic
corpus of chat-style bank and prize scams (bothbosu). A model trained on it learns that corpus's
topics and tidy style and misses real calls, which arrive as recogniser text and are often
recorded messages (robocalls) about orders, government numbers, warranties, refunds and
tech support. These calls are written here, by the project, from the kill chain in
../shared/docs/THE-SCAM.md and ../shared/docs/FIELD-NOTES.md: every stage and pretext, told
both as a live agent's dialogue and as a recorded message, and - just as many - legitimate
calls that use the same words (a real delivery, a bank's real fraud alert, a helpdesk the
user called, appointment reminders, telemarketing). No text is taken from any corpus.

Each call is rendered the way a speech recogniser delivers it: lower case, no punctuation,
numbers as words, tool names split ("any desk"), filler words, dropped and misheard words.

Deterministic: the same --seed gives the same file, byte for byte.

Usage: /usr/bin/python3 tools/gen_synthetic_calls.py [--seed N] [--calls N] [--out FILE]
"""

import argparse
import json
import os
import random
import re

SOURCE = "scamguard-synthetic"

# --- slot values ---------------------------------------------------------------------------

BRANDS = ["amazon", "amazon prime", "microsoft", "apple", "windows", "norton", "mcafee",
          "geek squad", "paypal", "netflix", "telstra", "optus", "nbn", "ebay", "walmart"]
BANKS = ["commonwealth bank", "westpac", "anz", "nab", "your bank", "bank of america", "chase",
         "wells fargo", "the fraud department of your bank", "citibank"]
AGENCIES = ["the australian taxation office", "the social security administration",
            "the internal revenue service", "the federal police", "immigration",
            "the department of home affairs", "medicare", "the tax department",
            "the legal department", "the federal trade commission"]
TOOLS = ["anydesk", "any desk", "teamviewer", "team viewer", "ultraviewer", "ultra viewer",
         "quick support", "rustdesk", "quick assist", "logmein", "supremo", "zoho assist"]
PRODUCTS = ["an iphone", "an apple macbook", "a samsung television", "a playstation",
            "a laptop", "gift cards", "an xbox", "a dyson vacuum", "airpods", "a gaming pc"]
AMOUNTS = ["ninety nine dollars", "one hundred forty nine dollars", "one hundred and ninety "
           "nine dollars", "seventy nine dollars", "four hundred ninety nine dollars",
           "two hundred dollars", "nine hundred ninety nine dollars", "three hundred forty nine "
           "dollars", "one thousand four hundred dollars", "eighty nine dollars and ninety nine "
           "cents"]
NAMES = ["john", "david", "steve", "mark", "jennifer", "kevin", "jessica", "michael", "peter",
         "sarah", "alex", "daniel", "emily", "ryan", "linda"]
CITIES = ["sydney", "melbourne", "texas", "florida", "california", "new york", "brisbane",
          "perth", "ohio", "toronto"]
GIFT_CARDS = ["google play", "itunes", "apple", "steam", "target", "ebay", "amazon"]
CRYPTO = ["bitcoin", "crypto", "a bitcoin atm", "usdt"]


def pick(rng, values):
    return values[rng.randrange(len(values))]


def digits_as_words(rng, count):
    words = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
    return " ".join(pick(rng, words) for _ in range(count))


def fill(rng, template):
    """Replaces {slot} markers with random values and [a|b|c] with one of the choices."""
    while True:
        match = re.search(r"\[([^\[\]]*)\]", template)
        if not match:
            break
        template = template[:match.start()] + pick(rng, match.group(1).split("|")) + \
            template[match.end():]
    slots = {
        "brand": lambda: pick(rng, BRANDS), "bank": lambda: pick(rng, BANKS),
        "agency": lambda: pick(rng, AGENCIES), "tool": lambda: pick(rng, TOOLS),
        "product": lambda: pick(rng, PRODUCTS), "amount": lambda: pick(rng, AMOUNTS),
        "name": lambda: pick(rng, NAMES), "city": lambda: pick(rng, CITIES),
        "giftcard": lambda: pick(rng, GIFT_CARDS), "crypto": lambda: pick(rng, CRYPTO),
        "digit": lambda: pick(rng, ["one", "two", "nine", "zero", "five"]),
        "code": lambda: digits_as_words(rng, 9), "otp": lambda: digits_as_words(rng, 6),
        "id": lambda: digits_as_words(rng, 4),
        "phone": lambda: "one eight hundred " + digits_as_words(rng, 7),
        "hours": lambda: pick(rng, ["twenty four hours", "forty eight hours", "today",
                                    "the next hour", "end of business today"]),
    }
    return re.sub(r"\{(\w+)\}", lambda m: slots[m.group(1)](), template)


# --- scam scripts ---------------------------------------------------------------------------
# Each script is a list of stages; each stage a list of alternative lines. Dialogue scripts
# alternate remote and user turns; user lines are the victim's replies.

ROBOCALL_SCAMS = {
    "amazon_impersonation": [
        ["this is an automated call from {brand}", "hello this is {brand} customer service",
         "this message is from the {brand} security team", "dear customer this is {brand}"],
        ["an order for {product} worth {amount} has been placed on your account",
         "we detected a suspicious purchase of {product} on your account",
         "your account has been charged {amount} for {product}",
         "your [prime|annual] membership will be renewed today for {amount}"],
        ["if you did not authorise this [order|purchase|charge] press {digit}",
         "to cancel this order and get a refund press {digit} to speak to an agent",
         "press {digit} now to talk to our [fraud|security] department",
         "to dispute this charge stay on the line"],
    ],
    "government_impersonation": [
        ["this is an important message from {agency}", "this call is from {agency}",
         "we are calling from {agency} regarding a legal case"],
        ["your [social security|tax file|national insurance] number has been suspended "
         "due to suspicious activity", "there is an arrest warrant issued in your name",
         "a lawsuit has been filed against you for tax fraud",
         "your identity was used in illegal activity in {city}"],
        ["if you ignore this [call|message] you will be arrested within {hours}",
         "failure to respond will lead to legal action and your assets will be frozen",
         "this is your final notice before the case goes to court"],
        ["press {digit} to speak to an officer now", "call us back immediately on {phone}",
         "to resolve this press {digit} and an officer will assist you"],
    ],
    "tech_support": [
        ["this is a call from {brand} technical support",
         "we are calling from the [windows|microsoft] security center",
         "this is an alert from {brand} about your computer"],
        ["we have detected a virus on your computer", "your computer is sending error messages",
         "hackers have gained access to your ip address",
         "your [security|antivirus] [software|subscription] has [expired|crashed]"],
        ["press {digit} to connect with a certified technician",
         "do not use your computer until you speak to our technician press {digit}",
         "call our support line now on {phone}"],
    ],
    "refund": [
        ["hello this is {brand} billing department",
         "this is a message about your {brand} subscription"],
        ["you are eligible for a refund of {amount}", "your subscription has been renewed for "
         "{amount} and we want to give you a refund", "we owe you a refund of {amount} because "
         "the company is closing the service"],
        ["to claim your refund press {digit}", "press {digit} to receive your refund today",
         "stay on the line to process your refund"],
    ],
    "auto_warranty": [
        ["we have been trying to reach you about your [car's|vehicle's] extended warranty",
         "this is your final courtesy call about your vehicle warranty"],
        ["your factory warranty is about to expire", "we are closing your file"],
        ["press {digit} to speak to a warranty specialist", "press {digit} now to renew coverage"],
    ],
    "credit_card": [
        ["this is card member services", "this is a message about your credit card account"],
        ["you qualify to lower your interest rate to zero percent",
         "there is a problem with your card and it has been blocked",
         "your credit card has been charged {amount}"],
        ["press {digit} to speak to a representative", "this offer expires {hours} press {digit}"],
    ],
    "prize": [
        ["congratulations you have been selected", "this is the rewards department"],
        ["you have won a [free cruise|cash prize|gift card|free holiday]",
         "as a loyal customer you get a cashback of {amount}"],
        ["to claim your prize you only need to pay a small processing fee",
         "press {digit} to claim your reward before it expires"],
    ],
    "utility": [
        ["this is a final notice from your [electricity|energy|internet] provider",
         "this is {brand} about your service"],
        ["your service will be disconnected within {hours} because of an unpaid bill",
         "your internet connection has been compromised and will be cut off"],
        ["press {digit} to make a payment and avoid disconnection",
         "press {digit} to speak to a technician"],
    ],
}

DIALOGUE_SCAMS = {
    "tech_support": [
        ("remote", ["hello am i speaking with {name} this is {name} from {brand} [customer care|"
                    "support|security department]", "good morning i am calling from {brand} "
                    "technical department my employee id is {id}"]),
        ("user", ["yes who is this", "yes speaking", "what is this about"]),
        ("remote", ["we noticed [hackers|someone] [in|accessing] your [computer|account] from "
                    "{city}", "there is a suspicious order of {product} on your account",
                    "you are eligible for a cashback of {amount}",
                    "your security software has expired and your computer is at risk"]),
        ("user", ["oh no i did not order that", "really what should i do", "okay"]),
        ("remote", ["please turn on your computer and go to [the website|google] and [download|"
                    "install] {tool}", "i need you to download an application called {tool} so "
                    "i can fix it", "open your browser and type {tool} dot com"]),
        ("user", ["okay it is downloading", "i have it open now", "what do i click"]),
        ("remote", ["read me the nine digit [code|id] on your screen",
                    "now click allow and accept so i can connect",
                    "tell me the number you see under your id"]),
        ("user", ["it says {code}", "okay i clicked accept", "is it safe"]),
        ("remote", ["your [security|firewall] [software|system] has crashed that is why the "
                    "refund cannot be processed", "i can see many errors and viruses on your "
                    "screen", "hackers have installed something on your system"]),
        ("user", ["what do i do now", "how do we fix it"]),
        ("remote", ["to repair the security you need to pay a fee of {amount}",
                    "there is a one time charge of {amount} for the technician",
                    "please log in to your online banking so i can process your refund",
                    "go and buy {giftcard} gift cards worth {amount} and read me the numbers",
                    "we refunded too much by mistake you need to send back the difference"]),
        ("user", ["okay i am logging in", "can i pay by card", "that is a lot of money"]),
        ("remote", ["do not hang up the phone and do not tell your bank about this",
                    "stay on the line this must be done right now",
                    "read me the [code|one time password] the bank sent to your phone",
                    "if you disconnect your computer will be locked"]),
    ],
    "bank_impersonation": [
        ("remote", ["hello this is {name} from {bank} fraud department",
                    "i am calling from {bank} security team about your account"]),
        ("user", ["hi yes", "okay what happened"]),
        ("remote", ["we have detected an unauthorised transaction of {amount} on your card",
                    "your account has been compromised and someone is trying to withdraw money"]),
        ("user", ["i did not make that", "oh my god"]),
        ("remote", ["to verify your identity please confirm your card number and expiry date",
                    "we sent you a code please read it to me so we can block the transaction",
                    "what is your online banking password so i can secure the account"]),
        ("user", ["it is {otp}", "why do you need that"]),
        ("remote", ["we need to move your money to a safe account while we investigate",
                    "you have to transfer your savings to a new secure account we opened",
                    "please withdraw the cash and buy {crypto} to protect it"]),
        ("user", ["okay how do i do that"]),
        ("remote", ["do not tell anyone at the branch why you are moving the money",
                    "this is urgent it must be done in the next hour",
                    "stay on the line with me while you make the transfer"]),
    ],
    "government_impersonation": [
        ("remote", ["this is officer {name} from {agency} badge number {id}",
                    "i am calling from {agency} about a case registered against you"]),
        ("user", ["what case", "is this real"]),
        ("remote", ["you owe back taxes of {amount} and a warrant will be issued",
                    "your tax file number was used for money laundering"]),
        ("user", ["i have paid all my taxes"]),
        ("remote", ["to avoid arrest you must pay the amount today",
                    "you can settle it with {giftcard} gift cards or {crypto}"]),
        ("user", ["can i call you back"]),
        ("remote", ["if you hang up the police will come to your house",
                    "do not discuss this with anyone it is a confidential matter"]),
    ],
}

# --- legitimate look-alikes ---------------------------------------------------------------

ROBOCALL_LEGIT = {
    "delivery": [
        ["hello this is an automated message from {brand} delivery",
         "this is a delivery notification from [australia post|the courier|ups|fedex]"],
        ["your parcel will be delivered [today|tomorrow] between nine and twelve",
         "we tried to deliver your package today but nobody was home",
         "your order has been shipped and is on its way"],
        ["you can track it in the app or on our website", "no action is needed",
         "to reschedule please use the link in the text message we sent"],
    ],
    "appointment": [
        ["this is a reminder from [the medical centre|your dentist|the clinic|the vet]",
         "hello this is a courtesy call from [city pharmacy|the hospital]"],
        ["you have an appointment [tomorrow|on monday|on friday] at [ten|two thirty] ",
         "your prescription is ready for pickup", "your test results are available"],
        ["press {digit} to confirm or {digit} to cancel", "if you need to reschedule please "
         "call the front desk", "thank you and have a good day"],
    ],
    "bank_fraud_alert": [
        ["this is an automated fraud alert from {bank}",
         "hello this is {bank} calling about recent activity on your card"],
        ["we noticed a transaction of {amount} at [a supermarket|an online store]",
         "we want to confirm a recent purchase on your card"],
        ["if you made this purchase press {digit} if not press {digit}",
         "we will never ask for your password or a one time code",
         "please call the number on the back of your card if you have questions"],
    ],
    "school_or_council": [
        ["this is a message from [the school|the city council|the library]",
         "hello parents this is the principal"],
        ["school will be closed tomorrow because of the storm",
         "bin collection is moved to thursday this week", "the library books you reserved "
         "are ready"],
        ["thank you", "for more information visit our website"],
    ],
    "survey": [
        ["hi this is a short survey from [a research company|your energy provider]",
         "we are conducting a customer satisfaction survey"],
        ["how satisfied were you with your recent service press {digit} to {digit}",
         "it will take about two minutes"],
        ["thank you for your time", "you can opt out at any time"],
    ],
    "account_notice": [
        ["this is {brand} with a message about your account",
         "hello this is a courtesy message from {brand}"],
        ["your [monthly|annual] plan renews on the first of next month at {amount}",
         "your bill of {amount} is due next week", "your payment has been received thank you"],
        ["you can manage your subscription in your account settings",
         "no action is needed if you want to keep your plan"],
    ],
}

DIALOGUE_LEGIT = {
    "legit_it_helpdesk": [
        ("remote", ["thank you for calling the it service desk this is {name} how can i help",
                    "hi you are through to {brand} support my name is {name}"]),
        ("user", ["hi my laptop will not connect to the printer",
                  "i called because my email stopped working", "i raised a ticket yesterday"]),
        ("remote", ["can i have your ticket number or your staff id please",
                    "which version of windows are you running"]),
        ("user", ["it is {id}", "windows eleven"]),
        ("remote", ["if you like i can connect to your screen with {tool} to have a look",
                    "i will send you a link from our portal to start a remote session",
                    "please restart the computer and try again"]),
        ("user", ["okay go ahead", "that fixed it thanks"]),
        ("remote", ["i will never ask for your password you can close the session any time",
                    "is there anything else i can help you with today",
                    "i have updated the ticket thank you for calling"]),
    ],
    "legit_customer_service": [
        ("remote", ["thank you for calling {brand} my name is {name} how can i help you today",
                    "welcome to {brand} customer service"]),
        ("user", ["i want to return {product} i bought last week",
                  "i was charged twice for my order", "i need to update my delivery address"]),
        ("remote", ["i can see the order on your account", "i am sorry about that let me "
                    "check the payment"]),
        ("user", ["thank you"]),
        ("remote", ["the refund of {amount} will go back to your original card in three to "
                    "five business days", "i have processed the return you will get an email "
                    "with the label", "the duplicate charge is a pending authorisation and "
                    "will drop off"]),
        ("user", ["great thanks"]),
        ("remote", ["is there anything else i can help with", "have a great day"]),
    ],
    "legit_bank_fraud_team": [
        ("remote", ["hello this is {name} from the fraud team at {bank} am i speaking with the "
                    "account holder"]),
        ("user", ["yes", "who is this"]),
        ("remote", ["we blocked a card payment of {amount} that looked unusual",
                    "we noticed a login from a new device"]),
        ("user", ["that was not me", "yes that was me"]),
        ("remote", ["we have cancelled the card and a new one will arrive in the mail",
                    "thanks we have marked it as genuine"]),
        ("user", ["okay"]),
        ("remote", ["we will never ask you for your password pin or one time code",
                    "if you are unsure hang up and call the number on the back of your card"]),
    ],
    "legit_sales": [
        ("remote", ["hi this is {name} from {brand} calling about our new plans",
                    "good afternoon i am calling about your home insurance renewal"]),
        ("user", ["i am not really interested", "what is the offer"]),
        ("remote", ["we can offer you a discount of {amount} per year if you switch",
                    "we have a new plan with more data for the same price"]),
        ("user", ["can you send me the details by email", "no thank you"]),
        ("remote", ["sure i will email you the quote there is no obligation",
                    "no problem i will put you on our do not call list have a nice day"]),
    ],
    "legit_insurance_sale": [
        ("remote", ["hi this is {name} calling from [a car insurance|an energy|a health insurance]"
                    " comparison service you requested a quote on our website",
                    "good morning {name} here from the insurance team following up on your "
                    "online quote"]),
        ("user", ["yes i did fill that in", "oh right yes"]),
        ("remote", ["great can i confirm your date of birth and the postcode for the quote",
                    "what car do you drive and how many kilometres a year",
                    "are you currently insured and when does your policy renew"]),
        ("user", ["it is a twenty eighteen toyota", "my policy renews next month",
                  "about fifteen thousand"]),
        ("remote", ["okay so the premium comes to {amount} a month with a five hundred dollar "
                    "excess", "i can offer you comprehensive cover for {amount} per year",
                    "that includes roadside assistance and a hire car after an accident"]),
        ("user", ["that sounds good", "can i think about it", "what about the excess"]),
        ("remote", ["sure the quote is valid for thirty days i will email it to you",
                    "if you want to go ahead today i can take the payment details for the "
                    "first month", "you have a cooling off period of fourteen days"]),
        ("user", ["okay let us do it", "send me the email first"]),
        ("remote", ["your policy documents will arrive by email today",
                    "thank you for choosing us you can manage the policy in the app",
                    "the direct debit will come out on the first of each month"]),
    ],
    "legit_callback_user_requested": [
        ("remote", ["hi this is {name} from {bank} returning your call about your home loan",
                    "hello it is {name} from {brand} you asked us to call you back"]),
        ("user", ["yes thanks for calling back", "yes i left a message"]),
        ("remote", ["for security can you confirm your full name and date of birth",
                    "before we start can i confirm the address on the account"]),
        ("user", ["sure it is {name}", "yes that is right"]),
        ("remote", ["thanks so your repayment is {amount} a month and the rate is fixed for "
                    "two years", "your new card was posted yesterday it should arrive this "
                    "week", "the refund was approved and will show in your account in five days"]),
        ("user", ["great", "thank you"]),
        ("remote", ["anything else i can help with today", "have a lovely afternoon"]),
    ],
    "legit_delivery_driver": [
        ("remote", ["hi it is the delivery driver i have a parcel for you",
                    "hello i am outside with your {brand} order"]),
        ("user", ["oh great i am coming down", "can you leave it at the door"]),
        ("remote", ["no worries i will leave it by the front door", "i need a signature "
                    "it will take a minute"]),
        ("user", ["thanks"]),
    ],
}

# What a caller hears before a person answers a call they made to a business: menus, hold
# messages, recording notices. Legit calls start with these far more often than scams do.
IVR_PREAMBLE = [
    "thank you for calling {brand} your call is important to us",
    "this call may be recorded for quality and training purposes",
    "for sales press one for billing press two for technical support press three",
    "if you are calling about an existing order press {digit} otherwise press {digit}",
    "your call has been connected please wait", "please hold while we transfer your call",
    "all our agents are busy please stay on the line and your call will be answered",
    "to hear these options again press {digit}", "please enter your account number followed by "
    "the hash key", "you are number three in the queue",
]

# --- recogniser noise ------------------------------------------------------------------------

MISHEARD = {
    "amazon": ["amazin", "amazon's", "a mason"], "account": ["a count", "accounts"],
    "computer": ["computers", "compute her"], "security": ["secure it", "securities"],
    "refund": ["refunds", "re fund"], "warranty": ["warranties", "war in tea"],
    "authorise": ["authorize", "authorized"], "microsoft": ["micro soft", "microsoft's"],
    "press": ["pres", "prez"], "suspended": ["suspend it", "suspend"],
    "technician": ["technicians", "tech"], "download": ["down load", "downloading"],
    "appointment": ["appointments"], "parcel": ["parcels", "parcel's"],
}
FILLERS = ["uh", "um", "so", "okay", "like", "you know", "sir", "ma'am", "actually"]


def speak(rng, text, noise):
    """Renders a line as recogniser output: lower case, no punctuation, dropped, misheard
    and filler words, at a rate set by `noise` (0 = clean words)."""
    words = re.sub(r"[^a-z0-9' ]", " ", text.lower()).split()
    out = []
    for word in words:
        roll = rng.random()
        if roll < noise * 0.4:
            continue  # dropped
        if word in MISHEARD and rng.random() < noise * 2:
            word = pick(rng, MISHEARD[word])
        out.append(word)
        if rng.random() < noise * 0.3:
            out.append(pick(rng, FILLERS))
    return " ".join(out) if out else text


def render_robocall(rng, stages, noise):
    lines = [pick(rng, options) for options in stages if rng.random() < 0.92]
    if not lines:
        lines = [pick(rng, stages[0])]
    return [{"speaker": "remote", "text": speak(rng, fill(rng, " ".join(lines)), noise)}]


def render_dialogue(rng, script, noise):
    # A call may end early (the person hangs up) - scams are cut at any stage - and a
    # recogniser may not separate the speakers.
    length = len(script) if rng.random() < 0.6 else rng.randrange(3, len(script) + 1)
    diarised = rng.random() < 0.8
    turns = []
    for speaker, options in script[:length]:
        text = speak(rng, fill(rng, pick(rng, options)), noise)
        turns.append({"speaker": speaker if diarised else "unknown", "text": text})
    return turns


def ivr_preamble(rng, noise):
    return [{"speaker": "remote", "text": speak(rng, fill(rng, pick(rng, IVR_PREAMBLE)), noise)}
            for _ in range(rng.randrange(1, 4))]


def generate(seed, count):
    rng = random.Random(seed)
    kinds = [("scam", "robocall", ROBOCALL_SCAMS), ("scam", "dialogue", DIALOGUE_SCAMS),
             ("legit", "robocall", ROBOCALL_LEGIT), ("legit", "dialogue", DIALOGUE_LEGIT)]
    calls = []
    for index in range(count):
        label, form, scripts = kinds[index % len(kinds)]
        kind = pick(rng, sorted(scripts))
        noise = pick(rng, [0.0, 0.05, 0.1, 0.2])
        if form == "robocall":
            turns = render_robocall(rng, scripts[kind], noise)
        else:
            turns = render_dialogue(rng, scripts[kind], noise)
            # A call the user made to a business often begins with its phone menu.
            if label == "legit" and rng.random() < 0.35:
                turns = ivr_preamble(rng, noise) + turns
        calls.append({
            "id": f"sg-synth-{index:05d}", "source": SOURCE, "label": label, "type": kind,
            "real": False,
            "direction": "outbound" if kind in ("legit_it_helpdesk", "legit_customer_service")
            else "inbound",
            "turns": turns, "critical_turn": None,
        })
    return calls


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=20261129)
    parser.add_argument("--calls", type=int, default=2000)
    here = os.path.dirname(os.path.abspath(__file__))
    parser.add_argument("--out", default=os.path.join(here, "..", "data", "synthetic",
                                                      "scamguard-synthetic.jsonl"))
    args = parser.parse_args()
    os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
    with open(args.out, "w", encoding="utf-8") as out:
        for call in generate(args.seed, args.calls):
            out.write(json.dumps(call, sort_keys=False) + "\n")


if __name__ == "__main__":
    main()
