// The Redis traffic store against a real redis-server started by the test: two engines (two
// scamguardd nodes) sharing Redis see a burst exactly as one node would, and an outage is
// reported as STATE_UNAVAILABLE and heals by itself when Redis returns.

#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <thread>

#include "scamguard/engine.h"
#include "support/redis_server.h"
#include "support/test_paths.h"

namespace scamguard {
namespace {

constexpr int64_t kT0 = 1'764'400'000'000;

std::shared_ptr<TrafficStore> redis_state(int port, std::string prefix) {
  RedisTrafficStoreOptions options;
  options.port = port;
  options.key_prefix = std::move(prefix);
  options.max_backoff_ms = 200;
  return make_redis_traffic_store(options);
}

Engine load(std::shared_ptr<TrafficStore> state) {
  EngineOptions options = testing::shipped_engine_options();
  options.traffic_store = std::move(state);
  Result<Engine> engine = Engine::load(options);
  EXPECT_TRUE(engine.has_value()) << engine.error().message;
  return std::move(*engine);
}

CallSetup dialler_setup(int i) {
  CallSetup s;
  s.caller = "+61298761111";
  s.callee = "+" + std::to_string(61412000100 + i);
  s.direction = Direction::kInbound;
  s.ingress = Ingress::kDomestic;
  s.trunk = "peer-09";
  s.time_ms = kT0 + i * 1500;
  return s;
}

// The traffic findings of a verdict, as text: what must match between one and two nodes.
std::string traffic_findings(const Verdict& verdict) {
  std::string out;
  for (const Finding& finding : verdict.findings) {
    if (finding.group != "traffic") continue;
    out += finding.symbol;
    for (const std::string& option : finding.options) out += " " + option;
    out += "\n";
  }
  return out;
}

TEST(RedisTrafficStore, TwoNodesSeeABurstAsOneNodeWould) {
  testing::RedisServer redis;
  ASSERT_TRUE(redis.running()) << "redis-server did not start";
  // Two nodes: separate engines, separate connections, one Redis, one key space.
  Engine node_a = load(redis_state(redis.port(), "sg-shared:"));
  Engine node_b = load(redis_state(redis.port(), "sg-shared:"));
  // The reference: the whole burst through one node, in a key space of its own.
  Engine single = load(redis_state(redis.port(), "sg-single:"));

  std::string last;
  for (int i = 0; i < 12; ++i) {
    const Engine& node = i % 2 == 0 ? node_a : node_b;
    CallSession spread = node.open_call();
    ASSERT_TRUE(spread.on_signalling(dialler_setup(i)));
    CallSession one = single.open_call();
    ASSERT_TRUE(one.on_signalling(dialler_setup(i)));
    EXPECT_EQ(traffic_findings(spread.verdict()), traffic_findings(one.verdict())) << "call " << i;
    EXPECT_EQ(spread.verdict().find("STATE_UNAVAILABLE"), nullptr);
    last = traffic_findings(spread.verdict());
  }
  // And the burst did trip the rate and sequential rules, on both scopes' evidence.
  EXPECT_NE(last.find("TRAFFIC_CALLER_RATE attempts_60s=12,attempts_600s=12"), std::string::npos)
      << last;
  EXPECT_NE(last.find("TRAFFIC_CALLER_SEQUENTIAL neighbours=11"), std::string::npos) << last;
  EXPECT_NE(last.find("TRAFFIC_TRUNK_SEQUENTIAL neighbours=11"), std::string::npos) << last;
}

TEST(RedisTrafficStore, MatchesTheMemoryBackend) {
  testing::RedisServer redis;
  ASSERT_TRUE(redis.running());
  auto in_redis = redis_state(redis.port(), "sg-cmp:");
  auto in_memory = make_memory_traffic_store();
  TrafficWindows windows;
  for (int i = 0; i < 200; ++i) {
    // Three keys, attempts spread over 20 minutes, callees partly repeating and sequential.
    const std::string key = "cli:" + std::to_string(i % 3);
    const int64_t t = kT0 + i * 6'000;
    const uint64_t callee = 61400000000 + static_cast<uint64_t>((i * 37) % 150);
    AttemptRecord attempt{key, t, callee};
    TrafficStats from_redis, from_memory;
    ASSERT_TRUE(in_redis->record_attempts({&attempt, 1}, windows, {&from_redis, 1}));
    ASSERT_TRUE(in_memory->record_attempts({&attempt, 1}, windows, {&from_memory, 1}));
    EXPECT_EQ(from_redis.attempts_short, from_memory.attempts_short) << i;
    EXPECT_EQ(from_redis.attempts_long, from_memory.attempts_long) << i;
    EXPECT_EQ(from_redis.ended, from_memory.ended) << i;
    EXPECT_EQ(from_redis.answered, from_memory.answered) << i;
    EXPECT_EQ(from_redis.short_calls, from_memory.short_calls) << i;
    EXPECT_EQ(from_redis.duration_ms, from_memory.duration_ms) << i;
    EXPECT_EQ(from_redis.sequential_neighbours, from_memory.sequential_neighbours) << i;
    // HyperLogLog: exact for small sets in practice, within 2 % in any case.
    EXPECT_NEAR(from_redis.distinct_destinations, from_memory.distinct_destinations,
                1 + from_memory.distinct_destinations * 0.02)
        << i;
    EndRecord end{key, t + 3'000, i % 4 == 0, i % 4 == 0 ? 1'000 * (i % 50) : 0};
    ASSERT_TRUE(in_redis->record_ends({&end, 1}, windows));
    ASSERT_TRUE(in_memory->record_ends({&end, 1}, windows));
  }
}

TEST(RedisTrafficStore, OutageIsReportedAndRecoversByItself) {
  testing::RedisServer redis;
  ASSERT_TRUE(redis.running());
  Engine engine = load(redis_state(redis.port(), "sg-outage:"));
  int i = 0;
  auto check = [&] {
    CallSession call = engine.open_call();
    CallSetup s = dialler_setup(i++);
    s.caller = "+611300975707";  // a stateless rule that must keep firing throughout
    EXPECT_TRUE(call.on_signalling(s));
    EXPECT_NE(call.verdict().find("CID_SERVICE_NUMBER"), nullptr);
    return call.verdict();
  };
  EXPECT_EQ(check().find("STATE_UNAVAILABLE"), nullptr);

  redis.stop();
  Verdict down = check();
  const Finding* unavailable = down.find("STATE_UNAVAILABLE");
  ASSERT_NE(unavailable, nullptr);
  ASSERT_FALSE(unavailable->options.empty());
  EXPECT_NE(unavailable->options.front().find("redis at 127.0.0.1:" + std::to_string(redis.port())),
            std::string::npos)
      << unavailable->options.front();
  EXPECT_EQ(down.action, Action::kBlock);

  ASSERT_TRUE(redis.start());
  // Reconnects are attempted after a backoff (at most 200 ms here); keep scoring until one
  // succeeds. The deadline only bounds a broken build; nothing here measures time.
  bool recovered = false;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while (!recovered && std::chrono::steady_clock::now() < deadline) {
    recovered = check().find("STATE_UNAVAILABLE") == nullptr;
    if (!recovered) std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  EXPECT_TRUE(recovered) << "the Redis backend did not reconnect";
}

}  // namespace
}  // namespace scamguard
