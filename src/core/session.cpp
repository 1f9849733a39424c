#include "scamguard/session.h"

#include <algorithm>
#include <cmath>

#include "core/session_state.h"
#include "text/normalizer.h"
#include "util/assert.h"

namespace scamguard {
namespace detail {

namespace {
constexpr size_t kMaxOptionsPerSymbol = 8;
}

SessionState::SessionState(std::shared_ptr<const EngineState> engine)
    : engine_(std::move(engine)), fired_index_(engine_->symbols.size(), -1) {
  verdict_.warn_score = engine_->config.warn_score;
  verdict_.block_score = engine_->config.block_score;
}

template <class Body>
void SessionState::run_rule(uint32_t rule_index, Body&& body) {
  current_rule_ = rule_index;
  try {
    body(*engine_->rules[rule_index]);
  } catch (...) {
    const std::string_view name = engine_->rules[rule_index]->symbols().front().symbol;
    add_symbol(engine_->rule_failed_symbol, "rule=" + std::string(name));
  }
}

void SessionState::add(size_t symbol, std::string_view option) {
  CS_ASSERT(symbol < engine_->rules[current_rule_]->symbols().size(),
            "a rule emitted a symbol it did not declare");
  add_symbol(engine_->rule_first_symbol[current_rule_] + static_cast<uint32_t>(symbol), option);
}

RuleCallState* SessionState::call_state() {
  if (rule_states_.empty()) rule_states_.resize(engine_->rules.size());
  std::unique_ptr<RuleCallState>& state = rule_states_[current_rule_];
  if (!state) state = engine_->rules[current_rule_]->make_call_state();
  return state.get();
}

void SessionState::add_symbol(uint32_t symbol, std::string_view option) {
  int& index = fired_index_[symbol];
  if (index < 0) {
    index = static_cast<int>(fired_.size());
    fired_.push_back({symbol, current_turn_, {}});
    int& first = facts_.first_stage_turn[static_cast<int>(engine_->symbols[symbol].stage)];
    first = std::min(first, current_turn_);
  }
  std::vector<std::string>& options = fired_[static_cast<size_t>(index)].options;
  if (option.empty() || options.size() >= kMaxOptionsPerSymbol) return;
  if (std::find(options.begin(), options.end(), option) == options.end()) {
    options.emplace_back(option);
  }
}

Status SessionState::on_signalling(const CallSetup& setup) {
  if (facts_.has_setup) {
    return make_error(ErrorCode::kInvalidInput, "the call set-up was already given");
  }
  if (facts_.turn_count > 0) {
    return make_error(ErrorCode::kInvalidInput, "the call set-up must come before the first turn");
  }
  facts_.has_setup = true;
  facts_.setup = setup;
  current_turn_ = kBeforeFirstTurn;
  if (engine_->config.traffic.enabled) {
    facts_.traffic = record_setup(*engine_->traffic_store, engine_->config.traffic.windows, setup);
  }
  for (uint32_t r = 0; r < engine_->rules.size(); ++r) {
    run_rule(r, [&](const Rule& rule) { rule.on_setup(setup, *this); });
  }
  update_verdict();
  return {};
}

Status SessionState::on_turn(const Turn& turn) {
  if (turn.text.size() > engine_->config.max_turn_bytes) {
    return make_error(ErrorCode::kInvalidInput, "turn text is " + std::to_string(turn.text.size()) +
                                                    " bytes; the limit is " +
                                                    std::to_string(engine_->config.max_turn_bytes));
  }
  current_turn_ = facts_.turn_count;
  ++facts_.turn_count;
  if (turn.speaker != Speaker::kUser) ++facts_.remote_turn_count;

  text::normalize(turn.text, normalized_);
  // Made on the first turn: a pre-answer check (set-up only) never scans text, and cloning
  // the scratch space was the largest cost of opening a call.
  if (!has_scratch_) {
    scratch_ = engine_->patterns.make_scratch();
    has_scratch_ = true;
  }
  matches_.clear();
  engine_->patterns.scan(normalized_, scratch_, matches_);

  // Group matches by owning rule so that each rule is called once with its own matches.
  by_rule_.clear();
  for (const text::PatternMatch& match : matches_) {
    const RuleCompiler::Owner& owner = engine_->pattern_owners[match.id];
    by_rule_.push_back({owner.rule_index, RuleMatch{owner.tag, match.from, match.to}});
  }
  for (uint32_t rule_index : engine_->every_turn_rules) {
    by_rule_.push_back({rule_index, RuleMatch{UINT32_MAX, 0, 0}});
  }
  std::stable_sort(by_rule_.begin(), by_rule_.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  for (size_t i = 0; i < by_rule_.size();) {
    const uint32_t rule_index = by_rule_[i].first;
    rule_matches_.clear();
    for (; i < by_rule_.size() && by_rule_[i].first == rule_index; ++i) {
      if (by_rule_[i].second.tag != UINT32_MAX) rule_matches_.push_back(by_rule_[i].second);
    }
    TurnInput input{current_turn_, turn.speaker, normalized_, rule_matches_};
    run_rule(rule_index, [&](const Rule& rule) { rule.on_turn(input, *this); });
  }
  update_verdict();
  return {};
}

Status SessionState::on_device_event(const DeviceEvent& event) {
  current_turn_ = facts_.current_turn();
  std::vector<std::string>& apps = facts_.running_apps;
  switch (event.type) {
    case DeviceEventType::kAppStarted:
      if (std::find(apps.begin(), apps.end(), event.app) == apps.end()) apps.push_back(event.app);
      break;
    case DeviceEventType::kAppStopped:
      apps.erase(std::remove(apps.begin(), apps.end(), event.app), apps.end());
      break;
    case DeviceEventType::kRemoteSessionStarted:
      facts_.remote_session_active = true;
      break;
    case DeviceEventType::kRemoteSessionEnded:
      facts_.remote_session_active = false;
      break;
    case DeviceEventType::kAppInstalled:
    case DeviceEventType::kBankingOpened:
      break;
  }
  for (uint32_t r = 0; r < engine_->rules.size(); ++r) {
    run_rule(r, [&](const Rule& rule) { rule.on_device(event, *this); });
  }
  update_verdict();
  return {};
}

Status SessionState::on_call_end(const CallEnd& end) {
  if (!facts_.has_setup) {
    return make_error(ErrorCode::kInvalidInput, "a call end needs the call set-up first");
  }
  if (ended_) return make_error(ErrorCode::kInvalidInput, "the call end was already given");
  if (!engine_->config.traffic.enabled) {
    ended_ = true;
    return {};
  }
  Status status =
      record_end(*engine_->traffic_store, engine_->config.traffic.windows, facts_.setup, end);
  if (status) ended_ = true;
  return status;
}

void SessionState::update_verdict() {
  const std::vector<SymbolDef>& symbols = engine_->symbols;
  // Group caps: a group's positive total is scaled down to its max_score, so that many
  // phrases of one kind (ten pressure lines) cannot outweigh evidence across stages.
  std::vector<double>& group_total = group_total_;
  group_total.assign(engine_->groups.size(), 0.0);
  for (const Fired& fired : fired_) {
    const double score = symbols[fired.symbol].score;
    if (score > 0) group_total[symbols[fired.symbol].group_index] += score;
  }
  auto capped = [&](uint32_t symbol) {
    const SymbolDef& def = symbols[symbol];
    const double total = group_total[def.group_index];
    const double cap = engine_->groups[def.group_index].max_score;
    return def.score > 0 && total > cap ? def.score * cap / total : def.score;
  };

  verdict_.findings.clear();
  double score = 0.0;
  for (const Fired& fired : fired_) {
    const SymbolDef& def = symbols[fired.symbol];
    Finding finding{def.symbol,           def.group,  def.stage,
                    capped(fired.symbol), fired.turn, fired.options};
    score += finding.score;
    verdict_.findings.push_back(std::move(finding));
  }

  // Composites see rule symbols and composites defined before them.
  std::vector<std::optional<int>>& composite_turn = composite_turn_;
  composite_turn.assign(symbols.size(), std::nullopt);
  auto symbol_turn = [&](uint32_t symbol) -> std::optional<int> {
    if (symbols[symbol].composite) return composite_turn[symbol];
    const int index = fired_index_[symbol];
    if (index < 0) return std::nullopt;
    return fired_[static_cast<size_t>(index)].turn;
  };
  auto stage_turn = [&](Stage stage) -> std::optional<int> {
    if (!facts_.stage_seen(stage)) return std::nullopt;
    return facts_.first_stage_turn[static_cast<int>(stage)];
  };
  for (const CompiledComposite& composite : engine_->composites) {
    std::optional<int> turn = composite.expression.evaluate(symbol_turn, stage_turn);
    if (!turn) continue;
    composite_turn[composite.symbol_id] = turn;
    const SymbolDef& def = symbols[composite.symbol_id];
    score += def.score;
    verdict_.findings.push_back({def.symbol, def.group, def.stage, def.score, *turn, {}});
  }
  std::stable_sort(verdict_.findings.begin(), verdict_.findings.end(),
                   [](const Finding& a, const Finding& b) { return a.turn < b.turn; });

  verdict_.score = std::round(score * 100.0) / 100.0;
  verdict_.action = verdict_.score >= verdict_.block_score  ? Action::kBlock
                    : verdict_.score >= verdict_.warn_score ? Action::kWarn
                                                            : Action::kAllow;
  reason_.update(*engine_, verdict_);
}

}  // namespace detail

CallSession::CallSession(std::unique_ptr<detail::SessionState> state) : state_(std::move(state)) {}
CallSession::CallSession(CallSession&&) noexcept = default;
CallSession& CallSession::operator=(CallSession&&) noexcept = default;
CallSession::~CallSession() = default;

Status CallSession::on_signalling(const CallSetup& setup) { return state_->on_signalling(setup); }
Status CallSession::on_turn(const Turn& turn) { return state_->on_turn(turn); }
Status CallSession::on_device_event(const DeviceEvent& event) {
  return state_->on_device_event(event);
}
Status CallSession::on_call_end(const CallEnd& end) { return state_->on_call_end(end); }
const Verdict& CallSession::verdict() const noexcept { return state_->verdict(); }
int CallSession::turn_count() const noexcept { return state_->facts().turn_count; }

}  // namespace scamguard
