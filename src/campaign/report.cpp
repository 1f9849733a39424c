#include "campaign/report.h"

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <map>
#include <set>

namespace scamguard::campaign {
namespace {

using nlohmann::json;

bool all_times_known(const std::vector<StoredCall>& calls) {
  return std::all_of(calls.begin(), calls.end(), [](const StoredCall& c) { return c.time_known; });
}

json when(int64_t value, bool time_known) {
  return time_known ? json(iso8601(value)) : json(value);
}

// Every (kind, value) with the calls and turns it came from, in first-seen order.
struct Occurrence {
  std::string call;
  int turn;
};
using IndicatorMap = std::map<std::pair<IndicatorKind, std::string>, std::vector<Occurrence>>;

IndicatorMap collect(const std::vector<StoredCall>& calls) {
  IndicatorMap out;
  for (const StoredCall& call : calls) {
    for (const Indicator& indicator : call.indicators) {
      out[{indicator.kind, indicator.value}].push_back({call.id, indicator.turn});
    }
  }
  return out;
}

// Values of one kind, the most calls first, then by value.
std::vector<std::pair<std::string, size_t>> ranked(const IndicatorMap& map, IndicatorKind kind) {
  std::vector<std::pair<std::string, size_t>> out;
  for (const auto& [key, occurrences] : map) {
    if (key.first == kind) out.push_back({key.second, occurrences.size()});
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const auto& a, const auto& b) { return a.second > b.second; });
  return out;
}

std::string day_of(int64_t unix_seconds) { return iso8601(unix_seconds).substr(0, 10); }

}  // namespace

std::string iso8601(int64_t unix_seconds) {
  const std::time_t time = static_cast<std::time_t>(unix_seconds);
  std::tm utc{};
  gmtime_r(&time, &utc);
  char buffer[32];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return buffer;
}

std::string html_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out.push_back(c);
    }
  }
  return out;
}

json campaign_list_json(const std::vector<CampaignSummary>& campaigns) {
  json list = json::array();
  for (const CampaignSummary& campaign : campaigns) {
    list.push_back({{"campaign", campaign.id},
                    {"calls", campaign.calls},
                    {"first_seen", when(campaign.first_seen, campaign.time_known)},
                    {"last_seen", when(campaign.last_seen, campaign.time_known)}});
  }
  return {{"campaigns", std::move(list)}};
}

json campaign_json(const std::string& campaign, const std::vector<StoredCall>& calls) {
  const bool time_known = all_times_known(calls);
  json ids = json::array();
  int64_t first = INT64_MAX, last = INT64_MIN;
  for (const StoredCall& call : calls) {
    ids.push_back(call.id);
    first = std::min(first, call.started_at);
    last = std::max(last, call.started_at);
  }
  const IndicatorMap map = collect(calls);
  json indicators = json::object();
  for (int k = 0; k < kIndicatorKindCount; ++k) {
    const auto kind = static_cast<IndicatorKind>(k);
    json values = json::array();
    for (const auto& [value, count] : ranked(map, kind)) values.push_back(value);
    if (!values.empty()) indicators[std::string(to_string(kind))] = std::move(values);
  }
  if (calls.empty()) first = last = 0;
  return {{"campaign", campaign},
          {"calls", std::move(ids)},
          {"indicators", std::move(indicators)},
          {"first_seen", when(first, time_known)},
          {"last_seen", when(last, time_known)}};
}

json campaign_report_json(const std::string& campaign, const std::vector<StoredCall>& calls,
                          const std::vector<StoredLink>& links) {
  const bool time_known = all_times_known(calls);
  json report = campaign_json(campaign, calls);
  report["time_basis"] = time_known ? "utc" : "arrival_order";

  // The calls, in time order, with what each said that identifies the campaign.
  std::vector<const StoredCall*> ordered;
  for (const StoredCall& call : calls) ordered.push_back(&call);
  std::stable_sort(ordered.begin(), ordered.end(), [](const StoredCall* a, const StoredCall* b) {
    return a->started_at < b->started_at;
  });
  json call_list = json::array();
  for (const StoredCall* call : ordered) {
    json indicators = json::array();
    std::string caller, trunk;
    for (const Indicator& indicator : call->indicators) {
      if (indicator.kind == IndicatorKind::kCallerId) caller = indicator.value;
      if (indicator.kind == IndicatorKind::kTrunk) trunk = indicator.value;
      indicators.push_back({{"kind", to_string(indicator.kind)},
                            {"value", indicator.value},
                            {"turn", indicator.turn}});
    }
    call_list.push_back({{"id", call->id},
                         {"started_at", when(call->started_at, time_known)},
                         {"action", call->action},
                         {"score", call->score},
                         {"caller_id", caller.empty() ? json() : json(caller)},
                         {"trunk", trunk.empty() ? json() : json(trunk)},
                         {"indicators", std::move(indicators)}});
  }
  report["call_details"] = std::move(call_list);

  // Indicators seen in more than one call: the evidence that these calls are one operation.
  const IndicatorMap map = collect(calls);
  json shared = json::array();
  for (const auto& [key, occurrences] : map) {
    std::set<std::string> distinct;
    for (const Occurrence& occurrence : occurrences) distinct.insert(occurrence.call);
    if (distinct.size() < 2) continue;
    json seen = json::array();
    for (const Occurrence& occurrence : occurrences) {
      seen.push_back({{"call", occurrence.call}, {"turn", occurrence.turn}});
    }
    shared.push_back({{"kind", to_string(key.first)},
                      {"value", key.second},
                      {"strong", is_strong(key.first)},
                      {"calls", distinct.size()},
                      {"seen", std::move(seen)}});
  }
  std::stable_sort(shared.begin(), shared.end(), [](const json& a, const json& b) {
    if (a["strong"] != b["strong"]) return a["strong"].get<bool>();
    return a["calls"].get<size_t>() > b["calls"].get<size_t>();
  });
  report["shared_indicators"] = std::move(shared);

  // Caller IDs and trunks with how many calls used each: rotation is visible at a glance.
  for (const auto& [kind, name] : {std::pair{IndicatorKind::kCallerId, "caller_ids"},
                                   std::pair{IndicatorKind::kTrunk, "trunks"}}) {
    json list = json::array();
    for (const auto& [value, count] : ranked(map, kind)) {
      list.push_back({{"value", value}, {"calls", count}});
    }
    report[name] = std::move(list);
  }

  // Volume over time: calls per UTC day, when the calls carried times.
  json volume = json::array();
  if (time_known) {
    std::map<std::string, int> per_day;
    for (const StoredCall& call : calls) ++per_day[day_of(call.started_at)];
    for (const auto& [day, count] : per_day) volume.push_back({{"day", day}, {"calls", count}});
  }
  report["volume"] = std::move(volume);

  json link_list = json::array();
  for (const StoredLink& link : links) {
    link_list.push_back({{"call", link.call},
                         {"linked_to", link.other},
                         {"reason", link.reason},
                         {"value", link.value}});
  }
  report["links"] = std::move(link_list);
  return report;
}

std::string campaign_report_html(const json& report) {
  auto text = [](const json& value) {
    return html_escape(value.is_string() ? value.get<std::string>() : value.dump());
  };
  std::string html;
  html += "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>Campaign ";
  html += text(report.value("campaign", json(""))) + "</title>\n";
  html += R"(<style>
body{font:14px/1.4 system-ui,sans-serif;margin:2em;color:#111}
h1{font-size:1.5em}h2{font-size:1.15em;margin-top:1.6em;border-bottom:1px solid #999}
table{border-collapse:collapse;width:100%;margin:.5em 0}
th,td{border:1px solid #bbb;padding:3px 6px;text-align:left;vertical-align:top}
th{background:#eee}.strong{font-weight:bold}.muted{color:#555}
@media print{body{margin:0}h2{page-break-after:avoid}tr{page-break-inside:avoid}}
</style></head><body>
)";
  html += "<h1>Campaign " + text(report.value("campaign", json(""))) + "</h1>\n";
  html += "<p>" + std::to_string(report.value("calls", json::array()).size()) +
          " calls, first seen " + text(report.value("first_seen", json())) + ", last seen " +
          text(report.value("last_seen", json())) + ".";
  if (report.value("time_basis", "") == "arrival_order") {
    html +=
        " <span class=\"muted\">The calls carried no times; positions are arrival order."
        "</span>";
  }
  html += "</p>\n";

  html +=
      "<h2>Shared indicators</h2>\n<table><tr><th>kind</th><th>value</th><th>calls</th>"
      "<th>where (call, turn)</th></tr>\n";
  for (const json& item : report.value("shared_indicators", json::array())) {
    std::string where;
    for (const json& seen : item["seen"]) {
      if (!where.empty()) where += "; ";
      const int turn = seen["turn"].get<int>();
      where += text(seen["call"]) + (turn < 0 ? " set-up" : " turn " + std::to_string(turn));
    }
    html += std::string("<tr") + (item["strong"].get<bool>() ? " class=\"strong\"" : "") + "><td>" +
            text(item["kind"]) + "</td><td>" + text(item["value"]) + "</td><td>" +
            text(item["calls"]) + "</td><td>" + where + "</td></tr>\n";
  }
  html += "</table>\n";

  for (const auto& [key, title] :
       {std::pair{"caller_ids", "Caller IDs"}, std::pair{"trunks", "Trunks"}}) {
    html += std::string("<h2>") + title + "</h2>\n<table><tr><th>value</th><th>calls</th></tr>\n";
    for (const json& item : report.value(key, json::array())) {
      html += "<tr><td>" + text(item["value"]) + "</td><td>" + text(item["calls"]) + "</td></tr>\n";
    }
    html += "</table>\n";
  }

  if (!report.value("volume", json::array()).empty()) {
    html += "<h2>Volume per day (UTC)</h2>\n<table><tr><th>day</th><th>calls</th></tr>\n";
    for (const json& item : report["volume"]) {
      html += "<tr><td>" + text(item["day"]) + "</td><td>" + text(item["calls"]) + "</td></tr>\n";
    }
    html += "</table>\n";
  }

  html +=
      "<h2>Timeline</h2>\n<table><tr><th>started</th><th>call</th><th>caller ID</th>"
      "<th>trunk</th><th>verdict</th><th>indicators (turn)</th></tr>\n";
  for (const json& call : report.value("call_details", json::array())) {
    std::string indicators;
    for (const json& item : call["indicators"]) {
      if (item["turn"].get<int>() < 0) continue;  // set-up facts have their own columns
      if (!indicators.empty()) indicators += "<br>";
      indicators +=
          text(item["kind"]) + ": " + text(item["value"]) + " (" + text(item["turn"]) + ")";
    }
    html += "<tr><td>" + text(call["started_at"]) + "</td><td>" + text(call["id"]) + "</td><td>" +
            (call["caller_id"].is_null() ? "" : text(call["caller_id"])) + "</td><td>" +
            (call["trunk"].is_null() ? "" : text(call["trunk"])) + "</td><td>" +
            text(call["action"]) + " " + text(call["score"]) + "</td><td>" + indicators +
            "</td></tr>\n";
  }
  html += "</table>\n";

  html +=
      "<h2>Why these calls are linked</h2>\n<table><tr><th>call</th><th>linked to</th>"
      "<th>reason</th><th>value</th></tr>\n";
  for (const json& link : report.value("links", json::array())) {
    html += "<tr><td>" + text(link["call"]) + "</td><td>" + text(link["linked_to"]) + "</td><td>" +
            text(link["reason"]) + "</td><td>" + text(link["value"]) + "</td></tr>\n";
  }
  html +=
      "</table>\n<p class=\"muted\">Generated by scamguard. Indicators are what the calling "
      "party said or what the network saw; turn numbers count from 0.</p>\n</body></html>\n";
  return html;
}

}  // namespace scamguard::campaign
