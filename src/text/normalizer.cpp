#include "text/normalizer.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <vector>

#include "text/number_words.h"

namespace scamguard::text {
namespace {

// Hesitations that recognisers transcribe and that break up phrases ("install um any desk").
constexpr std::array<std::string_view, 13> kFillers = {"um", "umm", "uh", "uhh", "uhm", "erm", "er",
                                                       "ah", "hmm", "hm", "mm",  "mhm", "eh"};

// What every filler has in common, so that nearly every other word is ruled out at once.
struct FillerShape {
  size_t min_length = 99;
  size_t max_length = 0;
  uint32_t first_letters = 0;  // bit per letter
};
constexpr FillerShape filler_shape() {
  FillerShape shape;
  for (std::string_view filler : kFillers) {
    shape.min_length = std::min(shape.min_length, filler.size());
    shape.max_length = std::max(shape.max_length, filler.size());
    shape.first_letters |= 1u << (filler[0] - 'a');
  }
  return shape;
}
constexpr FillerShape kFillerShape = filler_shape();

bool is_filler(std::string_view word) {
  if (word.size() < kFillerShape.min_length || word.size() > kFillerShape.max_length ||
      word[0] < 'a' || word[0] > 'z' || !(kFillerShape.first_letters & (1u << (word[0] - 'a')))) {
    return false;
  }
  for (std::string_view filler : kFillers) {
    if (word == filler) return true;
  }
  return false;
}

bool is_ascii_alpha(unsigned char c) { return (c | 0x20) >= 'a' && (c | 0x20) <= 'z'; }
bool is_digit(unsigned char c) { return c >= '0' && c <= '9'; }

// Each byte as it is written inside a word: ASCII letters lower-cased, digits as they are,
// 0 for every other byte.
constexpr std::array<char, 256> make_word_bytes() {
  std::array<char, 256> table{};
  for (int c = 0; c < 256; ++c) {
    if (c >= 'a' && c <= 'z') table[c] = static_cast<char>(c);
    if (c >= 'A' && c <= 'Z') table[c] = static_cast<char>(c | 0x20);
    if (c >= '0' && c <= '9') table[c] = static_cast<char>(c);
  }
  return table;
}
constexpr std::array<char, 256> kWordByte = make_word_bytes();

// Length of the valid UTF-8 sequence starting at `s[i]`, or 0 if it is invalid.
size_t utf8_sequence_length(std::string_view s, size_t i) {
  const auto lead = static_cast<unsigned char>(s[i]);
  size_t length = 0;
  uint32_t min_code_point = 0;
  if (lead < 0x80) return 1;
  if ((lead & 0xE0) == 0xC0) {
    length = 2;
    min_code_point = 0x80;
  } else if ((lead & 0xF0) == 0xE0) {
    length = 3;
    min_code_point = 0x800;
  } else if ((lead & 0xF8) == 0xF0) {
    length = 4;
    min_code_point = 0x10000;
  } else {
    return 0;
  }
  if (i + length > s.size()) return 0;
  uint32_t code_point = lead & (0x7F >> length);
  for (size_t k = 1; k < length; ++k) {
    const auto c = static_cast<unsigned char>(s[i + k]);
    if ((c & 0xC0) != 0x80) return 0;
    code_point = (code_point << 6) | (c & 0x3F);
  }
  if (code_point < min_code_point || code_point > 0x10FFFF ||
      (code_point >= 0xD800 && code_point <= 0xDFFF)) {
    return 0;
  }
  return length;
}

// Splits the input into raw words. Currency signs become their own word ("$" -> a currency
// marker) so that the second pass can move them after the amount.
class Tokenizer {
 public:
  explicit Tokenizer(std::string& words) : words_(words) {}

  struct Word {
    uint32_t offset;
    uint32_t length;
    bool currency;  // a currency name that belongs after the next number
  };

  std::vector<Word>& run(std::string_view in, std::vector<Word>& out) {
    out_ = &out;
    words_.clear();
    word_start_ = 0;
    out.clear();
    size_t i = 0;
    while (i < in.size()) {
      const auto c = static_cast<unsigned char>(in[i]);
      if (c >= 0x80) {
        i += consume_non_ascii(in, i);
        continue;
      }
      if (kWordByte[c] != 0) {
        // A run of ASCII letters and digits, written lower-case in one go.
        size_t end = i + 1;
        while (end < in.size() && kWordByte[static_cast<unsigned char>(in[end])] != 0) ++end;
        const size_t at = words_.size();
        words_.resize(at + (end - i));
        for (size_t k = i; k < end; ++k) {
          words_[at + (k - i)] = kWordByte[static_cast<unsigned char>(in[k])];
        }
        i = end;
        continue;
      }
      if (c == '\'') {
        // "don't" -> "dont"; a spaced "I ' ve" stays two words.
      } else if ((c == ',' || c == '.') && word_is_numeric() && i + 1 < in.size() &&
                 is_digit(static_cast<unsigned char>(in[i + 1]))) {
        if (c == '.') append('.');  // thousands separators are dropped, decimals kept
      } else if (c == '.' && !in_word().empty() && i + 1 < in.size() &&
                 is_ascii_alpha(static_cast<unsigned char>(in[i + 1]))) {
        end_word();
        emit("dot", false);  // "amazon.com" is said "amazon dot com"
      } else if (c == '[' && skip_placeholder(in, i)) {
        continue;
      } else if (c == '$') {
        emit_currency_for_dollar();
      } else if (c == '%') {
        end_word();
        emit("percent", false);
      } else if (c == '&') {
        end_word();
        emit("and", false);
      } else {
        end_word();
      }
      ++i;
    }
    end_word();
    return out;
  }

 private:
  // The word being read is the tail of words_ from word_start_: its bytes are written once.
  void append(char c) { words_ += c; }
  std::string_view in_word() const { return std::string_view(words_).substr(word_start_); }

  bool word_is_numeric() const {
    const std::string_view word = in_word();
    if (word.empty()) return false;
    for (char c : word) {
      if (!is_digit(static_cast<unsigned char>(c)) && c != '.') return false;
    }
    return true;
  }

  void end_word() {
    if (words_.size() == word_start_) return;
    out_->push_back({static_cast<uint32_t>(word_start_),
                     static_cast<uint32_t>(words_.size() - word_start_), false});
    word_start_ = words_.size();
  }

  // A word of its own ("dot", a currency); the word being read must have ended.
  void emit(std::string_view word, bool currency) {
    out_->push_back(
        {static_cast<uint32_t>(words_.size()), static_cast<uint32_t>(word.size()), currency});
    words_ += word;
    word_start_ = words_.size();
  }

  // "A$149" and "AU$149" are Australian dollars; "US$" US dollars; a bare "$" is "dollars".
  void emit_currency_for_dollar() {
    std::string_view currency = "dollars";
    const std::string_view prefix = in_word();
    if (prefix == "a" || prefix == "au")
      currency = "aud";
    else if (prefix == "us")
      currency = "usd";
    else if (prefix == "c" || prefix == "ca")
      currency = "cad";
    else if (prefix == "nz")
      currency = "nzd";
    if (currency != "dollars") words_.resize(word_start_);  // the prefix was the currency
    end_word();
    emit(currency, true);
  }

  // Bracketed dataset placeholders such as "[PERSON_NAME]" or "[Company]" carry no meaning
  // of their own; they are removed. Returns false (and consumes nothing) for other brackets.
  bool skip_placeholder(std::string_view in, size_t& i) {
    size_t j = i + 1;
    while (j < in.size() && j - i <= 40) {
      const auto c = static_cast<unsigned char>(in[j]);
      if (c == ']') {
        if (j == i + 1) return false;
        end_word();
        i = j + 1;
        return true;
      }
      if (!is_ascii_alpha(c) && c != '_' && c != ' ') return false;
      ++j;
    }
    return false;
  }

  // Valid multi-byte characters are kept inside words; typographic apostrophes are
  // apostrophes, currency signs are currencies; invalid bytes separate words.
  size_t consume_non_ascii(std::string_view in, size_t i) {
    const size_t length = utf8_sequence_length(in, i);
    if (length == 0) {
      end_word();
      return 1;
    }
    std::string_view sequence = in.substr(i, length);
    if (sequence == "\u2019" || sequence == "\u2018") return length;
    if (sequence == "\u20ac" || sequence == "\u00a3" || sequence == "\u20b9") {
      end_word();
      emit(sequence == "\u20ac" ? "euros" : sequence == "\u00a3" ? "pounds" : "rupees", true);
      return length;
    }
    if (sequence == "\u00a0" || sequence == "\u2014" || sequence == "\u2013" ||
        sequence == "\u201c" || sequence == "\u201d" || sequence == "\u2026") {
      end_word();
      return length;
    }
    words_.append(sequence);
    return length;
  }

  std::string& words_;
  size_t word_start_ = 0;
  std::vector<Word>* out_ = nullptr;
};

bool is_number_word_or_joiner(std::string_view word, std::string_view next) {
  if (lookup_number_word(word)) return true;
  // "a" and "and" belong to a number only inside it: "a hundred", "hundred and five".
  if (word == "a" || word == "and") {
    auto number = lookup_number_word(next);
    return number && (number->kind == NumberWordKind::kHundred ||
                      number->kind == NumberWordKind::kScale || word == "and");
  }
  return false;
}

struct Scratch {
  std::string words;
  std::vector<Tokenizer::Word> tokens;
  std::vector<std::string_view> views;
  std::vector<std::string_view> number_run;
};

}  // namespace

void normalize(std::string_view input, std::string& out) {
  thread_local Scratch scratch;
  Tokenizer tokenizer(scratch.words);
  tokenizer.run(input, scratch.tokens);

  std::vector<std::string_view>& views = scratch.views;
  views.clear();
  std::string_view pending_currency;
  for (const Tokenizer::Word& token : scratch.tokens) {
    std::string_view word(scratch.words.data() + token.offset, token.length);
    if (token.currency) {
      pending_currency = word;
      continue;
    }
    if (is_filler(word)) continue;
    views.push_back(word);
    if (!pending_currency.empty() && is_digit(static_cast<unsigned char>(word[0]))) {
      views.push_back(pending_currency);
      pending_currency = {};
    }
  }
  if (!pending_currency.empty()) views.push_back(pending_currency);

  out.clear();
  out.reserve(input.size() + 16);
  out += ' ';
  for (size_t i = 0; i < views.size();) {
    std::string_view next = i + 1 < views.size() ? views[i + 1] : std::string_view{};
    if (views[i] != "and" && is_number_word_or_joiner(views[i], next)) {
      // A run of number words, possibly joined by "and"; "and" must be followed by one.
      std::vector<std::string_view>& run = scratch.number_run;
      run.clear();
      size_t j = i;
      while (j < views.size()) {
        std::string_view after = j + 1 < views.size() ? views[j + 1] : std::string_view{};
        if (!is_number_word_or_joiner(views[j], after)) break;
        run.push_back(views[j]);
        ++j;
      }
      append_spoken_number(run, out);
      out += ' ';
      i = j;
      continue;
    }
    out += views[i];
    out += ' ';
    ++i;
  }
}

std::string normalize(std::string_view input) {
  std::string out;
  normalize(input, out);
  return out;
}

}  // namespace scamguard::text
