// The HTTP layer the routes see: a parsed request, the response a handler fills in, an event
// stream for long-lived responses, and the router that maps method and path to a handler.
// Nothing here includes Boost; the event-loop server that reads and writes these
// (server/http_server.h, Boost.Beast) is the only code that does.
//
//   router.add(Method::kGet, "/v1/calls/([A-Za-z0-9._:@-]+)", [](const Request& req,
//                                                                 Response& res) {
//     res.set_content("{\"id\":\"" + req.matches[1] + "\"}", "application/json");
//   });
//
// Handlers run on a worker thread and may block (a store commit); reading the request and
// writing the response never hold one.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <regex>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace scamguard::server {

enum class Method : uint8_t { kGet, kPost };

struct Request {
  std::string method;                              // "GET", "POST", ...
  std::string path;                                // percent-decoded, without the query
  std::multimap<std::string, std::string> params;  // the decoded query
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  std::string remote_addr;
  std::vector<std::string> matches;  // [0] the path, then the route pattern's groups

  // The first header of that name (case-insensitive), or "".
  std::string header(std::string_view name) const;
  bool has_param(const std::string& key) const { return params.count(key) > 0; }
  std::string param(const std::string& key) const;
};

// A response that stays open and sends data as it comes (Server-Sent Events). The server
// calls next() once when the headers are out, then each time wake() is called; it holds no
// thread in between. If next() has nothing for `keep_alive_interval()`, the server sends
// keep_alive(). When the server stops, the stream ends after what next() last returned.
class EventStream {
 public:
  struct Step {
    std::string data;
    bool done = false;  // end the response after `data`
  };
  virtual ~EventStream() = default;
  // `wake` may be called from any thread, any number of times, also after the stream ended.
  virtual void start(std::function<void()> wake) = 0;
  virtual Step next() = 0;
  virtual std::string keep_alive() const { return ": keep-alive\n\n"; }
};

struct Response {
  int status = 200;
  std::string body;
  std::string content_type;
  std::vector<std::pair<std::string, std::string>> headers;
  // When set, `body` is ignored: the response is sent chunked, from the stream.
  std::shared_ptr<EventStream> stream;

  void set_content(std::string content, std::string type) {
    body = std::move(content);
    content_type = std::move(type);
  }
  void set_header(std::string name, std::string value) {
    headers.emplace_back(std::move(name), std::move(value));
  }
};

using Handler = std::function<void(const Request&, Response&)>;

// Routes in the order they were added; the first whose method matches and whose pattern
// matches the whole path wins. Patterns are ECMAScript regular expressions.
class Router {
 public:
  void add(Method method, const std::string& pattern, Handler handler);
  // What to answer when no route matches (404 by default; the daemon installs its JSON body).
  void set_fallback(Handler handler) { fallback_ = std::move(handler); }

  // Fills req.matches and returns the handler; the fallback when nothing matches.
  const Handler& match(Request& req) const;

 private:
  struct Route {
    std::string method;
    // The pattern's text up to its first regex metacharacter: a path that does not start with
    // it cannot match, and most do not, so std::regex (~4,000 instructions a request when
    // every route was tried with it) only runs on the routes that can match. A pattern with
    // no metacharacter at all is matched by comparing the text alone.
    std::string prefix;
    bool literal = false;
    std::regex pattern;
    Handler handler;
  };
  std::vector<Route> routes_;
  Handler fallback_ = [](const Request&, Response& res) {
    res.status = 404;
    res.set_content("not found\n", "text/plain");
  };
};

// Splits a request target into the decoded path and query parameters; false when the
// percent-encoding is malformed.
bool parse_target(std::string_view target, std::string& path,
                  std::multimap<std::string, std::string>& params);

}  // namespace scamguard::server
