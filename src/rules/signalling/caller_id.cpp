// What the call set-up shows before anyone answers. Stage 0 (contact).
//
//   CID_INTL_PRESENTS_DOMESTIC  a home-country number presented on a call that entered on an
//                               international route (spoofed "local" caller ID)
//   CID_INVALID                 a caller number that is not a plausible E.164 number
//   CID_WITHHELD                no caller number at all
//   CNAM_BRAND                  a brand, bank or authority in the display name
//   ATTESTATION_GATEWAY         STIR/SHAKEN attestation C: the originating carrier vouches
//                               for neither the caller nor the number
//
// Look-alikes: a roaming subscriber calling home comes in on an international route with a
// home number; real brands do present their names. Each of these is therefore weak alone.
// (The full numbering-plan checks with libphonenumber belong to the carrier work.)

#include <cctype>

#include "core/phrase_rule.h"
#include "text/normalizer.h"

namespace scamguard::rules {
namespace {

constexpr RuleInfo kSymbols[] = {
    {.symbol = "CID_INTL_PRESENTS_DOMESTIC",
     .group = "signalling",
     .stage = Stage::kContact,
     .default_score = 3.0,
     .description = "A home-country caller ID arrived on an international route"},
    {.symbol = "CID_INVALID",
     .group = "signalling",
     .stage = Stage::kContact,
     .default_score = 2.0,
     .description = "The caller number is not a plausible E.164 number"},
    {.symbol = "CID_WITHHELD",
     .group = "signalling",
     .stage = Stage::kContact,
     .default_score = 0.5,
     .description = "The caller number is explicitly withheld (anonymous, private)"},
    {.symbol = "CNAM_BRAND",
     .group = "signalling",
     .stage = Stage::kImpersonation,
     .default_score = 1.0,
     .description = "The caller display name carries a brand, bank or authority"},
    {.symbol = "ATTESTATION_GATEWAY",
     .group = "signalling",
     .stage = Stage::kContact,
     .default_score = 1.0,
     .description = "STIR/SHAKEN attestation C: the caller ID is not vouched for"},
};
enum Symbol : size_t { kIntlDomestic, kInvalid, kWithheld, kCnamBrand, kAttestationC };

class CallerId final : public Rule {
 public:
  std::span<const RuleInfo> symbols() const override { return kSymbols; }

  Status compile(RuleCompiler& compiler) override {
    for (std::string_view name : {"brands", "banks", "authorities"}) {
      Result<const PhraseList*> list = compiler.list(name);
      if (!list) return Unexpected{list.error()};
      lists_.push_back(*list);
    }
    home_country_code_ = std::string(compiler.home_country_code());
    return {};
  }

  void on_setup(const CallSetup& setup, FindingSink& out) const override {
    const std::string& caller = setup.caller;
    // An empty caller means the set-up did not say (a phone app may not know); only the
    // network's explicit markers mean the number was withheld.
    const bool withheld = caller == "anonymous" || caller == "withheld" || caller == "private" ||
                          caller == "restricted";
    if (withheld) {
      out.add(kWithheld);
    } else if (caller.empty()) {
    } else if (!plausible_e164(caller)) {
      out.add(kInvalid, "caller=" + caller);
    } else if (setup.ingress == Ingress::kInternational &&
               caller.compare(1, home_country_code_.size(), home_country_code_) == 0) {
      std::string option = "caller=" + caller;
      if (!setup.ingress_country.empty()) option += ",ingress=" + setup.ingress_country;
      out.add(kIntlDomestic, option);
    }
    if (setup.attestation == "C") out.add(kAttestationC);
    if (!setup.display_name.empty()) {
      const std::string name = text::normalize(setup.display_name);
      for (const PhraseList* list : lists_) {
        for (const ListEntry& entry : list->entries) {
          for (const std::string& form : entry.forms) {
            if (name.find(" " + form + " ") != std::string::npos) {
              out.add(kCnamBrand, "name=" + entry.name);
            }
          }
        }
      }
    }
  }

 private:
  // "+" and 8 to 15 digits, not starting with 0 (ITU-T E.164).
  static bool plausible_e164(const std::string& number) {
    if (number.size() < 9 || number.size() > 16 || number[0] != '+' || number[1] == '0')
      return false;
    for (size_t i = 1; i < number.size(); ++i) {
      if (!std::isdigit(static_cast<unsigned char>(number[i]))) return false;
    }
    return true;
  }

  std::vector<const PhraseList*> lists_;
  std::string home_country_code_;
};

SCAMGUARD_REGISTER_RULE(CallerId);

}  // namespace
}  // namespace scamguard::rules
