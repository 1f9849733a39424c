// What every route shares: auth, rate limit, errors, metrics.
#include <chrono>
#include <ctime>

#include "server/json_codec.h"
#include "server/routes.h"

namespace scamguard::server {

void send_json(Response& res, int status, const nlohmann::json& body) {
  res.status = status;
  res.set_content(body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace),
                  "application/json");
}

void send_error(Response& res, int status, std::string_view code, std::string_view message) {
  res.status = status;
  res.set_content(error_body(code, message), "application/json");
}

void send_error(Response& res, const ApiError& error) {
  send_error(res, error.status, error.code, error.message);
}

std::string sse_event(const char* name, uint64_t id, const nlohmann::json& data) {
  return std::string("event: ") + name + "\nid: " + std::to_string(id) +
         "\ndata: " + data.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n\n";
}

void send_event_stream(Response& res, ServerContext& context,
                       const std::function<std::shared_ptr<EventStream>()>& make) {
  if (context.open_streams.fetch_add(1) >= context.limits().max_streams) {
    context.open_streams.fetch_sub(1);
    return send_error(res, 429, "too_many_streams",
                      "there are already " + std::to_string(context.limits().max_streams) +
                          " open streams (limits.max_streams)");
  }
  res.set_header("Cache-Control", "no-cache");
  res.set_header("X-Accel-Buffering", "no");
  res.content_type = "text/event-stream";
  res.stream = make();
}

std::string format_time(int64_t ms) {
  const std::time_t seconds = static_cast<std::time_t>(ms / 1000);
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char buffer[40];
  const size_t n = std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%S", &utc);
  std::snprintf(buffer + n, sizeof buffer - n, ".%03dZ", static_cast<int>(ms % 1000));
  return buffer;
}

std::optional<int64_t> parse_time(const std::string& text) {
  if (!text.empty() && text.find_first_not_of("0123456789") == std::string::npos) {
    if (text.size() > 12) return std::nullopt;
    return std::stoll(text) * 1000;
  }
  std::tm utc{};
  int millis = 0;
  const char* rest = strptime(text.c_str(), "%Y-%m-%dT%H:%M:%S", &utc);
  if (!rest) return std::nullopt;
  if (*rest == '.') {
    ++rest;
    int digits = 0;
    while (*rest >= '0' && *rest <= '9') {
      if (digits < 3) millis = millis * 10 + (*rest - '0');
      ++digits;
      ++rest;
    }
    if (digits == 0) return std::nullopt;
    for (; digits < 3; ++digits) millis *= 10;
  }
  if (std::string_view(rest) != "Z" && std::string_view(rest) != "+00:00") return std::nullopt;
  return static_cast<int64_t>(timegm(&utc)) * 1000 + millis;
}

void add_route(Router& router, ServerContext& context, Method method, const std::string& pattern,
               const std::string& name, Scope scope, RouteHandler handler) {
  RouteMetrics* metrics = context.metrics.route(name);
  auto wrapped = [&context, metrics, scope, handler = std::move(handler)](const Request& req,
                                                                          Response& res) {
    const auto start = std::chrono::steady_clock::now();
    std::string client = req.remote_addr;
    bool allowed = true;
    if (std::shared_ptr<const TokenSet> tokens = context.tokens();
        tokens && scope != Scope::kNone) {
      const std::string header = req.header("Authorization");
      constexpr std::string_view kBearer = "Bearer ";
      std::optional<TokenInfo> holder;
      if (header.size() > kBearer.size() && header.compare(0, kBearer.size(), kBearer) == 0) {
        holder = tokens->check(std::string_view(header).substr(kBearer.size()));
      }
      if (!holder) {
        res.set_header("WWW-Authenticate", "Bearer");
        send_error(res, 401, "unauthorized",
                   header.empty() ? "this route needs an Authorization: Bearer token"
                                  : "the bearer token is not known");
        allowed = false;
      } else if (holder->scope < scope) {
        send_error(res, 403, "forbidden",
                   "token '" + holder->name + "' has scope " + to_string(holder->scope) +
                       "; this route needs " + to_string(scope));
        allowed = false;
      } else {
        client = "token:" + holder->name;
      }
    }
    // Unauthenticated routes (/healthz) are exempt: a load balancer's probe must never be told
    // to back off.
    if (allowed && scope != Scope::kNone && !context.limiter.allow(client)) {
      res.set_header("Retry-After", "1");
      send_error(res, 429, "rate_limited",
                 "too many requests from " + client + " (limits.requests_per_second)");
      allowed = false;
    }
    if (allowed) {
      try {
        handler(req, res);
      } catch (const std::exception& error) {
        send_error(res, 500, "internal", std::string("internal error: ") + error.what());
      }
    }
    metrics->observe(res.status,
                     static_cast<uint64_t>(std::chrono::duration_cast<std::chrono::nanoseconds>(
                                               std::chrono::steady_clock::now() - start)
                                               .count()));
  };
  router.add(method, pattern, std::move(wrapped));
}

void install_fallback(Router& router, ServerContext& context) {
  RouteMetrics* unmatched = context.metrics.route("unmatched");
  router.set_fallback([unmatched](const Request& req, Response& res) {
    unmatched->observe(404, 0);
    send_error(res, 404, "no_route", "no route for " + req.method + " " + req.path);
  });
}

ErrorRenderer error_renderer(ServerContext& context) {
  RouteMetrics* unmatched = context.metrics.route("unmatched");
  return [unmatched](int status, std::string_view code, std::string_view message, Response& res) {
    unmatched->observe(status, 0);
    send_error(res, status, code, message);
  };
}

}  // namespace scamguard::server
