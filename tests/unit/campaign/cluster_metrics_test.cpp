#include "campaign/cluster_metrics.h"

#include <gtest/gtest.h>

namespace scamguard::campaign {
namespace {

TEST(ClusterMetrics, PerfectAgreementScoresOne) {
  ClusterScores scores = score_clusters({"a", "a", "b", "b", ""}, {"x", "x", "y", "y", ""});
  EXPECT_DOUBLE_EQ(scores.pairwise_precision, 1.0);
  EXPECT_DOUBLE_EQ(scores.pairwise_recall, 1.0);
  EXPECT_DOUBLE_EQ(scores.adjusted_rand_index, 1.0);
}

TEST(ClusterMetrics, WorkedExample) {
  // Truth {1,2,3}{4,5,6}; predicted {1,2}{3,4}{5,6}: 2 of 3 predicted pairs agree, 2 of 6 true.
  ClusterScores scores =
      score_clusters({"a", "a", "a", "b", "b", "b"}, {"x", "x", "y", "y", "z", "z"});
  EXPECT_EQ(scores.agreeing_pairs, 2);
  EXPECT_NEAR(scores.pairwise_precision, 2.0 / 3.0, 1e-12);
  EXPECT_NEAR(scores.pairwise_recall, 2.0 / 6.0, 1e-12);
  EXPECT_NEAR(scores.adjusted_rand_index, (2 - 1.2) / (4.5 - 1.2), 1e-12);
}

TEST(ClusterMetrics, UnlinkedItemsAreSingletons) {
  ClusterScores none = score_clusters({"a", "a", "a"}, {"", "", ""});
  EXPECT_DOUBLE_EQ(none.pairwise_recall, 0.0);
  EXPECT_EQ(none.predicted_pairs, 0);
  // Two legit calls (no truth) put together are a wrong pair.
  ClusterScores merged = score_clusters({"", "", "a", "a"}, {"x", "x", "y", "y"});
  EXPECT_DOUBLE_EQ(merged.pairwise_precision, 0.5);
}

}  // namespace
}  // namespace scamguard::campaign
