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

namespace scamguard::cli {
namespace {

constexpr const char* kUsage =
    "usage: scamguard train --data DIR|FILE... --out FILE [--exclude-source NAME]...\n"
    "                       [--all-sources] [--epochs N] [--dim-bits N] [--seed N]\n"
    "                       [--char-max N] [--examples prefix|call|turn]\n"
    "                       [--test DIR|FILE...] [--test-scores FILE]\n";

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

std::optional<uint32_t> number_flag(const CommonOptions& options, std::string_view name,
                                    uint32_t fallback) {
  std::optional<std::string> value = options.flag(name);
  if (!value) return fallback;
  try {
    return static_cast<uint32_t>(std::stoul(*value));
  } catch (const std::exception&) {
    std::cerr << "scamguard: " << name << " needs a number, not '" << *value << "'\n";
    return std::nullopt;
  }
}

}  // namespace

int run_train(int argc, char** argv) {
  std::optional<CommonOptions> options =
      parse_options(argc, argv,
                    {"--data", "--out", "--exclude-source", "--epochs", "--dim-bits", "--seed",
                     "--test", "--test-scores", "--char-max", "--examples"},
                    {"--all-sources"});
  if (!options || !options->flag("--out") || !options->flag("--data")) {
    std::cerr << kUsage;
    return kExitUsage;
  }
  // Paths: every --data value, then positional arguments that follow it; --test values.
  std::vector<std::string> data_paths;
  std::vector<std::string> test_paths;
  std::set<std::string, std::less<>> excluded;
  for (const auto& [name, value] : options->flags) {
    if (name == "--data") data_paths.push_back(value);
    if (name == "--test") test_paths.push_back(value);
    if (name == "--exclude-source") excluded.insert(value);
  }
  for (const std::string& path : options->positional) data_paths.push_back(path);
  const bool all_sources = options->has_flag("--all-sources");

  classifier::TrainOptions train_options;
  std::optional<uint32_t> epochs = number_flag(*options, "--epochs", train_options.epochs);
  std::optional<uint32_t> dim_bits =
      number_flag(*options, "--dim-bits", train_options.features.dim_bits);
  std::optional<uint32_t> seed =
      number_flag(*options, "--seed", static_cast<uint32_t>(train_options.seed));
  std::optional<uint32_t> char_max =
      number_flag(*options, "--char-max", train_options.features.char_max);
  if (!epochs || !dim_bits || !seed || !char_max) return kExitUsage;
  train_options.features.char_max = *char_max;
  const std::string unit_name = options->flag("--examples").value_or("prefix");
  const std::map<std::string, corpus::ExampleUnit> units = {
      {"prefix", corpus::ExampleUnit::kPrefix},
      {"call", corpus::ExampleUnit::kCall},
      {"turn", corpus::ExampleUnit::kTurn}};
  if (!units.contains(unit_name)) {
    std::cerr << "scamguard: --examples is call, turn or prefix\n";
    return kExitUsage;
  }
  const corpus::ExampleUnit unit = units.at(unit_name);
  train_options.epochs = *epochs;
  train_options.features.dim_bits = *dim_bits;
  train_options.seed = *seed;

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
  Result<classifier::Model> model = classifier::train(examples, train_options, &summary);
  if (!model) {
    std::cerr << "scamguard: " << model.error().message << "\n";
    return kExitUsage;
  }
  const std::string out = *options->flag("--out");
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
    if (std::optional<std::string> scores_path = options->flag("--test-scores")) {
      scores_file.open(*scores_path);
      if (!scores_file) {
        std::cerr << "scamguard: cannot write " << *scores_path << "\n";
        return kExitUsage;
      }
    }
    print_test_report(*model, calls, scores_file.is_open() ? &scores_file : nullptr);
  }
  return rejected > 0 ? kExitInputErrors : kExitOk;
}

}  // namespace scamguard::cli
