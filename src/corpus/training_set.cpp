#include "corpus/training_set.h"

#include <algorithm>
#include <array>
#include <cmath>

namespace scamguard::corpus {

bool fit_for_shipped_model(std::string_view source) {
  constexpr std::array<std::string_view, 2> kTuneAndTestOnly = {"schema-guided-dialogue",
                                                                "dialogsum"};
  return std::find(kTuneAndTestOnly.begin(), kTuneAndTestOnly.end(), source) ==
         kTuneAndTestOnly.end();
}

std::vector<std::string> model_turns(const CorpusCall& call) {
  std::vector<std::string> turns;
  for (const Turn& turn : call.turns) {
    if (turn.speaker != Speaker::kUser) turns.push_back(turn.text);
  }
  if (turns.empty()) {
    for (const Turn& turn : call.turns) turns.push_back(turn.text);
  }
  return turns;
}

void add_training_examples(const CorpusCall& call, ExampleUnit unit,
                           std::vector<classifier::TrainExample>& out) {
  std::vector<std::string> turns = model_turns(call);
  if (turns.empty()) return;
  if (unit == ExampleUnit::kCall) {
    out.push_back({std::move(turns), call.is_scam(), 1.0});
    return;
  }
  const double weight = 1.0 / static_cast<double>(turns.size());
  for (size_t i = 0; i < turns.size(); ++i) {
    if (unit == ExampleUnit::kTurn) {
      out.push_back({{turns[i]}, call.is_scam(), weight});
    } else {
      out.push_back(
          {{turns.begin(), turns.begin() + static_cast<long>(i) + 1}, call.is_scam(), weight});
    }
  }
}

StreamedScore stream_model_score(const classifier::Model& model, const CorpusCall& call) {
  classifier::ModelState state;
  StreamedScore score;
  score.max_probability = score.final_probability = model.probability(state);
  score.after_turn.reserve(call.turns.size());
  for (const Turn& turn : call.turns) {
    if (turn.speaker != Speaker::kUser) {
      model.add_text(state, turn.text);
      const double p = model.probability(state);
      score.max_probability = score.model_turns == 0 ? p : std::max(score.max_probability, p);
      score.final_probability = p;
      ++score.model_turns;
    }
    score.after_turn.push_back(score.final_probability);
  }
  return score;
}

int StreamedScore::first_turn_at(double threshold) const {
  for (size_t i = 0; i < after_turn.size(); ++i) {
    if (after_turn[i] >= threshold) return static_cast<int>(i);
  }
  return -1;
}

}  // namespace scamguard::corpus

namespace scamguard::corpus {

double threshold_at_fpr(std::map<std::string, std::vector<double>>& legit_scores, double max_fpr) {
  double threshold = 0.0;
  for (auto& [source, scores] : legit_scores) {
    if (scores.empty()) continue;
    std::sort(scores.begin(), scores.end());
    // `allowed` calls may score at or above the threshold; the next one down must not.
    const auto allowed =
        static_cast<size_t>(std::floor(max_fpr * static_cast<double>(scores.size())));
    const double highest_kept_below = scores[scores.size() - 1 - allowed];
    threshold = std::max(threshold, std::nextafter(highest_kept_below, 2.0));
  }
  return threshold;
}

}  // namespace scamguard::corpus
