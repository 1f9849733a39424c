#include "core/session_pool.h"

#include <atomic>

#include "core/session_state.h"

namespace scamguard::detail {
namespace {
size_t this_threads_shard(size_t shards) {
  static std::atomic<size_t> next{0};
  thread_local const size_t shard = next.fetch_add(1, std::memory_order_relaxed);
  return shard % shards;
}
}  // namespace

SessionPool::SessionPool() = default;
SessionPool::~SessionPool() = default;

std::unique_ptr<SessionState> SessionPool::take() {
  Shard& shard = shards_[this_threads_shard(kShards)];
  std::lock_guard lock(shard.mutex);
  if (shard.states.empty()) return nullptr;
  std::unique_ptr<SessionState> state = std::move(shard.states.back());
  shard.states.pop_back();
  return state;
}

void SessionPool::give(std::unique_ptr<SessionState> state) {
  Shard& shard = shards_[this_threads_shard(kShards)];
  {
    std::lock_guard lock(shard.mutex);
    if (shard.states.size() < kPerShard) {
      if (shard.states.capacity() == 0) shard.states.reserve(kPerShard);
      shard.states.push_back(std::move(state));
      return;
    }
  }
  // Full: `state` is destroyed here, outside the lock.
}

}  // namespace scamguard::detail
