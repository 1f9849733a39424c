// scamguard eval: per-source detection metrics and scoring speed.
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <iomanip>
#include <iostream>
#include <nlohmann/json.hpp>

#include "call_source.h"
#include "classifier/model_file.h"
#include "cli_options.h"
#include "commands.h"
#include "core/engine_access.h"
#include "corpus/evaluation.h"
#include "corpus/training_set.h"
#include "corpus/transcript_view.h"
#include "eval_plots.h"

namespace scamguard::cli {
namespace {

nlohmann::json optional_number(const std::optional<double>& value) {
  return value ? nlohmann::json(*value) : nlohmann::json(nullptr);
}

// What each column of the table means; "-" where a column has nothing to measure.
constexpr const char* kLegend =
    "\n"
    "recall       share of scam calls alerted (final action warn or block)\n"
    "fpr          share of legit calls alerted: false positives\n"
    "prec         share of alerted calls that are scams\n"
    "in-time      share of scams with a known critical turn first warned at or before it\n"
    "median-turn  median turn of the first alert, over alerted scam calls\n"
    "-            nothing to measure (no scams, no legit calls, nothing alerted)\n\n";

std::string cell(const std::optional<double>& value, int precision = 3) {
  if (!value) return "-";
  std::ostringstream out;
  out << std::fixed << std::setprecision(precision) << *value;
  return out.str();
}

struct EvalArgs {
  LosoArgs loso;  // engine, paths, --json; --train-extra for --loso
  bool leave_one_source_out = false;
  std::string speakers = "as-given";
  size_t opening_chars = 0;
  std::optional<std::string> plots_dir;
};

int run_eval(const EvalArgs& args) {
  if (args.leave_one_source_out && args.plots_dir) {
    std::cerr << "scamguard eval: --plots draws the plain evaluation, not --loso's\n";
    return kExitUsage;
  }
  if (args.leave_one_source_out) return run_eval_loso(args.loso);
  if (!args.loso.train_extra.empty()) {
    std::cerr << "scamguard eval: --train-extra is only for --loso\n";
    return kExitUsage;
  }
  const std::string& speakers = args.speakers;
  const size_t opening_chars = args.opening_chars;
  std::optional<Engine> engine = load_engine(args.loso.engine);
  if (!engine) return kExitUsage;

  // For the reliability diagram: the engine's own text model, scored alone on each call.
  std::optional<classifier::Model> model;
  const std::string& model_path = detail::engine_state(*engine).config.model_path;
  if (args.plots_dir && !model_path.empty()) {
    Result<classifier::Model> loaded = classifier::load_model(model_path);
    if (!loaded) {
      std::cerr << "scamguard eval: " << loaded.error().message << "\n";
      return kExitUsage;
    }
    model = std::move(*loaded);
  }
  std::vector<std::pair<double, bool>> model_predictions;

  corpus::Evaluation evaluation;
  int rejected = 0;
  double scoring_seconds = 0.0;
  long turns = 0;
  for (const std::string& path : args.loso.paths) {
    const int errors = for_each_call(path, [&](corpus::CorpusCall&& given) {
      corpus::CorpusCall call = std::move(given);
      if (opening_chars > 0) call = corpus::opening(std::move(call), opening_chars);
      if (speakers == "unknown") call = corpus::speaker_blind(std::move(call));
      const auto start = std::chrono::steady_clock::now();
      corpus::ReplayResult result = corpus::replay(*engine, call);
      scoring_seconds +=
          std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      turns += static_cast<long>(call.turns.size());
      evaluation.add(call, result);
      if (model) {  // after the timing: the plots cost nothing in the turns/s figure
        const corpus::StreamedScore score = corpus::stream_model_score(*model, call);
        if (score.model_turns > 0)
          model_predictions.emplace_back(score.final_probability, call.is_scam());
      }
    });
    if (errors < 0) return kExitUsage;
    rejected += errors;
  }
  const double turns_per_second =
      scoring_seconds > 0 ? static_cast<double>(turns) / scoring_seconds : 0.0;

  if (args.loso.json) {
    nlohmann::json out;
    for (const auto& [source, m] : evaluation.by_source()) {
      out["sources"][source] = {
          {"calls", m.calls},
          {"scams", m.scams},
          {"legit", m.legit},
          {"recall", m.scams ? nlohmann::json(m.recall()) : nlohmann::json(nullptr)},
          {"false_positive_rate",
           m.legit ? nlohmann::json(m.false_positive_rate()) : nlohmann::json(nullptr)},
          {"precision", optional_number(m.precision())},
          {"alerted_in_time", optional_number(m.in_time_share())},
          {"median_first_alert_turn", optional_number(m.median_first_alert_turn())},
      };
    }
    out["timing"] = {
        {"turns", turns}, {"seconds", scoring_seconds}, {"turns_per_second", turns_per_second}};
    out["rejected_lines"] = rejected;
    std::cout << out.dump(2) << "\n";
  } else {
    std::cout << std::left << std::setw(30) << "source" << std::right << std::setw(7) << "calls"
              << std::setw(7) << "scams" << std::setw(7) << "legit" << std::setw(8) << "recall"
              << std::setw(8) << "fpr" << std::setw(8) << "prec" << std::setw(9) << "in-time"
              << std::setw(13) << "median-turn"
              << "\n";
    for (const auto& [source, m] : evaluation.by_source()) {
      std::cout << std::left << std::setw(30) << source << std::right << std::setw(7) << m.calls
                << std::setw(7) << m.scams << std::setw(7) << m.legit << std::setw(8)
                << cell(m.scams ? std::optional<double>(m.recall()) : std::nullopt) << std::setw(8)
                << cell(m.legit ? std::optional<double>(m.false_positive_rate()) : std::nullopt)
                << std::setw(8) << cell(m.precision()) << std::setw(9) << cell(m.in_time_share())
                << std::setw(13) << cell(m.median_first_alert_turn(), 1) << "\n";
    }
    std::cout << kLegend;
    std::cout << "scored " << turns << " turns in " << std::fixed << std::setprecision(3)
              << scoring_seconds << " s (" << std::setprecision(0) << turns_per_second
              << " turns/s, one thread, parsing excluded)\n";
  }
  if (args.plots_dir) {
    EvalPlotInput plots{&evaluation, std::move(model_predictions),
                        std::filesystem::path(model_path).filename().string(), ""};
    for (const std::string& path : args.loso.paths)
      plots.corpora += (plots.corpora.empty() ? "" : " ") + path;
    Result<std::vector<std::string>> written = write_eval_plots(*args.plots_dir, plots);
    if (!written) {
      std::cerr << "scamguard eval: --plots: " << written.error().message << "\n";
      return kExitUsage;
    }
    for (const std::string& file : *written) std::cerr << "wrote " << file << "\n";
    if (!model) std::cerr << "no text model: reliability.svg not written\n";
  }
  return rejected > 0 ? kExitInputErrors : kExitOk;
}

}  // namespace

Command add_eval_command(CLI::App& app) {
  auto args = std::make_shared<EvalArgs>();
  args->loso.engine = default_engine_options();
  CLI::App* command = app.add_subcommand(
      "eval", "per-source recall, false-positive rate, precision, timeliness and speed");
  command->footer(
      "Score labelled corpora and print, per source, recall, false-positive rate, precision, "
      "the share alerted in time and the median first-alert turn, then the scoring speed. "
      "With --loso: leave-one-source-out evaluation of the rules, the text model and both.");
  command
      ->add_option("paths", args->loso.paths,
                   "labelled corpus files (JSON Lines), directories of *.jsonl, .call files or "
                   "-; all are scored together")
      ->type_name("FILE|DIR|-")
      ->required();
  command->add_flag("--json", args->loso.json, "print JSON instead of a table");
  command->add_flag("--loso", args->leave_one_source_out,
                    "leave-one-source-out: score each source with a model trained without it "
                    "(what may be trained on comes from the sources.tsv beside each path)");
  command
      ->add_option("--train-extra", args->loso.train_extra,
                   "with --loso: corpora added to every training set and never scored "
                   "(repeatable)")
      ->type_name("FILE|DIR")
      ->allow_extra_args(false);  // one path each time, so a positional after it is scored
  // How the transcript is delivered: as the corpus has it, or as a recogniser without
  // diarisation (--speakers unknown) and/or only its first characters (--opening N).
  command
      ->add_option("--speakers", args->speakers,
                   "as-given: speakers as the corpus labels them; unknown: every turn from an "
                   "unknown speaker, as a recogniser without diarisation delivers it")
      ->type_name("MODE")
      ->check(one_of({"as-given", "unknown"}))
      ->default_str("as-given");
  command
      ->add_option("--opening", args->opening_chars,
                   "score only the first CHARS characters of each call's transcript")
      ->type_name("CHARS")
      ->check(CLI::Range(size_t{1}, size_t{100'000'000}));
  command
      ->add_option_function<std::string>(
          "--plots", [args](const std::string& dir) { args->plots_dir = dir; },
          "also write SVG charts into DIR: per_source.svg (recall and false-positive rate), "
          "reliability.svg (the text model's reliability diagram), first_warn_turns.svg")
      ->type_name("DIR");
  add_engine_options(*command, args->loso.engine);
  return {command, [args] { return run_eval(*args); }};
}

}  // namespace scamguard::cli
