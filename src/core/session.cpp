#include "scamguard/session.h"

#include <algorithm>
#include <charconv>
#include <cmath>

#include "core/session_state.h"
#include "text/normalizer.h"
#include "util/assert.h"

namespace scamguard {
namespace detail {

namespace {
constexpr size_t kMaxOptionsPerSymbol = 8;

// Rebuilt by every verdict, so kept per thread rather than per call: a call that only gets
// a set-up (a SIP proxy's check) allocates neither.
struct VerdictScratch {
  std::vector<double> group_total;                 // per group
  std::vector<std::optional<int>> composite_turn;  // per symbol; only composites' are used
  std::vector<uint64_t> seen;                      // bit per symbol fired (or composite true)
};
thread_local VerdictScratch t_verdict;
}  // namespace

SessionState::SessionState(std::shared_ptr<const EngineState> engine)
    : engine_(std::move(engine)), fired_index_(engine_->symbols.size(), -1) {
  verdict_.warn_score = engine_->config.warn_score;
  verdict_.block_score = engine_->config.block_score;
}

void SessionState::recycle() {
  for (size_t i = fired_.size(); i-- > 0;) {
    fired_index_[fired_[i].symbol] = -1;
    spare_options_.push_back(std::move(fired_[i].options));
  }
  fired_.clear();
  facts_ = CallFacts();
  for (std::unique_ptr<RuleCallState>& state : rule_states_) state.reset();
  // In reverse, so that the next call's findings take the same places (and buffers).
  for (size_t i = verdict_.findings.size(); i-- > 0;) {
    spare_findings_.push_back(std::move(verdict_.findings[i]));
  }
  verdict_.findings.clear();
  verdict_.reason.clear();
  verdict_.score = 0.0;
  verdict_.action = Action::kAllow;
  verdict_stale_ = true;
  reason_.reset();
  current_rule_ = 0;
  current_turn_ = kBeforeFirstTurn;
  ended_ = false;
  engine_.reset();  // last: this call may hold the last reference
}

void SessionState::reuse(std::shared_ptr<const EngineState> engine) {
  CS_ASSERT(engine->symbols.size() == fired_index_.size(), "a state reused by another engine");
  engine_ = std::move(engine);
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
    if (!spare_options_.empty()) {
      fired_.back().options = std::move(spare_options_.back());
      spare_options_.pop_back();
    }
    int& first = facts_.first_stage_turn[static_cast<int>(engine_->symbols[symbol].stage)];
    first = std::min(first, current_turn_);
    verdict_stale_ = true;
  }
  Fired& fired = fired_[static_cast<size_t>(index)];
  if (option.empty() || fired.option_count >= kMaxOptionsPerSymbol) return;
  const auto end = fired.options.begin() + fired.option_count;
  if (std::find(fired.options.begin(), end, option) == end) {
    if (fired.option_count < fired.options.size()) {
      fired.options[fired.option_count].assign(option);
    } else {
      fired.options.emplace_back(option);
    }
    ++fired.option_count;
    verdict_stale_ = true;
  }
}

Status SessionState::on_signalling(const CallSetup& setup, const TrafficFacts* restored) {
  if (facts_.has_setup) {
    return make_error(ErrorCode::kInvalidInput, "the call set-up was already given");
  }
  if (facts_.turn_count > 0) {
    return make_error(ErrorCode::kInvalidInput, "the call set-up must come before the first turn");
  }
  facts_.has_setup = true;
  facts_.setup = setup;
  current_turn_ = kBeforeFirstTurn;
  if (restored) {
    facts_.traffic = *restored;
  } else if (counts_in_traffic()) {
    facts_.traffic = record_setup(*engine_->traffic_store, engine_->config.traffic.windows, setup);
  }
  for (uint32_t r : engine_->setup_rules) {
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
  matches_.clear();
  engine_->patterns.scan(normalized_, matches_);

  // Group matches by owning rule so that each rule is called once with its own matches, in
  // the order vectorscan reported them (std::sort with the order as tie-break: stable
  // without std::stable_sort's temporary buffer).
  by_rule_.clear();
  warnings_.clear();
  for (const text::PatternMatch& match : matches_) {
    const RuleCompiler::Owner& owner = engine_->pattern_owners[match.id];
    if (owner.rule_index == RuleCompiler::kWarningContextOwner) {
      warnings_.push_back({match.from, match.to});
      continue;
    }
    by_rule_.push_back({owner.rule_index, static_cast<uint32_t>(by_rule_.size()),
                        RuleMatch{owner.tag, match.from, match.to}});
  }
  for (uint32_t rule_index : engine_->every_turn_rules) {
    by_rule_.push_back(
        {rule_index, static_cast<uint32_t>(by_rule_.size()), RuleMatch{UINT32_MAX, 0, 0}});
  }
  std::sort(by_rule_.begin(), by_rule_.end(), [](const OwnedMatch& a, const OwnedMatch& b) {
    return a.rule_index != b.rule_index ? a.rule_index < b.rule_index : a.order < b.order;
  });
  for (size_t i = 0; i < by_rule_.size();) {
    const uint32_t rule_index = by_rule_[i].rule_index;
    rule_matches_.clear();
    for (; i < by_rule_.size() && by_rule_[i].rule_index == rule_index; ++i) {
      if (by_rule_[i].match.tag != UINT32_MAX) rule_matches_.push_back(by_rule_[i].match);
    }
    TurnInput input{current_turn_, turn.speaker, normalized_, rule_matches_, warnings_};
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

// The traffic windows describe who calls the protected users. A call a user placed has their
// own number as the caller: how often they dial says nothing about a call centre.
bool SessionState::counts_in_traffic() const {
  return engine_->config.traffic.enabled && facts_.setup.direction != Direction::kOutbound;
}

Status SessionState::on_call_end(const CallEnd& end) {
  if (!facts_.has_setup) {
    return make_error(ErrorCode::kInvalidInput, "a call end needs the call set-up first");
  }
  if (ended_) return make_error(ErrorCode::kInvalidInput, "the call end was already given");
  if (!counts_in_traffic()) {
    ended_ = true;
    return {};
  }
  Status status =
      record_end(*engine_->traffic_store, engine_->config.traffic.windows, facts_.setup, end);
  if (status) ended_ = true;
  return status;
}

void SessionState::set_options(Finding& finding, std::span<const std::string> options) {
  std::vector<std::string>& to = finding.options;
  while (to.size() > options.size()) {
    spare_strings_.push_back(std::move(to.back()));
    to.pop_back();
  }
  while (to.size() < options.size()) {
    if (spare_strings_.empty()) {
      to.emplace_back();
    } else {
      to.push_back(std::move(spare_strings_.back()));
      spare_strings_.pop_back();
    }
  }
  for (size_t i = 0; i < options.size(); ++i) to[i].assign(options[i]);
}

void SessionState::update_verdict() {
  if (!verdict_stale_) return;
  verdict_stale_ = false;
  const std::vector<SymbolDef>& symbols = engine_->symbols;
  // Group caps: a group's positive total is scaled down to its max_score, so that many
  // phrases of one kind (ten pressure lines) cannot outweigh evidence across stages.
  std::vector<double>& group_total = t_verdict.group_total;
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

  // Findings are assigned in place, so that their strings keep their capacity from one
  // verdict to the next.
  std::vector<Finding>& findings = verdict_.findings;
  size_t count = 0;
  auto next_finding = [&]() -> Finding& {
    if (count == findings.size()) {
      if (spare_findings_.empty()) {
        findings.emplace_back();
      } else {
        findings.push_back(std::move(spare_findings_.back()));
        spare_findings_.pop_back();
      }
    }
    return findings[count++];
  };
  double score = 0.0;
  for (const Fired& fired : fired_) {
    const SymbolDef& def = symbols[fired.symbol];
    Finding& finding = next_finding();
    finding.symbol = def.symbol;
    finding.group = def.group;
    finding.stage = def.stage;
    finding.score = capped(fired.symbol);
    finding.turn = fired.turn;
    set_options(finding, {fired.options.data(), fired.option_count});
    score += finding.score;
  }

  // Composites see rule symbols and composites defined before them.
  uint32_t stages_seen = 0;
  for (int stage = 0; stage < kStageCount; ++stage) {
    if (facts_.stage_seen(static_cast<Stage>(stage))) stages_seen |= 1u << stage;
  }
  std::vector<uint64_t>& seen = t_verdict.seen;
  seen.assign(symbols.size() / 64 + 1, 0);
  for (const Fired& fired : fired_) seen[fired.symbol / 64] |= uint64_t{1} << (fired.symbol % 64);
  // A pre-answer check fires nothing a composite reads: when every composite needs some
  // evidence, none holds, and the loop below is skipped.
  bool composites_touched =
      !engine_->composites_need_evidence || (stages_seen & engine_->composite_stage_operands) != 0;
  for (size_t w = 0; !composites_touched && w < seen.size(); ++w) {
    composites_touched = (seen[w] & engine_->composite_symbol_operands[w]) != 0;
  }
  std::vector<std::optional<int>>& composite_turn = t_verdict.composite_turn;
  if (composite_turn.size() < symbols.size()) composite_turn.resize(symbols.size());
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
  if (composites_touched) {
    for (const CompiledComposite& composite : engine_->composites) {
      const CompositeExpression& expression = composite.expression;
      // Most composites have no operand seen yet (a pre-answer check sees few symbols): their
      // value is then the one computed at load, without walking the expression.
      bool any_operand = (expression.stage_operands() & stages_seen) != 0;
      const std::vector<uint64_t>& operands = expression.symbol_operands();
      for (size_t w = 0; !any_operand && w < operands.size(); ++w) {
        any_operand = (operands[w] & seen[w]) != 0;
      }
      std::optional<int> turn = any_operand ? expression.evaluate(symbol_turn, stage_turn)
                                            : expression.value_when_nothing_seen();
      composite_turn[composite.symbol_id] = turn;
      if (!turn) continue;
      seen[composite.symbol_id / 64] |= uint64_t{1} << (composite.symbol_id % 64);
      const SymbolDef& def = symbols[composite.symbol_id];
      score += def.score;
      Finding& finding = next_finding();
      finding.symbol = def.symbol;
      finding.group = def.group;
      finding.stage = def.stage;
      finding.score = def.score;
      finding.turn = *turn;
      set_options(finding, {});
    }
  }
  for (size_t i = count; i < findings.size(); ++i) {
    spare_findings_.push_back(std::move(findings[i]));
  }
  findings.resize(count);
  // By first turn, ties in firing order: an insertion sort, stable and allocation-free, on
  // a list that is short and nearly sorted already.
  for (size_t i = 1; i < findings.size(); ++i) {
    for (size_t j = i; j > 0 && findings[j - 1].turn > findings[j].turn; --j) {
      std::swap(findings[j - 1], findings[j]);
    }
  }

  verdict_.score = std::round(score * 100.0) / 100.0;
  verdict_.action = verdict_.score >= verdict_.block_score  ? Action::kBlock
                    : verdict_.score >= verdict_.warn_score ? Action::kWarn
                                                            : Action::kAllow;
  reason_.update(*engine_, verdict_);
}

}  // namespace detail

CallSession::CallSession(std::unique_ptr<detail::SessionState> state) : state_(std::move(state)) {}
CallSession::CallSession(CallSession&&) noexcept = default;
CallSession& CallSession::operator=(CallSession&& other) noexcept {
  if (this != &other) {
    close();
    state_ = std::move(other.state_);
  }
  return *this;
}
CallSession::~CallSession() { close(); }

void CallSession::close() noexcept {
  if (!state_) return;
  try {
    const uint64_t engine_id = state_->engine_id();
    // The state may hold the last reference to the engine: it goes with recycle(), here.
    state_->recycle();
    detail::keep_recycled_state(engine_id, std::move(state_));
  } catch (...) {
    state_.reset();  // out of memory while recycling: the state is simply freed
  }
}

Status CallSession::on_signalling(const CallSetup& setup) { return state_->on_signalling(setup); }

namespace {

// "t1 <checked> <unavailable> <has_caller> <8 caller figures> <has_trunk> <8 trunk figures>"
void put(std::string& out, int64_t value) {
  out += ' ';
  out += std::to_string(value);
}

void put(std::string& out, const TrafficStats& stats) {
  for (int64_t value :
       {int64_t{stats.attempts_short}, int64_t{stats.attempts_long}, int64_t{stats.ended},
        int64_t{stats.answered}, int64_t{stats.short_calls}, stats.duration_ms,
        int64_t{stats.distinct_destinations}, int64_t{stats.sequential_neighbours}}) {
    put(out, value);
  }
}

bool take(std::string_view& in, int64_t& value) {
  while (!in.empty() && in.front() == ' ') in.remove_prefix(1);
  const auto [end, error] = std::from_chars(in.data(), in.data() + in.size(), value);
  if (error != std::errc()) return false;
  in.remove_prefix(static_cast<size_t>(end - in.data()));
  return true;
}

bool take(std::string_view& in, TrafficStats& stats) {
  int64_t v[8];
  for (int64_t& value : v) {
    if (!take(in, value) || value < 0) return false;
  }
  stats = {static_cast<uint32_t>(v[0]), static_cast<uint32_t>(v[1]), static_cast<uint32_t>(v[2]),
           static_cast<uint32_t>(v[3]), static_cast<uint32_t>(v[4]), v[5],
           static_cast<uint32_t>(v[6]), static_cast<uint32_t>(v[7])};
  return true;
}

}  // namespace

std::string CallSession::setup_traffic() const {
  const TrafficFacts& traffic = state_->facts().traffic;
  if (!traffic.checked) return {};
  std::string out = "t1";
  put(out, traffic.unavailable ? 1 : 0);
  put(out, traffic.has_caller ? 1 : 0);
  put(out, traffic.caller);
  put(out, traffic.has_trunk ? 1 : 0);
  put(out, traffic.trunk);
  return out;
}

Status CallSession::on_signalling_restored(const CallSetup& setup, std::string_view setup_traffic) {
  TrafficFacts traffic;
  if (!setup_traffic.empty()) {
    std::string_view in = setup_traffic;
    int64_t unavailable = 0;
    int64_t has_caller = 0;
    int64_t has_trunk = 0;
    const bool versioned = in.starts_with("t1 ");
    if (versioned) in.remove_prefix(2);
    if (!versioned || !take(in, unavailable) || !take(in, has_caller) ||
        !take(in, traffic.caller) || !take(in, has_trunk) || !take(in, traffic.trunk)) {
      return make_error(ErrorCode::kInvalidInput,
                        "stored set-up traffic '" + std::string(setup_traffic) + "' is malformed");
    }
    traffic.checked = true;
    traffic.unavailable = unavailable != 0;
    if (traffic.unavailable) traffic.error = "the traffic state was unavailable at set-up";
    traffic.has_caller = has_caller != 0;
    traffic.has_trunk = has_trunk != 0;
  }
  return state_->on_signalling(setup, &traffic);
}
Status CallSession::on_turn(const Turn& turn) { return state_->on_turn(turn); }
Status CallSession::on_device_event(const DeviceEvent& event) {
  return state_->on_device_event(event);
}
Status CallSession::on_call_end(const CallEnd& end) { return state_->on_call_end(end); }
const Verdict& CallSession::verdict() const noexcept { return state_->verdict(); }
int CallSession::turn_count() const noexcept { return state_->facts().turn_count; }

}  // namespace scamguard
