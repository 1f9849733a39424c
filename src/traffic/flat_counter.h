// A count per 64-bit key in one open-addressed array (linear probing, backward-shift
// deletion): the in-memory backend keeps one per key for callees and number blocks, and on
// a busy trunk these hold thousands of entries touched on every call. std::unordered_map
// costs two cache misses a lookup (bucket, then node); this costs about one. Up to
// kInline keys (a caller ID's one or two callees) live inline, searched linearly, with no
// allocation at all.
#pragma once

#include <array>
#include <cstdint>
#include <vector>

namespace scamguard {

class FlatCounter {
 public:
  // Adds one to `key`'s count and returns the count before.
  uint32_t increment(uint64_t key) {
    if (slots_.empty()) {
      for (size_t i = 0; i < size_; ++i) {
        if (inline_[i].key == stored(key)) return inline_[i].count++;
      }
      if (size_ < kInline) {
        inline_[size_++] = {stored(key), 1};
        return 0;
      }
    }
    if ((size_ + 1) * 4 > slots_.size() * 3) grow();
    Slot& slot = slots_[find_slot(stored(key))];
    if (slot.key == 0) {
      slot.key = stored(key);
      ++size_;
    }
    return slot.count++;
  }

  // Subtracts one from `key`'s count, removing it at zero.
  void decrement(uint64_t key) {
    if (slots_.empty()) {
      for (size_t i = 0; i < size_; ++i) {
        if (inline_[i].key != stored(key)) continue;
        if (--inline_[i].count == 0) inline_[i] = inline_[--size_];
        return;
      }
      return;
    }
    size_t index = find_slot(stored(key));
    if (slots_[index].key == 0) return;
    if (--slots_[index].count > 0) return;
    erase_at(index);
  }

  uint32_t count(uint64_t key) const {
    if (slots_.empty()) {
      for (size_t i = 0; i < size_; ++i) {
        if (inline_[i].key == stored(key)) return inline_[i].count;
      }
      return 0;
    }
    const Slot& slot = slots_[find_slot(stored(key))];
    return slot.key == 0 ? 0 : slot.count;
  }

  size_t size() const { return size_; }

 private:
  struct Slot {
    uint64_t key = 0;  // stored(key); 0 marks an empty slot
    uint32_t count = 0;
  };

  static uint64_t stored(uint64_t key) { return key + 1; }  // key UINT64_MAX is not used
  size_t mask() const { return slots_.size() - 1; }
  size_t home(uint64_t key) const {
    // Fibonacci hashing spreads consecutive numbers (sequential callees) over the table.
    return static_cast<size_t>((key * 0x9E3779B97F4A7C15ull) >> 20) & mask();
  }

  size_t find_slot(uint64_t key) const {
    size_t index = home(key);
    while (slots_[index].key != 0 && slots_[index].key != key) index = (index + 1) & mask();
    return index;
  }

  void erase_at(size_t hole) {
    slots_[hole] = Slot{};
    --size_;
    // Backward-shift: move later entries of the probe run into the hole when that brings
    // them no further from their home slot, so lookups never need tombstones.
    size_t next = (hole + 1) & mask();
    while (slots_[next].key != 0) {
      const size_t want = home(slots_[next].key);
      if (((next - want) & mask()) >= ((next - hole) & mask())) {
        slots_[hole] = slots_[next];
        slots_[next] = Slot{};
        hole = next;
      }
      next = (next + 1) & mask();
    }
  }

  void grow() {
    std::vector<Slot> old = std::move(slots_);
    if (old.empty()) old.assign(inline_.begin(), inline_.begin() + static_cast<long>(size_));
    slots_.assign(old.size() < 8 ? 16 : old.size() * 2, Slot{});
    size_ = 0;
    for (const Slot& slot : old) {
      if (slot.key == 0) continue;
      slots_[find_slot(slot.key)] = slot;
      ++size_;
    }
  }

  static constexpr size_t kInline = 4;
  std::array<Slot, kInline> inline_{};  // used while slots_ is empty
  std::vector<Slot> slots_;
  size_t size_ = 0;
};

}  // namespace scamguard
