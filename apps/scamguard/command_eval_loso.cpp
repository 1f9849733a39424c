// scamguard eval --loso: leave-one-source-out evaluation (corpus/leave_one_source_out.h),
// printed as a table or, with --json, as one JSON array in the format bench/model_table.py
// reads for every scorer, scamguard's and the peers'.
#include <unistd.h>

#include <filesystem>
#include <iomanip>
#include <iostream>
#include <nlohmann/json.hpp>

#include "call_source.h"
#include "cli_options.h"
#include "commands.h"
#include "corpus/leave_one_source_out.h"
#include "progress_bar.h"

namespace scamguard::cli {
namespace {

nlohmann::json scorer_json(const corpus::LosoScorer& scorer) {
  nlohmann::json rows = nlohmann::json::array();
  for (const corpus::LosoRow& row : scorer.rows) {
    rows.push_back({
        {"source", row.source},
        {"label", row.scam ? "scam" : "legit"},
        {"calls", row.calls},
        {"alerted", row.alerted},
        {"rate", row.rate()},
        {"rate_at_0_5", scorer.threshold
                            ? nlohmann::json(static_cast<double>(row.alerted_at_half) / row.calls)
                            : nlohmann::json(nullptr)},
        {"in_time",
         row.with_critical_turn ? nlohmann::json(row.alerted_in_time) : nlohmann::json(nullptr)},
        {"with_critical_turn", row.with_critical_turn},
        {"trainable", row.trainable},
    });
  }
  return {
      {"scorer", scorer.name},
      {"protocol", "loso"},
      {"threshold", scorer.threshold ? nlohmann::json(*scorer.threshold) : nlohmann::json(nullptr)},
      {"sources", rows},
      {"turns_per_second", scorer.turns_per_second()},
      {"model_bytes", scorer.model_bytes},
  };
}

void print_table(const corpus::LosoReport& report) {
  std::cout << "leave-one-source-out: each source scored by a model trained without it;\n"
               "* a test-only source (train_shipped = no): never in any training set\n\n";
  for (const corpus::LosoScorer& scorer : report.scorers) {
    std::cout << scorer.name;
    if (scorer.threshold) {
      std::cout << "  (threshold " << std::setprecision(4) << *scorer.threshold
                << ": the lowest with every legit source at <= 1% FPR)";
    }
    std::cout << "\n"
              << std::left << std::setw(32) << "  source" << std::right << std::setw(7) << "calls"
              << std::setw(8) << "metric" << std::setw(8) << "rate" << std::setw(9) << "in-time"
              << "\n";
    for (const corpus::LosoRow& row : scorer.rows) {
      std::ostringstream in_time;
      if (row.with_critical_turn) {
        in_time << row.alerted_in_time << "/" << row.with_critical_turn;
      } else {
        in_time << "-";
      }
      std::cout << (row.trainable ? "  " : "* ") << std::left << std::setw(30) << row.source
                << std::right << std::setw(7) << row.calls << std::setw(8)
                << (row.scam ? "recall" : "fpr") << std::setw(8) << std::fixed
                << std::setprecision(3) << row.rate() << std::setw(9) << in_time.str()
                << std::defaultfloat << "\n";
    }
    std::cout << "  " << std::setprecision(3) << (scorer.turns_per_second())
              << " turns/s (one thread)\n\n";
  }
  std::cout << "calibration of the model's probability after the whole call, out of source:\n"
            << "       bin   calls  mean p  scam share\n";
  for (const corpus::CalibrationBin& bin : report.calibration) {
    std::cout << std::fixed << std::setprecision(1) << "  " << bin.low << "-" << bin.high
              << std::setw(8) << bin.calls << std::setprecision(3) << std::setw(8)
              << bin.mean_probability << std::setw(12) << bin.scam_share << "\n";
  }
  std::cout << std::defaultfloat << std::setprecision(3) << "training took "
            << report.training_seconds << " s in all\n";
}

}  // namespace

int run_eval_loso(const LosoArgs& args) {
  std::vector<corpus::CorpusCall> calls;
  std::vector<corpus::CorpusCall> training_only;
  corpus::LosoOptions loso;
  int rejected = 0;
  // What may be trained on comes from the sources.tsv beside each path, as for `train`.
  auto read = [&](const std::string& path, std::vector<corpus::CorpusCall>& into) {
    Status status = corpus::read_training_corpus(
        path,
        [&](corpus::CorpusCall&& call, bool may_train) {
          loso.trainable.record(call.source, may_train);
          into.push_back(std::move(call));
        },
        [&](const corpus::LineError& error) {
          ++rejected;
          std::cerr << error.file << ":" << error.line << ": " << error.message << "\n";
        });
    if (!status) std::cerr << "scamguard: " << status.error().message << "\n";
    return status.has_value();
  };
  for (const std::string& path : args.paths) {
    if (!read(path, calls)) return kExitUsage;
  }
  for (const std::string& path : args.train_extra) {
    if (!read(path, training_only)) return kExitUsage;
  }
  loso.engine = args.engine;
  loso.scratch_dir =
      (std::filesystem::temp_directory_path() / ("scamguard-loso-" + std::to_string(::getpid())))
          .string();
  // Each source left out costs a training run and a scoring pass: seconds each, so a terminal
  // gets a progress line (scamguard eval --loso took 35 s in silence before).
  ProgressBar progress = ProgressBar::on_stderr("eval --loso", 0, "sources");
  loso.on_source = [&](size_t done, size_t total, const std::string& held_out) {
    if (done == 0) progress.reset_total(total);
    progress.set(done);
    progress.set_note(held_out.empty() ? "" : "leaving out " + held_out);
  };
  Result<corpus::LosoReport> report = corpus::leave_one_source_out(calls, training_only, loso);
  progress.finish();
  std::error_code ignored;
  std::filesystem::remove_all(loso.scratch_dir, ignored);
  if (!report) {
    std::cerr << "scamguard: " << report.error().message << "\n";
    return kExitUsage;
  }
  if (args.json) {
    nlohmann::json out = nlohmann::json::array();
    for (const corpus::LosoScorer& scorer : report->scorers) out.push_back(scorer_json(scorer));
    std::cout << out.dump(2) << "\n";
  } else {
    print_table(*report);
  }
  return rejected > 0 ? kExitInputErrors : kExitOk;
}

}  // namespace scamguard::cli
