// The remote party, having got remote access, asks the user to open their bank: the moment
// the money moves. Stage 7 (theft).
//
// Order is the whole rule: a banking request is only this symbol once remote access has
// been seen, in the transcript or on the device. Before that it is plain harvesting.

#include "core/phrase_rule.h"

namespace scamguard::rules {
namespace {

constexpr RuleInfo kInfo{
    .symbol = "BANK_ACCESS_WHILE_CONNECTED",
    .group = "theft",
    .stage = Stage::kTheft,
    .default_score = 4.0,
    .description =
        "Remote party asks the user to open or log in to their bank after remote "
        "access was set up",
};

class BankAccessWhileConnected final : public Rule {
 public:
  std::span<const RuleInfo> symbols() const override { return {&kInfo, 1}; }

  Status compile(RuleCompiler& compiler) override {
    compiler.add_pattern("(log|logging|sign|signing) (in|into|in to|on to|onto) ~ (bank|banking)",
                         0);
    compiler.add_pattern(
        "(open|go to|visit|check) ~ (bank|banking) (website|site|app|account|portal)?", 0);
    compiler.add_pattern("(bank|account) balance", 0);
    return {};
  }

  void on_turn(const TurnInput& turn, FindingSink& out) const override {
    if (!speaker_allowed(SpeakerPolicy::kRemoteOrUnknown, turn.speaker)) return;
    const CallFacts& facts = out.facts();
    // Remote access counts whether it was heard in the call or reported by the device
    // (DEVICE_REMOTE_TOOL_STARTED has the remote_access stage too).
    if (!facts.stage_seen(Stage::kRemoteAccess)) return;
    for (const RuleMatch& match : turn.matches) {
      // "we will never ask you to log in to your bank while we are connected"
      if (!near_any(match.to, turn.warnings)) {
        out.add(0);
        return;
      }
    }
  }
};

SCAMGUARD_REGISTER_RULE(BankAccessWhileConnected);

}  // namespace
}  // namespace scamguard::rules
