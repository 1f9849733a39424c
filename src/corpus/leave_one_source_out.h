// Leave-one-source-out evaluation: how the text model carries to a kind of call it has never
// seen. For each source S, a model is trained on every other call of a source that may train a
// shipped model (LosoOptions::trainable, from sources.tsv: corpus/training_set.h) and S is
// scored with it, so every call is scored by a model that never saw its source. A source that
// may not train (train_shipped = no) is scored like the others and never trained on: its fold's
// model is the one trained on every trainable source, i.e. the shipped model's training set.
// Three scorers are reported side by side:
//
//   rules     the engine without the model (the same for every fold)
//   model     the fold's model alone, alerting at one threshold: the lowest at which every
//             legit source's false-positive rate is <= max_fpr
//   combined  the engine with the fold's model as TEXT_MODEL_SCAM (its [model] threshold and
//             score from the configuration), alerting when the action is not allow
//
// Sources are never pooled into one figure, except in the calibration table, which needs both
// classes in each bin.
//
// `training_only` calls (the project's own synthetic calls, data/synthetic/) are in every fold's
// training set and are never scored: they are written to teach the model, not to measure it.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "classifier/trainer.h"
#include "corpus/corpus_reader.h"
#include "corpus/training_set.h"
#include "scamguard/engine.h"

namespace scamguard::corpus {

struct LosoOptions {
  // The sources that may be trained on; every other call is scored only. Empty: none.
  TrainableSources trainable;
  classifier::TrainOptions train;
  ExampleUnit unit = ExampleUnit::kPrefix;
  double max_fpr = 0.01;
  EngineOptions engine;     // the configuration for the rules and combined scorers
  std::string scratch_dir;  // where each fold's model file is written (then removed)
  // How a scored call is delivered (e.g. speaker-blind, or only its opening); empty: as given.
  // Training always uses the calls as given.
  std::function<CorpusCall(CorpusCall)> view;
  // Optional: told as each source is left out (`done` sources finished of `total`, `held_out`
  // the one starting; "" once all are done), for a progress line. Changes nothing.
  std::function<void(size_t done, size_t total, const std::string& held_out)> on_source;
};

// One source and label under one scorer (bothbosu has both labels: two rows).
struct LosoRow {
  std::string source;
  bool scam = false;
  bool trainable = false;  // false: a test-only source, never in any fold's training set
  int calls = 0;
  int alerted = 0;
  int alerted_at_half = 0;  // model only: probability >= 0.5
  int with_critical_turn = 0;
  int alerted_in_time = 0;  // first alert at or before critical_turn
  double rate() const { return calls ? static_cast<double>(alerted) / calls : 0.0; }
};

struct LosoScorer {
  std::string name;  // "scamguard-rules", "scamguard-model", "scamguard-combined"
  std::optional<double> threshold;
  std::vector<LosoRow> rows;
  long turns = 0;
  double seconds = 0.0;  // scoring only: CPU seconds of the one scoring thread
  long model_bytes = 0;  // 0 when the scorer has no model

  double turns_per_second() const {
    return seconds > 0 ? static_cast<double>(turns) / seconds : 0.0;
  }
};

// Reliability of the model's probability after the whole call, out of source.
struct CalibrationBin {
  double low = 0.0;
  double high = 0.0;
  int calls = 0;
  double mean_probability = 0.0;
  double scam_share = 0.0;
};

// Ten bins of width 0.1 over (probability, is scam) pairs: how many calls, their mean
// probability and the share that are scams (a reliability diagram's points).
std::vector<CalibrationBin> calibrate(const std::vector<std::pair<double, bool>>& predictions);

struct LosoReport {
  std::vector<LosoScorer> scorers;
  std::vector<CalibrationBin> calibration;
  double training_seconds = 0.0;
};

// Fails when the configuration cannot be loaded, a fold has no scam or legit example to train
// on, or scratch_dir cannot be written.
Result<LosoReport> leave_one_source_out(const std::vector<CorpusCall>& calls,
                                        const std::vector<CorpusCall>& training_only,
                                        const LosoOptions& options);

}  // namespace scamguard::corpus
