/// @file state.h
/// Shared traffic state: what a caller ID or an ingress trunk did across recent calls.
///
///   scamguard::EngineOptions options;
///   options.config_dir = "conf";
///   scamguard::RedisTrafficStoreOptions redis;
///   redis.host = "127.0.0.1";
///   redis.port = 6379;
///   options.traffic_store = scamguard::make_redis_traffic_store(redis);  // default: in memory,
///   this process auto engine = scamguard::Engine::load(options);
///
/// Every call set-up is recorded under its caller ID and its ingress trunk; the answer is
/// the window statistics the traffic rules (src/rules/traffic/) compare with their
/// thresholds. Call ends (CallSession::on_call_end, Engine::record_call_end) add answered or
/// not and the duration. Several scamguardd nodes pointed at one Redis see the same counters.
///
/// Windows are sliding in steps of one bucket (TrafficWindows::bucket_ms). Both backends
/// count exactly, except distinct destinations, which Redis estimates with HyperLogLog
/// (standard error 0.81 %).
///
/// A backend that cannot answer returns ErrorCode::kUnavailable; the session then reports
/// STATE_UNAVAILABLE and scores with the rules that need no state. The Redis backend
/// reconnects by itself, with exponential backoff, when Redis returns.
///
/// Thread safety: both backends may be shared by any number of threads and Engines.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>

#include "scamguard/error.h"
#include "scamguard/export.h"

namespace scamguard {

/// The window shape, from [traffic] in scamguard.toml.
struct TrafficWindows {
  int64_t bucket_ms = 10'000;       ///< window step
  int short_buckets = 6;            ///< short window = short_buckets * bucket_ms
  int long_buckets = 60;            ///< long window, also used for the ratios
  int64_t short_call_ms = 30'000;   ///< an answered call under this is "short"
  uint64_t sequential_block = 100;  ///< callees in the same or an adjacent block of this many
                                    ///< numbers are "sequential neighbours"
};

/// One call attempt under one key.
struct AttemptRecord {
  std::string_view key;      ///< e.g. "c:+61412345678" (caller ID) or "t:gw-07" (trunk)
  int64_t time_ms = 0;       ///< set-up time, milliseconds since the Unix epoch
  uint64_t destination = 0;  ///< callee's digits as a number; 0 when unknown
};

/// One ended call under one key.
struct EndRecord {
  std::string_view key;
  int64_t time_ms = 0;  ///< end time
  bool answered = false;
  int64_t duration_ms = 0;  ///< talk time; 0 when not answered
};

/// A key's recent traffic, the attempt just recorded included.
struct TrafficStats {
  uint32_t attempts_short = 0;         ///< attempts in the short window
  uint32_t attempts_long = 0;          ///< attempts in the long window
  uint32_t ended = 0;                  ///< calls ended in the long window
  uint32_t answered = 0;               ///< of those, answered
  uint32_t short_calls = 0;            ///< of those, answered and shorter than short_call_ms
  int64_t duration_ms = 0;             ///< total talk time of the answered ones
  uint32_t distinct_destinations = 0;  ///< distinct callees in the long window
  uint32_t sequential_neighbours = 0;  ///< for a callee new to the window: earlier distinct
                                       ///< callees in its block of numbers or the next ones
};

class SCAMGUARD_API TrafficStore {
 public:
  virtual ~TrafficStore() = default;

  /// Records `attempts` (one per key) and writes each key's statistics to `out`, which has
  /// the same size. One round trip for Redis. Fails with kUnavailable when the backend
  /// cannot be reached; nothing is then recorded.
  virtual Status record_attempts(std::span<const AttemptRecord> attempts,
                                 const TrafficWindows& windows, std::span<TrafficStats> out) = 0;

  /// Records ended calls. Fails with kUnavailable when the backend cannot be reached.
  virtual Status record_ends(std::span<const EndRecord> ends, const TrafficWindows& windows) = 0;

  /// "memory" or "redis", for logs and metrics.
  virtual std::string_view name() const noexcept = 0;
};

/// Counters in this process (the embedded default). Memory stays bounded: keys idle for
/// longer than the long window are dropped.
SCAMGUARD_API std::shared_ptr<TrafficStore> make_memory_traffic_store();

struct RedisTrafficStoreOptions {
  std::string host = "127.0.0.1";
  int port = 6379;
  int connect_timeout_ms = 200;
  int command_timeout_ms = 200;
  std::string key_prefix = "sg:";  ///< prepended to every Redis key
  int max_backoff_ms = 2'000;      ///< reconnect attempts back off up to this interval
};

/// Counters in Redis, shared by every node that points at it. Never fails: it connects on
/// first use, and while Redis is unreachable each call returns kUnavailable at once until
/// the next reconnect attempt is due (100 ms, doubling up to max_backoff_ms).
SCAMGUARD_API std::shared_ptr<TrafficStore> make_redis_traffic_store(
    const RedisTrafficStoreOptions& options);

}  // namespace scamguard
