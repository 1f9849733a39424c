// The remote party steers the user to give it control of their device. Kill-chain stage 3.
//
// Five observations, from most to least specific:
//   REMOTE_TOOL_NAMED           a remote-access product is named, by either side
//                               (lists/remote_tools.txt, with spoken forms: "any desk")
//   REMOTE_ACCESS_REQUEST       install/download/open a tool or "our support app", "let me
//                               connect to your computer"
//   REMOTE_SESSION_CODE_REQUEST "read me the nine digit code on your screen"
//   REMOTE_ACCEPT_REQUEST       "click allow", "press accept", "give me permission"
//   REMOTE_DEVICE_STEERING      "are you in front of your computer", "open chrome and type"
//
// Look-alike that must not fire as a scam: the user's own IT helpdesk, which the user phoned
// and which does use these tools. These rules still fire there (it is what was said); the
// composites exempt a call to a verified number (USER_CALLED_VERIFIED_NUMBER), and the
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
    // Either side: in a callback the victim says "it is asking for my anydesk code", and real
    // captions put the caller's words under the wrong speaker.
    .speakers = SpeakerPolicy::kAny,
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

// The indirect ask: before a tool is named, the caller walks the user to the keyboard. "Are
// you in front of your computer", "open Google Chrome", "go to this website and type",
// "press the Windows key and R". Warning here, not at the fee, is what saves the money; alone
// it is what any helpdesk says, so it scores below warn and counts through the composites.
constexpr PhrasePattern kSteering[] = {
    {"(are you|be|get|sit|go|are you sitting|are you near|are you at|you need to be|i need you to "
     "be|i want you to be) (in front of|near|next to|at|on|by) (your|the|a) (computer|laptop|pc|"
     "desktop|mac|macbook|machine|system)",
     "ask=at-computer"},
    {"(turn on|switch on|boot up|start up|power on) (your|the) (computer|laptop|pc|desktop|mac|"
     "machine|system)",
     "ask=at-computer"},
    {"(open|open up|launch|click on|go to) (your|the|up your|up the)? ?(web browser|internet "
     "browser|browser|google chrome|chrome browser|chrome|internet explorer|microsoft edge|firefox|"
     "safari)",
     "ask=browser"},
    {"(type|enter|put|write) ~ (in|into|on|in to) (the )?(address bar|search bar|url bar|top bar|"
     "search box|run box|run command|address box|box)",
     "ask=type"},
    {"(go to|visit|open) (this|the|that|a|our|my) (website|web site|site|link|web page|webpage|"
     "url|address) ~ (type|enter|download|click|put)",
     "ask=type"},
    {"(go to|visit|open) ~ (website|web site|site|web page|webpage) (and|then) ~ (type|enter|click|"
     "fill|download|see|find)",
     "ask=type"},
    {"(press|hold|hit|push|click) ~ (windows|start|window) (key|button|logo|sign|flag|icon)",
     "keystroke"},
    {"(i will|let me|we will|i am going to|im going to|we are going to) ~ (give you|send you) ~ "
     "(command|link|website|code to type)",
     "ask=type"},
};
constexpr PhraseRuleSpec kSteeringRule{
    .info = {.symbol = "REMOTE_DEVICE_STEERING",
             .group = "remote_access",
             .stage = Stage::kRemoteAccess,
             .default_score = 1.5,
             .description = "Remote party walks the user to their computer: in front of it, open "
                            "the browser, type an address, press Windows and R"},
    .patterns = kSteering,
    .suppressors = kAccessSuppressors,
};
SCAMGUARD_REGISTER_PHRASE_RULE(kSteeringRule);

}  // namespace
}  // namespace scamguard::rules
