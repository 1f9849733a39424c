// The remote party steers the user to give it control of their device. Kill-chain stage 3.
//
// Four observations, from most to least specific:
//   REMOTE_TOOL_NAMED           a remote-access product is named (lists/remote_tools.txt,
//                               with spoken forms: "any desk", "team viewer")
//   REMOTE_ACCESS_REQUEST       install/download/open a tool or "our support app", "let me
//                               connect to your computer"
//   REMOTE_SESSION_CODE_REQUEST "read me the nine digit code on your screen"
//   REMOTE_ACCEPT_REQUEST       "click allow", "press accept", "give me permission"
//
// Look-alike that must not fire as a scam: the user's own IT helpdesk, which the user phoned
// and which does use these tools. These rules still fire there (it is what was said); the
// composites require a call the user did not place (see USER_INITIATED_CALL), and the
// stand-alone scores stay below the warn threshold.

#include "core/phrase_rule.h"

namespace scamguard::rules {
namespace {

constexpr PhraseRuleSpec kToolNamed{
    .info = {.symbol = "REMOTE_TOOL_NAMED",
             .group = "remote_access",
             .stage = Stage::kRemoteAccess,
             .default_score = 2.0,
             .description = "Remote party names a remote-access tool (lists/remote_tools.txt)"},
    .list = "remote_tools",
    .list_option = "tool",
};
SCAMGUARD_REGISTER_PHRASE_RULE(kToolNamed);

constexpr PhrasePattern kAccessRequest[] = {
    {"(download|install|run|launch) ~ (support|remote|security|helper|our) (app|application|"
     "software|program|tool)",
     ""},
    {"(remote|screen) (access|session|control|connection|support|sharing|desktop|assistance)", ""},
    {"(access|connect to|connect into|log into|get into|control|take control of|remote into) ~ "
     "(your )?(computer|laptop|pc|device|desktop|screen|system|mac|machine)",
     ""},
    {"(share|sharing) your screen", ""},
    {"(windows|start) (key|button) (and|plus) (r|x)", "keystroke"},
    {"(type|enter) (in )?(www|http|https)", ""},
};
constexpr std::string_view kAccessSuppressors[] = {
    "(never|not|dont|do not|wont|will not|cannot|cant) (ever )?(ask|need|require|request) ~ "
    "(access|remote|install|download|connect)",
};
constexpr PhraseRuleSpec kAccessRequestRule{
    .info = {.symbol = "REMOTE_ACCESS_REQUEST",
             .group = "remote_access",
             .stage = Stage::kRemoteAccess,
             .default_score = 2.0,
             .description = "Remote party asks the user to install or open software, visit a "
                            "site, or let it connect to the device"},
    .patterns = kAccessRequest,
    .suppressors = kAccessSuppressors,
};
SCAMGUARD_REGISTER_PHRASE_RULE(kAccessRequestRule);

constexpr PhrasePattern kSessionCode[] = {
    {"(read|tell|give|say|provide|share) ~ (id|code|number|digits|address|pin) ~ "
     "(on|from|at|in) (your|the) (screen|app|application|window)",
     ""},
    {"[0-9]+ (digit|digits|character|letter)( (id|code|number|address|pin))?", "length={match}"},
    {"(what|which) (is|are|does) ~ (id|code|number|digits) ~ (screen|showing|display|see)", ""},
    {"(your|the) (anydesk|teamviewer|remote|session|desk|partner|connection) (id|address|code)",
     ""},
};
constexpr std::string_view kSessionCodeSuppressors[] = {
    "(never|not|dont|do not|wont|will not) (ever )?(ask|need|require|request) ~ (code|number|pin)",
};
constexpr PhraseRuleSpec kSessionCodeRule{
    .info = {.symbol = "REMOTE_SESSION_CODE_REQUEST",
             .group = "remote_access",
             .stage = Stage::kRemoteAccess,
             .default_score = 2.5,
             .description = "Remote party asks the user to read out an ID or code shown on "
                            "screen (a remote-session address)"},
    .patterns = kSessionCode,
    .suppressors = kSessionCodeSuppressors,
};
SCAMGUARD_REGISTER_PHRASE_RULE(kSessionCodeRule);

constexpr PhrasePattern kAccept[] = {
    {"(click|press|tap|select|hit) (on )?(the )?(allow|accept|yes|grant|ok|okay|continue|run|"
     "connect|start) (button|option|permission|access|control)?",
     ""},
    {"(give|grant|allow) (me|us|our technician|the technician) ~ (permission|access|control)", ""},
    {"(full|complete|remote) (control|access) (of|to|over) your", ""},
};
constexpr PhraseRuleSpec kAcceptRule{
    .info = {.symbol = "REMOTE_ACCEPT_REQUEST",
             .group = "remote_access",
             .stage = Stage::kRemoteAccess,
             .default_score = 1.5,
             .description = "Remote party tells the user to click allow/accept or to grant it "
                            "control of the device"},
    .patterns = kAccept,
};
SCAMGUARD_REGISTER_PHRASE_RULE(kAcceptRule);

}  // namespace
}  // namespace scamguard::rules
