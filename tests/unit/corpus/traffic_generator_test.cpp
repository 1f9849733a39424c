// The traffic generator behind `scamguard gen-traffic`: deterministic, in time order, with
// the populations it promises.

#include "corpus/traffic_generator.h"

#include <gtest/gtest.h>

#include <map>
#include <set>
#include <string>

namespace scamguard::corpus {
namespace {

TrafficOptions small(uint64_t seed) {
  TrafficOptions options;
  options.seed = seed;
  options.subscribers = 2000;
  return options;
}

std::string key(const GeneratedCall& call) {
  const CallSetup& s = call.setup;
  return std::to_string(call.id) + " " + to_string(call.source) + " " + s.caller + " " + s.callee +
         " " + s.trunk + " " + std::to_string(s.time_ms) + " " + std::to_string(call.answered) +
         " " + std::to_string(call.talk_seconds);
}

TEST(TrafficGenerator, SameSeedSameCallsOtherSeedOtherCalls) {
  TrafficGenerator a(small(7));
  TrafficGenerator b(small(7));
  TrafficGenerator c(small(8));
  int differ = 0;
  for (int i = 0; i < 5000; ++i) {
    const GeneratedCall from_a = a.next();
    ASSERT_EQ(key(from_a), key(b.next())) << i;
    differ += key(from_a) != key(c.next());
  }
  EXPECT_GT(differ, 4000);
}

TEST(TrafficGenerator, CallsComeInTimeOrderWithEveryPopulation) {
  TrafficGenerator generator(small(1));
  std::map<TrafficSource, int> counts;
  std::set<std::string> centre_trunks;
  int64_t last = 0;
  for (int i = 0; i < 40'000; ++i) {
    const GeneratedCall call = generator.next();
    ASSERT_GE(call.setup.time_ms, last) << i;
    last = call.setup.time_ms;
    ++counts[call.source];
    if (call.source == TrafficSource::kCallCentre) {
      centre_trunks.insert(call.setup.trunk);
      EXPECT_EQ(call.setup.ingress, Ingress::kInternational);
      EXPECT_EQ(call.setup.callee.rfind("+614", 0), 0u) << call.setup.callee;
    }
  }
  EXPECT_GT(counts[TrafficSource::kSubscriber], 20'000);
  EXPECT_GT(counts[TrafficSource::kCallCentre], 8'000);
  EXPECT_GT(counts[TrafficSource::kForeignCaller], 100);
  EXPECT_GT(counts[TrafficSource::kRoaming], 5);
  EXPECT_GT(counts[TrafficSource::kBusinessOutbound], 100);
  EXPECT_EQ(centre_trunks.size(), 3u);
}

TEST(TrafficGenerator, EachAgentDialsItsLeadListInOrder) {
  TrafficOptions options = small(3);
  options.agents = 20;
  TrafficGenerator generator(options);
  // Callees of the call centre, grouped by the lead list they come from (the first 8 digits
  // identify a list), must rise by 1 to 3 from one call to the next.
  std::map<std::string, uint64_t> last_by_list;
  int steps = 0;
  for (int i = 0; i < 20'000; ++i) {
    const GeneratedCall call = generator.next();
    if (call.source != TrafficSource::kCallCentre) continue;
    const uint64_t number = std::stoull(call.setup.callee.substr(1));
    const std::string list = call.setup.callee.substr(0, 8);
    auto it = last_by_list.find(list);
    if (it != last_by_list.end() && number > it->second && number - it->second <= 3) ++steps;
    last_by_list[list] = number;
  }
  EXPECT_GT(steps, 2000);
}

}  // namespace
}  // namespace scamguard::corpus
