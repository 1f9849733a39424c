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

}  // namespace
}  // namespace scamguard::rules
