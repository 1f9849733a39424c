// scamguard train: trains the text model (src/classifier/) from call corpora and writes the
// model file. Deterministic: the same corpora and options give the same file, byte for byte.
//
// What it may train on is decided by the `sources.tsv` beside each --data path
// (corpus/training_set.h: <data>/sources.tsv or <data>/../sources.tsv, column train_shipped):
// a source marked no is left out, and a call whose source is not listed stops the run.
// --all-sources keeps every call and needs no table, for measurement only. --test scores other
// corpora with the new model alone, as the engine would (after every turn, alert at the first
// crossing), and prints per-source recall and false-positive rate at the threshold that keeps every
// legit source at <= 1% FPR; --test-scores FILE also writes each tested call's highest and final
// probability (JSON Lines), to see which calls set the threshold.
//
// Examples (--examples): "prefix" (default) trains on every prefix of a call's remote turns,
// each weighted 1/turns so that a call counts once, because the engine scores the call after
// every turn; "call" trains on whole calls; "turn" on single turns.
#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "call_source.h"
#include "classifier/model_file.h"
#include "classifier/trainer.h"
#include "cli_options.h"
#include "commands.h"
#include "corpus/training_set.h"
#include "progress_bar.h"

namespace scamguard::cli {
namespace {

struct TrainArgs {
  EngineOptions engine = default_engine_options();  // accepted like every command; unused
  std::vector<std::string> data_paths;
  std::vector<std::string> more_data_paths;  // given without --data; CLI11 would overwrite one
                                             // vector bound to both, so they are kept apart
  std::vector<std::string> test_paths;
  std::vector<std::string> excluded_sources;
  std::string out;
  std::optional<std::string> test_scores;
  bool all_sources = false;
  std::string examples = "prefix";
  classifier::TrainOptions train;
};

// Scores `calls` with the model alone, as the engine would (after every remote/unknown turn,
// alert at the first crossing), and prints per-source recall and false-positive rate at the
// threshold that keeps every legit source at <= 1% FPR.
void print_test_report(const classifier::Model& model, const std::vector<corpus::CorpusCall>& calls,
                       std::ostream* scores_out) {
  std::map<std::string, std::vector<double>> legit;
  std::map<std::string, std::vector<double>> scam;
  const auto start = std::chrono::steady_clock::now();
  long turns = 0;
  for (const corpus::CorpusCall& call : calls) {
    const corpus::StreamedScore score = corpus::stream_model_score(model, call);
    if (score.model_turns == 0) continue;
    turns += score.model_turns;
    if (scores_out) {
      *scores_out << nlohmann::json{{"id", call.id},
                                    {"source", call.source},
                                    {"label", call.label},
                                    {"max_p", score.max_probability},
                                    {"final_p", score.final_probability}}
                         .dump()
                  << "\n";
    }
    (call.is_scam() ? scam : legit)[call.source].push_back(score.max_probability);
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  const double threshold = corpus::threshold_at_fpr(legit, 0.01);
  auto rate = [](const std::vector<double>& values, double at) {
    const auto hits =
        std::count_if(values.begin(), values.end(), [&](double p) { return p >= at; });
    return static_cast<double>(hits) / static_cast<double>(values.size());
  };
  std::cout << "\nmodel only, scored after every remote/unknown turn, first crossing:\n"
            << "threshold for <= 1% FPR on every legit source: " << std::setprecision(6)
            << threshold << "\n";
  std::cout << std::left << std::setw(32) << "source" << std::right << std::setw(7) << "calls"
            << std::setw(10) << "metric" << std::setw(12) << "@1%fpr" << std::setw(8) << "@0.5"
            << std::setw(8) << "@0.9"
            << "\n"
            << std::fixed << std::setprecision(3);
  auto row = [&](const std::string& source, const std::vector<double>& values, const char* name) {
    std::cout << std::left << std::setw(32) << source << std::right << std::setw(7) << values.size()
              << std::setw(10) << name << std::setw(12) << rate(values, threshold) << std::setw(8)
              << rate(values, 0.5) << std::setw(8) << rate(values, 0.9) << "\n";
  };
  for (const auto& [source, values] : scam) row(source, values, "recall");
  for (const auto& [source, values] : legit) row(source, values, "fpr");
  std::cout << std::defaultfloat << std::setprecision(4) << "scored " << turns << " turns in "
            << seconds << " s, normalisation included (one core)\n";
}

int run_train(const TrainArgs& args) {
  // Every --data value, then the paths given without an option (as the hand-written parser did).
  std::vector<std::string> data_paths = args.data_paths;
  data_paths.insert(data_paths.end(), args.more_data_paths.begin(), args.more_data_paths.end());
  const std::vector<std::string>& test_paths = args.test_paths;
  const std::set<std::string, std::less<>> excluded(args.excluded_sources.begin(),
                                                    args.excluded_sources.end());
  const bool all_sources = args.all_sources;
  classifier::TrainOptions train_options = args.train;
  const std::map<std::string, corpus::ExampleUnit> units = {
      {"prefix", corpus::ExampleUnit::kPrefix},
      {"call", corpus::ExampleUnit::kCall},
      {"turn", corpus::ExampleUnit::kTurn}};
  const corpus::ExampleUnit unit = units.at(args.examples);  // checked by the parser

  std::vector<classifier::TrainExample> examples;
  std::map<std::string, std::array<long, 2>> used;  // source -> {legit, scam}
  // source -> {calls left out, whether sources.tsv (rather than --exclude-source) said so}
  std::map<std::string, std::pair<long, bool>> skipped;
  int rejected = 0;
  for (const std::string& path : data_paths) {
    auto take = [&](corpus::CorpusCall&& call, bool may_train) {
      if (!may_train || excluded.contains(call.source)) {
        auto& [count, by_table] = skipped[call.source];
        ++count;
        by_table = by_table || !may_train;
        return;
      }
      ++used[call.source][call.is_scam() ? 1 : 0];
      corpus::add_training_examples(call, unit, examples);
    };
    if (all_sources) {
      const int errors =
          for_each_call(path, [&](corpus::CorpusCall&& call) { take(std::move(call), true); });
      if (errors < 0) return kExitUsage;
      rejected += errors;
      continue;
    }
    Status status = corpus::read_training_corpus(path, take, [&](const corpus::LineError& error) {
      ++rejected;
      std::cerr << error.file << ":" << error.line << ": " << error.message << "\n";
    });
    if (!status) {
      std::cerr << "scamguard: " << status.error().message << "\n";
      return kExitUsage;
    }
  }

  std::cout << "training on:\n";
  for (const auto& [source, counts] : used) {
    std::cout << "  " << source << ": " << counts[1] << " scam, " << counts[0] << " legit\n";
  }
  for (const auto& [source, skip] : skipped) {
    std::cout << "  left out " << source << " (" << skip.first << " calls): "
              << (skip.second ? "train_shipped is no in its sources.tsv"
                              : "excluded by --exclude-source")
              << "\n";
  }
  if (all_sources) {
    std::cout << "  --all-sources: this model may include data that must not ship\n";
  }

  classifier::TrainSummary summary;
  // Training takes seconds to minutes on the shared corpora: a progress line on a terminal.
  ProgressBar progress = ProgressBar::on_stderr("train", 0, "examples");
  train_options.on_progress = [&](uint64_t done, uint64_t total) {
    progress.reset_total(total);
    progress.set(done);
  };
  Result<classifier::Model> model = classifier::train(examples, train_options, &summary);
  progress.finish();
  if (!model) {
    std::cerr << "scamguard: " << model.error().message << "\n";
    return kExitUsage;
  }
  const std::string& out = args.out;
  if (Status status = classifier::save_model(*model, out); !status) {
    std::cerr << "scamguard: " << status.error().message << "\n";
    return kExitUsage;
  }
  std::cout << "trained on " << summary.examples << " examples (" << summary.scam_examples
            << " scam, " << summary.legit_examples << " legit), " << train_options.epochs
            << " epochs, 2^" << train_options.features.dim_bits << " buckets ("
            << summary.used_buckets << " used), final loss " << summary.final_loss << "\nwrote "
            << out << "\n";

  if (!test_paths.empty()) {
    std::vector<corpus::CorpusCall> calls;
    for (const std::string& path : test_paths) {
      const int errors =
          for_each_call(path, [&](corpus::CorpusCall&& call) { calls.push_back(std::move(call)); });
      if (errors < 0) return kExitUsage;
      rejected += errors;
    }
    std::ofstream scores_file;
    if (args.test_scores) {
      scores_file.open(*args.test_scores);
      if (!scores_file) {
        std::cerr << "scamguard: cannot write " << *args.test_scores << "\n";
        return kExitUsage;
      }
    }
    print_test_report(*model, calls, scores_file.is_open() ? &scores_file : nullptr);
  }
  return rejected > 0 ? kExitInputErrors : kExitOk;
}

}  // namespace

Command add_train_command(CLI::App& app) {
  auto args = std::make_shared<TrainArgs>();
  CLI::App* command = app.add_subcommand("train", "train the text model (deterministic)");
  command->footer(
      "Train the text model from labelled corpora and write the model file. Deterministic: the "
      "same corpora and options give the same file, byte for byte. What may be trained on is "
      "decided by the sources.tsv beside each --data path (column train_shipped): a source "
      "marked no is left out, and a call whose source is not listed stops the run.");
  command
      ->add_option("--data", args->data_paths,
                   "a corpus to train on: JSON Lines file, directory of *.jsonl or .call file "
                   "(repeatable; paths given without an option are --data too)")
      ->type_name("FILE|DIR")
      ->allow_extra_args(false);
  command->add_option("data", args->more_data_paths, "more --data paths")->type_name("FILE|DIR");
  command->add_option("--out", args->out, "the model file to write")->type_name("FILE")->required();
  command
      ->add_option("--exclude-source", args->excluded_sources,
                   "leave out every call of this source (repeatable)")
      ->type_name("NAME")
      ->allow_extra_args(false);
  command->add_flag("--all-sources", args->all_sources,
                    "train on every call, ignoring sources.tsv (for measurement only: the model "
                    "may include data that must not ship)");
  command->add_option("--epochs", args->train.epochs, "passes over the training examples")
      ->type_name("N")
      ->default_val(args->train.epochs);
  command
      ->add_option("--dim-bits", args->train.features.dim_bits,
                   "the model has 2^N hashed feature buckets (4 bytes each)")
      ->type_name("N")
      ->check(CLI::Range(uint32_t{4}, classifier::kMaxDimBits))  // what the trainer accepts
      ->default_val(args->train.features.dim_bits);
  command->add_option("--seed", args->train.seed, "seed of the shuffle order")
      ->type_name("N")
      ->default_val(args->train.seed);
  command
      ->add_option("--char-max", args->train.features.char_max,
                   "longest character n-gram of a word (0: word features only)")
      ->type_name("N")
      ->default_val(args->train.features.char_max);
  command
      ->add_option("--examples", args->examples,
                   "prefix: every prefix of a call's remote turns, each weighted 1/turns so a "
                   "call counts once (the engine scores after every turn); call: whole calls; "
                   "turn: single turns")
      ->type_name("UNIT")
      ->check(one_of({"prefix", "call", "turn"}))
      ->default_str("prefix");
  command
      ->add_option("--test", args->test_paths,
                   "after training, score these corpora with the new model alone and print "
                   "per-source recall and false-positive rate at the threshold that keeps every "
                   "legit source at <= 1% FPR (repeatable)")
      ->type_name("FILE|DIR")
      ->allow_extra_args(false);
  command
      ->add_option_function<std::string>(
          "--test-scores", [args](const std::string& path) { args->test_scores = path; },
          "with --test: also write each tested call's highest and final probability (JSON "
          "Lines)")
      ->type_name("FILE");
  add_engine_options(*command, args->engine);
  // At least one corpus, from --data or as a plain path.
  command->callback([command] {
    if (command->count("--data") + command->count("data") == 0) {
      throw CLI::RequiredError("--data");
    }
  });
  return {command, [args] { return run_train(*args); }};
}

}  // namespace scamguard::cli
