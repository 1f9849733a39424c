// The reason the remote party gives for calling. Kill-chain stage 2 (pretext).
//
// Each pretext alone is something genuine callers also say ("your refund is processed",
// "your subscription renews"), so each scores below the warn threshold; they matter in
// combination (composites) and on cold calls. Patterns describe the scam pretext, not a
// topic: "order placed ... if you did not authorise", not any mention of an order.
//
// Look-alikes that must not fire: the user asking about their own refund (user turns are
// not read); a bank bot confirming a transfer the user asked for ("transfer is successful").

#include "core/phrase_rule.h"

namespace scamguard::rules {
namespace {

constexpr PhrasePattern kSuspiciousOrder[] = {
    {"(order|purchase|transaction|payment|charge) ~ (has been|was|is being|being|been) "
     "(placed|made|ordered|charged|processed|initiated|debited)",
     ""},
    {"(pre ?authori[sz]ed|unauthori[sz]ed|suspicious|fraudulent) (order|purchase|transaction|"
     "payment|charges?|login|sign in|activity)",
     ""},
    {"(if|in case) (you )?(did|do|have) ?(not|nt) ~ (authori[sz]e|place|make|recogni[sz]e|approve|"
     "made|placed|ordered)",
     ""},
    {"(is being|has been|was) ordered (from|on|using) your", ""},
    {"(order|purchase|transaction|charge) (placed|made) (on|from|using|with) your", ""},
    {"(to|if you want to) (cancel|dispute|stop) (this|the|your) (order|transaction|payment|charge)",
     ""},
    {"(charged|debited|billed) ~ [0-9][0-9.]* (dollars|aud|usd|euros|pounds)", ""},
};
constexpr PhraseRuleSpec kPretextSuspiciousOrder{
    .info = {.symbol = "PRETEXT_SUSPICIOUS_ORDER",
             .group = "pretext",
             .stage = Stage::kPretext,
             .default_score = 2.0,
             .description = "An order, charge or transaction the user is said not to have made"},
    .patterns = kSuspiciousOrder,
};
SCAMGUARD_REGISTER_PHRASE_RULE(kPretextSuspiciousOrder);

constexpr PhrasePattern kCompromised[] = {
    {"(account|computer|device|identity|card|number|system|router|ip address|email) ~ "
     "(has been|have been|was|is|got|been) (hacked|compromised|breached|suspended|"
     "locked|frozen|blocked|infected|stolen|misused|flagged)",
     ""},
    {"(unusual|suspicious|irregular|fraudulent|illegal|unauthori[sz]ed|criminal) "
     "(activities|activity|transactions|transaction|access|charges|login|logins|attempts)",
     ""},
    {"(used|involved) (for|in) (some )?(kind of )?(fraudulent|illegal|criminal|suspicious|"
     "money laundering|drug|smuggling)",
     ""},
    {"(your|you|you are|youre|you were) ~~ (money laundering|drug trafficking|smuggling)", ""},
    {"(accounts?|assets|funds|savings) ~ (will be|are being|have been) (frozen|seized|confiscated|"
     "blocked)",
     ""},
    {"(someone|somebody|hackers?) (is |are |has |have |was |were |has been |have been )?"
     "(trying to )?(access|accessed|hack|hacked|hijack|using|used|steal)",
     ""},
    {"(discrepancies|irregularities|breach|security breach|identity theft)", ""},
    {"(secure|protect|safeguard) your (account|funds|money|savings|identity)", ""},
};
constexpr PhraseRuleSpec kPretextCompromised{
    .info = {.symbol = "PRETEXT_ACCOUNT_COMPROMISED",
             .group = "pretext",
             .stage = Stage::kPretext,
             .default_score = 2.0,
             .description = "The user's account, card, identity or device is said to be hacked, "
                            "suspended or used for fraud"},
    .patterns = kCompromised,
};
SCAMGUARD_REGISTER_PHRASE_RULE(kPretextCompromised);

constexpr PhrasePattern kRefund[] = {
    {"(refund|cash ?back|reimbursement|compensation|rebate)", ""},
    {"(money|amount|payment) back (to|into) your", ""},
    // the refund scam's hook: the refund or cancellation is a form the user must fill in
    {"(cancellation|cancel|refund|reimbursement) (form|request form|page|portal)", ""},
};
constexpr std::string_view kRefundSuppressors[] = {
    "(no|non) refundable",
    "(refund|return) policy",
};
constexpr PhraseRuleSpec kPretextRefund{
    .info = {.symbol = "PRETEXT_REFUND",
             .group = "pretext",
             .stage = Stage::kPretext,
             .default_score = 1.0,
             .description = "A refund, cashback or compensation is offered or said to be owed"},
    .patterns = kRefund,
    .suppressors = kRefundSuppressors,
};
SCAMGUARD_REGISTER_PHRASE_RULE(kPretextRefund);

constexpr PhrasePattern kPrize[] = {
    {"(you|your (number|name|membership|account)) ~ (have|has|been|was|are|is) ~ "
     "(won|selected|chosen|drawn|qualified|eligible|approved|pre ?approved|entitled)",
     ""},
    {"(prize|lottery|sweepstakes|jackpot|winner|winning|free gift|gift voucher|reward points|"
     "rewards program|complimentary|free (vacation|cruise|stay|trip|iphone))",
     ""},
    {"[0-9]+ percent (off|discount|interest|apr)", ""},
    {"(lower|reduce|reducing|drop|drop down|eliminate) ~ (interest|debt|rate|rates|payments|"
     "amount you owe)",
     ""},
    {"student loan (balance|forgiveness|repayment|debt|relief|payment)", ""},
    {"(loan forgiveness|forgiveness program|(debt|tax|loan|relief) (relief|program|payment)|"
     "(rate|interest|debt|payment) reduction)",
     ""},
    {"(you|your account|your number) ~ (now )?(qualify|qualified|are eligible|eligibility)", ""},
    {"(guaranteed|high|huge|significant) (returns|profits|profit|yield)|investment opportunity",
     ""},
    {"(exclusive|special|limited time|one time) (offer|deal|package|promotion|opportunity|"
     "discount|vacation|upgrade)",
     ""},
};
constexpr PhraseRuleSpec kPretextPrize{
    .info = {.symbol = "PRETEXT_PRIZE_OR_OFFER",
             .group = "pretext",
             .stage = Stage::kPretext,
             .default_score = 1.5,
             .description = "A prize, gift, reward, discount or debt relief the user has "
                            "supposedly won or qualified for"},
    .patterns = kPrize,
};
SCAMGUARD_REGISTER_PHRASE_RULE(kPretextPrize);

constexpr PhrasePattern kRenewal[] = {
    {"(subscription|membership|license|licence|plan|service|warranty|protection) ~ "
     "(will|is going to|has been|is set to|to) ~ (renew|renewed|auto ?renew|expire|expired|"
     "charged|cancelled|canceled)",
     ""},
    {"(auto ?renewal|automatic renewal|renewal (fee|charge|payment))", ""},
    {"(subscription|membership|plan|account|license|licence|protection) ~ (has been |is |was |got "
     ")?"
     "(upgraded|renewed|auto renewed|expired|is expired|has expired)",
     ""},
    {"(you have been|youve been|you were|you got|you are being|youre being) (charged|billed|"
     "debited)",
     ""},
    {"(extended|car|cars|vehicle|vehicles|auto) warranty", ""},
    {"(extend|extending|reinstate|reinstating|renew|renewing) ~ warranty", ""},
};
constexpr PhraseRuleSpec kPretextRenewal{
    .info = {.symbol = "PRETEXT_RENEWAL",
             .group = "pretext",
             .stage = Stage::kPretext,
             .default_score = 1.5,
             .description = "A subscription, licence or warranty is said to be renewing, "
                            "expiring or about to be charged"},
    .patterns = kRenewal,
};
SCAMGUARD_REGISTER_PHRASE_RULE(kPretextRenewal);

constexpr PhrasePattern kDisconnection[] = {
    {"(service|power|electricity|internet|phone|line|connection|account|gas|water|nbn|"
     "broadband|landline|modem) ~ "
     "(will be|is going to be|being|be) ~ (disconnected|interrupted|cut off|shut off|"
     "terminated|suspended|deactivated)",
     ""},
    {"(interruption|disconnection|termination|suspension) of (your )?(service|power|account|"
     "internet|number|social security)",
     ""},
    {"(delinquent|overdue|past due) (account|balance|bill|payment)", ""},
};
constexpr PhraseRuleSpec kPretextDisconnection{
    .info = {.symbol = "PRETEXT_DISCONNECTION",
             .group = "pretext",
             .stage = Stage::kPretext,
             .default_score = 2.0,
             .description = "A service, number or benefit is said to be about to be cut off"},
    .patterns = kDisconnection,
};
SCAMGUARD_REGISTER_PHRASE_RULE(kPretextDisconnection);

constexpr PhrasePattern kLegalThreat[] = {
    {"(arrest|search|bench) warrant", ""},
    {"(legal|law|enforcement|criminal|court) (action|actions|case|proceedings|notice|"
     "enforcement|charges)",
     ""},
    {"(lawsuit|grand jury|magistrate|prosecution|indictment|summons|subpoena)", ""},
    {"(suspend|suspended|suspending|block|blocked|cancel|cancelled) ~ (your )?(social security|"
     "ssn|tax file|passport|visa|license|licence)",
     ""},
    {"(social security|ssn|tax file|passport) ~ (has been|is|was|will be) "
     "(suspended|blocked|cancelled|canceled|frozen)",
     ""},
    {"(federal|criminal) (offense|offence|investigation|crime)", ""},
    {"(tax|taxes) (fraud|evasion|debt|debts|owed|due|arrears)", ""},
};
constexpr PhraseRuleSpec kPretextLegalThreat{
    .info = {.symbol = "PRETEXT_LEGAL_THREAT",
             .group = "pretext",
             .stage = Stage::kPretext,
             .default_score = 2.5,
             .description = "A warrant, lawsuit, legal action, tax debt or suspension of an "
                            "identity number is invoked"},
    .patterns = kLegalThreat,
};
SCAMGUARD_REGISTER_PHRASE_RULE(kPretextLegalThreat);

// The same stages, other pretexts (THE-SCAM.md stage 2): money the user is told is waiting
// for them, or a thing held until they pay. Each alone is something genuine callers say too,
// so each scores below warn; the composites score the pretext followed by a demand.

constexpr PhrasePattern kGrant[] = {
    {"(government|federal|state|council|stimulus|covid|energy|cost of living) (grant|grants|"
     "stimulus|rebate|relief payment|bonus payment|support payment)",
     ""},
    {"(you|your household|your family|your business) ~ (qualify|qualified|eligible|approved|"
     "entitled|selected) ~ (grant|rebate|stimulus|payment of|compensation)",
     ""},
    {"(unclaimed|outstanding|pending) (money|funds|refund|rebate|payment|inheritance|"
     "compensation)",
     ""},
};
constexpr PhraseRuleSpec kPretextGrant{
    .info = {.symbol = "PRETEXT_GRANT_OR_UNCLAIMED_MONEY",
             .group = "pretext",
             .stage = Stage::kPretext,
             .default_score = 1.5,
             .description = "A government grant, rebate or unclaimed money is said to be waiting "
                            "for the user"},
    .patterns = kGrant,
};
SCAMGUARD_REGISTER_PHRASE_RULE(kPretextGrant);

constexpr PhrasePattern kLoan[] = {
    {"(your|a|the) (loan|credit|financing|finance|loan application) (has been|is|was|got|"
     "has|is now) (approved|pre approved|guaranteed|granted|sanctioned|been approved)",
     ""},
    {"(guaranteed|instant|pre approved|preapproved|no credit check) (loan|loans|approval|credit|"
     "finance)",
     ""},
};
constexpr PhraseRuleSpec kPretextLoan{
    .info = {.symbol = "PRETEXT_LOAN_APPROVED",
             .group = "pretext",
             .stage = Stage::kPretext,
             .default_score = 1.5,
             .description = "A loan the user did not apply for, or one guaranteed whatever their "
                            "credit, is said to be approved"},
    .patterns = kLoan,
};
SCAMGUARD_REGISTER_PHRASE_RULE(kPretextLoan);

constexpr PhrasePattern kInvestment[] = {
    {"(invest|investing|investment|trading|trade) ~ (crypto|cryptocurrency|bitcoin|platform|"
     "forex|gold|shares|stocks) ~ (return|returns|profit|profits|earn|grow|double)",
     ""},
    {"(double|triple|grow) your (money|investment|savings|capital)", ""},
    {"(trading|investment|crypto|bitcoin) (platform|account|wallet|broker|opportunity|scheme|"
     "portfolio)",
     ""},
    {"(returns|return|profit|profits) of [0-9]+ percent", ""},
};
constexpr PhraseRuleSpec kPretextInvestment{
    .info = {.symbol = "PRETEXT_INVESTMENT",
             .group = "pretext",
             .stage = Stage::kPretext,
             .default_score = 1.5,
             .description = "An investment, trading or crypto opportunity with returns is pitched "
                            "on the call"},
    .patterns = kInvestment,
};
SCAMGUARD_REGISTER_PHRASE_RULE(kPretextInvestment);

constexpr PhrasePattern kJob[] = {
    {"(job|position|role|work from home|part time work|remote work|vacancy|work opportunity) ~ "
     "(offer|offered|available|for you|selected|shortlisted|approved)",
     ""},
    {"(earn|make|get paid|pay you) ~ [0-9]+ ~ (per|a|an|each|every) (day|hour|week|task|order|"
     "review)",
     ""},
    {"(complete|simple|easy|online) (tasks|reviews|ratings|orders) (and|to) (earn|get paid|make)",
     ""},
};
constexpr PhraseRuleSpec kPretextJob{
    .info = {.symbol = "PRETEXT_JOB_OFFER",
             .group = "pretext",
             .stage = Stage::kPretext,
             .default_score = 1.5,
             .description = "An unsolicited job or easy paid work is offered (then bank details "
                            "or a deposit are asked for)"},
    .patterns = kJob,
};
SCAMGUARD_REGISTER_PHRASE_RULE(kPretextJob);

constexpr PhrasePattern kParcel[] = {
    {"(parcel|package|delivery|shipment|consignment|courier) ~ (held|on hold|pending|could not be "
     "delivered|couldnt be delivered|unable to be delivered|failed|stuck|awaiting|detained|"
     "seized)",
     ""},
    {"(redelivery|re delivery|customs|import|clearance|postage) (fee|fees|charge|charges|duty|"
     "payment)",
     ""},
};
constexpr PhraseRuleSpec kPretextParcel{
    .info = {.symbol = "PRETEXT_PARCEL_HELD",
             .group = "pretext",
             .stage = Stage::kPretext,
             .default_score = 1.5,
             .description = "A parcel is said to be held until a redelivery, customs or "
                            "clearance fee is paid"},
    .patterns = kParcel,
};
SCAMGUARD_REGISTER_PHRASE_RULE(kPretextParcel);

}  // namespace
}  // namespace scamguard::rules
