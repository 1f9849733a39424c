// Training the text model: logistic regression by AdaGrad-scaled SGD over the hashed
// features, with class weighting and L2. Deterministic: the same examples in the same order
// with the same options give the same weights, bit for bit (fixed-seed shuffle, fixed
// arithmetic order, no threads).
#pragma once

#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <vector>

#include "classifier/features.h"
#include "classifier/model.h"
#include "scamguard/error.h"

namespace scamguard::classifier {

struct TrainExample {
  std::vector<std::string> turns;  // raw text; normalised by the trainer
  bool scam = false;
  double weight = 1.0;  // relative weight before class balancing
};

struct TrainOptions {
  FeatureOptions features;
  uint32_t epochs = 8;
  double learning_rate = 0.2;   // AdaGrad step size
  double l2 = 1e-5;             // applied to the buckets an example touches
  uint64_t seed = 20240601;     // shuffle order
  bool balance_classes = true;  // scam and legit carry equal total weight
  // Optional: told now and then how much is done, in examples visited out of examples x
  // (epochs + 1) (turning the examples into features is the first pass), for a progress line.
  // It never changes the model.
  std::function<void(uint64_t done, uint64_t total)> on_progress;
};

struct TrainSummary {
  size_t examples = 0;
  size_t scam_examples = 0;
  size_t legit_examples = 0;
  size_t used_buckets = 0;  // buckets with a non-zero weight
  double final_loss = 0.0;  // weighted mean log-loss of the last epoch
};

// Trains a model. Fails (kInvalidInput) if a class has no example with text.
Result<Model> train(std::span<const TrainExample> examples, const TrainOptions& options,
                    TrainSummary* summary = nullptr);

}  // namespace scamguard::classifier
