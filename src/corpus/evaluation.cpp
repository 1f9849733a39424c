#include "corpus/evaluation.h"

#include <algorithm>

namespace scamguard::corpus {

std::optional<double> SourceMetrics::precision() const {
  const int alerted = scams_alerted + legit_alerted;
  if (alerted == 0) return std::nullopt;
  return static_cast<double>(scams_alerted) / alerted;
}

std::optional<double> SourceMetrics::in_time_share() const {
  if (scams_with_critical_turn == 0) return std::nullopt;
  return static_cast<double>(scams_alerted_in_time) / scams_with_critical_turn;
}

std::optional<double> SourceMetrics::median_first_alert_turn() const {
  if (first_alert_turns.empty()) return std::nullopt;
  std::vector<int> sorted = first_alert_turns;
  std::sort(sorted.begin(), sorted.end());
  const size_t mid = sorted.size() / 2;
  if (sorted.size() % 2 == 1) return sorted[mid];
  return (sorted[mid - 1] + sorted[mid]) / 2.0;
}

void Evaluation::add(const CorpusCall& call, const ReplayResult& result) {
  const std::string source = call.source.empty() ? "unknown" : call.source;
  SourceMetrics& metrics = sources_[source];
  metrics.source = source;
  ++metrics.calls;
  metrics.turns += static_cast<long>(call.turns.size());
  const bool alerted = result.verdict.action != Action::kAllow;
  if (!call.is_scam()) {
    ++metrics.legit;
    if (alerted) ++metrics.legit_alerted;
    return;
  }
  ++metrics.scams;
  if (alerted) {
    ++metrics.scams_alerted;
    if (result.first_warn_turn) metrics.first_alert_turns.push_back(*result.first_warn_turn);
  }
  if (call.critical_turn) {
    ++metrics.scams_with_critical_turn;
    if (result.first_warn_turn && *result.first_warn_turn <= *call.critical_turn) {
      ++metrics.scams_alerted_in_time;
    }
  }
}

}  // namespace scamguard::corpus
