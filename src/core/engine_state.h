// The compiled, immutable state behind an Engine: rules, symbols, groups, composites and
// the one pattern database. Shared read-only by every CallSession of the Engine.
#pragma once

#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/composite.h"
#include "core/config.h"
#include "core/rule.h"
#include "core/session_pool.h"
#include "text/pattern_set.h"

namespace scamguard::detail {

struct SymbolDef {
  std::string symbol;
  std::string group;
  std::string description;
  std::string phone_wording;  // the description worded for the person (core/reason.h)
  Stage stage = Stage::kContext;
  double score = 0.0;
  double default_score = 0.0;
  uint32_t group_index = 0;
  bool composite = false;
};

struct GroupDef {
  std::string name;
  double max_score = std::numeric_limits<double>::infinity();
};

struct CompiledComposite {
  uint32_t symbol_id;
  CompositeExpression expression;
};

class EngineState {
 public:
  EngineConfig config;
  std::vector<std::unique_ptr<Rule>> rules;
  std::vector<uint32_t> rule_first_symbol;  // rule index -> id of its first symbol
  std::vector<uint32_t> every_turn_rules;   // rules that see every turn
  std::vector<uint32_t> setup_rules;        // rules that see the call set-up
  std::vector<SymbolDef> symbols;           // id -> definition; rules first, then composites
  std::vector<GroupDef> groups;
  std::vector<CompiledComposite> composites;
  // What any composite reads (bit per symbol id, bit per Stage), and whether every composite
  // needs one of them to hold: then a verdict that fired none of them skips the composites.
  std::vector<uint64_t> composite_symbol_operands;
  uint32_t composite_stage_operands = 0;
  bool composites_need_evidence = true;
  text::CompiledPatterns patterns;
  std::vector<RuleCompiler::Owner> pattern_owners;  // pattern id -> rule and tag
  uint32_t rule_failed_symbol = 0;
  std::vector<std::string> warnings;            // Engine::warnings()
  std::shared_ptr<TrafficStore> traffic_store;  // never null after load()

  std::optional<uint32_t> find_symbol(std::string_view name) const;
  // Appends a symbol, indexed by name for find_symbol (the verdict's reason looks findings
  // up by name on every change).
  void add_symbol(SymbolDef def);

  const uint64_t session_pool_id = next_session_pool_id();  // core/session_pool.h

 private:
  struct NameHash {
    using is_transparent = void;
    size_t operator()(std::string_view name) const { return std::hash<std::string_view>{}(name); }
  };
  std::unordered_map<std::string, uint32_t, NameHash, std::equal_to<>> symbol_ids_;
};

}  // namespace scamguard::detail
