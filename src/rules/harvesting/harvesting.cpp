// The remote party asks for what it needs to take money: card details, one-time codes,
// passwords, banking logins, identity details. Kill-chain stage 5.
//
// Look-alike that must not fire: a genuine bank's fraud team saying it "will never ask for
// your password or a code" — each rule has a suppressor for that negation in the same turn.
// A request needs a request verb near the thing requested ("verify", "provide", "read me");
// the phrase "your social security number has been suspended" is a pretext, not a request.

#include "core/phrase_rule.h"

namespace scamguard::rules {
namespace {

constexpr std::string_view kNeverAsk[] = {
    "(never|not|dont|do not|wont|will not|cannot|cant|shouldnt|should not) (ever )?(ask|need|"
    "request|require|call|share|give|tell|read|send|disclose) ~ (for|your|anyone|it|them|this)?",
};

// "Call the number on the back of your card" is how a genuine bank tells the user to verify.
constexpr std::string_view kNeverAskOrCallBack[] = {
    kNeverAsk[0],
    "(call|ring|phone|dial) ~ number (on|at) (the )?back of (your|the) card",
};

constexpr PhrasePattern kCard[] = {
    {"(card|credit card|debit card|visa|mastercard) (number|details|information|info|digits)", ""},
    {"(cvv|cvc|security code on the back)", ""},
    {"(read|tell|give|whats|what is) ~ (on the )?back of (your|the) card", ""},
    {"(expiry|expiration) date (of|on) (your|the) card", ""},
};
constexpr PhraseRuleSpec kCardRule{
    .info = {.symbol = "HARVEST_CARD_DETAILS",
             .group = "harvesting",
             .stage = Stage::kHarvesting,
             .default_score = 2.5,
             .description = "Remote party asks for card number, CVV or expiry"},
    .patterns = kCard,
    .suppressors = kNeverAskOrCallBack,
};
SCAMGUARD_REGISTER_PHRASE_RULE(kCardRule);

constexpr PhrasePattern kOneTimeCode[] = {
    {"(one time|verification|security|authori[sz]ation|confirmation|access|otp|sms|text) "
     "(code|passcode|pass code|password|pin|number)",
     ""},
    {"code ~ (we|i|they|bank) ~ (sent|texted|send|sending)", ""},
    {"(read|tell|give) (me|us) ~ (code|codes|pin)", ""},
    {"(confirm|provide|read out) (the|that|this) (code|codes|pin)", ""},
};
// Codes that are not secrets: a genuine agent asks for the zip code or a promo code.
constexpr std::string_view kNotSecretCodes[] = {
    "(zip|postal|post|postcode|area|promo|promotion|discount|coupon|bar|qr|country|reference|"
    "confirmation|tracking|voucher) codes?",
    "social security number",
    // A code read off the screen is a remote-session address (REMOTE_SESSION_CODE_REQUEST).
    "(code|number|id) ~ (on|from|at) (your|the) (screen|app|window)",
    "(never|not|dont|do not|wont|will not|cannot|cant|shouldnt|should not) (ever )?(ask|need|"
    "request|require|call|share|give|tell|read|send|disclose) ~ (for|your|anyone|it|them|this)?",
};
constexpr PhraseRuleSpec kOneTimeCodeRule{
    .info = {.symbol = "HARVEST_ONE_TIME_CODE",
             .group = "harvesting",
             .stage = Stage::kHarvesting,
             .default_score = 2.5,
             .description = "Remote party asks for a one-time, verification or security code"},
    .patterns = kOneTimeCode,
    .suppressors = kNotSecretCodes,
};
SCAMGUARD_REGISTER_PHRASE_RULE(kOneTimeCodeRule);

constexpr PhrasePattern kPassword[] = {
    // "Type your password" is a helpdesk asking the user to log in privately; harvesting
    // is asking for the secret to be said or given.
    {"(tell|give|provide|confirm|verify|share|need|read|say|what is|whats) ~~ "
     "(password|passwords|passcode|pin number|login details|login credentials|"
     "username and password|credentials)",
     ""},
};
// A remote-session password shown on screen (TeamViewer's) is the session address's second
// half, reported by REMOTE_SESSION_CODE_REQUEST, not the user's own secret.
constexpr std::string_view kNeverAskOrOnScreen[] = {
    kNeverAsk[0],
    "(password|passcode|pin) ~ (it shows|shows|shown|showing|displayed|on (your|the) screen)",
};

constexpr PhraseRuleSpec kPasswordRule{
    .info = {.symbol = "HARVEST_PASSWORD",
             .group = "harvesting",
             .stage = Stage::kHarvesting,
             .default_score = 2.5,
             .description = "Remote party asks for a password, PIN or login credentials"},
    .patterns = kPassword,
    .suppressors = kNeverAskOrOnScreen,
};
SCAMGUARD_REGISTER_PHRASE_RULE(kPasswordRule);

constexpr PhrasePattern kBankLogin[] = {
    {"(log|logging|sign|signing) (in|into|in to|on to|onto) ~ (bank|banking|bank account|"
     "online banking|net banking|internet banking)",
     ""},
    {"(open|go to|visit) ~ (bank|banking) (website|site|app|account|portal)", ""},
    {"(online|internet|net|mobile) banking (login|username|details|password|credentials|access)",
     ""},
    // "open your banking so I can see the refund arrived": the indirect form of the theft
    {"(open|check|log into|look at|pull up|bring up) ~ (bank|banking|bank account|bank app|"
     "banking app|statement) ~ (so|and) (i|we) (can|could|will|may) (see|check|verify|confirm|"
     "make sure|show)",
     "ask=show-bank"},
};
constexpr PhraseRuleSpec kBankLoginRule{
    .info = {.symbol = "HARVEST_BANK_LOGIN",
             .group = "harvesting",
             .stage = Stage::kHarvesting,
             .default_score = 2.5,
             .description = "Remote party asks the user to log in to online banking, or for "
                            "the banking login"},
    .patterns = kBankLogin,
    .suppressors = kNeverAsk,
};
SCAMGUARD_REGISTER_PHRASE_RULE(kBankLoginRule);

constexpr PhrasePattern kIdentity[] = {
    // Date of birth and address are asked by every genuine insurer and bank too; only the
    // identifiers that open accounts count here.
    {"(verify|confirm|provide|need|give|tell|read|update|share|what is|whats) ~ (your )?"
     "(social security number|ssn|mothers maiden name|tax file number|medicare number|"
     "passport number|drivers license number|drivers licence number)",
     ""},
    {"(verify|confirm|provide|need|update|validate|share) ~ (your )?(account|banking|bank|card|"
     "personal|identity|billing|financial|security) (details|information|info|credentials|number)",
     ""},
    {"(account|routing|bsb|sort code|iban) (number|numbers)", ""},
};
constexpr PhraseRuleSpec kIdentityRule{
    .info = {.symbol = "HARVEST_IDENTITY_OR_ACCOUNT",
             .group = "harvesting",
             .stage = Stage::kHarvesting,
             .default_score = 2.0,
             .description = "Remote party asks to verify identity, account or personal details"},
    .patterns = kIdentity,
    .suppressors = kNeverAsk,
};
SCAMGUARD_REGISTER_PHRASE_RULE(kIdentityRule);

}  // namespace
}  // namespace scamguard::rules
