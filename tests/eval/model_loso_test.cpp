// How the text model carries to sources it never saw (label `eval`): leave-one-source-out over
// ${SCAMGUARD_SHARED_DATA_DIR}/calls with the project's synthetic calls always in training
// (corpus/leave_one_source_out.h), with the shipped conf/. Pins (docs/model.md):
//   - combined (rules + model): recall >= 0.85 on ftc-robocall, the real calls, when it is
//     left out of training, and false-positive rate <= 1% on every legit source;
//   - model alone at its 1%-FPR threshold: recall on ftc-robocall >= 0.50 (measured 0.55; a
//     TF-IDF + LR peer trained the same way reached 0.00, bench/README.md), and on
//     youtube-scambait, real callbacks never trained on, >= 0.70 (measured 0.80);
//   - calibration: the probability is within 0.15 of the observed scam share on average over
//     the bins (weighted by calls).
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>

#include "core/config.h"
#include "corpus/leave_one_source_out.h"
#include "support/test_paths.h"

namespace scamguard {
namespace {

namespace fs = std::filesystem;

struct LosoRun {
  bool available = false;
  std::string where;
  Result<corpus::LosoReport> report = make_error(ErrorCode::kNotFound, "not run");
};

// Reads a corpus directory and records, from the sources.tsv beside it, which of its sources
// may be trained on.
std::vector<corpus::CorpusCall> read_all(const fs::path& path,
                                         corpus::TrainableSources& trainable) {
  std::vector<corpus::CorpusCall> calls;
  Status status = corpus::read_training_corpus(
      path.string(),
      [&](corpus::CorpusCall&& call, bool may_train) {
        trainable.record(call.source, may_train);
        calls.push_back(std::move(call));
      },
      [&](const corpus::LineError& error) {
        ADD_FAILURE() << error.file << ":" << error.line << ": " << error.message;
      });
  if (!status) ADD_FAILURE() << "cannot read " << path << ": " << status.error().message;
  return calls;
}

const LosoRun& loso_run() {
  static const LosoRun run = [] {
    LosoRun out;
    const fs::path dir = testing::shared_data_dir() / "calls";
    out.where = dir.string();
    std::error_code error;
    if (!fs::is_directory(dir, error)) return out;
    out.available = true;
    testing::TempDir scratch;
    corpus::LosoOptions options;
    options.engine.config_dir = testing::shipped_conf_dir().string();
    options.engine.pattern_cache_dir = testing::pattern_cache_dir();
    options.scratch_dir = scratch.path().string();
    std::vector<corpus::CorpusCall> calls = read_all(dir, options.trainable);
    std::vector<corpus::CorpusCall> synthetic =
        read_all(testing::source_dir() / "data" / "synthetic", options.trainable);
    out.report = corpus::leave_one_source_out(calls, synthetic, options);
    return out;
  }();
  return run;
}

const corpus::LosoScorer* scorer(const corpus::LosoReport& report, std::string_view name) {
  for (const corpus::LosoScorer& s : report.scorers) {
    if (s.name == name) return &s;
  }
  return nullptr;
}

const corpus::LosoRow* row(const corpus::LosoScorer& s, std::string_view source, bool scam) {
  for (const corpus::LosoRow& r : s.rows) {
    if (r.source == source && r.scam == scam) return &r;
  }
  return nullptr;
}

void expect_model_alone_carries(const corpus::LosoReport& report);
void expect_calibrated(const corpus::LosoReport& report);

#define SCAMGUARD_REQUIRE_LOSO(run)                           \
  SCAMGUARD_REQUIRE_SHARED_DATA((run).available, (run).where) \
  ASSERT_TRUE((run).report.has_value()) << (run).report.error().message;

// One test, not three: CTest runs each test in its own process, and the run trains a model
// per source.
TEST(ModelLoso, CarriesToSourcesLeftOutOfTraining) {
  const LosoRun& run = loso_run();
  SCAMGUARD_REQUIRE_LOSO(run);
  SCOPED_TRACE("combined: rules and model");
  const corpus::LosoScorer* combined = scorer(*run.report, "scamguard-combined");
  ASSERT_NE(combined, nullptr);
  const corpus::LosoRow* ftc = row(*combined, "ftc-robocall", true);
  ASSERT_NE(ftc, nullptr);
  EXPECT_GE(ftc->rate(), 0.85) << ftc->alerted << " of " << ftc->calls;
  for (const corpus::LosoRow& r : combined->rows) {
    if (!r.scam) {
      EXPECT_LE(r.rate(), 0.01) << r.source << ": " << r.alerted << " of " << r.calls;
    }
  }
  // The sources ../shared/data/sources.tsv marks train_shipped = no are scored, never trained.
  for (const char* test_only :
       {"youtube-scambait-dialogues", "schema-guided-dialogue", "dialogsum"}) {
    const corpus::LosoRow* scored = nullptr;
    for (const corpus::LosoRow& r : combined->rows) {
      if (r.source == test_only) scored = &r;
    }
    ASSERT_NE(scored, nullptr) << test_only << " is not scored";
    EXPECT_FALSE(scored->trainable) << test_only;
  }
  expect_model_alone_carries(*run.report);
  expect_calibrated(*run.report);
}

void expect_model_alone_carries(const corpus::LosoReport& report) {
  SCOPED_TRACE("model alone");
  const corpus::LosoScorer* model = scorer(report, "scamguard-model");
  ASSERT_NE(model, nullptr);
  ASSERT_TRUE(model->threshold.has_value());
  const corpus::LosoRow* ftc = row(*model, "ftc-robocall", true);
  ASSERT_NE(ftc, nullptr);
  EXPECT_GE(ftc->rate(), 0.50) << "at threshold " << *model->threshold;
  // The real scam-bait callbacks, never trained on (measured 0.80, docs/model.md).
  const corpus::LosoRow* callbacks = row(*model, "youtube-scambait-dialogues", true);
  ASSERT_NE(callbacks, nullptr);
  EXPECT_GE(callbacks->rate(), 0.70) << callbacks->alerted << " of " << callbacks->calls;
  for (const corpus::LosoRow& r : model->rows) {
    if (!r.scam) {
      EXPECT_LE(r.rate(), 0.01) << r.source;
    }
  }
  // The shipped [model] threshold must be at least the out-of-source 1%-FPR threshold, or
  // TEXT_MODEL_SCAM fires more often on legit calls than measured here. Rounding up is fine.
  EngineOptions shipped;
  shipped.config_dir = testing::shipped_conf_dir().string();
  Result<EngineConfig> config = load_config(shipped);
  ASSERT_TRUE(config.has_value()) << config.error().message;
  EXPECT_LE(*model->threshold, config->model_threshold)
      << "raise [model] threshold in conf/scamguard.toml and docs/model.md";
}

void expect_calibrated(const corpus::LosoReport& report) {
  SCOPED_TRACE("calibration");
  double gap = 0.0;
  int calls = 0;
  for (const corpus::CalibrationBin& bin : report.calibration) {
    gap += bin.calls * std::abs(bin.mean_probability - bin.scam_share);
    calls += bin.calls;
  }
  ASSERT_GT(calls, 0);
  EXPECT_LE(gap / calls, 0.15) << "expected calibration error over " << calls << " calls";
}

}  // namespace
}  // namespace scamguard
