/// @file engine_options.h
/// What Engine::load reads: the configuration layers, the pattern cache, and what an embedder
/// shares between engines (the traffic store, known campaign scripts).
///
///   scamguard::EngineOptions options;                 // config_dir empty: the installed conf/
///   options.pattern_cache_dir = app_cache_dir + "/scamguard";  // warm loads (embedding.md)
///   auto engine = scamguard::Engine::load(options);
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "scamguard/export.h"
#include "scamguard/script_matcher.h"
#include "scamguard/traffic_store.h"

namespace scamguard {

struct EngineOptions {
  /// Directory with scamguard.toml, actions.toml, lists/ ... Empty: default_config_dir().
  std::string config_dir;
  std::string local_dir;     ///< optional: merged over config_dir, file by file
  std::string override_dir;  ///< optional: replaces config_dir files of the same name
  /// Optional: a writable directory where the compiled pattern database is cached, keyed by
  /// a hash of every pattern and the vectorscan version, so that the next load with the same
  /// configuration skips compiling (cold and warm load times: docs/embedding.md). The library
  /// never picks one itself: empty (the default) compiles at every load and writes nothing;
  /// an app passes its own cache directory. A missing or stale entry is recompiled; a cache
  /// that cannot be written is ignored.
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

/// The configuration installed with the library: `share/scamguard/conf` under the install
/// prefix, found from where the library (or the program it is linked into) lies, so that an
/// installed tree can be moved; else the prefix it was configured for. Empty when neither
/// exists. The library reads no environment variable; a program may (the CLI's
/// SCAMGUARD_CONF).
SCAMGUARD_API std::string default_config_dir();

}  // namespace scamguard
