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

#include <string>
#include <unordered_map>

#include "core/rule.h"

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

// Digits with the country code and no prefix, so that "+61 2 5550 0001", "0061255500001" and
// "(02) 5550 0001" compare equal. A national number without a trunk prefix ("1300 123 456",
// "13 22 21") belongs to the home country too.
std::string comparable_number(std::string_view text, std::string_view home_country_code) {
  std::string digits;
  for (char c : text) {
    if (c >= '0' && c <= '9') digits += c;
  }
  const size_t plus = text.find_first_not_of(" \t");
  if (plus != std::string_view::npos && text[plus] == '+') return digits;
  if (digits.rfind("00", 0) == 0) return digits.substr(2);
  if (digits.rfind('0', 0) == 0) return std::string(home_country_code) + digits.substr(1);
  return digits.empty() ? digits : std::string(home_country_code) + digits;
}

class CallDirection final : public Rule {
 public:
  std::span<const RuleInfo> symbols() const override { return kSymbols; }

  Status compile(RuleCompiler& compiler) override {
    home_country_code_ = compiler.home_country_code();
    compiler.add_pattern("(thank you|thanks|thank u) (so much )?for (calling|contacting|reaching)",
                         0);
    compiler.add_pattern("(you have|youve) (reached|called|dialled|dialed)", 0);
    compiler.add_pattern("how (can|may|might) (i|we) (help|assist|direct)", 0);

    Result<std::string> list_name = compiler.setting_string("official_numbers", "official_numbers");
    if (!list_name) return Unexpected{list_name.error()};
    if (list_name->empty()) return {};  // no official list: only saved contacts are verified
    Result<const PhraseList*> list = compiler.list(*list_name);
    if (!list) return Unexpected{list.error()};
    for (const ListEntry& entry : (*list)->entries) {
      for (const std::string& form : entry.forms) {
        std::string number = comparable_number(form, home_country_code_);
        if (number.size() < 6) {
          return make_error(ErrorCode::kConfig,
                            entry.origin + ": '" + form + "' is not a phone number");
        }
        official_.emplace(std::move(number), entry.name);
      }
    }
    return {};
  }

  void on_setup(const CallSetup& setup, FindingSink& out) const override {
    if (setup.direction != Direction::kOutbound) return;
    out.add(kUserPlaced, "source=setup");
    if (setup.callee_is_contact) {
      out.add(kVerified, "source=contact");
      return;
    }
    if (setup.callee.empty()) return;
    auto official = official_.find(comparable_number(setup.callee, home_country_code_));
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
  std::string home_country_code_;
  std::unordered_map<std::string, std::string> official_;  // comparable number -> entry name
};

SCAMGUARD_REGISTER_RULE(CallDirection);

}  // namespace
}  // namespace scamguard::rules
