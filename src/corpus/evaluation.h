// Per-source detection metrics over a labelled corpus: what `scamguard eval` prints and what
// the eval-labelled tests pin. Sources are never pooled: tidy synthetic dialogue and real
// recogniser output behave differently, and one number would hide it.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "corpus/replay.h"

namespace scamguard::corpus {

struct SourceMetrics {
  std::string source;
  int calls = 0;
  int scams = 0;
  int legit = 0;
  int scams_alerted = 0;
  int legit_alerted = 0;
  int scams_with_critical_turn = 0;
  int scams_alerted_in_time = 0;  // first warn at or before critical_turn
  std::vector<int> first_alert_turns;
  long turns = 0;

  double recall() const { return scams ? static_cast<double>(scams_alerted) / scams : 0.0; }
  double false_positive_rate() const {
    return legit ? static_cast<double>(legit_alerted) / legit : 0.0;
  }
  // nullopt when nothing was alerted.
  std::optional<double> precision() const;
  // nullopt when no scam has a known critical turn.
  std::optional<double> in_time_share() const;
  std::optional<double> median_first_alert_turn() const;
};

class Evaluation {
 public:
  // Adds one replayed call.
  void add(const CorpusCall& call, const ReplayResult& result);
  const std::map<std::string, SourceMetrics>& by_source() const { return sources_; }

 private:
  std::map<std::string, SourceMetrics> sources_;
};

}  // namespace scamguard::corpus
