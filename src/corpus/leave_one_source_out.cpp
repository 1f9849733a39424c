#include "corpus/leave_one_source_out.h"

#include <time.h>

#include <cmath>
#include <deque>
#include <filesystem>
#include <map>
#include <optional>
#include <set>

#include "classifier/model_file.h"
#include "corpus/replay.h"

namespace scamguard::corpus {
namespace {

namespace fs = std::filesystem;

// CPU seconds of this thread: the peers in bench/peers/ are timed in CPU seconds too, so the
// speeds compare on a busy machine, where wall time would charge other processes to us.
double cpu_now() {
  timespec now{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
  return static_cast<double>(now.tv_sec) + static_cast<double>(now.tv_nsec) * 1e-9;
}

// Rows keyed by (source, label), in the report's order: scams first, then legit, by name.
class RowTable {
 public:
  explicit RowTable(const TrainableSources& trainable) : trainable_(trainable) {}
  LosoRow& row(const CorpusCall& call) {
    auto [it, added] = rows_.try_emplace({!call.is_scam(), call.source});
    if (added) {
      it->second.source = call.source;
      it->second.scam = call.is_scam();
      it->second.trainable = trainable_.contains(call.source);
    }
    return it->second;
  }
  std::vector<LosoRow> rows() const {
    std::vector<LosoRow> out;
    for (const auto& [key, row] : rows_) out.push_back(row);
    return out;
  }

 private:
  const TrainableSources& trainable_;
  std::map<std::pair<bool, std::string>, LosoRow> rows_;
};

void count(LosoRow& row, const CorpusCall& call, int first_alert_turn) {
  ++row.calls;
  if (first_alert_turn >= 0) ++row.alerted;
  if (call.critical_turn) {
    ++row.with_critical_turn;
    if (first_alert_turn >= 0 && first_alert_turn <= *call.critical_turn) ++row.alerted_in_time;
  }
}

// Engine scorer: the call alerts when its final action is not allow (../shared/data/README.md).
void score_with_engine(const Engine& engine, const CorpusCall& call, RowTable& table,
                       LosoScorer& scorer) {
  const double start = cpu_now();
  const ReplayResult result = replay(engine, call);
  scorer.seconds += cpu_now() - start;
  scorer.turns += static_cast<long>(call.turns.size());
  const bool alerted = result.verdict.action != Action::kAllow;
  count(table.row(call), call, alerted ? result.first_warn_turn.value_or(0) : -1);
}

}  // namespace

std::vector<CalibrationBin> calibrate(const std::vector<std::pair<double, bool>>& predictions) {
  constexpr int kBins = 10;
  std::vector<CalibrationBin> bins(kBins);
  std::vector<int> scams(kBins, 0);
  for (int i = 0; i < kBins; ++i) {
    bins[i].low = i / static_cast<double>(kBins);
    bins[i].high = (i + 1) / static_cast<double>(kBins);
  }
  for (const auto& [probability, scam] : predictions) {
    const int bin = std::min(kBins - 1, static_cast<int>(probability * kBins));
    ++bins[bin].calls;
    bins[bin].mean_probability += probability;
    scams[bin] += scam ? 1 : 0;
  }
  for (int i = 0; i < kBins; ++i) {
    if (bins[i].calls == 0) continue;
    bins[i].mean_probability /= bins[i].calls;
    bins[i].scam_share = static_cast<double>(scams[i]) / bins[i].calls;
  }
  return bins;
}

Result<LosoReport> leave_one_source_out(const std::vector<CorpusCall>& calls,
                                        const std::vector<CorpusCall>& training_only,
                                        const LosoOptions& options) {
  std::error_code error;
  fs::create_directories(options.scratch_dir, error);
  if (error) {
    return make_error(ErrorCode::kNotFound,
                      "cannot create " + options.scratch_dir + ": " + error.message());
  }
  Result<Engine> rules_engine = Engine::load([&] {
    EngineOptions rules_only = options.engine;
    rules_only.model_path = "";  // no model, whatever the configuration says
    return rules_only;
  }());
  if (!rules_engine) return Unexpected{rules_engine.error()};

  std::set<std::string> sources;
  for (const CorpusCall& call : calls) sources.insert(call.source);

  LosoReport report;
  LosoScorer rules;
  rules.name = "scamguard-rules";
  LosoScorer model_only;
  model_only.name = "scamguard-model";
  LosoScorer combined;
  combined.name = "scamguard-combined";
  RowTable rules_rows(options.trainable);
  RowTable combined_rows(options.trainable);
  // The calls as scored (options.view), and their out-of-source model scores, kept until the
  // threshold is known. A deque: the scores point into it.
  std::deque<CorpusCall> scored;
  std::vector<std::pair<const CorpusCall*, StreamedScore>> model_scores;

  // Every test-only source is scored by the same model, trained on every trainable source:
  // trained once, on the first such fold.
  std::optional<classifier::Model> all_trainable;
  std::optional<classifier::Model> fold_model;
  size_t sources_done = 0;
  for (const std::string& held_out : sources) {
    if (options.on_source) options.on_source(sources_done, sources.size(), held_out);
    ++sources_done;
    const bool held_out_trains = options.trainable.contains(held_out);
    if (held_out_trains || !all_trainable) {
      std::vector<classifier::TrainExample> examples;
      for (const CorpusCall& call : training_only) {
        if (options.trainable.contains(call.source)) {
          add_training_examples(call, options.unit, examples);
        }
      }
      for (const CorpusCall& call : calls) {
        if (call.source != held_out && options.trainable.contains(call.source)) {
          add_training_examples(call, options.unit, examples);
        }
      }
      const double train_start = cpu_now();
      Result<classifier::Model> trained = classifier::train(examples, options.train);
      report.training_seconds += cpu_now() - train_start;
      if (!trained) {
        return make_error(ErrorCode::kInvalidInput,
                          "leaving out " + held_out + ": " + trained.error().message);
      }
      if (!held_out_trains)
        all_trainable = std::move(*trained);
      else
        fold_model = std::move(*trained);
    }
    const classifier::Model* model = held_out_trains ? &*fold_model : &*all_trainable;
    const std::string model_file = (fs::path(options.scratch_dir) / "fold.sgtm").string();
    if (Status saved = classifier::save_model(*model, model_file); !saved) {
      return Unexpected{saved.error()};
    }
    model_only.model_bytes = combined.model_bytes =
        static_cast<long>(fs::file_size(model_file, error));
    EngineOptions with_model = options.engine;
    with_model.model_path = model_file;
    Result<Engine> combined_engine = Engine::load(with_model);
    fs::remove(model_file, error);
    if (!combined_engine) return Unexpected{combined_engine.error()};
    if (!combined_engine->warnings().empty()) {
      return make_error(ErrorCode::kModelFormat, combined_engine->warnings().front());
    }

    for (const CorpusCall& given : calls) {
      if (given.source != held_out) continue;
      scored.push_back(options.view ? options.view(given) : given);
      const CorpusCall& call = scored.back();
      score_with_engine(*rules_engine, call, rules_rows, rules);
      score_with_engine(*combined_engine, call, combined_rows, combined);
      const double start = cpu_now();
      StreamedScore score = stream_model_score(*model, call);
      model_only.seconds += cpu_now() - start;
      model_only.turns += static_cast<long>(call.turns.size());
      model_scores.emplace_back(&call, std::move(score));
    }
  }

  if (options.on_source) options.on_source(sources.size(), sources.size(), "");

  std::map<std::string, std::vector<double>> legit_scores;
  std::vector<std::pair<double, bool>> final_probabilities;
  for (const auto& [call, score] : model_scores) {
    if (!call->is_scam()) legit_scores[call->source].push_back(score.max_probability);
    // A call with no remote or unknown turn gets the prior: the model has said nothing.
    if (score.model_turns > 0) {
      final_probabilities.emplace_back(score.final_probability, call->is_scam());
    }
  }
  const double threshold = threshold_at_fpr(legit_scores, options.max_fpr);
  model_only.threshold = threshold;
  RowTable model_rows(options.trainable);
  for (const auto& [call, score] : model_scores) {
    LosoRow& row = model_rows.row(*call);
    count(row, *call, score.first_turn_at(threshold));
    if (score.max_probability >= 0.5) ++row.alerted_at_half;
  }

  rules.rows = rules_rows.rows();
  model_only.rows = model_rows.rows();
  combined.rows = combined_rows.rows();
  report.scorers = {std::move(rules), std::move(model_only), std::move(combined)};
  report.calibration = calibrate(final_probabilities);
  return report;
}

}  // namespace scamguard::corpus
