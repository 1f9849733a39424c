// /v1/campaigns: the campaigns built from closed calls, one campaign, and its case report
// (JSON, or a printable HTML page). Shapes are campaign/report.h's, the same as the CLI's.
#include <algorithm>

#include "campaign/report.h"
#include "scamguard/version.h"
#include "server/campaign_service.h"
#include "server/routes.h"
#include "store/call_evidence.h"

namespace scamguard::server {

namespace {

using nlohmann::json;

// Campaign ids are "cmp-<n>"; the pattern is looser so a wrong id gets a 404 naming it rather
// than the generic no-route error.
constexpr const char* kCampaignId = "([A-Za-z0-9._:@-]+)";

// Digits only, at most `max_digits`; nullopt otherwise.
std::optional<int64_t> parse_count(const std::string& value, size_t max_digits) {
  if (value.empty() || value.size() > max_digits ||
      value.find_first_not_of("0123456789") != std::string::npos) {
    return std::nullopt;
  }
  return std::stoll(value);
}

void campaign_not_found(Response& res, const std::string& id) {
  send_error(res, 404, "campaign_not_found", "no campaign with id '" + id + "'");
}

// The calls of campaign `id`, or writes the 404 / 5xx and returns nullopt.
std::optional<std::vector<campaign::StoredCall>> calls_of(const CampaignService& campaigns,
                                                          const std::string& id, Response& res) {
  Result<std::vector<campaign::StoredCall>> calls = campaigns.campaign_calls(id);
  if (!calls) {
    if (calls.error().code == ErrorCode::kNotFound) {
      campaign_not_found(res, id);
    } else {
      send_error(res, api_error(calls.error()));
    }
    return std::nullopt;
  }
  // A single suspect call carries a campaign id too, but is not listed as a campaign.
  if (calls->size() < 2) {
    campaign_not_found(res, id);
    return std::nullopt;
  }
  return std::move(*calls);
}

bool wants_html(const Request& req, Response& res, bool& html) {
  html = false;
  if (req.has_param("format")) {
    const std::string format = req.param("format");
    if (format != "json" && format != "html") {
      send_error(res, 400, "invalid_input", "format: must be json or html, not '" + format + "'");
      return false;
    }
    html = format == "html";
    return true;
  }
  const std::string accept = req.header("Accept");
  html = accept.find("text/html") != std::string::npos;
  return true;
}

}  // namespace

void register_campaign_routes(Router& router, ServerContext& context) {
  add_route(router, context, Method::kGet, "/v1/campaigns", "campaigns_list", Scope::kRead,
            [&context](const Request& req, Response& res) {
              if (!context.campaigns) {
                return send_error(res, 503, "unavailable", "campaigns are not enabled");
              }
              int64_t limit = 50;
              int64_t offset = 0;
              for (const auto& [key, value] : req.params) {
                if (key == "limit") {
                  const std::optional<int64_t> given = parse_count(value, 4);
                  if (!given || *given < 1 || *given > 1000) {
                    return send_error(res, 400, "invalid_input", "limit: must be 1-1000");
                  }
                  limit = *given;
                } else if (key == "cursor") {
                  const std::optional<int64_t> given = parse_count(value, 12);
                  if (!given) {
                    return send_error(res, 400, "invalid_input",
                                      "cursor: must be a next_cursor value from an earlier page");
                  }
                  offset = *given;
                } else {
                  return send_error(res, 400, "invalid_input",
                                    "unknown query parameter '" + key + "'");
                }
              }
              Result<std::vector<campaign::CampaignSummary>> campaigns =
                  context.campaigns->list_campaigns();
              if (!campaigns) return send_error(res, api_error(campaigns.error()));
              // Most calls first, then by id: a page boundary moves only when a campaign grows past
              // another one, which is acceptable for a triage list.
              const auto total = static_cast<int64_t>(campaigns->size());
              const int64_t begin = std::min(offset, total);
              const int64_t end = std::min(begin + limit, total);
              std::vector<campaign::CampaignSummary> page(campaigns->begin() + begin,
                                                          campaigns->begin() + end);
              json body = campaign::campaign_list_json(page);
              body["total"] = total;
              body["next_cursor"] = end < total ? json(std::to_string(end)) : json(nullptr);
              send_json(res, 200, body);
            });

  add_route(router, context, Method::kGet, std::string("/v1/campaigns/") + kCampaignId,
            "campaigns_get", Scope::kRead, [&context](const Request& req, Response& res) {
              if (!context.campaigns) {
                return send_error(res, 503, "unavailable", "campaigns are not enabled");
              }
              const std::string id = req.matches[1];
              std::optional<std::vector<campaign::StoredCall>> calls =
                  calls_of(*context.campaigns, id, res);
              if (!calls) return;
              send_json(res, 200, campaign::campaign_json(id, *calls));
            });

  add_route(router, context, Method::kGet, std::string("/v1/campaigns/") + kCampaignId + "/report",
            "campaigns_report", Scope::kRead, [&context](const Request& req, Response& res) {
              if (!context.campaigns) {
                return send_error(res, 503, "unavailable", "campaigns are not enabled");
              }
              bool html = false;
              if (!wants_html(req, res, html)) return;
              const std::string id = req.matches[1];
              std::optional<std::vector<campaign::StoredCall>> calls =
                  calls_of(*context.campaigns, id, res);
              if (!calls) return;
              Result<std::vector<campaign::StoredLink>> links =
                  context.campaigns->campaign_links(id);
              if (!links) return send_error(res, api_error(links.error()));
              campaign::ReportContext report_context;
              report_context.generated_at = ServerContext::now_ms() / 1000;
              report_context.version = SCAMGUARD_VERSION_STRING;
              report_context.evidence = store::call_evidence_lookup(context.store);
              json report = campaign::campaign_report_json(id, *calls, *links, report_context);
              if (html) {
                res.status = 200;
                res.set_content(campaign::campaign_report_html(report), "text/html; charset=utf-8");
                return;
              }
              send_json(res, 200, report);
            });
}

}  // namespace scamguard::server
