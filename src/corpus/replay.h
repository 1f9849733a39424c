// Streams one corpus call through an engine the way a live call arrives: its set-up first,
// then each turn, each device event right after the turn it follows. No look-ahead.
#pragma once

#include <functional>
#include <optional>

#include "corpus/corpus_reader.h"
#include "scamguard/engine.h"

namespace scamguard::corpus {

struct ReplayResult {
  Verdict verdict;                      // after the last event
  std::optional<int> first_warn_turn;   // first turn at which the action was >= warn
  std::optional<int> first_block_turn;  // first turn at which the action was block
  std::vector<Error> rejected;          // events the session refused (e.g. oversized turns)
};

// What happened at one step, for `explain`.
struct ReplayStep {
  enum class Kind { kSetup, kTurn, kDeviceEvent } kind;
  int turn;                       // the turn index the step belongs to
  const Turn* turn_data;          // for kTurn
  const TimedDeviceEvent* event;  // for kDeviceEvent
  const Verdict& verdict;         // after the step
};

ReplayResult replay(const Engine& engine, const CorpusCall& call,
                    const std::function<void(const ReplayStep&)>& on_step = {});

}  // namespace scamguard::corpus
