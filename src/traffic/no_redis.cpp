// make_redis_traffic_store when scamguard is built without hiredis (SCAMGUARD_WITH_REDIS=OFF):
// a store that is never reachable, so the session reports STATE_UNAVAILABLE and scores on.
#include "scamguard/traffic_store.h"

namespace scamguard {
namespace {

class NoRedisTrafficStore final : public TrafficStore {
 public:
  Status record_attempts(std::span<const AttemptRecord>, const TrafficWindows&,
                         std::span<TrafficStats>) override {
    return unavailable();
  }
  Status record_ends(std::span<const EndRecord>, const TrafficWindows&) override {
    return unavailable();
  }
  std::string_view name() const noexcept override { return "redis"; }

 private:
  static Status unavailable() {
    return make_error(ErrorCode::kUnavailable,
                      "scamguard was built without Redis support (SCAMGUARD_WITH_REDIS=OFF)");
  }
};

}  // namespace

std::shared_ptr<TrafficStore> make_redis_traffic_store(const RedisTrafficStoreOptions&) {
  return std::make_shared<NoRedisTrafficStore>();
}

}  // namespace scamguard
