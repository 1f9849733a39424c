// The numbering plan's fast path must give libphonenumber's own answers: compared on
// hundreds of thousands of random numbers weighted towards the ranges callers present.

#include "signalling/numbering_plan.h"

#include <gtest/gtest.h>

#include <random>
#include <string>

namespace scamguard::signalling {
namespace {

std::shared_ptr<const NumberingPlan> plan_for(const char* region) {
  Result<std::shared_ptr<const NumberingPlan>> plan = NumberingPlan::create(region);
  EXPECT_TRUE(plan.has_value()) << plan.error().message;
  return plan ? *plan : nullptr;
}

std::string describe(const NumberFacts& f) {
  return std::string(f.is_number ? "number" : "not-a-number") +
         " cc=" + std::to_string(f.country_code) + " region=" + std::string(f.region_code()) +
         " nsn=" + f.national + " type=" + to_string(f.type) + " length=" + to_string(f.length) +
         " valid=" + (f.valid ? "1" : "0") + " home=" + (f.home ? "1" : "0");
}

TEST(NumberingPlan, KnownAustralianNumbers) {
  auto plan = plan_for("AU");
  ASSERT_TRUE(plan);
  EXPECT_EQ(plan->home_country_code(), 61);

  NumberFacts mobile = plan->classify("+61412345678");
  EXPECT_TRUE(mobile.valid);
  EXPECT_TRUE(mobile.home);
  EXPECT_EQ(mobile.type, NumberType::kMobile);
  EXPECT_EQ(mobile.region_code(), "AU");

  EXPECT_EQ(plan->classify("+61 2 9876 5432").type, NumberType::kFixedLine);
  EXPECT_EQ(plan->classify("+611300975707").type, NumberType::kSharedCost);
  EXPECT_EQ(plan->classify("+61131450").type, NumberType::kSharedCost);
  EXPECT_EQ(plan->classify("+611800160401").type, NumberType::kTollFree);
  EXPECT_EQ(plan->classify("+611900123456").type, NumberType::kPremiumRate);
  // National form and E.164 without '+' are the same number.
  EXPECT_EQ(plan->classify("0412 345 678").type, NumberType::kMobile);
  EXPECT_EQ(plan->classify("61412345678").type, NumberType::kMobile);

  NumberFacts too_short = plan->classify("+61412");
  EXPECT_FALSE(too_short.valid);
  EXPECT_EQ(too_short.length, LengthCheck::kTooShort);
  NumberFacts unassigned = plan->classify("+61550123456");
  EXPECT_FALSE(unassigned.valid);
  EXPECT_EQ(unassigned.length, LengthCheck::kPossible);

  EXPECT_FALSE(plan->classify("AMAZON").is_number);
  EXPECT_FALSE(plan->classify("").is_number);
  EXPECT_FALSE(plan->classify("+61 4+12").is_number);
}

TEST(NumberingPlan, ForeignNumbersGoThroughLibphonenumber) {
  auto plan = plan_for("AU");
  ASSERT_TRUE(plan);
  NumberFacts london = plan->classify("+44 20 7946 0958");
  EXPECT_TRUE(london.valid) << describe(london);
  EXPECT_FALSE(london.home);
  EXPECT_EQ(london.country_code, 44);
  EXPECT_EQ(london.region_code(), "GB");
  EXPECT_EQ(plan->classify("+919876543210").type, NumberType::kMobile);
  EXPECT_FALSE(plan->classify("+15551234567").valid);  // 555: fictional
  EXPECT_EQ(plan->classify("+1000").length, LengthCheck::kTooShort);
  EXPECT_EQ(plan->classify("+999123456").length, LengthCheck::kInvalidCountryCode);
  // The cached answer is the same as the first.
  EXPECT_EQ(describe(plan->classify("+44 20 7946 0958")), describe(london));
}

TEST(NumberingPlan, UnknownHomeRegionIsAConfigError) {
  Result<std::shared_ptr<const NumberingPlan>> plan = NumberingPlan::create("XQ");
  ASSERT_FALSE(plan.has_value());
  EXPECT_EQ(plan.error().code, ErrorCode::kConfig);
  EXPECT_NE(plan.error().message.find("XQ"), std::string::npos);
}

// Random national numbers under the home code: lengths 1 to 14, leading digits drawn so
// that every AU range (and plenty of unassigned ones) is hit.
void expect_fast_path_matches(const char* region, const char* code, int samples) {
  auto plan = plan_for(region);
  ASSERT_TRUE(plan);
  std::mt19937_64 random(20261129);
  const char* prefixes[] = {"4",  "2",   "3",    "7",   "8", "13", "1300", "1800", "180", "190",
                            "14", "145", "1471", "163", "5", "6",  "9",    "1",    "0",   ""};
  int mismatches = 0;
  for (int i = 0; i < samples && mismatches < 10; ++i) {
    std::string number = std::string("+") + code + prefixes[random() % std::size(prefixes)];
    const int extra = static_cast<int>(random() % 12);
    for (int d = 0; d < extra; ++d) number.push_back(static_cast<char>('0' + random() % 10));
    const NumberFacts fast = plan->classify(number);
    const NumberFacts slow = plan->classify_slow(number);
    if (describe(fast) != describe(slow)) {
      ++mismatches;
      ADD_FAILURE() << number << "\n  fast: " << describe(fast) << "\n  slow: " << describe(slow);
    }
  }
}

TEST(NumberingPlan, FastPathAgreesWithLibphonenumberForAustralia) {
  expect_fast_path_matches("AU", "61", 200'000);
}

// A second home country exercises the general machinery (leading digits, many regions).
TEST(NumberingPlan, FastPathAgreesWithLibphonenumberForOtherHomes) {
  expect_fast_path_matches("GB", "44", 20'000);
  expect_fast_path_matches("US", "1", 20'000);
  expect_fast_path_matches("IN", "91", 20'000);
}

}  // namespace
}  // namespace scamguard::signalling
