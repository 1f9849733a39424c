/// @file script_matcher.h
/// A hook through which a live call is compared with the scripts of known scam campaigns.
///
///   std::shared_ptr<scamguard::ScriptMatcher> matcher = my_campaign_index();
///   scamguard::EngineOptions options;
///   options.config_dir = "conf";
///   options.script_matcher = matcher;            // optional; without it nothing is compared
///   auto engine = scamguard::Engine::load(options);
///
/// The engine's CAMPAIGN_SCRIPT_MATCH rule opens one CallState per call, hands it the
/// canonical text of every turn the remote party speaks, and fires (options `campaign=<id>`,
/// `similarity=<x>`) the first time add_turn() returns a match. The scamguard_campaign
/// library provides an implementation built from a campaign store (campaign/script_index.h);
/// any other source of known scripts can implement this interface.
///
/// Thread safety: an implementation must allow start_call() and add_turn() from any number
/// of threads at once, each thread with its own CallState. A CallState belongs to one call.
/// Cost: add_turn() is on the turn path and must cost time proportional to the new text, not
/// to the call so far nor to the number of known campaigns.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "scamguard/export.h"

namespace scamguard {

/// A known campaign whose script the call so far resembles.
struct ScriptMatch {
  std::string campaign;     ///< the campaign's identifier, as its store names it
  double similarity = 0.0;  ///< in [0, 1]; how much of the call so far follows that script
};

class SCAMGUARD_API ScriptMatcher {
 public:
  /// Per-call sketch of what the remote party has said so far.
  class SCAMGUARD_API CallState {
   public:
    virtual ~CallState() = default;
  };

  virtual ~ScriptMatcher() = default;

  /// A fresh state for one call. Never fails.
  virtual std::unique_ptr<CallState> start_call() const = 0;

  /// Adds one remote-party turn, in the engine's canonical form (lower-case ASCII words
  /// separated by single spaces; see docs/ARCHITECTURE.md), and returns the best-matching
  /// known campaign if the call so far matches one closely enough, else std::nullopt.
  /// Never throws; `state` must come from this matcher's start_call().
  virtual std::optional<ScriptMatch> add_turn(CallState& state,
                                              std::string_view canonical_text) const = 0;
};

}  // namespace scamguard
