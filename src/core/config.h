// Loading the engine's configuration: TOML files and plain lists, layered rspamd-style.
//
// Files read from EngineOptions::config_dir (each optional except actions.toml):
//   scamguard.toml   engine settings
//   actions.toml     warn / block thresholds
//   scores.toml      per-group score cap (max_score) and per-symbol scores
//   composites.toml  composite symbols: boolean expressions over symbols and stages
//   lists/*.txt      phrase lists (core/lists.h)
// For each file, local_dir's copy is merged in (tables merge, values replace) and
// override_dir's copy replaces it. Every error names the file and line.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "core/lists.h"
#include "core/option_table.h"
#include "core/rule_settings.h"
#include "scamguard/engine.h"
#include "scamguard/error.h"
#include "traffic/traffic.h"

namespace scamguard {

struct ScoreSetting {
  double score = 0.0;
  std::string origin;  // "path:line"
};

struct CompositeConfig {
  std::string name;
  std::string expression;
  double score = 0.0;
  std::string description;
  Stage stage = Stage::kContext;
  std::string origin;
};

struct EngineConfig {
  double warn_score = 5.0;
  double block_score = 10.0;
  std::string home_country_code = "61";  // E.164 country code of the protected subscribers
  std::string home_region = "AU";        // [signalling] home_country; sets home_country_code
  TrafficSettings traffic;               // [traffic]: windows and thresholds across calls
  // [traffic] windows as written, in seconds. They are checked against each other once the
  // whole file is read, then become traffic.windows (in buckets).
  struct WindowSeconds {
    int64_t bucket = TrafficWindows{}.bucket_ms / 1000;
    int64_t short_window = bucket * TrafficWindows{}.short_buckets;
    int64_t long_window = bucket * TrafficWindows{}.long_buckets;
  } traffic_seconds;
  size_t max_turn_bytes = 64 * 1024;
  // [model] in scamguard.toml: the text model (classifier/model_file.h). An empty path means
  // no model: TEXT_MODEL_SCAM never fires. A relative path is resolved against config_dir.
  std::string model_path;
  double model_threshold = 0.9;  // TEXT_MODEL_SCAM fires when p(scam) reaches this
  uint32_t model_min_words = 0;  // ... and the remote party has said at least this many words
  std::map<std::string, ScoreSetting, std::less<>> symbol_scores;
  std::map<std::string, ScoreSetting, std::less<>> group_caps;
  std::vector<CompositeConfig> composites;
  ListSet lists;
  RuleSettings rule_settings;           // [rules.<group>] tables, read by the rules of each group
  OptionOrigins origins;                // "file key" -> "path:line" for every key a file set
  std::vector<std::string> list_files;  // every lists/*.txt read, in order
};

Result<EngineConfig> load_config(const EngineOptions& options);

// The keys of scamguard.toml ([rules.<group>] aside: the rules check those) and of
// actions.toml. They read the files, and print the reference and `scamguard configdump`.
const OptionTable<EngineConfig>& engine_settings_table();
const OptionTable<EngineConfig>& actions_table();
// The keys of each [NAME] table of composites.toml.
const OptionTable<CompositeConfig>& composite_table();

}  // namespace scamguard
