// The in-memory state backend: one process's traffic counters.
//
// Each key keeps a ring of per-bucket counters with running totals over the long window, so
// recording an attempt costs O(1) amortised, not O(window). Destinations in the window sit
// in a queue (for expiry), a count per callee (distinct destinations) and a count per
// block of `sequential_block` numbers (neighbours). Keys are sharded, one mutex a shard, so
// threads scoring different callers rarely wait on each other.

#include <algorithm>
#include <array>
#include <deque>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "scamguard/state.h"

namespace scamguard {
namespace {

struct Bucket {
  int64_t index = INT64_MIN;
  uint32_t attempts = 0;
  uint32_t ended = 0;
  uint32_t answered = 0;
  uint32_t short_calls = 0;
  int64_t duration_ms = 0;
};

struct Destination {
  int64_t bucket;
  uint64_t number;
};

class KeyState {
 public:
  explicit KeyState(int long_buckets) : ring_(static_cast<size_t>(long_buckets)) {}

  int64_t head() const { return head_; }

  TrafficStats attempt(int64_t bucket, uint64_t destination, const TrafficWindows& windows) {
    Bucket* slot = slot_for(bucket, windows);
    TrafficStats stats;
    if (slot) {
      ++slot->attempts;
      ++totals_.attempts;
    }
    if (destination != 0 && slot) {
      const uint64_t block = destination / windows.sequential_block;
      uint32_t neighbours = 0;
      for (uint64_t b = block == 0 ? 0 : block - 1; b <= block + 1; ++b) {
        auto it = blocks_.find(b);
        if (it != blocks_.end()) neighbours += it->second;
      }
      stats.sequential_neighbours = neighbours;
      ++callees_[destination];
      ++blocks_[block];
      recent_.push_back({bucket, destination});
    }
    uint32_t recent_attempts = 0;
    for (int i = 0; i < windows.short_buckets; ++i) {
      const Bucket& b = ring_[static_cast<size_t>(mod(head_ - i))];
      if (b.index == head_ - i) recent_attempts += b.attempts;
    }
    stats.attempts_short = recent_attempts;
    stats.attempts_long = totals_.attempts;
    stats.ended = totals_.ended;
    stats.answered = totals_.answered;
    stats.short_calls = totals_.short_calls;
    stats.duration_ms = totals_.duration_ms;
    stats.distinct_destinations = static_cast<uint32_t>(callees_.size());
    return stats;
  }

  void end(int64_t bucket, const EndRecord& record, const TrafficWindows& windows) {
    Bucket* slot = slot_for(bucket, windows);
    if (!slot) return;
    const bool is_short = record.answered && record.duration_ms < windows.short_call_ms;
    const int64_t duration = record.answered ? record.duration_ms : 0;
    ++slot->ended;
    ++totals_.ended;
    slot->answered += record.answered;
    totals_.answered += record.answered;
    slot->short_calls += is_short;
    totals_.short_calls += is_short;
    slot->duration_ms += duration;
    totals_.duration_ms += duration;
  }

 private:
  int64_t mod(int64_t bucket) const {
    const auto n = static_cast<int64_t>(ring_.size());
    return ((bucket % n) + n) % n;
  }

  // Advances the window to `bucket` when it is newer; returns its slot, or nullptr for a
  // bucket already outside the window (a late event), which is dropped.
  Bucket* slot_for(int64_t bucket, const TrafficWindows& windows) {
    const auto n = static_cast<int64_t>(ring_.size());
    if (head_ == INT64_MIN || bucket > head_) {
      const int64_t from = head_ == INT64_MIN || bucket - head_ > n ? bucket - n + 1 : head_ + 1;
      for (int64_t b = from; b <= bucket; ++b) {
        Bucket& slot = ring_[static_cast<size_t>(mod(b))];
        if (slot.index != INT64_MIN) subtract(slot);
        slot = Bucket{};
        slot.index = b;
      }
      head_ = bucket;
      expire_destinations(windows);
    }
    if (bucket <= head_ - n) return nullptr;
    Bucket& slot = ring_[static_cast<size_t>(mod(bucket))];
    if (slot.index != bucket) return nullptr;
    return &slot;
  }

  void subtract(const Bucket& slot) {
    totals_.attempts -= slot.attempts;
    totals_.ended -= slot.ended;
    totals_.answered -= slot.answered;
    totals_.short_calls -= slot.short_calls;
    totals_.duration_ms -= slot.duration_ms;
  }

  void expire_destinations(const TrafficWindows& windows) {
    const int64_t oldest = head_ - static_cast<int64_t>(ring_.size());
    while (!recent_.empty() && recent_.front().bucket <= oldest) {
      const Destination& gone = recent_.front();
      if (auto it = callees_.find(gone.number); it != callees_.end() && --it->second == 0) {
        callees_.erase(it);
      }
      const uint64_t block = gone.number / windows.sequential_block;
      if (auto it = blocks_.find(block); it != blocks_.end() && --it->second == 0) {
        blocks_.erase(it);
      }
      recent_.pop_front();
    }
  }

  std::vector<Bucket> ring_;
  Bucket totals_;
  int64_t head_ = INT64_MIN;
  std::deque<Destination> recent_;
  std::unordered_map<uint64_t, uint32_t> callees_;
  std::unordered_map<uint64_t, uint32_t> blocks_;
};

class MemoryState final : public StateBackend {
 public:
  Status record_attempts(std::span<const AttemptRecord> attempts, const TrafficWindows& windows,
                         std::span<TrafficStats> out) override {
    if (Status status = check(windows); !status) return status;
    if (out.size() != attempts.size()) {
      return make_error(ErrorCode::kInvalidInput, "record_attempts: out has the wrong size");
    }
    for (size_t i = 0; i < attempts.size(); ++i) {
      const AttemptRecord& attempt = attempts[i];
      const int64_t bucket = floor_div(attempt.time_ms, windows.bucket_ms);
      with_key(attempt.key, bucket, windows, [&](KeyState& state) {
        out[i] = state.attempt(bucket, attempt.destination, windows);
      });
    }
    return {};
  }

  Status record_ends(std::span<const EndRecord> ends, const TrafficWindows& windows) override {
    if (Status status = check(windows); !status) return status;
    for (const EndRecord& end : ends) {
      const int64_t bucket = floor_div(end.time_ms, windows.bucket_ms);
      with_key(end.key, bucket, windows, [&](KeyState& state) { state.end(bucket, end, windows); });
    }
    return {};
  }

  std::string_view name() const noexcept override { return "memory"; }

 private:
  static constexpr size_t kShards = 64;
  static constexpr uint32_t kSweepEvery = 4096;

  // Lets find() take a string_view without building a std::string per lookup.
  struct Hash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };

  struct Shard {
    std::mutex mutex;
    std::unordered_map<std::string, KeyState, Hash, std::equal_to<>> keys;
    uint32_t operations = 0;
    int64_t newest_bucket = INT64_MIN;
  };

  static Status check(const TrafficWindows& windows) {
    if (windows.bucket_ms <= 0 || windows.short_buckets <= 0 || windows.long_buckets <= 0 ||
        windows.short_buckets > windows.long_buckets || windows.sequential_block == 0) {
      return make_error(ErrorCode::kInvalidInput, "traffic windows are inconsistent");
    }
    return {};
  }

  static int64_t floor_div(int64_t a, int64_t b) { return a / b - ((a % b != 0) && (a < 0)); }

  template <class Body>
  void with_key(std::string_view key, int64_t bucket, const TrafficWindows& windows, Body&& body) {
    Shard& shard = shards_[std::hash<std::string_view>{}(key) % kShards];
    std::lock_guard lock(shard.mutex);
    shard.newest_bucket = std::max(shard.newest_bucket, bucket);
    auto it = shard.keys.find(key);
    if (it == shard.keys.end()) {
      it = shard.keys.emplace(std::string(key), KeyState(windows.long_buckets)).first;
    }
    body(it->second);
    // Rotating caller IDs leave many keys behind; drop the ones whose whole window is past.
    if (++shard.operations % kSweepEvery == 0) {
      std::erase_if(shard.keys, [&](const auto& entry) {
        return entry.second.head() <= shard.newest_bucket - windows.long_buckets;
      });
    }
  }

  std::array<Shard, kShards> shards_;
};

}  // namespace

std::shared_ptr<StateBackend> make_memory_state() { return std::make_shared<MemoryState>(); }

}  // namespace scamguard
