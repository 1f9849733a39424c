#include "classifier/trainer.h"

#include <algorithm>
#include <cmath>

#include "text/normalizer.h"

namespace scamguard::classifier {
namespace {

// One example as sparse (bucket, count) pairs, in bucket order.
struct SparseExample {
  std::vector<std::pair<uint32_t, float>> features;
  double scale = 0.0;  // 1 / sqrt(feature count + length prior), as Model::logit
  double label = 0.0;
  double weight = 0.0;
};

// splitmix64: a small generator whose sequence is the same on every platform, unlike the
// distributions and std::shuffle of the standard library.
class SplitMix {
 public:
  explicit SplitMix(uint64_t seed) : state_(seed) {}
  uint64_t next() {
    uint64_t z = (state_ += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
  }

 private:
  uint64_t state_;
};

// Scratch space reused across examples: `counts` is indexed by bucket (all zero between
// examples), `touched` lists the buckets an example uses. Counting into a dense table and
// sorting only the distinct buckets is several times faster than sorting every occurrence: a
// call repeats most of its character n-grams.
struct SparseScratch {
  std::string canonical;
  std::vector<uint32_t> buckets;
  std::vector<uint32_t> counts;
  std::vector<uint32_t> touched;
};

SparseExample to_sparse(const TrainExample& example, const FeatureOptions& options,
                        SparseScratch& scratch) {
  std::string& canonical = scratch.canonical;
  std::vector<uint32_t>& buckets = scratch.buckets;
  buckets.clear();
  for (const std::string& turn : example.turns) {
    text::normalize(turn, canonical);
    extract_features(canonical, options, buckets);
  }
  SparseExample sparse;
  sparse.label = example.scam ? 1.0 : 0.0;
  sparse.weight = example.weight;
  if (buckets.empty()) return sparse;
  sparse.scale = 1.0 / std::sqrt(static_cast<double>(buckets.size() + options.length_prior));
  std::vector<uint32_t>& counts = scratch.counts;
  std::vector<uint32_t>& touched = scratch.touched;
  counts.resize(options.dim());
  touched.clear();
  for (uint32_t bucket : buckets) {
    if (counts[bucket]++ == 0) touched.push_back(bucket);
  }
  std::sort(touched.begin(), touched.end());
  sparse.features.reserve(touched.size());
  for (uint32_t bucket : touched) {
    sparse.features.emplace_back(bucket, static_cast<float>(counts[bucket]));
    counts[bucket] = 0;
  }
  return sparse;
}

}  // namespace

Result<Model> train(std::span<const TrainExample> examples, const TrainOptions& options,
                    TrainSummary* summary) {
  if (options.features.dim_bits < 4 || options.features.dim_bits > 24) {
    return make_error(ErrorCode::kInvalidInput, "dim_bits must be between 4 and 24");
  }
  std::vector<SparseExample> data;
  data.reserve(examples.size());
  SparseScratch scratch;
  double scam_weight = 0.0;
  double legit_weight = 0.0;
  size_t scam_count = 0;
  // Progress in examples visited, reported every kProgressEvery so the hot loops stay cheap.
  constexpr uint64_t kProgressEvery = 4096;
  const uint64_t progress_total = static_cast<uint64_t>(examples.size()) * (options.epochs + 1);
  uint64_t visited = 0;
  auto visit = [&] {
    if (++visited % kProgressEvery == 0 && options.on_progress) {
      options.on_progress(visited, progress_total);
    }
  };
  for (const TrainExample& example : examples) {
    visit();
    SparseExample sparse = to_sparse(example, options.features, scratch);
    if (sparse.features.empty() || !(example.weight > 0.0)) continue;
    (example.scam ? scam_weight : legit_weight) += example.weight;
    scam_count += example.scam ? 1 : 0;
    data.push_back(std::move(sparse));
  }
  if (scam_weight == 0.0 || legit_weight == 0.0) {
    return make_error(ErrorCode::kInvalidInput,
                      "training needs scam and legit examples with text (got " +
                          std::to_string(scam_count) + " scam, " +
                          std::to_string(data.size() - scam_count) + " legit)");
  }
  if (options.balance_classes) {
    const double total = scam_weight + legit_weight;
    for (SparseExample& example : data) {
      example.weight *= total / (2.0 * (example.label > 0.5 ? scam_weight : legit_weight));
    }
  }

  const uint32_t dim = options.features.dim();
  std::vector<double> weights(dim, 0.0);
  std::vector<double> squared(dim, 0.0);  // AdaGrad accumulators
  double bias = 0.0;
  double bias_squared = 0.0;
  constexpr double kEpsilon = 1e-8;
  const double rate = options.learning_rate;

  std::vector<uint32_t> order(data.size());
  for (uint32_t i = 0; i < order.size(); ++i) order[i] = i;
  SplitMix random(options.seed);
  double epoch_loss = 0.0;
  for (uint32_t epoch = 0; epoch < options.epochs; ++epoch) {
    for (size_t i = order.size(); i > 1; --i) {
      std::swap(order[i - 1], order[random.next() % i]);
    }
    epoch_loss = 0.0;
    double epoch_weight = 0.0;
    // Examples without features were dropped; count the epoch as a full pass of the input.
    visited =
        static_cast<uint64_t>(examples.size()) * (epoch + 1) + (examples.size() - data.size());
    for (uint32_t index : order) {
      visit();
      const SparseExample& example = data[index];
      double sum = 0.0;
      for (const auto& [bucket, count] : example.features) sum += weights[bucket] * count;
      const double z = bias + sum * example.scale;
      const double p = sigmoid(z);
      epoch_loss -= example.weight * (example.label > 0.5 ? std::log(std::max(p, 1e-12))
                                                          : std::log(std::max(1.0 - p, 1e-12)));
      epoch_weight += example.weight;
      const double gradient = example.weight * (p - example.label);
      for (const auto& [bucket, count] : example.features) {
        const double g = gradient * count * example.scale + options.l2 * weights[bucket];
        squared[bucket] += g * g;
        weights[bucket] -= rate * g / (std::sqrt(squared[bucket]) + kEpsilon);
      }
      bias_squared += gradient * gradient;
      bias -= rate * gradient / (std::sqrt(bias_squared) + kEpsilon);
    }
    if (epoch_weight > 0) epoch_loss /= epoch_weight;
  }
  if (options.on_progress) options.on_progress(progress_total, progress_total);

  std::vector<float> stored(dim);
  size_t used = 0;
  for (uint32_t i = 0; i < dim; ++i) {
    stored[i] = static_cast<float>(weights[i]);
    used += stored[i] != 0.0f ? 1 : 0;
  }
  if (summary) {
    summary->examples = data.size();
    summary->scam_examples = scam_count;
    summary->legit_examples = data.size() - scam_count;
    summary->used_buckets = used;
    summary->final_loss = epoch_loss;
  }
  return Model(options.features, static_cast<float>(bias), std::move(stored));
}

}  // namespace scamguard::classifier
