// Turning labelled corpus calls into text-model training examples, and scoring a call with a
// model the way the engine does. Shared by `scamguard train` and leave-one-source-out
// evaluation, so that what is measured is exactly what ships.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "classifier/model.h"
#include "classifier/trainer.h"
#include "corpus/corpus_reader.h"

namespace scamguard::corpus {

// Sources whose licence allows tuning and testing only, never training a model the project
// ships (../shared/data/README.md). Leave-one-source-out never trains on them either.
bool fit_for_shipped_model(std::string_view source);

// The text the model reads for a call: what the remote party (or an unknown speaker) said,
// the same turns the TEXT_MODEL_SCAM rule scores. A call with no such turn (a lone customer
// request) gives its user turns, so that its legit wording still teaches the model.
std::vector<std::string> model_turns(const CorpusCall& call);

// How a call becomes examples. kPrefix (the default) trains on every prefix of the call's
// model turns, each weighted 1/turns so that a call counts once, because the engine scores the
// call after every turn; kCall trains on whole calls; kTurn on single turns.
enum class ExampleUnit { kPrefix, kCall, kTurn };

void add_training_examples(const CorpusCall& call, ExampleUnit unit,
                           std::vector<classifier::TrainExample>& out);

// The model's scam probability for a call streamed turn by turn (user turns skipped), as the
// engine computes it: the highest probability after any turn (an alert fires at the first
// crossing), and the probability after the last turn (for calibration). Both are the prior
// when the call has no model turn.
struct StreamedScore {
  double max_probability = 0.0;
  double final_probability = 0.0;
  int model_turns = 0;
  std::vector<double> after_turn;  // indexed by the call's turn index (user turns repeat)

  // The first turn index whose probability reaches `threshold`, or -1.
  int first_turn_at(double threshold) const;
};
StreamedScore stream_model_score(const classifier::Model& model, const CorpusCall& call);

}  // namespace scamguard::corpus

namespace scamguard::corpus {

// The lowest threshold at which every legit source alerts on at most `max_fpr` of its calls
// (a call alerts when its score is >= the threshold). `legit_scores` maps each legit source
// to its calls' scores; it is sorted in place. 0 when there is no legit call.
double threshold_at_fpr(std::map<std::string, std::vector<double>>& legit_scores, double max_fpr);

}  // namespace scamguard::corpus
