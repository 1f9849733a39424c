// Pressure, at any stage: urgency, secrecy, keeping the user on the line, threats.
//
// Pressure alone is what a pushy but honest salesperson also does ("this offer ends
// today"), so the group is capped (conf/scores.toml) and scores only add to other evidence.

#include "core/phrase_rule.h"

namespace scamguard::rules {
namespace {

constexpr PhrasePattern kUrgency[] = {
    // "right now" and "right away" are everyday words; only a demand made of the user counts.
    {"(need to|needs to|have to|has to|must|should|got to|imperative|important) ~~ "
     "(immediately|right away|right now|urgently|as soon as possible|asap|today)",
     ""},
    {"(urgent|urgently|time is of the essence|act now|act fast|act quickly|act swiftly|"
     "without delay|immediate (action|attention|cooperation|response)|with immediate effect|"
     "time sensitive|limited time|about to (expire|end|come to an end))",
     ""},
    {"(within|in the next) [0-9]+ (to [0-9]+ )?(minutes|hours|hour)", ""},
    {"(final|last) (notice|attempt|warning|chance|reminder|courtesy call|call)", ""},
    {"(imperative|critical|crucial|essential|vital) that (we|you)", ""},
    {"before it is too late|before its too late", ""},
};
constexpr PhraseRuleSpec kUrgencyRule{
    .info = {.symbol = "PRESSURE_URGENCY",
             .group = "pressure",
             .stage = Stage::kPressure,
             .default_score = 1.0,
             .description = "Remote party demands action immediately or within minutes"},
    .patterns = kUrgency,
};
SCAMGUARD_REGISTER_PHRASE_RULE(kUrgencyRule);

constexpr PhrasePattern kSecrecy[] = {
    {"(dont|do not|never|shouldnt|should not) ~ (tell|inform|share|discuss|mention|talk to|"
     "contact|call) ~ (anyone|anybody|bank|family|police|friends|staff|teller|branch|son|daughter)",
     ""},
    {"(keep|kept) (this|it|the matter|everything) ~ (confidential|secret|private|between us)", ""},
    {"(confidential|secret) (matter|case|investigation|operation)", ""},
    {"(bank|teller|staff) (may|might|could) (be )?(involved|in on it|part of)", ""},
};
constexpr PhraseRuleSpec kSecrecyRule{
    .info = {.symbol = "PRESSURE_SECRECY",
             .group = "pressure",
             .stage = Stage::kPressure,
             .default_score = 2.5,
             .description = "Remote party tells the user to keep the call secret from the bank, "
                            "family or police"},
    .patterns = kSecrecy,
};
SCAMGUARD_REGISTER_PHRASE_RULE(kSecrecyRule);

constexpr PhrasePattern kStayOnLine[] = {
    {"(dont|do not|never) (hang up|disconnect|end the call|put (the )?phone down|leave the call)",
     ""},
    // "stay on the line while we connect you" is a transfer, not pressure: only "with me".
    {"(stay|remain|keep) (on the line|on the phone|connected) with (me|us)", ""},
};
constexpr PhraseRuleSpec kStayOnLineRule{
    .info = {.symbol = "PRESSURE_STAY_ON_LINE",
             .group = "pressure",
             .stage = Stage::kPressure,
             .default_score = 2.0,
             .description = "Remote party tells the user not to hang up"},
    .patterns = kStayOnLine,
};
SCAMGUARD_REGISTER_PHRASE_RULE(kStayOnLineRule);

constexpr PhrasePattern kThreat[] = {
    {"(you|your) ~ (will|would|could|are going to|may) (be )?(arrested|sued|prosecuted|jailed|"
     "detained|deported|fined|charged|penali[sz]ed|taken into custody)",
     ""},
    {"(police|officers|sheriff|marshals|authorities|agents) ~ (will|are going to|are on) ~ "
     "(come|coming|arrest|way|door)",
     ""},
    {"(face|facing) ~ (legal|serious|severe) (consequences|action|charges|penalties)", ""},
    {"(blocked|suspended|frozen|seized|confiscated) permanently|permanently (blocked|suspended|"
     "frozen|closed)",
     ""},
    {"(ignoring|ignore) (this|the) (message|call|notice)", ""},
};
constexpr PhraseRuleSpec kThreatRule{
    .info = {.symbol = "PRESSURE_THREAT",
             .group = "pressure",
             .stage = Stage::kPressure,
             .default_score = 2.0,
             .description = "Remote party threatens arrest, legal consequences or permanent "
                            "loss"},
    .patterns = kThreat,
};
SCAMGUARD_REGISTER_PHRASE_RULE(kThreatRule);

}  // namespace
}  // namespace scamguard::rules
