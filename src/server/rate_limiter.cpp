#include "server/rate_limiter.h"

#include <algorithm>
#include <functional>

namespace scamguard::server {

void RateLimiter::configure(double rate_per_second, double burst) {
  std::lock_guard lock(config_mutex_);
  rate_ = rate_per_second;
  burst_ = burst > 0 ? burst : rate_per_second;
}

bool RateLimiter::allow(const std::string& client, Clock::time_point now) {
  double rate = 0.0;
  double burst = 0.0;
  {
    std::lock_guard lock(config_mutex_);
    rate = rate_;
    burst = burst_;
  }
  if (rate <= 0.0) return true;
  Shard& shard = shards_[std::hash<std::string>{}(client) % shards_.size()];
  std::lock_guard lock(shard.mutex);
  auto [it, inserted] = shard.buckets.try_emplace(client, Bucket{burst, now});
  Bucket& bucket = it->second;
  if (!inserted) {
    const double elapsed = std::chrono::duration<double>(now - bucket.last).count();
    bucket.tokens = std::min(burst, bucket.tokens + elapsed * rate);
    bucket.last = now;
  }
  if (bucket.tokens < 1.0) return false;
  bucket.tokens -= 1.0;
  return true;
}

void RateLimiter::prune(Clock::time_point now) {
  double rate = 0.0;
  double burst = 0.0;
  {
    std::lock_guard lock(config_mutex_);
    rate = rate_;
    burst = burst_;
  }
  for (Shard& shard : shards_) {
    std::lock_guard lock(shard.mutex);
    std::erase_if(shard.buckets, [&](const auto& entry) {
      const double elapsed = std::chrono::duration<double>(now - entry.second.last).count();
      return rate <= 0.0 || entry.second.tokens + elapsed * rate >= burst;
    });
  }
}

}  // namespace scamguard::server
