// The turn path allocates nothing in the steady state: once a session and its thread have
// grown their buffers (normaliser, matches, verdict, the text model's word cache), on_turn
// reuses them. Proved with a counting operator new, for this thread only, through the
// public API (the corpus reader aside): a session is warmed up on a scripted call and on the
// visible corpora's turns when they are present, and the same turns then score again without one
// allocation.

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <new>
#include <string>
#include <vector>

#include "corpus/corpus_reader.h"
#include "scamguard/scamguard.h"
#include "support/test_paths.h"

namespace {
thread_local bool t_counting = false;
thread_local long t_allocations = 0;
}  // namespace

// Every allocation of the executable goes through these; only this thread's are counted,
// and only between start and stop. (GCC 12 warns that free() meets memory from operator
// new where it inlines both; they are this file's own pair, malloc and free.)
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wmismatched-new-delete"
#endif
void* operator new(std::size_t size) {
  if (t_counting) ++t_allocations;
  if (void* p = std::malloc(size == 0 ? 1 : size)) return p;
  throw std::bad_alloc();
}
void* operator new[](std::size_t size) { return operator new(size); }
void operator delete(void* p) noexcept { std::free(p); }
void operator delete[](void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }
void operator delete[](void* p, std::size_t) noexcept { std::free(p); }

namespace scamguard {
namespace {

std::vector<Turn> warm_up_turns() {
  std::vector<Turn> turns = {
      {Speaker::kRemote, "hello sir i am calling from amazon customer care about your cashback"},
      {Speaker::kUser, "oh okay what cashback"},
      {Speaker::kRemote,
       "please download any desk from the play store and read me the nine digit code"},
      {Speaker::kUser, "its one two three four five six seven eight nine"},
      {Speaker::kRemote,
       "sir your security software has crashed you need to pay one forty nine dollars, A$149"},
      {Speaker::kRemote, "now please log in to your bank account so i can send the refund"},
      {Speaker::kUnknown, "caf\xc3\xa9 \xff\xfe [Company] um amazon.com.au $1,537.35 & 20%"},
  };
  // A slice of the visible corpora, for the real mix of turns (not required: the scripted
  // call alone proves the point).
  const std::filesystem::path calls = testing::shared_data_dir() / "calls";
  std::error_code error;
  if (std::filesystem::is_directory(calls, error)) {
    (void)corpus::read_corpus(
        calls.string(),
        [&](corpus::CorpusCall&& call) {
          if (turns.size() < 3000) turns.insert(turns.end(), call.turns.begin(), call.turns.end());
        },
        [](const corpus::LineError&) {});
  }
  return turns;
}

TEST(SteadyState, OnTurnAllocatesNothingAfterWarmUp) {
  Result<Engine> engine = testing::load_shipped_engine();
  ASSERT_TRUE(engine.has_value()) << engine.error().message;
  const std::vector<Turn> turns = warm_up_turns();
  CallSession call = engine->open_call();
  // Two passes: the second lets the text model fire, once, if the first did not.
  for (int pass = 0; pass < 2; ++pass) {
    for (const Turn& turn : turns) ASSERT_TRUE(call.on_turn(turn).has_value());
  }
  ASSERT_FALSE(call.verdict().findings.empty());

  t_allocations = 0;
  t_counting = true;
  for (const Turn& turn : turns) (void)call.on_turn(turn);
  t_counting = false;
  EXPECT_EQ(t_allocations, 0) << "allocations in " << turns.size() << " turns";
}

// Traffic figures that never change, so that the set-up path is measured apart from the
// store's own growth (a memory store's key table grows with the callers it sees).
class FixedTrafficStore final : public TrafficStore {
 public:
  Status record_attempts(std::span<const AttemptRecord>, const TrafficWindows&,
                         std::span<TrafficStats> out) override {
    for (TrafficStats& stats : out) stats = {.attempts_short = 40, .attempts_long = 300};
    return {};
  }
  Status record_ends(std::span<const EndRecord>, const TrafficWindows&) override { return {}; }
  std::string_view name() const noexcept override { return "fixed"; }
};

// A SIP proxy's check: open a call, give its set-up, read the verdict, close it. Closed
// states are recycled (core/session_pool.h), so once warm a check allocates nothing.
TEST(SteadyState, PreAnswerCheckAllocatesNothingAfterWarmUp) {
  EngineOptions options = testing::shipped_engine_options();
  options.traffic_store = std::make_shared<FixedTrafficStore>();
  Result<Engine> engine = Engine::load(options);
  ASSERT_TRUE(engine.has_value()) << engine.error().message;
  std::vector<CallSetup> setups(3);
  // A call centre's spoofed mobile on an international trunk (many findings, block) ...
  setups[0].caller = "+61412345678";
  setups[0].callee = "+61298765432";
  setups[0].ingress = Ingress::kInternational;
  setups[0].ingress_country = "IN";
  setups[0].trunk = "intl-gw-1";
  setups[0].attestation = "C";
  setups[0].display_name = "Amazon Support";
  // ... an ordinary mobile on a domestic trunk, and a withheld number.
  setups[1].caller = "+61423456789";
  setups[1].callee = "+61298765432";
  setups[1].trunk = "dom-3";
  setups[1].attestation = "A";
  setups[2].caller = "anonymous";
  setups[2].callee = "+61298765432";
  auto check_all = [&] {
    int blocked = 0;
    for (const CallSetup& setup : setups) {
      CallSession call = engine->open_call();
      (void)call.on_signalling(setup);
      blocked += call.verdict().action == Action::kBlock;
    }
    return blocked;
  };
  for (int i = 0; i < 3; ++i) ASSERT_GE(check_all(), 1);

  t_allocations = 0;
  t_counting = true;
  for (int i = 0; i < 100; ++i) (void)check_all();
  t_counting = false;
  EXPECT_EQ(t_allocations, 0) << "allocations in " << 100 * setups.size() << " checks";
}

// The counter does count: a turn that brings new evidence stores it.
TEST(SteadyState, CounterSeesNewEvidence) {
  Result<Engine> engine = testing::load_shipped_engine();
  ASSERT_TRUE(engine.has_value()) << engine.error().message;
  CallSession call = engine->open_call();
  ASSERT_TRUE(call.on_turn({Speaker::kRemote, "hello how are you today"}).has_value());
  t_allocations = 0;
  t_counting = true;
  (void)call.on_turn({Speaker::kRemote, "please download any desk and read me the code"});
  t_counting = false;
  EXPECT_GT(t_allocations, 0);
}

}  // namespace
}  // namespace scamguard
