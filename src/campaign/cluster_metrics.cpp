#include "campaign/cluster_metrics.h"

#include <map>
#include <utility>

namespace scamguard::campaign {
namespace {

double pairs(double n) { return n * (n - 1) / 2; }

}  // namespace

ClusterScores score_clusters(const std::vector<std::string>& truth,
                             const std::vector<std::string>& predicted) {
  // Unlabelled items become their own singleton clusters.
  auto label = [](const std::string& name, size_t item) {
    return name.empty() ? "\x01singleton-" + std::to_string(item) : name;
  };
  std::map<std::string, long long> truth_sizes, predicted_sizes;
  std::map<std::pair<std::string, std::string>, long long> cells;
  const size_t n = truth.size();
  for (size_t i = 0; i < n; ++i) {
    const std::string t = label(truth[i], i);
    const std::string p = label(predicted[i], i);
    ++truth_sizes[t];
    ++predicted_sizes[p];
    ++cells[{t, p}];
  }
  ClusterScores scores;
  double sum_cells = 0, sum_truth = 0, sum_predicted = 0;
  for (const auto& [key, count] : cells) sum_cells += pairs(static_cast<double>(count));
  for (const auto& [key, count] : truth_sizes) sum_truth += pairs(static_cast<double>(count));
  for (const auto& [key, count] : predicted_sizes)
    sum_predicted += pairs(static_cast<double>(count));
  scores.agreeing_pairs = static_cast<long long>(sum_cells);
  scores.true_pairs = static_cast<long long>(sum_truth);
  scores.predicted_pairs = static_cast<long long>(sum_predicted);
  scores.pairwise_precision = sum_predicted > 0 ? sum_cells / sum_predicted : 1.0;
  scores.pairwise_recall = sum_truth > 0 ? sum_cells / sum_truth : 1.0;
  const double total = pairs(static_cast<double>(n));
  const double expected = total > 0 ? sum_truth * sum_predicted / total : 0.0;
  const double maximum = (sum_truth + sum_predicted) / 2;
  scores.adjusted_rand_index =
      maximum - expected != 0.0 ? (sum_cells - expected) / (maximum - expected) : 1.0;
  return scores;
}

}  // namespace scamguard::campaign
