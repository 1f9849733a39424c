#include "core/session_pool.h"

#include <atomic>
#include <vector>

#include "core/session_state.h"

namespace scamguard::detail {
namespace {

struct Kept {
  uint64_t engine_id;
  std::unique_ptr<SessionState> state;
};
thread_local std::vector<Kept> t_kept;

}  // namespace

uint64_t next_session_pool_id() {
  static std::atomic<uint64_t> next{1};
  return next.fetch_add(1, std::memory_order_relaxed);
}

std::unique_ptr<SessionState> take_recycled_state(uint64_t engine_id) {
  for (size_t i = t_kept.size(); i-- > 0;) {
    if (t_kept[i].engine_id != engine_id) continue;
    std::unique_ptr<SessionState> state = std::move(t_kept[i].state);
    t_kept.erase(t_kept.begin() + static_cast<std::ptrdiff_t>(i));
    return state;
  }
  return nullptr;
}

void keep_recycled_state(uint64_t engine_id, std::unique_ptr<SessionState> state) {
  if (t_kept.capacity() == 0) t_kept.reserve(kKeptPerThread);
  if (t_kept.size() == kKeptPerThread) t_kept.erase(t_kept.begin());
  t_kept.push_back({engine_id, std::move(state)});
}

}  // namespace scamguard::detail
