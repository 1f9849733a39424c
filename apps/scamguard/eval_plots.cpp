#include "eval_plots.h"

#include <filesystem>
#include <fstream>

#include "corpus/leave_one_source_out.h"
#include "svg_charts.h"

namespace scamguard::cli {

namespace {

namespace fs = std::filesystem;

// Turns 0..19 one bar each, then one bar for the rest: the first minutes of a call are what
// matter, and a long tail would squash them.
constexpr int kTurnBars = 20;

Status write_file(const fs::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
  out.close();
  if (!out) return make_error(ErrorCode::kInvalidInput, "cannot write " + path.string());
  return {};
}

std::string per_source_svg(const EvalPlotInput& input) {
  std::vector<BarRow> rows;
  for (const auto& [source, metrics] : input.evaluation->by_source()) {
    if (metrics.scams > 0) {
      rows.push_back({source, "recall (scam calls alerted)", metrics.recall(),
                      "of " + std::to_string(metrics.scams)});
    }
    if (metrics.legit > 0) {
      rows.push_back({source, "false-positive rate (legit calls alerted)",
                      metrics.false_positive_rate(), "of " + std::to_string(metrics.legit)});
    }
  }
  return bar_chart_svg("Recall and false-positive rate per source",
                       "scamguard eval " + input.corpora + " (alerted: final action warn or block)",
                       rows);
}

std::string reliability_plot(const EvalPlotInput& input) {
  std::vector<ReliabilityPoint> points;
  for (const corpus::CalibrationBin& bin : corpus::calibrate(input.model_predictions)) {
    points.push_back({bin.mean_probability, bin.scam_share, bin.calls});
  }
  return reliability_svg(
      "Reliability of the text model",
      input.model_name + " after the whole call, " +
          std::to_string(input.model_predictions.size()) +
          " calls (in-sample for trained sources; eval --loso for out of source)",
      points);
}

std::string first_warn_svg(const EvalPlotInput& input) {
  std::vector<int> counts(kTurnBars + 1, 0);
  int alerted = 0;
  for (const auto& [source, metrics] : input.evaluation->by_source()) {
    for (int turn : metrics.first_alert_turns) {
      ++counts[std::min(std::max(turn, 0), kTurnBars)];
      ++alerted;
    }
  }
  std::vector<std::string> labels;
  for (int turn = 0; turn < kTurnBars; ++turn) labels.push_back(std::to_string(turn));
  labels.push_back(std::to_string(kTurnBars) + "+");
  return histogram_svg(
      "Turn of the first warning",
      std::to_string(alerted) + " alerted scam calls, scamguard eval " + input.corpora, labels,
      counts, "turn (0-based) at which the action first reached warn");
}

}  // namespace

Result<std::vector<std::string>> write_eval_plots(const std::string& dir,
                                                  const EvalPlotInput& input) {
  std::error_code error;
  fs::create_directories(dir, error);
  if (error) {
    return make_error(ErrorCode::kInvalidInput,
                      "cannot create the plots directory " + dir + ": " + error.message());
  }
  std::vector<std::pair<std::string, std::string>> files = {
      {"per_source.svg", per_source_svg(input)}, {"first_warn_turns.svg", first_warn_svg(input)}};
  if (!input.model_predictions.empty())
    files.emplace_back("reliability.svg", reliability_plot(input));
  std::vector<std::string> written;
  for (const auto& [name, text] : files) {
    const fs::path path = fs::path(dir) / name;
    if (Status status = write_file(path, text); !status) return Unexpected{status.error()};
    written.push_back(path.string());
  }
  return written;
}

}  // namespace scamguard::cli
