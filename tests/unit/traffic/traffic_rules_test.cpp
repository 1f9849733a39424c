// The traffic rules through the public API: a dialler's burst trips them with its figures as
// evidence, ordinary calling does not, and an unreachable backend is reported, not guessed.

#include <gtest/gtest.h>

#include <string>

#include "scamguard/engine.h"
#include "support/test_paths.h"

namespace scamguard {
namespace {

using testing::TempDir;
using testing::write_text;

constexpr int64_t kT0 = 1'764'400'000'000;

Engine load(std::shared_ptr<TrafficStore> state = nullptr, std::string local_toml = {}) {
  TempDir dir;
  EngineOptions options = testing::shipped_engine_options();
  if (!local_toml.empty()) {
    write_text(dir.path() / "local.d" / "scamguard.toml", local_toml);
    options.local_dir = (dir.path() / "local.d").string();
  }
  options.traffic_store = std::move(state);
  Result<Engine> engine = Engine::load(options);
  EXPECT_TRUE(engine.has_value()) << engine.error().message;
  return std::move(*engine);
}

CallSetup setup(std::string caller, uint64_t callee, int64_t time_ms, std::string trunk = "") {
  CallSetup s;
  s.caller = std::move(caller);
  s.callee = "+" + std::to_string(callee);
  s.direction = Direction::kInbound;
  s.ingress = Ingress::kDomestic;
  s.trunk = std::move(trunk);
  s.time_ms = time_ms;
  return s;
}

const Finding* find(const Verdict& verdict, std::string_view symbol) {
  return verdict.find(symbol);
}

std::string options_of(const Finding* finding) {
  std::string out;
  if (finding) {
    for (const std::string& option : finding->options) out += option + " ";
  }
  return out;
}

TEST(TrafficRules, DiallerBurstTripsRateAndSequential) {
  Engine engine = load();
  Verdict last;
  for (int i = 0; i < 8; ++i) {
    CallSession call = engine.open_call();
    ASSERT_TRUE(call.on_signalling(setup("+61298761111", 61412000100 + i, kT0 + i * 2000)));
    last = call.verdict();
  }
  const Finding* rate = find(last, "TRAFFIC_CALLER_RATE");
  ASSERT_NE(rate, nullptr);
  EXPECT_EQ(options_of(rate), "attempts_60s=8,attempts_600s=8 ");
  const Finding* sequential = find(last, "TRAFFIC_CALLER_SEQUENTIAL");
  ASSERT_NE(sequential, nullptr);
  EXPECT_EQ(options_of(sequential), "neighbours=7,block=100 ");
  EXPECT_EQ(find(last, "STATE_UNAVAILABLE"), nullptr);
}

// A call the protected user placed has the user's own number as the caller: ringing round
// eight numbers in a minute (looking for a helpline) is not a dialler, and is not counted.
TEST(TrafficRules, TheUsersOwnOutboundCallsAreNotTraffic) {
  Engine engine = load();
  for (int i = 0; i < 8; ++i) {
    CallSession call = engine.open_call();
    CallSetup placed = setup("+61412345678", 61298760100 + i, kT0 + i * 2000);
    placed.direction = Direction::kOutbound;
    ASSERT_TRUE(call.on_signalling(placed));
    EXPECT_EQ(find(call.verdict(), "TRAFFIC_CALLER_RATE"), nullptr) << "call " << i;
    EXPECT_EQ(find(call.verdict(), "TRAFFIC_CALLER_SEQUENTIAL"), nullptr) << "call " << i;
  }
  // Nor do they count towards an inbound caller with the same number later.
  CallSession inbound = engine.open_call();
  ASSERT_TRUE(inbound.on_signalling(setup("+61412345678", 61298760200, kT0 + 20000)));
  EXPECT_EQ(find(inbound.verdict(), "TRAFFIC_CALLER_RATE"), nullptr);
}

TEST(TrafficRules, ARestoredSetUpIsScoredAsBeforeAndNotCountedAgain) {
  Engine engine = load();
  std::string traffic;
  Verdict original;
  for (int i = 0; i < 8; ++i) {
    CallSession call = engine.open_call();
    ASSERT_TRUE(call.on_signalling(setup("+61298761111", 61412000100 + i, kT0 + i * 2000)));
    traffic = call.setup_traffic();
    original = call.verdict();
  }
  ASSERT_NE(find(original, "TRAFFIC_CALLER_RATE"), nullptr);
  // The last call rebuilt from a store, as after a restart or on another node, ten times.
  for (int rebuild = 0; rebuild < 10; ++rebuild) {
    CallSession call = engine.open_call();
    ASSERT_TRUE(
        call.on_signalling_restored(setup("+61298761111", 61412000107, kT0 + 14000), traffic));
    EXPECT_EQ(options_of(find(call.verdict(), "TRAFFIC_CALLER_RATE")),
              options_of(find(original, "TRAFFIC_CALLER_RATE")));
    EXPECT_EQ(call.verdict().score, original.score);
  }
  // The next real call is the ninth attempt, not the nineteenth.
  CallSession next = engine.open_call();
  ASSERT_TRUE(next.on_signalling(setup("+61298761111", 61412000108, kT0 + 16000)));
  EXPECT_EQ(options_of(find(next.verdict(), "TRAFFIC_CALLER_RATE")),
            "attempts_60s=9,attempts_600s=9 ");
  // Text it did not produce is refused; no text restores a set-up without traffic figures.
  CallSession bad = engine.open_call();
  Status refused = bad.on_signalling_restored(setup("+61298761111", 1, kT0), "t1 what");
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::kInvalidInput);
  CallSession old = engine.open_call();
  ASSERT_TRUE(old.on_signalling_restored(setup("+61298761111", 1, kT0), ""));
  EXPECT_EQ(find(old.verdict(), "TRAFFIC_CALLER_RATE"), nullptr);
}

TEST(TrafficRules, OrdinaryCallingTripsNothing) {
  Engine engine = load();
  // Three calls in an afternoon, to numbers nowhere near each other.
  const uint64_t callees[] = {61412000100, 61298765432, 61755501234};
  for (int i = 0; i < 3; ++i) {
    CallSession call = engine.open_call();
    ASSERT_TRUE(call.on_signalling(setup("+61298762222", callees[i], kT0 + i * 900'000)));
    for (const Finding& finding : call.verdict().findings) {
      EXPECT_NE(finding.group, "traffic") << finding.symbol;
    }
  }
}

TEST(TrafficRules, CallEndsGiveAnswerRatioAndShortCalls) {
  Engine engine = load();
  // 12 calls in ten minutes from one number: two answered, for a few seconds each.
  for (int i = 0; i < 12; ++i) {
    CallSession call = engine.open_call();
    const int64_t t = kT0 + i * 45'000;
    ASSERT_TRUE(call.on_signalling(setup("+61298763333", 61400000000 + i * 1'000'003, t)));
    CallEnd end;
    end.answered = i % 6 == 0;
    end.duration_seconds = end.answered ? 8.0 : 0.0;
    end.time_ms = t + 20'000;
    ASSERT_TRUE(call.on_call_end(end));
    EXPECT_FALSE(call.on_call_end(end).has_value()) << "a second end must be refused";
  }
  CallSession next = engine.open_call();
  ASSERT_TRUE(next.on_signalling(setup("+61298763333", 61755500000, kT0 + 12 * 45'000)));
  const Finding* asr = find(next.verdict(), "TRAFFIC_CALLER_LOW_ASR");
  ASSERT_NE(asr, nullptr);
  EXPECT_EQ(options_of(asr), "asr=0.17,ended=12 ");
  const Finding* short_calls = find(next.verdict(), "TRAFFIC_CALLER_SHORT_CALLS");
  ASSERT_NE(short_calls, nullptr);
  EXPECT_EQ(options_of(short_calls), "acd=8s,short_share=1.00,answered=2 ");
}

TEST(TrafficRules, TrunkSequentialSpreadOverRotatingCallerIds) {
  Engine engine = load();
  Verdict last;
  // Each call has a fresh caller ID; only the trunk sees the sweep through the numbers.
  for (int i = 0; i < 6; ++i) {
    CallSession call = engine.open_call();
    ASSERT_TRUE(call.on_signalling(setup("+614120" + std::to_string(10000 + i * 37) + "0",
                                         61298700000 + i * 3, kT0 + i * 1000, "intl-01")));
    last = call.verdict();
  }
  EXPECT_EQ(find(last, "TRAFFIC_CALLER_SEQUENTIAL"), nullptr);
  const Finding* trunk = find(last, "TRAFFIC_TRUNK_SEQUENTIAL");
  ASSERT_NE(trunk, nullptr);
  EXPECT_EQ(options_of(trunk), "neighbours=5,block=100 ");
}

TEST(TrafficRules, RecordCallEndWithoutSession) {
  Engine engine = load();
  CallSetup s = setup("+61298764444", 61412000100, kT0);
  CallEnd end;
  end.answered = true;
  end.duration_seconds = -1;
  Status bad = engine.record_call_end(s, end);
  ASSERT_FALSE(bad.has_value());
  EXPECT_NE(bad.error().message.find("duration_seconds"), std::string::npos);
  end.duration_seconds = 30;
  EXPECT_TRUE(engine.record_call_end(s, end).has_value());
}

// A backend that is down.
class DownState final : public TrafficStore {
 public:
  Status record_attempts(std::span<const AttemptRecord>, const TrafficWindows&,
                         std::span<TrafficStats>) override {
    return make_error(ErrorCode::kUnavailable, "test backend is down");
  }
  Status record_ends(std::span<const EndRecord>, const TrafficWindows&) override {
    return make_error(ErrorCode::kUnavailable, "test backend is down");
  }
  std::string_view name() const noexcept override { return "down"; }
};

TEST(TrafficRules, UnavailableStateIsReportedAndStatelessRulesStillScore) {
  Engine engine = load(std::make_shared<DownState>());
  CallSession call = engine.open_call();
  CallSetup s = setup("+611300975707", 61412000100, kT0, "peer-01");
  ASSERT_TRUE(call.on_signalling(s));
  const Finding* unavailable = find(call.verdict(), "STATE_UNAVAILABLE");
  ASSERT_NE(unavailable, nullptr);
  EXPECT_EQ(options_of(unavailable), "error=test backend is down ");
  EXPECT_EQ(unavailable->score, 0.0);
  EXPECT_NE(find(call.verdict(), "CID_SERVICE_NUMBER"), nullptr);
  EXPECT_EQ(call.verdict().action, Action::kBlock);
  CallEnd end;
  Status ended = call.on_call_end(end);
  ASSERT_FALSE(ended.has_value());
  EXPECT_EQ(ended.error().code, ErrorCode::kUnavailable);
}

TEST(TrafficRules, DisabledTrafficRecordsNothing) {
  Engine engine = load(std::make_shared<DownState>(), "[traffic]\nenabled = false\n");
  CallSession call = engine.open_call();
  ASSERT_TRUE(call.on_signalling(setup("+61298765555", 61412000100, kT0)));
  EXPECT_EQ(find(call.verdict(), "STATE_UNAVAILABLE"), nullptr);
}

TEST(TrafficRules, ThresholdsComeFromConfig) {
  Engine engine = load(nullptr, "[traffic.caller]\nmax_attempts_short = 1\nmin_sequential = 0\n");
  CallSession first = engine.open_call();
  ASSERT_TRUE(first.on_signalling(setup("+61298766666", 61412000100, kT0)));
  EXPECT_EQ(find(first.verdict(), "TRAFFIC_CALLER_RATE"), nullptr);
  CallSession second = engine.open_call();
  ASSERT_TRUE(second.on_signalling(setup("+61298766666", 61412000101, kT0 + 1)));
  EXPECT_NE(find(second.verdict(), "TRAFFIC_CALLER_RATE"), nullptr);
  EXPECT_EQ(find(second.verdict(), "TRAFFIC_CALLER_SEQUENTIAL"), nullptr);
}

TEST(TrafficRules, BadTrafficConfigNamesFileAndKey) {
  struct Case {
    const char* toml;
    const char* expected;
  };
  const Case cases[] = {
      {"[traffic]\nbucket_seconds = 7\n", "whole multiples"},
      {"[traffic.caller]\nmin_asr = 1.5\n",
       "'traffic.caller.min_asr' must be a number from 0 to 1"},
      {"[traffic.trunk]\nmax_attempts = 3\n", "unknown key 'traffic.trunk.max_attempts'"},
      {"[traffic]\nshort_call_seconds = -3\n",
       "'traffic.short_call_seconds' must be an integer from 1 to 86400"},
      {"[signalling]\nhome_country = \"XQ\"\n", "'signalling.home_country' must be an ISO 3166"},
  };
  for (const Case& c : cases) {
    TempDir dir;
    write_text(dir.path() / "local.d" / "scamguard.toml", c.toml);
    EngineOptions options = testing::shipped_engine_options();
    options.local_dir = (dir.path() / "local.d").string();
    Result<Engine> engine = Engine::load(options);
    ASSERT_FALSE(engine.has_value()) << c.toml;
    EXPECT_EQ(engine.error().code, ErrorCode::kConfig);
    EXPECT_NE(engine.error().message.find(c.expected), std::string::npos)
        << c.toml << " -> " << engine.error().message;
    EXPECT_NE(engine.error().message.find("scamguard.toml"), std::string::npos)
        << engine.error().message;
  }
}

TEST(TrafficRules, HomeCountryMovesTheDomesticChecks) {
  // A British carrier: +44 mobiles from abroad are the spoofed "local" numbers.
  Engine engine = load(nullptr, "[signalling]\nhome_country = \"GB\"\n");
  CallSession call = engine.open_call();
  CallSetup s = setup("+447400123456", 447700900001, kT0);
  s.ingress = Ingress::kInternational;
  ASSERT_TRUE(call.on_signalling(s));
  EXPECT_NE(find(call.verdict(), "CID_INTL_PRESENTS_DOMESTIC"), nullptr);
  CallSession au = engine.open_call();
  CallSetup a = setup("+61412345678", 447700900001, kT0);
  a.ingress = Ingress::kInternational;
  ASSERT_TRUE(au.on_signalling(a));
  EXPECT_EQ(find(au.verdict(), "CID_INTL_PRESENTS_DOMESTIC"), nullptr);
}

}  // namespace
}  // namespace scamguard
