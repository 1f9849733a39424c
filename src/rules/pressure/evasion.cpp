// The remote party refuses to identify itself or to be verified when the user asks: "I'm
// unable to disclose that due to company policy", "I cannot give you a callback number".
// Stage: pressure (it keeps the user from checking the story).
//
// Look-alike: a genuine agent who cannot share *another customer's* details, or who will not
// read out the user's full card number. Genuine callers offer a way to verify ("call the
// number on the back of your card"); this rule only looks at refusals to share their own
// identity, number or "that information" when asked, and scores low alone.

#include "core/phrase_rule.h"

namespace scamguard::rules {
namespace {

constexpr PhrasePattern kRefusals[] = {
    {"(unable|not able|cannot|cant|not allowed|not permitted|not authori[sz]ed) to "
     "(disclose|share|provide|give|reveal|confirm) ~ (information|details|that|name|number|id|"
     "identity|callback|employee|location|office)",
     ""},
    {"(cannot|cant|unable to|not able to) (give|provide|share) ~ (callback|call back|direct) "
     "(number|line)",
     ""},
    {"(due to|for) (security|privacy|company) (protocols|reasons|policies|policy|regulations)", ""},
};
constexpr PhraseRuleSpec kEvasion{
    .info = {.symbol = "CALLER_REFUSES_VERIFICATION",
             .group = "pressure",
             .stage = Stage::kPressure,
             .default_score = 2.0,
             .description = "Remote party refuses to identify itself or give a way to verify "
                            "the call"},
    .patterns = kRefusals,
};
SCAMGUARD_REGISTER_PHRASE_RULE(kEvasion);

}  // namespace
}  // namespace scamguard::rules
