// Spoken numbers to digits (text/number_words.h).

#include "text/number_words.h"

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

namespace scamguard::text {
namespace {

std::string spoken(std::vector<std::string_view> words) {
  std::string out;
  append_spoken_number(words, out);
  return out;
}

TEST(NumberWords, LooksUpUnits) {
  auto nine = lookup_number_word("nine");
  ASSERT_TRUE(nine.has_value());
  EXPECT_EQ(nine->kind, NumberWordKind::kUnit);
  EXPECT_EQ(nine->value, 9u);
  auto zero = lookup_number_word("zero");
  ASSERT_TRUE(zero.has_value());
  EXPECT_EQ(zero->value, 0u);
}

TEST(NumberWords, LooksUpTeensTensAndScales) {
  auto fifteen = lookup_number_word("fifteen");
  ASSERT_TRUE(fifteen.has_value());
  EXPECT_EQ(fifteen->kind, NumberWordKind::kTeen);
  EXPECT_EQ(fifteen->value, 15u);
  auto forty = lookup_number_word("forty");
  ASSERT_TRUE(forty.has_value());
  EXPECT_EQ(forty->kind, NumberWordKind::kTens);
  EXPECT_EQ(forty->value, 40u);
  auto hundred = lookup_number_word("hundred");
  ASSERT_TRUE(hundred.has_value());
  EXPECT_EQ(hundred->kind, NumberWordKind::kHundred);
  EXPECT_EQ(hundred->value, 100u);
  auto thousand = lookup_number_word("thousand");
  ASSERT_TRUE(thousand.has_value());
  EXPECT_EQ(thousand->kind, NumberWordKind::kScale);
  EXPECT_EQ(thousand->value, 1000u);
  auto million = lookup_number_word("million");
  ASSERT_TRUE(million.has_value());
  EXPECT_EQ(million->value, 1000000u);
}

TEST(NumberWords, RejectsOtherWords) {
  EXPECT_FALSE(lookup_number_word("dollars").has_value());
  EXPECT_FALSE(lookup_number_word("").has_value());
  EXPECT_FALSE(lookup_number_word("nineteenth").has_value());
}

TEST(NumberWords, SingleUnit) { EXPECT_EQ(spoken({"nine"}), "9"); }

TEST(NumberWords, PriceSaidAsTwoParts) { EXPECT_EQ(spoken({"one", "forty", "nine"}), "149"); }

TEST(NumberWords, TensAndUnit) { EXPECT_EQ(spoken({"forty", "nine"}), "49"); }

TEST(NumberWords, HundredsWithAnd) {
  EXPECT_EQ(spoken({"one", "hundred", "and", "forty", "nine"}), "149");
}

TEST(NumberWords, ThousandsWithAnd) {
  EXPECT_EQ(spoken({"two", "thousand", "and", "five"}), "2005");
}

TEST(NumberWords, DigitByDigit) { EXPECT_EQ(spoken({"eight", "four", "four"}), "844"); }

TEST(NumberWords, YearSaidAsTwoParts) { EXPECT_EQ(spoken({"nineteen", "ninety"}), "1990"); }

TEST(NumberWords, AppendsToExistingOutput) {
  std::string out = "pay ";
  std::vector<std::string_view> words = {"two", "hundred"};
  append_spoken_number(words, out);
  EXPECT_EQ(out, "pay 200");
}

}  // namespace
}  // namespace scamguard::text
