// CAMPAIGN_SCRIPT_MATCH: what the remote party has said so far follows the script of a known
// scam campaign (options campaign=<id>, similarity=<x>). One call centre reads one script
// through many agents; once the campaign is known from earlier calls, its next call is
// recognised from the script itself, even when no single phrase gives it away.
//
// Stage: context. The match says who is probably calling, not which step of the scam is under
// way, so it takes part in no stage sequence; its score alone is meant to reach warn.
//
// Legitimate look-alikes: only scripts of campaigns built from calls that themselves scored at
// least warn are known to the matcher (campaign/campaign_linker.h), and similarity is the
// share of the call's own word shingles found in that script, so a genuine agent who uses a
// few of the same stock phrases ("thank you for calling") stays far below the threshold. The
// user's words are never compared. Without a matcher (EngineOptions::script_matcher unset)
// the rule is silent and costs nothing.
//
// Cost per turn: the matcher's, proportional to the new turn's text (script_matcher.h).

#include <cstdio>
#include <memory>

#include "core/rule.h"

namespace scamguard::rules {
namespace {

constexpr RuleInfo kInfo{
    .symbol = "CAMPAIGN_SCRIPT_MATCH",
    .group = "campaign",
    .stage = Stage::kContext,
    .default_score = 5.0,
    .description =
        "What the caller has said so far follows the script of a known scam campaign "
        "(options campaign= its id, similarity= the share of the call that matches)",
};

struct ScriptMatchCallState final : RuleCallState {
  std::unique_ptr<ScriptMatcher::CallState> sketch;
  bool fired = false;
};

class CampaignScriptMatch final : public Rule {
 public:
  std::span<const RuleInfo> symbols() const override { return {&kInfo, 1}; }

  Status compile(RuleCompiler& compiler) override {
    matcher_ = compiler.script_matcher();
    return {};
  }

  bool wants_every_turn() const override { return matcher_ != nullptr; }

  std::unique_ptr<RuleCallState> make_call_state() const override {
    auto state = std::make_unique<ScriptMatchCallState>();
    if (matcher_) state->sketch = matcher_->start_call();
    return state;
  }

  void on_turn(const TurnInput& turn, FindingSink& out) const override {
    if (!matcher_ || turn.speaker == Speaker::kUser) return;
    auto* state = static_cast<ScriptMatchCallState*>(out.call_state());
    if (!state || state->fired || !state->sketch) return;
    std::optional<ScriptMatch> match = matcher_->add_turn(*state->sketch, turn.text);
    if (!match) return;
    state->fired = true;
    state->sketch.reset();  // nothing more to compare in this call
    char similarity[32];
    std::snprintf(similarity, sizeof similarity, "similarity=%.2f", match->similarity);
    out.add(0, "campaign=" + match->campaign);
    out.add(0, similarity);
  }

 private:
  std::shared_ptr<const ScriptMatcher> matcher_;
};

SCAMGUARD_REGISTER_RULE(CampaignScriptMatch);

}  // namespace
}  // namespace scamguard::rules
