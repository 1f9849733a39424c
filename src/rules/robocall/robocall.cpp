// Recorded-message openers and menus: how mass robocall campaigns reach people before a
// human takes over. Stage 0 (contact).
//
// Look-alike: the IVR of a company the user phoned ("press 1 for sales"). That call is
// user-placed, and ROBOCALL_SCRIPT needs !USER_INITIATED_CALL; the composites need a pretext or a
// claim alongside the menu.

#include "core/phrase_rule.h"

namespace scamguard::rules {
namespace {

constexpr PhrasePattern kPressDigit[] = {
    {"(press|pressing|dial|push) (the )?(number )?[0-9]( now| key)?", ""},
    {"(say|saying) (yes|1) (now|to (speak|connect|talk))", ""},
};
constexpr PhraseRuleSpec kPressDigitRule{
    .info = {.symbol = "ROBOCALL_PRESS_DIGIT",
             .group = "robocall",
             .stage = Stage::kContact,
             .default_score = 2.0,
             .description = "A recorded message tells the callee to press a key to be connected"},
    .patterns = kPressDigit,
};
SCAMGUARD_REGISTER_PHRASE_RULE(kPressDigitRule);

constexpr PhrasePattern kOpener[] = {
    {"(this|the) (call|message|phone call) is (to inform|regarding|about|from|intended|to let)",
     ""},
    {"this is (an|a|your) (important|automated|final|courtesy|official|recorded) "
     "(call|message|notice|reminder)",
     ""},
    {"(we|i) (would like to|want to|are trying to|have been trying to|tried to|are calling to) "
     "(inform|reach|notify|contact|let) you",
     ""},
    {"(do not call|dnc) list", ""},
    {"(listen to|hear|repeat) this message", ""},
    {"(i am|im|this is) (a|an|the|your) (virtual|automated|digital) (assistant|agent|system)", ""},
    {"courtesy call", ""},
    {"(following up|calling) (in regards to|regarding|about|on) your (outstanding|file|case|"
     "application|account|account status)",
     ""},
    {"(reviewing|close out|closing) your (file|case|account)", ""},
    {"(purpose|reason) (of|for) (this|the|my|our) call", ""},
    {"(to|in order to) (connect|speak|talk) (to|with) (an?|the|our) ~ (officer|agent|"
     "representative|specialist|department|advisor|operator)",
     ""},
};
constexpr PhraseRuleSpec kOpenerRule{
    .info = {.symbol = "ROBOCALL_MESSAGE_OPENER",
             .group = "robocall",
             .stage = Stage::kContact,
             .default_score = 1.0,
             .description = "The call opens like a recorded notice ('this call is to inform "
                            "you', 'we have been trying to reach you')"},
    .patterns = kOpener,
};
SCAMGUARD_REGISTER_PHRASE_RULE(kOpenerRule);

constexpr PhrasePattern kCallback[] = {
    {"(call|reach|contact|dial|ring) (us|me|our office|our department|them)? ?(back )?(at|on) "
     "(1 )?[0-9]{3}",
     "callback"},
    {"(call|ring) (us )?back ~ [0-9]{3}", "callback"},
    {"(toll free|helpline|hotline|call back|direct|phone|callback) (phone )?(number|line) "
     "(is |at )?[0-9]{3}",
     "callback"},
    {"(give (me|us) a call back|return (my|our|this) call|call (me|us) back)", "callback"},
};
constexpr PhraseRuleSpec kCallbackRule{
    .info = {.symbol = "ROBOCALL_CALLBACK_NUMBER",
             .group = "robocall",
             .stage = Stage::kContact,
             .default_score = 1.5,
             .description = "The message gives a number to call back"},
    .patterns = kCallback,
};
SCAMGUARD_REGISTER_PHRASE_RULE(kCallbackRule);

}  // namespace
}  // namespace scamguard::rules
