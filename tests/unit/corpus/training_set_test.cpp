#include "corpus/training_set.h"

#include <gtest/gtest.h>

#include <cmath>

#include "corpus/leave_one_source_out.h"
#include "support/test_paths.h"

namespace scamguard::corpus {
namespace {

CorpusCall make_call(std::string source, bool scam, std::vector<Turn> turns) {
  CorpusCall call;
  call.id = source + "-" + std::to_string(turns.size());
  call.source = std::move(source);
  call.label = scam ? "scam" : "legit";
  call.turns = std::move(turns);
  return call;
}

TEST(TrainingSet, LicenceLimitedSourcesNeverTrainAShippedModel) {
  EXPECT_FALSE(fit_for_shipped_model("schema-guided-dialogue"));
  EXPECT_FALSE(fit_for_shipped_model("dialogsum"));
  EXPECT_TRUE(fit_for_shipped_model("ftc-robocall"));
  EXPECT_TRUE(fit_for_shipped_model("scamguard-synthetic"));
}

TEST(TrainingSet, ModelReadsTheRemotePartyAndFallsBackToTheUser) {
  const CorpusCall dialogue = make_call(
      "a", true,
      {{Speaker::kRemote, "install anydesk"}, {Speaker::kUser, "ok"}, {Speaker::kUnknown, "now"}});
  EXPECT_EQ(model_turns(dialogue), (std::vector<std::string>{"install anydesk", "now"}));
  const CorpusCall request = make_call("b", false, {{Speaker::kUser, "i want a quote"}});
  EXPECT_EQ(model_turns(request), (std::vector<std::string>{"i want a quote"}));
}

TEST(TrainingSet, PrefixExamplesWeighACallAsOne) {
  const CorpusCall call = make_call(
      "a", true,
      {{Speaker::kRemote, "one"}, {Speaker::kRemote, "two"}, {Speaker::kRemote, "three"}});
  std::vector<classifier::TrainExample> examples;
  add_training_examples(call, ExampleUnit::kPrefix, examples);
  ASSERT_EQ(examples.size(), 3u);
  double weight = 0.0;
  for (size_t i = 0; i < examples.size(); ++i) {
    EXPECT_EQ(examples[i].turns.size(), i + 1);
    EXPECT_TRUE(examples[i].scam);
    weight += examples[i].weight;
  }
  EXPECT_DOUBLE_EQ(weight, 1.0);
}

TEST(TrainingSet, ThresholdKeepsEveryLegitSourceAtTheRate) {
  std::map<std::string, std::vector<double>> legit;
  for (int i = 0; i < 100; ++i) legit["big"].push_back(i / 100.0);  // 0.00 .. 0.99
  legit["small"] = {0.1, 0.2, 0.3};                                 // 1% of 3 calls: none may alert
  const double threshold = threshold_at_fpr(legit, 0.01);
  // "big" may have one call (0.99) at or above it, no more; "small" none.
  EXPECT_GT(threshold, 0.98);
  EXPECT_LE(threshold, 0.99);
  legit["small"].push_back(0.995);
  EXPECT_GT(threshold_at_fpr(legit, 0.01), 0.995);
}

TEST(TrainingSet, StreamedScoreIsTheEnginesIncrementalScore) {
  std::vector<classifier::TrainExample> examples = {
      {{"please install anydesk and read me the code"}, true, 1.0},
      {{"your parcel arrives tomorrow morning"}, false, 1.0}};
  Result<classifier::Model> model = classifier::train(examples, {});
  ASSERT_TRUE(model.has_value()) << model.error().message;
  const CorpusCall call = make_call("a", true,
                                    {{Speaker::kRemote, "your parcel arrives"},
                                     {Speaker::kUser, "please install anydesk"},
                                     {Speaker::kRemote, "install anydesk and read me the code"}});
  const StreamedScore score = stream_model_score(*model, call);
  EXPECT_EQ(score.model_turns, 2);
  ASSERT_EQ(score.after_turn.size(), 3u);
  EXPECT_EQ(score.after_turn[1], score.after_turn[0]) << "a user turn changes nothing";
  const std::vector<std::string> remote = {"your parcel arrives",
                                           "install anydesk and read me the code"};
  EXPECT_NEAR(score.final_probability, model->predict(remote), 1e-12);
  EXPECT_DOUBLE_EQ(score.max_probability, std::max(score.after_turn[0], score.after_turn[2]));
  EXPECT_EQ(score.first_turn_at(score.after_turn[2]),
            score.after_turn[2] > score.after_turn[0] ? 2 : 0);
  EXPECT_EQ(score.first_turn_at(2.0), -1);
}

TEST(LeaveOneSourceOut, ScoresEverySourceUnderEveryScorer) {
  std::vector<CorpusCall> calls;
  for (int i = 0; i < 20; ++i) {
    const std::string n = std::to_string(i);
    calls.push_back(make_call("a", true, {{Speaker::kRemote, "install anydesk now " + n}}));
    calls.push_back(make_call("a", false, {{Speaker::kRemote, "your parcel arrives " + n}}));
    calls.push_back(make_call("b", true, {{Speaker::kRemote, "download anydesk today " + n}}));
    calls.push_back(make_call("b", false, {{Speaker::kRemote, "the parcel is here " + n}}));
  }
  testing::TempDir scratch;
  LosoOptions options;
  options.engine.config_dir = testing::shipped_conf_dir().string();
  options.engine.pattern_cache_dir = testing::pattern_cache_dir();
  options.scratch_dir = scratch.path().string();
  Result<LosoReport> report = leave_one_source_out(calls, {}, options);
  ASSERT_TRUE(report.has_value()) << report.error().message;
  ASSERT_EQ(report->scorers.size(), 3u);
  for (const LosoScorer& scorer : report->scorers) {
    ASSERT_EQ(scorer.rows.size(), 4u) << scorer.name;  // a and b, scam and legit
    for (const LosoRow& row : scorer.rows) EXPECT_EQ(row.calls, 20) << scorer.name;
    EXPECT_EQ(scorer.threshold.has_value(), scorer.name == "scamguard-model");
  }
  for (const LosoRow& row : report->scorers[1].rows) {
    if (!row.scam) {
      EXPECT_EQ(row.alerted, 0) << "1% of 20 legit calls is none";
    }
  }
  EXPECT_FALSE(std::filesystem::exists(scratch.path() / "fold.sgtm")) << "fold model left behind";
}

TEST(LeaveOneSourceOut, FoldWithoutBothClassesIsAnErrorNamingIt) {
  std::vector<CorpusCall> calls = {
      make_call("mixed", true, {{Speaker::kRemote, "install anydesk"}}),
      make_call("mixed", false, {{Speaker::kRemote, "your parcel arrives"}}),
      make_call("scams", true, {{Speaker::kRemote, "buy gift cards"}})};
  testing::TempDir scratch;
  LosoOptions options;
  options.engine.config_dir = testing::shipped_conf_dir().string();
  options.engine.pattern_cache_dir = testing::pattern_cache_dir();
  options.scratch_dir = scratch.path().string();
  Result<LosoReport> report = leave_one_source_out(calls, {}, options);
  ASSERT_FALSE(report.has_value());
  EXPECT_NE(report.error().message.find("leaving out mixed"), std::string::npos)
      << report.error().message;
}

}  // namespace
}  // namespace scamguard::corpus
