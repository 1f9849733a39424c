// Which calls changed, for the console's live list (GET /v1/stream): every open, verdict
// change and close of any call live on this node is published here by call id, and the
// streams watching the feed are woken. A stream then reads the calls themselves from the
// registry, so the feed only carries ids and a counter, never verdicts.
//
// Bounded: the latest kKept changes are kept; a stream further behind than that is told to
// start again from a full snapshot (resync), which costs it one list of the open calls.
#pragma once

#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace scamguard::server {

class CallFeed {
 public:
  static constexpr size_t kKept = 4096;

  // Records that call `id` changed and wakes every watcher. A watcher must not block or call
  // back into the feed; it wakes its stream, which reads later.
  void publish(const std::string& id);

  // Adds a watcher, held weakly: it is dropped once its stream lets go of it.
  void watch(std::weak_ptr<const std::function<void()>> watcher);

  // The ids that changed after `version` (each once, oldest first) and the feed's version now;
  // `resync` when changes after `version` were already dropped.
  struct Since {
    std::vector<std::string> ids;
    uint64_t version = 0;
    bool resync = false;
  };
  Since since(uint64_t version) const;

  uint64_t version() const;

 private:
  mutable std::mutex mutex_;
  uint64_t version_ = 0;
  std::deque<std::pair<uint64_t, std::string>> changes_;  // (version, id), oldest first
  std::vector<std::weak_ptr<const std::function<void()>>> watchers_;
};

}  // namespace scamguard::server
