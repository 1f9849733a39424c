// The user says what made them call: a callback's lure. Kill-chain stage 2 (pretext), told
// by the victim rather than the caller.
//
// In a callback scam the scammer does not need to state a pretext: the victim does ("I got
// an email about an order I didn't make", "my screen says my computer is locked, call this
// number", "I called the number on the pop-up"). This rule reads the user's turns (and
// undiarised ones), where every other pretext rule reads the remote party.
//
// Look-alikes: a customer ringing their real bank about a real email. The symbol scores
// little on its own; it matters as the evidence that the user placed a call to a number
// someone else gave them (CALLBACK_SCAM in composites.toml).

#include "core/phrase_rule.h"

namespace scamguard::rules {
namespace {

constexpr PhrasePattern kLure[] = {
    // a pop-up or the screen told them to call
    {"(pop ?up|popup|popped up|pops up|window|warning|alert|notification|message|screen|"
     "website|browser) ~~ "
     "(said|says|saying|told me|tells me|telling me|asked me|asking me|showed|shows|showing) ~~ "
     "(call|ring|phone|contact|dial)",
     "lure=pop-up"},
    {"(call|ring|phone) (this|the|a) (number|toll free number|helpline|support line) ~ "
     "(screen|pop ?up|computer|browser|window)",
     "lure=pop-up"},
    {"(to|and) (call|ring|phone|dial) (this|the|that) (number|helpline|hotline|support line|toll "
     "free number|support number)",
     "lure=number-given"},
    // a message about an order, charge or account problem they did not make
    {"(got|received|had|get|getting|receiving) (an|a|this|the|some|these|your) (email|e mail|"
     "text|text message|sms|letter|invoice|receipt|voicemail|voice mail|message|call|"
     "notification) ~~ (order|ordered|charge|charged|purchase|purchased|subscription|renew|"
     "renewal|invoice|receipt|bill|locked|blocked|suspended|virus|hacked|refund|payment|"
     "transaction|bitcoin|paypal)",
     "lure=message"},
    // they rang the number they were given
    {"(called|call|calling|rang|ringing|dialled|dialed|phoned) (this|the|that|your|a) "
     "(number|helpline|hotline|support number|toll free number) ~ (on|in|from|at) (the|my|an|a|"
     "this|that|your) (screen|email|e mail|text|message|pop ?up|invoice|letter|website|ad|"
     "advert|advertisement|voicemail|google|search)",
     "lure=number-given"},
    {"(found|got) (this|the|your) number (on|from|in) (google|the internet|online|a search|an ad|"
     "the ad|a website|the website)",
     "lure=search"},
    // an order or charge they did not make, said by the victim
    {"(i|we) (did not|didnt|never|did nt) (make|order|place|authori[sz]e|buy|purchase|sign up)",
     "lure=unknown-charge"},
    {"(i|we) (dont|do not) want (to renew|it renewed|to be charged|the renewal|this renewal)",
     "lure=unknown-charge"},
    {"(calling|called|call|ringing|rang) (because|about|regarding|in regards to|for) ~ (email|e "
     "mail|"
     "message|voicemail|voice mail|text|letter|invoice|charge|order|pop ?up|renewal|subscription)",
     "lure=message"},
};

constexpr PhraseRuleSpec kReportedLure{
    .info = {.symbol = "USER_REPORTS_LURE",
             .group = "pretext",
             .stage = Stage::kPretext,
             .default_score = 1.0,
             .description = "The user says a pop-up, email, text or voicemail about an order, "
                            "charge or locked device told them to call (a callback's lure)"},
    .patterns = kLure,
    .speakers = SpeakerPolicy::kUserOrUnknown,
};
SCAMGUARD_REGISTER_PHRASE_RULE(kReportedLure);

// The sweepstakes callback: a voicemail, letter or earlier call said the user won, and the
// user rings the number to claim it. Real prize draws do not work through callbacks.
constexpr PhrasePattern kWin[] = {
    {"(got|received|had|get|left) (a|an|the|this|your|my) (message|voicemail|voice mail|call|"
     "letter|email|e mail|text|notification) ~~ (won|win|winner|prize|sweepstakes|lottery|"
     "jackpot|selected)",
     ""},
    {"(did i|have i|i have|ive|i|that i|said i|saying i) (win|won|just won|have won)", ""},
    {"(calling|called|ringing|rang|call) (because|about|regarding|to claim|for) ~ (won|win|prize|"
     "winnings|sweepstakes|lottery|jackpot)",
     ""},
};
constexpr PhraseRuleSpec kReportedWin{
    .info = {.symbol = "USER_REPORTS_WIN",
             .group = "pretext",
             .stage = Stage::kPretext,
             .default_score = 1.0,
             .description = "The user says a message or call told them they won a prize, and "
                            "they are calling to claim it"},
    .patterns = kWin,
    .speakers = SpeakerPolicy::kUserOrUnknown,
};
SCAMGUARD_REGISTER_PHRASE_RULE(kReportedWin);

}  // namespace
}  // namespace scamguard::rules
