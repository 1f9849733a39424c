// Warning context and negations (core/warning_context.h) suppress the phrases of every
// stage near where the warning is said, and only there; the trust model of
// src/rules/context/call_direction.cpp trusts whom the user rang, not that they rang.

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "scamguard/engine.h"
#include "support/test_paths.h"

namespace scamguard {
namespace {

class WarningContextTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    Result<Engine> loaded = testing::load_shipped_engine();
    ASSERT_TRUE(loaded.has_value()) << loaded.error().message;
    engine_ = new Engine(std::move(*loaded));
  }
  static void TearDownTestSuite() {
    delete engine_;
    engine_ = nullptr;
  }

  // The symbols fired by one remote turn of an inbound call.
  static std::vector<std::string> fired(const std::string& text,
                                        Speaker speaker = Speaker::kRemote) {
    CallSession call = engine_->open_call();
    EXPECT_TRUE(call.on_turn({speaker, text}).has_value());
    std::vector<std::string> out;
    for (const Finding& finding : call.verdict().findings) out.push_back(finding.symbol);
    return out;
  }
  static bool has(const std::vector<std::string>& symbols, const std::string& symbol) {
    return std::find(symbols.begin(), symbols.end(), symbol) != symbols.end();
  }

  static inline Engine* engine_ = nullptr;
};

struct StageCase {
  const char* stage;
  const char* symbol;
  const char* ask;      // the phrase on its own: must fire
  const char* warning;  // the same words inside a genuine caller's warning: must not
};

// One case per stage that phrases can reach. Each `ask` is checked to fire, so that a case
// whose phrase no rule matches cannot pass by accident.
const StageCase kStages[] = {
    {"remote_access", "REMOTE_ACCESS_REQUEST", "please install our support software",
     "we will never ask you to install our support software"},
    {"remote_access", "REMOTE_TOOL_NAMED", "download any desk now",
     "if anyone asks you to download any desk hang up it is a scam"},
    {"remote_access", "REMOTE_DEVICE_STEERING", "press the windows key and r",
     "we would never ask you to press the windows key and r"},
    {"harvesting", "HARVEST_ONE_TIME_CODE", "read me the one time code we sent you",
     "never share the one time code with anyone"},
    {"harvesting", "HARVEST_BANK_LOGIN", "log in to your online banking",
     "we will never ask you to log in to your online banking"},
    {"payment", "PAYMENT_GIFT_CARD", "buy google play gift cards",
     "we will never ask you to buy google play gift cards"},
    {"payment", "PAYMENT_SAFE_ACCOUNT", "move your money to a safe account",
     "the bank will never ask you to move your money to a safe account"},
    {"payment", "PAYMENT_CRYPTO", "pay the fine in bitcoin",
     "we will never ask you to pay the fine in bitcoin"},
    {"payment", "PAYMENT_ADVANCE_FEE", "there is a release fee to pay",
     "you do not need to pay any release fee"},
    {"pressure", "PRESSURE_THREAT", "you will be arrested today",
     "the tax office would never call to say you will be arrested today"},
    {"pressure", "PRESSURE_STAY_ON_LINE", "stay on the line with me",
     "that is a scam if they say stay on the line with me"},
    {"fake_problem", "FAKE_PROBLEM_INFECTION", "your computer is infected with a virus",
     "microsoft will never call to say your computer is infected with a virus"},
    {"pretext", "PRETEXT_SUSPICIOUS_ORDER", "an order has been placed on your account",
     "we will never call to say an order has been placed on your account"},
};

TEST_F(WarningContextTest, EveryStageFiresOnTheAskAndNotInsideAWarning) {
  for (const StageCase& c : kStages) {
    EXPECT_TRUE(has(fired(c.ask), c.symbol))
        << c.stage << ": '" << c.ask << "' should fire " << c.symbol;
    EXPECT_FALSE(has(fired(c.warning), c.symbol))
        << c.stage << ": '" << c.warning << "' is a warning and should not fire " << c.symbol;
  }
}

TEST_F(WarningContextTest, AWarningIsLocalInALongUndiarisedTurn) {
  const std::string warning = "we will never ask you for your password ";
  std::string filler;
  for (int i = 0; i < 12; ++i) filler += "and then we talked about the weather for a while ";
  const std::string ask = "now download any desk and read me the nine digit code on your screen";
  const std::vector<std::string> symbols = fired(warning + filler + ask, Speaker::kUnknown);
  EXPECT_TRUE(has(symbols, "REMOTE_TOOL_NAMED"));
  EXPECT_TRUE(has(symbols, "REMOTE_SESSION_CODE_REQUEST"));
  EXPECT_FALSE(has(symbols, "HARVEST_PASSWORD"));
}

TEST_F(WarningContextTest, ARulesOwnSuppressorIsLocalToo) {
  // "no remote access is ever needed" suppresses the access request it negates, not one
  // said much later in the same run-on turn.
  std::string filler;
  for (int i = 0; i < 12; ++i) filler += "and then we talked about the weather for a while ";
  EXPECT_FALSE(has(fired("we do not need remote access to fix this"), "REMOTE_ACCESS_REQUEST"));
  EXPECT_TRUE(has(fired("we do not need remote access to fix this " + filler +
                            "please install our support software",
                        Speaker::kUnknown),
                  "REMOTE_ACCESS_REQUEST"));
}

// Who placed the call is not trust; whom they rang is.
TEST_F(WarningContextTest, UserPlacedCallToUnknownNumberIsNotTrusted) {
  CallSession call = engine_->open_call();
  CallSetup setup;
  setup.direction = Direction::kOutbound;
  setup.callee = "+61255501999";
  ASSERT_TRUE(call.on_signalling(setup).has_value());
  ASSERT_TRUE(call.on_turn({Speaker::kRemote, "thank you for calling amazon support"}).has_value());
  ASSERT_TRUE(call.on_turn({Speaker::kRemote,
                            "please download any desk so i can connect to your "
                            "computer and process the refund"})
                  .has_value());
  std::vector<std::string> symbols;
  for (const Finding& finding : call.verdict().findings) symbols.push_back(finding.symbol);
  EXPECT_TRUE(has(symbols, "USER_INITIATED_CALL"));
  EXPECT_FALSE(has(symbols, "USER_CALLED_VERIFIED_NUMBER"));
  EXPECT_TRUE(has(symbols, "CALLBACK_SCAM"));
  EXPECT_NE(call.verdict().action, Action::kAllow);
}

TEST_F(WarningContextTest, OfficialNumberInAnyFormatAndSavedContactAreTrusted) {
  for (const char* callee : {"13 22 21", "+61 13 22 21", "0011 61 13 22 21"}) {
    CallSession call = engine_->open_call();
    CallSetup setup;
    setup.direction = Direction::kOutbound;
    setup.callee = callee;
    ASSERT_TRUE(call.on_signalling(setup).has_value());
    ASSERT_FALSE(call.verdict().findings.empty()) << callee;
    EXPECT_TRUE(
        std::any_of(call.verdict().findings.begin(), call.verdict().findings.end(),
                    [](const Finding& f) { return f.symbol == "USER_CALLED_VERIFIED_NUMBER"; }))
        << callee;
  }
  CallSession contact = engine_->open_call();
  CallSetup setup;
  setup.direction = Direction::kOutbound;
  setup.callee = "+61255501999";
  setup.callee_is_contact = true;
  ASSERT_TRUE(contact.on_signalling(setup).has_value());
  EXPECT_TRUE(
      std::any_of(contact.verdict().findings.begin(), contact.verdict().findings.end(),
                  [](const Finding& f) { return f.symbol == "USER_CALLED_VERIFIED_NUMBER"; }));
}

TEST_F(WarningContextTest, GreetingAloneIsNoExemption) {
  CallSession call = engine_->open_call();
  ASSERT_TRUE(
      call.on_turn({Speaker::kRemote, "thank you for calling how can i help you"}).has_value());
  for (const Finding& finding : call.verdict().findings) {
    EXPECT_GE(finding.score, 0.0) << finding.symbol;
  }
}

}  // namespace
}  // namespace scamguard
