#include "server/call_feed.h"

#include <algorithm>
#include <unordered_set>

namespace scamguard::server {

void CallFeed::publish(const std::string& id) {
  std::lock_guard lock(mutex_);
  ++version_;
  changes_.emplace_back(version_, id);
  if (changes_.size() > kKept) changes_.pop_front();
  std::erase_if(watchers_, [](const std::weak_ptr<const std::function<void()>>& watcher) {
    std::shared_ptr<const std::function<void()>> wake = watcher.lock();
    if (!wake) return true;
    (*wake)();
    return false;
  });
}

void CallFeed::watch(std::weak_ptr<const std::function<void()>> watcher) {
  std::lock_guard lock(mutex_);
  watchers_.push_back(std::move(watcher));
}

CallFeed::Since CallFeed::since(uint64_t version) const {
  std::lock_guard lock(mutex_);
  Since out;
  out.version = version_;
  if (version >= version_) return out;
  // The oldest kept change is version_ - changes_.size() + 1; anything before it is lost.
  if (changes_.empty() || changes_.front().first > version + 1) {
    out.resync = true;
    return out;
  }
  std::unordered_set<std::string> seen;
  for (const auto& [changed_at, id] : changes_) {
    if (changed_at > version && seen.insert(id).second) out.ids.push_back(id);
  }
  return out;
}

uint64_t CallFeed::version() const {
  std::lock_guard lock(mutex_);
  return version_;
}

}  // namespace scamguard::server
