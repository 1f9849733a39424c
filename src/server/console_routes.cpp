// The analyst console (docs/console.md): the page shells at stable addresses, their scripts and
// styles from [server] web_root, Chart.js from [server] chart_js (Debian's libjs-chart.js),
// and the two JSON routes only the console needs.
//
// The shells carry no data, so they are served without a token (a browser cannot send one
// when it follows a bookmark); every figure on a page comes from an authenticated /v1 route,
// with the token the analyst typed into the page. Files are named by a single path segment
// of safe characters, so nothing outside the two directories can be asked for.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "core/verdict_json.h"
#include "server/json_codec.h"
#include "server/routes.h"

namespace scamguard::server {

namespace {

using nlohmann::json;

constexpr const char* kCallId = "([A-Za-z0-9._:@-]+)";
constexpr const char* kFileName = "([A-Za-z0-9_-][A-Za-z0-9._-]*)";

// Pages: no data, nothing loaded from anywhere but this daemon, no inline script. Inline
// styles are allowed because the printable case report, opened from the campaign page as a
// blob, inherits this policy and keeps its stylesheet inline so that it stays one file.
constexpr const char* kPagePolicy =
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

std::string content_type_of(const std::string& name) {
  static const std::map<std::string, std::string> kTypes = {
      {".html", "text/html; charset=utf-8"},
      {".css", "text/css; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"},
      {".mjs", "text/javascript; charset=utf-8"},
      {".png", "image/png"},
      {".svg", "image/svg+xml"},
      {".json", "application/json"},
      {".md", "text/plain; charset=utf-8"},
  };
  const auto found = kTypes.find(std::filesystem::path(name).extension().string());
  return found == kTypes.end() ? "application/octet-stream" : found->second;
}

// Writes `dir`/`name` into the response, or the JSON 404 naming what is missing. Read at each
// request: the files are small, and an edited page shows without a restart.
void serve_file(Response& res, const std::string& dir, const std::string& what,
                const std::string& name) {
  if (dir.empty()) {
    return send_error(res, 404, "no_route",
                      "the console is not installed: set [server] web_root or --web-root");
  }
  const std::filesystem::path path = std::filesystem::path(dir) / name;
  std::error_code ignored;
  std::ifstream in;
  if (std::filesystem::is_regular_file(path, ignored)) in.open(path, std::ios::binary);
  if (!in.is_open() || !in)
    return send_error(res, 404, "no_route", "no " + what + " file '" + name + "'");
  std::ostringstream content;
  content << in.rdbuf();
  res.status = 200;
  res.set_content(content.str(), content_type_of(name));
  res.set_header("Cache-Control", "no-cache");
  res.set_header("X-Content-Type-Options", "nosniff");
  if (name.ends_with(".html")) res.set_header("Content-Security-Policy", kPagePolicy);
}

json symbols_json(const Engine& engine) {
  json list = json::array();
  for (const SymbolInfo& symbol : engine.symbols()) {
    list.push_back(detail::symbol_json(symbol));
  }
  return {{"warn_score", engine.warn_score()},
          {"block_score", engine.block_score()},
          {"symbols", std::move(list)}};
}

json timeline_json(const std::string& id, const CallTimeline& timeline) {
  json points = json::array();
  for (const TimelinePoint& point : timeline.points) {
    points.push_back({{"seq", point.seq},
                      {"turn", point.turn < 0 ? json(nullptr) : json(point.turn)},
                      {"kind", point.kind},
                      {"score", point.score},
                      {"action", to_string(point.action)}});
  }
  // Where each stage began: the first turn any of its findings fired on.
  std::map<int, int> first_turn;  // stage -> turn
  for (const Finding& finding : timeline.verdict.findings) {
    const int stage = static_cast<int>(finding.stage);
    auto [it, inserted] = first_turn.emplace(stage, finding.turn);
    if (!inserted) it->second = std::min(it->second, finding.turn);
  }
  json stages = json::array();
  for (const auto& [stage, turn] : first_turn) {
    stages.push_back({{"stage", to_string(static_cast<Stage>(stage))},
                      {"turn", turn < 0 ? json(nullptr) : json(turn)}});
  }
  std::stable_sort(stages.begin(), stages.end(), [](const json& a, const json& b) {
    const int ta = a["turn"].is_null() ? -1 : a["turn"].get<int>();
    const int tb = b["turn"].is_null() ? -1 : b["turn"].get<int>();
    return ta < tb;
  });
  return {{"id", id},
          {"warn_score", timeline.verdict.warn_score},
          {"block_score", timeline.verdict.block_score},
          {"points", std::move(points)},
          {"stages", std::move(stages)},
          {"verdict", verdict_json(timeline.verdict)}};
}

}  // namespace

void register_console_routes(Router& router, ServerContext& context, const CallService& service) {
  struct Page {
    std::string pattern;
    const char* file;
  };
  const Page pages[] = {{"/", "index.html"},
                        {std::string("/calls/") + kCallId, "call.html"},
                        {"/campaigns", "campaigns.html"},
                        {std::string("/campaigns/") + kCallId, "campaign.html"},
                        {"/symbols", "symbols.html"}};
  for (const Page& page : pages) {
    add_route(router, context, Method::kGet, page.pattern, "console_page", Scope::kNone,
              [&context, file = std::string(page.file)](const Request&, Response& res) {
                serve_file(res, context.web_root, "console", file);
              });
  }
  add_route(router, context, Method::kGet, std::string("/static/") + kFileName, "console_static",
            Scope::kNone, [&context](const Request& req, Response& res) {
              serve_file(res, context.web_root, "console", req.matches[1]);
            });
  add_route(router, context, Method::kGet, std::string("/javascript/chart.js/") + kFileName,
            "console_chart_js", Scope::kNone, [&context](const Request& req, Response& res) {
              if (context.chart_js_dir.empty()) {
                return send_error(res, 404, "no_route", "[server] chart_js is not set");
              }
              serve_file(res, context.chart_js_dir, "Chart.js ([server] chart_js)", req.matches[1]);
            });

  add_route(router, context, Method::kGet, "/v1/symbols", "symbols", Scope::kRead,
            [&context](const Request&, Response& res) {
              send_json(res, 200, symbols_json(*context.engine()));
            });

  add_route(router, context, Method::kGet, std::string("/v1/calls/") + kCallId + "/timeline",
            "calls_timeline", Scope::kRead,
            [&context, &service](const Request& req, Response& res) {
              const std::string& id = req.matches[1];
              Result<store::CallRecord> record = context.store.load_call(id);
              if (!record) {
                if (record.error().code == ErrorCode::kNotFound) {
                  return send_error(res, 404, "call_not_found", record.error().message);
                }
                return send_error(res, api_error(record.error()));
              }
              Result<CallTimeline> timeline = service.replay_timeline(*record);
              if (!timeline) return send_error(res, api_error(timeline.error()));
              send_json(res, 200, timeline_json(id, *timeline));
            });
}

}  // namespace scamguard::server
