/// @file engine.h
/// scamguard scores one phone call at a time while the call is happening.
///
///   scamguard::EngineOptions options;
///   // options.config_dir left empty: the conf/ installed with the library
///   options.local_dir = "/etc/scamguard/local.d";  // optional site overrides
///   scamguard::Result<scamguard::Engine> engine = scamguard::Engine::load(options);
///   if (!engine) { report(engine.error()); return; }
///
///   scamguard::CallSession call = engine->open_call();
///   call.on_signalling(setup);                  // before the phone rings
///   call.on_turn({scamguard::Speaker::kRemote, "..."});
///   scamguard::Verdict now = call.verdict();    // cheap; may be asked after every event
///
/// Thread safety: an Engine is immutable after load() and may be shared by any number of
/// threads; copies share the same compiled state. A CallSession belongs to one thread at a
/// time.
///
/// Configuration layering (rspamd's): each file under `config_dir` is read, then the file of
/// the same name under `local_dir` is merged into it (tables merge, values replace), then a
/// file of the same name under `override_dir` replaces it whole.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "scamguard/engine_options.h"
#include "scamguard/error.h"
#include "scamguard/export.h"
#include "scamguard/session.h"
#include "scamguard/verdict.h"

namespace scamguard {

namespace detail {
class EngineState;
struct EngineAccess;
}  // namespace detail

/// One entry of the symbol catalogue.
struct SymbolInfo {
  std::string symbol;
  std::string group;
  Stage stage = Stage::kContact;
  double score = 0.0;          ///< the score in effect after configuration
  double default_score = 0.0;  ///< the score the rule ships with
  std::string description;
  bool composite = false;  ///< true for composites defined in composites.toml
};

class SCAMGUARD_API Engine {
 public:
  /// Compiles rules, lists and patterns from configuration. On failure the error names the
  /// file and line (ErrorCode::kConfig) or the unreadable path (ErrorCode::kNotFound).
  static Result<Engine> load(const EngineOptions& options);

  /// Starts scoring a new call; never fails. A call closed earlier on this thread lends its
  /// scratch space (cleared), so a steady stream of short calls (a SIP proxy's pre-answer
  /// checks) allocates nothing; otherwise the space is allocated here.
  CallSession open_call() const;

  /// Every symbol this engine can emit, rules first, then composites.
  std::vector<SymbolInfo> symbols() const;

  /// Problems that did not stop load(): today, a configured text model that cannot be read
  /// (missing, wrong magic, truncated, newer format, corrupted). The engine then runs on its
  /// rules and every verdict carries TEXT_MODEL_UNAVAILABLE; a caller that needs the model
  /// (a daemon reloading, a deployment check) refuses the engine when this is not empty.
  const std::vector<std::string>& warnings() const noexcept;

  /// Records how a call ended under `setup`'s caller ID and trunk, for callers that keep no
  /// CallSession until the end (a SIP proxy's one-shot check). Same contract as
  /// CallSession::on_call_end.
  Status record_call_end(const CallSetup& setup, const CallEnd& end) const;

  double warn_score() const noexcept;
  double block_score() const noexcept;

 private:
  friend struct detail::EngineAccess;  // src/core/engine_access.h, for the project's own tools
  explicit Engine(std::shared_ptr<const detail::EngineState> state) : state_(std::move(state)) {}
  std::shared_ptr<const detail::EngineState> state_;
};

}  // namespace scamguard
