// Only the rules that say sees_setup() are called for a call set-up (core/rule.h). A rule
// that overrides on_setup but forgets to say so would never see one: here every other rule
// gets set-ups of each kind (spoofed, withheld, service number, brand display name, outbound,
// heavy traffic) and must find nothing in them.

#include <gtest/gtest.h>

#include <vector>

#include "core/engine_access.h"
#include "support/test_paths.h"

namespace scamguard {
namespace {

class RecordingSink final : public FindingSink {
 public:
  explicit RecordingSink(const CallSetup& setup) {
    facts_.has_setup = true;
    facts_.setup = setup;
    facts_.traffic.checked = true;
    facts_.traffic.has_caller = facts_.traffic.has_trunk = true;
    facts_.traffic.caller = {.attempts_short = 500,
                             .attempts_long = 5000,
                             .ended = 400,
                             .answered = 10,
                             .short_calls = 9,
                             .duration_ms = 20'000,
                             .distinct_destinations = 4000,
                             .sequential_neighbours = 90};
    facts_.traffic.trunk = facts_.traffic.caller;
  }
  void add(size_t, std::string_view) override { ++added; }
  const CallFacts& facts() const override { return facts_; }
  int added = 0;

 private:
  CallFacts facts_;
};

std::vector<CallSetup> setups_of_each_kind() {
  std::vector<CallSetup> setups(6);
  setups[0].caller = "+61412345678";  // a spoofed mobile from an offshore gateway
  setups[0].display_name = "Amazon";
  setups[0].direction = Direction::kInbound;
  setups[0].ingress = Ingress::kInternational;
  setups[0].ingress_country = "IN";
  setups[0].trunk = "intl-1";
  setups[0].attestation = "C";
  setups[1].caller = "anonymous";  // withheld
  setups[1].privacy = "id";
  setups[2].caller = "+611300123456";  // an inbound-only service number
  setups[2].attestation = "none";
  setups[3].caller = "12";  // too short, an authority's name
  setups[3].display_name = "ATO Tax Office";
  setups[3].attestation = "B";
  setups[4].caller = "+61298765432";  // the user dials a 1300 number
  setups[4].callee = "1300555123";
  setups[4].direction = Direction::kOutbound;
  setups[5].caller = "+61423456789";  // an ordinary mobile
  setups[5].direction = Direction::kInbound;
  setups[5].ingress = Ingress::kDomestic;
  setups[5].trunk = "dom-1";
  setups[5].attestation = "A";
  for (CallSetup& setup : setups) {
    if (setup.callee.empty()) setup.callee = "+61298765432";
  }
  return setups;
}

TEST(SetupRules, OnlyTheRulesThatSeeSetUpsFindAnythingInOne) {
  Result<Engine> engine = testing::load_shipped_engine();
  ASSERT_TRUE(engine.has_value()) << engine.error().message;
  const detail::EngineState& state = detail::engine_state(*engine);
  ASSERT_FALSE(state.setup_rules.empty());
  int found_by_setup_rules = 0;
  for (uint32_t r = 0; r < state.rules.size(); ++r) {
    const Rule& rule = *state.rules[r];
    for (const CallSetup& setup : setups_of_each_kind()) {
      RecordingSink sink(setup);
      rule.on_setup(setup, sink);
      if (rule.sees_setup()) {
        found_by_setup_rules += sink.added;
      } else {
        EXPECT_EQ(sink.added, 0) << "rule " << rule.symbols().front().symbol
                                 << " finds something in a set-up but sees_setup() is false";
      }
    }
  }
  EXPECT_GT(found_by_setup_rules, 6);  // the set-ups do carry evidence
}

}  // namespace
}  // namespace scamguard
