// scamguard eval: per-source detection metrics and scoring speed.
#include <chrono>
#include <cstdlib>
#include <iomanip>
#include <iostream>
#include <nlohmann/json.hpp>

#include "call_source.h"
#include "cli_options.h"
#include "commands.h"
#include "corpus/evaluation.h"
#include "corpus/transcript_view.h"

namespace scamguard::cli {
namespace {

nlohmann::json optional_number(const std::optional<double>& value) {
  return value ? nlohmann::json(*value) : nlohmann::json(nullptr);
}

std::string cell(const std::optional<double>& value, int precision = 3) {
  if (!value) return "-";
  std::ostringstream out;
  out << std::fixed << std::setprecision(precision) << *value;
  return out.str();
}

}  // namespace

int run_eval(int argc, char** argv) {
  std::optional<CommonOptions> options =
      parse_options(argc, argv, {"--train-extra", "--speakers", "--opening"}, {"--json", "--loso"});
  if (!options || options->positional.empty()) {
    std::cerr << "usage: scamguard eval FILE|DIR... [--json] [--conf DIR]\n"
                 "           [--speakers as-given|unknown] [--opening CHARS]\n"
                 "       scamguard eval --loso FILE|DIR... [--train-extra FILE|DIR]... [--json]\n";
    return kExitUsage;
  }
  if (options->has_flag("--loso")) return run_eval_loso(*options);
  // How the transcript is delivered: as the corpus has it, or as a recogniser without
  // diarisation (--speakers unknown) and/or only its first characters (--opening N).
  const std::string speakers = options->flag("--speakers").value_or("as-given");
  if (speakers != "as-given" && speakers != "unknown") {
    std::cerr << "scamguard eval: --speakers: unknown value '" << speakers
              << "' (allowed: as-given, unknown)\n";
    return kExitUsage;
  }
  size_t opening_chars = 0;
  if (std::optional<std::string> opening = options->flag("--opening")) {
    char* end = nullptr;
    const unsigned long long value = std::strtoull(opening->c_str(), &end, 10);
    if (opening->empty() || *end != '\0' || value == 0 || value > 100'000'000) {
      std::cerr << "scamguard eval: --opening: '" << *opening
                << "' is not a number of characters from 1 to 100000000\n";
      return kExitUsage;
    }
    opening_chars = static_cast<size_t>(value);
  }
  std::optional<Engine> engine = load_engine(options->engine);
  if (!engine) return kExitUsage;

  corpus::Evaluation evaluation;
  int rejected = 0;
  double scoring_seconds = 0.0;
  long turns = 0;
  for (const std::string& path : options->positional) {
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
    });
    if (errors < 0) return kExitUsage;
    rejected += errors;
  }
  const double turns_per_second =
      scoring_seconds > 0 ? static_cast<double>(turns) / scoring_seconds : 0.0;

  if (options->has_flag("--json")) {
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
    std::cout << "scored " << turns << " turns in " << std::fixed << std::setprecision(3)
              << scoring_seconds << " s (" << std::setprecision(0) << turns_per_second
              << " turns/s, one thread, parsing excluded)\n";
  }
  return rejected > 0 ? kExitInputErrors : kExitOk;
}

}  // namespace scamguard::cli
