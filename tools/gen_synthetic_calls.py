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

Issue 10 added what real calls taught us: most tech-support and refund scams are callbacks
(the victim rings a number from a pop-up, a fake invoice email, a text, a voicemail or a search
ad; the answerer greets like any contact centre, claims the brand and moves to remote access
and money), the critical ask is often indirect ("press the windows key and r", "go to this
website and type", "open your banking so i can see the refund"), and scams come in other
families too (grants, prize fees, upfront-fee loans, crypto, jobs, disconnection, "hi mum new
number", delivery fees, debt relief). Just as many genuine look-alikes share their words: the
real number answering the same lure, a customer ringing their own bank, booked remote
support, card payments the user chose, a bank stopping a live scam, "we will never ask",
family asking for money, a misdial, a pushy but honest sale, a GP reminder with a fee. The
contact-centre greeting is given to scam and genuine callbacks alike: it is no evidence.

Each call is rendered the way a speech recogniser delivers it: lower case, no punctuation,
numbers as words, tool names split ("any desk"), filler words, dropped and misheard words; a
quarter of the dialogues as one undiarised `unknown` stream of both parties, most of those cut
to the ~750-character opening a recorder delivers in the first ~45 seconds.

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
BIG_AMOUNTS = ["four thousand nine hundred dollars", "nine thousand dollars", "fifteen thousand "
               "dollars", "two thousand five hundred dollars", "twelve thousand four hundred "
               "dollars", "forty nine thousand dollars", "seven thousand five hundred dollars"]
SMALL_AMOUNTS = ["two dollars ninety nine", "three dollars fifty", "one dollar ninety five",
                 "four dollars", "five dollars and twenty cents"]
# Addresses as people read them out: the scammer spells a site for the victim to type.
SITES = ["w w w dot help desk dot com", "any desk dot com", "support dot me", "fix my pc dot "
         "net", "secure help dot live", "quick connect dot org", "h t t p s support now dot com",
         "cs dot help", "the letters r e m o t e dot com", "team viewer dot com slash download"]
COURIERS = ["australia post", "startrack", "dhl", "fedex", "ups", "the courier", "aramex",
            "the post office"]
CLINICS = ["the medical centre", "the dental clinic", "doctor {name}'s surgery", "the physio",
           "the skin clinic", "the eye clinic", "your gp"]
CHARITIES = ["the red cross", "the cancer council", "the animal shelter", "the children's "
             "hospital foundation", "the flood appeal", "the salvation army"]
SHOPS = ["the chemist on main street", "the pharmacy", "the bookshop", "the garden centre",
         "the bike shop", "the florist"]
FIRMS = ["global capital", "apex trade", "blue harbour investments", "first crypto group",
         "united wealth partners", "prime asset management"]
LOTTERIES = ["the international lottery", "the national sweepstakes", "the mega draw",
             "the customer reward draw", "the global lotto"]
EMPLOYERS = ["a recruitment agency", "an online marketing company", "a logistics firm",
             "a hotel booking platform", "a data entry company"]
HELPDESKS = ["the it service desk", "the computer shop", "your internet provider's support "
             "team", "the library tech help", "our home it service"]


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
        "bigamount": lambda: pick(rng, BIG_AMOUNTS),
        "smallamount": lambda: pick(rng, SMALL_AMOUNTS), "site": lambda: pick(rng, SITES),
        "courier": lambda: pick(rng, COURIERS), "charity": lambda: pick(rng, CHARITIES),
        "clinic": lambda: pick(rng, CLINICS).replace("{name}", pick(rng, NAMES)),
        "shop": lambda: pick(rng, SHOPS), "firm": lambda: pick(rng, FIRMS),
        "lottery": lambda: pick(rng, LOTTERIES), "employer": lambda: pick(rng, EMPLOYERS),
        "helpdesk": lambda: pick(rng, HELPDESKS),
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
    "legit_bank_card_check": [
        ("remote", ["hi this is {name} from the {bank} fraud team is this a good time",
                    "good morning my name is {name} i am calling from {bank} card services",
                    "hello {name} here from the security team at {bank} calling about your card"]),
        ("user", ["yes go ahead", "sure", "what is wrong"]),
        ("remote", ["there is a payment of {amount} waiting for approval at [an electronics "
                    "store|a petrol station|an online shop] can you tell me if that was you",
                    "your card was used [overseas|online] a few minutes ago and we paused it",
                    "we saw a sign in to your online banking from a new phone"]),
        ("user", ["yes that was me", "no that was not me", "i am travelling this week"]),
        ("remote", ["thanks i have approved it you can use the card as normal",
                    "okay i have cancelled that card and a replacement is in the post",
                    "no problem i will note that you are travelling"]),
        ("user", ["thank you", "great"]),
        ("remote", ["remember we will never ask you for your pin or a code by phone",
                    "if you are ever unsure about a call hang up and ring the number on your "
                    "card", "you do not need to do anything else have a good day"]),
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

# --- more scam families, told as live inbound calls (issue 10) ---------------------------
# A stage marked True is the critical ask: remote access, a code, card or bank details, or
# money (critical_turn in ../shared/data/README.md). Many asks are indirect: the caller
# never says "remote access", he says what to press and type.

DIALOGUE_SCAMS.update({
    "refund_remote_access": [
        ("remote", ["hello this is {name} from the refund department of {brand}",
                    "i am calling about the refund for your {brand} [subscription|protection "
                    "plan|membership]", "good afternoon this is the {brand} cancellation team"]),
        ("user", ["okay what refund", "i did cancel that a while ago", "yes"]),
        ("remote", ["the company is closing the service so you are owed {amount}",
                    "your plan was renewed by mistake and we have to give you back {amount}",
                    "you were charged {amount} and you are eligible for a full refund"]),
        ("user", ["oh okay", "how do i get it"]),
        ("remote", ["are you in front of your computer right now",
                    "press the windows key and the letter r together",
                    "go to this website and type {site}",
                    "i will connect to your system to put the refund",
                    "is your computer switched on i need to send the refund through it"], True),
        ("user", ["yes i am at the computer", "okay it opened a box", "it says {code}"]),
        ("remote", ["now open your banking so i can see the refund arrived",
                    "log in to your online banking i will not see your password",
                    "type the amount of the refund in the form on your screen"]),
        ("user", ["okay i am logged in", "i can see the account"]),
        ("remote", ["oh no the refund went in as {bigamount} instead of {amount}",
                    "i made a mistake and sent you {bigamount} you must send back the extra",
                    "you need to return the difference with {giftcard} gift cards today"]),
        ("user", ["i did not see any money", "okay what do i do"]),
        ("remote", ["do not close the screen or the refund will be cancelled",
                    "do not tell the bank about the refund they will block it",
                    "stay on the line while you go to the store"]),
    ],
    "government_grant": [
        ("remote", ["hello this is {name} from the [federal|national] grants department",
                    "congratulations i am calling from the government grant program on behalf "
                    "of {agency}"]),
        ("user", ["okay", "what grant", "i never applied for anything"]),
        ("remote", ["you have been selected for a grant of {bigamount} because you paid your "
                    "taxes on time", "your household qualifies for a free government grant of "
                    "{bigamount} that you never have to pay back"]),
        ("user", ["really how did i get that", "is this real"]),
        ("remote", ["to release the grant you need to pay a one time processing fee of {amount}",
                    "the grant is ready but first you must cover the transfer fee of {amount} "
                    "with {giftcard} gift cards", "i need your bank account number and your "
                    "online banking login so we can deposit the grant"], True),
        ("user", ["how do i pay", "why would i pay for a free grant"]),
        ("remote", ["the fee must be paid today or the grant goes to the next person",
                    "do not tell anyone about the grant until the money arrives it is "
                    "confidential", "you can pay at any store with gift cards and read me the "
                    "numbers"]),
    ],
    "prize_release_fee": [
        ("remote", ["congratulations this is {name} from {lottery} you are our big winner",
                    "hello am i speaking with the winner of {lottery}"]),
        ("user", ["i did not enter any lottery", "what did i win"]),
        ("remote", ["you have won {bigamount} and a new car",
                    "your number was drawn and the prize of {bigamount} is waiting for you"]),
        ("user", ["wow okay", "that sounds too good to be true"]),
        ("remote", ["before we can release your winnings you pay the [tax|clearance|insurance|"
                    "delivery] fee of {amount}", "the release fee is {amount} and it must be "
                    "paid by [wire transfer|gift card|bitcoin]", "please read me your card "
                    "number so we can charge the small release fee"], True),
        ("user", ["can you not take it out of the prize", "okay"]),
        ("remote", ["by law the fee cannot come out of the prize",
                    "you must pay within {hours} or the prize is cancelled",
                    "keep this between us until the money is delivered"]),
    ],
    "upfront_fee_loan": [
        ("remote", ["hello this is {name} from [easy|fast|quick] loans about your application",
                    "good news your personal loan of {bigamount} has been pre approved"]),
        ("user", ["i did look at a loan online", "i did not apply"]),
        ("remote", ["even with bad credit you are approved at a low rate",
                    "the money can be in your account today"]),
        ("user", ["okay great"]),
        ("remote", ["to release the loan you need to pay the first instalment of {amount} "
                    "upfront", "there is an insurance fee of {amount} that must be paid before "
                    "the funds are released", "buy {giftcard} cards for {amount} for the "
                    "guarantee and read me the codes", "i need your online banking login to "
                    "deposit the loan"], True),
        ("user", ["can you not take it from the loan", "how do i pay that"]),
        ("remote", ["the fee is refundable and comes back with the first payment",
                    "the approval expires {hours}"]),
    ],
    "investment_crypto": [
        ("remote", ["hi this is {name} from {firm} we help people invest in crypto",
                    "hello i am your account manager from {firm} about the trading platform "
                    "you registered on"]),
        ("user", ["i think i clicked an ad", "what is this about"]),
        ("remote", ["our clients make thirty percent a month with no risk",
                    "with only two hundred fifty dollars you can start earning guaranteed "
                    "returns", "our trading robot made one client {bigamount} last month"]),
        ("user", ["that sounds interesting", "how does it work"]),
        ("remote", ["download {tool} so i can help you open the trading account",
                    "open a crypto wallet and send {crypto} to the address i give you",
                    "transfer the money to our partner account and i will invest it for you"],
         True),
        ("user", ["okay i sent it", "can i take money out"]),
        ("remote", ["your balance is now {bigamount} but to withdraw you must first pay the tax "
                    "of {amount}", "to unlock your profits pay the release fee in {crypto}",
                    "this opportunity closes today do not miss it"]),
    ],
    "job_offer_bank_details": [
        ("remote", ["hi this is {name} from {employer} we saw your resume online",
                    "hello we are hiring people to work from home and you have been selected"]),
        ("user", ["oh i did apply for a few jobs", "what job is it"]),
        ("remote", ["you can earn {amount} a day working from home one hour a day",
                    "the job is simple you rate products and get paid for each task"]),
        ("user", ["okay what do i need to do"]),
        ("remote", ["to set up your salary give me your bank account number and your online "
                    "banking password", "we will send you a cheque for equipment deposit it "
                    "and send the rest to our supplier", "you need to top up your work account "
                    "with {amount} in {crypto} to unlock the next tasks", "please read me the "
                    "code the bank sends you to confirm the payroll"], True),
        ("user", ["is that normal", "okay"]),
        ("remote", ["everybody does this it is standard",
                    "if you do not do it today the position goes to someone else"]),
    ],
    "utility_disconnection": [
        ("remote", ["hello this is {name} from the [nbn|internet|electricity] technical "
                    "department", "i am calling from [telstra|optus|nbn co] about your "
                    "internet connection"]),
        ("user", ["yes", "what is wrong with it"]),
        ("remote", ["your internet will be disconnected in {hours} because your line has been "
                    "hacked", "your router is sending errors and your connection will be cut",
                    "your electricity bill is overdue and the power will be cut off today"]),
        ("user", ["oh no i need the internet", "i paid my bill"]),
        ("remote", ["are you in front of your computer i need to connect to fix the line",
                    "press the windows key and r and type what i say",
                    "to avoid disconnection pay {amount} now with your card over the phone",
                    "go to this website and type {site} so our technician can check the line"],
         True),
        ("user", ["okay i am at the computer", "okay"]),
        ("remote", ["there is a reconnection fee of {amount} if you hang up",
                    "do not turn off your computer while i am connected"]),
    ],
    "hi_mum_new_number": [
        ("remote", ["hi mum it is me i lost my phone this is my new number",
                    "hey dad it is me i broke my phone so i am calling from a friend's phone",
                    "hi mum it is me can you save this new number"]),
        ("user", ["oh hi love is that you", "who is this", "your voice sounds different"]),
        ("remote", ["yes i have a cold my voice is funny",
                    "i cannot get into my banking app on the new phone",
                    "i am in a bit of trouble i need to pay a bill today"]),
        ("user", ["what do you need", "are you okay"]),
        ("remote", ["can you transfer {amount} to this account for me i will pay you back "
                    "tomorrow", "can you pay this invoice for me the account is in my "
                    "friend's name", "please send the money now it is really urgent"], True),
        ("user", ["which account", "why can you not pay it"]),
        ("remote", ["please do not call my old number it does not work",
                    "please do it now they will charge me a late fee",
                    "do not tell dad i will explain later"]),
    ],
    "delivery_fee": [
        ("remote", ["hello this is {courier} about your parcel",
                    "this is the delivery centre of {courier} calling about a package"]),
        ("user", ["oh i am waiting for a package", "what package"]),
        ("remote", ["your parcel is held at the depot because of an unpaid [customs|redelivery|"
                    "address correction] fee", "we could not deliver your parcel because the "
                    "address is incomplete and there is a fee to send it again"]),
        ("user", ["how much is it"]),
        ("remote", ["it is only {smallamount} please read me your card number and expiry",
                    "i will send you a text with a code please read it to me to confirm the "
                    "payment", "please confirm the long number on your card and the three "
                    "digits on the back"], True),
        ("user", ["okay it is {code}", "can i pay at the post office"]),
        ("remote", ["if it is not paid today the parcel goes back to the sender",
                    "this is the only way to pay"]),
    ],
    "debt_relief": [
        ("remote", ["hi this is {name} from the [national|federal] debt relief program",
                    "hello we are calling about your credit card debt and a new government "
                    "program"]),
        ("user", ["i do have some debt", "what program"]),
        ("remote", ["we can cut your debt by up to seventy percent and stop the calls from "
                    "collectors", "you qualify to have your debts written off"]),
        ("user", ["how does that work"]),
        ("remote", ["there is an enrolment fee of {amount} that must be paid upfront today",
                    "stop paying your creditors and send the monthly payment to our trust "
                    "account", "i need your card numbers and the security codes to "
                    "consolidate them"], True),
        ("user", ["that sounds risky", "okay"]),
        ("remote", ["this offer ends today", "you must sign up now before the program closes"]),
    ],
})

# --- callbacks: the victim rings a number from a lure ---------------------------------------
# Most tech-support and refund scams are calls the victim places: a browser pop-up, a fake
# invoice email, a text, a voicemail or a search ad gave the number. The answerer greets like
# any contact centre, the victim states the lure, and the answerer claims the brand and moves
# to remote access and money. The genuine version of the same call (the real number) answers
# the same lure with "that was not us".

CALLBACK_GREETINGS = [
    "thank you for calling {brand} [support|customer care|billing|help desk] my name is {name} "
    "how can i help you [today|]",
    "{brand} technical support this is {name} speaking how may i help you",
    "hello thank you for calling this is {name} may i have your name please",
    "you have reached {brand} customer service my name is {name} how can i help",
    "hello {brand} {name} speaking how can i help",
]
# Departments a real contact centre seldom answers as, but a scam line does.
SCAM_ONLY_GREETINGS = [
    "thank you for calling the {brand} refund department how can i assist you",
    "hello {brand} security department {name} speaking",
]

LURES = {
    "popup": [
        "hi my computer froze and a message says my computer is blocked and to call this number",
        "a warning popped up on my screen saying i have a virus and to call microsoft",
        "my screen went red and it is beeping it says call {brand} support immediately",
        "there is a pop up on my laptop that says my files will be deleted if i do not call",
    ],
    "invoice_email": [
        "i got an email saying i bought {product} for {amount} and i never ordered it",
        "there is an invoice in my email from {brand} for {amount} it says call this number to "
        "cancel", "i received a receipt for a {brand} subscription renewal of {amount} that i "
        "did not sign up for", "i got an email about an order i did not make",
    ],
    "text": [
        "i got a text message saying my {brand} account is locked and to call this number",
        "a text said there was a payment of {amount} on my account and to call if it was not me",
        "i got a message saying my card has been suspended",
    ],
    "voicemail": [
        "i had a voicemail saying to call back about my {brand} account",
        "someone left a message saying my social security number is suspended",
        "there was a voicemail about a refund and this number",
    ],
    "prize_notice": [
        "i got a voicemail saying i won {lottery} and to call this number",
        "i had a letter saying i am a winner and to call with my claim number",
        "i am calling because i won the prize your message said to call back",
        "hi i got a message that i won a car and some money",
    ],
    "device_activation": [
        "i am trying to activate {brand} on my new tv and the code is not working",
        "the setup screen on my tv said to call this number to register the device",
        "my printer will not install and the website gave me this number",
    ],
    "search_ad": [
        "i searched for {brand} customer service online and found this number",
        "i found your number on google i need help with my {brand} account",
        "i am trying to reach {brand} about a refund for my order",
        "is this {brand} support i looked up the number online",
    ],
}



def lures(*channels):
    """The victim's first words on a callback: what made them ring."""
    return [line for channel in channels for line in LURES[channel]]


# kind: (the caller's first words, the rest of the call, whom the greeting names)
CALLBACK_SCAMS = {
    "tech_support": (lures("popup", "search_ad"), [
        ("remote", ["okay do not worry you have called the right department i will help you",
                    "i am sorry to hear that this is very serious let me check for you",
                    "okay stay calm and do not turn off the computer"]),
        ("user", ["thank you", "okay what do i do", "i am really worried"]),
        ("remote", ["are you in front of your computer right now",
                    "is the computer switched on in front of you",
                    "can you sit in front of the computer for me"]),
        ("user", ["yes i am", "yes it is on"]),
        ("remote", ["press the windows key and the r key together",
                    "go to this website and type {site}",
                    "open your browser and in the top bar type {site}",
                    "please download {tool} so i can connect to your computer",
                    "i will connect to your system to remove the virus"], True),
        ("user", ["okay it opened a small box", "it is downloading", "what do i click now"]),
        ("remote", ["now type {site} and press enter", "click on run and then allow",
                    "read me the nine digit number on your screen",
                    "click accept so i can see your screen"]),
        ("user", ["it says {code}", "okay i clicked allow"]),
        ("remote", ["now i am connected as you can see the errors in red are the hackers",
                    "your ip address has been used by hackers from {city}",
                    "your firewall is down and somebody has been looking at your bank details",
                    "i can see the hackers have installed a virus on your system"]),
        ("user", ["oh my god", "how do we stop them"]),
        ("remote", ["to remove the hackers you need our security plan for {amount}",
                    "the technician fee is {amount} and we only take gift cards or a bank "
                    "transfer", "open your online banking so i can check if they took any "
                    "money", "you need a lifetime protection for {amount} to secure the "
                    "computer"]),
        ("user", ["can i pay by card", "okay i am logging in"]),
        ("remote", ["do not touch the mouse while i am working",
                    "do not call anyone else they may be the hackers",
                    "stay on the line or your computer will be locked again"]),
    ]),
    "refund": (lures("invoice_email", "text", "voicemail", "search_ad"), [
        ("remote", ["okay so you did not authorise this order let me check",
                    "i can see the charge of {amount} on your account do not worry we will "
                    "cancel it", "yes that is a fraudulent order we will refund you today"]),
        ("user", ["yes please cancel it", "thank you i did not buy that"]),
        ("remote", ["for the refund i need to connect to your computer",
                    "are you in front of your computer right now",
                    "the refund has to go through the secure portal on your computer"]),
        ("user", ["yes i am", "okay"]),
        ("remote", ["go to this website and type {site}",
                    "press the windows key and r and type what i tell you",
                    "download {tool} and give me the number it shows",
                    "i will connect to your system to put the refund"], True),
        ("user", ["okay it says {code}", "it is asking me to allow", "done"]),
        ("remote", ["now open your banking so i can see the refund arrived",
                    "please log in to your online banking i cannot see your password",
                    "fill in the refund form with the amount of {amount}"]),
        ("user", ["okay i am logged in", "i can see my account"]),
        ("remote", ["oh no i typed an extra zero you received {bigamount} instead of {amount}",
                    "the system put {bigamount} in your account by mistake",
                    "look the refund went in as {bigamount} you need to send back the "
                    "difference"]),
        ("user", ["oh how did that happen", "what do i need to do"]),
        ("remote", ["you need to send back the extra with {giftcard} gift cards",
                    "go to the bank and send the difference by wire transfer",
                    "take out the cash and put it in a {crypto} machine",
                    "my manager will fire me if you do not return it today"]),
        ("user", ["okay i will go", "that is a lot"]),
        ("remote", ["do not tell the cashier what the cards are for",
                    "do not hang up stay on the phone while you go to the store",
                    "if the bank asks say it is for a family member"]),
    ]),
    "amazon_impersonation": (lures("invoice_email", "text", "search_ad"), [
        ("remote", ["i can see that someone has used your account to buy {product}",
                    "your account has been hacked and used for illegal purchases",
                    "let me transfer you to our security department"]),
        ("user", ["oh no", "what do i do", "can you cancel it"]),
        ("remote", ["to cancel it i need to verify you what is the card on the account",
                    "i will send you a code please read it back to me",
                    "are you in front of your computer i will connect and secure the account",
                    "go to this website and type {site} so i can check your account"], True),
        ("user", ["okay", "the code is {otp}"]),
        ("remote", ["the hackers are still in your account we need to protect your money",
                    "we need to move your balance to a protected account",
                    "the order can only be cancelled with {giftcard} gift cards that block it"]),
        ("user", ["how do i do that"]),
        ("remote", ["do not tell anyone this is a federal investigation",
                    "stay on the line while you go to the store"]),
    ]),
    "bank_impersonation": (lures("text", "voicemail", "search_ad"), [
        ("remote", ["yes i can see suspicious activity on your account",
                    "yes your card was blocked because someone tried to use it",
                    "i am from the fraud department i will help you"]),
        ("user", ["what happened", "is my money safe"]),
        ("remote", ["to unlock it please confirm your card number and expiry",
                    "i will send a code to your phone please read it to me",
                    "log in to your banking while i am on the line and i will guide you",
                    "are you in front of your computer i need to check your banking"], True),
        ("user", ["okay the code is {otp}", "okay"]),
        ("remote", ["your money is not safe we need to move it to a safe account",
                    "transfer your savings to the new account number i give you",
                    "withdraw the cash and buy {crypto} to protect it"]),
        ("user", ["is that normal"]),
        ("remote", ["do not tell the branch staff they may be involved",
                    "this must be done today"]),
    ]),
    "prize_release_fee": (lures("prize_notice", "voicemail"), [
        ("remote", ["congratulations do you have your claim number",
                    "yes i can help can you give me your full name and the claim code",
                    "let me pull up your file what is your name"]),
        ("user", ["it is {name}", "i could not hear the number on the message", "yes"]),
        ("remote", ["i see here you are our winner of {bigamount} and a brand new car",
                    "yes you have been selected as the grand prize winner of {bigamount}",
                    "congratulations you won {bigamount} and we deliver it to your door"]),
        ("user", ["oh my goodness", "what happens now", "i am so excited"]),
        ("remote", ["before the prize is delivered you pay the [delivery|tax|insurance|"
                    "processing] fee of {amount}", "you need to get a certified cheque for "
                    "{amount} made out to our accountant", "go to the store and buy {giftcard} "
                    "cards for the release fee and read me the numbers", "give me your bank "
                    "details so we can deposit the winnings"], True),
        ("user", ["why do i have to pay", "can it not come out of the winnings"]),
        ("remote", ["the fee cannot come out of the prize it is the law",
                    "do not tell anyone about your win until it arrives",
                    "if you do not pay today the prize goes to the next winner",
                    "do not tell the bank what it is for they will delay your prize"]),
    ]),
    "subscription_renewal": (lures("device_activation", "search_ad"), [
        ("remote", ["okay can you confirm exactly what the problem is",
                    "no problem i will help you what is the brand of your device",
                    "okay how old is the account you have"]),
        ("user", ["it is a samsung", "a few years", "i am not sure"]),
        ("remote", ["i can see your account has expired that is why the code does not work",
                    "your device is not registered and your licence has run out",
                    "your subscription has been blocked because of a security problem"]),
        ("user", ["oh i did not know", "what do i need to do"]),
        ("remote", ["to register again it is {amount} for three years or {amount} for a "
                    "lifetime plan", "are you in front of your computer i will connect and "
                    "register the device", "i can take the payment now what is the card number",
                    "you can pay with {giftcard} gift cards and read me the code"], True),
        ("user", ["hold on let me write it down", "okay", "that is expensive"]),
        ("remote", ["this offer is only for today", "if you do not renew your device will stop "
                    "working", "do not call anyone else they will charge you more"]),
    ]),
    "government_impersonation": (lures("voicemail"), [
        ("remote", ["yes your social security number has been suspended",
                    "your case number is {id} there is a warrant in your name",
                    "let me connect you with the officer on your case"]),
        ("user", ["what did i do", "i do not understand"]),
        ("remote", ["your identity was used for money laundering in {city}",
                    "if you do not act today the police will come to your house"]),
        ("user", ["what do i have to do"]),
        ("remote", ["to clear your name you must pay a bond of {amount}",
                    "buy {giftcard} gift cards and read me the numbers",
                    "move your savings to a government safe account"], True),
        ("user", ["okay"]),
        ("remote", ["do not tell anyone this is confidential",
                    "do not hang up or the warrant will be executed"]),
    ]),
}

# --- genuine look-alikes ------------------------------------------------------------------

DIALOGUE_LEGIT.update({
    "legit_booked_remote_support": [
        ("remote", ["hi this is {name} from {helpdesk} about the ticket you logged this "
                    "morning", "hello it is {name} from {helpdesk} you booked a remote session "
                    "for ten o'clock"]),
        ("user", ["yes thanks i have been waiting", "yes the printer still does not work"]),
        ("remote", ["are you at your computer now",
                    "i will send a link to your email from our ticket system",
                    "can you open the support app we installed when you joined"]),
        ("user", ["yes", "okay i have it"]),
        ("remote", ["you will see a session code and a request click allow when you are ready",
                    "i can see your screen now the printer driver is out of date",
                    "i have installed the update please try to print"]),
        ("user", ["it works now", "great"]),
        ("remote", ["i have closed the session you can see it has ended",
                    "there is no charge this is covered by your plan",
                    "we will never ask for your banking details during a support session"]),
    ],
    "legit_bank_stops_live_scam": [
        ("remote", ["hi this is {name} from the {bank} fraud team we have paused a transfer "
                    "you are making", "hello {name} here from {bank} we have stopped a payment "
                    "of {amount} to a new payee"]),
        ("user", ["yes i am moving money", "the man from the bank told me to do it"]),
        ("remote", ["has anyone asked you to move money or to install software on your "
                    "computer", "is someone on the other line telling you your money is not "
                    "safe"]),
        ("user", ["yes someone from the security department", "yes they are connected to my "
                  "computer"]),
        ("remote", ["that is a scam we will never ask you to move money to a safe account",
                    "please hang up on them and turn off the computer",
                    "do not give them any code and do not buy gift cards"]),
        ("user", ["oh no", "i did not know"]),
        ("remote", ["we have blocked the payment and your money is still in your account",
                    "we will cancel your card and send a new one",
                    "please change your online banking password from a different device"]),
        ("user", ["thank you so much"]),
        ("remote", ["you did the right thing talking to us",
                    "if they call back just hang up"]),
    ],
    "legit_never_ask_warning": [
        ("remote", ["hello this is {name} from {agency} about your tax return",
                    "hi this is {courier} calling to arrange delivery of your parcel",
                    "hello this is {name} from {bank} with a courtesy call about your new card"]),
        ("user", ["okay", "yes", "what about it"]),
        ("remote", ["your return has been processed and the refund of {amount} will be paid "
                    "into your nominated account", "the driver will be there tomorrow between "
                    "nine and one", "your new card has been posted and the old one stops "
                    "working on friday"]),
        ("user", ["great thanks", "good"]),
        ("remote", ["please remember we will never ask you to pay with gift cards or crypto",
                    "we will never ask you for a code or to move money",
                    "we will never send a text asking you to pay a redelivery fee",
                    "if anyone calls saying they are us and asks for payment hang up and call "
                    "the number on our website"]),
        ("user", ["good to know"]),
        ("remote", ["thank you have a good day", "that is all bye for now"]),
    ],
    "legit_family_asks_money": [
        ("remote", ["hi mum it is {name} how are you", "hey dad it is me how was the trip"]),
        ("user", ["oh hi love", "hello darling how is work"]),
        ("remote", ["good i wanted to ask a favour my car needs a new tyre and i am short "
                    "until payday", "can you lend me {amount} until friday"]),
        ("user", ["of course", "what happened"]),
        ("remote", ["i can come by tonight and pick it up or you can send it to my usual "
                    "account", "i will pay you back when i get paid",
                    "no rush whenever it suits you"]),
        ("user", ["i will transfer it this afternoon"]),
        ("remote", ["thanks mum love you see you sunday", "thanks i will call you tomorrow"]),
    ],
    "legit_misdial": [
        ("remote", ["hello is this {shop}", "hi is that {name}",
                    "hello i am calling about the car you are selling"]),
        ("user", ["no sorry you have the wrong number", "i think you have the wrong number"]),
        ("remote", ["oh sorry about that i must have dialled the wrong number",
                    "sorry to bother you have a good night"]),
    ],
    "legit_pushy_sales": [
        ("remote", ["hi this is {name} from a solar company we are in your area this week",
                    "hello {name} here from {brand} with a special offer on your plan"]),
        ("user", ["i am not sure", "how much is it"]),
        ("remote", ["i really recommend you sign up today the price goes up on friday",
                    "this is the best deal we have had all year you would be crazy to miss it",
                    "honestly everyone on your street has signed up"]),
        ("user", ["i need to talk to my partner", "i do not want to decide now"]),
        ("remote", ["i understand but the offer ends this week can i put you down",
                    "i can take your details now and you have ten days to cancel",
                    "okay i will send the contract by email and you can sign if you like"]),
        ("user", ["send me the email", "no thanks"]),
        ("remote", ["no problem i will call you next week",
                    "if you are not interested i will take you off the list"]),
    ],
    "legit_appointment_fee": [
        ("remote", ["hi this is {clinic} calling to remind you of your appointment tomorrow at "
                    "[nine|ten thirty|two fifteen]", "hello this is the reception at {clinic} "
                    "about your appointment on [monday|thursday]"]),
        ("user", ["yes thanks", "oh good i forgot"]),
        ("remote", ["please note there is a gap fee of {amount} payable on the day",
                    "if you cancel with less than twenty four hours notice there is a fee of "
                    "{amount}", "please bring your medicare card and arrive ten minutes early"]),
        ("user", ["can i pay when i get there", "okay"]),
        ("remote", ["yes you can pay at the front desk by card or cash",
                    "you pay on the day there is no need to pay now",
                    "press one to confirm or call us on the number on your appointment card"]),
    ],
    "legit_card_payment_user_chose": [
        ("remote", ["hi it is {shop} your order is ready",
                    "hello this is {shop} calling back about the book you ordered",
                    "hi this is {shop} your prescription is ready"]),
        ("user", ["great thanks", "oh good"]),
        ("remote", ["it comes to {amount} would you like to pay now over the phone and we post "
                    "it or pay when you pick it up", "do you want to pay by card now so we can "
                    "send it out today"]),
        ("user", ["i will pay by card now", "i will pick it up and pay"]),
        ("remote", ["sure what is the card number and the expiry date",
                    "okay i can take the card number when you are ready",
                    "no problem we will keep it at the counter for you"]),
        ("user", ["it is {code}", "see you tomorrow"]),
        ("remote", ["thank you the payment has gone through you will get a receipt by email",
                    "all done it will be posted today"]),
    ],
})

USER_CALLED_LEGIT = {
    # The same lures, rung in to the brand's real number: the genuine agent says it was not
    # them.
    "legit_real_number_lure": (lures("popup", "invoice_email", "text", "voicemail",
                                     "search_ad"), [
        ("remote", ["i am sorry to hear that let me check your account",
                    "thanks for letting us know can i have your name and the email on your "
                    "account"]),
        ("user", ["sure it is {name}", "okay"]),
        ("remote", ["i have checked and there is no such order on your account",
                    "that email did not come from us it is a phishing email",
                    "that pop up is not from us real error messages never show a phone number",
                    "there is no charge on your account"]),
        ("user", ["oh thank goodness", "so what should i do"]),
        ("remote", ["please delete it and do not call the number in it",
                    "close the browser and restart your computer the message will go away",
                    "if you already gave anyone access change your passwords and call your "
                    "bank", "you can forward the email to our phishing report address"]),
        ("user", ["okay thank you", "i almost called them"]),
        ("remote", ["we will never ask you to install software or to pay with gift cards",
                    "we never ask for your banking password or a one time code",
                    "is there anything else i can help you with today",
                    "thank you for calling have a good day"]),
    ]),
    "legit_booked_remote_support": (["hi i booked a remote session for ten o'clock about my "
                                     "printer", "i logged a ticket this morning my email stopped "
                                     "working", "hi my ticket number is {id} you asked me to "
                                     "call back when i am at the computer"], [
        ("remote", ["yes i can see the ticket thanks for calling back",
                    "no problem let me bring up your ticket",
                    "may i have your name and the email on the ticket"]),
        ("user", ["it is {name}", "yes", "sure"]),
        ("remote", ["are you at your computer now",
                    "i will send a link to your email from our ticket system",
                    "can you open the support app we installed when you joined"]),
        ("user", ["yes", "okay i have it"]),
        ("remote", ["you will see a session code and a request click allow when you are ready",
                    "i can see your screen now the printer driver is out of date",
                    "i have installed the update please try to print"]),
        ("user", ["it works now", "great"]),
        ("remote", ["i have closed the session you can see it has ended",
                    "there is no charge this is covered by your plan",
                    "we will never ask for your banking details during a support session"]),
        ("user", ["thanks"]),
        ("remote", ["i will close the ticket have a great day"]),
    ], "{helpdesk}"),
    "legit_charity_donation_line": (["hi i would like to make a donation to the appeal",
                                     "i saw the ad on tv and want to give"], [
        ("remote", ["that is wonderful how much would you like to give",
                    "thank you so much would that be a one off gift or monthly"]),
        ("user", ["fifty dollars", "one off please"]),
        ("remote", ["i can take your card details now or you can give on our website whichever "
                    "you prefer", "okay what is the card number and the expiry"]),
        ("user", ["card is fine", "it is {code}"]),
        ("remote", ["thank you your receipt will be emailed for tax purposes",
                    "that has gone through thank you for your support"]),
    ], "{charity}"),
}


# A customer rings their own bank's contact centre: the agent checks who they are, then does the
# task. Money moves, cards and passwords are talked about, and nobody is deceived.
BANK_ID_CHECK = [
    ("remote", ["sure i can help with that can i have your name please",
                "no problem can you confirm your date of birth",
                "of course can i have the phone number on the account",
                "what is the phone number on the account",
                "can you give me the last four digits of your card"]),
    ("user", ["it is {name}", "zero four one two {id}", "the one ending in {id}", "sure"]),
    ("remote", ["sorry can you repeat that", "could you spell your last name for me",
                "thank you and the address on the account", "thanks that matches",
                "okay i have found your account"]),
    ("user", ["sure", "yes", "it is {id} main street"]),
]
BANK_TASKS = {
    "pay_bill": (["hi i would like to pay a bill", "i want to pay my [gas|water|phone|"
                  "electricity] bill"], [
        ("remote", ["i can help you do that what is the company name",
                    "sure who is the bill for", "okay which biller is it"]),
        ("user", ["the gas company", "the water board", "my phone company"]),
        ("remote", ["okay and what is the company address", "and the amount of the bill",
                    "which account would you like to pay it from"]),
        ("user", ["{amount}", "from my checking account", "it is on the bill"]),
        ("remote", ["the payment of {amount} is scheduled for tomorrow",
                    "okay that bill has been paid you will see it in your statement"]),
    ]),
    "transfer": (["i would like to transfer money from my savings to my checking account",
                  "i need to move some money between my accounts"], [
        ("remote", ["sure how much would you like to transfer",
                    "which account would you like to move it from"]),
        ("user", ["{amount}", "from savings to checking"]),
        ("remote", ["okay i have moved {amount} into your checking account",
                    "the transfer is done and the new balance is {amount}"]),
    ]),
    "replace_card": (["hi i lost my debit card", "my credit card was stolen",
                      "my card is damaged and i need a new one"], [
        ("remote", ["i am sorry to hear that which card would you like to replace",
                    "okay is it the debit or the credit card"]),
        ("user", ["my debit card", "the credit card"]),
        ("remote", ["i have cancelled the old card and ordered a new one it will arrive in five "
                    "to seven business days", "your replacement card is on its way to the "
                    "address on file"]),
    ]),
    "reset_password": (["i forgot my online banking password", "i am locked out of the app"], [
        ("remote", ["no problem i will send a reset link to the phone on the account",
                    "i can reset that for you"]),
        ("user", ["okay thanks"]),
        ("remote", ["the link has been sent you can choose a new password there",
                    "please do not share the new password with anyone including us"]),
    ]),
    "balance": (["i want to check my balance", "can you tell me how much is in my savings"], [
        ("remote", ["which account would you like the balance for"]),
        ("user", ["my savings account", "checking please"]),
        ("remote", ["your balance is {amount}", "you have {amount} available"]),
    ]),
    "appointment": (["i would like to book an appointment with a loan officer",
                     "can i make an appointment at the branch"], [
        ("remote", ["sure what day suits you", "which branch would you like"]),
        ("user", ["tuesday afternoon", "the one on main street"]),
        ("remote", ["i have booked you in for tuesday at two",
                    "you are booked for thursday at ten please bring some id"]),
    ]),
    "branch_hours": (["what time does the branch open on saturday",
                      "is the city branch open on public holidays"], [
        ("remote", ["the branch opens at nine on saturday and closes at noon",
                    "it is closed on public holidays but the atm is open"]),
    ]),
    "dispute": (["my card was declined at the shop can you check why",
                 "there is a charge on my statement i do not recognise"], [
        ("remote", ["let me have a look at the recent transactions",
                    "i can see the transaction of {amount} from yesterday"]),
        ("user", ["i did not make that one", "oh that was my son"]),
        ("remote", ["i have lodged a dispute and blocked the card a new one is on its way",
                    "no problem it was declined because of the daily limit i have raised it",
                    "okay i will leave it as it is"]),
    ]),
}
BANK_CLOSE = [
    ("user", ["great thanks", "that is all thank you"]),
    ("remote", ["is there anything else i can help you with",
                "thank you for calling {bank} have a great day"]),
]
for task, (openings, body) in BANK_TASKS.items():
    USER_CALLED_LEGIT["legit_bank_" + task] = (openings, BANK_ID_CHECK + body + BANK_CLOSE,
                                               "{bank}")

# Everyday calls: most calls are neither scams nor contact centres. People ring shops, landlords,
# schools, employers and agencies about money, jobs, benefits and complaints, in plain words.
EVERYDAY_LEGIT = {
    "legit_complaint_to_shop": [
        ("remote", ["{shop} customer service {name} speaking how can i help",
                    "hello {shop} this is {name}"]),
        ("user", ["hi i would like to make a complaint about a heater i bought last week",
                  "the blender i bought from you stopped working after two days"]),
        ("remote", ["i am sorry to hear that can you tell me what happened",
                    "oh dear do you still have the receipt"]),
        ("user", ["it just stopped and now it smells of burning", "yes i have the receipt"]),
        ("remote", ["bring it back to the store and we will replace it or give you your money "
                    "back", "we can send a courier to collect it and post you a new one",
                    "i will note the complaint and the manager will call you tomorrow"]),
        ("user", ["thank you that would be great"]),
    ],
    "legit_job_application": [
        ("remote", ["good morning {employer} this is {name} speaking",
                    "hello {name} speaking from the office how can i help"]),
        ("user", ["hi i am calling about the position you advertised is it still available",
                  "i saw your job ad for an accountant and wanted to ask a few questions"]),
        ("remote", ["yes it is still open can you send us your resume by email",
                    "thanks for your interest the position is full time in the city office",
                    "we would like to fill it soon are you free for an interview on thursday"]),
        ("user", ["yes thursday is fine", "what are the hours", "what is the salary"]),
        ("remote", ["the hours are nine to five and the salary depends on experience",
                    "great please bring your certificates and two references",
                    "we pay every fortnight into your bank account once you start"]),
        ("user", ["thank you see you thursday"]),
    ],
    "legit_benefits_enquiry": [
        ("remote", ["thank you for calling the unemployment office this is {name}",
                    "hello you are speaking with {name} at the benefits centre"]),
        ("user", ["how do i know if i qualify for unemployment benefits",
                  "i was laid off last month and want to apply for support"]),
        ("remote", ["you usually qualify if you lost your job or your hours were cut",
                    "you can apply online or at your local office with your id and your last "
                    "payslip", "payments go into your own bank account every two weeks"]),
        ("user", ["do i need to bring anything else", "how long does it take"]),
        ("remote", ["it usually takes about two weeks to process",
                    "we will never ask you to pay a fee to get your benefits"]),
    ],
    "legit_rental_enquiry": [
        ("remote", ["hello {name} speaking", "hi this is the letting agent"]),
        ("user", ["hi i am calling about the apartment you advertised",
                  "is the two bedroom flat on the main road still available"]),
        ("remote", ["yes it is one bedroom with a kitchen and a balcony",
                    "yes the rent is {amount} a week with a four week bond"]),
        ("user", ["is it furnished", "can i come and see it"]),
        ("remote", ["it is unfurnished but there is a washing machine",
                    "there is an open inspection on saturday at ten",
                    "you can apply after the inspection and pay the bond when you sign the "
                    "lease"]),
        ("user", ["great i will come on saturday"]),
    ],
    "legit_school_calls_parent": [
        ("remote", ["hello this is {name} from the school office is that {name}'s mum",
                    "hi this is the school calling about your son"]),
        ("user", ["yes speaking is everything okay", "yes what happened"]),
        ("remote", ["he missed the school bus this morning and the excursion has left",
                    "she is not feeling well can you pick her up",
                    "the excursion fee of {amount} is due on friday you can pay at the office"]),
        ("user", ["oh sorry he woke up late", "i will be there in twenty minutes"]),
        ("remote", ["no problem see you soon", "thanks please sign in at the front office"]),
    ],
    "legit_friends_chat": [
        ("remote", ["hey it is {name} what are you up to this weekend",
                    "hi how are you i have not heard from you in ages"]),
        ("user", ["not much just reading the papers", "good thanks how is the new job"]),
        ("remote", ["do you want to come to the football on sunday",
                    "the job is great but the boss is a bit much",
                    "i was thinking we could try the new restaurant in town"]),
        ("user", ["sounds good what time", "sure i will book a table"]),
        ("remote", ["i will pick you up at six", "great see you then"]),
    ],
    "legit_booking": [
        ("remote", ["good evening {shop} how can i help", "hello this is the hotel front desk",
                    "hi the surgery reception speaking"]),
        ("user", ["i would like to book a table for four on friday night",
                  "i want to book a double room for two nights next week",
                  "can i make an appointment with the doctor this week"]),
        ("remote", ["certainly can i have a name and a phone number for the booking",
                    "we have a room at {amount} a night including breakfast",
                    "the doctor has a time on wednesday at three"]),
        ("user", ["it is {name}", "that is fine", "wednesday works"]),
        ("remote", ["we will hold it with a card and charge nothing unless you do not come",
                    "you can pay when you check in", "lovely you are booked in see you then"]),
    ],
    "legit_tradesperson_quote": [
        ("remote", ["hi it is {name} the plumber returning your call",
                    "hello this is {name} from the garage about your car service"]),
        ("user", ["thanks for calling back the kitchen tap is leaking",
                  "yes is the car ready"]),
        ("remote", ["i can come on tuesday morning the call out fee is {amount}",
                    "the car is ready the service came to {amount} with the new brake pads"]),
        ("user", ["okay that is fine", "can i pay when i pick it up"]),
        ("remote", ["you can pay on the day by card or transfer i will send an invoice",
                    "yes pay at the counter we are open until five"]),
    ],
}
DIALOGUE_LEGIT.update(EVERYDAY_LEGIT)

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
    "please stay on the line while we put you through",
    "please hold the next available consultant will be with you shortly",
    "thank you for holding your estimated wait time is [two|five|ten] minutes",
    "you can also manage your account on our website or in the app",
    "calls are recorded for training and compliance",
]
# What a business must say before it sells or quotes: recording and privacy notices, read out
# by a recording or the agent. Long, formal, full of "authorise", "information" and "share".
DISCLOSURES = [
    "before we continue please note this call is recorded and your information is handled under "
    "our privacy policy",
    "by continuing you agree that we may collect your details to prepare your quote and share "
    "them with our partners who provide the service",
    "we may check your driving and claims history with other companies to work out your premium",
    "you can ask to see or correct the information we hold about you at any time",
    "this is general advice only and does not take your personal situation into account please "
    "read the product disclosure statement",
    "if you would like a copy of our privacy statement let us know or visit our website",
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
    """Returns the turns and the index of the first critical ask (None if the call ends
    before it). A call may end early (the person hangs up) - scams are cut at any stage - and
    a recogniser may not separate the speakers."""
    length = len(script) if rng.random() < 0.6 else rng.randrange(3, len(script) + 1)
    diarised = rng.random() < 0.8
    turns = []
    critical = None
    for stage in script[:length]:
        speaker, options = stage[0], stage[1]
        if len(stage) > 2 and stage[2] and critical is None:
            critical = len(turns)
        text = speak(rng, fill(rng, pick(rng, options)), noise)
        turns.append({"speaker": speaker if diarised else "unknown", "text": text})
    return turns, critical


def run_on(rng, turns, critical):
    """One recogniser stream: every turn, both parties, in one `unknown` turn, and more often
    than not only the opening a recorder delivers in the first ~45 seconds (~750
    characters, cut at a word). The critical ask is in time at turn 0 when it is in the text."""
    text = ""
    critical_at = None
    for index, turn in enumerate(turns):
        if index == critical:
            critical_at = len(text)
        text = (text + " " + turn["text"]).strip()
    if rng.random() < 0.6:
        limit = rng.randrange(550, 950)
        if len(text) > limit:
            text = text[:text.rfind(" ", 0, limit)]
    in_time = 0 if critical_at is not None and critical_at < len(text) else None
    return [{"speaker": "unknown", "text": text}], in_time


def ivr_preamble(rng, noise, lines=IVR_PREAMBLE):
    return [{"speaker": "remote", "text": speak(rng, fill(rng, pick(rng, lines)), noise)}
            for _ in range(rng.randrange(1, 4))]


def callback_script(entry, scam):
    """A call the user placed: the answerer's greeting (the same greetings for scams and
    genuine contact centres: it is no evidence either way), what the user rang about, then the
    rest."""
    openings, body = entry[0], entry[1]
    organisation = entry[2] if len(entry) > 2 else "{brand}"
    greetings = [greeting.replace("{brand}", organisation) for greeting in CALLBACK_GREETINGS]
    if scam:
        greetings += SCAM_ONLY_GREETINGS
    return [("remote", greetings), ("user", openings)] + body


# (label, form, scripts, share of that label's calls). Inbound: the remote party rang the
# user; outbound: the user rang them (callbacks, contact centres).
FORMS = [
    ("scam", "robocall", ROBOCALL_SCAMS, 0.2), ("scam", "inbound", DIALOGUE_SCAMS, 0.4),
    ("scam", "callback", CALLBACK_SCAMS, 0.4),
    ("legit", "robocall", ROBOCALL_LEGIT, 0.2), ("legit", "inbound", DIALOGUE_LEGIT, 0.4),
    ("legit", "callback", USER_CALLED_LEGIT, 0.4),
]
USER_CALLED_INBOUND_SCRIPTS = ("legit_it_helpdesk", "legit_customer_service")
DISCLOSING_SCRIPTS = ("legit_sales", "legit_insurance_sale", "legit_pushy_sales")


def pick_form(rng, label):
    forms = [form for form in FORMS if form[0] == label]
    roll = rng.random()
    for form in forms:
        roll -= form[3]
        if roll < 0:
            return form
    return forms[-1]


# How often a kind is picked within its form, against 1 for the others: the genuine answer to
# a lure is as common among legit callbacks as the lures are among the scam ones.
KIND_WEIGHTS = {"legit_real_number_lure": 6, "legit_booked_remote_support": 2}


def pick_kind(rng, scripts):
    kinds = sorted(scripts)
    roll = rng.random() * sum(KIND_WEIGHTS.get(kind, 1) for kind in kinds)
    for kind in kinds:
        roll -= KIND_WEIGHTS.get(kind, 1)
        if roll < 0:
            return kind
    return kinds[-1]


def generate(seed, count):
    rng = random.Random(seed)
    calls = []
    for index in range(count):
        label, form, scripts, _ = pick_form(rng, "scam" if index % 2 == 0 else "legit")
        kind = pick_kind(rng, scripts)
        noise = pick(rng, [0.0, 0.05, 0.1, 0.2])
        critical = None
        direction = "inbound"
        if form == "robocall":
            turns = render_robocall(rng, scripts[kind], noise)
        else:
            if form == "callback":
                script = callback_script(scripts[kind], label == "scam")
                direction = "outbound"
            else:
                script = scripts[kind]
                if kind in USER_CALLED_INBOUND_SCRIPTS:
                    direction = "outbound"
            turns, critical = render_dialogue(rng, script, noise)
            # A call the user made to a business often begins with its phone menu.
            preamble = []
            if label == "legit" and direction == "outbound" and rng.random() < 0.35:
                preamble = ivr_preamble(rng, noise)
            # A quote or a sale starts with the notices the law asks for.
            if kind in DISCLOSING_SCRIPTS and rng.random() < 0.5:
                preamble = ivr_preamble(rng, noise, DISCLOSURES)
            turns = preamble + turns
            # Many recognisers deliver one stream, speakers not separated.
            if rng.random() < 0.25:
                turns, critical = run_on(rng, turns, critical)
                if rng.random() < 0.5:
                    direction = "unknown"
        calls.append({
            "id": f"sg-synth-{index:05d}", "source": SOURCE, "label": label, "type": kind,
            "real": False, "direction": direction, "turns": turns,
            "critical_turn": critical if label == "scam" else None,
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
