// A rule defined entirely by data: a symbol, the phrases that make it fire, and the
// phrases that, said in the same turn, mean it must not (negation, disclaimers). Most rule
// files under src/rules/ are one or more of these.
//
//   constexpr PhrasePattern kPatterns[] = {{"read ~ (code|number) ~ screen", ""}};
//   constexpr PhraseRuleSpec kSpec{.info = {...}, .patterns = kPatterns};
//   SCAMGUARD_REGISTER_PHRASE_RULE(kSpec);
//
// An option may contain "{match}", replaced by the text the pattern matched
// ("amount={match}" -> "amount=149 aud").
#pragma once

#include <span>
#include <string_view>

#include "core/rule.h"

namespace scamguard {

struct PhrasePattern {
  std::string_view pattern;
  std::string_view option;  // evidence reported with the symbol; may be empty
};

enum class SpeakerPolicy : uint8_t {
  kRemoteOrUnknown,  // what the other party says (or anyone, when speakers are unknown)
  kAny,
  kUserOnly,
  kUserOrUnknown,  // what the protected user says (or anyone, when speakers are unknown)
};

struct PhraseRuleSpec {
  RuleInfo info;
  std::span<const PhrasePattern> patterns = {};
  std::span<const std::string_view> suppressors = {};
  std::string_view list = {};         // optional conf/lists/<list>.txt, each entry a pattern
  std::string_view list_option = {};  // evidence key for list entries: "<key>=<entry name>"
  SpeakerPolicy speakers = SpeakerPolicy::kRemoteOrUnknown;
  int max_turn = -1;  // when >= 0, only turns with index <= max_turn are considered
};

class PhraseRule final : public Rule {
 public:
  explicit PhraseRule(const PhraseRuleSpec& spec) : spec_(spec) {}

  std::span<const RuleInfo> symbols() const override { return {&spec_.info, 1}; }
  Status compile(RuleCompiler& compiler) override;
  void on_turn(const TurnInput& turn, FindingSink& out) const override;

 private:
  static constexpr uint32_t kSuppressorTag = 0x80000000u;
  static constexpr uint32_t kListTag = 0x40000000u;

  static bool is_shorter_duplicate(const RuleMatch& match, std::span<const RuleMatch> all);
  static bool is_suppressed(const RuleMatch& match, const TurnInput& turn);

  const PhraseRuleSpec& spec_;
  const PhraseList* list_ = nullptr;
};

bool speaker_allowed(SpeakerPolicy policy, Speaker speaker);

template <const PhraseRuleSpec& Spec>
std::unique_ptr<Rule> make_phrase_rule() {
  return std::make_unique<PhraseRule>(Spec);
}

#define SCAMGUARD_REGISTER_PHRASE_RULE(spec)                                                 \
  [[maybe_unused]] const ::scamguard::RuleRegistrar SCAMGUARD_REGISTER_RULE_NAME_(__LINE__)( \
      &::scamguard::make_phrase_rule<spec>)

}  // namespace scamguard
