#include "core/config.h"

#include <toml++/toml.h>

#include <algorithm>
#include <cmath>
#include <filesystem>

#include "core/toml_file.h"
#include "signalling/numbering_plan.h"
#include "util/files.h"
#include "util/strings.h"

namespace scamguard {
namespace {

namespace fs = std::filesystem;

std::string where(const toml::node& node, const std::string& fallback) {
  const toml::source_region& source = node.source();
  if (source.path && source.begin.line > 0) {
    return *source.path + ":" + std::to_string(source.begin.line);
  }
  return fallback;
}

// Merges `overlay` into `base`: tables merge key by key, any other value replaces.
void merge_tables(toml::table& base, const toml::table& overlay) {
  for (const auto& [key, value] : overlay) {
    toml::node* existing = base.get(key);
    if (existing && existing->is_table() && value.is_table()) {
      merge_tables(*existing->as_table(), *value.as_table());
    } else {
      base.insert_or_assign(key, value);
    }
  }
}

// The layered table for `name`, or an empty table when no layer has the file.
Result<toml::table> load_layered(const EngineOptions& options, const std::string& name,
                                 bool required) {
  auto in = [&](const std::string& dir) { return (fs::path(dir) / name).string(); };
  if (!options.override_dir.empty() && file_exists(in(options.override_dir))) {
    return parse_toml_file(in(options.override_dir));
  }
  toml::table table;
  if (file_exists(in(options.config_dir))) {
    Result<toml::table> base = parse_toml_file(in(options.config_dir));
    if (!base) return base;
    table = std::move(*base);
  } else if (required) {
    return make_error(ErrorCode::kNotFound, "missing configuration file " + in(options.config_dir));
  }
  if (!options.local_dir.empty() && file_exists(in(options.local_dir))) {
    Result<toml::table> local = parse_toml_file(in(options.local_dir));
    if (!local) return local;
    merge_tables(table, *local);
  }
  return table;
}

Result<double> number_at(const toml::node& node, const std::string& key,
                         const std::string& origin) {
  if (auto value = node.value<double>()) return *value;
  return make_error(ErrorCode::kConfig, where(node, origin) + ": '" + key + "' must be a number");
}

Result<std::string> string_at(const toml::node& node, const std::string& key,
                              const std::string& origin) {
  if (auto value = node.value<std::string>()) return *value;
  return make_error(ErrorCode::kConfig, where(node, origin) + ": '" + key + "' must be a string");
}

Unexpected unknown_key(const toml::node& node, const std::string& origin, std::string_view key,
                       std::string_view known) {
  return make_error(ErrorCode::kConfig, where(node, origin) + ": unknown key '" + std::string(key) +
                                            "' (known: " + std::string(known) + ")");
}

// [model]: path (relative to the configuration directory), threshold and min_words of the text
// model.
Status read_model_settings(const toml::table& table, const std::string& origin,
                           EngineConfig& config) {
  for (const auto& [key, value] : table) {
    if (key.str() == "path") {
      Result<std::string> path = string_at(value, "path", origin);
      if (!path) return Unexpected{path.error()};
      config.model_path = *path;
    } else if (key.str() == "threshold") {
      Result<double> threshold = number_at(value, "threshold", origin);
      if (!threshold) return Unexpected{threshold.error()};
      if (!(*threshold > 0.0 && *threshold < 1.0)) {
        return make_error(ErrorCode::kConfig,
                          where(value, origin) + ": 'threshold' must be between 0 and 1");
      }
      config.model_threshold = *threshold;
    } else if (key.str() == "min_words") {
      Result<double> words = number_at(value, "min_words", origin);
      if (!words) return Unexpected{words.error()};
      if (!(*words >= 0 && *words <= 10000 && *words == std::floor(*words))) {
        return make_error(ErrorCode::kConfig, where(value, origin) +
                                                  ": 'min_words' must be a whole number from 0 "
                                                  "to 10000");
      }
      config.model_min_words = static_cast<uint32_t>(*words);
    } else {
      return unknown_key(value, origin, key.str(), "path, threshold, min_words");
    }
  }
  return {};
}

Result<int64_t> count_at(const toml::node& node, const std::string& key,
                         const std::string& origin) {
  auto value = node.value<int64_t>();
  if (!value || *value < 0) {
    return make_error(ErrorCode::kConfig,
                      where(node, origin) + ": '" + key + "' must be a non-negative integer");
  }
  return *value;
}

// [signalling]: the protected subscribers' country.
Status read_signalling_settings(const toml::table& table, const std::string& origin,
                                EngineConfig& config) {
  for (const auto& [key, value] : table) {
    if (key.str() != "home_country") return unknown_key(value, origin, key.str(), "home_country");
    Result<std::string> region = string_at(value, "home_country", origin);
    if (!region) return Unexpected{region.error()};
    const int code = signalling::calling_code_for_region(*region);
    if (region->size() != 2 || code == 0) {
      return make_error(ErrorCode::kConfig, where(value, origin) + ": 'home_country' must be an " +
                                                "ISO 3166 alpha-2 code such as \"AU\", not '" +
                                                *region + "'");
    }
    config.home_region = *region;
    config.home_country_code = std::to_string(code);
  }
  return {};
}

// [traffic.caller] / [traffic.trunk]: one scope's thresholds.
Status read_thresholds(const toml::table& table, const std::string& origin,
                       TrafficThresholds& out) {
  constexpr std::string_view kKnown =
      "max_attempts_short, max_attempts_long, min_ended, min_asr, max_acd_seconds, "
      "max_short_share, max_destinations, min_sequential";
  for (const auto& [key, value] : table) {
    const std::string name(key.str());
    uint32_t* count = name == "max_attempts_short"  ? &out.max_attempts_short
                      : name == "max_attempts_long" ? &out.max_attempts_long
                      : name == "min_ended"         ? &out.min_ended
                      : name == "max_destinations"  ? &out.max_destinations
                      : name == "min_sequential"    ? &out.min_sequential
                                                    : nullptr;
    double* ratio = name == "min_asr"           ? &out.min_asr
                    : name == "max_acd_seconds" ? &out.max_acd_seconds
                    : name == "max_short_share" ? &out.max_short_share
                                                : nullptr;
    if (count) {
      Result<int64_t> parsed = count_at(value, name, origin);
      if (!parsed) return Unexpected{parsed.error()};
      *count = static_cast<uint32_t>(std::min<int64_t>(*parsed, UINT32_MAX));
    } else if (ratio) {
      Result<double> parsed = number_at(value, name, origin);
      if (!parsed) return Unexpected{parsed.error()};
      const bool share = name != "max_acd_seconds";
      if (!(*parsed >= 0.0) || (share && *parsed > 1.0)) {
        return make_error(ErrorCode::kConfig,
                          where(value, origin) + ": '" + name + "' must be " +
                              (share ? "between 0 and 1" : "a non-negative number"));
      }
      *ratio = *parsed;
    } else {
      return unknown_key(value, origin, name, kKnown);
    }
  }
  return {};
}

// [traffic]: windows, and the caller and trunk thresholds as sub-tables.
Status read_traffic_settings(const toml::table& table, const std::string& origin,
                             EngineConfig& config) {
  TrafficSettings& traffic = config.traffic;
  int64_t bucket = traffic.windows.bucket_ms / 1000;
  int64_t short_window = bucket * traffic.windows.short_buckets;
  int64_t long_window = bucket * traffic.windows.long_buckets;
  for (const auto& [key, value] : table) {
    const std::string name(key.str());
    if ((name == "caller" || name == "trunk") && value.is_table()) {
      TrafficThresholds& scope = name == "caller" ? traffic.caller : traffic.trunk;
      if (Status status = read_thresholds(*value.as_table(), origin, scope); !status) {
        return status;
      }
    } else if (name == "enabled") {
      auto enabled = value.value<bool>();
      if (!enabled) {
        return make_error(ErrorCode::kConfig,
                          where(value, origin) + ": 'enabled' must be true " + "or false");
      }
      traffic.enabled = *enabled;
    } else if (name == "bucket_seconds" || name == "short_window_seconds" ||
               name == "long_window_seconds" || name == "short_call_seconds" ||
               name == "sequential_block") {
      Result<int64_t> parsed = count_at(value, name, origin);
      if (!parsed) return Unexpected{parsed.error()};
      if (*parsed == 0) {
        return make_error(ErrorCode::kConfig,
                          where(value, origin) + ": '" + name + "' must be positive");
      }
      if (name == "bucket_seconds") bucket = *parsed;
      if (name == "short_window_seconds") short_window = *parsed;
      if (name == "long_window_seconds") long_window = *parsed;
      if (name == "short_call_seconds") traffic.windows.short_call_ms = *parsed * 1000;
      if (name == "sequential_block")
        traffic.windows.sequential_block = static_cast<uint64_t>(*parsed);
    } else {
      return unknown_key(value, origin, name,
                         "enabled, bucket_seconds, short_window_seconds, long_window_seconds, "
                         "short_call_seconds, sequential_block, caller, trunk");
    }
  }
  if (short_window % bucket != 0 || long_window % bucket != 0 || short_window > long_window ||
      long_window / bucket > 3600) {
    return make_error(ErrorCode::kConfig,
                      origin + ": [traffic] windows must be whole multiples of bucket_seconds, " +
                          "short <= long, and at most 3600 buckets long (bucket " +
                          std::to_string(bucket) + " s, short " + std::to_string(short_window) +
                          " s, long " + std::to_string(long_window) + " s)");
  }
  traffic.windows.bucket_ms = bucket * 1000;
  traffic.windows.short_buckets = static_cast<int>(short_window / bucket);
  traffic.windows.long_buckets = static_cast<int>(long_window / bucket);
  return {};
}

// [rules.<group>]: rules' own settings (core/rule_settings.h). Only the shape is checked
// here; the rules of the group check the keys and values when they compile.
Status read_rule_settings(const toml::table& table, const std::string& origin,
                          EngineConfig& config) {
  for (const auto& [group, node] : table) {
    if (!node.is_table()) {
      return make_error(ErrorCode::kConfig, where(node, origin) + ": 'rules." +
                                                std::string(group.str()) + "' must be a table");
    }
    RuleSettingTable& settings = config.rule_settings[std::string(group.str())];
    for (const auto& [key, value] : *node.as_table()) {
      RuleSettingValue setting{std::string(), where(value, origin)};
      if (auto text = value.value_exact<std::string>()) {
        setting.value = *text;
      } else if (auto flag = value.value_exact<bool>()) {
        setting.value = *flag;
      } else if (auto number = value.value<double>()) {
        setting.value = *number;
      } else {
        return make_error(ErrorCode::kConfig,
                          setting.origin + ": 'rules." + std::string(group.str()) + "." +
                              std::string(key.str()) + "' must be a string, number or boolean");
      }
      settings.insert_or_assign(std::string(key.str()), std::move(setting));
    }
  }
  return {};
}

Status read_engine_settings(const toml::table& table, const std::string& origin,
                            EngineConfig& config) {
  for (const auto& [section, node] : table) {
    if (section.str() == "rules" && node.is_table()) {
      if (Status status = read_rule_settings(*node.as_table(), origin, config); !status) {
        return status;
      }
      continue;
    }
    if (section.str() == "signalling" && node.is_table()) {
      if (Status status = read_signalling_settings(*node.as_table(), origin, config); !status) {
        return status;
      }
      continue;
    }
    if (section.str() == "traffic" && node.is_table()) {
      if (Status status = read_traffic_settings(*node.as_table(), origin, config); !status) {
        return status;
      }
      continue;
    }
    if (section.str() == "model" && node.is_table()) {
      if (Status status = read_model_settings(*node.as_table(), origin, config); !status) {
        return status;
      }
      continue;
    }
    if (section.str() != "engine" || !node.is_table()) {
      return unknown_key(node, origin, section.str(), "engine, model, rules, signalling, traffic");
    }
    for (const auto& [key, value] : *node.as_table()) {
      if (key.str() == "home_country_code") {
        Result<std::string> code = string_at(value, "home_country_code", origin);
        if (!code) return Unexpected{code.error()};
        config.home_country_code = *code;
      } else if (key.str() == "max_turn_bytes") {
        auto bytes = value.value<int64_t>();
        if (!bytes || *bytes <= 0) {
          return make_error(ErrorCode::kConfig,
                            where(value, origin) + ": 'max_turn_bytes' must be a positive integer");
        }
        config.max_turn_bytes = static_cast<size_t>(*bytes);
      } else {
        return unknown_key(value, origin, key.str(), "home_country_code, max_turn_bytes");
      }
    }
  }
  return {};
}

Status read_actions(const toml::table& table, const std::string& origin, EngineConfig& config) {
  for (const auto& [key, value] : table) {
    Result<double> score = number_at(value, std::string(key.str()), origin);
    if (!score) return Unexpected{score.error()};
    if (key.str() == "warn") {
      config.warn_score = *score;
    } else if (key.str() == "block") {
      config.block_score = *score;
    } else {
      return unknown_key(value, origin, key.str(), "warn, block");
    }
  }
  if (!(config.warn_score > 0.0 && config.warn_score < config.block_score)) {
    return make_error(ErrorCode::kConfig,
                      origin + ": thresholds must satisfy 0 < warn < block (warn = " +
                          std::to_string(config.warn_score) +
                          ", block = " + std::to_string(config.block_score) + ")");
  }
  return {};
}

Status read_scores(const toml::table& table, const std::string& origin, EngineConfig& config) {
  for (const auto& [group, node] : table) {
    if (!node.is_table()) {
      return make_error(ErrorCode::kConfig, where(node, origin) + ": '" + std::string(group.str()) +
                                                "' must be a table of symbol scores");
    }
    for (const auto& [key, value] : *node.as_table()) {
      Result<double> score = number_at(value, std::string(key.str()), origin);
      if (!score) return Unexpected{score.error()};
      if (key.str() == "max_score") {
        config.group_caps[std::string(group.str())] = {*score, where(value, origin)};
      } else {
        config.symbol_scores[std::string(key.str())] = {*score, where(value, origin)};
      }
    }
  }
  return {};
}

Status read_composites(const toml::table& table, const std::string& origin, EngineConfig& config) {
  for (const auto& [name, node] : table) {
    if (!node.is_table()) {
      return make_error(ErrorCode::kConfig, where(node, origin) + ": composite '" +
                                                std::string(name.str()) + "' must be a table");
    }
    CompositeConfig composite;
    composite.name = std::string(name.str());
    composite.origin = where(node, origin);
    bool has_expression = false;
    for (const auto& [key, value] : *node.as_table()) {
      const std::string field(key.str());
      if (field == "expression" || field == "description" || field == "stage") {
        Result<std::string> text = string_at(value, field, origin);
        if (!text) return Unexpected{text.error()};
        if (field == "expression") {
          composite.expression = *text;
          has_expression = true;
        } else if (field == "description") {
          composite.description = *text;
        } else if (auto stage = parse_stage(*text)) {
          composite.stage = *stage;
        } else {
          return make_error(ErrorCode::kConfig, where(value, origin) + ": unknown stage '" + *text +
                                                    "' (allowed: " + allowed_stages() + ")");
        }
      } else if (field == "score") {
        Result<double> score = number_at(value, field, origin);
        if (!score) return Unexpected{score.error()};
        composite.score = *score;
      } else {
        return unknown_key(value, origin, field, "expression, score, description, stage");
      }
    }
    if (!has_expression) {
      return make_error(ErrorCode::kConfig, composite.origin + ": composite '" + composite.name +
                                                "' has no expression");
    }
    config.composites.push_back(std::move(composite));
  }
  return {};
}

Status add_list_file(const std::string& path, bool replace, ListSet& lists) {
  Result<std::string> text = read_file(path);
  if (!text) return Unexpected{text.error()};
  Result<std::vector<ListEntry>> entries = parse_list(*text, path);
  if (!entries) return Unexpected{entries.error()};
  const std::string name = fs::path(path).stem().string();
  PhraseList& list = lists[name];
  list.name = name;
  if (replace) list.entries.clear();
  for (ListEntry& entry : *entries) list.entries.push_back(std::move(entry));
  return {};
}

Status load_lists(const EngineOptions& options, ListSet& lists) {
  auto list_files = [](const std::string& dir) {
    std::vector<std::string> files;
    std::error_code ignored;
    const fs::path lists_dir = fs::path(dir) / "lists";
    if (dir.empty() || !fs::is_directory(lists_dir, ignored)) return files;
    for (const fs::directory_entry& entry : fs::directory_iterator(lists_dir, ignored)) {
      if (entry.path().extension() == ".txt") files.push_back(entry.path().string());
    }
    std::sort(files.begin(), files.end());
    return files;
  };
  for (const std::string& path : list_files(options.config_dir)) {
    if (Status status = add_list_file(path, false, lists); !status) return status;
  }
  for (const std::string& path : list_files(options.local_dir)) {
    if (Status status = add_list_file(path, false, lists); !status) return status;
  }
  for (const std::string& path : list_files(options.override_dir)) {
    if (Status status = add_list_file(path, true, lists); !status) return status;
  }
  return {};
}

}  // namespace

Result<EngineConfig> load_config(const EngineOptions& options) {
  if (options.config_dir.empty()) {
    EngineOptions installed = options;
    installed.config_dir = default_config_dir();
    if (installed.config_dir.empty()) {
      return make_error(ErrorCode::kNotFound,
                        "no configuration directory given, and none is installed with the "
                        "library (share/scamguard/conf beside it, or " SCAMGUARD_INSTALL_CONF_DIR
                        ")");
    }
    return load_config(installed);
  }
  std::error_code ignored;
  if (!fs::is_directory(options.config_dir, ignored)) {
    return make_error(ErrorCode::kNotFound,
                      "configuration directory '" + options.config_dir + "' does not exist");
  }
  EngineConfig config;
  struct Section {
    const char* file;
    bool required;
    Status (*read)(const toml::table&, const std::string&, EngineConfig&);
  };
  const Section sections[] = {
      {"scamguard.toml", false, read_engine_settings},
      {"actions.toml", true, read_actions},
      {"scores.toml", false, read_scores},
      {"composites.toml", false, read_composites},
  };
  for (const Section& section : sections) {
    Result<toml::table> table = load_layered(options, section.file, section.required);
    if (!table) return Unexpected{table.error()};
    if (Status status = section.read(*table, section.file, config); !status) {
      return Unexpected{status.error()};
    }
  }
  if (options.model_path) {
    config.model_path = *options.model_path;
  } else if (!config.model_path.empty() && fs::path(config.model_path).is_relative()) {
    config.model_path = (fs::path(options.config_dir) / config.model_path).string();
  }
  if (Status status = load_lists(options, config.lists); !status) {
    return Unexpected{status.error()};
  }
  return config;
}

}  // namespace scamguard
