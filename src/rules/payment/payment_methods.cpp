// Ways of paying that only scammers insist on: gift cards, cryptocurrency, wire services,
// and the over-refund trick ("we refunded too much, send back the difference").
// Kill-chain stage 6. Plus the bank-impersonation classic: moving money to a "safe account".
//
// Look-alike: a bank assistant confirming a transfer the user asked for. These patterns
// need the instruction ("buy gift cards", "send it through Western Union"), not the topic.

#include "core/phrase_rule.h"

namespace scamguard::rules {
namespace {

constexpr PhrasePattern kGiftCard[] = {
    {"(buy|purchase|get|pick up|pay (with|in|using|by)) ~ (gift|itunes|google play|apple|steam|"
     "ebay|amazon|target|walmart|visa|prepaid|vanilla) cards?",
     ""},
    {"(gift|itunes|google play|steam|prepaid) cards? ~ (number|numbers|code|codes|pin|claim code|"
     "back of)",
     ""},
    {"scratch (off|the back)", ""},
    {"(with|in|using|by|through) (apple|google play|itunes|steam|amazon|ebay|target|walmart|"
     "vanilla|visa|prepaid)? ?(gift|prepaid|store) cards?",
     ""},
};
constexpr PhraseRuleSpec kGiftCardRule{
    .info = {.symbol = "PAYMENT_GIFT_CARD",
             .group = "payment",
             .stage = Stage::kPayment,
             .default_score = 3.0,
             .description = "Remote party asks for payment in gift cards or their codes"},
    .patterns = kGiftCard,
};
SCAMGUARD_REGISTER_PHRASE_RULE(kGiftCardRule);

constexpr PhrasePattern kCrypto[] = {
    {"(bitcoin|bitcoins|btc|crypto|cryptocurrency|usdt|tether|ethereum|bitcoin atm|crypto atm|"
     "wallet address|qr code)",
     ""},
};
constexpr PhraseRuleSpec kCryptoRule{
    .info = {.symbol = "PAYMENT_CRYPTO",
             .group = "payment",
             .stage = Stage::kPayment,
             .default_score = 2.5,
             .description = "Remote party brings up paying in cryptocurrency or through a "
                            "crypto ATM or wallet"},
    .patterns = kCrypto,
};
SCAMGUARD_REGISTER_PHRASE_RULE(kCryptoRule);

constexpr PhrasePattern kWire[] = {
    {"(western union|moneygram|money gram|wire transfer|wire the money|zelle|cash app|venmo|"
     "money order|ria money)",
     ""},
    {"(send|transfer|move|deposit|withdraw|pay) ~ (money|cash|funds|amount|payment) ~ "
     "(through|via|by|using|to (this|our|the following|a new|another))",
     ""},
    {"(courier|someone) (will )?(come|pick up|collect) ~ (cash|money|card|cards)", ""},
    {"(cashiers|certified|bank|cashier) (check|cheque)|money order", ""},
};
constexpr PhraseRuleSpec kWireRule{
    .info = {.symbol = "PAYMENT_WIRE_OR_CASH",
             .group = "payment",
             .stage = Stage::kPayment,
             .default_score = 2.5,
             .description = "Remote party asks the user to send money by wire, money service, "
                            "cash courier or to an account it names"},
    .patterns = kWire,
};
SCAMGUARD_REGISTER_PHRASE_RULE(kWireRule);

constexpr PhrasePattern kOverRefund[] = {
    {"(refunded|sent|transferred|credited|deposited|put|added|gave) ~ (too much|extra|more than|"
     "by mistake|by accident|accidentally|mistakenly|wrong amount|additional)",
     ""},
    {"(send|pay|give|return|transfer) ~ (back|return) ~ (difference|extra|excess|remaining|"
     "balance|money)",
     ""},
    {"(return|send back|pay back|refund) (the )?(difference|extra amount|excess|extra money)", ""},
};
constexpr PhraseRuleSpec kOverRefundRule{
    .info = {.symbol = "PAYMENT_OVER_REFUND",
             .group = "payment",
             .stage = Stage::kPayment,
             .default_score = 3.5,
             .description = "Remote party claims it refunded too much and asks for the "
                            "difference back"},
    .patterns = kOverRefund,
};
SCAMGUARD_REGISTER_PHRASE_RULE(kOverRefundRule);

constexpr PhrasePattern kSafeAccount[] = {
    {"(safe|secure|safety|protected|holding|new) (account|wallet)", ""},
    {"(move|transfer|shift) ~ (your )?(money|funds|savings|balance) ~ (to|into) ~ (safe|secure|"
     "new|another|protected)",
     ""},
};
constexpr PhraseRuleSpec kSafeAccountRule{
    .info = {.symbol = "PAYMENT_SAFE_ACCOUNT",
             .group = "payment",
             .stage = Stage::kTheft,
             .default_score = 3.0,
             .description = "Remote party asks the user to move money to a 'safe' or new account"},
    .patterns = kSafeAccount,
};
SCAMGUARD_REGISTER_PHRASE_RULE(kSafeAccountRule);

// Advance-fee fraud: the prize, grant, loan, parcel or refund is real only once a fee is
// paid first. Genuine businesses charge for what the user bought; they do not charge to
// release money they say is owed to the user.
constexpr PhrasePattern kAdvanceFee[] = {
    {"(release|releasing|processing|clearance|customs|handling|redelivery|activation|unlock|"
     "unlocking|transfer|approval|insurance|registration|administration|verification) (fee|fees|"
     "charge|charges|cost|duty|deposit)",
     ""},
    {"(pay|paying|send|cover|deposit) ~ (fee|fees|charge|charges|tax|taxes|duty|deposit) ~ "
     "(first|upfront|up front|in advance|before (you|we|it|the))",
     ""},
    {"(upfront|up front|advance|refundable) (fee|payment|deposit|charge)", ""},
    {"(to|before you can|in order to) (release|receive|claim|collect|unlock) ~ (prize|money|funds|"
     "grant|loan|winnings|refund|parcel|package) ~~ (pay|send|cover|buy|purchase)",
     ""},
    {"(before|to) (we|i) (can )?(release|send|transfer|deposit|process|disburse) ~ (prize|money|"
     "funds|grant|loan|winnings|refund|payment|parcel)",
     ""},
};
constexpr PhraseRuleSpec kAdvanceFeeRule{
    .info = {.symbol = "PAYMENT_ADVANCE_FEE",
             .group = "payment",
             .stage = Stage::kPayment,
             .default_score = 2.0,
             .description = "A fee must be paid first to release a prize, grant, loan, parcel or "
                            "refund (advance-fee fraud)"},
    .patterns = kAdvanceFee,
};
SCAMGUARD_REGISTER_PHRASE_RULE(kAdvanceFeeRule);

}  // namespace
}  // namespace scamguard::rules
