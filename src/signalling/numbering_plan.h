// Caller-ID facts from the numbering plan: is the presented number a real number for its
// country, how long should it be, what kind of line is it (mobile, fixed, 13/1300, 1800 ...).
//
// libphonenumber answers all of this, but through regular expressions that cost about 26 us
// a number on the reference machine: far over a pre-answer budget of 2 us a set-up. So the
// home country, where nearly all caller IDs come from, takes a fast path built from
// libphonenumber's own metadata when the plan is created: every pattern of every region that
// shares the home calling code is compiled into one vectorscan database, and libphonenumber's
// decision procedure (GetNumberTypeHelper, GetRegionCodeForNumberFromRegionList,
// TestNumberLength) is replayed over the matches. The answers are the library's, at a
// fraction of the cost; tests/unit/signalling compares the two on random numbers. Other
// countries go to libphonenumber itself, with a bounded cache in front.
//
// A NumberingPlan is immutable after create() and may be used from many threads at once.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "scamguard/error.h"

namespace scamguard::signalling {

// libphonenumber's PhoneNumberType, in its order.
enum class NumberType : uint8_t {
  kFixedLine,
  kMobile,
  kFixedLineOrMobile,
  kTollFree,
  kPremiumRate,
  kSharedCost,
  kVoip,
  kPersonalNumber,
  kPager,
  kUan,
  kVoicemail,
  kUnknown,
};

// libphonenumber's ValidationResult for the number's length.
enum class LengthCheck : uint8_t {
  kPossible,
  kPossibleLocalOnly,
  kInvalidCountryCode,
  kTooShort,
  kInvalidLength,
  kTooLong,
};

// Short wire names for evidence: "mobile", "toll_free", "too_short", ...
const char* to_string(NumberType type) noexcept;
const char* to_string(LengthCheck check) noexcept;

struct NumberFacts {
  bool is_number = false;        // digits, with an optional '+', after removing separators
  int country_code = 0;          // 0 when the number has no recognisable calling code
  std::array<char, 3> region{};  // ISO 3166 alpha-2 the number belongs to, "ZZ" when none
  std::string national;          // national significant number (digits after the calling code)
  NumberType type = NumberType::kUnknown;
  LengthCheck length = LengthCheck::kInvalidCountryCode;
  bool valid = false;  // libphonenumber's IsValidNumber
  bool home = false;   // the calling code is the home country's

  std::string_view region_code() const { return {region.data(), region[0] ? 2u : 0u}; }
};

class NumberingPlan {
 public:
  // Builds the plan for `home_region` (ISO 3166 alpha-2, e.g. "AU"). Fails with kConfig when
  // libphonenumber does not know the region. With a `cache_dir`, the fast path's database is
  // kept there as the engine's patterns are (text::compile_database): compiling it is most
  // of the cost of creating a plan.
  static Result<std::shared_ptr<const NumberingPlan>> create(std::string_view home_region,
                                                             const std::string& cache_dir = {});

  ~NumberingPlan();
  NumberingPlan(const NumberingPlan&) = delete;
  NumberingPlan& operator=(const NumberingPlan&) = delete;

  // Facts about a presented caller number. Accepts E.164 ("+61412345678"), E.164 without
  // the '+' ("61412345678"), the home country's national form ("0412345678") and "00"
  // international dialling; spaces, dashes, dots and brackets are ignored. Anything else has
  // is_number == false. Never fails; cost ~0.1 us for home numbers, a cache lookup or one
  // libphonenumber parse for others.
  NumberFacts classify(std::string_view caller) const;

  // The same answer straight from libphonenumber, without the fast path or the cache: the
  // reference the tests compare classify() with.
  NumberFacts classify_slow(std::string_view caller) const;

  int home_country_code() const noexcept;
  std::string_view home_region() const noexcept;

 private:
  struct Impl;
  explicit NumberingPlan(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// The calling code of an ISO 3166 alpha-2 region ("AU" -> 61), or 0 when unknown.
int calling_code_for_region(std::string_view region);

}  // namespace scamguard::signalling
