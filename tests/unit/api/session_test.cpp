// CallSession through the public API only (include/scamguard/): refusals leave the call as
// it was, the verdict explains its score, findings say when, the engine is shareable.

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "scamguard/scamguard.h"
#include "support/test_paths.h"

namespace scamguard {
namespace {

using testing::TempDir;
using testing::write_text;

// The news-report call (THE-SCAM.md), as a speech recogniser would write it.
std::vector<Turn> news_report_turns() {
  return {
      {Speaker::kRemote, "hello sir i am calling from amazon customer care about your cashback"},
      {Speaker::kUser, "oh okay what cashback"},
      {Speaker::kRemote,
       "you have a gift of cashback sir please download any desk from the "
       "play store and read me the nine digit code on your screen"},
      {Speaker::kUser, "its one two three four five six seven eight nine"},
      {Speaker::kRemote,
       "sir your security software has crashed so the cashback cannot be paid "
       "you need to pay one forty nine dollars to repair the security"},
      {Speaker::kRemote, "now please log in to your bank account so i can send the refund"},
  };
}

CallSetup news_report_setup() {
  CallSetup setup;
  setup.caller = "+61412345678";
  setup.callee = "+61298765432";
  setup.direction = Direction::kInbound;
  setup.ingress = Ingress::kInternational;
  setup.ingress_country = "IN";
  return setup;
}

// A verdict's observable content, for "changes nothing" comparisons.
std::string snapshot(const Verdict& verdict) {
  std::string out = std::string(to_string(verdict.action)) + " " + std::to_string(verdict.score);
  for (const Finding& finding : verdict.findings) {
    out += "\n" + finding.symbol + " " + std::to_string(finding.score) + " turn " +
           std::to_string(finding.turn);
    for (const std::string& option : finding.options) out += " " + option;
  }
  return out;
}

double sum_of_findings(const Verdict& verdict) {
  double sum = 0.0;
  for (const Finding& finding : verdict.findings) sum += finding.score;
  return sum;
}

bool has_option(const Finding* finding, const std::string& option) {
  return finding && std::find(finding->options.begin(), finding->options.end(), option) !=
                        finding->options.end();
}

class CallSessionTest : public ::testing::Test {
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
  static const Engine& engine() { return *engine_; }

 private:
  static inline Engine* engine_ = nullptr;
};

TEST_F(CallSessionTest, NewCallIsAllowWithNoFindings) {
  CallSession call = engine().open_call();
  EXPECT_EQ(call.verdict().action, Action::kAllow);
  EXPECT_EQ(call.verdict().score, 0.0);
  EXPECT_TRUE(call.verdict().findings.empty());
  EXPECT_EQ(call.turn_count(), 0);
  EXPECT_DOUBLE_EQ(call.verdict().warn_score, engine().warn_score());
  EXPECT_DOUBLE_EQ(call.verdict().block_score, engine().block_score());
}

TEST_F(CallSessionTest, SetupAfterTurnIsRefusedAndChangesNothing) {
  CallSession call = engine().open_call();
  ASSERT_TRUE(call.on_turn({Speaker::kRemote, "hello i am calling from amazon"}));
  const std::string before = snapshot(call.verdict());
  Status status = call.on_signalling(news_report_setup());
  ASSERT_FALSE(status.has_value());
  EXPECT_EQ(status.error().code, ErrorCode::kInvalidInput);
  EXPECT_EQ(snapshot(call.verdict()), before);
  EXPECT_EQ(call.verdict().find("CID_INTL_PRESENTS_DOMESTIC"), nullptr);
  EXPECT_EQ(call.turn_count(), 1);
  // The call goes on normally.
  EXPECT_TRUE(call.on_turn({Speaker::kUser, "okay"}));
  EXPECT_EQ(call.turn_count(), 2);
}

TEST_F(CallSessionTest, SecondSetupIsRefusedAndChangesNothing) {
  CallSession call = engine().open_call();
  CallSetup outbound;
  outbound.direction = Direction::kOutbound;
  ASSERT_TRUE(call.on_signalling(outbound));
  const std::string before = snapshot(call.verdict());
  Status status = call.on_signalling(news_report_setup());
  ASSERT_FALSE(status.has_value());
  EXPECT_EQ(status.error().code, ErrorCode::kInvalidInput);
  EXPECT_EQ(snapshot(call.verdict()), before);
}

TEST_F(CallSessionTest, OversizedTurnIsRefusedAndChangesNothing) {
  CallSession call = engine().open_call();
  ASSERT_TRUE(call.on_signalling(news_report_setup()));
  ASSERT_TRUE(call.on_turn({Speaker::kRemote, "hello i am calling from amazon"}));
  const std::string before = snapshot(call.verdict());

  std::string huge;
  while (huge.size() <= 64 * 1024) huge += "please install any desk and read me the code ";
  Status status = call.on_turn({Speaker::kRemote, huge});
  ASSERT_FALSE(status.has_value());
  EXPECT_EQ(status.error().code, ErrorCode::kInvalidInput);
  EXPECT_EQ(call.turn_count(), 1);
  EXPECT_EQ(snapshot(call.verdict()), before);
  EXPECT_EQ(call.verdict().find("REMOTE_TOOL_NAMED"), nullptr);

  // The next turn gets index 1, as if the refused one never came.
  ASSERT_TRUE(call.on_turn({Speaker::kRemote, "please install any desk"}));
  const Finding* named = call.verdict().find("REMOTE_TOOL_NAMED");
  ASSERT_NE(named, nullptr);
  EXPECT_EQ(named->turn, 1);
}

TEST_F(CallSessionTest, TurnOfExactlyTheLimitIsAccepted) {
  CallSession call = engine().open_call();
  std::string text(64 * 1024, 'a');
  for (size_t i = 7; i < text.size(); i += 8) text[i] = ' ';
  EXPECT_TRUE(call.on_turn({Speaker::kRemote, text}));
  EXPECT_EQ(call.turn_count(), 1);
}

TEST_F(CallSessionTest, InvalidUtf8TurnIsScoredNotRefused) {
  CallSession call = engine().open_call();
  const std::string text = std::string("please install any") + "\xff\xfe" + " desk \xc3";
  ASSERT_TRUE(call.on_turn({Speaker::kRemote, text}));
  EXPECT_EQ(call.turn_count(), 1);
  EXPECT_TRUE(has_option(call.verdict().find("REMOTE_TOOL_NAMED"), "tool=anydesk"));
}

TEST_F(CallSessionTest, VerdictScoreEqualsSumOfFindingScores) {
  CallSession call = engine().open_call();
  ASSERT_TRUE(call.on_signalling(news_report_setup()));
  EXPECT_NEAR(call.verdict().score, sum_of_findings(call.verdict()), 0.01);
  for (const Turn& turn : news_report_turns()) {
    ASSERT_TRUE(call.on_turn(turn));
    EXPECT_NEAR(call.verdict().score, sum_of_findings(call.verdict()), 0.01)
        << snapshot(call.verdict());
  }
  ASSERT_TRUE(call.on_device_event({DeviceEventType::kAppStarted, "anydesk"}));
  ASSERT_TRUE(call.on_device_event({DeviceEventType::kBankingOpened, "commbank"}));
  EXPECT_NEAR(call.verdict().score, sum_of_findings(call.verdict()), 0.01)
      << snapshot(call.verdict());
  EXPECT_FALSE(call.verdict().findings.empty());
}

TEST_F(CallSessionTest, ActionFollowsThresholds) {
  CallSession call = engine().open_call();
  ASSERT_TRUE(call.on_signalling(news_report_setup()));
  for (const Turn& turn : news_report_turns()) {
    ASSERT_TRUE(call.on_turn(turn));
    const Verdict& verdict = call.verdict();
    const Action expected = verdict.score >= verdict.block_score  ? Action::kBlock
                            : verdict.score >= verdict.warn_score ? Action::kWarn
                                                                  : Action::kAllow;
    EXPECT_EQ(verdict.action, expected) << snapshot(verdict);
  }
}

TEST_F(CallSessionTest, FindingsCarryTurnIndex) {
  CallSession call = engine().open_call();
  ASSERT_TRUE(call.on_signalling(news_report_setup()));
  ASSERT_TRUE(call.on_turn({Speaker::kRemote, "hello"}));
  ASSERT_TRUE(call.on_turn({Speaker::kUser, "hello who is this"}));
  ASSERT_TRUE(call.on_turn({Speaker::kRemote, "please download any desk"}));
  ASSERT_TRUE(call.on_turn({Speaker::kUser, "okay"}));
  ASSERT_TRUE(call.on_turn({Speaker::kRemote, "did you download any desk yet"}));

  const Verdict& verdict = call.verdict();
  const Finding* signalling = verdict.find("CID_INTL_PRESENTS_DOMESTIC");
  ASSERT_NE(signalling, nullptr) << snapshot(verdict);
  EXPECT_EQ(signalling->turn, kBeforeFirstTurn);
  const Finding* named = verdict.find("REMOTE_TOOL_NAMED");
  ASSERT_NE(named, nullptr) << snapshot(verdict);
  EXPECT_EQ(named->turn, 2) << "a finding keeps the turn where it first fired";
  // Findings are listed in the order they fired.
  for (size_t i = 1; i < verdict.findings.size(); ++i) {
    EXPECT_LE(verdict.findings[i - 1].turn, verdict.findings[i].turn) << snapshot(verdict);
  }
}

TEST_F(CallSessionTest, DeviceFindingTakesTurnOfPrecedingTurn) {
  CallSession call = engine().open_call();
  ASSERT_TRUE(call.on_turn({Speaker::kRemote, "hello"}));
  ASSERT_TRUE(call.on_turn({Speaker::kUser, "hi"}));
  ASSERT_TRUE(call.on_device_event({DeviceEventType::kAppStarted, "anydesk"}));
  const Finding* started = call.verdict().find("DEVICE_REMOTE_TOOL_STARTED");
  ASSERT_NE(started, nullptr) << snapshot(call.verdict());
  EXPECT_EQ(started->turn, 1);
}

TEST_F(CallSessionTest, RuleSymbolCarriesOptionEvidence) {
  CallSession call = engine().open_call();
  ASSERT_TRUE(call.on_turn({Speaker::kRemote, "please download any desk from the play store"}));
  const Finding* named = call.verdict().find("REMOTE_TOOL_NAMED");
  ASSERT_NE(named, nullptr) << snapshot(call.verdict());
  EXPECT_EQ(named->group, "remote_access");
  EXPECT_EQ(named->stage, Stage::kRemoteAccess);
  EXPECT_TRUE(has_option(named, "tool=anydesk")) << snapshot(call.verdict());

  ASSERT_TRUE(call.on_turn({Speaker::kRemote, "or if that fails install team viewer"}));
  named = call.verdict().find("REMOTE_TOOL_NAMED");
  EXPECT_TRUE(has_option(named, "tool=anydesk")) << snapshot(call.verdict());
  EXPECT_TRUE(has_option(named, "tool=teamviewer")) << snapshot(call.verdict());
}

TEST_F(CallSessionTest, DeviceEventCarriesAppEvidence) {
  CallSession call = engine().open_call();
  ASSERT_TRUE(call.on_device_event({DeviceEventType::kAppStarted, "com.anydesk.anydeskandroid"}));
  EXPECT_TRUE(has_option(call.verdict().find("DEVICE_REMOTE_TOOL_STARTED"), "app=anydesk"))
      << snapshot(call.verdict());
}

TEST_F(CallSessionTest, BankingDuringRemoteSessionFires) {
  CallSession call = engine().open_call();
  ASSERT_TRUE(call.on_device_event({DeviceEventType::kBankingOpened, "commbank"}));
  EXPECT_EQ(call.verdict().find("DEVICE_BANKING_DURING_REMOTE"), nullptr)
      << "banking alone is not evidence";
  ASSERT_TRUE(call.on_device_event({DeviceEventType::kRemoteSessionStarted, ""}));
  ASSERT_TRUE(call.on_device_event({DeviceEventType::kBankingOpened, "commbank"}));
  EXPECT_NE(call.verdict().find("DEVICE_BANKING_DURING_REMOTE"), nullptr)
      << snapshot(call.verdict());
}

TEST_F(CallSessionTest, VerdictFindReturnsNullForAbsentSymbol) {
  CallSession call = engine().open_call();
  ASSERT_TRUE(call.on_turn({Speaker::kUser, "hello"}));
  EXPECT_EQ(call.verdict().find("NO_SUCH_SYMBOL"), nullptr);
}

TEST_F(CallSessionTest, MovedSessionKeepsItsState) {
  CallSession call = engine().open_call();
  ASSERT_TRUE(call.on_turn({Speaker::kRemote, "please install any desk"}));
  CallSession moved = std::move(call);
  EXPECT_EQ(moved.turn_count(), 1);
  EXPECT_NE(moved.verdict().find("REMOTE_TOOL_NAMED"), nullptr);
  ASSERT_TRUE(moved.on_turn({Speaker::kUser, "ok"}));
  EXPECT_EQ(moved.turn_count(), 2);
}

TEST_F(CallSessionTest, SessionOutlivesItsEngineObject) {
  std::optional<CallSession> call;
  {
    Result<Engine> local = testing::load_shipped_engine();
    ASSERT_TRUE(local.has_value()) << local.error().message;
    call.emplace(local->open_call());
  }
  ASSERT_TRUE(call->on_turn({Speaker::kRemote, "please install any desk"}));
  EXPECT_NE(call->verdict().find("REMOTE_TOOL_NAMED"), nullptr);
}

TEST(CallSession, GroupCapApplies) {
  // A site caps pressure at 1.0: however many pressure phrases fire, the group adds 1.0.
  TempDir dir;
  write_text(dir.path() / "local.d" / "scores.toml", "[pressure]\nmax_score = 1.0\n");
  EngineOptions options = testing::shipped_engine_options();
  options.local_dir = (dir.path() / "local.d").string();
  Result<Engine> engine = Engine::load(options);
  ASSERT_TRUE(engine.has_value()) << engine.error().message;

  std::map<std::string, double> defaults;
  for (const SymbolInfo& info : engine->symbols()) defaults[info.symbol] = info.score;

  CallSession call = engine->open_call();
  ASSERT_TRUE(call.on_turn({Speaker::kRemote, "do not hang up this call"}));
  ASSERT_TRUE(call.on_turn({Speaker::kRemote, "and dont tell anyone at your bank about this"}));
  ASSERT_TRUE(call.on_turn({Speaker::kRemote, "you will be arrested if you do not cooperate"}));

  int pressure_findings = 0;
  double uncapped = 0.0;
  double capped = 0.0;
  for (const Finding& finding : call.verdict().findings) {
    if (finding.group != "pressure") continue;
    ++pressure_findings;
    uncapped += defaults[finding.symbol];
    capped += finding.score;
  }
  ASSERT_GE(pressure_findings, 2) << snapshot(call.verdict());
  ASSERT_GT(uncapped, 1.0);
  EXPECT_NEAR(capped, 1.0, 1e-9) << snapshot(call.verdict());
  EXPECT_NEAR(call.verdict().score, sum_of_findings(call.verdict()), 0.01);
}

TEST(CallSession, EngineSharedAcrossThreadsGivesIdenticalVerdicts) {
  // Traffic across calls is shared state by design (scamguard/traffic_store.h): the 200 identical
  // set-ups below would rightly trip the rate rules. This test is about the compiled rules.
  TempDir dir;
  write_text(dir.path() / "local.d" / "scamguard.toml", "[traffic]\nenabled = false\n");
  EngineOptions options = testing::shipped_engine_options();
  options.local_dir = (dir.path() / "local.d").string();
  Result<Engine> engine = Engine::load(options);
  ASSERT_TRUE(engine.has_value()) << engine.error().message;
  const Engine& shared = *engine;

  constexpr int kThreads = 4;
  constexpr int kRepeats = 50;
  std::vector<std::vector<std::string>> results(kThreads);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&shared, &results, t] {
      for (int repeat = 0; repeat < kRepeats; ++repeat) {
        CallSession call = shared.open_call();
        std::string steps;
        if (!call.on_signalling(news_report_setup())) steps += "setup refused\n";
        steps += snapshot(call.verdict()) + "\n";
        for (const Turn& turn : news_report_turns()) {
          if (!call.on_turn(turn)) steps += "turn refused\n";
          steps += snapshot(call.verdict()) + "\n";
        }
        if (!call.on_device_event({DeviceEventType::kAppStarted, "anydesk"})) steps += "refused\n";
        if (!call.on_device_event({DeviceEventType::kBankingOpened, "commbank"})) {
          steps += "refused\n";
        }
        steps += snapshot(call.verdict());
        results[static_cast<size_t>(t)].push_back(std::move(steps));
      }
    });
  }
  for (std::thread& thread : threads) thread.join();

  const std::string& reference = results[0][0];
  EXPECT_EQ(reference.find("refused"), std::string::npos) << reference;
  for (int t = 0; t < kThreads; ++t) {
    ASSERT_EQ(results[static_cast<size_t>(t)].size(), static_cast<size_t>(kRepeats));
    for (const std::string& steps : results[static_cast<size_t>(t)]) {
      EXPECT_EQ(steps, reference) << "thread " << t;
    }
  }
}

}  // namespace
}  // namespace scamguard
