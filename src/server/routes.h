// Route registration, one function per resource. Each route declares the scope it needs, and
// add_route wraps its handler with what every route shares: bearer-token auth, the per-client
// rate limit, JSON error bodies, exception containment and metrics.
//
//   register_call_routes(router, context);   // /v1/calls ...
//   register_stream_route(router, context);  // /v1/calls/{id}/stream
//   register_check_route(router, context);   // /v1/check
//   register_ops_routes(router, context);    // /healthz, /metrics
//   register_campaign_routes(router, context);  // /v1/campaigns ...
//
// Other resources (campaigns, call end) add their own register_*_routes the same way.
#pragma once

#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "server/auth.h"
#include "server/call_service.h"
#include "server/http.h"
#include "server/http_server.h"
#include "server/server_context.h"

namespace scamguard::server {

using RouteHandler = Handler;

// `pattern` is a regular expression over the whole path (server/http.h); `name` is the
// route's metrics label. Scope::kNone routes need no token and are not rate limited (a
// console's static pages can be added that way).
void add_route(Router& router, ServerContext& context, Method method, const std::string& pattern,
               const std::string& name, Scope scope, RouteHandler handler);

// Response helpers.
void send_json(Response& res, int status, const nlohmann::json& body);
void send_error(Response& res, int status, std::string_view code, std::string_view message);
void send_error(Response& res, const ApiError& error);

// One Server-Sent Event: "event: NAME\nid: ID\ndata: JSON\n\n".
std::string sse_event(const char* name, uint64_t id, const nlohmann::json& data);
// Answers with the event stream `make` returns (text/event-stream, neither cached nor buffered
// by a proxy), or 429 too_many_streams when limits.max_streams are open already. The stream
// holds one of context.open_streams and gives it back when it is destroyed.
void send_event_stream(Response& res, ServerContext& context,
                       const std::function<std::shared_ptr<EventStream>()>& make);

// "2026-11-29T12:40:00.123Z"
std::string format_time(int64_t ms);
// RFC 3339 in UTC ("...Z" or "+00:00"), or whole seconds since the epoch.
std::optional<int64_t> parse_time(const std::string& text);

// The 404 no_route answer for paths no route matches, in the JSON error shape.
void install_fallback(Router& router, ServerContext& context);
// The server's own refusals (413 body too large, 431, 400 bad request, 503 too many
// connections) in the same JSON error shape, counted under the route name "unmatched".
ErrorRenderer error_renderer(ServerContext& context);

void register_call_routes(Router& router, ServerContext& context);
void register_stream_route(Router& router, ServerContext& context);
void register_check_route(Router& router, ServerContext& context);
void register_ops_routes(Router& router, ServerContext& context);
void register_call_end_route(Router& router, ServerContext& context);  // /v1/call-ends
void register_campaign_routes(Router& router, ServerContext& context);
// GET /v1/stream: the open calls, live (Server-Sent Events), for the console's live list.
void register_live_stream_route(Router& router, ServerContext& context);
// The console: its pages (/, /calls/{id}, /campaigns, /campaigns/{id}, /symbols), their
// scripts and styles, Chart.js, and the JSON only the console needs (/v1/symbols,
// /v1/calls/{id}/timeline).
void register_console_routes(Router& router, ServerContext& context, const CallService& service);

}  // namespace scamguard::server
