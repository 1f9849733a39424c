// Everything at once (issue 12): concurrent writers, slow clients trickling their headers and
// event streams, while the daemon is killed with -9 and restarted and its Redis goes away and
// comes back. Afterwards every acknowledged turn is in the store, in order, and a fresh client
// is served within its timeout.
#include <gtest/gtest.h>

#include <atomic>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <thread>

#include "integration/daemon_process.h"
#include "integration/raw_client.h"
#include "support/redis_server.h"

namespace scamguard::testing {
namespace {

using nlohmann::json;
using std::chrono::milliseconds;
using std::chrono::seconds;

constexpr const char* kSetup =
    R"({"caller": "+61412345678", "display_name": "AMAZON AU", "ingress": "domestic"})";

// What the writers were told was committed: call id -> the texts of turns 0, 1, 2, ...
class Acknowledged {
 public:
  void open(const std::string& id) {
    std::lock_guard lock(mutex_);
    calls_[id];
  }
  // Turns are acknowledged in index order, one writer per call.
  void add(const std::string& id, const std::string& text) {
    std::lock_guard lock(mutex_);
    calls_[id].push_back(text);
  }
  std::map<std::string, std::vector<std::string>> snapshot() const {
    std::lock_guard lock(mutex_);
    return calls_;
  }

 private:
  mutable std::mutex mutex_;
  std::map<std::string, std::vector<std::string>> calls_;
};

// Writers: each opens its own calls and adds turns with their index (safe to retry), through
// whatever port the daemon has now (it changes with each restart).
void write_until(std::atomic<bool>& stop, std::atomic<int>& port, int writer,
                 Acknowledged& acknowledged) {
  int call_number = 0;
  while (!stop) {
    const std::string id = "chaos-" + std::to_string(writer) + "-" + std::to_string(call_number++);
    httplib::Client cli("127.0.0.1", port.load());
    cli.set_connection_timeout(seconds(1));
    cli.set_read_timeout(seconds(5));
    json setup = json::parse(kSetup);
    setup["id"] = id;
    auto opened = cli.Post("/v1/calls", setup.dump(), "application/json");
    if (!opened || opened->status != 201) {
      std::this_thread::sleep_for(milliseconds(50));
      continue;
    }
    acknowledged.open(id);
    for (int index = 0; index < 5 && !stop;) {
      const std::string text = "turn " + std::to_string(index) + " of " + id;
      auto res = cli.Post("/v1/calls/" + id + "/turns",
                          json{{"speaker", "remote"}, {"text", text}, {"index", index}}.dump(),
                          "application/json");
      if (res && res->status == 200) {
        acknowledged.add(id, text);
        ++index;
        continue;
      }
      if (res && res->status == 409 && !json::parse(res->body, nullptr, false).is_discarded()) {
        break;  // the call was closed (idle) or is ahead: start a new one
      }
      std::this_thread::sleep_for(milliseconds(50));
      cli.stop();
    }
  }
}

TEST(DaemonChaos, WritersSlowClientsStreamsKillAndRedisOutageLoseNothing) {
  RedisServer redis;
  ASSERT_TRUE(redis.running()) << "redis-server did not start";
  TempDir dir;
  write_text(dir.path() / "d.toml", "[limits]\nheader_timeout_seconds = 5\n");
  DaemonProcess daemon(dir.path(), {"--config", (dir.path() / "d.toml").string(), "--redis",
                                    "127.0.0.1:" + std::to_string(redis.port())});
  std::string why;
  ASSERT_TRUE(daemon.start(&why)) << why;
  std::atomic<int> port{daemon.port()};
  std::atomic<bool> stop{false};
  Acknowledged acknowledged;
  std::vector<std::thread> writers;
  for (int i = 0; i < 8; ++i) {
    writers.emplace_back([&, i] { write_until(stop, port, i, acknowledged); });
  }
  // Slow clients and event streams, reopened against each new process.
  auto harass = [&](std::vector<std::unique_ptr<RawClient>>& slow,
                    std::vector<std::unique_ptr<RawClient>>& streams) {
    slow.clear();
    streams.clear();
    for (int i = 0; i < 64; ++i) {
      slow.push_back(std::make_unique<RawClient>(port.load()));
      slow.back()->send("POST /v1/calls HTTP/1.1\r\nHost: t\r\nContent-Le");
    }
    const auto calls = acknowledged.snapshot();
    int opened = 0;
    for (const auto& [id, turns] : calls) {
      if (opened++ == 32) break;
      streams.push_back(std::make_unique<RawClient>(port.load()));
      streams.back()->send("GET /v1/calls/" + id + "/stream HTTP/1.1\r\nHost: t\r\n\r\n");
    }
  };
  std::vector<std::unique_ptr<RawClient>> slow;
  std::vector<std::unique_ptr<RawClient>> streams;
  std::this_thread::sleep_for(seconds(1));
  harass(slow, streams);
  std::this_thread::sleep_for(seconds(2));

  // kill -9 in the middle of it all, and a restart on the same database.
  EXPECT_EQ(daemon.stop(SIGKILL), 128 + SIGKILL);
  ASSERT_TRUE(daemon.start(&why)) << why;
  port = daemon.port();
  harass(slow, streams);
  std::this_thread::sleep_for(seconds(2));

  // Redis goes away: set-ups still get verdicts (STATE_UNAVAILABLE), writes still commit.
  redis.stop();
  httplib::Client probe("127.0.0.1", port.load());
  probe.set_read_timeout(seconds(2));
  auto during = probe.Post("/v1/check", kSetup, "application/json");
  ASSERT_TRUE(during) << "no answer during the Redis outage";
  EXPECT_EQ(during->status, 200);
  EXPECT_NE(during->body.find("STATE_UNAVAILABLE"), std::string::npos) << during->body;
  std::this_thread::sleep_for(seconds(1));
  ASSERT_TRUE(redis.start());
  std::this_thread::sleep_for(seconds(2));

  stop = true;
  for (std::thread& writer : writers) writer.join();

  // A fresh client is served in time, with the slow clients and streams still there.
  httplib::Client fresh("127.0.0.1", port.load());
  fresh.set_connection_timeout(seconds(2));
  fresh.set_read_timeout(seconds(2));
  auto served = fresh.Post("/v1/check", kSetup, "application/json");
  ASSERT_TRUE(served) << "a fresh client was not served within 2 s";
  EXPECT_EQ(served->status, 200);
  EXPECT_EQ(served->body.find("STATE_UNAVAILABLE"), std::string::npos)
      << "Redis is back; the backend should have reconnected: " << served->body;

  // Every acknowledged turn is stored, with its text, at its index.
  const auto calls = acknowledged.snapshot();
  size_t turns_checked = 0;
  for (const auto& [id, turns] : calls) {
    auto stored = fresh.Get("/v1/calls/" + id);
    ASSERT_TRUE(stored) << id;
    ASSERT_EQ(stored->status, 200) << id << ": " << stored->body;
    const json record = json::parse(stored->body);
    ASSERT_GE(record["turns"].size(), turns.size()) << id << " lost acknowledged turns";
    for (size_t index = 0; index < turns.size(); ++index) {
      EXPECT_EQ(record["turns"][index]["text"], turns[index]) << id << " turn " << index;
      ++turns_checked;
    }
  }
  EXPECT_GT(calls.size(), 20u);
  EXPECT_GT(turns_checked, 50u);
  EXPECT_EQ(daemon.stop(SIGTERM), 0) << daemon.log_text();
}

}  // namespace
}  // namespace scamguard::testing
