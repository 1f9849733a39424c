#include "text/number_words.h"

#include <array>
#include <charconv>
#include <utility>

namespace scamguard::text {
namespace {

struct Entry {
  std::string_view word;
  NumberWord number;
};

constexpr std::array kWords = {
    Entry{"zero", {NumberWordKind::kUnit, 0}},
    Entry{"one", {NumberWordKind::kUnit, 1}},
    Entry{"two", {NumberWordKind::kUnit, 2}},
    Entry{"three", {NumberWordKind::kUnit, 3}},
    Entry{"four", {NumberWordKind::kUnit, 4}},
    Entry{"five", {NumberWordKind::kUnit, 5}},
    Entry{"six", {NumberWordKind::kUnit, 6}},
    Entry{"seven", {NumberWordKind::kUnit, 7}},
    Entry{"eight", {NumberWordKind::kUnit, 8}},
    Entry{"nine", {NumberWordKind::kUnit, 9}},
    Entry{"ten", {NumberWordKind::kTeen, 10}},
    Entry{"eleven", {NumberWordKind::kTeen, 11}},
    Entry{"twelve", {NumberWordKind::kTeen, 12}},
    Entry{"thirteen", {NumberWordKind::kTeen, 13}},
    Entry{"fourteen", {NumberWordKind::kTeen, 14}},
    Entry{"fifteen", {NumberWordKind::kTeen, 15}},
    Entry{"sixteen", {NumberWordKind::kTeen, 16}},
    Entry{"seventeen", {NumberWordKind::kTeen, 17}},
    Entry{"eighteen", {NumberWordKind::kTeen, 18}},
    Entry{"nineteen", {NumberWordKind::kTeen, 19}},
    Entry{"twenty", {NumberWordKind::kTens, 20}},
    Entry{"thirty", {NumberWordKind::kTens, 30}},
    Entry{"forty", {NumberWordKind::kTens, 40}},
    Entry{"fourty", {NumberWordKind::kTens, 40}},
    Entry{"fifty", {NumberWordKind::kTens, 50}},
    Entry{"sixty", {NumberWordKind::kTens, 60}},
    Entry{"seventy", {NumberWordKind::kTens, 70}},
    Entry{"eighty", {NumberWordKind::kTens, 80}},
    Entry{"ninety", {NumberWordKind::kTens, 90}},
    Entry{"hundred", {NumberWordKind::kHundred, 100}},
    Entry{"thousand", {NumberWordKind::kScale, 1000}},
    Entry{"million", {NumberWordKind::kScale, 1000000}},
};

// One number under construction, e.g. "two thousand and five".
class Piece {
 public:
  // Whether `word` continues this number rather than starting the next one.
  bool accepts(const NumberWord& word) const {
    if (empty_) return true;
    switch (word.kind) {
      case NumberWordKind::kUnit:
        // "twenty five", "hundred and five", "thousand five"; not "four four".
        return last_ == NumberWordKind::kTens || last_ == NumberWordKind::kHundred ||
               last_ == NumberWordKind::kScale;
      case NumberWordKind::kTeen:
      case NumberWordKind::kTens:
        return last_ == NumberWordKind::kHundred || last_ == NumberWordKind::kScale;
      case NumberWordKind::kHundred:
        return last_ == NumberWordKind::kUnit || last_ == NumberWordKind::kTeen;
      case NumberWordKind::kScale:
        return word.value > scale_seen_;
    }
    return false;
  }

  void add(const NumberWord& word) {
    switch (word.kind) {
      case NumberWordKind::kUnit:
      case NumberWordKind::kTeen:
      case NumberWordKind::kTens:
        current_ += word.value;
        break;
      case NumberWordKind::kHundred:
        current_ = (empty_ ? 1 : current_) * 100;
        break;
      case NumberWordKind::kScale:
        total_ = (total_ + (empty_ ? 1 : current_)) * word.value;
        current_ = 0;
        scale_seen_ = word.value;
        break;
    }
    last_ = word.kind;
    empty_ = false;
  }

  void write(std::string& out) const {
    if (empty_) return;
    char digits[24];
    const std::to_chars_result end =
        std::to_chars(digits, digits + sizeof digits, total_ + current_);
    out.append(digits, end.ptr);
  }

 private:
  uint64_t total_ = 0;
  uint64_t current_ = 0;
  uint64_t scale_seen_ = 0;
  NumberWordKind last_ = NumberWordKind::kUnit;
  bool empty_ = true;
};

}  // namespace

// kWords by (first letter, length): every word of the transcript is looked up, and nearly all
// are not numbers, so a lookup compares with at most the few entries of its bucket.
constexpr size_t kMinLength = 3;
constexpr size_t kMaxLength = 9;
constexpr size_t kLengths = kMaxLength - kMinLength + 1;
constexpr size_t kPerBucket = 4;
struct Buckets {
  std::array<std::array<uint8_t, kPerBucket>, 26 * kLengths> entries{};  // index + 1, 0: none
};
constexpr Buckets make_buckets() {
  Buckets buckets;
  for (size_t i = 0; i < kWords.size(); ++i) {
    const std::string_view word = kWords[i].word;
    auto& bucket =
        buckets.entries[static_cast<size_t>(word[0] - 'a') * kLengths + (word.size() - kMinLength)];
    size_t slot = 0;
    while (bucket[slot] != 0) ++slot;  // a full bucket fails to compile (out of bounds)
    bucket[slot] = static_cast<uint8_t>(i + 1);
  }
  return buckets;
}
constexpr Buckets kBuckets = make_buckets();

std::optional<NumberWord> lookup_number_word(std::string_view word) noexcept {
  if (word.size() < kMinLength || word.size() > kMaxLength || word[0] < 'a' || word[0] > 'z') {
    return std::nullopt;
  }
  const auto& bucket =
      kBuckets.entries[static_cast<size_t>(word[0] - 'a') * kLengths + (word.size() - kMinLength)];
  for (uint8_t entry : bucket) {
    if (entry == 0) break;
    if (kWords[entry - 1].word == word) return kWords[entry - 1].number;
  }
  return std::nullopt;
}

void append_spoken_number(std::span<const std::string_view> words, std::string& out) {
  Piece piece;
  for (std::string_view word : words) {
    if (word == "and" || word == "a") continue;  // "a hundred and five"
    std::optional<NumberWord> number = lookup_number_word(word);
    if (!number) continue;
    if (!piece.accepts(*number)) {
      piece.write(out);
      piece = Piece{};
    }
    piece.add(*number);
  }
  piece.write(out);
}

}  // namespace scamguard::text
