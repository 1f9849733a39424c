// The protected user placed the call: they rang their bank, Amazon, their IT helpdesk.
// Context, not a stage of the scam.
//
// This is the main look-alike: a user-placed call can talk about refunds, remote access and
// fees with no scam in it. The symbol scores negative, and the composites for scam scripts
// require its absence. Evidence comes from the set-up (direction outbound) or, when the set-up
// does not say, from the remote party's greeting in the first two turns ("thank you for
// calling ...", "how can I help you today").
//
// Not a loophole a scammer can talk into: a greeting is only taken in the first two turns,
// and scams that start with the user calling a fake number are still caught by the harvesting
// and payment rules, which do not depend on who called.

#include "core/phrase_rule.h"

namespace scamguard::rules {
namespace {

constexpr RuleInfo kInfo{
    .symbol = "USER_INITIATED_CALL",
    .group = "context",
    .stage = Stage::kContext,
    .default_score = -3.0,
    .description =
        "The protected user placed the call (set-up direction outbound, or a "
        "'thank you for calling' greeting)",
};

constexpr int kGreetingTurns = 2;

class UserInitiatedCall final : public Rule {
 public:
  std::span<const RuleInfo> symbols() const override { return {&kInfo, 1}; }

  Status compile(RuleCompiler& compiler) override {
    compiler.add_pattern("(thank you|thanks|thank u) (so much )?for (calling|contacting|reaching)",
                         0);
    compiler.add_pattern("(you have|youve) (reached|called|dialled|dialed)", 0);
    compiler.add_pattern("how (can|may|might) (i|we) (help|assist|direct)", 0);
    return {};
  }

  void on_setup(const CallSetup& setup, FindingSink& out) const override {
    if (setup.direction == Direction::kOutbound) out.add(0, "source=setup");
  }

  void on_turn(const TurnInput& turn, FindingSink& out) const override {
    if (turn.index >= kGreetingTurns || turn.speaker == Speaker::kUser) return;
    // The set-up's word is final: a greeting cannot turn an inbound call into an outbound one.
    const CallFacts& facts = out.facts();
    if (facts.has_setup && facts.setup.direction == Direction::kInbound) return;
    out.add(0, "source=greeting");
  }
};

SCAMGUARD_REGISTER_RULE(UserInitiatedCall);

}  // namespace
}  // namespace scamguard::rules
