// The remote party asks the user to pay a stated amount: the "repair fee" of the news report
// (70-200 AUD), a "processing fee", a charge to release a refund. Kill-chain stage 6.
//
// Evidence is the amount with its currency as said ("amount=149 aud"), which a fraud team
// compares across calls. Look-alike: a genuine agent quoting a price the user asked for on
// a call the user placed; the score alone stays below warn, the composites exclude
// user-placed calls.

#include <cctype>

#include "core/phrase_rule.h"

namespace scamguard::rules {
namespace {

constexpr RuleInfo kInfo{
    .symbol = "PAYMENT_FEE_AMOUNT",
    .group = "payment",
    .stage = Stage::kPayment,
    .default_score = 2.5,
    .description = "Remote party asks the user to pay a fee or charge of a stated amount",
};

constexpr std::string_view kAmount =
    "[0-9][0-9.]* (dollars|dollar|bucks|aud|usd|cad|nzd|euros|pounds|rupees)";

class FeeAmount final : public Rule {
 public:
  std::span<const RuleInfo> symbols() const override { return {&kInfo, 1}; }

  Status compile(RuleCompiler& compiler) override {
    const std::string request =
        "(fee|fees|charge|charges|pay|paying|deposit|send|repair|repairs|fix|fixing) ~ ";
    compiler.add_pattern(request + std::string(kAmount), 0, /*need_span=*/true);
    compiler.add_pattern(std::string(kAmount) +
                             " ~ (fee|charge|payment|to fix|to repair|"
                             "for the (service|repair|renewal|protection))",
                         0, /*need_span=*/true);
    return {};
  }

  void on_turn(const TurnInput& turn, FindingSink& out) const override {
    if (!speaker_allowed(SpeakerPolicy::kRemoteOrUnknown, turn.speaker)) return;
    for (const RuleMatch& match : turn.matches) {
      if (near_any(match.to, turn.warnings)) continue;  // "you never need to pay 50 dollars"
      std::string& option = out.option_buffer();
      option += "amount=";
      append_amount(turn.text.substr(match.from, match.to - match.from), option);
      out.add(0, option);
    }
  }

 private:
  // Appends the first "<number> <currency>" inside the matched text to `amount`.
  static void append_amount(std::string_view span, std::string& amount) {
    for (size_t i = 0; i < span.size(); ++i) {
      if (!std::isdigit(static_cast<unsigned char>(span[i]))) continue;
      if (i > 0 && span[i - 1] != ' ') continue;
      size_t number_end = span.find(' ', i);
      if (number_end == std::string_view::npos) break;
      size_t currency_end = span.find(' ', number_end + 1);
      std::string_view currency = span.substr(number_end + 1, currency_end == std::string_view::npos
                                                                  ? std::string_view::npos
                                                                  : currency_end - number_end - 1);
      amount += span.substr(i, number_end - i);
      if (currency == "dollars" || currency == "dollar" || currency == "bucks") {
        amount += " dollars";
      } else {
        amount += ' ';
        for (char c : currency)
          amount += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      }
      return;
    }
    amount += span;
  }
};

SCAMGUARD_REGISTER_RULE(FeeAmount);

}  // namespace
}  // namespace scamguard::rules
