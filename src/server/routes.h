// Route registration, one function per resource. Each route declares the scope it needs, and
// add_route wraps its handler with what every route shares: bearer-token auth, the per-client
// rate limit, JSON error bodies, exception containment and metrics.
//
//   register_call_routes(server, context);   // /v1/calls ...
//   register_stream_route(server, context);  // /v1/calls/{id}/stream
//   register_check_route(server, context);   // /v1/check
//   register_ops_routes(server, context);    // /healthz, /metrics
//   register_campaign_routes(server, context);  // /v1/campaigns ...
//
// Other resources (campaigns, call end) add their own register_*_routes the same way.
#pragma once

#include <httplib.h>

#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "server/auth.h"
#include "server/call_service.h"
#include "server/server_context.h"

namespace scamguard::server {

enum class Method : uint8_t { kGet, kPost };

using RouteHandler = std::function<void(const httplib::Request&, httplib::Response&)>;

// `pattern` is an httplib regular expression; `name` is the route's metrics label.
void add_route(httplib::Server& server, ServerContext& context, Method method,
               const std::string& pattern, const std::string& name, Scope scope,
               RouteHandler handler);

// Response helpers.
void send_json(httplib::Response& res, int status, const nlohmann::json& body);
void send_error(httplib::Response& res, int status, std::string_view code,
                std::string_view message);
void send_error(httplib::Response& res, const ApiError& error);

// "2026-11-29T12:40:00.123Z"
std::string format_time(int64_t ms);
// RFC 3339 in UTC ("...Z" or "+00:00"), or whole seconds since the epoch.
std::optional<int64_t> parse_time(const std::string& text);

// Installs the JSON error handler for httplib's own refusals (404 no route, 413 body too
// large, 400 bad request line) so every error has the same body shape.
void install_error_handler(httplib::Server& server, ServerContext& context);

void register_call_routes(httplib::Server& server, ServerContext& context);
void register_stream_route(httplib::Server& server, ServerContext& context);
void register_check_route(httplib::Server& server, ServerContext& context);
void register_ops_routes(httplib::Server& server, ServerContext& context);
void register_call_end_route(httplib::Server& server, ServerContext& context);  // /v1/call-ends
void register_campaign_routes(httplib::Server& server, ServerContext& context);

}  // namespace scamguard::server
