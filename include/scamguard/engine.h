/// @file engine.h
/// scamguard scores one phone call at a time while the call is happening.
///
///   scamguard::EngineOptions options;
///   options.config_dir = "conf";                // shipped defaults
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

#include "scamguard/error.h"
#include "scamguard/export.h"
#include "scamguard/script_matcher.h"
#include "scamguard/session.h"
#include "scamguard/traffic_store.h"
#include "scamguard/verdict.h"

namespace scamguard {

namespace detail {
class EngineState;
}

struct EngineOptions {
  std::string config_dir;    ///< directory with scamguard.toml, actions.toml, lists/ ...
  std::string local_dir;     ///< optional: merged over config_dir, file by file
  std::string override_dir;  ///< optional: replaces config_dir files of the same name
  /// Optional: a writable directory where the compiled pattern database is cached, keyed by
  /// a hash of every pattern and the vectorscan version. Compiling takes about half a second;
  /// loading a cached database takes milliseconds. A missing or stale entry is recompiled; a
  /// cache that cannot be written is ignored.
  std::string pattern_cache_dir;
  /// Optional: where traffic counters across calls live (traffic_store.h). Empty: in memory,
  /// private to this Engine. Share one backend (e.g. make_redis_traffic_store) between nodes to
  /// share counts.
  std::shared_ptr<TrafficStore> traffic_store;
  /// Optional: the text model file to load instead of `[model] path` in scamguard.toml (for
  /// trying a newly trained model without editing the configuration). An empty string runs
  /// the engine without a model; unset keeps the configuration's.
  std::optional<std::string> model_path;
  /// Optional: known campaign scripts (script_matcher.h). When set, a call whose remote
  /// party's words so far follow a known script gets CAMPAIGN_SCRIPT_MATCH. Shared by every
  /// session of the Engine; the matcher, not the Engine, decides when its scripts change.
  std::shared_ptr<const ScriptMatcher> script_matcher;
};

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

  /// Starts scoring a new call. Allocates the per-call scratch space; never fails.
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

  /// Internal state, for the CLI and tests inside this project. Not a stable interface.
  const detail::EngineState& state() const noexcept { return *state_; }

 private:
  explicit Engine(std::shared_ptr<const detail::EngineState> state) : state_(std::move(state)) {}
  std::shared_ptr<const detail::EngineState> state_;
};

}  // namespace scamguard
