// What the call set-up shows before anyone answers: the caller-ID rules of industry code
// C661 and their kin. Stage 0 (contact), except the display-name brand (impersonation).
//
//   CID_INVALID                 not a valid number for its country (libphonenumber ranges),
//                               or not a number at all (alphanumeric) without an asserted
//                               identity; C661 says block
//   CID_WRONG_LENGTH            too short, too long or a length no number of that country has
//   CID_WITHHELD                no caller ID (empty, "anonymous", "Anonymous", "unavailable",
//                               "restricted", "unknown", ...) or an RFC 3323 Privacy request,
//                               with no network-asserted identity (PAI)
//   CID_SERVICE_NUMBER          a home-country 13 / 1300 / 1800 / 190x number presented as the
//                               caller, international or national form (C661 4.2.8: these
//                               only receive calls)
//   CID_INTL_PRESENTS_DOMESTIC  a home-country number arriving on an international route
//   CID_INTL_PRESENTS_DOMESTIC_MOBILE  ... and it is a mobile: the offshore call centre's
//                               favourite disguise, and what Ofcom and India block outright
//   CID_DO_NOT_ORIGINATE        a number on the do-not-originate list (lists/do_not_originate)
//   CNAM_BRAND                  a brand, bank or authority in the display name
//   CNAM_BRAND_NUMBER_MISMATCH  ... on a number not on that brand's outbound list
//                               (lists/brand_outbound)
//   ATTESTATION_FULL / _PARTIAL / _GATEWAY / _NONE  STIR/SHAKEN A / B / C / expected but absent
//
// Look-alikes: a roaming subscriber calling home arrives on an international route with a
// home number (a landline scores warn, not block; a carrier with roaming data should add it
// to local.d); real brands present their names from their registered numbers (listed, so no
// mismatch); withheld calls from inside the network carry a PAI; attestation A is the
// provider's statement about the number, not about intent, so it only offsets a little.

#include <algorithm>
#include <unordered_map>
#include <vector>

#include "core/option_text.h"
#include "core/phrase_rule.h"
#include "signalling/numbering_plan.h"
#include "text/normalizer.h"
#include "text/pattern_set.h"

namespace scamguard::rules {
namespace {

constexpr RuleInfo kSymbols[] = {
    {.symbol = "CID_INTL_PRESENTS_DOMESTIC",
     .group = "signalling",
     .stage = Stage::kContact,
     .default_score = 6.0,
     .description = "A home-country caller ID arrived on an international route"},
    {.symbol = "CID_INVALID",
     .group = "signalling",
     .stage = Stage::kContact,
     .default_score = 10.0,
     .description = "The caller ID is not a valid number for its country, or not a number"},
    {.symbol = "CID_WITHHELD",
     .group = "signalling",
     .stage = Stage::kContact,
     .default_score = 3.0,
     .description = "The caller ID is withheld and the network asserted no identity"},
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
    {.symbol = "CID_WRONG_LENGTH",
     .group = "signalling",
     .stage = Stage::kContact,
     .default_score = 10.0,
     .description = "The caller ID has a length no number of its country has"},
    {.symbol = "CID_SERVICE_NUMBER",
     .group = "signalling",
     .stage = Stage::kContact,
     .default_score = 10.0,
     .description = "An inbound-only service number (13, 1300, 1800, 190x) presented as caller"},
    {.symbol = "CID_INTL_PRESENTS_DOMESTIC_MOBILE",
     .group = "signalling",
     .stage = Stage::kContact,
     .default_score = 4.0,
     .description = "A home-country mobile caller ID arrived on an international route"},
    {.symbol = "CID_DO_NOT_ORIGINATE",
     .group = "signalling",
     .stage = Stage::kContact,
     .default_score = 10.0,
     .description = "The caller ID is on the do-not-originate list (it only receives calls)"},
    {.symbol = "CNAM_BRAND_NUMBER_MISMATCH",
     .group = "signalling",
     .stage = Stage::kImpersonation,
     .default_score = 3.0,
     .description = "A brand in the display name on a number not on that brand's outbound list"},
    {.symbol = "ATTESTATION_FULL",
     .group = "signalling",
     .stage = Stage::kContact,
     .default_score = -0.5,
     .description = "STIR/SHAKEN attestation A: the provider vouches for caller and number"},
    {.symbol = "ATTESTATION_PARTIAL",
     .group = "signalling",
     .stage = Stage::kContact,
     .default_score = 0.5,
     .description = "STIR/SHAKEN attestation B: the provider knows the caller, not the number"},
    {.symbol = "ATTESTATION_NONE",
     .group = "signalling",
     .stage = Stage::kContact,
     .default_score = 1.0,
     .description = "The route carries STIR/SHAKEN but this call had no identity header"},
};
enum Symbol : size_t {
  kIntlDomestic,
  kInvalid,
  kWithheld,
  kCnamBrand,
  kAttestationC,
  kWrongLength,
  kServiceNumber,
  kIntlDomesticMobile,
  kDoNotOriginate,
  kBrandMismatch,
  kAttestationA,
  kAttestationB,
  kAttestationNone,
};

class CallerId final : public Rule {
 public:
  std::span<const RuleInfo> symbols() const override { return kSymbols; }

  Status compile(RuleCompiler& compiler) override {
    // The display name is matched like a turn: every form of every brand, bank and authority
    // in one database (forms are patterns: "apple (support|care|id)"), scanned once.
    text::PatternSetBuilder names;
    for (std::string_view name : {"brands", "banks", "authorities"}) {
      Result<const PhraseList*> list = compiler.list(name);
      if (!list) return Unexpected{list.error()};
      for (const ListEntry& entry : (*list)->entries) {
        for (const std::string& form : entry.forms) {
          names.add(form, entry.origin);
          entry_of_form_.push_back(static_cast<uint32_t>(named_.size()));
        }
        named_.push_back(&entry);
      }
    }
    Result<text::CompiledPatterns> compiled = names.compile(compiler.cache_dir());
    if (!compiled) return Unexpected{compiled.error()};
    display_names_ = std::move(*compiled);
    Result<std::shared_ptr<const signalling::NumberingPlan>> plan = compiler.numbering_plan();
    if (!plan) return Unexpected{plan.error()};
    plan_ = std::move(*plan);

    Result<const PhraseList*> dno = compiler.list("do_not_originate");
    if (!dno) return Unexpected{dno.error()};
    for (const ListEntry& entry : (*dno)->entries) {
      for (const std::string& form : entry.forms) {
        if (Status status = add_number(entry, form, do_not_originate_); !status) return status;
      }
    }
    Result<const PhraseList*> outbound = compiler.list("brand_outbound");
    if (!outbound) return Unexpected{outbound.error()};
    for (const ListEntry& entry : (*outbound)->entries) {
      for (const std::string& form : entry.forms) {
        if (Status status = add_number(entry, form, brand_outbound_); !status) return status;
      }
    }
    return {};
  }

  bool sees_setup() const override { return true; }
  void on_setup(const CallSetup& setup, FindingSink& out) const override {
    // The caller ID of a call the protected user placed is the user's own number.
    if (setup.direction == Direction::kOutbound) return;
    // A set-up that carries nothing but a direction (a corpus call, a phone app that knows only
    // who rang whom) says nothing of the caller ID: an empty caller there is unknown, not
    // withheld.
    if (carries_no_signalling(setup)) return;
    check_number(setup, out);
    check_attestation(setup.attestation, out);
    if (!setup.display_name.empty()) check_display_name(setup, out);
  }

 private:
  using NumberMap = std::unordered_map<std::string, std::string>;  // digits -> entry name

  static bool carries_no_signalling(const CallSetup& setup) {
    return setup.caller.empty() && setup.callee.empty() && setup.display_name.empty() &&
           setup.ingress == Ingress::kUnknown && setup.ingress_country.empty() &&
           setup.trunk.empty() && setup.attestation.empty() && setup.asserted_identity.empty() &&
           setup.privacy.empty();
  }

  Status add_number(const ListEntry& entry, const std::string& form, NumberMap& into) const {
    const signalling::NumberFacts facts = plan_->classify(form);
    if (!facts.is_number || facts.country_code == 0) {
      return make_error(ErrorCode::kConfig, entry.origin + ": '" + form +
                                                "' is not a phone number in E.164 form (+61 ...)");
    }
    into[std::to_string(facts.country_code) + facts.national] = entry.name;
    return {};
  }

  void check_number(const CallSetup& setup, FindingSink& out) const {
    const std::string& caller = setup.caller;
    const bool hidden = requests_privacy(setup.privacy);
    if (caller.empty() || is_withheld_marker(caller)) {
      if (setup.asserted_identity.empty()) {
        out.add(kWithheld, (OptionText(out)
                            << "caller=" << (caller.empty() ? std::string_view("(empty)") : caller))
                               .view());
        if (hidden) out.add(kWithheld, (OptionText(out) << "privacy=" << setup.privacy).view());
      }
      return;
    }
    // A number presented with a Privacy request: the carrier sees it (and checks it below),
    // the callee will not.
    if (hidden && setup.asserted_identity.empty()) {
      out.add(kWithheld, (OptionText(out) << "privacy=" << setup.privacy).view());
    }
    const signalling::NumberFacts facts = plan_->classify(caller);
    if (!facts.is_number) {
      // An alphanumeric sender is normal for SMS, never for a call, unless the network
      // vouches for the caller in a P-Asserted-Identity.
      if (setup.asserted_identity.empty()) {
        out.add(kInvalid, (OptionText(out) << "caller=" << caller).view());
        out.add(kInvalid, "reason=not_a_number");
      }
      return;
    }
    if (facts.length != signalling::LengthCheck::kPossible) {
      // A number of impossible length is invalid too; both say so, the group cap keeps the
      // pair from counting twice.
      const std::string_view length = to_string(facts.length);
      out.add(kWrongLength, (OptionText(out) << "caller=" << caller).view());
      out.add(
          kWrongLength,
          (OptionText(out) << "length=" << length << ",digits=" << facts.national.size()).view());
      out.add(kInvalid, (OptionText(out) << "caller=" << caller).view());
      out.add(kInvalid, (OptionText(out) << "reason=" << length).view());
      return;
    }
    if (!facts.valid) {
      out.add(kInvalid, (OptionText(out) << "caller=" << caller).view());
      out.add(kInvalid, (OptionText(out) << "reason=unassigned_range,country_code="
                                         << static_cast<uint64_t>(facts.country_code))
                            .view());
      return;
    }
    const std::string e164 = std::to_string(facts.country_code) + facts.national;
    if (auto it = do_not_originate_.find(e164); it != do_not_originate_.end()) {
      out.add(kDoNotOriginate, (OptionText(out) << "caller=" << caller).view());
      out.add(kDoNotOriginate, (OptionText(out) << "holder=" << it->second).view());
    }
    if (facts.home) {
      using signalling::NumberType;
      if (facts.type == NumberType::kSharedCost || facts.type == NumberType::kTollFree ||
          facts.type == NumberType::kPremiumRate || facts.type == NumberType::kUan) {
        out.add(
            kServiceNumber,
            (OptionText(out) << "caller=" << caller << ",type=" << to_string(facts.type)).view());
      }
      if (setup.ingress == Ingress::kInternational) {
        auto caller_option = [&] {
          OptionText option(out);
          option << "caller=" << caller;
          if (!setup.ingress_country.empty()) option << ",ingress=" << setup.ingress_country;
          return option.view();
        };
        out.add(kIntlDomestic, caller_option());
        out.add(kIntlDomestic, (OptionText(out) << "type=" << to_string(facts.type)).view());
        if (facts.type == NumberType::kMobile) out.add(kIntlDomesticMobile, caller_option());
      }
    }
  }

  // SIP's ways of saying "no number": RFC 3261's anonymous URI, and the user parts carriers
  // put in From for withheld, unavailable or restricted presentation. Case-insensitive; a
  // "sip:", "sips:" or "tel:" scheme and an "@host" are ignored.
  static bool is_withheld_marker(std::string_view caller) {
    // A number (the usual case) is none of them: no marker starts with a digit or '+'.
    if (!caller.empty() && (caller[0] == '+' || (caller[0] >= '0' && caller[0] <= '9'))) {
      return false;
    }
    static constexpr std::string_view kSchemes[] = {"sip:", "sips:", "tel:"};
    for (std::string_view scheme : kSchemes) {
      if (caller.size() > scheme.size() &&
          equals_ignoring_case(caller.substr(0, scheme.size()), scheme)) {
        caller.remove_prefix(scheme.size());
        break;
      }
    }
    caller = caller.substr(0, caller.find_first_of("@;"));
    static constexpr std::string_view kMarkers[] = {"anonymous",  "withheld",    "private",
                                                    "restricted", "unavailable", "unknown"};
    for (std::string_view marker : kMarkers) {
      if (equals_ignoring_case(caller, marker)) return true;
    }
    return false;
  }

  // RFC 3323 privacy values that hide who is calling ("id" is RFC 3325's).
  static bool requests_privacy(std::string_view privacy) {
    while (!privacy.empty()) {
      const size_t end = privacy.find_first_of(";, ");
      const std::string_view value = privacy.substr(0, end);
      for (std::string_view hiding : {"id", "user", "header"}) {
        if (equals_ignoring_case(value, hiding)) return true;
      }
      if (end == std::string_view::npos) break;
      privacy.remove_prefix(end + 1);
    }
    return false;
  }

  static bool equals_ignoring_case(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (size_t i = 0; i < a.size(); ++i) {
      const auto lower = [](char c) {
        return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c;
      };
      if (lower(a[i]) != lower(b[i])) return false;
    }
    return true;
  }

  static void check_attestation(const std::string& attestation, FindingSink& out) {
    if (attestation == "A") out.add(kAttestationA);
    if (attestation == "B") out.add(kAttestationB);
    if (attestation == "C") out.add(kAttestationC);
    if (attestation == "none") out.add(kAttestationNone);
  }

  // A display name is on most set-ups a carrier sees: matching it must not allocate (per-thread
  // buffers, one scan of the name against every list form at once).
  void check_display_name(const CallSetup& setup, FindingSink& out) const {
    thread_local std::string name;
    thread_local std::vector<text::PatternMatch> matches;
    thread_local std::vector<uint32_t> entries;
    text::normalize(setup.display_name, name);
    matches.clear();
    display_names_.scan(name, matches);
    if (matches.empty()) return;  // most names
    // Each entry once, in list order, however many of its forms matched.
    entries.clear();
    for (const text::PatternMatch& match : matches) entries.push_back(entry_of_form_[match.id]);
    std::sort(entries.begin(), entries.end());
    entries.erase(std::unique(entries.begin(), entries.end()), entries.end());
    const signalling::NumberFacts facts = plan_->classify(setup.caller);
    const std::string e164 =
        facts.is_number ? std::to_string(facts.country_code) + facts.national : "";
    for (uint32_t index : entries) {
      const ListEntry& entry = *named_[index];
      out.add(kCnamBrand, (OptionText(out) << "name=" << entry.name).view());
      auto registered = brand_outbound_.find(e164);
      if (registered == brand_outbound_.end() || registered->second != entry.name) {
        out.add(kBrandMismatch,
                (OptionText(out) << "brand=" << entry.name << ",caller=" << setup.caller).view());
      }
    }
  }

  std::vector<const ListEntry*> named_;  // brands, banks, authorities, in list order
  std::vector<uint32_t> entry_of_form_;  // pattern id -> index into named_
  text::CompiledPatterns display_names_;
  std::shared_ptr<const signalling::NumberingPlan> plan_;
  NumberMap do_not_originate_;
  NumberMap brand_outbound_;
};

SCAMGUARD_REGISTER_RULE(CallerId);

}  // namespace
}  // namespace scamguard::rules
