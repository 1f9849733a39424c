// Facts about the call that rules may read: who placed it, what the device reports.
// Kept by the session from events; rules never write to it.
#pragma once

#include <string>
#include <vector>

#include "scamguard/events.h"
#include "scamguard/verdict.h"
#include "traffic/traffic.h"

namespace scamguard {

struct CallFacts {
  bool has_setup = false;
  CallSetup setup;
  int turn_count = 0;         // turns seen so far
  int remote_turn_count = 0;  // turns spoken by the remote party (or unknown speaker)
  bool remote_session_active = false;
  std::vector<std::string> running_apps;  // started and not yet stopped, as reported
  int first_stage_turn[kStageCount];      // turn where each stage was first seen, or kNever
  TrafficFacts traffic;                   // this call's caller ID and trunk across calls

  static constexpr int kNever = 1 << 30;

  CallFacts() {
    for (int& turn : first_stage_turn) turn = kNever;
  }
  bool stage_seen(Stage stage) const { return first_stage_turn[static_cast<int>(stage)] != kNever; }
  // The turn the next event is attributed to: the last turn seen, or before the first.
  int current_turn() const { return turn_count == 0 ? kBeforeFirstTurn : turn_count - 1; }
};

}  // namespace scamguard
