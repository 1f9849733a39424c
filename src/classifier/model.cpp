#include "classifier/model.h"

#include <cmath>

#include "text/normalizer.h"
#include "util/assert.h"

namespace scamguard::classifier {

double sigmoid(double logit) noexcept {
  if (logit >= 0) return 1.0 / (1.0 + std::exp(-logit));
  const double e = std::exp(logit);
  return e / (1.0 + e);
}

Model::Model(FeatureOptions options, float bias, std::vector<float> weights)
    : options_(options), bias_(bias), weights_(std::move(weights)) {
  CS_ASSERT(weights_.size() == options_.dim(), "weights must have one value per bucket");
}

void Model::add_text(ModelState& state, std::string_view raw_text) const {
  text::normalize(raw_text, state.canonical_);
  add_canonical(state, state.canonical_);
}

void Model::add_canonical(ModelState& state, std::string_view canonical) const noexcept {
  const float* weights = weights_.data();
  double sum = 0.0;
  uint64_t count = 0;
  for_each_feature(canonical, options_, [&](uint32_t bucket) {
    sum += weights[bucket];
    ++count;
  });
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
