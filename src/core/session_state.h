// One call's state behind a CallSession: facts, fired symbols, reused buffers and the
// cached verdict. Owned by one thread at a time.
#pragma once

#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/call_facts.h"
#include "core/engine_state.h"
#include "core/reason.h"
#include "core/rule.h"
#include "scamguard/verdict.h"
#include "text/pattern_set.h"

namespace scamguard::detail {

// Every member must be reset by recycle(): a recycled state must not carry anything from
// the call before (tests/unit/api/session_pool_test.cpp compares it with a new one).
class SessionState final : public FindingSink {
 public:
  explicit SessionState(std::shared_ptr<const EngineState> engine);

  // Ends this call's use of the state: it becomes what a new SessionState is, keeping its
  // buffers, and lets go of the engine, so that it can wait for the engine's next call
  // (core/session_pool.h) without keeping the engine alive. `reuse` gives it an engine back.
  void recycle();
  void reuse(std::shared_ptr<const EngineState> engine);
  uint64_t engine_id() const { return engine_->session_pool_id; }

  // `restored`: the traffic facts the call's first set-up saw (nothing is counted again).
  Status on_signalling(const CallSetup& setup, const TrafficFacts* restored = nullptr);
  Status on_turn(const Turn& turn);
  Status on_device_event(const DeviceEvent& event);
  Status on_call_end(const CallEnd& end);

  const Verdict& verdict() const noexcept { return verdict_; }
  const CallFacts& facts() const override { return facts_; }
  void add(size_t symbol, std::string_view option) override;
  RuleCallState* call_state() override;

 private:
  struct Fired {
    uint32_t symbol;
    int turn;
    // The first option_count are this call's; the rest are a recycled call's, kept for
    // their buffers.
    std::vector<std::string> options;
    size_t option_count = 0;
  };

  // Runs `body` for rule `rule_index`, turning an escaped exception into RULE_FAILED.
  template <class Body>
  void run_rule(uint32_t rule_index, Body&& body);
  void add_symbol(uint32_t symbol, std::string_view option);
  // Rebuilds the verdict when a symbol fired or gained an option since the last event; the
  // verdict depends on nothing else (composites read fired symbols and stages only).
  bool counts_in_traffic() const;
  void update_verdict();
  // Copies options into a finding through the strings it has, so that their buffers serve
  // again; strings it no longer needs wait in spare_strings_.
  void set_options(Finding& finding, std::span<const std::string> options);

  std::shared_ptr<const EngineState> engine_;
  CallFacts facts_;
  std::vector<int> fired_index_;  // symbol id -> index in fired_, or -1
  std::vector<Fired> fired_;
  // Taken apart by recycle() and handed out again, for the buffers they hold.
  std::vector<std::vector<std::string>> spare_options_;
  std::vector<Finding> spare_findings_;
  std::vector<std::string> spare_strings_;
  std::vector<std::unique_ptr<RuleCallState>> rule_states_;  // by rule index, made on demand
  Verdict verdict_;
  bool verdict_stale_ = true;  // the first event computes it (a composite may be all "!")
  ReasonLine reason_;          // verdict_.reason

  // Reused per turn so that steady-state scoring does not allocate.
  std::string normalized_;
  std::vector<text::PatternMatch> matches_;
  struct OwnedMatch {
    uint32_t rule_index;
    uint32_t order;  // position in the scan's output: keeps each rule's matches in order
    RuleMatch match;
  };
  std::vector<OwnedMatch> by_rule_;
  std::vector<RuleMatch> rule_matches_;
  std::vector<TextSpan> warnings_;  // this turn's warning context (core/warning_context.h)
  uint32_t current_rule_ = 0;
  int current_turn_ = kBeforeFirstTurn;
  bool ended_ = false;
};

}  // namespace scamguard::detail
