#include "scamguard/engine.h"

#include <cmath>
#include <set>

#include "core/engine_state.h"
#include "core/reason.h"
#include "core/session_state.h"

namespace scamguard {
namespace {

using detail::EngineState;
using detail::GroupDef;
using detail::SymbolDef;

// Recorded, with the rule's name, when a rule throws: the call goes on without that rule.
constexpr RuleInfo kRuleFailed{
    .symbol = "RULE_FAILED",
    .group = "internal",
    .stage = Stage::kContext,
    .default_score = 0.0,
    .description = "A rule failed on this call and was skipped; the verdict lacks its evidence",
};

uint32_t group_index(EngineState& state, std::string_view name) {
  for (size_t i = 0; i < state.groups.size(); ++i) {
    if (state.groups[i].name == name) return static_cast<uint32_t>(i);
  }
  state.groups.push_back({std::string(name)});
  return static_cast<uint32_t>(state.groups.size() - 1);
}

Status add_symbol(EngineState& state, const RuleInfo& info, bool composite) {
  if (state.find_symbol(info.symbol)) {
    return make_error(ErrorCode::kInternal,
                      "symbol " + std::string(info.symbol) + " is registered twice");
  }
  SymbolDef def;
  def.symbol = std::string(info.symbol);
  def.group = std::string(info.group);
  def.description = std::string(info.description);
  def.stage = info.stage;
  def.score = def.default_score = info.default_score;
  def.group_index = group_index(state, info.group);
  def.composite = composite;
  def.phone_wording = detail::phone_wording(def.description);
  state.add_symbol(std::move(def));
  return {};
}

Status compile_rules(EngineState& state, const EngineOptions& options) {
  const std::string& pattern_cache_dir = options.pattern_cache_dir;
  text::PatternSetBuilder patterns;
  RuleCompiler compiler(
      patterns, state.config.lists, state.config.home_country_code,
      {state.config.model_path, state.config.model_threshold, state.config.model_min_words},
      state.config.home_region, state.config.traffic);
  compiler.set_script_matcher(options.script_matcher);
  compiler.set_rule_settings(&state.config.rule_settings);
  compiler.add_warning_context_patterns();
  compiler.set_cache_dir(pattern_cache_dir);
  for (RuleFactory factory : rule_registry()) {
    std::unique_ptr<Rule> rule = factory();
    const auto rule_index = static_cast<uint32_t>(state.rules.size());
    state.rule_first_symbol.push_back(static_cast<uint32_t>(state.symbols.size()));
    for (const RuleInfo& info : rule->symbols()) {
      if (Status status = add_symbol(state, info, false); !status) return status;
    }
    const RuleInfo& main_symbol = rule->symbols().front();
    compiler.begin_rule(rule_index, "rule " + std::string(main_symbol.symbol), main_symbol.group);
    if (Status status = rule->compile(compiler); !status) return status;
    if (rule->wants_every_turn()) state.every_turn_rules.push_back(rule_index);
    if (rule->sees_setup()) state.setup_rules.push_back(rule_index);
    state.rules.push_back(std::move(rule));
  }
  if (Status status = compiler.check_settings_read(); !status) return status;
  if (Status status = add_symbol(state, kRuleFailed, false); !status) return status;
  state.rule_failed_symbol = static_cast<uint32_t>(state.symbols.size() - 1);

  Result<text::CompiledPatterns> compiled = patterns.compile(pattern_cache_dir);
  if (!compiled) return Unexpected{compiled.error()};
  state.patterns = std::move(*compiled);
  state.pattern_owners = compiler.owners();
  state.warnings = compiler.warnings();
  return {};
}

Status apply_scores(EngineState& state) {
  for (const auto& [name, setting] : state.config.symbol_scores) {
    std::optional<uint32_t> id = state.find_symbol(name);
    if (!id) {
      return make_error(ErrorCode::kConfig, setting.origin + ": unknown symbol '" + name +
                                                "' (see 'scamguard symbols')");
    }
    if (!std::isfinite(setting.score)) {
      return make_error(ErrorCode::kConfig, setting.origin + ": score must be finite");
    }
    state.symbols[*id].score = setting.score;
  }
  for (const auto& [name, setting] : state.config.group_caps) {
    // Captured through a name of its own: clang 14 (the fuzz preset) cannot capture a
    // structured binding.
    auto group =
        std::find_if(state.groups.begin(), state.groups.end(),
                     [&group_name = name](const GroupDef& g) { return g.name == group_name; });
    if (group == state.groups.end()) {
      return make_error(ErrorCode::kConfig, setting.origin + ": unknown group '" + name + "'");
    }
    if (!(setting.score > 0.0)) {
      return make_error(ErrorCode::kConfig, setting.origin + ": max_score must be positive");
    }
    group->max_score = setting.score;
  }
  return {};
}

Status compile_composites(EngineState& state) {
  for (const CompositeConfig& composite : state.config.composites) {
    auto resolve = [&](std::string_view name) { return state.find_symbol(name); };
    Result<CompositeExpression> expression =
        CompositeExpression::parse(composite.expression, resolve);
    if (!expression) {
      return make_error(ErrorCode::kConfig, composite.origin + ": composite " + composite.name +
                                                ": " + expression.error().message);
    }
    if (composite.description.empty()) {
      return make_error(ErrorCode::kConfig,
                        composite.origin + ": composite " + composite.name + " has no description");
    }
    RuleInfo info{composite.name, "composite", composite.stage, composite.score,
                  composite.description};
    if (Status status = add_symbol(state, info, true); !status) {
      return make_error(ErrorCode::kConfig, composite.origin + ": composite " + composite.name +
                                                " reuses an existing symbol name");
    }
    state.composites.push_back(
        {static_cast<uint32_t>(state.symbols.size() - 1), std::move(*expression)});
  }
  state.composite_symbol_operands.assign(state.symbols.size() / 64 + 1, 0);
  for (const detail::CompiledComposite& composite : state.composites) {
    const CompositeExpression& expression = composite.expression;
    const std::vector<uint64_t>& words = expression.symbol_operands();
    for (size_t w = 0; w < words.size(); ++w) state.composite_symbol_operands[w] |= words[w];
    state.composite_stage_operands |= expression.stage_operands();
    if (expression.value_when_nothing_seen()) state.composites_need_evidence = false;
  }
  return {};
}

}  // namespace

std::optional<uint32_t> detail::EngineState::find_symbol(std::string_view name) const {
  const auto found = symbol_ids_.find(name);
  if (found == symbol_ids_.end()) return std::nullopt;
  return found->second;
}

void detail::EngineState::add_symbol(SymbolDef def) {
  symbol_ids_.emplace(def.symbol, static_cast<uint32_t>(symbols.size()));
  symbols.push_back(std::move(def));
}

Result<Engine> Engine::load(const EngineOptions& options) {
  Result<EngineConfig> config = load_config(options);
  if (!config) return Unexpected{config.error()};
  auto state = std::make_shared<EngineState>();
  state->config = std::move(*config);
  state->traffic_store =
      options.traffic_store ? options.traffic_store : make_memory_traffic_store();
  try {
    if (Status status = compile_rules(*state, options); !status) return Unexpected{status.error()};
    if (Status status = compile_composites(*state); !status) return Unexpected{status.error()};
    if (Status status = apply_scores(*state); !status) return Unexpected{status.error()};
  } catch (const std::exception& error) {
    return make_error(ErrorCode::kInternal,
                      std::string("engine compilation failed: ") + error.what());
  }
  return Engine(std::move(state));
}

CallSession Engine::open_call() const {
  std::unique_ptr<detail::SessionState> state =
      detail::take_recycled_state(state_->session_pool_id);
  if (state) {
    state->reuse(state_);
  } else {
    state = std::make_unique<detail::SessionState>(state_);
  }
  return CallSession(std::move(state));
}

const std::vector<std::string>& Engine::warnings() const noexcept { return state_->warnings; }

std::vector<SymbolInfo> Engine::symbols() const {
  std::vector<SymbolInfo> out;
  out.reserve(state_->symbols.size());
  for (const SymbolDef& def : state_->symbols) {
    out.push_back({def.symbol, def.group, def.stage, def.score, def.default_score, def.description,
                   def.composite});
  }
  return out;
}

Status Engine::record_call_end(const CallSetup& setup, const CallEnd& end) const {
  if (!state_->config.traffic.enabled) return {};
  return record_end(*state_->traffic_store, state_->config.traffic.windows, setup, end);
}

double Engine::warn_score() const noexcept { return state_->config.warn_score; }
double Engine::block_score() const noexcept { return state_->config.block_score; }

}  // namespace scamguard
