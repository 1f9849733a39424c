#include "server/call_registry.h"

namespace scamguard::server {

void LiveCall::notify_changed() {
  std::erase_if(watchers, [](const std::weak_ptr<const std::function<void()>>& watcher) {
    std::shared_ptr<const std::function<void()>> wake = watcher.lock();
    if (!wake) return true;
    (*wake)();
    return false;
  });
  if (feed) feed->publish(id);
}

void LiveCall::record_change(const Verdict& changed) {
  ++version;
  recent_changes.push_back({version, changed});
  if (recent_changes.size() > kRecentChanges) recent_changes.pop_front();
  notify_changed();
}

CallRegistry::InsertResult CallRegistry::insert(const std::shared_ptr<LiveCall>& call,
                                                size_t max_open) {
  std::unique_lock lock(mutex_);
  if (calls_.count(call->id)) return InsertResult::kExists;
  if (calls_.size() >= max_open) return InsertResult::kFull;
  calls_.emplace(call->id, call);
  call->feed = &feed_;
  feed_.publish(call->id);
  return InsertResult::kInserted;
}

std::shared_ptr<LiveCall> CallRegistry::find(const std::string& id) const {
  std::shared_lock lock(mutex_);
  auto found = calls_.find(id);
  return found == calls_.end() ? nullptr : found->second;
}

void CallRegistry::erase(const std::string& id) {
  std::unique_lock lock(mutex_);
  if (calls_.erase(id) > 0) feed_.publish(id);
}

size_t CallRegistry::size() const {
  std::shared_lock lock(mutex_);
  return calls_.size();
}

std::vector<std::shared_ptr<LiveCall>> CallRegistry::snapshot() const {
  std::shared_lock lock(mutex_);
  std::vector<std::shared_ptr<LiveCall>> calls;
  calls.reserve(calls_.size());
  for (const auto& [id, call] : calls_) calls.push_back(call);
  return calls;
}

uint64_t turn_digest(const Turn& turn) noexcept {
  // FNV-1a over the speaker and the text: cheap, and collisions only matter for a retry that
  // also names the same turn index.
  uint64_t hash = 1469598103934665603ull;
  auto mix = [&](unsigned char byte) {
    hash ^= byte;
    hash *= 1099511628211ull;
  };
  mix(static_cast<unsigned char>(turn.speaker));
  for (char c : turn.text) mix(static_cast<unsigned char>(c));
  return hash;
}

bool verdict_changed(const Verdict& before, const Verdict& after) noexcept {
  if (before.action != after.action) return true;
  if (before.findings.size() != after.findings.size()) return true;
  for (size_t i = 0; i < before.findings.size(); ++i) {
    if (before.findings[i].symbol != after.findings[i].symbol ||
        before.findings[i].options != after.findings[i].options) {
      return true;
    }
  }
  return false;
}

}  // namespace scamguard::server
