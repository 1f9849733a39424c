// Who placed the call, and whom they rang. Context, not a stage of the scam.
//
// A call the user placed is not, by itself, a reason to trust it: most tech-support and
// refund scams are callbacks. The victim rings a number from a browser pop-up ("your PC is
// blocked, call Microsoft support"), a fake invoice email, a text or a search ad, and a call
// centre answers "thank you for calling ... how can I help you". What makes a user-placed
// call trustworthy is *whom* they rang:
//
//   USER_CALLED_VERIFIED_NUMBER     the dialled number is an official inbound line of a brand,
//                                   bank or agency (the [rules.context] official_numbers list)
//                                   or a contact saved on the phone (CallSetup::callee_is_contact)
//   USER_INITIATED_CALL             the set-up says the user placed the call; scores nothing
//   ANSWERED_WITH_SERVICE_GREETING  the remote party answered like a service line in the first
//                                   two turns: weak evidence that the user placed the call,
//                                   never an exemption (scam call centres say it every day)
//
// Only USER_CALLED_VERIFIED_NUMBER scores (negative) and switches the cold-call scripts off
// (composites.toml: !USER_CALLED_VERIFIED_NUMBER). The other two feed CALLBACK_SCAM: a call
// the user placed to an unverified number, answered by someone who claims a brand and then
// moves to remote access, credentials or money.

#include <memory>
#include <optional>
#include <string>
#include <unordered_map>

#include "core/rule.h"
#include "signalling/numbering_plan.h"

namespace scamguard::rules {
namespace {

constexpr RuleInfo kSymbols[] = {
    {.symbol = "USER_CALLED_VERIFIED_NUMBER",
     .group = "context",
     .stage = Stage::kContext,
     .default_score = -3.0,
     .description = "The user rang a number they can trust: an official inbound line of a brand, "
                    "bank or agency ([rules.context] official_numbers) or a saved contact"},
    {.symbol = "USER_INITIATED_CALL",
     .group = "context",
     .stage = Stage::kContext,
     .default_score = 0.0,
     .description = "The set-up says the user placed the call. Not trust on its own: callback "
                    "scams are calls the victim places to a number a scammer planted"},
    {.symbol = "ANSWERED_WITH_SERVICE_GREETING",
     .group = "context",
     .stage = Stage::kContext,
     .default_score = 0.0,
     .description = "The remote party answered like a service line ('thank you for calling', "
                    "'how can I help you'): a hint that the user placed the call, never trust"},
};
enum Symbol : size_t { kVerified, kUserPlaced, kGreeting };

constexpr int kGreetingTurns = 2;

class CallDirection final : public Rule {
 public:
  std::span<const RuleInfo> symbols() const override { return kSymbols; }

  Status compile(RuleCompiler& compiler) override {
    compiler.add_pattern("(thank you|thanks|thank u) (so much )?for (calling|contacting|reaching)",
                         0);
    compiler.add_pattern("(you have|youve) (reached|called|dialled|dialed)", 0);
    compiler.add_pattern("how (can|may|might) (i|we) (help|assist|direct)", 0);

    Result<std::string> list_name = compiler.setting_string("official_numbers", "official_numbers");
    if (!list_name) return Unexpected{list_name.error()};
    if (list_name->empty()) return {};  // no official list: only saved contacts are verified
    Result<const PhraseList*> list = compiler.list(*list_name);
    if (!list) return Unexpected{list.error()};
    Result<std::shared_ptr<const signalling::NumberingPlan>> plan = compiler.numbering_plan();
    if (!plan) return Unexpected{plan.error()};
    plan_ = std::move(*plan);
    for (const ListEntry& entry : (*list)->entries) {
      for (const std::string& form : entry.forms) {
        std::optional<std::string> number = comparable(form);
        if (!number) {
          return make_error(ErrorCode::kConfig,
                            entry.origin + ": '" + form + "' is not a phone number");
        }
        official_.emplace(std::move(*number), entry.name);
      }
    }
    return {};
  }

  bool sees_setup() const override { return true; }
  void on_setup(const CallSetup& setup, FindingSink& out) const override {
    if (setup.direction != Direction::kOutbound) return;
    out.add(kUserPlaced, "source=setup");
    if (setup.callee_is_contact) {
      out.add(kVerified, "source=contact");
      return;
    }
    if (setup.callee.empty()) return;
    if (!plan_) return;  // no official list
    std::optional<std::string> callee = comparable(setup.callee);
    if (!callee) return;
    auto official = official_.find(*callee);
    if (official != official_.end()) out.add(kVerified, "official=" + official->second);
  }

  void on_turn(const TurnInput& turn, FindingSink& out) const override {
    if (turn.index >= kGreetingTurns || turn.speaker == Speaker::kUser) return;
    // The set-up's word is final: a greeting cannot turn an inbound call into an outbound one.
    const CallFacts& facts = out.facts();
    if (facts.has_setup && facts.setup.direction == Direction::kInbound) return;
    out.add(kGreeting);
  }

 private:
  // Calling code and national number, so that "+61 2 5550 0001", "0061255500001",
  // "(02) 5550 0001" and the national "13 22 21" compare by what they dial, not how they are
  // written. nullopt for what the numbering plan does not read as a number.
  std::optional<std::string> comparable(std::string_view number) const {
    const signalling::NumberFacts facts = plan_->classify(number);
    if (!facts.is_number || facts.country_code == 0) return std::nullopt;
    return std::to_string(facts.country_code) + facts.national;
  }

  std::shared_ptr<const signalling::NumberingPlan> plan_;
  std::unordered_map<std::string, std::string> official_;  // comparable number -> entry name
};

SCAMGUARD_REGISTER_RULE(CallDirection);

}  // namespace
}  // namespace scamguard::rules
