// Three scamguardd nodes as one (issue 14): one PostgreSQL (calls and campaigns) and one Redis
// (traffic counters), both started here on loopback, behind a "load balancer" that is this
// test sending each request to the next node. One call's turns are spread across all three
// nodes while its stream is read from another; one node is killed with kill -9 mid-load; then
// nothing acknowledged may be missing, the verdict and the stream must be those of one node,
// and the calls of every node must form one campaign. Idle calls are closed exactly once.
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <latch>
#include <mutex>
#include <nlohmann/json.hpp>
#include <set>
#include <thread>

#include "integration/daemon_process.h"
#include "support/postgres_server.h"
#include "support/redis_server.h"

namespace scamguard::testing {
namespace {

using nlohmann::json;

json body_json(const httplib::Result& result) {
  if (!result) return json(nullptr);
  return json::parse(result->body, nullptr, false);
}

// One call centre's script (warn after the first turn, block once remote access is asked for).
const std::vector<std::string> kScript = {
    "hello this is david from the amazon security department calling about a suspicious order "
    "on your account",
    "someone placed an order for an iphone for one thousand four hundred dollars from your "
    "account this morning",
    "to cancel it and get your refund you need to go to your computer and download anydesk from "
    "anydesk dot com",
    "please read me the nine digit code on your screen so our refund officer can connect to your "
    "computer",
    "now log in to your online banking so we can process the refund of one hundred and forty "
    "nine dollars",
    "oh no we sent too much you must buy google play gift cards to return the extra money"};

std::string setup(int caller) {
  return json{{"caller", "+614123456" + std::to_string(10 + caller)},
              {"display_name", "AMAZON AU"},
              {"ingress", "domestic"},
              {"trunk", "gw-0" + std::to_string(caller % 3)}}
      .dump();
}

class Cluster {
 public:
  explicit Cluster(const std::string& db, const std::string& config = {}) {
    EXPECT_TRUE(pg_.running()) << pg_.error();
    EXPECT_TRUE(redis_.running());
    url_ = pg_.create_database(db);
    for (int i = 0; i < 3; ++i) {
      dirs_.push_back(std::make_unique<TempDir>());
      std::vector<std::string> flags = {"--store", url_, "--redis",
                                        "127.0.0.1:" + std::to_string(redis_.port())};
      if (!config.empty()) {
        write_text(dirs_.back()->path() / "d.toml", config);
        flags.insert(flags.begin(), {"--config", (dirs_.back()->path() / "d.toml").string()});
      }
      nodes_.push_back(std::make_unique<DaemonProcess>(dirs_.back()->path(), flags));
    }
  }
  bool start(std::string* why) {
    for (auto& node : nodes_) {
      if (!node->start(why)) return false;
    }
    return true;
  }
  DaemonProcess& node(size_t i) { return *nodes_[i % nodes_.size()]; }
  PostgresServer& pg() { return pg_; }

 private:
  PostgresServer& pg_ = shared_postgres();
  RedisServer redis_;
  std::string url_;
  std::vector<std::unique_ptr<TempDir>> dirs_;
  std::vector<std::unique_ptr<DaemonProcess>> nodes_;
};

// Reads a call's SSE stream in the background.
class StreamReader {
 public:
  StreamReader(DaemonProcess& node, const std::string& id)
      : thread_([this, &node, id] {
          httplib::Client cli = node.client();
          cli.set_read_timeout(std::chrono::seconds(20));  // keep-alives come every 15 s
          std::string buffer;
          cli.Get(("/v1/calls/" + id + "/stream").c_str(), [&](const char* data, size_t length) {
            if (stop_) return false;  // a failed test does not wait for the call to close
            buffer.append(data, length);
            for (size_t end; (end = buffer.find("\n\n")) != std::string::npos;) {
              const std::string event = buffer.substr(0, end);
              buffer.erase(0, end + 2);
              std::string name, payload;
              for (size_t at = 0; at < event.size();) {
                size_t next = event.find('\n', at);
                if (next == std::string::npos) next = event.size();
                const std::string line = event.substr(at, next - at);
                if (line.rfind("event: ", 0) == 0) name = line.substr(7);
                if (line.rfind("data: ", 0) == 0) payload = line.substr(6);
                at = next + 1;
              }
              if (name.empty()) continue;
              std::lock_guard lock(mutex_);
              json parsed = json::parse(payload);
              parsed["event"] = name;
              events_.push_back(parsed);
            }
            return true;
          });
        }) {}
  ~StreamReader() {
    stop_ = true;
    if (thread_.joinable()) thread_.join();
  }
  bool wait_for(const std::function<bool(const std::vector<json>&)>& done, int seconds = 15) {
    for (int i = 0; i < seconds * 40; ++i) {
      {
        std::lock_guard lock(mutex_);
        if (done(events_)) return true;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(25));
    }
    return false;
  }
  std::vector<json> events() {
    std::lock_guard lock(mutex_);
    return events_;
  }
  void join() { thread_.join(); }

 private:
  std::mutex mutex_;
  std::vector<json> events_;
  std::atomic<bool> stop_{false};
  std::thread thread_;
};

TEST(MultiNode, ThreeNodesActAsOneAndKillDashNineLosesNothingAcknowledged) {
  Cluster cluster("multinode");
  std::string why;
  ASSERT_TRUE(cluster.start(&why)) << why;

  // 1. The watched call: opened on node 0, streamed from node 2, turns round-robin.
  httplib::Client first = cluster.node(0).client();
  auto opened = first.Post("/v1/calls", setup(0), "application/json");
  ASSERT_TRUE(opened);
  ASSERT_EQ(opened->status, 201) << opened->body;
  const std::string watched = body_json(opened)["id"];
  StreamReader stream(cluster.node(2), watched);
  ASSERT_TRUE(stream.wait_for([](const auto& events) { return !events.empty(); }));

  // 2. Background load: clients each with their own call, every request to the next node; a
  //    request that fails (the node died) goes to the next node with the same index.
  constexpr int kClients = 6;
  std::vector<std::string> ids(kClients);
  std::vector<std::vector<std::string>> acknowledged(kClients);
  std::atomic<bool> stop{false};
  std::atomic<int> total{0};
  std::latch ready(kClients);
  std::vector<std::thread> clients;
  struct Join {  // also when an assertion ends the test early
    std::atomic<bool>& stop;
    std::vector<std::thread>& threads;
    ~Join() {
      stop = true;
      for (std::thread& thread : threads) {
        if (thread.joinable()) thread.join();
      }
    }
  } join{stop, clients};
  for (int c = 0; c < kClients; ++c) {
    clients.emplace_back([&, c] {
      size_t next = static_cast<size_t>(c);
      for (int attempt = 0; attempt < 3 && ids[c].empty(); ++attempt) {
        httplib::Client cli = cluster.node(next++).client();
        auto res = cli.Post("/v1/calls", setup(1 + c), "application/json");
        if (res && res->status == 201) ids[c] = body_json(res)["id"];
      }
      ready.count_down();
      ready.wait();
      for (int i = 0; !stop && !ids[c].empty(); ++i) {
        const std::string text = "client " + std::to_string(c) + " says turn " + std::to_string(i);
        bool done = false;
        for (int attempt = 0; attempt < 3 && !done; ++attempt) {
          httplib::Client cli = cluster.node(next++).client();
          cli.set_read_timeout(std::chrono::seconds(10));
          auto res = cli.Post(("/v1/calls/" + ids[c] + "/turns").c_str(),
                              json{{"speaker", "remote"}, {"text", text}, {"index", i}}.dump(),
                              "application/json");
          done = res && res->status == 200;
        }
        if (!done) return;
        acknowledged[c].push_back(text);
        ++total;
      }
    });
  }

  // 3. The watched call's turns, each to the next node; node 1 dies after the third.
  json verdict;
  std::vector<int> answered_by;
  for (size_t t = 0; t < kScript.size(); ++t) {
    if (t == 3) {
      for (int i = 0; i < 500 && total < 60; ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
      }
      EXPECT_EQ(cluster.node(1).stop(SIGKILL), 128 + SIGKILL);
    }
    for (size_t n = t;; ++n) {
      if (t >= 3 && n % 3 == 1) continue;  // the dead node
      httplib::Client cli = cluster.node(n).client();
      auto res = cli.Post(
          ("/v1/calls/" + watched + "/turns").c_str(),
          json{{"speaker", "remote"}, {"text", kScript[t]}, {"index", static_cast<int>(t)}}.dump(),
          "application/json");
      ASSERT_TRUE(res) << "turn " << t << " to node " << n % 3;
      ASSERT_EQ(res->status, 200) << "turn " << t << " to node " << n % 3 << ": " << res->body;
      verdict = body_json(res)["verdict"];
      answered_by.push_back(static_cast<int>(n % 3));
      break;
    }
  }
  stop = true;
  for (std::thread& client : clients) client.join();
  ASSERT_GE(total.load(), 30) << "too little load to mean anything";
  EXPECT_EQ(answered_by, (std::vector<int>{0, 1, 2, 0, 2, 2}));
  EXPECT_EQ(verdict["action"], "block") << verdict.dump();

  // 4. The same verdict as one node gives the same call.
  {
    TempDir single_dir;
    DaemonProcess single(single_dir.path());
    ASSERT_TRUE(single.start(&why)) << why;
    httplib::Client cli = single.client();
    auto one = cli.Post("/v1/calls", setup(0), "application/json");
    const std::string id = body_json(one)["id"];
    json alone;
    for (const std::string& text : kScript) {
      alone = body_json(cli.Post(("/v1/calls/" + id + "/turns").c_str(),
                                 json{{"speaker", "remote"}, {"text", text}}.dump(),
                                 "application/json"))["verdict"];
    }
    auto symbols = [](const json& v) {
      std::string out;
      for (const json& finding : v["findings"]) out += finding["symbol"].get<std::string>() + " ";
      return out;
    };
    EXPECT_EQ(alone["action"], verdict["action"]);
    EXPECT_EQ(alone["score"], verdict["score"]);
    EXPECT_EQ(symbols(alone), symbols(verdict));
  }

  // 5. Nothing acknowledged is lost, whichever node stored it; each turn is stored once.
  httplib::Client survivor = cluster.node(2).client();
  for (int c = 0; c < kClients; ++c) {
    ASSERT_FALSE(ids[c].empty());
    json record = body_json(survivor.Get(("/v1/calls/" + ids[c]).c_str()));
    const json& turns = record["turns"];
    ASSERT_GE(turns.size(), acknowledged[c].size()) << ids[c];
    EXPECT_LE(turns.size(), acknowledged[c].size() + 1) << ids[c];
    for (size_t i = 0; i < acknowledged[c].size(); ++i) {
      EXPECT_EQ(turns[i]["text"], acknowledged[c][i]) << ids[c] << " turn " << i;
    }
  }

  // 6. The stream on node 2 saw every change, whichever node made it, then the close.
  ASSERT_TRUE(stream.wait_for([](const auto& events) {
    return !events.empty() && events.back()["verdict"]["action"] == "block";
  })) << json(stream.events()).dump();
  auto closed = first.Post(("/v1/calls/" + watched + "/close").c_str(), "{}", "application/json");
  ASSERT_TRUE(closed);
  EXPECT_EQ(closed->status, 200) << closed->body;
  stream.join();
  const std::vector<json> events = stream.events();
  ASSERT_GE(events.size(), 3u);
  EXPECT_EQ(events.front()["verdict"]["action"], "allow");
  EXPECT_EQ(events.back()["event"], "closed");
  EXPECT_EQ(events.back()["verdict"]["action"], "block");
  std::vector<std::string> actions;
  for (const json& event : events) {
    if (event["event"] == "verdict") actions.push_back(event["verdict"]["action"]);
  }
  EXPECT_NE(std::find(actions.begin(), actions.end(), "warn"), actions.end()) << json(actions);
  // One event per stored change, in order, however close together the nodes made them (a
  // stream that read only the latest verdict when woken skipped the warn now and then).
  const json record = body_json(survivor.Get(("/v1/calls/" + watched).c_str()));
  std::vector<std::string> changes;
  for (const json& change : record["verdict_changes"]) changes.push_back(change["action"]);
  EXPECT_EQ(actions, changes);

  // 7. Campaigns from every node: the same script closed on node 0 and node 2 is one campaign,
  //    listed the same by both.
  httplib::Client last = cluster.node(2).client();
  auto other = last.Post("/v1/calls", setup(7), "application/json");
  const std::string second = body_json(other)["id"];
  for (size_t t = 0; t < kScript.size(); ++t) {
    auto res =
        last.Post(("/v1/calls/" + second + "/turns").c_str(),
                  json{{"speaker", "remote"}, {"text", kScript[t]}}.dump(), "application/json");
    ASSERT_EQ(res->status, 200);
  }
  ASSERT_EQ(last.Post(("/v1/calls/" + second + "/close").c_str(), "{}", "application/json")->status,
            200);
  for (size_t n : {0u, 2u}) {
    httplib::Client cli = cluster.node(n).client();
    const json list = body_json(cli.Get("/v1/campaigns"));
    ASSERT_EQ(list["campaigns"].size(), 1u) << list.dump();
    const std::string campaign = list["campaigns"][0]["campaign"];
    const json detail = body_json(cli.Get(("/v1/campaigns/" + campaign).c_str()));
    std::set<std::string> members;
    for (const json& call : detail["calls"]) members.insert(call.get<std::string>());
    EXPECT_TRUE(members.count(watched) && members.count(second)) << detail.dump();
  }
}

TEST(MultiNode, AnIdleCallIsClosedExactlyOnceAcrossNodes) {
  Cluster cluster("multinode_idle", "[limits]\nidle_timeout_seconds = 1\n");
  std::string why;
  ASSERT_TRUE(cluster.start(&why)) << why;
  std::vector<std::string> ids;
  for (int n = 0; n < 3; ++n) {
    httplib::Client cli = cluster.node(static_cast<size_t>(n)).client();
    auto res = cli.Post("/v1/calls", setup(n), "application/json");
    ASSERT_EQ(res->status, 201);
    ids.push_back(body_json(res)["id"]);
  }
  // A call taken up by a second node (a turn there) is still closed once.
  httplib::Client cli = cluster.node(1).client();
  ASSERT_EQ(cli.Post(("/v1/calls/" + ids[0] + "/turns").c_str(),
                     R"({"speaker": "remote", "text": "hello"})", "application/json")
                ->status,
            200);
  bool all_closed = false;
  for (int i = 0; i < 100 && !all_closed; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    all_closed = true;
    for (const std::string& id : ids) {
      all_closed =
          all_closed && body_json(cli.Get(("/v1/calls/" + id).c_str()))["state"] == "closed";
    }
  }
  ASSERT_TRUE(all_closed);
  std::this_thread::sleep_for(std::chrono::milliseconds(1500));  // every node had its chance
  int closes = 0;
  for (int n = 0; n < 3; ++n) {
    const std::string log = cluster.node(static_cast<size_t>(n)).log_text();
    for (size_t at = 0; (at = log.find("closed ", at)) != std::string::npos; ++at) {
      if (log.compare(at, 9, "closed 1 ") == 0)
        ++closes;
      else if (log.compare(at, 9, "closed 2 ") == 0)
        closes += 2;
      else if (log.compare(at, 9, "closed 3 ") == 0)
        closes += 3;
    }
  }
  EXPECT_EQ(closes, 3);
  EXPECT_EQ(cluster.pg().query("SELECT COUNT(*) FROM campaign_call", "multinode_idle"), "3");
  for (const std::string& id : ids) {
    EXPECT_EQ(body_json(cli.Get(("/v1/calls/" + id).c_str()))["close_reason"], "idle_timeout");
  }
}

}  // namespace
}  // namespace scamguard::testing
