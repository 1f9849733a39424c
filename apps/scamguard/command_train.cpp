// scamguard train: trains the text model (src/classifier/) from call corpora and writes the
// model file. Deterministic: the same corpora and options give the same file, byte for byte.
//
// By default the sources that ../shared/data/README.md marks as unfit for a shipped model
// (their licences do not allow it) are left out, wherever they appear; --all-sources keeps
// them, for measurement only. --test scores other corpora with the new model alone, as the
// engine would (after every turn, alert at the first crossing), and prints per-source recall
// and false-positive rate at the threshold that keeps every legit source at <= 1% FPR.
//
// Examples (--examples): "prefix" (default) trains on every prefix of a call's remote turns,
// each weighted 1/turns so that a call counts once, because the engine scores the call after
// every turn; "call" trains on whole calls; "turn" on single turns.
#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <iomanip>
#include <iostream>
#include <map>
#include <set>

#include "call_source.h"
#include "classifier/model_file.h"
#include "classifier/trainer.h"
#include "cli_options.h"
#include "commands.h"
#include "text/normalizer.h"

namespace scamguard::cli {
namespace {

// Sources whose licence does not allow training a model the project ships
// (../shared/data/README.md: "tune and test only").
constexpr std::array<std::string_view, 2> kNotForShippedModel = {"schema-guided-dialogue",
                                                                 "dialogsum"};

constexpr const char* kUsage =
    "usage: scamguard train --data DIR|FILE... --out FILE [--exclude-source NAME]...\n"
    "                       [--all-sources] [--epochs N] [--dim-bits N] [--seed N]\n"
    "                       [--char-max N] [--examples prefix|call|turn]\n"
    "                       [--test DIR|FILE...]\n";

// The text the model reads for a call: what the remote party (or an unknown speaker) said,
// the same turns the TEXT_MODEL_SCAM rule scores. A call with no such turn (a lone customer
// request) gives its user turns, so that its legit wording still teaches the model.
std::vector<std::string> model_turns(const corpus::CorpusCall& call) {
  std::vector<std::string> turns;
  for (const Turn& turn : call.turns) {
    if (turn.speaker != Speaker::kUser) turns.push_back(turn.text);
  }
  if (turns.empty()) {
    for (const Turn& turn : call.turns) turns.push_back(turn.text);
  }
  return turns;
}

struct Scored {
  std::string source;
  bool scam;
  double max_probability;  // over the call's prefixes, as the engine scores it
};

struct Speed {
  double seconds = 0.0;            // model only: features and weights of canonical text
  double seconds_normalize = 0.0;  // the engine's normaliser on the same text
  long tokens = 0;
};

Scored score_call(const classifier::Model& model, const corpus::CorpusCall& call, Speed& speed) {
  classifier::ModelState state;
  std::string canonical;
  double best = 0.0;
  bool any = false;
  for (const Turn& turn : call.turns) {
    if (turn.speaker == Speaker::kUser) continue;
    const auto t0 = std::chrono::steady_clock::now();
    text::normalize(turn.text, canonical);
    const auto t1 = std::chrono::steady_clock::now();
    model.add_canonical(state, canonical);
    const double p = model.probability(state);
    const auto t2 = std::chrono::steady_clock::now();
    speed.seconds_normalize += std::chrono::duration<double>(t1 - t0).count();
    speed.seconds += std::chrono::duration<double>(t2 - t1).count();
    speed.tokens += std::count(canonical.begin(), canonical.end(), ' ') - 1;
    best = any ? std::max(best, p) : p;
    any = true;
  }
  return {call.source, call.is_scam(), best};
}

void print_test_report(const std::vector<Scored>& scored, const Speed& speed) {
  std::map<std::string, std::vector<double>> legit;
  std::map<std::string, std::vector<double>> scam;
  for (const Scored& call : scored) {
    (call.scam ? scam : legit)[call.source].push_back(call.max_probability);
  }
  // The lowest threshold at which each legit source alerts on at most 1% of its calls.
  double threshold = 0.0;
  for (auto& [source, values] : legit) {
    std::sort(values.begin(), values.end());
    const auto allowed = static_cast<size_t>(std::floor(0.01 * static_cast<double>(values.size())));
    const double above = values[values.size() - 1 - allowed];  // allowed calls may exceed this
    threshold = std::max(threshold, std::nextafter(above, 2.0));
  }
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
  for (const auto& [source, values] : scam) {
    std::cout << std::left << std::setw(32) << source << std::right << std::setw(7) << values.size()
              << std::setw(10) << "recall" << std::setw(12) << rate(values, threshold)
              << std::setw(8) << rate(values, 0.5) << std::setw(8) << rate(values, 0.9) << "\n";
  }
  for (const auto& [source, values] : legit) {
    std::cout << std::left << std::setw(32) << source << std::right << std::setw(7) << values.size()
              << std::setw(10) << "fpr" << std::setw(12) << rate(values, threshold) << std::setw(8)
              << rate(values, 0.5) << std::setw(8) << rate(values, 0.9) << "\n";
  }
  std::cout << std::defaultfloat << std::setprecision(4) << "speed: " << speed.tokens
            << " tokens; model " << static_cast<double>(speed.tokens) / speed.seconds / 1e6
            << " M tokens/s; with normalisation "
            << static_cast<double>(speed.tokens) / (speed.seconds + speed.seconds_normalize) / 1e6
            << " M tokens/s (one core)\n";
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
                     "--test", "--char-max", "--examples"},
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
  if (!all_sources) excluded.insert(kNotForShippedModel.begin(), kNotForShippedModel.end());

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
  const std::string unit = options->flag("--examples").value_or("prefix");
  if (unit != "call" && unit != "turn" && unit != "prefix") {
    std::cerr << "scamguard: --examples is call, turn or prefix\n";
    return kExitUsage;
  }
  train_options.epochs = *epochs;
  train_options.features.dim_bits = *dim_bits;
  train_options.seed = *seed;

  std::vector<classifier::TrainExample> examples;
  std::map<std::string, std::array<long, 2>> used;  // source -> {legit, scam}
  std::map<std::string, long> skipped;              // source -> calls left out
  int rejected = 0;
  for (const std::string& path : data_paths) {
    const int errors = for_each_call(path, [&](corpus::CorpusCall&& call) {
      if (excluded.contains(call.source)) {
        ++skipped[call.source];
        return;
      }
      ++used[call.source][call.is_scam() ? 1 : 0];
      std::vector<std::string> turns = model_turns(call);
      if (unit == "call") {
        examples.push_back({std::move(turns), call.is_scam(), 1.0});
        return;
      }
      // One example per turn (or per prefix of the call), weighted so that a call counts once.
      const double weight = 1.0 / static_cast<double>(turns.size());
      for (size_t i = 0; i < turns.size(); ++i) {
        if (unit == "turn") {
          examples.push_back({{turns[i]}, call.is_scam(), weight});
        } else {
          examples.push_back(
              {{turns.begin(), turns.begin() + static_cast<long>(i) + 1}, call.is_scam(), weight});
        }
      }
    });
    if (errors < 0) return kExitUsage;
    rejected += errors;
  }

  std::cout << "training on:\n";
  for (const auto& [source, counts] : used) {
    std::cout << "  " << source << ": " << counts[1] << " scam, " << counts[0] << " legit\n";
  }
  for (const auto& [source, count] : skipped) {
    const bool licence = std::find(kNotForShippedModel.begin(), kNotForShippedModel.end(),
                                   source) != kNotForShippedModel.end();
    std::cout << "  left out " << source << " (" << count << " calls): "
              << (licence ? "not fit to train a shipped model (../shared/data/README.md)"
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
    std::vector<Scored> scored;
    Speed speed;
    for (const std::string& path : test_paths) {
      const int errors = for_each_call(path, [&](corpus::CorpusCall&& call) {
        if (std::any_of(call.turns.begin(), call.turns.end(),
                        [](const Turn& t) { return t.speaker != Speaker::kUser; })) {
          scored.push_back(score_call(*model, call, speed));
        }
      });
      if (errors < 0) return kExitUsage;
      rejected += errors;
    }
    print_test_report(scored, speed);
  }
  return rejected > 0 ? kExitInputErrors : kExitOk;
}

}  // namespace scamguard::cli
