#include "signalling/numbering_plan.h"

#include <hs/hs.h>
#include <phonenumbers/phonemetadata.pb.h>
#include <phonenumbers/phonenumberutil.h>

#include <algorithm>
#include <bitset>
#include <list>
#include <mutex>
#include <unordered_map>
#include <vector>

#include "text/pattern_set.h"

// libphonenumber's compiled-in metadata (metadata.h, not installed by Debian). Both functions
// are exported by libphonenumber.so; they are what PhoneNumberUtil itself loads.
namespace i18n::phonenumbers {
int metadata_size();
const void* metadata_get();
}  // namespace i18n::phonenumbers

namespace scamguard::signalling {
namespace {

namespace pn = i18n::phonenumbers;

// Type descriptions in the order GetNumberTypeHelper tests them after general_desc.
enum DescIndex : unsigned {
  kGeneral,
  kPremium,
  kTollFree,
  kShared,
  kVoip,
  kPersonal,
  kPager,
  kUan,
  kVoicemail,
  kFixed,
  kMobile,
  kDescCount,
  kLeadingDigits = kDescCount,  // prefix pattern, not a description
  kNationalPrefix,              // national_prefix_for_parsing: such numbers take the slow path
  kPatternSlots,
};

const pn::PhoneNumberDesc& desc_of(const pn::PhoneMetadata& m, unsigned index) {
  switch (index) {
    case kPremium:
      return m.premium_rate();
    case kTollFree:
      return m.toll_free();
    case kShared:
      return m.shared_cost();
    case kVoip:
      return m.voip();
    case kPersonal:
      return m.personal_number();
    case kPager:
      return m.pager();
    case kUan:
      return m.uan();
    case kVoicemail:
      return m.voicemail();
    case kFixed:
      return m.fixed_line();
    case kMobile:
      return m.mobile();
    default:
      return m.general_desc();
  }
}

struct RegionPlan {
  std::string code;  // "AU"
  bool has_leading_digits = false;
  bool same_mobile_and_fixed = false;
  std::array<std::vector<int>, kDescCount> lengths;  // possible_length per description
};

// Matched patterns, bit (region * kPatternSlots + slot); 1024 bits cover the 25 regions of +1.
using MatchSet = std::bitset<1024>;

bool length_allowed(const std::vector<int>& lengths, int length) {
  return lengths.empty() || std::find(lengths.begin(), lengths.end(), length) != lengths.end();
}

// Bounded cache for numbers outside the fast path, sharded to keep lock contention low.
class FactsCache {
 public:
  bool find(const std::string& key, NumberFacts& out) const {
    const Shard& shard = shards_[std::hash<std::string>{}(key) % kShards];
    std::lock_guard lock(shard.mutex);
    auto it = shard.map.find(key);
    if (it == shard.map.end()) return false;
    out = it->second;
    return true;
  }
  void insert(const std::string& key, const NumberFacts& facts) const {
    Shard& shard = shards_[std::hash<std::string>{}(key) % kShards];
    std::lock_guard lock(shard.mutex);
    // Rotating spoofed numbers would grow a cache without bound; dropping a full shard is
    // crude but keeps memory flat and costs only re-parses.
    if (shard.map.size() >= kMaxPerShard) shard.map.clear();
    shard.map.emplace(key, facts);
  }

 private:
  static constexpr size_t kShards = 16;
  static constexpr size_t kMaxPerShard = 1 << 14;
  struct Shard {
    mutable std::mutex mutex;
    std::unordered_map<std::string, NumberFacts> map;
  };
  mutable std::array<Shard, kShards> shards_;
};

NumberType from_pn(pn::PhoneNumberUtil::PhoneNumberType type) {
  return static_cast<NumberType>(static_cast<int>(type));
}

void set_region(NumberFacts& facts, std::string_view region) {
  facts.region = {};
  if (region.size() == 2) {
    facts.region[0] = region[0];
    facts.region[1] = region[1];
  }
}

}  // namespace

const char* to_string(NumberType type) noexcept {
  switch (type) {
    case NumberType::kFixedLine:
      return "fixed_line";
    case NumberType::kMobile:
      return "mobile";
    case NumberType::kFixedLineOrMobile:
      return "fixed_line_or_mobile";
    case NumberType::kTollFree:
      return "toll_free";
    case NumberType::kPremiumRate:
      return "premium_rate";
    case NumberType::kSharedCost:
      return "shared_cost";
    case NumberType::kVoip:
      return "voip";
    case NumberType::kPersonalNumber:
      return "personal_number";
    case NumberType::kPager:
      return "pager";
    case NumberType::kUan:
      return "uan";
    case NumberType::kVoicemail:
      return "voicemail";
    case NumberType::kUnknown:
      return "unknown";
  }
  return "unknown";
}

const char* to_string(LengthCheck check) noexcept {
  switch (check) {
    case LengthCheck::kPossible:
      return "possible";
    case LengthCheck::kPossibleLocalOnly:
      return "local_only";
    case LengthCheck::kInvalidCountryCode:
      return "invalid_country_code";
    case LengthCheck::kTooShort:
      return "too_short";
    case LengthCheck::kInvalidLength:
      return "invalid_length";
    case LengthCheck::kTooLong:
      return "too_long";
  }
  return "invalid_length";
}

int calling_code_for_region(std::string_view region) {
  return pn::PhoneNumberUtil::GetInstance()->GetCountryCodeForRegion(std::string(region));
}

struct NumberingPlan::Impl {
  const pn::PhoneNumberUtil* util = pn::PhoneNumberUtil::GetInstance();
  std::string home_region;
  int home_code = 0;
  std::string home_code_digits;
  std::vector<RegionPlan> regions;         // every region sharing the home calling code, in order
  std::vector<int> general_lengths;        // main region's, for TestNumberLength
  std::vector<int> general_local_lengths;  // main region's
  hs_database_t* database = nullptr;
  uint64_t generation = text::next_database_generation();  // keys the thread's scratch
  FactsCache cache;

  ~Impl() {
    if (database) hs_free_database(database);
  }

  // Bit (region * kPatternSlots + slot) set for every pattern that matched `nsn`.
  bool scan(std::string_view nsn, MatchSet& matched) const {
    hs_scratch_t* scratch = text::thread_scratch(database, generation);
    if (!scratch) return false;
    matched.reset();
    auto on_match = [](unsigned int id, unsigned long long, unsigned long long, unsigned int,
                       void* context) -> int {
      static_cast<MatchSet*>(context)->set(id);
      return 0;
    };
    return hs_scan(database, nsn.data(), static_cast<unsigned>(nsn.size()), 0, scratch, on_match,
                   &matched) == HS_SUCCESS;
  }

  NumberType type_for(const RegionPlan& region, size_t r, const MatchSet& matched,
                      int length) const {
    auto matches = [&](unsigned desc) {
      return matched[r * kPatternSlots + desc] && length_allowed(region.lengths[desc], length);
    };
    if (!matches(kGeneral)) return NumberType::kUnknown;
    constexpr std::pair<unsigned, NumberType> kOrdered[] = {
        {kPremium, NumberType::kPremiumRate},
        {kTollFree, NumberType::kTollFree},
        {kShared, NumberType::kSharedCost},
        {kVoip, NumberType::kVoip},
        {kPersonal, NumberType::kPersonalNumber},
        {kPager, NumberType::kPager},
        {kUan, NumberType::kUan},
        {kVoicemail, NumberType::kVoicemail}};
    for (const auto& [desc, type] : kOrdered) {
      if (matches(desc)) return type;
    }
    if (matches(kFixed)) {
      if (region.same_mobile_and_fixed || matches(kMobile)) return NumberType::kFixedLineOrMobile;
      return NumberType::kFixedLine;
    }
    if (!region.same_mobile_and_fixed && matches(kMobile)) return NumberType::kMobile;
    return NumberType::kUnknown;
  }

  LengthCheck test_length(int length) const {
    const std::vector<int>& lengths = general_lengths;
    if (lengths.empty() || lengths.front() == -1) return LengthCheck::kInvalidLength;
    if (std::find(general_local_lengths.begin(), general_local_lengths.end(), length) !=
        general_local_lengths.end()) {
      return LengthCheck::kPossibleLocalOnly;
    }
    if (lengths.front() == length) return LengthCheck::kPossible;
    if (lengths.front() > length) return LengthCheck::kTooShort;
    if (lengths.back() < length) return LengthCheck::kTooLong;
    return std::find(lengths.begin(), lengths.end(), length) != lengths.end()
               ? LengthCheck::kPossible
               : LengthCheck::kInvalidLength;
  }

  // The fast path for a national significant number under the home calling code. Returns
  // false when the number needs libphonenumber's full treatment.
  bool classify_home(std::string_view nsn, NumberFacts& facts) const {
    if (nsn.size() < 2 || nsn.size() > 17 || nsn[0] == '0') return false;
    MatchSet matched;
    if (!scan(nsn, matched)) return false;
    for (size_t r = 0; r < regions.size(); ++r) {
      if (matched[r * kPatternSlots + kNationalPrefix]) return false;
    }
    const int length = static_cast<int>(nsn.size());
    facts.country_code = home_code;
    facts.national = std::string(nsn);
    facts.home = true;
    facts.length = test_length(length);
    set_region(facts, "ZZ");
    facts.type = NumberType::kUnknown;
    // GetRegionCodeForNumber: a calling code with one region names it, valid or not.
    if (regions.size() == 1) {
      set_region(facts, regions.front().code);
      facts.type = type_for(regions.front(), 0, matched, length);
      facts.valid = facts.type != NumberType::kUnknown;
      return true;
    }
    for (size_t r = 0; r < regions.size(); ++r) {
      const RegionPlan& region = regions[r];
      if (region.has_leading_digits) {
        if (!matched[r * kPatternSlots + kLeadingDigits]) continue;
        set_region(facts, region.code);
        facts.type = type_for(region, r, matched, length);
        break;
      }
      NumberType type = type_for(region, r, matched, length);
      if (type != NumberType::kUnknown) {
        set_region(facts, region.code);
        facts.type = type;
        break;
      }
    }
    facts.valid = facts.type != NumberType::kUnknown;
    return true;
  }

  NumberFacts slow(const std::string& input) const {
    NumberFacts facts;
    facts.is_number = true;
    pn::PhoneNumber number;
    const pn::PhoneNumberUtil::ErrorType error = util->Parse(input, home_region, &number);
    if (error != pn::PhoneNumberUtil::NO_PARSING_ERROR) {
      set_region(facts, "ZZ");
      switch (error) {
        case pn::PhoneNumberUtil::INVALID_COUNTRY_CODE_ERROR:
          facts.length = LengthCheck::kInvalidCountryCode;
          break;
        case pn::PhoneNumberUtil::TOO_LONG_NSN:
          facts.length = LengthCheck::kTooLong;
          break;
        case pn::PhoneNumberUtil::NOT_A_NUMBER:
          facts.is_number = false;
          facts.length = LengthCheck::kInvalidLength;
          break;
        default:
          facts.length = LengthCheck::kTooShort;
          break;
      }
      return facts;
    }
    facts.country_code = number.country_code();
    facts.home = facts.country_code == home_code;
    util->GetNationalSignificantNumber(number, &facts.national);
    std::string region;
    util->GetRegionCodeForNumber(number, &region);
    set_region(facts, region);
    facts.type = from_pn(util->GetNumberType(number));
    facts.valid = util->IsValidNumber(number);
    facts.length =
        static_cast<LengthCheck>(static_cast<int>(util->IsPossibleNumberWithReason(number)));
    return facts;
  }
};

NumberingPlan::NumberingPlan(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
NumberingPlan::~NumberingPlan() = default;

int NumberingPlan::home_country_code() const noexcept { return impl_->home_code; }
std::string_view NumberingPlan::home_region() const noexcept { return impl_->home_region; }

Result<std::shared_ptr<const NumberingPlan>> NumberingPlan::create(std::string_view home_region,
                                                                   const std::string& cache_dir) {
  auto impl = std::make_unique<Impl>();
  impl->home_region = std::string(home_region);
  impl->home_code = impl->util->GetCountryCodeForRegion(impl->home_region);
  if (impl->home_code == 0) {
    return make_error(ErrorCode::kConfig, "home country '" + impl->home_region +
                                              "' is not an ISO 3166 region libphonenumber knows");
  }
  impl->home_code_digits = std::to_string(impl->home_code);

  pn::PhoneMetadataCollection collection;
  if (!collection.ParseFromArray(pn::metadata_get(), pn::metadata_size())) {
    return make_error(ErrorCode::kInternal, "libphonenumber's metadata could not be read");
  }
  std::list<std::string> region_codes;
  impl->util->GetRegionCodesForCountryCallingCode(impl->home_code, &region_codes);
  std::string main_region;
  impl->util->GetRegionCodeForCountryCode(impl->home_code, &main_region);

  std::vector<std::string> expressions;
  std::vector<unsigned> ids;
  std::vector<unsigned> flags;
  for (const std::string& code : region_codes) {
    const pn::PhoneMetadata* metadata = nullptr;
    for (const pn::PhoneMetadata& candidate : collection.metadata()) {
      if (candidate.id() == code) metadata = &candidate;
    }
    if (!metadata) continue;
    const auto r = static_cast<unsigned>(impl->regions.size());
    RegionPlan region;
    region.code = code;
    region.same_mobile_and_fixed = metadata->same_mobile_and_fixed_line_pattern();
    auto add = [&](unsigned slot, const std::string& pattern, bool whole) {
      if (pattern.empty()) return;  // libphonenumber: an empty pattern matches nothing
      expressions.push_back(whole ? "^(?:" + pattern + ")$" : "^(?:" + pattern + ")");
      ids.push_back(r * kPatternSlots + slot);
      flags.push_back(HS_FLAG_SINGLEMATCH);
    };
    for (unsigned d = 0; d < kDescCount; ++d) {
      const pn::PhoneNumberDesc& desc = desc_of(*metadata, d);
      region.lengths[d].assign(desc.possible_length().begin(), desc.possible_length().end());
      add(d, desc.national_number_pattern(), true);
    }
    if (metadata->has_leading_digits() && !metadata->leading_digits().empty()) {
      region.has_leading_digits = true;
      add(kLeadingDigits, metadata->leading_digits(), false);
    }
    if (!metadata->national_prefix_for_parsing().empty()) {
      add(kNationalPrefix, metadata->national_prefix_for_parsing(), false);
    } else if (!metadata->national_prefix().empty()) {
      add(kNationalPrefix, metadata->national_prefix(), false);
    }
    if (code == main_region) {
      const pn::PhoneNumberDesc& general = metadata->general_desc();
      impl->general_lengths.assign(general.possible_length().begin(),
                                   general.possible_length().end());
      impl->general_local_lengths.assign(general.possible_length_local_only().begin(),
                                         general.possible_length_local_only().end());
    }
    impl->regions.push_back(std::move(region));
  }
  if (impl->regions.size() * kPatternSlots > MatchSet().size()) {
    return make_error(ErrorCode::kInternal,
                      "too many regions share the calling code of '" + impl->home_region + "'");
  }
  if (impl->regions.empty() || expressions.empty()) {
    return make_error(ErrorCode::kInternal,
                      "libphonenumber has no metadata for region '" + impl->home_region + "'");
  }
  std::vector<const char*> pointers;
  for (const std::string& expression : expressions) pointers.push_back(expression.c_str());
  hs_compile_error_t* compile_error = nullptr;
  bool from_cache = false;
  impl->database =
      text::compile_database({pointers, flags, ids}, cache_dir, from_cache, compile_error);
  if (!impl->database) {
    std::string message = compile_error ? compile_error->message : "unknown error";
    const int at = compile_error ? compile_error->expression : -1;
    hs_free_compile_error(compile_error);
    return make_error(ErrorCode::kInternal,
                      "numbering plan for '" + impl->home_region + "': pattern " +
                          (at >= 0 ? expressions[static_cast<size_t>(at)] : "?") +
                          " does not compile: " + message);
  }
  return std::shared_ptr<const NumberingPlan>(new NumberingPlan(std::move(impl)));
}

namespace {
// Drops visual separators; returns false for anything that is not a dialable number.
bool strip(std::string_view caller, std::string& digits, bool& plus) {
  digits.clear();
  plus = false;
  for (size_t i = 0; i < caller.size(); ++i) {
    const char c = caller[i];
    if (c >= '0' && c <= '9') {
      digits.push_back(c);
    } else if (c == '+' && digits.empty() && !plus) {
      plus = true;
    } else if (c != ' ' && c != '-' && c != '.' && c != '(' && c != ')') {
      return false;
    }
  }
  return !digits.empty();
}
}  // namespace

NumberFacts NumberingPlan::classify(std::string_view caller) const {
  NumberFacts facts;
  std::string digits;
  bool plus = false;
  if (!strip(caller, digits, plus)) {
    set_region(facts, "ZZ");
    facts.length = LengthCheck::kInvalidLength;
    return facts;
  }
  facts.is_number = true;
  // E.164 without its '+' is how many SIP From headers carry it; a leading 0 is national.
  const bool international = plus || digits[0] != '0';
  if (international &&
      digits.compare(0, impl_->home_code_digits.size(), impl_->home_code_digits) == 0) {
    if (impl_->classify_home(std::string_view(digits).substr(impl_->home_code_digits.size()),
                             facts) &&
        (plus || facts.valid)) {
      return facts;
    }
  }
  // Without a '+', digits that are a valid home number as dialled are national: 13, 1300 and
  // 1800 numbers have no trunk prefix, and "1300123456" is not a +1 number.
  if (!plus && digits[0] != '0') {
    NumberFacts national;
    national.is_number = true;
    if (impl_->classify_home(digits, national) && national.valid) return national;
  }
  const std::string key = international ? "+" + digits : digits;
  if (impl_->cache.find(key, facts)) return facts;
  facts = impl_->slow(key);
  impl_->cache.insert(key, facts);
  return facts;
}

NumberFacts NumberingPlan::classify_slow(std::string_view caller) const {
  NumberFacts facts;
  std::string digits;
  bool plus = false;
  if (!strip(caller, digits, plus)) {
    set_region(facts, "ZZ");
    facts.length = LengthCheck::kInvalidLength;
    return facts;
  }
  if (!plus && digits[0] != '0') {
    // As classify(): E.164 without its '+' when valid as such, else the home national form.
    NumberFacts e164 = impl_->slow("+" + digits);
    if (e164.valid && e164.home) return e164;
    NumberFacts national = impl_->slow(digits);
    if (national.valid && national.home) return national;
    return e164;
  }
  return impl_->slow(plus ? "+" + digits : digits);
}

}  // namespace scamguard::signalling
