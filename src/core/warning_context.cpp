#include "core/warning_context.h"

namespace scamguard {
namespace {

constexpr std::string_view kWarnings[] = {
    // "we will never ask you for ...", "amazon would never call you about ..."
    "(will|would|shall) never (ever )?(ask|call|request|require|need|contact|text|email|phone|"
    "send|pressure|demand|charge)",
    // "we do not ask customers to ...", "the bank never asks you for ..."
    "(never|not|dont|doesnt) (ever )?(ask|asks|request|requests|require|requires) (you|customers|"
    "anyone|our customers|people|clients) (for|to)",
    // "never share this code with anyone"
    "(never|do not|dont|please do not|please dont) (ever )?(share|give|disclose|reveal|read out|"
    "read|send|tell) ~ (code|codes|pin|password|passcode|passwords|details|one time code) ~ "
    "(with|to) (anyone|anybody|nobody|strangers|a caller|callers|someone|somebody|other people|"
    "us)",
    // "you do not need to pay / install anything"
    "(you )?(do not|dont|never|will not|wont) (ever )?(need|have) to (pay|install|download|give|"
    "share|send|buy|transfer|move|tell)",
    // "that is a scam", "if anyone asks ... hang up"
    "(its|thats|that is|this is|it is|it would be|that would be) (a |an |probably a |likely a )?"
    "(scam|scam call|scammer|fraudster|hoax)",
    "(is|was) (this|that|it) (a |an )?(scam|scam call|scammer|fraud|legit|legitimate|real)",
    "if (anyone|someone|somebody|a caller|anybody|they) ~~ (hang up|its a scam|it is a scam|"
    "thats a scam|report it|call us back|ring us back)",
    // "beware of scammers who ..."
    "(beware|aware|warn you|warning you|warning customers|warn customers|be careful|watch out|"
    "alert you|remind you) (of|about|for) ~ "
    "(scam|scams|scammers|fraud|fraudsters|impersonat[a-z]*)",
};

// The window around a warning, in bytes of canonical text: about three words before it and
// a dozen after, so that "we will never ask you to install software or to move money to a
// safe account" covers its whole list of objects.
constexpr uint32_t kLead = 20;
constexpr uint32_t kTrail = 80;

}  // namespace

std::span<const std::string_view> warning_context_patterns() { return kWarnings; }

bool is_near(uint32_t match_end, TextSpan span) {
  const uint32_t from = span.from > kLead ? span.from - kLead : 0;
  return match_end >= from && match_end <= span.to + kTrail;
}

bool near_any(uint32_t match_end, std::span<const TextSpan> spans) {
  for (const TextSpan& span : spans) {
    if (is_near(match_end, span)) return true;
  }
  return false;
}

}  // namespace scamguard
