// What the campaign store says, in the shapes the CLI and the daemon serve:
//
//   campaign_list_json    GET /v1/campaigns               {"campaigns": [{campaign, calls, ...}]}
//   campaign_json         GET /v1/campaigns/{id}          and one line of `scamguard campaigns`
//   campaign_report_json  GET /v1/campaigns/{id}/report   the case report
//   campaign_report_html  the same report as one printable, self-contained HTML page
//
// The case report is written for a fraud team or a police unit: the calls, the indicators
// shared between calls with the call and turn each came from, the timeline and volume per
// day, the caller IDs and trunks used, and why calls were linked. Times are ISO 8601 UTC when
// the calls carried them; otherwise they are arrival positions (1, 2, ...) and the report
// says so ("time_basis": "arrival_order").
//
// All functions are pure: they read the store's records and never fail.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "campaign/campaign_store.h"

namespace scamguard::campaign {

// {"campaigns": [{"campaign", "calls", "first_seen", "last_seen"}]}, in the given order.
nlohmann::json campaign_list_json(const std::vector<CampaignSummary>& campaigns);

// {"campaign": id, "calls": [ids], "indicators": {kind: [values, most calls first]},
//  "first_seen": ..., "last_seen": ...}
nlohmann::json campaign_json(const std::string& campaign, const std::vector<StoredCall>& calls);

nlohmann::json campaign_report_json(const std::string& campaign,
                                    const std::vector<StoredCall>& calls,
                                    const std::vector<StoredLink>& links);

// Renders a report made by campaign_report_json. Every value is HTML-escaped.
std::string campaign_report_html(const nlohmann::json& report);

// "&<>\"'" escaped for HTML text and attribute values.
std::string html_escape(std::string_view text);

// ISO 8601 UTC ("2026-11-29T12:40:00Z") for unix seconds.
std::string iso8601(int64_t unix_seconds);

}  // namespace scamguard::campaign
