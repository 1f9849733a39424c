// Spoken numbers to digits: "one forty nine" -> "149", "nine" -> "9",
// "two thousand and five" -> "2005".
//
// Speech recognisers write numbers as words; the amount of a fee, the length of a session
// code and the digit to press all matter to the rules, so they are made digits first.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace scamguard::text {

// What kind of number word `word` is, if any.
enum class NumberWordKind : uint8_t { kUnit, kTeen, kTens, kHundred, kScale };

struct NumberWord {
  NumberWordKind kind;
  uint64_t value;  // 0-9 for units, 10-19 teens, 20-90 tens, 100, 1000 or 1000000
};

std::optional<NumberWord> lookup_number_word(std::string_view word) noexcept;

// Converts a run of number words to digits. Words that cannot continue the number being
// built start a new one, and the pieces are written one after another, which is how people
// say prices, years and phone numbers ("one forty nine", "nineteen ninety", "eight four
// four"). `words` must all be number words (or "and" between them).
void append_spoken_number(std::span<const std::string_view> words, std::string& out);

}  // namespace scamguard::text
