// One table per configuration file that says, for each key, its type, the values it may take,
// its default and what it means. The same table reads the file (every unknown key, wrong type
// and value out of range is an error naming the file, the line and what is allowed), prints the
// effective values with where each came from (`scamguard configdump`) and writes the reference
// in docs/config.md, so that none of the three can disagree with the others.
//
//   OptionTable<DaemonConfig> table("scamguardd.toml", {
//       integer<DaemonConfig>("server.threads", 2, 4096, "event loops, one thread each",
//                             [](auto& c) -> auto& { return c.threads; }),
//   });
//   table.read(toml_root, path, config, origins);
#pragma once

#include <toml++/toml.h>

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

#include "scamguard/error.h"

namespace scamguard {

using OptionValue = std::variant<bool, int64_t, double, std::string>;

enum class OptionKind { kBool, kInteger, kNumber, kString, kPath };

// What a key is, independent of the structure it is read into.
struct OptionInfo {
  std::string key;  // dotted: "traffic.caller.min_asr" is min_asr in [traffic.caller]
  OptionKind kind = OptionKind::kString;
  double min = 0.0;  // kInteger and kNumber: the allowed range, inclusive unless open
  double max = 0.0;
  bool min_open = false;  // the range excludes min
  bool max_open = false;
  std::vector<std::string> choices;  // kString: the only values allowed, when not empty
  std::string description;
};

// "must be an integer from 2 to 4096", "must be one of trace, debug, ..."
std::string describe_allowed(const OptionInfo& info);

// The value of `node` as `info` says it must be, or an error "where: 'key' must be ...".
Result<OptionValue> parse_option(const OptionInfo& info, const toml::node& node,
                                 const std::string& where);

// TOML text for a value: true, 42, 0.25, "text".
std::string format_option(const OptionValue& value);

// "path:line" of a node, or `fallback` when the node came from no file.
std::string source_of(const toml::node& node, const std::string& fallback);

// Where each key's value came from, by "file key" ("scamguard.toml traffic.enabled" ->
// "conf/scamguard.toml:12"); keys absent took their default.
using OptionOrigins = std::map<std::string, std::string, std::less<>>;

template <typename Config>
struct Option {
  OptionInfo info;
  // Stores an already-checked value; may refuse it with a message for checks no range says
  // (a country code libphonenumber does not know, a malformed address).
  std::function<Status(Config&, const OptionValue&, const std::string& where)> set;
  std::function<OptionValue(const Config&)> get;
};

template <typename Config>
class OptionTable {
 public:
  // `elsewhere`: top-level tables of the file read by other code (their keys are not known
  // in advance, such as [rules.<group>]); they are skipped here and listed as known.
  OptionTable(std::string file, std::vector<Option<Config>> options,
              std::vector<std::string> elsewhere = {})
      : file_(std::move(file)), options_(std::move(options)), elsewhere_(std::move(elsewhere)) {}

  const std::string& file() const { return file_; }
  const std::vector<Option<Config>>& options() const { return options_; }

  const Option<Config>* find(std::string_view key) const {
    for (const Option<Config>& option : options_) {
      if (option.info.key == key) return &option;
    }
    return nullptr;
  }

  // Reads every key of `root` into `config`, recording in `origins` where each came from.
  // `origin` names the file for errors about nodes without a source (merged layers).
  Status read(const toml::table& root, const std::string& origin, Config& config,
              OptionOrigins* origins) const {
    return read_table(root, "", origin, config, origins);
  }

 private:
  bool is_section(std::string_view prefix) const {
    for (const Option<Config>& option : options_) {
      if (option.info.key.size() > prefix.size() &&
          option.info.key.compare(0, prefix.size(), prefix) == 0 &&
          option.info.key[prefix.size()] == '.') {
        return true;
      }
    }
    return false;
  }

  // The keys and sub-tables directly under `prefix` ("" for the root), for error messages.
  std::string known_under(std::string_view prefix) const {
    std::vector<std::string> names;
    auto add = [&names](std::string name) {
      for (const std::string& seen : names) {
        if (seen == name) return;
      }
      names.push_back(std::move(name));
    };
    const std::string lead = prefix.empty() ? "" : std::string(prefix) + ".";
    for (const Option<Config>& option : options_) {
      const std::string& key = option.info.key;
      if (key.compare(0, lead.size(), lead) != 0) continue;
      const std::string rest = key.substr(lead.size());
      add(rest.substr(0, rest.find('.')));
    }
    if (prefix.empty()) {
      for (const std::string& name : elsewhere_) add(name);
    }
    std::string text;
    for (const std::string& name : names) text += (text.empty() ? "" : ", ") + name;
    return text;
  }

  Status read_table(const toml::table& table, const std::string& prefix, const std::string& origin,
                    Config& config, OptionOrigins* origins) const {
    for (const auto& entry : table) {
      const std::string name(entry.first.str());
      const toml::node& node = entry.second;
      const std::string key = prefix.empty() ? name : prefix + "." + name;
      const std::string where = source_of(node, origin);
      if (prefix.empty() && is_elsewhere(name)) continue;
      if (const Option<Config>* option = find(key)) {
        Result<OptionValue> value = parse_option(option->info, node, where);
        if (!value) return Unexpected{value.error()};
        if (Status stored = option->set(config, *value, where); !stored) return stored;
        if (origins) (*origins)[file_ + " " + key] = where;
        continue;
      }
      if (is_section(key)) {
        if (!node.is_table()) {
          return make_error(ErrorCode::kConfig, where + ": '" + key + "' must be a table");
        }
        if (Status status = read_table(*node.as_table(), key, origin, config, origins); !status) {
          return status;
        }
        continue;
      }
      return make_error(ErrorCode::kConfig, where + ": unknown key '" + key + "' in " + file_ +
                                                " (known" +
                                                (prefix.empty() ? "" : " in [" + prefix + "]") +
                                                ": " + known_under(prefix) + ")");
    }
    return {};
  }

  bool is_elsewhere(std::string_view name) const {
    for (const std::string& other : elsewhere_) {
      if (other == name) return true;
    }
    return false;
  }

  std::string file_;
  std::vector<Option<Config>> options_;
  std::vector<std::string> elsewhere_;
};

// Builders for the common case: a key stored as-is in a field. `field` is a generic lambda
// returning a reference to it, `[](auto& c) -> auto& { return c.limits.max_streams; }`, so
// that one lambda serves both reading and printing.
template <typename Config, typename Field>
Option<Config> field_option(OptionInfo info, Field field) {
  Option<Config> option;
  option.info = std::move(info);
  option.set = [field](Config& config, const OptionValue& value, const std::string&) -> Status {
    auto& target = field(config);
    using T = std::remove_reference_t<decltype(target)>;
    if constexpr (std::is_same_v<T, bool>) {
      target = std::get<bool>(value);
    } else if constexpr (std::is_integral_v<T>) {
      target = static_cast<T>(std::get<int64_t>(value));
    } else if constexpr (std::is_floating_point_v<T>) {
      target = static_cast<T>(std::get<double>(value));
    } else {
      target = std::get<std::string>(value);
    }
    return {};
  };
  option.get = [field](const Config& config) -> OptionValue {
    const auto& source = field(config);
    using T = std::remove_cv_t<std::remove_reference_t<decltype(source)>>;
    if constexpr (std::is_same_v<T, bool>) {
      return source;
    } else if constexpr (std::is_integral_v<T>) {
      return static_cast<int64_t>(source);
    } else if constexpr (std::is_floating_point_v<T>) {
      return static_cast<double>(source);
    } else {
      return std::string(source);
    }
  };
  return option;
}

inline OptionInfo option_info(std::string key, OptionKind kind, std::string description,
                              double min = 0.0, double max = 0.0) {
  OptionInfo info;
  info.key = std::move(key);
  info.kind = kind;
  info.description = std::move(description);
  info.min = min;
  info.max = max;
  return info;
}

template <typename Config, typename Field>
Option<Config> integer_option(std::string key, int64_t min, int64_t max, std::string description,
                              Field field) {
  return field_option<Config>(
      option_info(std::move(key), OptionKind::kInteger, std::move(description),
                  static_cast<double>(min), static_cast<double>(max)),
      field);
}

template <typename Config, typename Field>
Option<Config> number_option(std::string key, double min, double max, std::string description,
                             Field field) {
  return field_option<Config>(
      option_info(std::move(key), OptionKind::kNumber, std::move(description), min, max), field);
}

template <typename Config, typename Field>
Option<Config> string_option(std::string key, std::string description, Field field,
                             std::vector<std::string> choices = {}) {
  OptionInfo info = option_info(std::move(key), OptionKind::kString, std::move(description));
  info.choices = std::move(choices);
  return field_option<Config>(std::move(info), field);
}

template <typename Config, typename Field>
Option<Config> bool_option(std::string key, std::string description, Field field) {
  return field_option<Config>(
      option_info(std::move(key), OptionKind::kBool, std::move(description)), field);
}

// One row per key: | key | type | default | allowed | meaning |, the defaults read from
// `defaults`. The reference tables of docs/config.md are this text.
// "name = value" padded, then "# origin", and a newline.
std::string dump_line(const std::string& name, const std::string& value, const std::string& origin);

std::string reference_row(const OptionInfo& info, const OptionValue& default_value);
std::string reference_header();

template <typename Config>
std::string reference_markdown(const OptionTable<Config>& table, const Config& defaults) {
  std::string text = reference_header();
  for (const Option<Config>& option : table.options()) {
    text += reference_row(option.info, option.get(defaults));
  }
  return text;
}

// The keys of `table` as TOML, in the table's order under [section] headers, each value
// followed by where it came from: `origins`, or "default".
template <typename Config>
std::string dump_options(const OptionTable<Config>& table, const Config& config,
                         const OptionOrigins& origins) {
  std::string text;
  std::string section;
  for (const Option<Config>& option : table.options()) {
    const std::string& key = option.info.key;
    const size_t dot = key.rfind('.');
    const std::string parent = dot == std::string::npos ? "" : key.substr(0, dot);
    if (parent != section) {
      section = parent;
      text += "\n[" + section + "]\n";
    }
    const auto origin = origins.find(table.file() + " " + key);
    text += dump_line(key.substr(dot + 1), format_option(option.get(config)),
                      origin == origins.end() ? "default" : origin->second);
  }
  return text;
}

}  // namespace scamguard
