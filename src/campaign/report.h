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
// With a ReportContext the report also carries when and by which version it was made, and
// per call the findings with a short excerpt of the words around each, the money and
// remote-access details, and a summary with the leads a police unit can follow up (who to
// ask for what). The findings and words come from the call store (the daemon's --db), which
// the campaign store does not copy; without them the report says so.
//
// All functions are pure: they read the records given and never fail.
#pragma once

#include <cstdint>
#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "campaign/campaign_store.h"

namespace scamguard::campaign {

// One finding of a call's final verdict, as the call store keeps it.
struct ReportFinding {
  std::string symbol;
  std::string stage;
  double score = 0.0;
  int turn = kSetupTurn;  // -1: the set-up
  std::vector<std::string> options;
};

// What the call store knows of one call beyond the campaign store.
struct CallEvidence {
  struct Said {
    std::string speaker;  // "remote", "user", "unknown"
    std::string text;
  };
  std::vector<Said> turns;  // by turn index
  std::vector<ReportFinding> findings;
  std::vector<std::string> device_events;  // "app_started anydesk after turn 3"
};

struct ReportContext {
  int64_t generated_at = 0;  // unix seconds; 0: not stated
  std::string version;       // the scamguard version that made the report
  // The evidence of one call, or nullopt when it is not known (a store built by the CLI from
  // corpus files holds no call records).
  std::function<std::optional<CallEvidence>(const std::string& call_id)> evidence;
};

// At most `width` characters of `text` around the first of `needles` found in it (case
// insensitive; a needle of several words also matches them joined: "any desk" and "anydesk"),
// cut at word boundaries, with "…" where it was cut; the start of the text if none is found.
std::string excerpt_around(std::string_view text, const std::vector<std::string>& needles,
                           size_t width = 160);

// {"campaigns": [{"campaign", "calls", "first_seen", "last_seen"}]}, in the given order.
nlohmann::json campaign_list_json(const std::vector<CampaignSummary>& campaigns);

// {"campaign": id, "calls": [ids], "indicators": {kind: [values, most calls first]},
//  "first_seen": ..., "last_seen": ...}
nlohmann::json campaign_json(const std::string& campaign, const std::vector<StoredCall>& calls);

nlohmann::json campaign_report_json(const std::string& campaign,
                                    const std::vector<StoredCall>& calls,
                                    const std::vector<StoredLink>& links,
                                    const ReportContext& context = {});

// Renders a report made by campaign_report_json. Every value is HTML-escaped.
std::string campaign_report_html(const nlohmann::json& report);

// ISO 8601 UTC ("2026-11-29T12:40:00Z") for unix seconds.
std::string iso8601(int64_t unix_seconds);

}  // namespace scamguard::campaign
