// The in-memory traffic store: one process's traffic counters.
//
// Each key keeps its non-empty buckets with running totals over the long window, so
// recording an attempt costs O(1) amortised, not O(window). Destinations in the window sit
// in a queue (for expiry), a count per callee (distinct destinations) and a count per
// block of `sequential_block` numbers (neighbours). Keys are sharded, one mutex a shard, so
// threads scoring different callers rarely wait on each other.

#include <algorithm>
#include <array>
#include <iterator>
#include <mutex>
#include <string>
#include <vector>

#include "scamguard/traffic_store.h"
#include "traffic/flat_counter.h"
#include "traffic/small_vector.h"

namespace scamguard {
namespace {

struct Bucket {
  int64_t index = 0;
  uint32_t attempts = 0;
  uint32_t ended = 0;
  uint32_t answered = 0;
  uint32_t short_calls = 0;
  int64_t duration_ms = 0;
};

struct Destination {
  int64_t bucket;
  uint64_t number;
  bool in_block;  // first call to this number in the window: counted in blocks_
};

// One key's window. Only buckets that saw something are stored, oldest first: most caller
// IDs place one or two calls, and a fixed ring of 60 buckets per key would cost more to
// clear than everything else a set-up does.
class KeyState {
 public:
  int64_t head() const { return head_; }

  TrafficStats attempt(int64_t bucket, uint64_t destination, const TrafficWindows& windows) {
    Bucket* slot = slot_for(bucket, windows);
    TrafficStats stats;
    if (slot) {
      ++slot->attempts;
      ++totals_.attempts;
      if (destination != 0) {
        // Only a callee new to the window counts, and counts its block: calls to one busy
        // number (a business hotline) are not a sweep through the numbers.
        const bool fresh = callees_.increment(destination) == 0;
        if (fresh) {
          const uint64_t block = destination / windows.sequential_block;
          uint32_t neighbours = 0;
          if (block > 0) neighbours += blocks_.count(block - 1);
          neighbours += blocks_.increment(block);
          neighbours += blocks_.count(block + 1);
          stats.sequential_neighbours = neighbours;
        }
        recent_.push_back({bucket, destination, fresh});
      }
    }
    uint32_t recent_attempts = 0;
    for (size_t i = buckets_.size(); i-- > 0;) {
      if (buckets_[i].index <= head_ - windows.short_buckets) break;
      recent_attempts += buckets_[i].attempts;
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
  // Advances the window to `bucket` when it is newer; returns its entry, or nullptr for a
  // bucket already outside the window (a late event), which is dropped.
  Bucket* slot_for(int64_t bucket, const TrafficWindows& windows) {
    if (buckets_.empty() && recent_head_ == recent_.size() && bucket > head_) head_ = bucket;
    if (bucket > head_) {
      head_ = bucket;
      expire(windows);
    }
    if (bucket <= head_ - windows.long_buckets) return nullptr;
    size_t at = buckets_.size();
    while (at > 0 && buckets_[at - 1].index > bucket) --at;
    if (at > 0 && buckets_[at - 1].index == bucket) return &buckets_[at - 1];
    Bucket fresh;
    fresh.index = bucket;
    return &buckets_.insert(at, fresh);
  }

  void expire(const TrafficWindows& windows) {
    const int64_t oldest = head_ - windows.long_buckets;
    size_t gone = 0;
    while (gone < buckets_.size() && buckets_[gone].index <= oldest) {
      const Bucket& slot = buckets_[gone++];
      totals_.attempts -= slot.attempts;
      totals_.ended -= slot.ended;
      totals_.answered -= slot.answered;
      totals_.short_calls -= slot.short_calls;
      totals_.duration_ms -= slot.duration_ms;
    }
    buckets_.erase_front(gone);
    while (recent_head_ < recent_.size() && recent_[recent_head_].bucket <= oldest) {
      const Destination& old = recent_[recent_head_++];
      callees_.decrement(old.number);
      if (old.in_block) blocks_.decrement(old.number / windows.sequential_block);
    }
    // A queue in a vector: compact once the consumed front outweighs the live part.
    if (recent_head_ > 64 && recent_head_ * 2 > recent_.size()) {
      recent_.erase_front(recent_head_);
      recent_head_ = 0;
    }
  }

  SmallVector<Bucket, 2> buckets_;      // non-empty buckets in the window, oldest first
  Bucket totals_;                       // sums over buckets_
  int64_t head_ = INT64_MIN;            // newest bucket seen
  SmallVector<Destination, 2> recent_;  // callees in the window, oldest first, from recent_head_
  size_t recent_head_ = 0;
  FlatCounter callees_;  // callee -> attempts in the window
  FlatCounter blocks_;   // block of sequential_block numbers -> callees first called in it
};

// Key hash -> index into a shard's slab of KeyStates, open-addressed like FlatCounter. Keys
// are told apart by a 64-bit hash alone: two keys colliding among a million live ones has a
// probability of about 3e-8, and would merge two callers' counts, not crash.
class KeyIndex {
 public:
  static constexpr uint32_t kMissing = UINT32_MAX;

  uint32_t find(uint64_t hash) const {
    if (slots_.empty()) return kMissing;
    const Slot& slot = slots_[probe(stored(hash))];
    return slot.hash == 0 ? kMissing : slot.index;
  }
  void insert(uint64_t hash, uint32_t index) {
    if ((size_ + 1) * 4 > slots_.size() * 3) grow();
    Slot& slot = slots_[probe(stored(hash))];
    if (slot.hash == 0) ++size_;
    slot = {stored(hash), index};
  }
  void erase(uint64_t hash) {
    if (slots_.empty()) return;
    size_t hole = probe(stored(hash));
    if (slots_[hole].hash == 0) return;
    slots_[hole] = Slot{};
    --size_;
    for (size_t next = (hole + 1) & mask(); slots_[next].hash != 0; next = (next + 1) & mask()) {
      const size_t want = home(slots_[next].hash);
      if (((next - want) & mask()) >= ((next - hole) & mask())) {
        slots_[hole] = slots_[next];
        slots_[next] = Slot{};
        hole = next;
      }
    }
  }

 private:
  struct Slot {
    uint64_t hash = 0;  // stored(hash); 0 marks an empty slot
    uint32_t index = 0;
  };
  static uint64_t stored(uint64_t hash) { return hash | 1; }  // never 0
  size_t mask() const { return slots_.size() - 1; }
  size_t home(uint64_t hash) const { return static_cast<size_t>(hash >> 7) & mask(); }
  size_t probe(uint64_t hash) const {
    size_t index = home(hash);
    while (slots_[index].hash != 0 && slots_[index].hash != hash) index = (index + 1) & mask();
    return index;
  }
  void grow() {
    std::vector<Slot> old = std::move(slots_);
    slots_.assign(old.empty() ? 64 : old.size() * 2, Slot{});
    for (const Slot& slot : old) {
      if (slot.hash != 0) slots_[probe(slot.hash)] = slot;
    }
  }
  std::vector<Slot> slots_;
  size_t size_ = 0;
};

class MemoryTrafficStore final : public TrafficStore {
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

  struct Shard {
    std::mutex mutex;
    KeyIndex index;                // key hash -> position in states
    std::vector<KeyState> states;  // slab; free positions listed in free
    std::vector<uint64_t> hashes;  // key hash of each position (0: free)
    std::vector<uint32_t> free;
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
    const uint64_t hash = std::hash<std::string_view>{}(key) | 1;
    Shard& shard = shards_[(hash >> 58) % kShards];
    std::lock_guard lock(shard.mutex);
    shard.newest_bucket = std::max(shard.newest_bucket, bucket);
    uint32_t at = shard.index.find(hash);
    if (at == KeyIndex::kMissing) {
      if (!shard.free.empty()) {
        at = shard.free.back();
        shard.free.pop_back();
      } else {
        at = static_cast<uint32_t>(shard.states.size());
        shard.states.emplace_back();
        shard.hashes.push_back(0);
      }
      shard.hashes[at] = hash;
      shard.index.insert(hash, at);
    }
    body(shard.states[at]);
    // Rotating caller IDs leave many keys behind; drop the ones whose whole window is past.
    if (++shard.operations % kSweepEvery == 0) {
      for (uint32_t i = 0; i < shard.states.size(); ++i) {
        if (shard.hashes[i] == 0) continue;
        if (shard.states[i].head() > shard.newest_bucket - windows.long_buckets) continue;
        shard.index.erase(shard.hashes[i]);
        shard.hashes[i] = 0;
        shard.states[i] = KeyState();
        shard.free.push_back(i);
      }
    }
  }

  std::array<Shard, kShards> shards_;
};

}  // namespace

std::shared_ptr<TrafficStore> make_memory_traffic_store() {
  return std::make_shared<MemoryTrafficStore>();
}

}  // namespace scamguard
