// The text model: a logistic regression over hashed features (classifier/features.h) of the
// canonical text, immutable once built and shared by every call of an Engine.
//
// A call is scored turn by turn. ModelState holds one call's running sum of feature weights
// and feature count, so adding a turn costs work proportional to that turn's text, and
// probability() is O(1):
//
//   p(scam) = sigmoid(bias + sum_of_weights / sqrt(feature_count + length_prior))
//
// The 1/sqrt(n) scaling keeps long calls from saturating just by being long (it is the
// count-vector analogue of TF-IDF's length normalisation); the length prior
// (FeatureOptions::length_prior) keeps very short texts near the prior. Training
// (classifier/trainer.h) uses the same formula, so the incremental score equals the batch score
// exactly.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "classifier/features.h"

namespace scamguard::classifier {

// One call's accumulated evidence. Cheap to create; reuse with reset().
class ModelState {
 public:
  void reset() noexcept {
    weight_sum_ = 0.0;
    feature_count_ = 0;
  }
  uint64_t feature_count() const noexcept { return feature_count_; }
  double weight_sum() const noexcept { return weight_sum_; }

 private:
  friend class Model;
  double weight_sum_ = 0.0;
  uint64_t feature_count_ = 0;
  std::string canonical_;  // scratch for normalisation, reused between turns
};

class Model {
 public:
  Model(FeatureOptions options, float bias, std::vector<float> weights);

  // Adds one turn of raw text (it is normalised here with text::normalize).
  void add_text(ModelState& state, std::string_view raw_text) const;
  // Adds one turn that is already canonical.
  void add_canonical(ModelState& state, std::string_view canonical) const noexcept;

  // p(scam) for what the state has seen; the prior (sigmoid(bias)) when it has seen nothing.
  double probability(const ModelState& state) const noexcept;

  // Batch scoring from scratch: the turns in order, as one call.
  double predict(std::span<const std::string> raw_turns) const;
  double predict(std::string_view raw_text) const;

  // The score before the sigmoid, for a given sum and count.
  double logit(double weight_sum, uint64_t feature_count) const noexcept;

  const FeatureOptions& options() const noexcept { return options_; }
  float bias() const noexcept { return bias_; }
  std::span<const float> weights() const noexcept { return weights_; }

 private:
  // What one word adds on its own (its unigram and character n-grams), through the calling
  // thread's cache of recent words (model.cpp).
  struct WordPart {
    double sum;
    uint32_t count;
  };
  WordPart word_part(std::string_view word, uint64_t word_hash) const noexcept;

  FeatureOptions options_;
  float bias_;
  std::vector<float> weights_;  // options_.dim() buckets
  uint64_t id_;                 // unique per model in the process: keys the word cache
};

double sigmoid(double logit) noexcept;

}  // namespace scamguard::classifier
