// The caller-ID rule on the set-ups a carrier actually sends: national and international
// formats, every SIP spelling of a withheld number, RFC 3323 privacy, and an empty caller.

#include <gtest/gtest.h>

#include <string>

#include "scamguard/engine.h"
#include "support/test_paths.h"

namespace scamguard {
namespace {

const Engine& engine() {
  static const Engine loaded = [] {
    Result<Engine> engine = testing::load_shipped_engine();
    if (!engine) ADD_FAILURE() << engine.error().message;
    return std::move(*engine);
  }();
  return loaded;
}

Verdict verdict_for(const CallSetup& setup) {
  CallSession call = engine().open_call();
  EXPECT_TRUE(call.on_signalling(setup).has_value());
  return call.verdict();
}

CallSetup from(std::string caller) {
  CallSetup setup;
  setup.caller = std::move(caller);
  setup.callee = "+61412000999";
  setup.direction = Direction::kInbound;
  setup.ingress = Ingress::kDomestic;
  return setup;
}

bool fired(const Verdict& verdict, std::string_view symbol) {
  return verdict.find(symbol) != nullptr;
}

std::string symbols(const Verdict& verdict) {
  std::string out;
  for (const Finding& finding : verdict.findings) out += finding.symbol + " ";
  return out;
}

struct ServiceCase {
  const char* caller;
  const char* type;
};

class ServiceNumber : public ::testing::TestWithParam<ServiceCase> {};

TEST_P(ServiceNumber, NationalAndInternationalFormsAreServiceNumbersNotInvalid) {
  const Verdict verdict = verdict_for(from(GetParam().caller));
  const Finding* service = verdict.find("CID_SERVICE_NUMBER");
  ASSERT_NE(service, nullptr) << GetParam().caller << ": " << symbols(verdict);
  EXPECT_NE(service->options.front().find(std::string("type=") + GetParam().type),
            std::string::npos)
      << service->options.front();
  EXPECT_FALSE(fired(verdict, "CID_INVALID")) << symbols(verdict);
  EXPECT_FALSE(fired(verdict, "CID_WRONG_LENGTH")) << symbols(verdict);
}

INSTANTIATE_TEST_SUITE_P(CallerId, ServiceNumber,
                         ::testing::Values(ServiceCase{"1300123456", "shared_cost"},
                                           ServiceCase{"1300 975 707", "shared_cost"},
                                           ServiceCase{"1800160401", "toll_free"},
                                           ServiceCase{"131450", "shared_cost"},
                                           ServiceCase{"1900123456", "premium_rate"},
                                           ServiceCase{"+611300975707", "shared_cost"},
                                           ServiceCase{"611300975707", "shared_cost"},
                                           ServiceCase{"+611800160401", "toll_free"},
                                           ServiceCase{"+61131450", "shared_cost"}));

class OrdinaryNumber : public ::testing::TestWithParam<const char*> {};

TEST_P(OrdinaryNumber, ValidNumbersInEveryFormAreNotFlagged) {
  const Verdict verdict = verdict_for(from(GetParam()));
  for (const char* symbol :
       {"CID_INVALID", "CID_WRONG_LENGTH", "CID_SERVICE_NUMBER", "CID_WITHHELD"}) {
    EXPECT_FALSE(fired(verdict, symbol)) << GetParam() << ": " << symbols(verdict);
  }
}

INSTANTIATE_TEST_SUITE_P(CallerId, OrdinaryNumber,
                         ::testing::Values("+61412345678", "61412345678", "0412345678",
                                           "0412 345 678", "+61298765432", "0298765432",
                                           "+12025550123", "12025550123", "+442079460000"));

TEST(CallerId, A1PrefixedNumberThatIsNotAHomeNumberIsStillReadAsNorthAmerican) {
  // "12025550123" is not a valid Australian number as dialled, so it stays +1 202 ...
  const Verdict verdict = verdict_for(from("12025550999"));
  EXPECT_FALSE(fired(verdict, "CID_SERVICE_NUMBER")) << symbols(verdict);
  EXPECT_FALSE(fired(verdict, "CID_WRONG_LENGTH")) << symbols(verdict);
}

class WithheldSpelling : public ::testing::TestWithParam<const char*> {};

TEST_P(WithheldSpelling, IsWithheldNeverInvalid) {
  const Verdict verdict = verdict_for(from(GetParam()));
  EXPECT_TRUE(fired(verdict, "CID_WITHHELD")) << "'" << GetParam() << "': " << symbols(verdict);
  EXPECT_FALSE(fired(verdict, "CID_INVALID")) << "'" << GetParam() << "': " << symbols(verdict);
  EXPECT_NE(verdict.action, Action::kBlock) << GetParam();
}

INSTANTIATE_TEST_SUITE_P(CallerId, WithheldSpelling,
                         ::testing::Values("anonymous", "Anonymous", "ANONYMOUS", "unavailable",
                                           "Unavailable", "restricted", "Restricted", "unknown",
                                           "Unknown", "withheld", "private", "Private",
                                           "sip:anonymous@anonymous.invalid",
                                           "anonymous@anonymous.invalid", "tel:restricted", ""));

TEST(CallerId, MissingCallerIsWithheld) {
  CallSetup setup;  // no caller at all, on a set-up a carrier filled in
  setup.callee = "+61412000999";
  setup.direction = Direction::kInbound;
  const Verdict verdict = verdict_for(setup);
  const Finding* withheld = verdict.find("CID_WITHHELD");
  ASSERT_NE(withheld, nullptr) << symbols(verdict);
  EXPECT_EQ(withheld->options.front(), "caller=(empty)");
}

// A set-up with nothing but a direction (a corpus call without "setup", a phone app that knows
// only who rang whom) does not know the caller ID; and an outbound call's caller is the user.
TEST(CallerId, DirectionOnlyOrOutboundSetupJudgesNoCallerId) {
  CallSetup direction_only;
  direction_only.direction = Direction::kInbound;
  EXPECT_EQ(verdict_for(direction_only).find("CID_WITHHELD"), nullptr);
  CallSetup outbound = from("");
  outbound.direction = Direction::kOutbound;
  EXPECT_EQ(verdict_for(outbound).find("CID_WITHHELD"), nullptr);
}

TEST(CallerId, WithheldWithAssertedIdentityIsNotFlagged) {
  for (const char* caller : {"anonymous", "Anonymous", "unavailable", ""}) {
    CallSetup setup = from(caller);
    setup.asserted_identity = "+61298761234";
    setup.privacy = "id";
    const Verdict verdict = verdict_for(setup);
    EXPECT_FALSE(fired(verdict, "CID_WITHHELD")) << "'" << caller << "': " << symbols(verdict);
  }
}

class PrivacyHeader : public ::testing::TestWithParam<const char*> {};

TEST_P(PrivacyHeader, HidingTheIdentityIsWithheldAndTheNumberIsStillChecked) {
  CallSetup setup = from("+61412345678");
  setup.privacy = GetParam();
  const Verdict verdict = verdict_for(setup);
  const Finding* withheld = verdict.find("CID_WITHHELD");
  ASSERT_NE(withheld, nullptr) << GetParam() << ": " << symbols(verdict);
  EXPECT_EQ(withheld->options.front(), std::string("privacy=") + GetParam());
  EXPECT_FALSE(fired(verdict, "CID_INVALID"));

  setup.caller = "1300123456";  // a service number behind the privacy request still counts
  EXPECT_TRUE(fired(verdict_for(setup), "CID_SERVICE_NUMBER"));
}

INSTANTIATE_TEST_SUITE_P(CallerId, PrivacyHeader,
                         ::testing::Values("id", "user", "header", "header;id", "ID",
                                           "session; user", "id;critical"));

TEST(CallerId, PrivacyNoneOrSessionOnlyDoesNotWithhold) {
  for (const char* privacy : {"none", "session", "critical", ""}) {
    CallSetup setup = from("+61412345678");
    setup.privacy = privacy;
    EXPECT_FALSE(fired(verdict_for(setup), "CID_WITHHELD")) << privacy;
  }
}

// The brand in a display name, from the brands, banks and authorities lists.
std::string brands_named(const std::string& display_name, const char* caller = "+61412345678") {
  CallSetup setup = from(caller);
  setup.display_name = display_name;
  const Verdict verdict = verdict_for(setup);
  const Finding* brand = verdict.find("CNAM_BRAND");
  if (brand == nullptr) return "";
  std::string out;
  for (const std::string& option : brand->options) out += option + " ";
  return out;
}

// Many forms are patterns ("apple (support|care|id|...)", "publishers? clearing ?house"), as in
// a transcript; the names were once compared with them as plain text, so none of these matched.
TEST(CallerId, DisplayNamesMatchBrandFormsWrittenAsPatterns) {
  EXPECT_EQ(brands_named("APPLE SUPPORT"), "name=apple ");
  EXPECT_EQ(brands_named("Google Account"), "name=google ");
  EXPECT_EQ(brands_named("WINDOWS DEFENDER"), "name=microsoft ");
  EXPECT_EQ(brands_named("PUBLISHER CLEARINGHOUSE"), "name=publishers clearing house ");
}

TEST(CallerId, DisplayNamesMatchWholeWordsOnly) {
  EXPECT_EQ(brands_named("PINEAPPLE SUPPORTS"), "");
  EXPECT_EQ(brands_named("AMAZONIA TOURS"), "");
  EXPECT_EQ(brands_named("J SMITH"), "");
}

// One finding per brand however many of its forms match, each brand once, in list order.
TEST(CallerId, EachBrandInADisplayNameIsNamedOnce) {
  EXPECT_EQ(brands_named("AMAZON PRIME"), "name=amazon ");
  EXPECT_EQ(brands_named("PAYPAL AMAZON"), "name=amazon name=paypal ");
}

TEST(CallerId, ABrandOnItsRegisteredNumberIsNoMismatch) {
  CallSetup setup = from("+61370100002");  // lists/brand_outbound.txt: telstra
  setup.display_name = "TELSTRA";
  EXPECT_TRUE(fired(verdict_for(setup), "CNAM_BRAND"));
  EXPECT_FALSE(fired(verdict_for(setup), "CNAM_BRAND_NUMBER_MISMATCH"))
      << symbols(verdict_for(setup));
  setup.caller = "+61412345678";
  EXPECT_TRUE(fired(verdict_for(setup), "CNAM_BRAND_NUMBER_MISMATCH"));
}

}  // namespace
}  // namespace scamguard
