#include "core/rule.h"

#include <algorithm>

#include "signalling/numbering_plan.h"

namespace scamguard {

std::vector<RuleFactory>& rule_registry() {
  // A function-local static, so registration from other translation units' static
  // initialisers is safe whatever their order.
  static std::vector<RuleFactory> registry;
  [[maybe_unused]] static const int linked = rule_units_linked();
  return registry;
}

void RuleCompiler::add_pattern(std::string_view pattern, uint32_t tag, bool need_span) {
  patterns_.add(pattern, origin_, need_span);
  owners_.push_back({rule_index_, tag});
}

void RuleCompiler::add_warning_context_patterns() {
  const std::span<const std::string_view> warnings = warning_context_patterns();
  for (size_t i = 0; i < warnings.size(); ++i) {
    patterns_.add(warnings[i], "warning context", /*need_span=*/true);
    owners_.push_back({kWarningContextOwner, static_cast<uint32_t>(i)});
  }
}

Result<std::shared_ptr<const signalling::NumberingPlan>> RuleCompiler::numbering_plan() {
  if (!numbering_plan_) {
    Result<std::shared_ptr<const signalling::NumberingPlan>> plan =
        signalling::NumberingPlan::create(home_region_, cache_dir_);
    if (!plan) return Unexpected{plan.error()};
    numbering_plan_ = std::move(*plan);
  }
  return numbering_plan_;
}

Result<const PhraseList*> RuleCompiler::list(std::string_view name) const {
  auto found = lists_.find(name);
  if (found == lists_.end()) {
    return make_error(ErrorCode::kConfig, origin_ + " needs the list lists/" + std::string(name) +
                                              ".txt, which no configuration layer provides");
  }
  return &found->second;
}

const RuleSettingValue* RuleCompiler::setting(std::string_view key) {
  std::vector<std::string>& asked = settings_asked_[std::string(group_)];
  if (std::find(asked.begin(), asked.end(), key) == asked.end()) asked.emplace_back(key);
  if (!settings_) return nullptr;
  auto table = settings_->find(group_);
  if (table == settings_->end()) return nullptr;
  auto value = table->second.find(key);
  return value == table->second.end() ? nullptr : &value->second;
}

Result<std::string> RuleCompiler::setting_string(std::string_view key, std::string_view fallback) {
  const RuleSettingValue* value = setting(key);
  if (!value) return std::string(fallback);
  if (const auto* text = std::get_if<std::string>(&value->value)) return *text;
  return make_error(ErrorCode::kConfig, value->origin + ": 'rules." + std::string(group_) + "." +
                                            std::string(key) + "' must be a string");
}

Status RuleCompiler::check_settings_read() const {
  if (!settings_) return {};
  for (const auto& [group, table] : *settings_) {
    auto asked = settings_asked_.find(group);
    for (const auto& [key, value] : table) {
      if (asked != settings_asked_.end() &&
          std::find(asked->second.begin(), asked->second.end(), key) != asked->second.end()) {
        continue;
      }
      std::string known;
      if (asked != settings_asked_.end()) {
        for (const std::string& name : asked->second) known += (known.empty() ? "" : ", ") + name;
      }
      return make_error(ErrorCode::kConfig,
                        value.origin + ": unknown key '" + key + "' in [rules." + group + "] (" +
                            (known.empty() ? "no rule of group '" + group + "' has settings"
                                           : "known: " + known) +
                            ")");
    }
  }
  return {};
}

}  // namespace scamguard
