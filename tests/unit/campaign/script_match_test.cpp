// CAMPAIGN_SCRIPT_MATCH through the public API: an Engine given a ScriptMatcher built from a
// campaign store.
#include <gtest/gtest.h>

#include <thread>

#include "campaign/campaign_tracker.h"
#include "campaign/script_index.h"
#include "campaign_test_support.h"
#include "scamguard/engine.h"

namespace scamguard::campaign {
namespace {

const std::vector<std::string> kScript = {
    "good afternoon i am calling from the billing department about the renewal of your "
    "subscription which was charged to your card this morning",
    "if you do not want this renewal we can process a full refund today but you must be in "
    "front of your computer",
    "please go to the website i give you and enter the code on the screen so our refund officer "
    "can fill in the form with you",
    "now type the amount of the refund in the box and press enter"};

std::shared_ptr<const ScriptIndex> learned_index(CampaignStore& store) {
  auto tracker = CampaignTracker::open(store, testing::shipped_extractor());
  EXPECT_TRUE(tracker.has_value());
  for (const char* id : {"a", "b", "c"}) {
    EXPECT_TRUE(tracker->add_call(
        {id, std::nullopt, nullptr, testing::remote_turns(kScript), Action::kWarn, 6}));
  }
  auto index = build_script_index(store);
  EXPECT_TRUE(index.has_value());
  return *index;
}

Result<Engine> engine_with(std::shared_ptr<const ScriptMatcher> matcher) {
  EngineOptions options = scamguard::testing::shipped_engine_options();
  options.script_matcher = std::move(matcher);
  return Engine::load(options);
}

const Finding* run(const Engine& engine, const std::vector<Turn>& turns, Verdict& verdict) {
  CallSession call = engine.open_call();
  for (const Turn& turn : turns) EXPECT_TRUE(call.on_turn(turn));
  verdict = call.verdict();
  return verdict.find("CAMPAIGN_SCRIPT_MATCH");
}

TEST(CampaignScriptMatch, KnownScriptIsRecognisedFromItsOpening) {
  auto store = make_memory_campaign_store();
  auto matcher = std::make_shared<CampaignScriptMatcher>(learned_index(*store));
  auto engine = engine_with(matcher);
  ASSERT_TRUE(engine.has_value()) << engine.error().message;
  Verdict verdict;
  const Finding* match =
      run(*engine, {{Speaker::kRemote, kScript[0]}, {Speaker::kUser, "oh really"}}, verdict);
  ASSERT_NE(match, nullptr);
  EXPECT_EQ(match->turn, 0);
  ASSERT_EQ(match->options.size(), 2u);
  EXPECT_EQ(match->options[0], "campaign=cmp-1");
  EXPECT_EQ(match->options[1].rfind("similarity=", 0), 0u);
  EXPECT_GE(match->score, 5.0);
  EXPECT_NE(verdict.action, Action::kAllow);
}

TEST(CampaignScriptMatch, OtherCallsAndTheUsersWordsDoNotMatch) {
  auto store = make_memory_campaign_store();
  auto engine = engine_with(std::make_shared<CampaignScriptMatcher>(learned_index(*store)));
  ASSERT_TRUE(engine.has_value());
  Verdict verdict;
  EXPECT_EQ(run(*engine,
                {{Speaker::kRemote, "thank you for calling the library how can i help you today"},
                 {Speaker::kRemote, "your books are due back on the fourth of next month"}},
                verdict),
            nullptr);
  // The user reading the script aloud is not the caller following it.
  EXPECT_EQ(run(*engine, {{Speaker::kUser, kScript[0]}, {Speaker::kUser, kScript[1]}}, verdict),
            nullptr);
}

TEST(CampaignScriptMatch, SilentWithoutAMatcherOrWithoutCampaigns) {
  auto engine = engine_with(nullptr);
  ASSERT_TRUE(engine.has_value());
  Verdict verdict;
  EXPECT_EQ(run(*engine, testing::remote_turns(kScript), verdict), nullptr);
  auto empty = engine_with(std::make_shared<CampaignScriptMatcher>());
  ASSERT_TRUE(empty.has_value());
  EXPECT_EQ(run(*empty, testing::remote_turns(kScript), verdict), nullptr);
}

TEST(CampaignScriptMatch, UpdatedScriptsApplyToCallsStartedAfterwards) {
  auto matcher = std::make_shared<CampaignScriptMatcher>();
  auto engine = engine_with(matcher);
  ASSERT_TRUE(engine.has_value());
  CallSession before = engine->open_call();
  ASSERT_TRUE(before.on_turn({Speaker::kRemote, "hello"}));  // the call's sketch starts here
  auto store = make_memory_campaign_store();
  matcher->update(learned_index(*store));
  ASSERT_TRUE(before.on_turn({Speaker::kRemote, kScript[0]}));
  EXPECT_EQ(before.verdict().find("CAMPAIGN_SCRIPT_MATCH"), nullptr);
  Verdict verdict;
  EXPECT_NE(run(*engine, {{Speaker::kRemote, kScript[0]}}, verdict), nullptr);
}

TEST(CampaignScriptMatch, ManyThreadsShareOneMatcher) {
  auto store = make_memory_campaign_store();
  auto matcher = std::make_shared<CampaignScriptMatcher>(learned_index(*store));
  auto engine = engine_with(matcher);
  ASSERT_TRUE(engine.has_value());
  std::atomic<int> matched{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 20; ++i) {
        CallSession call = engine->open_call();
        for (const std::string& text : kScript) (void)call.on_turn({Speaker::kRemote, text});
        matched += call.verdict().find("CAMPAIGN_SCRIPT_MATCH") != nullptr;
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(matched.load(), 80);
}

}  // namespace
}  // namespace scamguard::campaign
