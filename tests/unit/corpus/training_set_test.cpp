#include "corpus/training_set.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>

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

TrainableSources trainable(std::initializer_list<std::string> sources) {
  TrainableSources out;
  for (const std::string& source : sources) out.record(source, true);
  return out;
}

constexpr const char* kTable =
    "# comment line\n"
    "source\tfile\treal\tlicence\ttrain_shipped\n"
    "open-calls\tcalls/open.jsonl\tyes\tpublic domain\tyes\n"
    "closed-calls\tcalls/closed.jsonl\tno\tCC BY-NC-SA 4.0\tno\n";

std::string call_line(const std::string& id, const std::string& source, const std::string& label,
                      const std::string& text) {
  return R"({"id": ")" + id + R"(", "source": ")" + source + R"(", "label": ")" + label +
         R"(", "turns": [{"speaker": "remote", "text": ")" + text + "\"}]}\n";
}

// A corpus laid out like ../shared/data: <root>/sources.tsv and <root>/calls/*.jsonl.
struct CorpusDir {
  testing::TempDir root;
  CorpusDir(const std::string& table, const std::string& open_calls,
            const std::string& closed_calls) {
    testing::write_text(root.path() / "sources.tsv", table);
    testing::write_text(root.path() / "calls" / "open.jsonl", open_calls);
    testing::write_text(root.path() / "calls" / "closed.jsonl", closed_calls);
  }
  std::string calls() const { return (root.path() / "calls").string(); }
};

TEST(SourceTable, SaysWhatMayTrainByTheSourceFieldOrTheFile) {
  Result<SourceTable> table = SourceTable::parse(kTable, "/data/sources.tsv");
  ASSERT_TRUE(table.has_value()) << table.error().message;
  ASSERT_EQ(table->rows().size(), 2u);
  EXPECT_EQ(table->rows()[1].line, 4);
  EXPECT_EQ(table->may_train("open-calls", "/elsewhere/x.jsonl").value(), true);
  EXPECT_EQ(table->may_train("closed-calls", "/elsewhere/x.jsonl").value(), false);
  // The `source` field inside a file may differ from its row: the file name still maps it.
  EXPECT_EQ(table->may_train("open-v2", "/data/calls/open.jsonl").value(), true);
  EXPECT_EQ(table->may_train("closed-v2", "/data/calls/../calls/closed.jsonl").value(), false);
  // A yes source in a no file (or the other way round) does not train.
  EXPECT_EQ(table->may_train("open-calls", "/data/calls/closed.jsonl").value(), false);
  EXPECT_EQ(table->may_train("closed-calls", "/data/calls/open.jsonl").value(), false);
}

TEST(SourceTable, SourceMissingFromTheTableIsAnErrorNamingItAndTheTable) {
  Result<SourceTable> table = SourceTable::parse(kTable, "/data/sources.tsv");
  ASSERT_TRUE(table.has_value()) << table.error().message;
  Result<bool> allowed = table->may_train("new-corpus", "/data/calls/new.jsonl");
  ASSERT_FALSE(allowed.has_value());
  EXPECT_EQ(allowed.error().code, ErrorCode::kNotFound);
  EXPECT_NE(allowed.error().message.find("'new-corpus' (/data/calls/new.jsonl) is not listed in "
                                         "/data/sources.tsv"),
            std::string::npos)
      << allowed.error().message;
}

TEST(SourceTable, BrokenLinesAreErrorsNamingTheLine) {
  const std::string header = "source\tfile\treal\tlicence\ttrain_shipped\n";
  auto error_of = [](const std::string& text) {
    Result<SourceTable> table = SourceTable::parse(text, "t.tsv");
    return table ? std::string("parsed") : table.error().message;
  };
  EXPECT_EQ(error_of(header + "a\tcalls/a.jsonl\tyes\tMIT\n"),
            "t.tsv:2: expected 5 tab-separated fields, found 4");
  EXPECT_EQ(error_of(header + "a\tcalls/a.jsonl\tyes\tMIT\tmaybe\n"),
            "t.tsv:2: train_shipped of 'a' is 'maybe', expected yes or no");
  EXPECT_EQ(error_of(header + "a  calls/a.jsonl  yes  MIT  yes\n"),
            "t.tsv:2: expected 5 tab-separated fields, found 1");
  EXPECT_EQ(error_of(header + "a\tx\tno\tMIT\tyes\na\ty\tno\tMIT\tno\n"),
            "t.tsv:3: source 'a' is listed twice (also on line 2)");
  EXPECT_EQ(error_of("source\tfile\tlicence\n"),
            "t.tsv:1: the header needs the tab-separated columns source, file and train_shipped");
  EXPECT_EQ(error_of("# only a comment\n"), "t.tsv: no header line (source, file, train_shipped)");
}

TEST(SourceTable, FoundBesideTheDataDirectoryOrInIt) {
  CorpusDir corpus(kTable, "", "");
  Result<SourceTable> above = SourceTable::find_for(corpus.calls());
  ASSERT_TRUE(above.has_value()) << above.error().message;
  EXPECT_EQ(above->rows().size(), 2u);
  Result<SourceTable> for_file = SourceTable::find_for(corpus.calls() + "/open.jsonl");
  ASSERT_TRUE(for_file.has_value()) << for_file.error().message;
  // A table inside the directory comes first.
  testing::write_text(corpus.root.path() / "calls" / "sources.tsv",
                      "source\tfile\ttrain_shipped\nonly\topen.jsonl\tyes\n");
  Result<SourceTable> inside = SourceTable::find_for(corpus.calls());
  ASSERT_TRUE(inside.has_value()) << inside.error().message;
  EXPECT_EQ(inside->rows().size(), 1u);
  testing::TempDir bare;
  Result<SourceTable> none = SourceTable::find_for((bare.path() / "calls").string());
  ASSERT_FALSE(none.has_value());
  EXPECT_NE(none.error().message.find("no sources.tsv says what"), std::string::npos)
      << none.error().message;
}

TEST(SourceTable, ReadingACorpusMarksEachCallAndStopsAtAnUnlistedSource) {
  CorpusDir corpus(kTable, call_line("o1", "open-calls", "scam", "install anydesk"),
                   call_line("c1", "closed-calls", "legit", "hello") +
                       call_line("c2", "renamed-closed", "legit", "hi"));
  std::vector<std::pair<std::string, bool>> seen;
  TrainableSources trainable;
  auto collect = [&](CorpusCall&& call, bool may_train) {
    trainable.record(call.source, may_train);
    seen.emplace_back(call.id, may_train);
  };
  auto no_line_errors = [](const LineError& error) { ADD_FAILURE() << error.message; };
  Status status = read_training_corpus(corpus.calls(), collect, no_line_errors);
  ASSERT_TRUE(status.has_value()) << status.error().message;
  EXPECT_EQ(seen, (std::vector<std::pair<std::string, bool>>{
                      {"c1", false}, {"c2", false}, {"o1", true}}));
  EXPECT_TRUE(trainable.contains("open-calls"));
  EXPECT_FALSE(trainable.contains("closed-calls"));
  EXPECT_FALSE(trainable.contains("renamed-closed"));
  EXPECT_FALSE(trainable.contains("never-seen"));
  EXPECT_EQ(trainable.test_only().size(), 2u);

  testing::write_text(
      corpus.root.path() / "calls" / "zz-unlisted.jsonl",
      call_line("u1", "unlisted", "scam", "x") + call_line("u2", "unlisted", "scam", "y"));
  seen.clear();
  status = read_training_corpus(corpus.calls(), collect, no_line_errors);
  ASSERT_FALSE(status.has_value());
  EXPECT_NE(status.error().message.find("source 'unlisted'"), std::string::npos)
      << status.error().message;
  EXPECT_EQ(seen.size(), 3u) << "no call after the unlisted one is delivered";
}

TEST(SourceTable, ASourceWithOneDisallowedCallIsTestOnly) {
  TrainableSources trainable;
  trainable.record("a", true);
  trainable.record("a", false);
  trainable.record("a", true);
  EXPECT_FALSE(trainable.contains("a"));
}

TEST(SourceTable, TheSharedAndTheProjectsTablesListEverySourceTheirCallsUse) {
  // The shipped model is trained on both; a call of an unlisted source would stop `train`.
  for (const std::filesystem::path& dir :
       {testing::shared_data_dir() / "calls", testing::source_dir() / "data" / "synthetic"}) {
    std::error_code error;
    if (!std::filesystem::is_directory(dir, error)) continue;
    Status status = read_training_corpus(
        dir.string(), [](CorpusCall&&, bool) {}, [](const LineError&) {});
    EXPECT_TRUE(status.has_value()) << dir << ": " << status.error().message;
  }
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
  options.engine = testing::shipped_engine_options();
  options.scratch_dir = scratch.path().string();
  options.trainable = trainable({"a", "b"});
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

TEST(LeaveOneSourceOut, ATestOnlySourceIsScoredButNeverTrainedOn) {
  std::vector<CorpusCall> calls;
  for (int i = 0; i < 10; ++i) {
    const std::string n = std::to_string(i);
    calls.push_back(make_call("a", false, {{Speaker::kRemote, "your parcel arrives " + n}}));
    calls.push_back(make_call("l", false, {{Speaker::kRemote, "the bin day moved " + n}}));
    calls.push_back(make_call("b", true, {{Speaker::kRemote, "download anydesk today " + n}}));
    calls.push_back(make_call("closed", true, {{Speaker::kRemote, "buy gift cards " + n}}));
  }
  testing::TempDir scratch;
  LosoOptions options;
  options.engine = testing::shipped_engine_options();
  options.scratch_dir = scratch.path().string();
  options.trainable = trainable({"a", "l", "b"});
  options.trainable.record("closed", false);
  // Leaving out b leaves no scam to train on but the test-only source's: it must fail, not
  // train on it.
  Result<LosoReport> report = leave_one_source_out(calls, {}, options);
  ASSERT_FALSE(report.has_value());
  EXPECT_NE(report.error().message.find("leaving out b"), std::string::npos)
      << report.error().message;

  // With another scam source to train on, the test-only source is scored under every scorer.
  for (int i = 0; i < 10; ++i) {
    calls.push_back(
        make_call("c", true, {{Speaker::kRemote, "install anydesk now " + std::to_string(i)}}));
  }
  options.trainable.record("c", true);
  report = leave_one_source_out(calls, {}, options);
  ASSERT_TRUE(report.has_value()) << report.error().message;
  for (const LosoScorer& scorer : report->scorers) {
    const auto closed = std::find_if(scorer.rows.begin(), scorer.rows.end(),
                                     [](const LosoRow& row) { return row.source == "closed"; });
    ASSERT_NE(closed, scorer.rows.end()) << scorer.name;
    EXPECT_EQ(closed->calls, 10);
    EXPECT_FALSE(closed->trainable);
  }
}

TEST(LeaveOneSourceOut, AViewChangesHowCallsAreScoredNotWhatIsTrainedOn) {
  std::vector<CorpusCall> calls;
  for (int i = 0; i < 10; ++i) {
    const std::string n = std::to_string(i);
    calls.push_back(make_call("a", true,
                              {{Speaker::kRemote, "install anydesk"},
                               {Speaker::kUser, "ok " + n},
                               {Speaker::kRemote, "read me the code"}}));
    calls.push_back(make_call("a", false, {{Speaker::kRemote, "your parcel arrives " + n}}));
    calls.push_back(make_call("b", true, {{Speaker::kRemote, "download anydesk today " + n}}));
    calls.push_back(make_call("b", false, {{Speaker::kRemote, "the parcel is here " + n}}));
  }
  testing::TempDir scratch;
  LosoOptions options;
  options.engine = testing::shipped_engine_options();
  options.scratch_dir = scratch.path().string();
  options.trainable = trainable({"a", "b"});
  int viewed = 0;
  options.view = [&](CorpusCall call) {
    ++viewed;
    std::string text;
    for (const Turn& turn : call.turns) text += (text.empty() ? "" : " ") + turn.text;
    call.turns = {{Speaker::kUnknown, text}};
    return call;
  };
  Result<LosoReport> report = leave_one_source_out(calls, {}, options);
  ASSERT_TRUE(report.has_value()) << report.error().message;
  EXPECT_EQ(viewed, 40);
  for (const LosoScorer& scorer : report->scorers) {
    EXPECT_EQ(scorer.turns, 40) << scorer.name << ": one merged turn per call";
  }
}

TEST(LeaveOneSourceOut, FoldWithoutBothClassesIsAnErrorNamingIt) {
  std::vector<CorpusCall> calls = {
      make_call("mixed", true, {{Speaker::kRemote, "install anydesk"}}),
      make_call("mixed", false, {{Speaker::kRemote, "your parcel arrives"}}),
      make_call("scams", true, {{Speaker::kRemote, "buy gift cards"}})};
  testing::TempDir scratch;
  LosoOptions options;
  options.engine = testing::shipped_engine_options();
  options.scratch_dir = scratch.path().string();
  options.trainable = trainable({"mixed", "scams"});
  Result<LosoReport> report = leave_one_source_out(calls, {}, options);
  ASSERT_FALSE(report.has_value());
  EXPECT_NE(report.error().message.find("leaving out mixed"), std::string::npos)
      << report.error().message;
}

}  // namespace
}  // namespace scamguard::corpus
