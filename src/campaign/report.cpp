#include "campaign/report.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <map>
#include <set>

#include "util/strings.h"

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

// "tool=anydesk" -> "anydesk"; "brand=amazon,caller=+61..." -> "amazon", "+61...".
std::vector<std::string> option_values(const std::vector<std::string>& options) {
  std::vector<std::string> values;
  for (const std::string& option : options) {
    size_t start = 0;
    while (start <= option.size()) {
      const size_t end = std::min(option.find(',', start), option.size());
      const std::string part = option.substr(start, end - start);
      const size_t equals = part.find('=');
      std::string value = equals == std::string::npos ? part : part.substr(equals + 1);
      if (!value.empty()) values.push_back(std::move(value));
      start = end + 1;
    }
  }
  return values;
}

std::vector<std::string> values_of(const StoredCall& call, IndicatorKind kind) {
  std::vector<std::string> out;
  for (const Indicator& indicator : call.indicators) {
    if (indicator.kind == kind) out.push_back(indicator.value);
  }
  return out;
}

std::string join(const std::vector<std::string>& values, std::string_view separator = ", ") {
  std::string out;
  for (const std::string& value : values) {
    if (!out.empty()) out += separator;
    out += value;
  }
  return out;
}

// One link in words: what an analyst would write in a statement.
std::string explain_link(const StoredLink& link) {
  if (link.reason == "script") {
    std::string percent = link.value;
    char* end = nullptr;
    const double similarity = std::strtod(link.value.c_str(), &end);
    if (end != link.value.c_str()) {
      percent = std::to_string(static_cast<int>(similarity * 100 + 0.5)) + "%";
    }
    return link.call + " reads the same script as " + link.other + ": about " + percent +
           " of the three-word phrases the callers said are the same in both calls (estimated "
           "Jaccard similarity " +
           link.value + "; calls are linked from 0.15 with at least 15 phrases in common)";
  }
  const std::optional<IndicatorKind> kind = parse_indicator_kind(link.reason);
  std::string what = link.reason;
  if (kind == IndicatorKind::kCallbackNumber) {
    what = "asked to be called back on the same number";
  } else if (kind == IndicatorKind::kRemoteId) {
    what = "read out the same remote-access ID";
  } else if (kind == IndicatorKind::kPaymentAccount) {
    what = "asked for payment into the same account";
  }
  return link.call + " and " + link.other + " " + what + ", " + link.value;
}

// Who can say more about an indicator, for the summary's leads.
std::string lead_for(IndicatorKind kind, const std::string& value) {
  switch (kind) {
    case IndicatorKind::kCallbackNumber:
      return "ask the carrier of " + value + " for its subscriber and call records";
    case IndicatorKind::kRemoteId:
      return "ask the remote-access vendor for the sessions and account behind ID " + value;
    case IndicatorKind::kPaymentAccount:
      return "ask the bank holding account " + value + " to freeze it and name its holder";
    case IndicatorKind::kWebAddress:
      return "ask the registrar and host of " + value + " for its owner and logs";
    case IndicatorKind::kGiftCard:
      return "ask " + value + " to trace cards redeemed from these calls' dates";
    case IndicatorKind::kTrunk:
      return "ask the operator of trunk " + value + " which customer sent these calls";
    default:
      return {};
  }
}

}  // namespace

std::string excerpt_around(std::string_view text, const std::vector<std::string>& needles,
                           size_t width) {
  // Letters and digits only, lower-cased, with where each came from: "any desk" then matches
  // "anydesk", and "AnyDesk," matches "anydesk".
  std::string squeezed;
  std::vector<size_t> origin;
  for (size_t i = 0; i < text.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if (std::isalnum(c) || c >= 0x80) {
      squeezed.push_back(static_cast<char>(std::tolower(c)));
      origin.push_back(i);
    }
  }
  size_t from = std::string::npos, to = 0;
  for (const std::string& needle : needles) {
    std::string wanted;
    for (char c : needle) {
      const unsigned char u = static_cast<unsigned char>(c);
      if (std::isalnum(u) || u >= 0x80) wanted.push_back(static_cast<char>(std::tolower(u)));
    }
    if (wanted.size() < 2) continue;
    const size_t at = squeezed.find(wanted);
    if (at == std::string::npos) continue;
    from = origin[at];
    to = origin[at + wanted.size() - 1] + 1;
    break;
  }
  if (text.size() <= width) return std::string(text);
  size_t begin = 0, end = width;
  if (from != std::string::npos) {
    const size_t middle = (from + to) / 2;
    begin = middle > width / 2 ? middle - width / 2 : 0;
    end = std::min(text.size(), begin + width);
    begin = end > width ? end - width : 0;
  }
  // Whole words only.
  if (begin > 0) {
    while (begin < end && text[begin - 1] != ' ') ++begin;
  }
  if (end < text.size()) {
    while (end > begin && text[end] != ' ') --end;
  }
  while (begin < end && text[begin] == ' ') ++begin;
  std::string out = begin > 0 ? "…" : "";
  out += text.substr(begin, end - begin);
  if (end < text.size()) out += "…";
  return out;
}

std::string iso8601(int64_t unix_seconds) {
  const std::time_t time = static_cast<std::time_t>(unix_seconds);
  std::tm utc{};
  gmtime_r(&time, &utc);
  char buffer[32];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return buffer;
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
                          const std::vector<StoredLink>& links, const ReportContext& context) {
  const bool time_known = all_times_known(calls);
  json report = campaign_json(campaign, calls);
  report["time_basis"] = time_known ? "utc" : "arrival_order";
  if (context.generated_at > 0) report["generated_at"] = iso8601(context.generated_at);
  if (!context.version.empty()) report["generator"] = "scamguard " + context.version;

  // The calls, in time order, with what each said that identifies the campaign.
  std::vector<const StoredCall*> ordered;
  for (const StoredCall& call : calls) ordered.push_back(&call);
  std::stable_sort(ordered.begin(), ordered.end(), [](const StoredCall* a, const StoredCall* b) {
    return a->started_at < b->started_at;
  });
  json call_list = json::array();
  bool any_evidence = false;
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
    json detail = {{"id", call->id},
                   {"started_at", when(call->started_at, time_known)},
                   {"action", call->action},
                   {"score", call->score},
                   {"caller_id", caller.empty() ? json() : json(caller)},
                   {"trunk", trunk.empty() ? json() : json(trunk)},
                   {"indicators", std::move(indicators)}};
    std::optional<CallEvidence> evidence;
    if (context.evidence) evidence = context.evidence(call->id);
    any_evidence = any_evidence || evidence.has_value();
    json device_events = json::array();
    if (evidence) {
      json findings = json::array();
      for (const ReportFinding& finding : evidence->findings) {
        json item = {{"symbol", finding.symbol},
                     {"stage", finding.stage},
                     {"score", finding.score},
                     {"turn", finding.turn < 0 ? json(nullptr) : json(finding.turn)},
                     {"options", finding.options}};
        if (finding.turn >= 0 && static_cast<size_t>(finding.turn) < evidence->turns.size()) {
          const CallEvidence::Said& said = evidence->turns[static_cast<size_t>(finding.turn)];
          item["speaker"] = said.speaker;
          item["excerpt"] = excerpt_around(said.text, option_values(finding.options));
        }
        findings.push_back(std::move(item));
      }
      detail["findings"] = std::move(findings);
      for (const std::string& event : evidence->device_events) device_events.push_back(event);
    } else {
      detail["findings"] = nullptr;  // not known: see "evidence"
    }
    detail["money"] = {{"amounts", values_of(*call, IndicatorKind::kAmount)},
                       {"gift_cards", values_of(*call, IndicatorKind::kGiftCard)},
                       {"payment_accounts", values_of(*call, IndicatorKind::kPaymentAccount)}};
    detail["remote_access"] = {{"tools", values_of(*call, IndicatorKind::kRemoteTool)},
                               {"ids", values_of(*call, IndicatorKind::kRemoteId)},
                               {"web_addresses", values_of(*call, IndicatorKind::kWebAddress)},
                               {"device_events", std::move(device_events)}};
    call_list.push_back(std::move(detail));
  }
  report["call_details"] = std::move(call_list);
  report["evidence"] = any_evidence
                           ? "findings and excerpts from the call store"
                           : "no call records: findings and excerpts are not in this report "
                             "(the daemon's --db holds them)";

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

  // The links in words, and the summary: what happened, and who to ask for what.
  json linking = json::array();
  for (const StoredLink& link : links) linking.push_back(explain_link(link));
  report["linking"] = std::move(linking);

  json leads = json::array();
  for (IndicatorKind kind :
       {IndicatorKind::kCallbackNumber, IndicatorKind::kRemoteId, IndicatorKind::kPaymentAccount,
        IndicatorKind::kWebAddress, IndicatorKind::kGiftCard, IndicatorKind::kTrunk}) {
    for (const auto& [value, count] : ranked(map, kind)) {
      leads.push_back({{"kind", to_string(kind)},
                       {"value", value},
                       {"calls", count},
                       {"ask", lead_for(kind, value)}});
    }
  }
  auto list_of = [&](IndicatorKind kind) {
    std::vector<std::string> values;
    for (const auto& [value, count] : ranked(map, kind)) values.push_back(value);
    return values;
  };
  std::string summary = std::to_string(calls.size()) + " calls";
  if (time_known && !calls.empty()) {
    summary += " between " + report["first_seen"].get<std::string>() + " and " +
               report["last_seen"].get<std::string>();
  }
  const std::vector<std::string> brands = list_of(IndicatorKind::kBrand);
  summary += brands.empty() ? " from callers" : " from callers claiming to be " + join(brands);
  std::vector<std::string> asked;
  if (auto numbers = list_of(IndicatorKind::kCallbackNumber); !numbers.empty())
    asked.push_back("to call back on " + join(numbers));
  if (auto tools = list_of(IndicatorKind::kRemoteTool); !tools.empty())
    asked.push_back("to install " + join(tools));
  if (auto ids = list_of(IndicatorKind::kRemoteId); !ids.empty())
    asked.push_back("to connect to remote-access ID " + join(ids));
  if (auto cards = list_of(IndicatorKind::kGiftCard); !cards.empty()) {
    asked.push_back("to pay in " + join(cards) + " gift cards");
  }
  if (auto accounts = list_of(IndicatorKind::kPaymentAccount); !accounts.empty()) {
    asked.push_back("to pay into account " + join(accounts));
  }
  if (!asked.empty()) summary += ", asking the people called " + join(asked, "; ");
  // An amount is named, not necessarily asked for ("a cashback of 300 dollars").
  if (auto amounts = list_of(IndicatorKind::kAmount); !amounts.empty()) {
    summary += ". Amounts named: " + join(amounts);
  }
  const size_t caller_ids = report["caller_ids"].size();
  if (caller_ids > 0) {
    summary += ". Caller ID" + std::string(caller_ids > 1 ? "s" : "") +
               " presented: " + std::to_string(caller_ids) +
               (caller_ids > 1 ? " different numbers" : " number");
  }
  summary += ".";
  report["summary"] = summary;
  report["leads"] = std::move(leads);
  return report;
}

std::string campaign_report_html(const json& report) {
  auto text = [](const json& value) {
    return escape_markup(value.is_string() ? value.get<std::string>() : value.dump());
  };
  std::string html;
  html += "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>Campaign ";
  html += text(report.value("campaign", json(""))) + "</title>\n";
  html += R"(<style>
body{font:14px/1.4 system-ui,sans-serif;margin:2em;color:#111}
h1{font-size:1.5em}h2{font-size:1.15em;margin-top:1.6em;border-bottom:1px solid #999}
h3{font-size:1em;margin:1.2em 0 .3em}.summary{font-size:1.05em}
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
  if (report.contains("generated_at") || report.contains("generator")) {
    html += "<p class=\"muted\">Generated " + text(report.value("generated_at", json("")));
    if (report.contains("generator")) html += " by " + text(report["generator"]);
    html += ".</p>\n";
  }
  if (report.contains("summary")) {
    html += "<h2>Summary</h2>\n<p class=\"summary\">" + text(report["summary"]) + "</p>\n";
  }
  if (!report.value("leads", json::array()).empty()) {
    html +=
        "<h2>Leads</h2>\n<table><tr><th>kind</th><th>value</th><th>calls</th>"
        "<th>ask</th></tr>\n";
    for (const json& lead : report["leads"]) {
      html += "<tr><td>" + text(lead["kind"]) + "</td><td>" + text(lead["value"]) + "</td><td>" +
              text(lead["calls"]) + "</td><td>" + text(lead["ask"]) + "</td></tr>\n";
    }
    html += "</table>\n";
  }

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

  // Per call: what the caller said that fired each finding, the money and remote access.
  bool any_findings = false;
  for (const json& call : report.value("call_details", json::array())) {
    any_findings = any_findings || call.value("findings", json()).is_array();
  }
  if (any_findings) html += "<h2>The calls, finding by finding</h2>\n";
  for (const json& call : report.value("call_details", json::array())) {
    if (!call.value("findings", json()).is_array()) continue;
    html += "<h3>" + text(call["id"]) + " — " + text(call["action"]) + " " + text(call["score"]) +
            "</h3>\n";
    std::string facts;
    auto fact = [&](const char* label, const json& values) {
      if (!values.is_array() || values.empty()) return;
      std::string joined;
      for (const json& value : values) joined += (joined.empty() ? "" : ", ") + text(value);
      facts += std::string("<li>") + label + ": " + joined + "</li>";
    };
    const json money = call.value("money", json::object());
    const json remote = call.value("remote_access", json::object());
    fact("amounts", money.value("amounts", json()));
    fact("gift cards", money.value("gift_cards", json()));
    fact("accounts to pay into", money.value("payment_accounts", json()));
    fact("remote-access tools", remote.value("tools", json()));
    fact("remote-access IDs", remote.value("ids", json()));
    fact("web addresses", remote.value("web_addresses", json()));
    fact("device events", remote.value("device_events", json()));
    if (!facts.empty()) html += "<ul>" + facts + "</ul>\n";
    html +=
        "<table><tr><th>turn</th><th>finding</th><th>evidence</th><th>what was said</th>"
        "</tr>\n";
    for (const json& finding : call["findings"]) {
      std::string options;
      for (const json& option : finding.value("options", json::array())) {
        options += (options.empty() ? "" : "; ") + text(option);
      }
      html += "<tr><td>" +
              (finding["turn"].is_null() ? std::string("set-up") : text(finding["turn"])) +
              "</td><td>" + text(finding["symbol"]) + " <span class=\"muted\">(" +
              text(finding["stage"]) + ", +" + text(finding["score"]) + ")</span></td><td>" +
              options + "</td><td>" +
              (finding.contains("excerpt") ? "<q>" + text(finding["excerpt"]) + "</q>" : "") +
              "</td></tr>\n";
    }
    html += "</table>\n";
  }
  if (!any_findings && report.contains("evidence")) {
    html += "<p class=\"muted\">" + text(report["evidence"]) + ".</p>\n";
  }

  html += "<h2>Why these calls are linked</h2>\n";
  if (!report.value("linking", json::array()).empty()) {
    html += "<ul>";
    for (const json& line : report["linking"]) html += "<li>" + text(line) + "</li>";
    html += "</ul>\n";
  }
  html +=
      "<table><tr><th>call</th><th>linked to</th>"
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
