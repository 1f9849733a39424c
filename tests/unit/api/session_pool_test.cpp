// Closed sessions are recycled for the engine's next open_call (core/session_pool.h): a
// recycled state must be indistinguishable from a new one. Each test closes a call that
// fired much (a whole scam: every stage, options, a remote session, a rule call state) and
// compares what the next call on that engine gives with the same events on an engine whose
// sessions were never reused.

#include <gtest/gtest.h>

#include <thread>
#include <vector>

#include "scamguard/scamguard.h"
#include "support/test_paths.h"

namespace scamguard {
namespace {

const std::vector<Turn>& scam_turns() {
  static const std::vector<Turn> turns = {
      {Speaker::kRemote, "hello sir i am calling from amazon customer care about your refund"},
      {Speaker::kRemote, "please download any desk from the play store and read me the code"},
      {Speaker::kUser, "its one two three four five six seven eight nine"},
      {Speaker::kRemote, "you need to pay a fee of one forty nine dollars with gift cards"},
      {Speaker::kRemote, "now log in to your bank account, do not tell anyone at the bank"},
  };
  return turns;
}

// Fires a whole scam on `engine` and closes the call, leaving its state in the pool.
void close_a_scam_call(const Engine& engine) {
  CallSession call = engine.open_call();
  for (const Turn& turn : scam_turns()) ASSERT_TRUE(call.on_turn(turn).has_value());
  ASSERT_TRUE(
      call.on_device_event({DeviceEventType::kRemoteSessionStarted, "anydesk"}).has_value());
  ASSERT_EQ(call.verdict().action, Action::kBlock);
}

struct Scored {
  std::string before;  // the verdict before any event
  std::string after;
  int turns = 0;
};

// One remote-access request and nothing else: a call that reaches block only if the scam
// call's stages, symbols or device state leaked into it.
Scored score_a_partial_call(const Engine& engine) {
  CallSession call = engine.open_call();
  Scored scored;
  scored.before = to_json(call.verdict());
  (void)call.on_turn({Speaker::kRemote, "can you open the app store and install any desk"});
  (void)call.on_device_event({DeviceEventType::kBankingOpened, "bank"});
  scored.after = to_json(call.verdict());
  scored.turns = call.turn_count();
  return scored;
}

TEST(SessionPool, RecycledStateScoresLikeANewOne) {
  Result<Engine> used = testing::load_shipped_engine();
  Result<Engine> fresh = testing::load_shipped_engine();
  ASSERT_TRUE(used.has_value()) << used.error().message;
  ASSERT_TRUE(fresh.has_value()) << fresh.error().message;
  const Scored expected = score_a_partial_call(*fresh);
  ASSERT_NE(expected.after, expected.before);  // the partial call finds something

  for (int round = 0; round < 3; ++round) {
    close_a_scam_call(*used);
    const Scored got = score_a_partial_call(*used);
    EXPECT_EQ(got.before, expected.before) << "round " << round;
    EXPECT_EQ(got.after, expected.after) << "round " << round;
    EXPECT_EQ(got.turns, expected.turns) << "round " << round;
  }
}

TEST(SessionPool, MoveAssignmentRecyclesTheOverwrittenCall) {
  Result<Engine> used = testing::load_shipped_engine();
  Result<Engine> fresh = testing::load_shipped_engine();
  ASSERT_TRUE(used.has_value() && fresh.has_value());
  CallSession call = used->open_call();
  for (const Turn& turn : scam_turns()) ASSERT_TRUE(call.on_turn(turn).has_value());
  call = used->open_call();  // the scam call's state goes back to the pool
  EXPECT_EQ(to_json(call.verdict()), to_json(fresh->open_call().verdict()));
  EXPECT_EQ(score_a_partial_call(*used).after, score_a_partial_call(*fresh).after);
}

// States are kept per engine: a closed engine's states never serve the next engine, even
// one loaded at the same address.
TEST(SessionPool, AClosedEnginesStatesNeverServeAnother) {
  Result<Engine> fresh = testing::load_shipped_engine();
  ASSERT_TRUE(fresh.has_value());
  const Scored expected = score_a_partial_call(*fresh);
  for (int round = 0; round < 3; ++round) {
    {
      Result<Engine> closed = testing::load_shipped_engine();
      ASSERT_TRUE(closed.has_value());
      for (int i = 0; i < 20; ++i) close_a_scam_call(*closed);
    }
    Result<Engine> next = testing::load_shipped_engine();
    ASSERT_TRUE(next.has_value());
    EXPECT_EQ(score_a_partial_call(*next).after, expected.after) << "round " << round;
  }
}

// A session may outlive its Engine object (the state holds the engine) and may be closed on
// another thread than the one that opened it.
TEST(SessionPool, SessionsOutliveTheEngineAndMoveBetweenThreads) {
  std::vector<CallSession> calls;
  {
    Result<Engine> engine = testing::load_shipped_engine();
    ASSERT_TRUE(engine.has_value());
    for (int i = 0; i < 40; ++i) calls.push_back(engine->open_call());
  }
  for (CallSession& call : calls) {
    ASSERT_TRUE(call.on_turn(scam_turns()[1]).has_value());
    EXPECT_FALSE(call.verdict().findings.empty());  // the engine still scores them
  }
  std::thread closer([&] { calls.clear(); });
  closer.join();
  EXPECT_TRUE(calls.empty());
  // The closing thread's kept states were that closed engine's: a new engine on it scores
  // from scratch.
  std::string on_closer;
  std::thread next([&] {
    Result<Engine> engine = testing::load_shipped_engine();
    if (engine) on_closer = score_a_partial_call(*engine).after;
  });
  next.join();
  Result<Engine> fresh = testing::load_shipped_engine();
  ASSERT_TRUE(fresh.has_value());
  EXPECT_EQ(on_closer, score_a_partial_call(*fresh).after);
}

}  // namespace
}  // namespace scamguard
