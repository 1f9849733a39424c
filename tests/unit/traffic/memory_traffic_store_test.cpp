// The in-memory state backend: sliding windows, ratios, destinations and neighbours.

#include <gtest/gtest.h>

#include <map>
#include <random>
#include <thread>
#include <vector>

#include "scamguard/traffic_store.h"
#include "traffic/flat_counter.h"

namespace scamguard {
namespace {

constexpr int64_t kT0 = 1'764'400'000'000;  // ms since the epoch, on a bucket boundary

TrafficStats attempt(TrafficStore& state, std::string_view key, int64_t time_ms,
                     uint64_t callee = 0, const TrafficWindows& windows = {}) {
  AttemptRecord record{key, time_ms, callee};
  TrafficStats stats;
  Status status = state.record_attempts({&record, 1}, windows, {&stats, 1});
  EXPECT_TRUE(status.has_value()) << status.error().message;
  return stats;
}

void end(TrafficStore& state, std::string_view key, int64_t time_ms, bool answered,
         int64_t duration_ms) {
  EndRecord record{key, time_ms, answered, duration_ms};
  Status status = state.record_ends({&record, 1}, TrafficWindows{});
  EXPECT_TRUE(status.has_value()) << status.error().message;
}

TEST(MemoryTrafficStore, ShortWindowSlidesLongWindowKeeps) {
  auto state = make_memory_traffic_store();
  for (int i = 0; i < 5; ++i) attempt(*state, "cli:a", kT0 + i * 1000);
  TrafficStats now = attempt(*state, "cli:a", kT0 + 5000);
  EXPECT_EQ(now.attempts_short, 6u);
  EXPECT_EQ(now.attempts_long, 6u);
  // Two minutes later the minute window has emptied; the ten-minute window has not.
  TrafficStats later = attempt(*state, "cli:a", kT0 + 125'000);
  EXPECT_EQ(later.attempts_short, 1u);
  EXPECT_EQ(later.attempts_long, 7u);
  // Eleven minutes after that, only the new attempt remains.
  TrafficStats much_later = attempt(*state, "cli:a", kT0 + 125'000 + 660'000);
  EXPECT_EQ(much_later.attempts_short, 1u);
  EXPECT_EQ(much_later.attempts_long, 1u);
}

TEST(MemoryTrafficStore, KeysAreIndependent) {
  auto state = make_memory_traffic_store();
  attempt(*state, "cli:a", kT0);
  attempt(*state, "cli:a", kT0 + 1);
  EXPECT_EQ(attempt(*state, "cli:b", kT0 + 2).attempts_short, 1u);
  EXPECT_EQ(attempt(*state, "trunk:a", kT0 + 3).attempts_short, 1u);
}

TEST(MemoryTrafficStore, EndsGiveAnswerRatioAndDurations) {
  auto state = make_memory_traffic_store();
  for (int i = 0; i < 10; ++i) {
    attempt(*state, "trunk:gw", kT0 + i * 100);
    end(*state, "trunk:gw", kT0 + 20'000 + i * 100, i < 3, i < 3 ? (i + 1) * 10'000 : 0);
  }
  TrafficStats stats = attempt(*state, "trunk:gw", kT0 + 40'000);
  EXPECT_EQ(stats.ended, 10u);
  EXPECT_EQ(stats.answered, 3u);
  EXPECT_EQ(stats.duration_ms, 60'000);  // 10 + 20 + 30 s
  EXPECT_EQ(stats.short_calls, 2u);      // 10 s and 20 s are under 30 s
}

TEST(MemoryTrafficStore, DistinctDestinationsAndSequentialNeighbours) {
  auto state = make_memory_traffic_store();
  // A dialler working a lead list in order: each callee is next to the previous ones.
  TrafficStats stats;
  for (uint64_t i = 0; i < 6; ++i) stats = attempt(*state, "cli:d", kT0 + i, 61412000100 + i);
  EXPECT_EQ(stats.distinct_destinations, 6u);
  EXPECT_EQ(stats.sequential_neighbours, 5u);
  // Redialling a number already called adds no distinct destination.
  stats = attempt(*state, "cli:d", kT0 + 10, 61412000100);
  EXPECT_EQ(stats.distinct_destinations, 6u);
  EXPECT_EQ(stats.sequential_neighbours, 0u) << "a redial is not a sweep";
  // Numbers far apart are not neighbours.
  auto other = make_memory_traffic_store();
  for (uint64_t i = 0; i < 6; ++i) {
    stats = attempt(*other, "cli:r", kT0 + i, 61412000100 + i * 7'654'321);
  }
  EXPECT_EQ(stats.sequential_neighbours, 0u);
  EXPECT_EQ(stats.distinct_destinations, 6u);
}

TEST(MemoryTrafficStore, CallsToOneHotlineAreNotSequential) {
  auto state = make_memory_traffic_store();
  TrafficStats stats;
  for (int i = 0; i < 10; ++i) stats = attempt(*state, "t:dom-1", kT0 + i, 61298760000);
  EXPECT_EQ(stats.sequential_neighbours, 0u);
  // A new number next to the hotline has one neighbour, the hotline, counted once.
  stats = attempt(*state, "t:dom-1", kT0 + 20, 61298760001);
  EXPECT_EQ(stats.sequential_neighbours, 1u);
}

TEST(MemoryTrafficStore, DestinationsExpireWithTheWindow) {
  auto state = make_memory_traffic_store();
  attempt(*state, "cli:e", kT0, 61412000100);
  attempt(*state, "cli:e", kT0 + 1, 61412000101);
  TrafficStats later = attempt(*state, "cli:e", kT0 + 700'000, 61412000102);
  EXPECT_EQ(later.distinct_destinations, 1u);
  EXPECT_EQ(later.sequential_neighbours, 0u);
}

TEST(MemoryTrafficStore, LateEventOutsideTheWindowIsDropped) {
  auto state = make_memory_traffic_store();
  attempt(*state, "cli:l", kT0 + 1'000'000);
  TrafficStats stats = attempt(*state, "cli:l", kT0);  // 1000 s earlier: outside
  EXPECT_EQ(stats.attempts_long, 1u);
}

TEST(MemoryTrafficStore, InconsistentWindowsAreRefused) {
  auto state = make_memory_traffic_store();
  TrafficWindows bad;
  bad.short_buckets = 100;  // longer than the long window
  AttemptRecord record{"cli:x", kT0, 0};
  TrafficStats stats;
  Status status = state->record_attempts({&record, 1}, bad, {&stats, 1});
  ASSERT_FALSE(status.has_value());
  EXPECT_EQ(status.error().code, ErrorCode::kInvalidInput);
}

TEST(MemoryTrafficStore, ConcurrentAttemptsAreAllCounted) {
  auto state = make_memory_traffic_store();
  constexpr int kThreads = 4;
  constexpr int kEach = 2000;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&state, t] {
      for (int i = 0; i < kEach; ++i) {
        attempt(*state, "trunk:shared", kT0 + i,
                61400000000 + static_cast<uint64_t>(t * kEach + i));
        attempt(*state, "cli:" + std::to_string(t), kT0 + i);
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  TrafficStats stats = attempt(*state, "trunk:shared", kT0 + kEach);
  EXPECT_EQ(stats.attempts_long, static_cast<uint32_t>(kThreads * kEach + 1));
  EXPECT_EQ(stats.distinct_destinations, static_cast<uint32_t>(kThreads * kEach));
}

}  // namespace
}  // namespace scamguard

namespace scamguard {
namespace {

// The open-addressed counter behind the memory backend, against std::map, through random
// increments and decrements that force growth and long probe runs with deletions.
TEST(FlatCounter, AgreesWithStdMap) {
  FlatCounter flat;
  std::map<uint64_t, uint32_t> reference;
  std::mt19937_64 random(5);
  for (int i = 0; i < 200'000; ++i) {
    // Few distinct keys, clustered, so that probe runs collide and deletions shift them.
    const uint64_t key = 61412000000 + random() % 3000;
    if (random() % 3 == 0) {
      flat.decrement(key);
      auto it = reference.find(key);
      if (it != reference.end() && --it->second == 0) reference.erase(it);
    } else {
      const uint32_t before = reference[key]++;
      ASSERT_EQ(flat.increment(key), before) << i;
    }
    ASSERT_EQ(flat.size(), reference.size()) << i;
  }
  for (uint64_t key = 61412000000; key < 61412003000; ++key) {
    auto it = reference.find(key);
    ASSERT_EQ(flat.count(key), it == reference.end() ? 0u : it->second) << key;
  }
  EXPECT_EQ(flat.count(0), 0u);
}

}  // namespace
}  // namespace scamguard
