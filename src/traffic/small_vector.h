// A vector that keeps its first N elements inline. Most caller IDs place one or two calls in
// a window; their per-key state then lives in the key's own node with no allocation of its
// own, which is what keeps a set-up from a never-seen number cheap. Only what KeyState needs:
// trivially copyable elements, push_back, insert, erase from the front.
#pragma once

#include <algorithm>
#include <array>
#include <cstddef>
#include <type_traits>
#include <vector>

namespace scamguard {

template <class T, size_t N>
class SmallVector {
  static_assert(std::is_trivially_copyable_v<T>);

 public:
  size_t size() const { return heap_.empty() ? size_ : heap_.size(); }
  bool empty() const { return size() == 0; }
  T* data() { return heap_.empty() ? inline_.data() : heap_.data(); }
  const T* data() const { return heap_.empty() ? inline_.data() : heap_.data(); }
  T* begin() { return data(); }
  T* end() { return data() + size(); }
  const T* begin() const { return data(); }
  const T* end() const { return data() + size(); }
  T& operator[](size_t i) { return data()[i]; }
  const T& operator[](size_t i) const { return data()[i]; }
  T& back() { return data()[size() - 1]; }

  void push_back(const T& value) { insert(size(), value); }

  // Inserts before index `at`; returns the new element.
  T& insert(size_t at, const T& value) {
    if (heap_.empty() && size_ < N) {
      std::copy_backward(inline_.begin() + at, inline_.begin() + size_,
                         inline_.begin() + size_ + 1);
      inline_[at] = value;
      ++size_;
      return inline_[at];
    }
    if (heap_.empty()) {
      heap_.assign(inline_.begin(), inline_.begin() + size_);
      size_ = 0;
    }
    return *heap_.insert(heap_.begin() + static_cast<std::ptrdiff_t>(at), value);
  }

  // Removes the first `count` elements.
  void erase_front(size_t count) {
    if (count == 0) return;
    if (!heap_.empty()) {
      heap_.erase(heap_.begin(), heap_.begin() + static_cast<std::ptrdiff_t>(count));
      return;
    }
    std::copy(inline_.begin() + count, inline_.begin() + size_, inline_.begin());
    size_ -= count;
  }

 private:
  std::array<T, N> inline_{};
  size_t size_ = 0;      // elements in inline_ while heap_ is empty
  std::vector<T> heap_;  // all elements once more than N were held
};

}  // namespace scamguard
