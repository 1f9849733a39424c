// The console's routes on the real daemon: page shells without a token and data only with one,
// files named only inside their directories, the live stream of open calls, and the replayed
// timeline of one call. What the pages do with them is tests/browser/console_test.py.
#include <gtest/gtest.h>

#include <chrono>
#include <mutex>
#include <nlohmann/json.hpp>
#include <thread>

#include "integration/daemon_process.h"

namespace scamguard::testing {
namespace {

using nlohmann::json;

json body_json(const httplib::Result& result) {
  if (!result) return json(nullptr);
  return json::parse(result->body, nullptr, false);
}

// sha256sum of "console-read-token", computed outside the code under test.
constexpr const char* kReadToken = "console-read-token";
constexpr const char* kReadTokenSha256 =
    "6f5c14388ac96437f4fd14a9669c62b13117be0ace73b63448a5b10d4c56bdc5";

TEST(Console, PagesNeedNoTokenAndTheirDataDoes) {
  TempDir dir;
  write_text(dir.path() / "tokens.toml", std::string("[[token]]\nname = \"analyst\"\nscope = ") +
                                             "\"read\"\nsha256 = \"" + kReadTokenSha256 + "\"\n");
  write_text(dir.path() / "d.toml", "[server]\nauth_tokens = \"tokens.toml\"\n");
  DaemonProcess daemon(dir.path(), {"--config", (dir.path() / "d.toml").string()});
  std::string why;
  ASSERT_TRUE(daemon.start(&why)) << why;
  httplib::Client anonymous = daemon.client();

  for (const char* page : {"/", "/calls/c-1", "/campaigns", "/campaigns/cmp-1", "/symbols"}) {
    auto res = anonymous.Get(page);
    ASSERT_TRUE(res) << page;
    EXPECT_EQ(res->status, 200) << page;
    EXPECT_EQ(res->get_header_value("Content-Type"), "text/html; charset=utf-8") << page;
    EXPECT_NE(res->get_header_value("Content-Security-Policy").find("default-src 'self'"),
              std::string::npos)
        << page;
    EXPECT_NE(res->body.find("/static/console.js"), std::string::npos) << page;
  }
  auto script = anonymous.Get("/static/console.js");
  ASSERT_TRUE(script);
  EXPECT_EQ(script->status, 200);
  EXPECT_EQ(script->get_header_value("Content-Type"), "text/javascript; charset=utf-8");
  auto chart = anonymous.Get("/javascript/chart.js/chart.min.js");
  ASSERT_TRUE(chart);
  EXPECT_EQ(chart->status, 200) << "Debian's libjs-chart.js is needed: " << chart->body;

  // Only one path segment of safe characters names a file: nothing outside the directories.
  for (const char* outside :
       {"/static/..%2Fconf%2Factions.toml", "/static/%2Fetc%2Fpasswd", "/static/.hidden",
        "/javascript/chart.js/..%2F..%2Fjquery", "/static/missing.js"}) {
    auto res = anonymous.Get(outside);
    ASSERT_TRUE(res) << outside;
    EXPECT_EQ(res->status, 404) << outside;
    EXPECT_EQ(body_json(res)["error"]["code"], "no_route") << outside;
  }

  for (const char* data : {"/v1/symbols", "/v1/stream", "/v1/calls/c-1/timeline"}) {
    auto res = anonymous.Get(data);
    ASSERT_TRUE(res) << data;
    EXPECT_EQ(res->status, 401) << data;
  }
  httplib::Client reader = daemon.client(kReadToken);
  auto symbols = reader.Get("/v1/symbols");
  ASSERT_TRUE(symbols);
  ASSERT_EQ(symbols->status, 200) << symbols->body;
  const json catalogue = body_json(symbols);
  EXPECT_EQ(catalogue["warn_score"], 5.0);
  EXPECT_EQ(catalogue["block_score"], 10.0);
  ASSERT_GT(catalogue["symbols"].size(), 50u);
  bool found = false;
  for (const json& symbol : catalogue["symbols"]) {
    if (symbol["symbol"] != "REMOTE_TOOL_NAMED") continue;
    found = true;
    EXPECT_EQ(symbol["stage"], "remote_access");
    EXPECT_FALSE(symbol["description"].get<std::string>().empty());
  }
  EXPECT_TRUE(found);
}

TEST(Console, AWebRootWithoutTheConsoleIsRefusedAtStart) {
  TempDir dir;
  std::filesystem::create_directories(dir.path() / "empty");
  DaemonProcess refused(dir.path(), {"--web-root", (dir.path() / "empty").string()});
  std::string why;
  EXPECT_FALSE(refused.start(&why)) << "a web root without index.html must be refused";
  EXPECT_NE(why.find("web_root"), std::string::npos) << why;
}

TEST(Console, TimelineHasAPointPerStepAndTheReason) {
  TempDir dir;
  DaemonProcess daemon(dir.path());
  std::string why;
  ASSERT_TRUE(daemon.start(&why)) << why;
  httplib::Client cli = daemon.client();
  auto opened =
      cli.Post("/v1/calls", R"({"id": "c-t", "caller": "+61412345678"})", "application/json");
  ASSERT_TRUE(opened);
  ASSERT_EQ(opened->status, 201);
  for (const char* text : {"hello this is amazon customer service",
                           "please install anydesk and read me the nine digit code"}) {
    json turn = {{"speaker", "remote"}, {"text", text}};
    ASSERT_EQ(cli.Post("/v1/calls/c-t/turns", turn.dump(), "application/json")->status, 200);
  }
  ASSERT_EQ(cli.Post("/v1/calls/c-t/events", R"({"type": "app_started", "app": "anydesk"})",
                     "application/json")
                ->status,
            200);

  auto res = cli.Get("/v1/calls/c-t/timeline");
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  const json timeline = body_json(res);
  const json call = body_json(cli.Get("/v1/calls/c-t"));
  ASSERT_EQ(timeline["points"].size(), 4u) << timeline.dump();
  EXPECT_EQ(timeline["points"][0]["kind"], "setup");
  EXPECT_TRUE(timeline["points"][0]["turn"].is_null());
  EXPECT_EQ(timeline["points"][1]["kind"], "turn");
  EXPECT_EQ(timeline["points"][2]["turn"], 1);
  EXPECT_EQ(timeline["points"][3]["kind"], "event");
  EXPECT_EQ(timeline["points"][3]["turn"], 1);  // the turn it came after
  // The replay ends where the live call is: same score, same action, and a reason to show.
  EXPECT_EQ(timeline["points"][3]["score"], call["score"]);
  EXPECT_EQ(timeline["verdict"]["action"], call["action"]);
  EXPECT_FALSE(timeline["verdict"]["reason"].get<std::string>().empty());
  EXPECT_LT(timeline["points"][0]["score"].get<double>(),
            timeline["points"][2]["score"].get<double>());
  EXPECT_EQ(timeline["warn_score"], 5.0);
  bool remote_access = false;
  for (const json& stage : timeline["stages"]) {
    if (stage["stage"] == "remote_access") remote_access = stage["turn"] == 1;
  }
  EXPECT_TRUE(remote_access) << timeline["stages"].dump();

  auto missing = cli.Get("/v1/calls/nope/timeline");
  ASSERT_TRUE(missing);
  EXPECT_EQ(missing->status, 404);
  EXPECT_EQ(body_json(missing)["error"]["code"], "call_not_found");
}

TEST(Console, LiveStreamListsOpenCallsThenEachChange) {
  TempDir dir;
  DaemonProcess daemon(dir.path());
  std::string why;
  ASSERT_TRUE(daemon.start(&why)) << why;
  httplib::Client cli = daemon.client();
  ASSERT_EQ(
      cli.Post("/v1/calls", R"({"id": "first", "caller": "+61412345678"})", "application/json")
          ->status,
      201);

  std::mutex mutex;
  std::vector<json> events;
  std::atomic<bool> stop{false};
  std::thread reader([&] {
    httplib::Client stream = daemon.client();
    std::string buffer;
    stream.Get("/v1/stream", [&](const char* data, size_t length) {
      buffer.append(data, length);
      for (size_t end; (end = buffer.find("\n\n")) != std::string::npos;) {
        const std::string block = buffer.substr(0, end);
        buffer.erase(0, end + 2);
        std::string name, payload;
        size_t at = 0;
        while (at < block.size()) {
          const size_t next = std::min(block.find('\n', at), block.size());
          const std::string line = block.substr(at, next - at);
          if (line.rfind("event: ", 0) == 0) name = line.substr(7);
          if (line.rfind("data: ", 0) == 0) payload = line.substr(6);
          at = next + 1;
        }
        if (name.empty()) continue;
        json parsed = json::parse(payload);
        parsed["event"] = name;
        std::lock_guard lock(mutex);
        events.push_back(std::move(parsed));
      }
      return !stop.load();
    });
  });
  // The first event that matches, waiting up to 5 s.
  auto wait_for = [&](const std::function<bool(const json&)>& wanted) {
    for (int i = 0; i < 200; ++i) {
      {
        std::lock_guard lock(mutex);
        for (const json& event : events) {
          if (wanted(event)) return event;
        }
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(25));
    }
    return json(nullptr);
  };

  const json snapshot = wait_for([](const json& e) { return e["event"] == "calls"; });
  ASSERT_FALSE(snapshot.is_null());
  ASSERT_EQ(snapshot["calls"].size(), 1u);
  EXPECT_EQ(snapshot["calls"][0]["id"], "first");
  EXPECT_EQ(snapshot["calls"][0]["caller"], "+61412345678");

  ASSERT_EQ(cli.Post("/v1/calls", R"({"id": "second"})", "application/json")->status, 201);
  EXPECT_FALSE(wait_for([](const json& e) {
                 return e["event"] == "call" && e["id"] == "second" && e["state"] == "open";
               }).is_null());

  json turn = {{"speaker", "remote"}, {"text", "hello this is amazon customer service"}};
  ASSERT_EQ(cli.Post("/v1/calls/first/turns", turn.dump(), "application/json")->status, 200);
  const json claimed = wait_for(
      [](const json& e) { return e["event"] == "call" && e["id"] == "first" && e["brand"] != ""; });
  ASSERT_FALSE(claimed.is_null());
  EXPECT_EQ(claimed["brand"], "amazon");
  EXPECT_GT(claimed["score"].get<double>(), 0.0);

  ASSERT_EQ(cli.Post("/v1/calls/first/close", "{}", "application/json")->status, 200);
  EXPECT_FALSE(wait_for([](const json& e) {
                 return e["event"] == "call" && e["id"] == "first" && e["state"] == "closed";
               }).is_null());

  stop = true;
  // One more change wakes the stream so the reader sees `stop` and hangs up.
  cli.Post("/v1/calls/second/close", "{}", "application/json");
  reader.join();
}

}  // namespace
}  // namespace scamguard::testing
