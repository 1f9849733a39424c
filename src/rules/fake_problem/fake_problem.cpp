// The invented technical problem that makes the "fix" (and its fee) necessary.
// Kill-chain stage 4.
//
// Look-alikes: a genuine helpdesk diagnosing a real fault the user reported. That is a call
// the user placed, and the composites exclude it; here the patterns describe the scam's
// claims (protection "crashed", hackers "inside" the computer), not ordinary faults.

#include "core/phrase_rule.h"

namespace scamguard::rules {
namespace {

constexpr PhrasePattern kSecurityFailure[] = {
    {"(security|antivirus|anti virus|firewall|protection|defender|norton|mcafee) ~ "
     "(has |have |is |got |was )?(crashed|expired|failed|stopped working|corrupted|"
     "disabled|not working|out of date|compromised)",
     ""},
    {"(license|licence|subscription) ~ (has |is )?(expired|crashed|invalid)", ""},
};
constexpr PhraseRuleSpec kSecurityFailureRule{
    .info = {.symbol = "FAKE_PROBLEM_SECURITY_FAILURE",
             .group = "fake_problem",
             .stage = Stage::kFakeProblem,
             .default_score = 2.5,
             .description = "Remote party says the user's security software crashed, expired "
                            "or stopped protecting them"},
    .patterns = kSecurityFailure,
};
SCAMGUARD_REGISTER_PHRASE_RULE(kSecurityFailureRule);

constexpr PhrasePattern kInfection[] = {
    {"(virus|viruses|malware|spyware|trojan|trojans|hackers|hacker|ransomware|worm) ~ "
     "(in|on|inside|into|infected|attacking|found|detected|entered)",
     ""},
    {"(computer|device|laptop|pc|system|phone|network|ip address) ~ (is|has been|was|got) "
     "(infected|hacked|hijacked|compromised|under attack|at risk)",
     ""},
    {"(infected|hacked|hijacked) (computer|device|laptop|pc|system)", ""},
};
constexpr PhraseRuleSpec kInfectionRule{
    .info = {.symbol = "FAKE_PROBLEM_INFECTION",
             .group = "fake_problem",
             .stage = Stage::kFakeProblem,
             .default_score = 2.0,
             .description = "Remote party says the user's device is infected or hacked"},
    .patterns = kInfection,
};
SCAMGUARD_REGISTER_PHRASE_RULE(kInfectionRule);

constexpr PhrasePattern kErrors[] = {
    {"(error|warning|alert) (messages|message|signals|notifications|reports) ~ "
     "(from|on|coming from) your (computer|device|system|pc)",
     ""},
    {"(event viewer|command prompt|system logs|error logs)", ""},
    {"(serious|critical|major) (issue|problem|error|threat) ~ (your )?(computer|device|system)",
     ""},
};
constexpr PhraseRuleSpec kErrorsRule{
    .info = {.symbol = "FAKE_PROBLEM_ERRORS",
             .group = "fake_problem",
             .stage = Stage::kFakeProblem,
             .default_score = 1.5,
             .description = "Remote party points at errors or warnings supposedly coming from "
                            "the user's device"},
    .patterns = kErrors,
};
SCAMGUARD_REGISTER_PHRASE_RULE(kErrorsRule);

}  // namespace
}  // namespace scamguard::rules
