// Engine loading and the wire names of the public enums, through the public API only.

#include <gtest/gtest.h>

#include <string>

#include "scamguard/scamguard.h"
#include "support/test_paths.h"

namespace scamguard {
namespace {

TEST(Engine, LoadsShippedConfiguration) {
  Result<Engine> engine = testing::load_shipped_engine();
  ASSERT_TRUE(engine.has_value()) << engine.error().message;
  EXPECT_GT(engine->warn_score(), 0.0);
  EXPECT_LT(engine->warn_score(), engine->block_score());
  EXPECT_FALSE(engine->symbols().empty());
}

TEST(Engine, SymbolsListRulesBeforeComposites) {
  Result<Engine> engine = testing::load_shipped_engine();
  ASSERT_TRUE(engine.has_value()) << engine.error().message;
  bool seen_composite = false;
  for (const SymbolInfo& info : engine->symbols()) {
    if (info.composite) seen_composite = true;
    EXPECT_TRUE(info.composite || !seen_composite) << info.symbol << " listed after a composite";
  }
}

TEST(Engine, MissingConfigDirIsAnError) {
  EngineOptions options;
  options.config_dir = "/nonexistent/scamguard/conf";
  Result<Engine> engine = Engine::load(options);
  ASSERT_FALSE(engine.has_value());
  EXPECT_EQ(engine.error().code, ErrorCode::kNotFound);
  EXPECT_NE(engine.error().message.find("/nonexistent/scamguard/conf"), std::string::npos);
}

// The shipped configuration carries the text model; EngineOptions::model_path replaces it
// ("" = rules only) or names another file, which must load.
TEST(Engine, ModelPathOptionReplacesTheConfiguredModel) {
  const std::string robocall =
      "this is an automated call from amazon an order for an iphone worth nine hundred ninety "
      "nine dollars has been placed on your account if you did not authorise this order press "
      "one to speak to our fraud department";
  auto fires = [&](const EngineOptions& options) {
    Result<Engine> engine = Engine::load(options);
    EXPECT_TRUE(engine.has_value()) << engine.error().message;
    if (!engine) return false;
    CallSession call = engine->open_call();
    EXPECT_TRUE(call.on_turn({Speaker::kRemote, robocall}).has_value());
    return call.verdict().find("TEXT_MODEL_SCAM") != nullptr;
  };
  EngineOptions options = testing::shipped_engine_options();
  EXPECT_TRUE(fires(options)) << "the shipped model should rate a fake-order robocall a scam";
  options.model_path = "";
  EXPECT_FALSE(fires(options)) << "model_path \"\" must run the rules only";
}

// A configured model that cannot be read (here: missing; wrong, truncated and newer files are
// the classifier tests') leaves the engine running on its rules, says why in warnings(), and
// marks every verdict with TEXT_MODEL_UNAVAILABLE.
TEST(Engine, UnreadableModelLeavesTheRulesRunning) {
  EngineOptions options = testing::shipped_engine_options();
  options.model_path = "/nonexistent/model.sgtm";
  Result<Engine> engine = Engine::load(options);
  ASSERT_TRUE(engine.has_value()) << engine.error().message;
  ASSERT_EQ(engine->warnings().size(), 1u);
  EXPECT_NE(engine->warnings()[0].find("/nonexistent/model.sgtm"), std::string::npos);
  CallSession call = engine->open_call();
  ASSERT_TRUE(call.on_turn({Speaker::kRemote,
                            "this is amazon please download anydesk and read me the nine digit "
                            "code so i can process your refund"})
                  .has_value());
  const Verdict verdict = call.verdict();
  const Finding* unavailable = verdict.find("TEXT_MODEL_UNAVAILABLE");
  ASSERT_NE(unavailable, nullptr);
  EXPECT_EQ(unavailable->score, 0.0);
  ASSERT_FALSE(unavailable->options.empty());
  EXPECT_NE(unavailable->options[0].find("/nonexistent/model.sgtm"), std::string::npos);
  EXPECT_EQ(verdict.find("TEXT_MODEL_SCAM"), nullptr);
  EXPECT_NE(verdict.find("REMOTE_TOOL_NAMED"), nullptr) << "the rules still score the call";

  Result<Engine> shipped = testing::load_shipped_engine();
  ASSERT_TRUE(shipped.has_value());
  EXPECT_TRUE(shipped->warnings().empty());
}

// The one line a phone shows: who the caller claims to be, then how far the call got, worded
// for the person and with the evidence, never the analysts' wording.
TEST(Verdict, ReasonIsOneLineForThePerson) {
  Result<Engine> engine = testing::load_shipped_engine();
  ASSERT_TRUE(engine.has_value()) << engine.error().message;
  CallSession call = engine->open_call();
  ASSERT_TRUE(call.on_turn({Speaker::kRemote, "hi mum just calling to say i will be late"}));
  EXPECT_EQ(call.verdict().reason, "");

  ASSERT_TRUE(call.on_turn({Speaker::kRemote, "i am calling from amazon customer care"}));
  EXPECT_EQ(call.verdict().reason, "Caller names a well-known company (amazon)");
  ASSERT_TRUE(call.on_turn(
      {Speaker::kRemote, "download any desk and read me the nine digit code on your screen"}));
  const std::string& reason = call.verdict().reason;
  EXPECT_EQ(reason.rfind("Caller names a well-known company (amazon); caller asks you to ", 0), 0u)
      << reason;
  EXPECT_NE(reason.find("(9 digit code)"), std::string::npos) << reason;
  for (const char* analysts : {"Remote party", "the user", "lists/", ") ("}) {
    EXPECT_EQ(reason.find(analysts), std::string::npos) << analysts << " in: " << reason;
  }
  EXPECT_NE(to_json(call.verdict()).find("\"reason\":\"" + reason + "\""), std::string::npos);
}

TEST(WireNames, RoundTrip) {
  for (Speaker speaker : {Speaker::kRemote, Speaker::kUser, Speaker::kUnknown}) {
    EXPECT_EQ(parse_speaker(to_string(speaker)), speaker);
  }
  for (Direction direction : {Direction::kUnknown, Direction::kInbound, Direction::kOutbound}) {
    EXPECT_EQ(parse_direction(to_string(direction)), direction);
  }
  for (Ingress ingress : {Ingress::kUnknown, Ingress::kDomestic, Ingress::kInternational}) {
    EXPECT_EQ(parse_ingress(to_string(ingress)), ingress);
  }
  for (DeviceEventType type :
       {DeviceEventType::kAppStarted, DeviceEventType::kAppStopped, DeviceEventType::kAppInstalled,
        DeviceEventType::kRemoteSessionStarted, DeviceEventType::kRemoteSessionEnded,
        DeviceEventType::kBankingOpened}) {
    EXPECT_EQ(parse_device_event_type(to_string(type)), type);
  }
  for (Action action : {Action::kAllow, Action::kWarn, Action::kBlock}) {
    EXPECT_EQ(parse_action(to_string(action)), action);
  }
  for (int stage = 0; stage < kStageCount; ++stage) {
    EXPECT_EQ(parse_stage(to_string(static_cast<Stage>(stage))), static_cast<Stage>(stage));
  }
}

TEST(WireNames, MatchTheCorpusFormat) {
  EXPECT_STREQ(to_string(Speaker::kRemote), "remote");
  EXPECT_STREQ(to_string(Direction::kInbound), "inbound");
  EXPECT_STREQ(to_string(Ingress::kInternational), "international");
  EXPECT_STREQ(to_string(DeviceEventType::kBankingOpened), "banking_opened");
  EXPECT_STREQ(to_string(Action::kWarn), "warn");
  EXPECT_EQ(error_code_name(ErrorCode::kInvalidInput), "invalid_input");
  EXPECT_FALSE(parse_speaker("caller").has_value());
  EXPECT_FALSE(parse_action("maybe").has_value());
}

}  // namespace
}  // namespace scamguard
