#include "campaign/indicators.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "campaign_test_support.h"

namespace scamguard::campaign {
namespace {

using testing::remote_turns;
using testing::shipped_extractor;

std::vector<Indicator> extract(const std::vector<Turn>& turns, const CallSetup* setup = nullptr) {
  return shipped_extractor().extract(setup, turns);
}

std::vector<std::string> values(const std::vector<Indicator>& indicators, IndicatorKind kind) {
  std::vector<std::string> out;
  for (const Indicator& indicator : indicators) {
    if (indicator.kind == kind) out.push_back(indicator.value);
  }
  return out;
}

TEST(Indicators, CallbackNumberSpokenAsWordsIsFoundInE164) {
  auto found = extract(remote_turns(
      {"hello", "call us back on one eight four four five five five zero one two three okay"}));
  EXPECT_EQ(values(found, IndicatorKind::kCallbackNumber),
            std::vector<std::string>{"+18445550123"});
  ASSERT_FALSE(found.empty());
  auto number = std::find_if(found.begin(), found.end(), [](const Indicator& i) {
    return i.kind == IndicatorKind::kCallbackNumber;
  });
  EXPECT_EQ(number->turn, 1);
}

TEST(Indicators, NationalNumbersAreReadInTheHomeCountry) {
  auto found = extract(remote_turns({"ring our refund desk on 1800 123 456 any time"}));
  EXPECT_EQ(values(found, IndicatorKind::kCallbackNumber),
            std::vector<std::string>{"+611800123456"});
}

TEST(Indicators, TheUsersOwnWordsAreNeverRead) {
  std::vector<Turn> turns = {{Speaker::kUser, "my number is 0412 345 678 and i use anydesk"},
                             {Speaker::kRemote, "thank you"}};
  EXPECT_TRUE(extract(turns).empty());
}

TEST(Indicators, SessionCodeReadOutIsARemoteIdNotAPhoneNumber) {
  auto found =
      extract(remote_turns({"open anydesk and enter the code 482 913 then press connect",
                            "my teamviewer id is four one two three four five six seven eight"}));
  EXPECT_EQ(values(found, IndicatorKind::kRemoteId),
            (std::vector<std::string>{"482913", "412345678"}));
  EXPECT_EQ(values(found, IndicatorKind::kRemoteTool),
            (std::vector<std::string>{"anydesk", "teamviewer"}));
  EXPECT_TRUE(values(found, IndicatorKind::kCallbackNumber).empty());
}

TEST(Indicators, AccountToPayIntoIsAPaymentAccount) {
  auto found = extract(remote_turns({"send it to bsb 062 000 account number 1234 5678 today"}));
  EXPECT_EQ(values(found, IndicatorKind::kPaymentAccount),
            (std::vector<std::string>{"062000", "12345678"}));
  EXPECT_TRUE(values(found, IndicatorKind::kCallbackNumber).empty());
}

TEST(Indicators, WebAddressesSpokenWithDot) {
  auto found = extract(remote_turns({"go to any desk dot com and then to www.help-fix.net",
                                     "the page is refund portal dot com dot au"}));
  EXPECT_EQ(values(found, IndicatorKind::kWebAddress),
            (std::vector<std::string>{"anydesk.com", "fix.net", "portal.com.au"}));
}

TEST(Indicators, AmountsKeepTheirCurrency) {
  auto found = extract(remote_turns({"the fee is $149.99 or 200 bucks", "it costs 12 minutes"}));
  EXPECT_EQ(values(found, IndicatorKind::kAmount),
            (std::vector<std::string>{"149.99 dollars", "200 dollars"}));
}

TEST(Indicators, GiftCardBrandOnlyWhenCardsAreAskedFor) {
  EXPECT_EQ(values(extract(remote_turns({"buy two google play cards at the store"})),
                   IndicatorKind::kGiftCard),
            std::vector<std::string>{"google play"});
  EXPECT_TRUE(
      values(extract(remote_turns({"i listen to music on google play"})), IndicatorKind::kGiftCard)
          .empty());
}

TEST(Indicators, GiftCardBrandOnlyWhereTheWordsNameAGiftCard) {
  // A card, voucher or code right after the brand, or a card word just before it.
  for (const char* turn : {"go and buy an amazon gift card", "read me the steam wallet codes",
                           "get two itunes vouchers", "the google play card number please",
                           "we only accept gift cards from target"}) {
    EXPECT_EQ(values(extract(remote_turns({turn})), IndicatorKind::kGiftCard).size(), 1u) << turn;
  }
  // "Gift" or "card" elsewhere in the turn does not make the brand a gift card.
  for (const char* turn :
       {"you have won a free gift from amazon", "this is amazon about a gift",
        "your card was charged by amazon for the order", "amazon sent you a gift card last year"}) {
    EXPECT_TRUE(values(extract(remote_turns({turn})), IndicatorKind::kGiftCard).empty()) << turn;
  }
}

TEST(Indicators, ClaimedBrandNeedsAClaim) {
  EXPECT_EQ(values(extract(remote_turns({"hello this is amazon customer service"})),
                   IndicatorKind::kBrand),
            std::vector<std::string>{"amazon"});
  EXPECT_TRUE(values(extract(remote_turns({"amazon prices went up again"})), IndicatorKind::kBrand)
                  .empty());
}

TEST(Indicators, SetUpGivesCallerIdAndTrunkBeforeTheFirstTurn) {
  CallSetup setup;
  setup.caller = "+61298765432";
  setup.trunk = "gw-07";
  auto found = extract(remote_turns({"hello"}), &setup);
  ASSERT_EQ(found.size(), 2u);
  EXPECT_EQ(found[0], (Indicator{IndicatorKind::kCallerId, "+61298765432", kSetupTurn}));
  EXPECT_EQ(found[1], (Indicator{IndicatorKind::kTrunk, "gw-07", kSetupTurn}));
}

TEST(Indicators, EachValueOnceAtItsFirstTurn) {
  auto found = extract(remote_turns({"call 1800 123 456", "again that is 1800 123 456"}));
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].turn, 0);
}

TEST(Indicators, KindNamesRoundTrip) {
  for (int k = 0; k < kIndicatorKindCount; ++k) {
    const auto kind = static_cast<IndicatorKind>(k);
    EXPECT_EQ(parse_indicator_kind(to_string(kind)), kind);
  }
  EXPECT_FALSE(parse_indicator_kind("nonsense"));
  EXPECT_TRUE(is_strong(IndicatorKind::kCallbackNumber));
  EXPECT_TRUE(is_strong(IndicatorKind::kRemoteId));
  EXPECT_TRUE(is_strong(IndicatorKind::kPaymentAccount));
  EXPECT_FALSE(is_strong(IndicatorKind::kRemoteTool));
  EXPECT_FALSE(is_strong(IndicatorKind::kCallerId));
}

TEST(Indicators, BadHomeCountryCodeIsRefused) {
  ListSet lists;
  auto letters = IndicatorExtractor::create(lists, "6x");
  ASSERT_FALSE(letters.has_value());
  EXPECT_EQ(letters.error().code, ErrorCode::kConfig);
  EXPECT_NE(letters.error().message.find("6x"), std::string::npos);
  EXPECT_FALSE(IndicatorExtractor::create(lists, "999").has_value());
  EXPECT_TRUE(IndicatorExtractor::create(lists, "44").has_value());
}

}  // namespace
}  // namespace scamguard::campaign
