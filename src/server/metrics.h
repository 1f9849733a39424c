// Prometheus metrics in the text exposition format. Counters are atomics updated on the
// request path (no lock); rendering reads them without stopping traffic.
//
//   scamguard_http_requests_total{route,code}      requests by route and status class
//   scamguard_http_request_duration_seconds{route}  latency histogram by route
//   scamguard_verdicts_total{action}                verdicts returned, by action
//   scamguard_open_calls                            calls open now
//   scamguard_store_errors_total                    call or campaign store writes/reads that failed
//   scamguard_store_commits_total, _writes_total    group-commit batches and their writes
//   scamguard_engine_reloads_total{result}          SIGHUP reloads, ok or failed
//   scamguard_campaign_errors_total                 campaign updates that failed (also counted
//                                                   in scamguard_store_errors_total)
//   scamguard_campaign_calls, _indexed_calls        calls in the campaign store; calls the live
//                                                   script index reflects
//   scamguard_campaign_scripts                      known scripts live calls are compared with
#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <deque>
#include <mutex>
#include <string>

#include "scamguard/verdict.h"

namespace scamguard::server {

inline constexpr std::array<double, 12> kLatencyBuckets = {
    0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1.0, 5.0};

struct RouteMetrics {
  std::string name;
  std::array<std::atomic<uint64_t>, 6> by_class{};  // 1xx..5xx at [1..5]; [0] other
  std::array<std::atomic<uint64_t>, kLatencyBuckets.size() + 1> buckets{};  // last: +Inf
  std::atomic<uint64_t> count{0};
  std::atomic<uint64_t> sum_nanos{0};

  void observe(int status, uint64_t nanos) noexcept;
};

struct GaugeSnapshot {
  uint64_t open_calls = 0;
  uint64_t open_streams = 0;
  uint64_t store_errors = 0;
  uint64_t store_commits = 0;
  uint64_t store_writes = 0;
  uint64_t engine_generation = 0;
  uint64_t campaign_errors = 0;
  uint64_t campaign_calls = 0;
  uint64_t campaign_indexed_calls = 0;
  uint64_t campaign_scripts = 0;
};

class Metrics {
 public:
  // Registered once per route at start-up; the pointer stays valid for the Metrics' life.
  RouteMetrics* route(const std::string& name);

  void count_verdict(Action action) noexcept;
  void count_reload(bool ok) noexcept;

  std::string render(const GaugeSnapshot& gauges) const;

 private:
  mutable std::mutex routes_mutex_;
  std::deque<RouteMetrics> routes_;  // deque: pointers stay valid as it grows
  std::array<std::atomic<uint64_t>, 3> verdicts_{};
  std::atomic<uint64_t> reloads_ok_{0};
  std::atomic<uint64_t> reloads_failed_{0};
};

}  // namespace scamguard::server
