#include "server/metrics.h"

#include <cstdio>

namespace scamguard::server {

void RouteMetrics::observe(int status, uint64_t nanos) noexcept {
  const int status_class = status >= 100 && status < 600 ? status / 100 : 0;
  by_class[static_cast<size_t>(status_class)].fetch_add(1, std::memory_order_relaxed);
  const double seconds = static_cast<double>(nanos) / 1e9;
  size_t bucket = 0;
  while (bucket < kLatencyBuckets.size() && seconds > kLatencyBuckets[bucket]) ++bucket;
  buckets[bucket].fetch_add(1, std::memory_order_relaxed);
  count.fetch_add(1, std::memory_order_relaxed);
  sum_nanos.fetch_add(nanos, std::memory_order_relaxed);
}

RouteMetrics* Metrics::route(const std::string& name) {
  std::lock_guard lock(routes_mutex_);
  for (RouteMetrics& existing : routes_) {
    if (existing.name == name) return &existing;
  }
  routes_.emplace_back();
  routes_.back().name = name;
  return &routes_.back();
}

void Metrics::count_verdict(Action action) noexcept {
  verdicts_[static_cast<size_t>(action)].fetch_add(1, std::memory_order_relaxed);
}

void Metrics::count_reload(bool ok) noexcept { (ok ? reloads_ok_ : reloads_failed_)++; }

namespace {
std::string number(double value) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.6g", value);
  return buffer;
}
}  // namespace

std::string Metrics::render(const GaugeSnapshot& gauges) const {
  std::string out;
  out.reserve(8192);
  out += "# HELP scamguard_http_requests_total HTTP requests by route and status class.\n";
  out += "# TYPE scamguard_http_requests_total counter\n";
  static constexpr const char* kClasses[] = {"other", "1xx", "2xx", "3xx", "4xx", "5xx"};
  std::lock_guard lock(routes_mutex_);
  for (const RouteMetrics& route : routes_) {
    for (size_t c = 0; c < route.by_class.size(); ++c) {
      const uint64_t value = route.by_class[c].load(std::memory_order_relaxed);
      if (value == 0 && c != 2) continue;
      out += "scamguard_http_requests_total{route=\"" + route.name + "\",code=\"" + kClasses[c] +
             "\"} " + std::to_string(value) + "\n";
    }
  }
  out += "# HELP scamguard_http_request_duration_seconds Time from routing to response.\n";
  out += "# TYPE scamguard_http_request_duration_seconds histogram\n";
  for (const RouteMetrics& route : routes_) {
    uint64_t cumulative = 0;
    const std::string prefix =
        "scamguard_http_request_duration_seconds_bucket{route=\"" + route.name + "\",le=\"";
    for (size_t b = 0; b < route.buckets.size(); ++b) {
      cumulative += route.buckets[b].load(std::memory_order_relaxed);
      const std::string le = b < kLatencyBuckets.size() ? number(kLatencyBuckets[b]) : "+Inf";
      out += prefix + le + "\"} " + std::to_string(cumulative) + "\n";
    }
    out += "scamguard_http_request_duration_seconds_sum{route=\"" + route.name + "\"} " +
           number(static_cast<double>(route.sum_nanos.load()) / 1e9) + "\n";
    out += "scamguard_http_request_duration_seconds_count{route=\"" + route.name + "\"} " +
           std::to_string(route.count.load()) + "\n";
  }
  out += "# HELP scamguard_verdicts_total Verdicts returned, by action.\n";
  out += "# TYPE scamguard_verdicts_total counter\n";
  for (Action action : {Action::kAllow, Action::kWarn, Action::kBlock}) {
    out += std::string("scamguard_verdicts_total{action=\"") + to_string(action) + "\"} " +
           std::to_string(verdicts_[static_cast<size_t>(action)].load()) + "\n";
  }
  auto gauge = [&](const char* name, const char* type, const char* help, uint64_t value) {
    out += std::string("# HELP ") + name + " " + help + "\n# TYPE " + name + " " + type + "\n" +
           name + " " + std::to_string(value) + "\n";
  };
  gauge("scamguard_open_calls", "gauge", "Calls open now.", gauges.open_calls);
  gauge("scamguard_open_streams", "gauge", "Server-Sent Event streams open now.",
        gauges.open_streams);
  gauge("scamguard_store_errors_total", "counter",
        "Call and campaign store writes and reads that failed.",
        gauges.store_errors + gauges.campaign_errors);
  gauge("scamguard_store_commits_total", "counter", "Group-commit transactions.",
        gauges.store_commits);
  gauge("scamguard_store_writes_total", "counter", "Writes committed to the call store.",
        gauges.store_writes);
  gauge("scamguard_engine_generation", "gauge", "Engine loads so far (1 at start).",
        gauges.engine_generation);
  gauge("scamguard_campaign_errors_total", "counter",
        "Closed calls the campaign tracker could not take, and failed script index refreshes.",
        gauges.campaign_errors);
  gauge("scamguard_campaign_calls", "gauge", "Calls in the campaign store.", gauges.campaign_calls);
  gauge("scamguard_campaign_indexed_calls", "gauge",
        "Calls the live script index reflects (catches up with scamguard_campaign_calls).",
        gauges.campaign_indexed_calls);
  gauge("scamguard_campaign_scripts", "gauge",
        "Known campaign scripts live calls are compared with.", gauges.campaign_scripts);
  out += "# HELP scamguard_engine_reloads_total Configuration reloads, by result.\n";
  out += "# TYPE scamguard_engine_reloads_total counter\n";
  out +=
      "scamguard_engine_reloads_total{result=\"ok\"} " + std::to_string(reloads_ok_.load()) + "\n";
  out += "scamguard_engine_reloads_total{result=\"failed\"} " +
         std::to_string(reloads_failed_.load()) + "\n";
  return out;
}

}  // namespace scamguard::server
