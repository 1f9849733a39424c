// Hashed feature extraction for the text model: word unigrams and bigrams, and character
// n-grams inside words, of the canonical text (text/normalizer.h). Each feature is hashed
// into one of 2^dim_bits buckets; collisions are accepted (the hashing trick).
//
// Features never cross a turn boundary, so the features of a call are exactly the union of
// the features of its turns, and a call can be scored turn by turn (classifier/model.h).
//
// The input must already be canonical: lower-case ASCII words separated by single spaces.
// That is what makes dataset artefacts ("Person A", "[Company]", punctuation, case) carry
// no signal: the normaliser has removed them before a feature is formed.
#pragma once

#include <algorithm>
#include <cstdint>
#include <string_view>
#include <vector>

namespace scamguard::classifier {

struct FeatureOptions {
  uint32_t dim_bits = 18;            // 2^dim_bits weight buckets: 1 MB of float weights
  uint32_t hash_seed = 0x5347544du;  // "SGTM"
  uint32_t word_ngrams = 2;          // 1: unigrams only, 2: unigrams and bigrams
  uint32_t char_min = 3;             // character n-grams of "<word>", lengths char_min..char_max;
  uint32_t char_max = 5;             // char_max = 0 disables them
  // Pseudo-count added to a text's feature count when its weight sum is scaled (model.h):
  // p = sigmoid(bias + sum / sqrt(count + length_prior)). It shrinks short texts toward the
  // prior, so that a greeting or a phone-menu line ("press 1 ...") cannot reach a high
  // probability on a handful of features. 100 measured best out of source (docs/model.md).
  uint32_t length_prior = 100;

  uint32_t dim() const { return 1u << dim_bits; }
  uint32_t mask() const { return dim() - 1u; }
};

namespace detail {

inline constexpr uint64_t kFnvOffset = 0xcbf29ce484222325ull;
inline constexpr uint64_t kFnvPrime = 0x100000001b3ull;

// Final mix (splitmix64's), so that nearby FNV values spread over the buckets.
inline uint64_t mix(uint64_t value) {
  value ^= value >> 30;
  value *= 0xbf58476d1ce4e5b9ull;
  value ^= value >> 27;
  value *= 0x94d049bb133111ebull;
  value ^= value >> 31;
  return value;
}

inline uint64_t fnv(uint64_t hash, std::string_view bytes) {
  for (char c : bytes) hash = (hash ^ static_cast<unsigned char>(c)) * kFnvPrime;
  return hash;
}

// Kinds of feature, mixed into the hash so that the word "the" and the 3-gram "the" differ.
inline constexpr uint64_t kWordKind = 0x11;
inline constexpr uint64_t kBigramKind = 0x22;
inline constexpr uint64_t kCharKind = 0x33;

}  // namespace detail

namespace detail {

inline uint64_t feature_seed(const FeatureOptions& options) {
  return kFnvOffset ^ (uint64_t{options.hash_seed} * 0x9e3779b97f4a7c15ull);
}
inline uint32_t word_bucket(uint64_t word_hash, uint32_t mask) {
  return static_cast<uint32_t>(mix(word_hash ^ kWordKind)) & mask;
}
inline uint32_t bigram_bucket(uint64_t previous_word_hash, uint64_t word_hash, uint32_t mask) {
  return static_cast<uint32_t>(mix(previous_word_hash * 31 + word_hash + kBigramKind)) & mask;
}

// The character n-grams of "<word>" ('<' and '>' mark the word's start and end).
template <class Emit>
void for_each_char_ngram(std::string_view word, uint64_t seed, const FeatureOptions& options,
                         Emit&& emit) {
  if (options.char_max == 0) return;
  const uint32_t mask = options.mask();
  const size_t length = word.size() + 2;
  auto at = [&](size_t i) -> unsigned char {
    if (i == 0) return '<';
    if (i == length - 1) return '>';
    return static_cast<unsigned char>(word[i - 1]);
  };
  for (size_t start = 0; start + options.char_min <= length; ++start) {
    uint64_t hash = seed ^ kCharKind;
    const size_t limit = std::min<size_t>(options.char_max, length - start);
    for (size_t n = 1; n <= limit; ++n) {
      hash = (hash ^ at(start + n - 1)) * kFnvPrime;
      if (n >= options.char_min) emit(static_cast<uint32_t>(mix(hash + n)) & mask);
    }
  }
}

}  // namespace detail

// Calls `emit(uint32_t bucket)` for every feature occurrence of the canonical text `text`,
// in a fixed order: for each word its unigram, its bigram with the word before, then its
// character n-grams. No allocation. Cost: linear in the text.
template <class Emit>
void for_each_feature(std::string_view text, const FeatureOptions& options, Emit&& emit) {
  const uint64_t seed = detail::feature_seed(options);
  const uint32_t mask = options.mask();
  uint64_t previous_word = 0;
  bool has_previous = false;
  size_t pos = 0;
  while (pos < text.size()) {
    while (pos < text.size() && text[pos] == ' ') ++pos;
    size_t end = pos;
    while (end < text.size() && text[end] != ' ') ++end;
    if (end == pos) break;
    const std::string_view word = text.substr(pos, end - pos);
    pos = end;

    const uint64_t word_hash = detail::fnv(seed, word);
    emit(detail::word_bucket(word_hash, mask));
    if (options.word_ngrams >= 2 && has_previous) {
      emit(detail::bigram_bucket(previous_word, word_hash, mask));
    }
    previous_word = word_hash;
    has_previous = true;
    detail::for_each_char_ngram(word, seed, options, emit);
  }
}

// Appends the bucket of every feature occurrence of canonical `text` to `out`.
void extract_features(std::string_view text, const FeatureOptions& options,
                      std::vector<uint32_t>& out);

}  // namespace scamguard::classifier
