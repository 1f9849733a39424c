// scamguardd over real HTTP on loopback: the binary is started by each test (free port, temp
// directory and database) and stopped at the end.
#include <gtest/gtest.h>

#include <atomic>
#include <cctype>
#include <latch>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <thread>

#include "integration/daemon_process.h"
#include "support/postgres_server.h"

namespace scamguard::testing {
namespace {

using nlohmann::json;

// Scores 4 before answer (CNAM_BRAND 1 + CNAM_BRAND_NUMBER_MISMATCH 3): below warn, so the
// tests can watch the turns raise it. (From an international route this AU mobile would be
// blocked before answer by CID_INTL_PRESENTS_DOMESTIC_MOBILE.)
constexpr const char* kScamSetup =
    R"({"caller": "+61412345678", "display_name": "AMAZON AU", "ingress": "domestic"})";

json body_json(const httplib::Result& result) {
  if (!result) return json(nullptr);
  return json::parse(result->body, nullptr, false);
}

std::string open_call(httplib::Client& cli, const std::string& setup = kScamSetup) {
  auto res = cli.Post("/v1/calls", setup, "application/json");
  if (!res || res->status != 201) return {};
  return body_json(res)["id"].get<std::string>();
}

httplib::Result post_turn(httplib::Client& cli, const std::string& id, const std::string& text,
                          std::optional<int> index = std::nullopt) {
  json turn = {{"speaker", "remote"}, {"text", text}};
  if (index) turn["index"] = *index;
  return cli.Post(("/v1/calls/" + id + "/turns").c_str(), turn.dump(), "application/json");
}

// What GET /v1/calls/{id} returns, as text: compared before and after refused requests.
std::string stored_call(httplib::Client& cli, const std::string& id) {
  auto res = cli.Get(("/v1/calls/" + id).c_str());
  return res ? std::to_string(res->status) + " " + res->body : "no response";
}

std::string stored_list(httplib::Client& cli) {
  auto res = cli.Get("/v1/calls?limit=1000");
  return res ? res->body : "no response";
}

// SHA-256 of the test tokens, computed with sha256sum, not with the code under test.
std::string sha256_of(const std::string& token) {
  if (token == "read-token-for-tests")
    return "034a18b02f9980ffc4c7b91fe20d9958638c3f488e9413f54510f19374b0784f";
  if (token == "write-token-for-tests")
    return "9473cfa4b57c5e71e62cfdd21b6886907df5eef9f747308bb56c7de0408771b4";
  return {};
}

void write_config(const std::filesystem::path& path, const std::string& text) {
  write_text(path, text);
}

TEST(Daemon, WholeCallThroughTheStreamReachesWarnThenBlock) {
  TempDir dir;
  DaemonProcess daemon(dir.path());
  std::string why;
  ASSERT_TRUE(daemon.start(&why)) << why;
  httplib::Client cli = daemon.client();
  const std::string id = open_call(cli);
  ASSERT_FALSE(id.empty());

  std::mutex mutex;
  std::vector<json> events;
  std::thread reader([&] {
    httplib::Client stream = daemon.client();
    std::string buffer;
    stream.Get(("/v1/calls/" + id + "/stream").c_str(), [&](const char* data, size_t length) {
      buffer.append(data, length);
      for (size_t end; (end = buffer.find("\n\n")) != std::string::npos;) {
        std::string event = buffer.substr(0, end);
        buffer.erase(0, end + 2);
        std::string name;
        std::string payload;
        for (const std::string& line : {event}) {
          size_t at = 0;
          while (at < line.size()) {
            size_t next = line.find('\n', at);
            std::string one =
                line.substr(at, next == std::string::npos ? std::string::npos : next - at);
            if (one.rfind("event: ", 0) == 0) name = one.substr(7);
            if (one.rfind("data: ", 0) == 0) payload = one.substr(6);
            at = next == std::string::npos ? line.size() : next + 1;
          }
        }
        if (name.empty()) continue;  // keep-alive comment
        std::lock_guard lock(mutex);
        json parsed = json::parse(payload);
        parsed["event"] = name;
        events.push_back(parsed);
      }
      return true;
    });
  });
  auto wait_for_events = [&](size_t count) {
    for (int i = 0; i < 200; ++i) {
      {
        std::lock_guard lock(mutex);
        if (events.size() >= count) return true;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(25));
    }
    return false;
  };
  ASSERT_TRUE(wait_for_events(1));  // the verdict so far, on connect

  auto first = post_turn(cli, id, "hello I am calling from amazon about a refund on your account");
  ASSERT_TRUE(first);
  EXPECT_EQ(first->status, 200) << first->body;
  EXPECT_EQ(body_json(first)["verdict"]["action"], "warn");
  ASSERT_TRUE(wait_for_events(2));
  auto second = post_turn(cli, id, "please install anydesk and read me the nine digit number");
  ASSERT_TRUE(second);
  EXPECT_EQ(body_json(second)["verdict"]["action"], "block");
  ASSERT_TRUE(wait_for_events(3));
  auto closed = cli.Post(("/v1/calls/" + id + "/close").c_str(), "{}", "application/json");
  ASSERT_TRUE(closed);
  EXPECT_EQ(closed->status, 200);
  EXPECT_EQ(body_json(closed)["state"], "closed");
  reader.join();  // the stream ends after the closed event

  std::lock_guard lock(mutex);
  ASSERT_EQ(events.size(), 4u);
  EXPECT_EQ(events[0]["event"], "verdict");
  EXPECT_EQ(events[0]["verdict"]["action"], "allow");
  EXPECT_EQ(events[1]["verdict"]["action"], "warn");
  EXPECT_EQ(events[2]["verdict"]["action"], "block");
  EXPECT_EQ(events[3]["event"], "closed");
  bool saw_remote_access = false;
  for (const json& finding : events[2]["verdict"]["findings"]) {
    if (finding["stage"] == "remote_access") saw_remote_access = true;
  }
  EXPECT_TRUE(saw_remote_access) << events[2].dump();

  // The record has every turn and every verdict change.
  json record = body_json(cli.Get(("/v1/calls/" + id).c_str()));
  EXPECT_EQ(record["state"], "closed");
  EXPECT_EQ(record["turns"].size(), 2u);
  EXPECT_EQ(record["verdict_changes"].size(), 3u);
  EXPECT_EQ(record["setup"]["display_name"], "AMAZON AU");
  EXPECT_EQ(daemon.stop(SIGTERM), 0);
}

// The tests that hold for either store: SQLite in the daemon's directory, or a database of
// its own on a PostgreSQL server the test starts (support/postgres_server.h).
class DaemonOnStore : public ::testing::TestWithParam<std::string> {
 protected:
  // The flags that put the daemon's calls and campaigns on this test's store.
  std::vector<std::string> store_flags(std::vector<std::string> flags = {}) {
    if (GetParam() == "postgres") {
      PostgresServer& pg = shared_postgres();
      EXPECT_TRUE(pg.running()) << pg.error();
      if (url_.empty()) {
        std::string name = ::testing::UnitTest::GetInstance()->current_test_info()->name();
        for (char& c : name) {
          c = std::isalnum(static_cast<unsigned char>(c)) ? static_cast<char>(std::tolower(c))
                                                          : '_';
        }
        url_ = pg.create_database("daemon_" + name);
      }
      flags.insert(flags.end(), {"--store", url_});
    }
    return flags;
  }
  std::string url_;
};

INSTANTIATE_TEST_SUITE_P(Stores, DaemonOnStore, ::testing::Values("sqlite", "postgres"));

TEST_P(DaemonOnStore, BadInputGetsTheRight4xxAndChangesNothing) {
  TempDir dir;
  write_config(dir.path() / "d.toml",
               "[limits]\nmax_body_bytes = 4096\nmax_turn_bytes = 256\nmax_open_calls = 3\n");
  DaemonProcess daemon(dir.path(), store_flags({"--config", (dir.path() / "d.toml").string()}));
  std::string why;
  ASSERT_TRUE(daemon.start(&why)) << why;
  httplib::Client cli = daemon.client();
  const std::string id = open_call(cli);
  ASSERT_FALSE(id.empty());
  ASSERT_EQ(post_turn(cli, id, "hello this is a genuine call")->status, 200);
  const std::string call_before = stored_call(cli, id);
  const std::string list_before = stored_list(cli);

  struct Case {
    const char* name;
    std::string path;
    std::string body;
    int status;
    const char* code;
  };
  const std::string turns = "/v1/calls/" + id + "/turns";
  const std::string events = "/v1/calls/" + id + "/events";
  const std::vector<Case> cases = {
      {"malformed json", turns, R"({"speaker": "remote", "text": )", 400, "invalid_json"},
      {"not an object", turns, R"(["remote", "hi"])", 400, "invalid_input"},
      {"speaker wrong type", turns, R"({"speaker": 1, "text": "hi"})", 400, "invalid_input"},
      {"speaker unknown", turns, R"({"speaker": "robot", "text": "hi"})", 400, "invalid_input"},
      {"text wrong type", turns, R"({"speaker": "remote", "text": 5})", 400, "invalid_input"},
      {"text missing", turns, R"({"speaker": "remote"})", 400, "invalid_input"},
      {"index wrong type", turns, R"({"speaker": "remote", "text": "x", "index": "1"})", 400,
       "invalid_input"},
      {"index out of order", turns, R"({"speaker": "remote", "text": "x", "index": 7})", 409,
       "turn_out_of_order"},
      {"oversized turn", turns, json{{"speaker", "remote"}, {"text", std::string(300, 'a')}}.dump(),
       413, "turn_too_large"},
      {"oversized body", turns,
       json{{"speaker", "remote"}, {"text", "x"}, {"pad", std::string(5000, 'a')}}.dump(), 413,
       "body_too_large"},
      {"unknown call", "/v1/calls/no-such-call/turns", R"({"speaker": "remote", "text": "x"})", 404,
       "call_not_found"},
      {"event type unknown", events, R"({"type": "app_exploded", "app": "x"})", 400,
       "invalid_input"},
      {"event app wrong type", events, R"({"type": "app_started", "app": []})", 400,
       "invalid_input"},
      {"set-up wrong type", "/v1/calls", R"({"caller": 61412345678})", 400, "invalid_input"},
      {"set-up bad ingress", "/v1/calls", R"({"ingress": "mars"})", 400, "invalid_input"},
      {"set-up bad id", "/v1/calls", R"({"id": "has space"})", 400, "invalid_input"},
      {"duplicate id", "/v1/calls", json{{"id", id}}.dump(), 409, "call_exists"},
      {"empty body", turns, "", 400, "invalid_json"},
  };
  for (const Case& c : cases) {
    auto res = cli.Post(c.path.c_str(), c.body, "application/json");
    ASSERT_TRUE(res) << c.name;
    EXPECT_EQ(res->status, c.status) << c.name << ": " << res->body;
    json error = body_json(res);
    ASSERT_TRUE(error.contains("error")) << c.name << ": " << res->body;
    EXPECT_EQ(error["error"]["code"], c.code) << c.name;
    EXPECT_FALSE(error["error"]["message"].get<std::string>().empty()) << c.name;
    EXPECT_EQ(stored_call(cli, id), call_before) << c.name;
    EXPECT_EQ(stored_list(cli), list_before) << c.name;
  }

  // Too many open calls: the limit is 3 and one is open.
  ASSERT_FALSE(open_call(cli).empty());
  ASSERT_FALSE(open_call(cli).empty());
  const std::string list_full = stored_list(cli);
  auto refused = cli.Post("/v1/calls", kScamSetup, "application/json");
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->status, 429);
  EXPECT_EQ(body_json(refused)["error"]["code"], "too_many_open_calls");
  EXPECT_EQ(stored_list(cli), list_full);

  // A closed call refuses turns with 409.
  ASSERT_EQ(cli.Post(("/v1/calls/" + id + "/close").c_str(), "{}", "application/json")->status,
            200);
  const std::string closed_before = stored_call(cli, id);
  auto late = post_turn(cli, id, "one more thing");
  ASSERT_TRUE(late);
  EXPECT_EQ(late->status, 409);
  EXPECT_EQ(body_json(late)["error"]["code"], "call_closed");
  EXPECT_EQ(stored_call(cli, id), closed_before);

  // Unknown routes and query parameters are errors in the same shape.
  auto nowhere = cli.Get("/v1/nowhere");
  EXPECT_EQ(nowhere->status, 404);
  EXPECT_EQ(body_json(nowhere)["error"]["code"], "no_route");
  auto bad_query = cli.Get("/v1/calls?action=maybe");
  EXPECT_EQ(bad_query->status, 400);
  EXPECT_EQ(daemon.stop(SIGTERM), 0);
}

TEST(Daemon, BearerTokensHaveReadAndWriteScopes) {
  TempDir dir;
  const std::string read_token = "read-token-for-tests";
  const std::string write_token = "write-token-for-tests";
  write_text(dir.path() / "tokens.toml",
             "[[token]]\nname = \"dashboard\"\nscope = \"read\"\nsha256 = \"" +
                 sha256_of(read_token) + "\"\n[[token]]\nname = \"pbx\"\nscope = \"write\"\n" +
                 "sha256 = \"" + sha256_of(write_token) + "\"\n");
  write_config(dir.path() / "d.toml", "[server]\nauth_tokens = \"tokens.toml\"\n");
  DaemonProcess daemon(dir.path(), {"--config", (dir.path() / "d.toml").string()});
  std::string why;
  ASSERT_TRUE(daemon.start(&why)) << why;

  httplib::Client anonymous = daemon.client();
  httplib::Client reader = daemon.client(read_token);
  httplib::Client writer = daemon.client(write_token);
  httplib::Client stranger = daemon.client("not-a-token");

  EXPECT_EQ(anonymous.Get("/healthz")->status, 200);
  auto no_token = anonymous.Post("/v1/calls", kScamSetup, "application/json");
  EXPECT_EQ(no_token->status, 401);
  EXPECT_EQ(body_json(no_token)["error"]["code"], "unauthorized");
  EXPECT_EQ(stranger.Post("/v1/calls", kScamSetup, "application/json")->status, 401);
  auto read_only = reader.Post("/v1/calls", kScamSetup, "application/json");
  EXPECT_EQ(read_only->status, 403);
  EXPECT_EQ(body_json(read_only)["error"]["code"], "forbidden");
  EXPECT_EQ(body_json(reader.Get("/v1/calls"))["calls"].size(), 0u);  // nothing was created

  const std::string id = open_call(writer);
  ASSERT_FALSE(id.empty());
  EXPECT_EQ(reader.Get(("/v1/calls/" + id).c_str())->status, 200);
  EXPECT_EQ(anonymous.Get(("/v1/calls/" + id).c_str())->status, 401);
  EXPECT_EQ(reader.Post("/v1/check", kScamSetup, "application/json")->status, 200);
  EXPECT_EQ(reader.Get("/metrics")->status, 200);
  EXPECT_EQ(anonymous.Get("/metrics")->status, 401);
  EXPECT_EQ(daemon.stop(SIGTERM), 0);
}

TEST(Daemon, ListsCallsPagedAndFilteredAndCountsThemInMetrics) {
  TempDir dir;
  DaemonProcess daemon(dir.path());
  std::string why;
  ASSERT_TRUE(daemon.start(&why)) << why;
  httplib::Client cli = daemon.client();
  std::vector<std::string> ids;
  for (int i = 0; i < 5; ++i) ids.push_back(open_call(cli));
  ASSERT_EQ(post_turn(cli, ids[1], "hello I am calling from amazon about a refund on your account")
                ->status,
            200);
  ASSERT_EQ(cli.Post(("/v1/calls/" + ids[0] + "/close").c_str(), "{}", "application/json")->status,
            200);

  // Newest first, two per page, following next_cursor to the end.
  std::vector<std::string> seen;
  std::string cursor;
  for (int page = 0; page < 5; ++page) {
    std::string path = "/v1/calls?limit=2" + (cursor.empty() ? "" : "&cursor=" + cursor);
    json body = body_json(cli.Get(path.c_str()));
    for (const json& call : body["calls"]) seen.push_back(call["id"]);
    if (body["next_cursor"].is_null()) break;
    cursor = body["next_cursor"];
  }
  EXPECT_EQ(seen, (std::vector<std::string>{ids[4], ids[3], ids[2], ids[1], ids[0]}));

  json warned = body_json(cli.Get("/v1/calls?action=warn"));
  ASSERT_EQ(warned["calls"].size(), 1u);
  EXPECT_EQ(warned["calls"][0]["id"], ids[1]);
  json closed = body_json(cli.Get("/v1/calls?state=closed"));
  ASSERT_EQ(closed["calls"].size(), 1u);
  EXPECT_EQ(closed["calls"][0]["id"], ids[0]);
  EXPECT_EQ(body_json(cli.Get("/v1/calls?since=2999-01-01T00:00:00Z"))["calls"].size(), 0u);
  EXPECT_EQ(cli.Get("/v1/calls?since=last-week")->status, 400);

  // A stream of a closed call says so and ends.
  auto stream = cli.Get(("/v1/calls/" + ids[0] + "/stream").c_str());
  ASSERT_TRUE(stream);
  EXPECT_NE(stream->body.find("event: closed"), std::string::npos) << stream->body;

  const std::string metrics = cli.Get("/metrics")->body;
  EXPECT_NE(metrics.find("scamguard_http_requests_total{route=\"calls_open\",code=\"2xx\"} 5"),
            std::string::npos)
      << metrics;
  EXPECT_NE(metrics.find("scamguard_verdicts_total{action=\"warn\"} 1"), std::string::npos);
  EXPECT_NE(metrics.find("scamguard_open_calls 4"), std::string::npos);
  EXPECT_NE(
      metrics.find(
          "scamguard_http_request_duration_seconds_bucket{route=\"calls_turn\",le=\"+Inf\"} 1"),
      std::string::npos);
  EXPECT_NE(metrics.find("scamguard_store_errors_total 0"), std::string::npos);
  EXPECT_EQ(daemon.stop(SIGTERM), 0);
}

TEST(Daemon, TheShippedDaemonConfigLoads) {
  TempDir dir;
  DaemonProcess daemon(
      dir.path(), {"--config", (source_dir() / "conf" / "scamguardd.toml").string(), "--listen",
                   "127.0.0.1:0", "--db", (dir.path() / "calls.db").string()});
  std::string why;
  ASSERT_TRUE(daemon.start(&why)) << why;
  httplib::Client cli = daemon.client();
  EXPECT_EQ(cli.Post("/v1/check", kScamSetup, "application/json")->status, 200);
  EXPECT_EQ(daemon.stop(SIGTERM), 0);
}

TEST(Daemon, RefusesToListenBeyondLoopbackWithoutAuth) {
  TempDir dir;
  const int code = DaemonProcess::run_to_exit(
      {"--listen", "0.0.0.0:0", "--db", (dir.path() / "calls.db").string()}, dir.path() / "log");
  EXPECT_EQ(code, 2);
  EXPECT_NE(read_text(dir.path() / "log").find("without auth"), std::string::npos)
      << read_text(dir.path() / "log");
  EXPECT_FALSE(std::filesystem::exists(dir.path() / "calls.db"));
}

TEST(Daemon, SighupReloadsAGoodConfigAndKeepsServingOnABadOne) {
  TempDir dir;
  const auto local = dir.path() / "local.d";
  std::filesystem::create_directories(local);
  write_config(dir.path() / "d.toml", "[engine]\nlocal = \"local.d\"\n");
  DaemonProcess daemon(dir.path(), {"--config", (dir.path() / "d.toml").string()});
  std::string why;
  ASSERT_TRUE(daemon.start(&why)) << why;
  httplib::Client cli = daemon.client();
  auto action_of_check = [&] {
    return body_json(cli.Post("/v1/check", kScamSetup, "application/json"))["verdict"]["action"]
        .get<std::string>();
  };
  auto generation = [&] { return body_json(cli.Get("/healthz"))["engine_generation"].get<int>(); };
  auto failed_reloads = [&] {
    std::string metrics = cli.Get("/metrics")->body;
    const std::string key = "scamguard_engine_reloads_total{result=\"failed\"} ";
    return std::stoi(metrics.substr(metrics.find(key) + key.size()));
  };
  ASSERT_EQ(action_of_check(), "allow");  // the set-up alone scores 4 < warn 5
  const std::string open_before = open_call(cli);
  ASSERT_FALSE(open_before.empty());

  // Good: a lower warn threshold.
  write_text(local / "actions.toml", "warn = 3.0\n");
  daemon.signal(SIGHUP);
  for (int i = 0; i < 200 && generation() < 2; ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(25));
  ASSERT_EQ(generation(), 2) << daemon.log_text();
  EXPECT_EQ(action_of_check(), "warn");
  // The call opened before the reload is still open and takes turns.
  auto turn = post_turn(cli, open_before, "hello");
  ASSERT_TRUE(turn);
  EXPECT_EQ(turn->status, 200) << turn->body;

  // Bad: rejected, the previous engine keeps serving.
  write_text(local / "actions.toml", "warn = \"soon\"\n");
  daemon.signal(SIGHUP);
  for (int i = 0; i < 200 && failed_reloads() < 1; ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(25));
  EXPECT_EQ(failed_reloads(), 1) << daemon.log_text();
  EXPECT_EQ(generation(), 2);
  EXPECT_EQ(action_of_check(), "warn");
  EXPECT_NE(daemon.log_text().find("reload rejected"), std::string::npos);

  // A configuration whose text model cannot be read would load (on the rules alone), but a
  // reload must not trade the running engine's model for that: rejected too.
  write_text(local / "actions.toml", "warn = 3.0\n");
  write_text(local / "scamguard.toml", "[model]\npath = \"/nonexistent/model.sgtm\"\n");
  daemon.signal(SIGHUP);
  for (int i = 0; i < 200 && failed_reloads() < 2; ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(25));
  EXPECT_EQ(failed_reloads(), 2) << daemon.log_text();
  EXPECT_EQ(generation(), 2);
  EXPECT_NE(daemon.log_text().find("/nonexistent/model.sgtm"), std::string::npos)
      << daemon.log_text();
  EXPECT_EQ(daemon.stop(SIGTERM), 0);
}

TEST_P(DaemonOnStore, KillDashNineLosesNoAcknowledgedTurnAndOpenCallsComeBackOpen) {
  TempDir dir;
  DaemonProcess daemon(dir.path(), store_flags());
  std::string why;
  ASSERT_TRUE(daemon.start(&why)) << why;

  constexpr int kClients = 8;
  std::vector<std::string> ids(kClients);
  std::vector<std::vector<std::string>> acknowledged(kClients);
  std::atomic<bool> stop{false};
  std::atomic<int> total{0};
  std::latch opened(kClients);
  std::vector<std::thread> clients;
  for (int c = 0; c < kClients; ++c) {
    clients.emplace_back([&, c] {
      httplib::Client cli = daemon.client();
      cli.set_read_timeout(std::chrono::seconds(5));
      ids[c] = open_call(cli);
      opened.count_down();
      opened.wait();  // every client has its call before the load starts
      if (ids[c].empty()) return;
      for (int i = 0; !stop; ++i) {
        const std::string text = "client " + std::to_string(c) + " turn " + std::to_string(i);
        auto res = post_turn(cli, ids[c], text, i);
        if (!res || res->status != 200) return;  // the daemon died mid-request
        acknowledged[c].push_back(text);
        ++total;
      }
    });
  }
  // Kill once there is real load in flight.
  for (int i = 0; i < 400 && total < 400; ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  EXPECT_EQ(daemon.stop(SIGKILL), 128 + SIGKILL);
  stop = true;
  for (std::thread& t : clients) t.join();
  ASSERT_GE(total.load(), 50) << "too little load before the kill to mean anything";

  DaemonProcess restarted(dir.path(), store_flags());
  ASSERT_TRUE(restarted.start(&why)) << why;
  httplib::Client cli = restarted.client();
  for (int c = 0; c < kClients; ++c) {
    ASSERT_FALSE(ids[c].empty());
    json record = body_json(cli.Get(("/v1/calls/" + ids[c]).c_str()));
    EXPECT_EQ(record["state"], "open") << ids[c];
    const json& turns = record["turns"];
    // Every acknowledged turn is there, in order; at most one more (written, not yet answered).
    ASSERT_GE(turns.size(), acknowledged[c].size()) << ids[c];
    EXPECT_LE(turns.size(), acknowledged[c].size() + 1) << ids[c];
    for (size_t i = 0; i < acknowledged[c].size(); ++i) {
      EXPECT_EQ(turns[i]["text"], acknowledged[c][i]) << ids[c] << " turn " << i;
    }
    // A retry of the last acknowledged turn is recognised, not stored twice.
    if (!acknowledged[c].empty()) {
      const int last = static_cast<int>(acknowledged[c].size()) - 1;
      auto retry = post_turn(cli, ids[c], acknowledged[c].back(), last);
      ASSERT_TRUE(retry);
      EXPECT_EQ(retry->status, 200) << retry->body;
      EXPECT_EQ(body_json(retry)["duplicate"], true) << retry->body;
      EXPECT_EQ(body_json(retry)["turn_index"], last);
    }
    // The rebuilt session continues where the store left off.
    auto next = post_turn(cli, ids[c], "after the restart", static_cast<int>(turns.size()));
    ASSERT_TRUE(next);
    EXPECT_EQ(next->status, 200) << next->body;
    EXPECT_EQ(body_json(cli.Get(("/v1/calls/" + ids[c]).c_str()))["turns"].size(),
              turns.size() + 1);
  }
  // SQLite: restored at start. PostgreSQL: every node takes an open call up when it is touched.
  if (GetParam() == "sqlite") {
    EXPECT_NE(restarted.log_text().find("restored 8 open calls"), std::string::npos)
        << restarted.log_text();
  }
  EXPECT_EQ(restarted.stop(SIGTERM), 0);
}

TEST(Daemon, SigtermFinishesAndExitsZeroWithDataKept) {
  TempDir dir;
  std::string why;
  std::string id;
  {
    DaemonProcess daemon(dir.path());
    ASSERT_TRUE(daemon.start(&why)) << why;
    httplib::Client cli = daemon.client();
    id = open_call(cli);
    ASSERT_EQ(post_turn(cli, id, "hello from before the stop")->status, 200);
    EXPECT_EQ(daemon.stop(SIGTERM), 0);
    EXPECT_NE(daemon.log_text().find("stopped"), std::string::npos);
  }
  DaemonProcess again(dir.path());
  ASSERT_TRUE(again.start(&why)) << why;
  httplib::Client cli = again.client();
  json record = body_json(cli.Get(("/v1/calls/" + id).c_str()));
  EXPECT_EQ(record["state"], "open");
  ASSERT_EQ(record["turns"].size(), 1u);
  EXPECT_EQ(record["turns"][0]["text"], "hello from before the stop");
  EXPECT_EQ(again.stop(SIGTERM), 0);
}

TEST(Daemon, IdleCallsAreClosedWithAReason) {
  TempDir dir;
  write_config(dir.path() / "d.toml", "[limits]\nidle_timeout_seconds = 1\n");
  DaemonProcess daemon(dir.path(), {"--config", (dir.path() / "d.toml").string()});
  std::string why;
  ASSERT_TRUE(daemon.start(&why)) << why;
  httplib::Client cli = daemon.client();
  const std::string id = open_call(cli);
  json record;
  for (int i = 0; i < 100; ++i) {
    record = body_json(cli.Get(("/v1/calls/" + id).c_str()));
    if (record["state"] == "closed") break;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  EXPECT_EQ(record["state"], "closed");
  EXPECT_EQ(record["close_reason"], "idle_timeout");
  EXPECT_EQ(post_turn(cli, id, "too late")->status, 409);
  EXPECT_EQ(daemon.stop(SIGTERM), 0);
}

TEST(Daemon, RequestsPerClientAreLimited) {
  TempDir dir;
  write_config(dir.path() / "d.toml", "[limits]\nrequests_per_second = 2\nburst = 5\n");
  DaemonProcess daemon(dir.path(), {"--config", (dir.path() / "d.toml").string()});
  std::string why;
  ASSERT_TRUE(daemon.start(&why)) << why;
  httplib::Client cli = daemon.client();
  int limited = 0;
  int served = 0;
  for (int i = 0; i < 20; ++i) {
    auto res = cli.Post("/v1/check", kScamSetup, "application/json");
    ASSERT_TRUE(res);
    if (res->status == 429) {
      ++limited;
      EXPECT_EQ(body_json(res)["error"]["code"], "rate_limited");
    } else {
      ++served;
    }
  }
  // 20 back-to-back requests against a bucket of 5 refilled at 2/s.
  EXPECT_GE(served, 5);
  EXPECT_GE(limited, 1);
  EXPECT_EQ(cli.Get("/healthz")->status, 200);  // probes are never rate limited
  EXPECT_EQ(daemon.stop(SIGTERM), 0);
}

}  // namespace
}  // namespace scamguard::testing
