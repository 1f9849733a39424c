// Two scamguardd nodes sharing one redis-server (both started here on loopback): a dialler
// burst spread across the nodes trips the traffic rules exactly as on one node; call ends
// reach the counters through /v1/call-ends; an outage shows as STATE_UNAVAILABLE.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "integration/daemon_process.h"
#include "support/redis_server.h"

namespace scamguard::testing {
namespace {

using nlohmann::json;

constexpr int64_t kT0 = 1'764'457'200;  // seconds

json setup(int i) {
  return {{"caller", "+61298761111"}, {"callee", "+" + std::to_string(61412000500 + i)},
          {"direction", "inbound"},   {"ingress", "domestic"},
          {"trunk", "peer-09"},       {"time", kT0 + i * 2}};
}

json check(DaemonProcess& node, const json& body) {
  httplib::Client cli = node.client();
  auto res = cli.Post("/v1/check", body.dump(), "application/json");
  if (!res) return json{{"http_error", true}};
  json parsed = json::parse(res->body, nullptr, false);
  parsed["status"] = res->status;
  return parsed;
}

// The traffic findings of a /v1/check answer, as text.
std::string traffic(const json& answer) {
  std::string out;
  if (!answer.contains("verdict")) return "no verdict: " + answer.dump();
  for (const json& symbol : answer["verdict"]["findings"]) {
    const std::string name = symbol["symbol"];
    if (name.rfind("TRAFFIC_", 0) != 0 && name != "STATE_UNAVAILABLE") continue;
    out += name;
    for (const json& option : symbol["options"]) out += " " + option.get<std::string>();
    out += "\n";
  }
  return out;
}

TEST(DaemonRedis, BurstAcrossTwoNodesTripsTheRateRuleAsOneNodeWould) {
  RedisServer redis;
  ASSERT_TRUE(redis.running()) << "redis-server did not start";
  TempDir a_dir, b_dir, single_dir;
  const std::string address = "127.0.0.1:" + std::to_string(redis.port());
  DaemonProcess a(a_dir.path(), {"--redis", address});
  DaemonProcess b(b_dir.path(), {"--redis", address});
  DaemonProcess single(single_dir.path());  // counters in its own memory
  std::string why;
  ASSERT_TRUE(a.start(&why)) << why;
  ASSERT_TRUE(b.start(&why)) << why;
  ASSERT_TRUE(single.start(&why)) << why;

  std::string last;
  for (int i = 0; i < 8; ++i) {
    const json spread = check(i % 2 == 0 ? a : b, setup(i));
    const json one = check(single, setup(i));
    ASSERT_EQ(spread["status"], 200) << spread.dump();
    EXPECT_EQ(traffic(spread), traffic(one)) << "call " << i;
    last = traffic(spread);
    if (i < 5) EXPECT_EQ(last.find("TRAFFIC_CALLER_RATE"), std::string::npos) << i << last;
  }
  EXPECT_NE(last.find("TRAFFIC_CALLER_RATE attempts_60s=8,attempts_600s=8"), std::string::npos)
      << last;
  EXPECT_NE(last.find("TRAFFIC_CALLER_SEQUENTIAL"), std::string::npos) << last;
}

TEST(DaemonRedis, CallEndsFeedTheAnswerRatioAndOutagesAreReported) {
  RedisServer redis;
  ASSERT_TRUE(redis.running());
  TempDir dir;
  DaemonProcess node(dir.path(), {"--redis", "127.0.0.1:" + std::to_string(redis.port())});
  std::string why;
  ASSERT_TRUE(node.start(&why)) << why;
  httplib::Client cli = node.client();

  // Twelve calls in ten minutes, one answered for 5 s: a low answer-seizure ratio.
  for (int i = 0; i < 12; ++i) {
    json s = setup(i * 20);
    ASSERT_EQ(check(node, s)["status"], 200);
    json end = {
        {"setup", s},
        {"end", {{"answered", i == 0}, {"duration", i == 0 ? 5 : 0}, {"time", kT0 + i * 40 + 25}}}};
    auto res = cli.Post("/v1/call-ends", end.dump(), "application/json");
    ASSERT_TRUE(res);
    ASSERT_EQ(res->status, 200) << res->body;
  }
  const std::string after = traffic(check(node, setup(12 * 20)));
  EXPECT_NE(after.find("TRAFFIC_CALLER_LOW_ASR asr=0.08,ended=12"), std::string::npos) << after;

  auto bad =
      cli.Post("/v1/call-ends", R"({"setup": {}, "end": {"duration": 3}})", "application/json");
  ASSERT_TRUE(bad);
  EXPECT_EQ(bad->status, 400);
  EXPECT_NE(bad->body.find("end.answered"), std::string::npos) << bad->body;

  redis.stop();
  const json down = check(node, setup(13 * 20));
  EXPECT_EQ(down["status"], 200);
  EXPECT_NE(traffic(down).find("STATE_UNAVAILABLE"), std::string::npos) << down.dump();
  auto end_down =
      cli.Post("/v1/call-ends", json({{"setup", setup(1)}, {"end", {{"answered", false}}}}).dump(),
               "application/json");
  ASSERT_TRUE(end_down);
  EXPECT_EQ(end_down->status, 503) << end_down->body;
}

}  // namespace
}  // namespace scamguard::testing
