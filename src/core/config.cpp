#include "core/config.h"

#include <toml++/toml.h>

#include <algorithm>
#include <filesystem>

#include "core/toml_file.h"
#include "util/files.h"
#include "util/strings.h"

namespace scamguard {
namespace {

namespace fs = std::filesystem;

// Merges `overlay` into `base`: tables merge key by key, any other value replaces. The
// overlay's nodes are moved, not copied: a toml++ copy drops the source (file and line) that
// every message about a value from local.d must name.
void merge_tables(toml::table& base, toml::table&& overlay) {
  for (auto&& [key, value] : overlay) {
    toml::node* existing = base.get(key);
    if (existing && existing->is_table() && value.is_table()) {
      merge_tables(*existing->as_table(), std::move(*value.as_table()));
    } else {
      base.insert_or_assign(key, std::move(value));
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
    merge_tables(table, std::move(*local));
  }
  return table;
}

Result<double> number_at(const toml::node& node, const std::string& key,
                         const std::string& origin) {
  if (auto value = node.value<double>()) return *value;
  return make_error(ErrorCode::kConfig,
                    source_of(node, origin) + ": '" + key + "' must be a number");
}

// [rules.<group>]: rules' own settings (core/rule_settings.h). Only the shape is checked
// here; the rules of the group check the keys and values when they compile.
Status read_rule_settings(const toml::table& table, const std::string& origin,
                          EngineConfig& config) {
  for (const auto& [group, node] : table) {
    if (!node.is_table()) {
      return make_error(ErrorCode::kConfig, source_of(node, origin) + ": 'rules." +
                                                std::string(group.str()) + "' must be a table");
    }
    RuleSettingTable& settings = config.rule_settings[std::string(group.str())];
    for (const auto& [key, value] : *node.as_table()) {
      RuleSettingValue setting{std::string(), source_of(value, origin)};
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

// Once the whole file is read: the windows against each other, then in buckets.
Status apply_traffic_windows(const std::string& origin, EngineConfig& config) {
  const EngineConfig::WindowSeconds& seconds = config.traffic_seconds;
  const int64_t bucket = seconds.bucket;
  if (seconds.short_window % bucket != 0 || seconds.long_window % bucket != 0 ||
      seconds.short_window > seconds.long_window || seconds.long_window / bucket > 3600) {
    return make_error(ErrorCode::kConfig,
                      origin + ": [traffic] windows must be whole multiples of bucket_seconds, " +
                          "short <= long, and at most 3600 buckets long (bucket " +
                          std::to_string(bucket) + " s, short " +
                          std::to_string(seconds.short_window) + " s, long " +
                          std::to_string(seconds.long_window) + " s)");
  }
  TrafficWindows& windows = config.traffic.windows;
  windows.bucket_ms = bucket * 1000;
  windows.short_buckets = static_cast<int>(seconds.short_window / bucket);
  windows.long_buckets = static_cast<int>(seconds.long_window / bucket);
  return {};
}

Status read_engine_settings(const toml::table& table, const std::string& origin,
                            EngineConfig& config) {
  if (Status status = engine_settings_table().read(table, origin, config, &config.origins);
      !status) {
    return status;
  }
  OptionOrigins& origins = config.origins;
  if (auto region = origins.find("scamguard.toml signalling.home_country");
      region != origins.end() && !origins.count("scamguard.toml engine.home_country_code")) {
    origins["scamguard.toml engine.home_country_code"] =
        "signalling.home_country, " + region->second;
  }
  if (const toml::node* rules = table.get("rules")) {
    if (!rules->is_table()) {
      return make_error(ErrorCode::kConfig,
                        source_of(*rules, origin) + ": 'rules' must be a table of [rules.<group>]");
    }
    if (Status status = read_rule_settings(*rules->as_table(), origin, config); !status) {
      return status;
    }
  }
  return apply_traffic_windows(origin, config);
}

Status read_actions(const toml::table& table, const std::string& origin, EngineConfig& config) {
  if (Status status = actions_table().read(table, origin, config, &config.origins); !status) {
    return status;
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
      return make_error(ErrorCode::kConfig, source_of(node, origin) + ": '" +
                                                std::string(group.str()) +
                                                "' must be a table of symbol scores");
    }
    for (const auto& [key, value] : *node.as_table()) {
      Result<double> score = number_at(value, std::string(key.str()), origin);
      if (!score) return Unexpected{score.error()};
      if (key.str() == "max_score") {
        config.group_caps[std::string(group.str())] = {*score, source_of(value, origin)};
      } else {
        config.symbol_scores[std::string(key.str())] = {*score, source_of(value, origin)};
      }
    }
  }
  return {};
}

Status read_composites(const toml::table& table, const std::string& origin, EngineConfig& config) {
  for (const auto& [name, node] : table) {
    if (!node.is_table()) {
      return make_error(ErrorCode::kConfig, source_of(node, origin) + ": composite '" +
                                                std::string(name.str()) + "' must be a table");
    }
    CompositeConfig composite;
    composite.name = std::string(name.str());
    composite.origin = source_of(node, origin);
    if (Status status = composite_table().read(*node.as_table(), origin, composite, nullptr);
        !status) {
      return status;
    }
    if (composite.expression.empty()) {
      return make_error(ErrorCode::kConfig, composite.origin + ": composite '" + composite.name +
                                                "' has no expression");
    }
    config.composites.push_back(std::move(composite));
  }
  return {};
}

Status add_list_file(const std::string& path, bool replace, ListSet& lists,
                     std::vector<std::string>& lists_read) {
  Result<std::string> text = read_file(path);
  if (!text) return Unexpected{text.error()};
  Result<std::vector<ListEntry>> entries = parse_list(*text, path);
  if (!entries) return Unexpected{entries.error()};
  const std::string name = fs::path(path).stem().string();
  lists_read.push_back(path);
  PhraseList& list = lists[name];
  list.name = name;
  if (replace) list.entries.clear();
  for (ListEntry& entry : *entries) list.entries.push_back(std::move(entry));
  return {};
}

Status load_lists(const EngineOptions& options, ListSet& lists,
                  std::vector<std::string>& lists_read) {
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
    if (Status status = add_list_file(path, false, lists, lists_read); !status) return status;
  }
  for (const std::string& path : list_files(options.local_dir)) {
    if (Status status = add_list_file(path, false, lists, lists_read); !status) return status;
  }
  for (const std::string& path : list_files(options.override_dir)) {
    if (Status status = add_list_file(path, true, lists, lists_read); !status) return status;
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
  if (Status status = load_lists(options, config.lists, config.list_files); !status) {
    return Unexpected{status.error()};
  }
  return config;
}

}  // namespace scamguard
