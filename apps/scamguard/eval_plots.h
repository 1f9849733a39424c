// `scamguard eval --plots DIR`: the evaluation drawn as SVG charts (svg_charts.h) for people
// who would rather look than read.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "corpus/evaluation.h"
#include "scamguard/error.h"

namespace scamguard::cli {

struct EvalPlotInput {
  const corpus::Evaluation* evaluation = nullptr;
  // (the text model's probability after the whole call, is the call a scam), for the calls
  // the model said something about; empty when the engine has no model.
  std::vector<std::pair<double, bool>> model_predictions;
  std::string model_name;  // the model file, for the subtitle
  std::string corpora;     // what was scored, for the subtitles
};

// Writes DIR/per_source.svg (recall of scam sources, false-positive rate of legit ones),
// DIR/reliability.svg (the text model's reliability diagram; not written without a model) and
// DIR/first_warn_turns.svg (the turn of the first warning on alerted scam calls). Creates DIR.
// Returns the files written, or an error naming the file that could not be written.
Result<std::vector<std::string>> write_eval_plots(const std::string& dir,
                                                  const EvalPlotInput& input);

}  // namespace scamguard::cli
