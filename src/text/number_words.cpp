#include "text/number_words.h"

#include <array>
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
    if (!empty_) out += std::to_string(total_ + current_);
  }

 private:
  uint64_t total_ = 0;
  uint64_t current_ = 0;
  uint64_t scale_seen_ = 0;
  NumberWordKind last_ = NumberWordKind::kUnit;
  bool empty_ = true;
};

}  // namespace

std::optional<NumberWord> lookup_number_word(std::string_view word) noexcept {
  if (word.size() < 3 || word.size() > 9) return std::nullopt;
  for (const Entry& entry : kWords) {
    if (entry.word == word) return entry.number;
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
