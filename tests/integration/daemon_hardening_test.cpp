// scamguardd against hostile or careless clients and operators (issue 12): each test is a
// defect that was reproduced against the thread-per-connection server, and fails without its
// fix. Everything runs against the built binary on loopback.
#include <gtest/gtest.h>

#include <chrono>
#include <fstream>
#include <functional>
#include <future>
#include <nlohmann/json.hpp>
#include <thread>

#include "integration/daemon_process.h"
#include "integration/raw_client.h"
#include "support/sanitized_build.h"

namespace scamguard::testing {
namespace {

using nlohmann::json;
using std::chrono::milliseconds;
using std::chrono::seconds;
using Clock = std::chrono::steady_clock;

constexpr const char* kSetup =
    R"({"caller": "+61412345678", "display_name": "AMAZON AU", "ingress": "domestic"})";

json body_json(const httplib::Result& result) {
  if (!result) return json(nullptr);
  return json::parse(result->body, nullptr, false);
}

std::string error_code(const httplib::Result& result) {
  json body = body_json(result);
  if (!body.is_object() || !body.contains("error")) return "(no error body)";
  return body["error"]["code"].get<std::string>();
}

// A field of /proc/PID/status in MiB: "VmRSS" (resident now) or "VmHWM" (peak).
long status_mib(pid_t pid, const std::string& field) {
  std::ifstream status("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind(field + ":", 0) == 0) return std::stol(line.substr(field.size() + 1)) / 1024;
  }
  return -1;
}
long peak_rss_mib(pid_t pid) { return status_mib(pid, "VmHWM"); }
long rss_mib(pid_t pid) { return status_mib(pid, "VmRSS"); }

std::string deep(size_t levels) {
  return "{\"caller\": \"+61412345678\", \"x\": " + std::string(levels, '[') +
         std::string(levels, ']') + "}";
}

// Issue 12.1: a body nesting 50,000 levels deep crashed the daemon (SIGSEGV, recursion).
TEST(DaemonHardening, DeeplyNestedBodiesAreRefusedOnEveryRoute) {
  TempDir dir;
  write_text(dir.path() / "d.toml", "[limits]\nmax_body_bytes = 4194304\n");
  DaemonProcess daemon(dir.path(), {"--config", (dir.path() / "d.toml").string()});
  std::string why;
  ASSERT_TRUE(daemon.start(&why)) << why;
  httplib::Client cli = daemon.client();
  auto opened = cli.Post("/v1/calls", kSetup, "application/json");
  ASSERT_TRUE(opened);
  const std::string id = body_json(opened)["id"];
  const std::string body = deep(50'000);
  const std::vector<std::string> routes = {"/v1/calls",
                                           "/v1/check",
                                           "/v1/call-ends",
                                           "/v1/calls/" + id + "/turns",
                                           "/v1/calls/" + id + "/events",
                                           "/v1/calls/" + id + "/close"};
  for (const std::string& route : routes) {
    auto res = cli.Post(route, body, "application/json");
    ASSERT_TRUE(res) << route << ": no answer; log:\n" << daemon.log_text();
    EXPECT_EQ(res->status, 400) << route << ": " << res->body;
    EXPECT_EQ(error_code(res), "invalid_json") << route;
  }
  // Chunked, too.
  RawClient raw(daemon.port());
  ASSERT_TRUE(raw.send("POST /v1/calls HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n" +
                       chunked(body) + "0\r\n\r\n"));
  EXPECT_EQ(raw.status(), 400);
  // Still serving, and the call is still open.
  auto health = cli.Get("/healthz");
  ASSERT_TRUE(health);
  EXPECT_EQ(health->status, 200);
  EXPECT_EQ(body_json(cli.Get("/v1/calls/" + id))["state"], "open");
  EXPECT_EQ(daemon.stop(SIGTERM), 0);
}

// Issue 12.2: a chunked body was read whole (200 MB, 857 MB peak RSS) before the 413.
TEST(DaemonHardening, ChunkedBodiesAreLimitedWhileReading) {
  TempDir dir;
  DaemonProcess daemon(dir.path());
  std::string why;
  ASSERT_TRUE(daemon.start(&why)) << why;
  const long rss_before = peak_rss_mib(daemon.pid());
  RawClient raw(daemon.port());
  ASSERT_TRUE(raw.send("POST /v1/calls HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n"));
  const std::string piece = chunked(std::string(64 * 1024, ' '));
  size_t sent = 0;
  // Up to 200 MB, stopping as soon as the server answers.
  while (sent < 200u * 1024 * 1024 && !raw.readable(milliseconds(0))) {
    if (!raw.send(piece)) break;
    sent += piece.size();
  }
  EXPECT_EQ(raw.status(), 413);
  EXPECT_NE(raw.response().find("body_too_large"), std::string::npos) << raw.response();
  EXPECT_LT(sent, 32u * 1024 * 1024) << "the server kept reading past the limit";
  EXPECT_LT(peak_rss_mib(daemon.pid()) - rss_before, 64 * kSanitizedMemoryFactor);
  // A Content-Length over the limit is refused before the body is read.
  RawClient declared(daemon.port());
  ASSERT_TRUE(
      declared.send("POST /v1/calls HTTP/1.1\r\nHost: t\r\nContent-Length: 209715200\r\n\r\n{"));
  EXPECT_EQ(declared.status(), 413);
  EXPECT_EQ(daemon.stop(SIGTERM), 0);
}

// Issue 12.3: 64 clients trickling their requests (or 32 with 32 event streams) took every
// worker thread; nobody else was served while they trickled.
TEST(DaemonHardening, SlowClientsAndStreamsDoNotDenyService) {
  TempDir dir;
  DaemonProcess daemon(dir.path());  // the slow ones stay well inside header_timeout_seconds
  std::string why;
  ASSERT_TRUE(daemon.start(&why)) << why;
  httplib::Client cli = daemon.client();
  const std::string id = body_json(cli.Post("/v1/calls", kSetup, "application/json"))["id"];
  std::vector<std::unique_ptr<RawClient>> slow;
  for (int i = 0; i < 200; ++i) {
    auto client = std::make_unique<RawClient>(daemon.port());
    ASSERT_TRUE(client->send("POST /v1/calls HTTP/1.1\r\nHost: t\r\n"));
    slow.push_back(std::move(client));
  }
  std::vector<std::unique_ptr<RawClient>> streams;
  for (int i = 0; i < 100; ++i) {
    auto client = std::make_unique<RawClient>(daemon.port());
    ASSERT_TRUE(client->send("GET /v1/calls/" + id + "/stream HTTP/1.1\r\nHost: t\r\n\r\n"));
    streams.push_back(std::move(client));
  }
  for (auto& stream : streams) ASSERT_TRUE(stream->readable(seconds(10)));
  // The slow ones keep trickling a header byte at a time.
  for (auto& client : slow) client->send("X");
  httplib::Client fresh("127.0.0.1", daemon.port());
  fresh.set_connection_timeout(seconds(2));
  fresh.set_read_timeout(seconds(2));
  const auto start = Clock::now();
  auto res = fresh.Post("/v1/check", kSetup, "application/json");
  ASSERT_TRUE(res) << "a fresh client was not served while slow clients trickled";
  EXPECT_EQ(res->status, 200);
  EXPECT_LT(Clock::now() - start, seconds(2));
  // The streams see a verdict change.
  auto turn =
      fresh.Post("/v1/calls/" + id + "/turns",
                 R"({"speaker": "remote", "text": "please install anydesk"})", "application/json");
  ASSERT_TRUE(turn);
  EXPECT_EQ(turn->status, 200);
  auto metrics = fresh.Get("/metrics");
  ASSERT_TRUE(metrics);
  EXPECT_NE(metrics->body.find("scamguard_open_streams 100"), std::string::npos);
  EXPECT_EQ(daemon.stop(SIGTERM), 0);
}

// A connection whose headers do not arrive within header_timeout_seconds is closed.
TEST(DaemonHardening, HeadersMustArriveInTime) {
  TempDir dir;
  write_text(dir.path() / "d.toml", "[limits]\nheader_timeout_seconds = 1\n");
  DaemonProcess daemon(dir.path(), {"--config", (dir.path() / "d.toml").string()});
  std::string why;
  ASSERT_TRUE(daemon.start(&why)) << why;
  RawClient raw(daemon.port());
  ASSERT_TRUE(raw.send("GET /healthz HTTP/1.1\r\n"));
  const auto start = Clock::now();
  EXPECT_TRUE(raw.closed_within(seconds(5)));
  EXPECT_LT(Clock::now() - start, seconds(3));
  EXPECT_EQ(daemon.stop(SIGTERM), 0);
}

// Issue 12.4: SIGHUP applied a new config's missing tokens (auth off) while the socket stayed
// on the old non-loopback address.
TEST(DaemonHardening, SighupCannotTurnAuthOffWhileListeningBeyondLoopback) {
  TempDir dir;
  write_text(dir.path() / "tokens.toml",
             "[[token]]\nname = \"w\"\nscope = \"write\"\nsha256 = "
             "\"9473cfa4b57c5e71e62cfdd21b6886907df5eef9f747308bb56c7de0408771b4\"\n");
  write_text(dir.path() / "d.toml",
             "[server]\nlisten = \"0.0.0.0:0\"\nauth_tokens = \"tokens.toml\"\n");
  DaemonProcess daemon(dir.path(), {"--config", (dir.path() / "d.toml").string()});
  daemon.listen_from_config();
  std::string why;
  ASSERT_TRUE(daemon.start(&why)) << why;
  httplib::Client anonymous = daemon.client();
  ASSERT_EQ(anonymous.Post("/v1/check", kSetup, "application/json")->status, 401);
  // Valid on its own (loopback, no auth), but the socket would stay on 0.0.0.0.
  write_text(dir.path() / "d.toml", "[server]\nlisten = \"127.0.0.1:0\"\n");
  daemon.signal(SIGHUP);
  for (int i = 0; i < 200 && daemon.log_text().find("reload") == std::string::npos; ++i) {
    std::this_thread::sleep_for(milliseconds(25));
  }
  EXPECT_NE(daemon.log_text().find("reload rejected"), std::string::npos) << daemon.log_text();
  EXPECT_EQ(anonymous.Post("/v1/check", kSetup, "application/json")->status, 401);
  EXPECT_EQ(daemon.stop(SIGTERM), 0);
}

// Issue 12.5: invalid UTF-8 in a body, or a number out of range, gave 500 internal.
TEST(DaemonHardening, InvalidUtf8AndHugeNumbersAre400) {
  TempDir dir;
  DaemonProcess daemon(dir.path());
  std::string why;
  ASSERT_TRUE(daemon.start(&why)) << why;
  httplib::Client cli = daemon.client();
  const std::string id = body_json(cli.Post("/v1/calls", kSetup, "application/json"))["id"];
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"/v1/calls", "{\"caller\": \"+6141\xff\xfe\"}"},
      {"/v1/check", "{\"display_name\": \"\xc3\x28\"}"},
      {"/v1/calls/" + id + "/turns", "{\"speaker\": \"remote\", \"text\": \"hi \xed\xa0\x80\"}"},
      {"/v1/calls", R"({"time": 1e400})"},
      {"/v1/check", R"({"time": -1e400})"},
      {"/v1/call-ends",
       R"({"setup": {"caller": "+61412345678"}, "end": {"answered": true, "duration": 1e999}})"},
      {"/v1/calls/" + id + "/turns", R"({"speaker": "remote", "text": "x", "index": 1e400})"},
  };
  for (const auto& [route, body] : cases) {
    auto res = cli.Post(route, body, "application/json");
    ASSERT_TRUE(res) << route;
    EXPECT_EQ(res->status, 400) << route << " " << body << ": " << res->body;
    EXPECT_EQ(error_code(res), "invalid_json") << route << ": " << res->body;
    EXPECT_FALSE(body_json(res).is_discarded()) << "the error body itself must be valid JSON";
  }
  EXPECT_EQ(daemon.stop(SIGTERM), 0);
}

// Event streams are capped by limits.max_streams, both kinds together; a closed one gives its
// slot back.
TEST(DaemonHardening, EventStreamsAreCappedAndGiveTheirSlotBack) {
  TempDir dir;
  write_text(dir.path() / "d.toml", "[limits]\nmax_streams = 2\n");
  DaemonProcess daemon(dir.path(), {"--config", (dir.path() / "d.toml").string()});
  std::string why;
  ASSERT_TRUE(daemon.start(&why)) << why;
  httplib::Client cli = daemon.client();
  const std::string id = body_json(cli.Post("/v1/calls", kSetup, "application/json"))["id"];
  const std::string call_stream = "GET /v1/calls/" + id + "/stream HTTP/1.1\r\nHost: t\r\n\r\n";
  const std::string live_stream = "GET /v1/stream HTTP/1.1\r\nHost: t\r\n\r\n";
  auto first = std::make_unique<RawClient>(daemon.port());
  RawClient second(daemon.port());
  ASSERT_TRUE(first->send(call_stream));
  ASSERT_TRUE(second.send(live_stream));
  ASSERT_TRUE(first->readable(seconds(5)));
  ASSERT_TRUE(second.readable(seconds(5)));
  for (const std::string& request : {call_stream, live_stream}) {
    RawClient third(daemon.port());
    ASSERT_TRUE(third.send(request));
    const std::string& answer = third.response(milliseconds(2000));
    EXPECT_EQ(answer.substr(0, 12), "HTTP/1.1 429") << request;
    EXPECT_NE(answer.find("too_many_streams"), std::string::npos) << answer;
  }
  first.reset();
  bool served = false;
  for (int i = 0; i < 100 && !served; ++i) {  // the server notices the closed stream first
    RawClient attempt(daemon.port());
    ASSERT_TRUE(attempt.send(live_stream));
    ASSERT_TRUE(attempt.readable(seconds(5)));
    served = attempt.response(milliseconds(300)).find(" 200 ") != std::string::npos;
    if (!served) std::this_thread::sleep_for(milliseconds(50));
  }
  EXPECT_TRUE(served) << "a closed stream did not give its slot back";
  EXPECT_EQ(daemon.stop(SIGTERM), 0);
}

// The other deadlines, kept by the server's sweep rather than a timer per read and write: an
// idle keep-alive connection is closed after keep_alive_timeout_seconds.
TEST(DaemonHardening, IdleKeepAliveConnectionsAreClosedInTime) {
  TempDir dir;
  write_text(dir.path() / "d.toml", "[limits]\nkeep_alive_timeout_seconds = 1\n");
  DaemonProcess daemon(dir.path(), {"--config", (dir.path() / "d.toml").string()});
  std::string why;
  ASSERT_TRUE(daemon.start(&why)) << why;
  RawClient raw(daemon.port());
  ASSERT_TRUE(raw.send("GET /healthz HTTP/1.1\r\nHost: t\r\n\r\n"));
  const auto start = Clock::now();
  EXPECT_TRUE(raw.closed_within(seconds(5)));  // reads the answer, then waits for the close
  EXPECT_LT(Clock::now() - start, seconds(3));
  EXPECT_EQ(daemon.stop(SIGTERM), 0);
}

// A client that sends requests but never reads the answers stalls the server's write; it is
// cut off after write_timeout_seconds, and cannot hold a shutdown either.
TEST(DaemonHardening, AClientThatNeverReadsIsClosedAtTheWriteTimeout) {
  TempDir dir;
  write_text(dir.path() / "d.toml", "[limits]\nwrite_timeout_seconds = 1\n");
  DaemonProcess daemon(dir.path(), {"--config", (dir.path() / "d.toml").string()});
  std::string why;
  ASSERT_TRUE(daemon.start(&why)) << why;
  // 2,000 pipelined requests for /metrics (tens of kilobytes each): far more answer than the
  // socket buffers hold.
  std::string requests;
  for (int i = 0; i < 2000; ++i) requests += "GET /metrics HTTP/1.1\r\nHost: t\r\n\r\n";
  RawClient stalled(daemon.port());
  ASSERT_TRUE(stalled.send(requests));
  const auto start = Clock::now();
  EXPECT_TRUE(stalled.reset_within(seconds(5)));
  EXPECT_LT(Clock::now() - start, seconds(3));
  httplib::Client cli = daemon.client();
  auto res = cli.Get("/healthz");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  // One stalled when SIGTERM comes: the answer in flight is let finish, but only until its
  // deadline, so the shutdown still ends.
  RawClient stalled_at_shutdown(daemon.port());
  ASSERT_TRUE(stalled_at_shutdown.send(requests));
  std::this_thread::sleep_for(milliseconds(300));
  const auto stopping = Clock::now();
  auto stopped = std::async(std::launch::async, [&daemon] { return daemon.stop(SIGTERM); });
  // Had the shutdown waited for the client, it would wait forever: end the client after 6 s.
  if (stopped.wait_for(seconds(6)) != std::future_status::ready) stalled_at_shutdown.close();
  EXPECT_EQ(stopped.get(), 0);
  EXPECT_LT(Clock::now() - stopping, seconds(5)) << "the shutdown waited for a client not reading";
}

// Issue 12.6: 300,000 headers were accepted (+56 MB RSS).
TEST(DaemonHardening, HeaderCountAndSizeAreLimited) {
  TempDir dir;
  DaemonProcess daemon(dir.path());
  std::string why;
  ASSERT_TRUE(daemon.start(&why)) << why;
  std::string many = "GET /healthz HTTP/1.1\r\nHost: t\r\n";
  for (int i = 0; i < 300; ++i) many += "X-" + std::to_string(i) + ": 1\r\n";
  RawClient count(daemon.port());
  ASSERT_TRUE(count.send(many + "\r\n"));
  EXPECT_EQ(count.status(), 431);
  EXPECT_NE(count.response().find("too_many_headers"), std::string::npos) << count.response();

  RawClient size(daemon.port());
  ASSERT_TRUE(size.send(
      "GET /healthz HTTP/1.1\r\nHost: t\r\nX-Big: " + std::string(64 * 1024, 'a') + "\r\n\r\n"));
  EXPECT_EQ(size.status(), 431);
  EXPECT_NE(size.response().find("header_too_large"), std::string::npos) << size.response();

  // 300,000 headers: refused after the first 16 KiB, memory untouched.
  const long rss_before = peak_rss_mib(daemon.pid());
  RawClient flood(daemon.port());
  flood.send("GET /healthz HTTP/1.1\r\nHost: t\r\n");
  std::string block;
  for (int i = 0; i < 1000; ++i) block += "X-Flood: 1\r\n";
  for (int i = 0; i < 300 && flood.send(block) && !flood.readable(milliseconds(0)); ++i) {
  }
  EXPECT_EQ(flood.status(), 431);
  EXPECT_LT(peak_rss_mib(daemon.pid()) - rss_before, 16 * kSanitizedMemoryFactor);
  EXPECT_EQ(daemon.stop(SIGTERM), 0);
}

// Issue 12.7: a second daemon on a port in use started and shared it (SO_REUSEPORT).
TEST(DaemonHardening, ASecondDaemonOnAPortInUseRefusesToStart) {
  TempDir dir;
  DaemonProcess first(dir.path());
  std::string why;
  ASSERT_TRUE(first.start(&why)) << why;
  TempDir other;
  DaemonProcess second(other.path(), {"--listen", "127.0.0.1:" + std::to_string(first.port())});
  std::string log;
  EXPECT_FALSE(second.start(&log)) << "a second daemon listens on port " << first.port();
  EXPECT_NE(log.find("in use"), std::string::npos) << log;
  EXPECT_EQ(first.stop(SIGTERM), 0);
}

// Past limits.max_connections a new connection gets 503 too_many_connections, at once.
TEST(DaemonHardening, ConnectionsAreBoundedWithAClear503) {
  TempDir dir;
  write_text(dir.path() / "d.toml", "[limits]\nmax_connections = 16\n");
  DaemonProcess daemon(dir.path(), {"--config", (dir.path() / "d.toml").string()});
  std::string why;
  ASSERT_TRUE(daemon.start(&why)) << why;
  std::vector<std::unique_ptr<RawClient>> idle;
  for (int i = 0; i < 16; ++i) idle.push_back(std::make_unique<RawClient>(daemon.port()));
  std::this_thread::sleep_for(milliseconds(200));
  RawClient extra(daemon.port());
  ASSERT_TRUE(extra.send("GET /healthz HTTP/1.1\r\nHost: t\r\n\r\n"));
  EXPECT_EQ(extra.status(), 503);
  EXPECT_NE(extra.response().find("too_many_connections"), std::string::npos);
  idle.clear();
  std::this_thread::sleep_for(milliseconds(200));
  httplib::Client cli = daemon.client();
  auto res = cli.Get("/healthz");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  EXPECT_EQ(daemon.stop(SIGTERM), 0);
}

// Issue 12.8: RSS only grew. 10,000 calls opened and closed left ~960 MB (per-thread glibc
// arenas holding freed sessions), and each burst ratcheted it up; bench/load/rss.py measures
// it. Here two bursts of 3,000 calls from 16 clients, all open then all closed: after the
// reaper's trim, the second burst leaves no more than the first (what stays is per-thread
// scratch space, paid once per event-loop thread, not per call). A suite of its own, so that
// CTest runs it (the slowest daemon test) beside the other hardening tests.
//
// What it still catches: closed calls that stay in memory (with mark_closed keeping the call
// and its session, RSS went 87 -> 114 MiB and this failed). What it no longer reproduces: the
// arena ratchet of 12.8 itself. Since handlers run on their connection's event loop and closed
// sessions are recycled, it passes with both halves of that fix removed (mallopt(M_ARENA_MAX)
// in scamguardd's main and malloc_trim in the reaper), at 2,000 and 3,000 calls a burst;
// bench/load/rss.py is where the ratchet is measured.
TEST(DaemonMemory, ClosedCallsDoNotRatchet) {
  if (kSanitizedBuild) {
    // A sanitizer's allocator keeps freed memory in quarantine and never trims, so RSS there
    // measures the sanitizer, not glibc's arenas (under ASan: 779 MiB, then 822).
    GTEST_SKIP() << "RSS under a sanitizer's allocator says nothing about glibc's";
  }
  TempDir dir;
  write_text(dir.path() / "d.toml", "[limits]\nmemory_trim_seconds = 1\n");
  DaemonProcess daemon(dir.path(), {"--config", (dir.path() / "d.toml").string()});
  std::string why;
  ASSERT_TRUE(daemon.start(&why)) << why;
  constexpr int kClients = 16;
  constexpr int kCallsEach = 3000 / kClients;
  auto each_call = [&](const std::function<void(httplib::Client&, const std::string&)>& step,
                       int round) {
    std::vector<std::thread> clients;
    for (int c = 0; c < kClients; ++c) {
      clients.emplace_back([&, c] {
        httplib::Client cli = daemon.client();
        for (int i = 0; i < kCallsEach; ++i) {
          step(cli,
               "rss-" + std::to_string(round) + "-" + std::to_string(c) + "-" + std::to_string(i));
        }
      });
    }
    for (std::thread& client : clients) client.join();
  };
  auto burst = [&](int round) {
    each_call(
        [](httplib::Client& cli, const std::string& id) {
          json setup = json::parse(kSetup);
          setup["id"] = id;
          cli.Post("/v1/calls", setup.dump(), "application/json");
          cli.Post("/v1/calls/" + id + "/turns",
                   R"({"speaker": "remote", "text": "install anydesk"})", "application/json");
        },
        round);
    each_call(
        [](httplib::Client& cli, const std::string& id) {
          cli.Post("/v1/calls/" + id + "/close", "{}", "application/json");
        },
        round);
    std::this_thread::sleep_for(milliseconds(2500));  // two trim intervals of the reaper
    return rss_mib(daemon.pid());
  };
  const long first = burst(1);
  const long second = burst(2);
  // The defect grew RSS by ~90 MiB per 1,000 calls, so a ratchet would add hundreds of MiB
  // here. Without it the second burst has left up to 9 MiB more than the first on this
  // 2-core machine under load (SQLite's page cache and the store's growing file), which
  // failed the 8 MiB margin once in a while; 16 MiB keeps that noise out and the defect in.
  EXPECT_LE(second, first + 16) << "RSS " << first << " MiB after the first burst, " << second
                                << " after the second";
  EXPECT_EQ(daemon.stop(SIGTERM), 0);
}

// Issue 12.9: a --config that cannot be read on SIGHUP was logged but not counted.
TEST(DaemonHardening, AFailedReloadOfTheConfigFileIsCounted) {
  TempDir dir;
  write_text(dir.path() / "d.toml", "[limits]\nmax_open_calls = 100\n");
  DaemonProcess daemon(dir.path(), {"--config", (dir.path() / "d.toml").string()});
  std::string why;
  ASSERT_TRUE(daemon.start(&why)) << why;
  httplib::Client cli = daemon.client();
  write_text(dir.path() / "d.toml", "[limits\nmax_open_calls = \n");
  daemon.signal(SIGHUP);
  const std::string key = "scamguard_engine_reloads_total{result=\"failed\"} 1";
  std::string metrics;
  for (int i = 0; i < 200; ++i) {
    metrics = cli.Get("/metrics")->body;
    if (metrics.find(key) != std::string::npos) break;
    std::this_thread::sleep_for(milliseconds(25));
  }
  EXPECT_NE(metrics.find(key), std::string::npos) << metrics << daemon.log_text();
  EXPECT_EQ(daemon.stop(SIGTERM), 0);
}

}  // namespace
}  // namespace scamguard::testing
