// Closed call states kept for the next call of the same Engine. A carrier's pre-answer check
// opens and closes a session per set-up, and a new SessionState pays for its buffers every
// time (the fired-symbol index, the findings and their strings: about 38 allocations for a
// spoofed call); a recycled one keeps them.
#pragma once

#include <array>
#include <memory>
#include <mutex>
#include <vector>

namespace scamguard::detail {

class SessionState;

class SessionPool {
 public:
  SessionPool();
  ~SessionPool();
  SessionPool(const SessionPool&) = delete;
  SessionPool& operator=(const SessionPool&) = delete;

  // A recycled state (SessionState::recycle), or nullptr when this thread's shard has none.
  std::unique_ptr<SessionState> take();
  // Keeps a recycled state, or destroys it when the shard is full.
  void give(std::unique_ptr<SessionState> state);

 private:
  // Threads take and give in their own shard, so that two scoring threads rarely share a
  // lock; a shard holds as many closed states as a thread has calls open at once, at most.
  static constexpr size_t kShards = 8;
  static constexpr size_t kPerShard = 16;
  struct alignas(64) Shard {
    std::mutex mutex;
    std::vector<std::unique_ptr<SessionState>> states;
  };
  std::array<Shard, kShards> shards_;
};

}  // namespace scamguard::detail
