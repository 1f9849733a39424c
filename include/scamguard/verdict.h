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

const char* to_string(Stage stage) noexcept;
const char* to_string(Action action) noexcept;
std::optional<Stage> parse_stage(std::string_view name) noexcept;
std::optional<Action> parse_action(std::string_view name) noexcept;
/// Every accepted wire name, for error messages: "allow, warn or block".
std::string allowed_stages();
std::string allowed_actions();

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

struct Verdict {
  Action action = Action::kAllow;
  double score = 0.0;
  double warn_score = 0.0;        ///< threshold at or above which the action is warn
  double block_score = 0.0;       ///< threshold at or above which the action is block
  std::vector<Finding> findings;  ///< in the order they first fired

  /// The finding for `symbol`, or nullptr.
  const Finding* find(std::string_view symbol) const noexcept;
};

}  // namespace scamguard
