// Closed call states kept for the next call of the same Engine. A carrier's pre-answer check
// opens and closes a session per set-up, and a new SessionState pays for its buffers every
// time (the fired-symbol index, the findings and their strings: 26 allocations a check in
// tests/unit/api/allocation_test.cpp without recycling); a recycled one keeps them.
//
// The states are kept per thread, so that taking one costs no lock: a thread keeps at most
// kKeptPerThread, and a state closed on another thread than it was opened on simply joins
// that thread's. A recycled state holds no engine (SessionState::recycle), only the id of
// the one it belongs to, so keeping it never keeps an engine alive.
#pragma once

#include <cstdint>
#include <memory>

namespace scamguard::detail {

class SessionState;

inline constexpr size_t kKeptPerThread = 16;

// A new engine's id for its recycled states: ids are never reused, unlike addresses.
uint64_t next_session_pool_id();

// A recycled state of the engine with this id kept by this thread, or nullptr.
std::unique_ptr<SessionState> take_recycled_state(uint64_t engine_id);

// Keeps a recycled state for this thread's next call of that engine; when the thread already
// keeps kKeptPerThread, the oldest goes (often another, closed engine's).
void keep_recycled_state(uint64_t engine_id, std::unique_ptr<SessionState> state);

}  // namespace scamguard::detail
