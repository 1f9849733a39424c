#include "classifier/model.h"

#include <atomic>
#include <cmath>
#include <cstring>
#include <memory>

#include "text/normalizer.h"
#include "util/assert.h"

namespace scamguard::classifier {

double sigmoid(double logit) noexcept {
  if (logit >= 0) return 1.0 / (1.0 + std::exp(-logit));
  const double e = std::exp(logit);
  return e / (1.0 + e);
}

namespace {
std::atomic<uint64_t> g_next_model_id{1};

// Per thread, the last words seen with what each adds to a model's sum: a word's character
// n-grams are most of the features of a turn, and transcripts say the same few hundred
// words over and over. Direct-mapped by the word's hash; words over kMaxWord bytes are not
// kept. Entries are checked against model id, hash and bytes, so a hit is always right.
struct WordCache {
  static constexpr size_t kEntries = 4096;
  static constexpr size_t kMaxWord = 22;
  struct Entry {
    uint64_t model = 0;  // 0: empty
    uint64_t hash = 0;
    double sum = 0.0;
    uint32_t count = 0;
    uint8_t length = 0;
    char bytes[kMaxWord] = {};
  };
  Entry entries[kEntries];
};
thread_local std::unique_ptr<WordCache> t_words;  // made on a thread's first turn
}  // namespace

Model::Model(FeatureOptions options, float bias, std::vector<float> weights)
    : options_(options),
      bias_(bias),
      weights_(std::move(weights)),
      id_(g_next_model_id.fetch_add(1, std::memory_order_relaxed)) {
  CS_ASSERT(weights_.size() == options_.dim(), "weights must have one value per bucket");
}

Model::WordPart Model::word_part(std::string_view word, uint64_t word_hash) const noexcept {
  const float* weights = weights_.data();
  auto compute = [&] {
    WordPart part{weights[detail::word_bucket(word_hash, options_.mask())], 1};
    detail::for_each_char_ngram(word, detail::feature_seed(options_), options_,
                                [&](uint32_t bucket) {
                                  part.sum += weights[bucket];
                                  ++part.count;
                                });
    return part;
  };
  if (word.size() > WordCache::kMaxWord) return compute();
  if (!t_words) t_words = std::make_unique<WordCache>();
  WordCache::Entry& entry =
      t_words->entries[(word_hash ^ (word_hash >> 29)) & (WordCache::kEntries - 1)];
  if (entry.model == id_ && entry.hash == word_hash && entry.length == word.size() &&
      std::memcmp(entry.bytes, word.data(), word.size()) == 0) {
    return {entry.sum, entry.count};
  }
  const WordPart part = compute();
  entry.model = id_;
  entry.hash = word_hash;
  entry.sum = part.sum;
  entry.count = part.count;
  entry.length = static_cast<uint8_t>(word.size());
  std::memcpy(entry.bytes, word.data(), word.size());
  return part;
}

void Model::add_text(ModelState& state, std::string_view raw_text) const {
  text::normalize(raw_text, state.canonical_);
  add_canonical(state, state.canonical_);
}

// The features of for_each_feature, summed word by word: each word's unigram and character
// n-grams come from word_part (cached), its bigram with the word before is added here.
void Model::add_canonical(ModelState& state, std::string_view canonical) const noexcept {
  const float* weights = weights_.data();
  const uint64_t seed = detail::feature_seed(options_);
  const uint32_t mask = options_.mask();
  double sum = 0.0;
  uint64_t count = 0;
  uint64_t previous_word = 0;
  bool has_previous = false;
  size_t pos = 0;
  while (pos < canonical.size()) {
    while (pos < canonical.size() && canonical[pos] == ' ') ++pos;
    size_t end = pos;
    while (end < canonical.size() && canonical[end] != ' ') ++end;
    if (end == pos) break;
    const std::string_view word = canonical.substr(pos, end - pos);
    pos = end;
    const uint64_t word_hash = detail::fnv(seed, word);
    const WordPart part = word_part(word, word_hash);
    sum += part.sum;
    count += part.count;
    if (options_.word_ngrams >= 2 && has_previous) {
      sum += weights[detail::bigram_bucket(previous_word, word_hash, mask)];
      ++count;
    }
    previous_word = word_hash;
    has_previous = true;
  }
  state.weight_sum_ += sum;
  state.feature_count_ += count;
}

double Model::logit(double weight_sum, uint64_t feature_count) const noexcept {
  if (feature_count == 0) return bias_;
  return bias_ + weight_sum / std::sqrt(static_cast<double>(feature_count + options_.length_prior));
}

double Model::probability(const ModelState& state) const noexcept {
  return sigmoid(logit(state.weight_sum_, state.feature_count_));
}

double Model::predict(std::span<const std::string> raw_turns) const {
  ModelState state;
  for (const std::string& turn : raw_turns) add_text(state, turn);
  return probability(state);
}

double Model::predict(std::string_view raw_text) const {
  ModelState state;
  add_text(state, raw_text);
  return probability(state);
}

}  // namespace scamguard::classifier
