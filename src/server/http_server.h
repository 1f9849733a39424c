// scamguardd's HTTP/1.1 server: `threads` single-threaded event loops (Boost.Asio, Boost.Beast's
// parser), each connection on one of them, round-robin. Reading and writing never hold a
// thread; a route handler runs on its connection's loop and holds that loop while it runs (a
// store commit blocks it, and the loop's other connections wait), so `threads` handlers can
// block at once while the other loops keep serving. Slow clients, idle keep-alive connections
// and event streams cost a socket and a few kilobytes.
//
// What a client cannot do (each is a limit in HttpOptions):
//   - take longer than header_timeout to send a request's headers, or read_timeout its body,
//     or stay idle between requests past keep_alive_timeout (the connection is closed);
//   - send more than max_header_bytes of headers or more than max_headers of them (431);
//   - send a body over max_body_bytes, by Content-Length or chunked (413, checked while
//     reading, so nothing over the limit is ever held);
//   - take longer than write_timeout to read one write of the answer;
//   - open more than max_connections at once (503 too_many_connections, then closed).
// The timeouts are deadlines a sweep checks every quarter of the shortest one (at most 250 ms),
// so one is kept to within a quarter of itself; no timer is armed per read or write.
//
//   HttpServer server(options, router, access_log);
//   if (Status bound = server.bind(host, port); !bound) ...
//   server.run();    // in one thread; returns after stop() once in-flight answers are out
//   server.stop();   // from any thread
#pragma once

#include <atomic>
#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <string>

#include "scamguard/error.h"
#include "server/http.h"

namespace scamguard::server {

struct HttpOptions {
  size_t threads = 64;  // event loops (one thread each), so route handlers that may block at once
  size_t max_connections = 4096;
  size_t max_header_bytes = 16 * 1024;
  size_t max_headers = 100;
  size_t max_body_bytes = 64 * 1024;
  std::chrono::milliseconds header_timeout{10'000};
  std::chrono::milliseconds read_timeout{10'000};
  std::chrono::milliseconds write_timeout{10'000};
  std::chrono::milliseconds keep_alive_timeout{30'000};
  std::chrono::milliseconds stream_keep_alive{15'000};
};

// One line of the access log: every request answered, and every refusal the server makes on
// its own (a header too large, a body over the limit, too many connections).
struct AccessRecord {
  std::string client;  // address:port
  std::string method;
  std::string target;
  int status = 0;
  std::chrono::nanoseconds latency{0};
  size_t bytes_in = 0;
  size_t bytes_out = 0;
};
using AccessLog = std::function<void(const AccessRecord&)>;

// How the server answers the refusals it makes before any route runs (status and the error
// code of docs/http-api.md); the daemon renders them as its JSON error body.
using ErrorRenderer =
    std::function<void(int status, std::string_view code, std::string_view message, Response& res)>;

class HttpServer {
 public:
  HttpServer(HttpOptions options, const Router& router, ErrorRenderer render_error,
             AccessLog access_log = {});
  ~HttpServer();
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  // Binds and listens (SO_REUSEADDR only: a port another process listens on is an error).
  Status bind(const std::string& host, int port);
  int port() const;

  // Serves until stop(), then lets in-flight requests finish and returns.
  void run();
  // Stops accepting, closes idle connections, ends event streams; any thread, any time.
  void stop();

  struct Impl;  // the event loop and its connections (http_server.cpp)

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace scamguard::server
