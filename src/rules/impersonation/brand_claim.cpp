// The remote party names a well-known company, a bank or a government authority.
// Kill-chain stage 1 (impersonation).
//
// A name alone proves little: genuine agents name their company, and people talk about
// Amazon orders. So these score low, and the composites in conf/composites.toml give weight
// only to a name followed by a remote-access, harvesting or payment request on a call the
// user did not place. Only the remote party's words count (or anyone's, when speakers are
// unknown): the user saying "I bank with Westpac" is not a claim.

#include "core/phrase_rule.h"

namespace scamguard::rules {
namespace {

constexpr PhraseRuleSpec kBrandClaim{
    .info = {.symbol = "BRAND_CLAIM",
             .group = "impersonation",
             .stage = Stage::kImpersonation,
             .default_score = 1.0,
             .description = "Remote party names a well-known company (lists/brands.txt)"},
    .list = "brands",
    .list_option = "brand",
};
SCAMGUARD_REGISTER_PHRASE_RULE(kBrandClaim);

constexpr PhraseRuleSpec kBankClaim{
    .info = {.symbol = "BANK_CLAIM",
             .group = "impersonation",
             .stage = Stage::kImpersonation,
             .default_score = 1.0,
             .description =
                 "Remote party says it calls from a bank, or names one (lists/banks.txt)"},
    .list = "banks",
    .list_option = "bank",
};
SCAMGUARD_REGISTER_PHRASE_RULE(kBankClaim);

constexpr PhraseRuleSpec kAuthorityClaim{
    .info = {.symbol = "AUTHORITY_CLAIM",
             .group = "impersonation",
             .stage = Stage::kImpersonation,
             .default_score = 1.5,
             .description = "Remote party claims to be, or to act for, a government or law-"
                            "enforcement authority (lists/authorities.txt)"},
    .list = "authorities",
    .list_option = "authority",
};
SCAMGUARD_REGISTER_PHRASE_RULE(kAuthorityClaim);

// "security department", "fraud team", "technical support team", "legal department":
// the invented internal unit that gives a cold call its authority.
constexpr PhrasePattern kDepartmentPatterns[] = {
    {"(security|fraud|fraud prevention|technical|tech|technical support|tech support|customer "
     "support|legal|billing|refund|cancellation|"
     "verification|investigation|enforcement|disconnection|concerned|claims) "
     "(department|team|division|unit|desk|officer|agent)",
     "department={match}"},
    {"(calling|call) (you )?(from|on behalf of) (the )?(support|help|service) "
     "(center|centre|desk|team)",
     ""},
    {"(my|our) (employee|staff|agent|badge) (id|number|code)", "staff_id"},
    // An organisation left unnamed ("calling from the tech support company"): a genuine
    // caller names the company, an impersonator often does not commit to one.
    {"calling (you )?(in )?(from|on behalf of) (a|an|the|your) ~ (company|agency|department|firm|"
     "provider|institution|organization|organisation|center|centre|office|team|service)",
     "unnamed_organisation"},
    {"(this is|im|i am) \\S+ (with|from) ~ (center|centre|department|agency|office)",
     "unnamed_organisation"},
};
constexpr PhraseRuleSpec kDepartmentClaim{
    .info = {.symbol = "DEPARTMENT_CLAIM",
             .group = "impersonation",
             .stage = Stage::kImpersonation,
             .default_score = 1.0,
             .description = "Remote party invokes an internal unit (security, fraud, legal or "
                            "technical department) or offers a staff ID"},
    .patterns = kDepartmentPatterns,
};
SCAMGUARD_REGISTER_PHRASE_RULE(kDepartmentClaim);

// "Hi Mum, this is my new number": a family member who cannot be reached on their own phone.
// The claim is the identity; the request for money that follows is scored by payment rules
// and the composites. A child ringing from their own number does not say any of this.
constexpr PhrasePattern kFamilyNewNumber[] = {
    {"(mum|mom|mummy|mommy|dad|daddy|mother|father|grandma|grandpa|nan|nana|nanna|granny) ~~ "
     "(new number|new phone|lost my phone|broke my phone|broken my phone|phone broke|phone is "
     "broken|phone got broken|dropped my phone|phone died|phone is dead|borrowed phone|friends "
     "phone|temporary number)",
     ""},
    {"(new number|new phone|lost my phone|broke my phone|phone broke|phone is broken|dropped my "
     "phone|temporary number|friends phone) ~~ (mum|mom|mummy|dad|daddy|mother|father|grandma|"
     "grandpa|nan|nana|granny)",
     ""},
    {"(its|it is|this is) (me|your (son|daughter|grandson|granddaughter|child|boy|girl)) ~ (new|"
     "different|friends|temporary) (number|phone)",
     ""},
};
constexpr PhraseRuleSpec kFamilyNewNumberRule{
    .info = {.symbol = "FAMILY_MEMBER_NEW_NUMBER",
             .group = "impersonation",
             .stage = Stage::kImpersonation,
             .default_score = 2.0,
             .description = "Caller says they are the user's child or grandchild on a new number "
                            "or a lost or broken phone"},
    .patterns = kFamilyNewNumber,
};
SCAMGUARD_REGISTER_PHRASE_RULE(kFamilyNewNumberRule);

}  // namespace
}  // namespace scamguard::rules
