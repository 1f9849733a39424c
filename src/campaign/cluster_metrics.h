// How well predicted campaigns match the true ones: pairwise precision and recall, and the
// adjusted Rand index (Hubert & Arabie 1985). Used by the campaign eval test and docs.
//
// Items are given as two parallel label vectors. An empty label means "in no campaign": such an
// item is a singleton on that side (it pairs with nothing), which is how an unlinked call or a
// legit call is counted.
#pragma once

#include <string>
#include <vector>

namespace scamguard::campaign {

struct ClusterScores {
  double pairwise_precision = 0.0;  // of the pairs put together, the share truly together
  double pairwise_recall = 0.0;     // of the pairs truly together, the share put together
  double adjusted_rand_index = 0.0;
  long long true_pairs = 0;
  long long predicted_pairs = 0;
  long long agreeing_pairs = 0;
};

// `truth` and `predicted` have one label per item, in the same order.
ClusterScores score_clusters(const std::vector<std::string>& truth,
                             const std::vector<std::string>& predicted);

}  // namespace scamguard::campaign
