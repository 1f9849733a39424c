#include "core/config_dump.h"

#include <map>

namespace scamguard {
namespace {

std::string or_none(const std::string& dir) { return dir.empty() ? "(none)" : dir; }

std::string rule_setting_text(const RuleSettingValue& setting) {
  if (const std::string* text = std::get_if<std::string>(&setting.value)) {
    return format_option(*text);
  }
  if (const bool* flag = std::get_if<bool>(&setting.value)) return format_option(*flag);
  return format_option(std::get<double>(setting.value));
}

void dump_scores(const EngineConfig& config, const std::vector<SymbolInfo>& symbols,
                 std::string& text) {
  std::map<std::string, std::vector<const SymbolInfo*>> by_group;
  for (const SymbolInfo& symbol : symbols) {
    if (!symbol.composite) by_group[symbol.group].push_back(&symbol);
  }
  for (const auto& [group, members] : by_group) {
    text += "\n[" + group + "]\n";
    if (auto cap = config.group_caps.find(group); cap != config.group_caps.end()) {
      text += dump_line("max_score", format_option(cap->second.score), cap->second.origin);
    }
    for (const SymbolInfo* symbol : members) {
      auto set = config.symbol_scores.find(symbol->symbol);
      text += dump_line(symbol->symbol, format_option(symbol->score),
                        set == config.symbol_scores.end() ? "rule default" : set->second.origin);
    }
  }
}

void dump_composites(const EngineConfig& config, std::string& text) {
  const OptionTable<CompositeConfig>& table = composite_table();
  for (const CompositeConfig& composite : config.composites) {
    text += "\n[" + composite.name + "]  # " + composite.origin + "\n";
    for (const Option<CompositeConfig>& option : table.options()) {
      text += option.info.key + " = " + format_option(option.get(composite)) + "\n";
    }
  }
}

}  // namespace

std::string dump_engine_config(const EngineOptions& options, const EngineConfig& config,
                               const std::vector<SymbolInfo>& symbols) {
  std::string text =
      "# The effective engine configuration (scamguard configdump): the shipped files with\n"
      "# local.d merged in and override.d replacing, each value followed by where it came from.\n"
      "# conf:       " +
      or_none(options.config_dir) +
      "\n"
      "# local.d:    " +
      or_none(options.local_dir) +
      "\n"
      "# override.d: " +
      or_none(options.override_dir) +
      "\n"
      "# model:      " +
      (config.model_path.empty() ? "(none: rules only)" : config.model_path) +
      "\n\n# --- scamguard.toml ---\n";
  text += dump_options(engine_settings_table(), config, config.origins);
  for (const auto& [group, settings] : config.rule_settings) {
    text += "\n[rules." + group + "]\n";
    for (const auto& [key, setting] : settings) {
      text += dump_line(key, rule_setting_text(setting), setting.origin);
    }
  }
  text += "\n# --- actions.toml ---\n";
  text += dump_options(actions_table(), config, config.origins);
  text += "\n# --- scores.toml: every rule's score in effect, by group ---\n";
  dump_scores(config, symbols, text);
  text += "\n# --- composites.toml ---\n";
  dump_composites(config, text);
  text += "\n# --- lists: entries after layering ---\n";
  for (const auto& [name, list] : config.lists) {
    text += "# " + name + ": " + std::to_string(list.entries.size()) + " entries\n";
  }
  text += "# files read:\n";
  for (const std::string& file : config.list_files) text += "#   " + file + "\n";
  return text;
}

}  // namespace scamguard
