#include "core/rule.h"

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

Result<const PhraseList*> RuleCompiler::list(std::string_view name) const {
  auto found = lists_.find(name);
  if (found == lists_.end()) {
    return make_error(ErrorCode::kConfig, origin_ + " needs the list lists/" + std::string(name) +
                                              ".txt, which no configuration layer provides");
  }
  return &found->second;
}

}  // namespace scamguard
