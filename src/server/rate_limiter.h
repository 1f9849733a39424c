// Requests per client per second, as a token bucket per client key (the token name when auth
// is on, else the remote address). A SIP proxy sends bursts at the top of the hour; the bucket
// lets a burst through and holds the long-run rate.
#pragma once

#include <array>
#include <chrono>
#include <mutex>
#include <string>
#include <unordered_map>

namespace scamguard::server {

class RateLimiter {
 public:
  using Clock = std::chrono::steady_clock;

  // rate 0 disables limiting. burst 0 means one second's worth.
  void configure(double rate_per_second, double burst);

  // True when the request may go ahead (and takes one token).
  bool allow(const std::string& client, Clock::time_point now = Clock::now());

  // Forgets clients whose buckets are full again, so the map does not grow without bound.
  void prune(Clock::time_point now = Clock::now());

 private:
  struct Bucket {
    double tokens = 0.0;
    Clock::time_point last;
  };
  struct Shard {
    std::mutex mutex;
    std::unordered_map<std::string, Bucket> buckets;
  };
  std::mutex config_mutex_;
  double rate_ = 0.0;
  double burst_ = 0.0;
  std::array<Shard, 16> shards_;
};

}  // namespace scamguard::server
