/// @file verdict.h
/// What the engine concluded about a call so far, and why, point by point.
///
///   scamguard::Verdict v = call.verdict();
///   std::cout << to_string(v.action) << " " << v.score << "\n";
///   for (const scamguard::Finding& f : v.findings)
///     std::cout << f.symbol << " " << f.score << " turn " << f.turn << "\n";
///
/// The explanation is the data: every point of `score` comes from a finding, and there is
/// no hidden adjustment. `score` equals the sum of finding scores after group caps.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "scamguard/export.h"

namespace scamguard {

/// The kill-chain stages of THE-SCAM.md. `kPressure` can occur at any point; `kContext`
/// marks observations about the call itself (who placed it) rather than a scam stage.
enum class Stage : uint8_t {
  kContact = 0,
  kImpersonation = 1,
  kPretext = 2,
  kRemoteAccess = 3,
  kFakeProblem = 4,
  kHarvesting = 5,
  kPayment = 6,
  kTheft = 7,
  kPressure = 8,
  kContext = 9,
};
inline constexpr int kStageCount = 10;

/// Ordered from least to most severe.
enum class Action : uint8_t { kAllow = 0, kWarn = 1, kBlock = 2 };

SCAMGUARD_API const char* to_string(Stage stage) noexcept;
SCAMGUARD_API const char* to_string(Action action) noexcept;
SCAMGUARD_API std::optional<Stage> parse_stage(std::string_view name) noexcept;
SCAMGUARD_API std::optional<Action> parse_action(std::string_view name) noexcept;
/// Every accepted wire name, for error messages: "allow, warn or block".
SCAMGUARD_API std::string allowed_stages();
SCAMGUARD_API std::string allowed_actions();

/// Turn index used for findings that came before any turn (call set-up).
inline constexpr int kBeforeFirstTurn = -1;

/// One named observation.
struct Finding {
  std::string symbol;  ///< UPPER_SNAKE name of what was observed
  std::string group;   ///< rule group, e.g. "remote_access"
  Stage stage = Stage::kContact;
  double score = 0.0;                ///< contribution after group caps
  int turn = kBeforeFirstTurn;       ///< 0-based turn where it first fired
  std::vector<std::string> options;  ///< evidence, e.g. "tool=anydesk", "amount=149 AUD"
};

struct SCAMGUARD_API Verdict {
  Action action = Action::kAllow;
  double score = 0.0;
  double warn_score = 0.0;        ///< threshold at or above which the action is warn
  double block_score = 0.0;       ///< threshold at or above which the action is block
  std::vector<Finding> findings;  ///< in the order they first fired
  /// One line a phone can show the person: who the caller claims to be and how far the call
  /// got, from the findings' descriptions and evidence ("Caller names a well-known company
  /// (amazon); caller asks you to read out an ID or code shown on screen (9 digit code)").
  /// Empty while nothing was found.
  std::string reason;

  /// The finding for `symbol`, or nullptr.
  const Finding* find(std::string_view symbol) const noexcept;
};

/// The verdict as one JSON object: {"action", "score", "warn_score", "block_score", "reason",
/// "findings": [{"symbol", "group", "stage", "score", "turn", "options"}]}, the shape of the
/// daemon's verdicts (docs/http-api.md); scores rounded to two decimals, turn null before the
/// first turn.
SCAMGUARD_API std::string to_json(const Verdict& verdict);

}  // namespace scamguard
