// The calls open right now, each with its CallSession. A call's mutex serialises its events
// (a CallSession belongs to one thread at a time) and is held until the store has committed
// the event, so the stored order is the order the session saw. Different calls never wait on
// each other except in the store's group commit, which is what makes it fast.
#pragma once

#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <shared_mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "scamguard/events.h"
#include "scamguard/session.h"
#include "scamguard/verdict.h"
#include "server/call_feed.h"

namespace scamguard::server {

struct LiveCall {
  std::string id;
  std::mutex mutex;  // guards everything below
  // Called (with `mutex` held) when version or closed change: event streams waiting for the
  // call. A watcher must not block or take the call's mutex; it wakes its stream, which reads
  // the call later. Watchers that expired are dropped.
  std::vector<std::weak_ptr<const std::function<void()>>> watchers;
  std::optional<CallSession> session;
  int next_seq = 1;  // per-call event sequence (0 is the set-up)
  int turn_count = 0;
  // One digest of (speaker, text) per turn: a client that retries a turn whose first attempt
  // was committed (it timed out before the answer) gets the same answer, not a second turn.
  std::vector<uint64_t> turn_digests;
  Verdict verdict;
  uint64_t version = 0;  // bumps when the action or the findings change
  // The latest changes, oldest first, each with the version it made: an event stream woken
  // once for several changes (two turns committed before its connection ran, or a refresh
  // from the store that brought several steps of another node) still sends each of them, in
  // order. Bounded: a stream more than kRecentChanges behind skips to what is kept.
  struct Change {
    uint64_t version;
    Verdict verdict;
  };
  static constexpr size_t kRecentChanges = 64;
  std::deque<Change> recent_changes;
  bool closed = false;  // closed, or never committed: the call is no longer live
  std::string close_reason;
  int64_t opened_at_ms = 0;
  // From the set-up, for the console's live list (GET /v1/stream).
  std::string caller;
  std::string display_name;
  // The registry's feed, set when the call is registered: every notify_changed() is
  // published there too, so the live list hears of each change.
  CallFeed* feed = nullptr;

  // Wakes every watcher; `mutex` must be held.
  void notify_changed();
  // Records that the verdict became `changed` (a new version) and wakes the watchers;
  // `mutex` must be held.
  void record_change(const Verdict& changed);
};

class CallRegistry {
 public:
  enum class InsertResult { kInserted, kExists, kFull };

  InsertResult insert(const std::shared_ptr<LiveCall>& call, size_t max_open);
  std::shared_ptr<LiveCall> find(const std::string& id) const;
  void erase(const std::string& id);
  size_t size() const;
  std::vector<std::shared_ptr<LiveCall>> snapshot() const;

  // Every call registered, changed or removed (call/stream routes read it; see call_feed.h).
  CallFeed& feed() { return feed_; }

 private:
  CallFeed feed_;
  mutable std::shared_mutex mutex_;
  std::unordered_map<std::string, std::shared_ptr<LiveCall>> calls_;
};

// Whether two verdicts differ in what a person would be told: the action, or which symbols
// fired with which evidence.
uint64_t turn_digest(const Turn& turn) noexcept;

bool verdict_changed(const Verdict& before, const Verdict& after) noexcept;

}  // namespace scamguard::server
