#include "core/reason.h"

#include <algorithm>
#include <array>
#include <cctype>

#include "core/engine_state.h"

namespace scamguard::detail {
namespace {

// Two clauses read well on one line; longer than this, the second alone is shown.
constexpr size_t kMaxReasonLength = 160;

void replace_all(std::string& text, std::string_view from, std::string_view to) {
  for (size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
    text.replace(at, from.size(), to);
  }
}

// The first option that a person can read: "brand=amazon" gives "amazon"; figures meant for
// analysts (a probability, a similarity, an error message) give nothing.
std::string_view evidence(const Finding& finding) {
  constexpr std::array<std::string_view, 3> kNotForPeople{"p", "similarity", "error"};
  for (std::string_view option : finding.options) {
    const size_t equals = option.find('=');
    if (equals == std::string_view::npos) return option;
    if (std::find(kNotForPeople.begin(), kNotForPeople.end(), option.substr(0, equals)) ==
        kNotForPeople.end()) {
      return option.substr(equals + 1);
    }
  }
  return {};
}

}  // namespace

std::string phone_wording(std::string_view description) {
  std::string text(description);
  // Drop parentheses written for analysts: "(lists/brands.txt)", "(option p= ...)".
  for (size_t open = text.find(" ("); open != std::string::npos; open = text.find(" (", open)) {
    const size_t close = text.find(')', open);
    if (close == std::string::npos) break;
    std::string_view inside = std::string_view(text).substr(open + 2, close - open - 2);
    if (inside.find("lists/") != std::string_view::npos || inside.rfind("option", 0) == 0) {
      text.erase(open, close + 1 - open);
    } else {
      open = close;
    }
  }
  if (text.rfind("Remote party ", 0) == 0) text.replace(0, 12, "Caller");
  replace_all(text, "the user's ", "your ");
  replace_all(text, "The user's ", "Your ");
  replace_all(text, "the user has ", "you have ");
  replace_all(text, "the user is ", "you are ");
  replace_all(text, "the user ", "you ");
  replace_all(text, "the callee ", "you ");
  return text;
}

namespace {

// Appends the finding's clause to `out` (the verdict's reason, built in place so that a
// recycled session's buffer serves again).
void append_clause(std::string& out, const EngineState& engine, const Finding& finding) {
  const size_t start = out.size();
  if (std::optional<uint32_t> id = engine.find_symbol(finding.symbol)) {
    out += engine.symbols[*id].phone_wording;
  } else {
    out += phone_wording(finding.symbol);
  }
  if (std::string_view seen = evidence(finding); !seen.empty()) {
    // The evidence says it better than a closing aside: "... on screen (9 digit code)".
    const size_t aside = std::string_view(out).substr(start).rfind(" (");
    if (aside != std::string_view::npos && out.back() == ')') out.erase(start + aside);
    out += " (";
    out += seen;
    out += ")";
  }
}

}  // namespace

void ReasonLine::reset() {
  for (std::string& part : key_) part.clear();
}

void ReasonLine::update(const EngineState& engine, Verdict& verdict) {
  // Who the caller claims to be, then the most advanced thing the call came to (what it asks
  // for, or what happened on the device); failing those, the strongest finding. Composites
  // and the text model say "this looks like a scam", not why, so they are not told.
  const Finding* claim = nullptr;
  const Finding* action = nullptr;
  const Finding* strongest = nullptr;
  auto stronger = [](const Finding* current, const Finding& candidate) {
    return current == nullptr || candidate.score > current->score;
  };
  for (const Finding& finding : verdict.findings) {
    if (finding.score <= 0 || finding.group == "composite" || finding.group == "text_model") {
      continue;
    }
    if (finding.stage == Stage::kImpersonation) {
      if (stronger(claim, finding)) claim = &finding;
    } else if (finding.stage >= Stage::kRemoteAccess && finding.stage <= Stage::kTheft) {
      if (action == nullptr || finding.stage > action->stage ||
          (finding.stage == action->stage && finding.score > action->score)) {
        action = &finding;
      }
    }
    if (stronger(strongest, finding)) strongest = &finding;
  }
  const Finding* first = claim ? claim : action ? action : strongest;
  const Finding* second = claim ? action : nullptr;

  // The same findings give the same line: rebuild it only when they change, so the turn path
  // allocates nothing in the steady state.
  const std::array<std::string_view, 4> key{
      first ? std::string_view(first->symbol) : "", first ? evidence(*first) : "",
      second ? std::string_view(second->symbol) : "", second ? evidence(*second) : ""};
  if (std::equal(key.begin(), key.end(), key_.begin())) return;
  std::copy(key.begin(), key.end(), key_.begin());

  std::string& reason = verdict.reason;
  reason.clear();
  if (first == nullptr) return;
  append_clause(reason, engine, *first);
  if (second != nullptr) {
    const size_t then = reason.size() + 2;
    reason += "; ";
    append_clause(reason, engine, *second);
    if (reason.size() > kMaxReasonLength) {
      reason.erase(0, then);
    } else if (reason.size() > then + 1 &&
               std::islower(static_cast<unsigned char>(reason[then + 1]))) {
      reason[then] = static_cast<char>(std::tolower(static_cast<unsigned char>(reason[then])));
    }
  }
}

}  // namespace scamguard::detail
