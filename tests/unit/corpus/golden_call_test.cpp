// The .call golden-file parser and checker (corpus/golden_call.h).

#include "corpus/golden_call.h"

#include <gtest/gtest.h>

#include <string>

#include "support/test_paths.h"

namespace scamguard::corpus {
namespace {

bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

TEST(GoldenCall, ParsesEveryLineKind) {
  Result<GoldenCall> call = parse_golden_call(
      "# description: a test call\n"
      "setup {\"caller\": \"+61412345678\", \"direction\": \"inbound\"}\n"
      "\n"
      "turn remote \"hello \\\"there\\\"\"\n"
      "event {\"type\": \"app_started\", \"app\": \"anydesk\"}\n"
      "expect action allow\n"
      "expect action >= warn\n"
      "expect symbol BRAND_CLAIM option \"brand=amazon\"\n"
      "expect symbol BRAND_CLAIM\n"
      "expect no symbol USER_INITIATED_CALL\n"
      "expect score >= 2.5\n"
      "expect score < 5\n",
      "t.call");
  ASSERT_TRUE(call.has_value()) << call.error().message;
  EXPECT_EQ(call->description, "a test call");
  ASSERT_EQ(call->steps.size(), 10u);
  EXPECT_EQ(call->steps[0].kind, GoldenStep::Kind::kSetup);
  EXPECT_EQ(call->steps[0].setup.direction, Direction::kInbound);
  EXPECT_EQ(call->steps[1].kind, GoldenStep::Kind::kTurn);
  EXPECT_EQ(call->steps[1].line, 4);
  EXPECT_EQ(call->steps[1].turn.text, "hello \"there\"");
  EXPECT_EQ(call->steps[2].event.app, "anydesk");
  EXPECT_EQ(call->steps[3].expectation.kind, Expectation::Kind::kActionIs);
  EXPECT_EQ(call->steps[4].expectation.kind, Expectation::Kind::kActionAtLeast);
  EXPECT_EQ(call->steps[4].expectation.action, Action::kWarn);
  EXPECT_EQ(call->steps[5].expectation.option, "brand=amazon");
  EXPECT_EQ(call->steps[7].expectation.kind, Expectation::Kind::kNoSymbol);
  EXPECT_EQ(call->steps[8].expectation.kind, Expectation::Kind::kScoreAtLeast);
  EXPECT_DOUBLE_EQ(call->steps[8].expectation.score, 2.5);
  EXPECT_EQ(call->steps[9].expectation.kind, Expectation::Kind::kScoreBelow);
}

TEST(GoldenCall, ErrorsNamePathAndLine) {
  Result<GoldenCall> call =
      parse_golden_call("turn remote \"ok\"\nexpect action maybe\n", "calls/x.call");
  ASSERT_FALSE(call.has_value());
  EXPECT_TRUE(contains(call.error().message, "calls/x.call:2")) << call.error().message;

  call = parse_golden_call("turn caller \"ok\"\n", "calls/y.call");
  ASSERT_FALSE(call.has_value());
  EXPECT_TRUE(contains(call.error().message, "calls/y.call:1")) << call.error().message;

  call = parse_golden_call("# c\nsay hello\n", "calls/z.call");
  ASSERT_FALSE(call.has_value());
  EXPECT_TRUE(contains(call.error().message, "calls/z.call:2")) << call.error().message;
}

TEST(GoldenCall, ToCorpusCallKeepsEventsAfterTheirTurn) {
  Result<GoldenCall> call = parse_golden_call(
      "setup {\"direction\": \"outbound\"}\n"
      "turn remote \"a\"\n"
      "turn user \"b\"\n"
      "event {\"type\": \"remote_session_started\"}\n"
      "expect action allow\n",
      "t.call");
  ASSERT_TRUE(call.has_value()) << call.error().message;
  CorpusCall corpus_call = call->to_corpus_call();
  EXPECT_EQ(corpus_call.direction, Direction::kOutbound);
  ASSERT_EQ(corpus_call.turns.size(), 2u);
  ASSERT_EQ(corpus_call.events.size(), 1u);
  EXPECT_EQ(corpus_call.events[0].after_turn, 1);
}

TEST(GoldenCall, CheckReportsFailedExpectationsWithLine) {
  Result<Engine> engine = testing::load_shipped_engine();
  ASSERT_TRUE(engine.has_value()) << engine.error().message;
  Result<GoldenCall> call = parse_golden_call(
      "turn user \"hello\"\n"
      "expect action allow\n"
      "expect action block\n"
      "expect symbol NO_SUCH_SYMBOL\n",
      "t.call");
  ASSERT_TRUE(call.has_value()) << call.error().message;
  std::vector<std::string> failures = check_golden_call(*engine, *call);
  ASSERT_EQ(failures.size(), 2u);
  EXPECT_TRUE(contains(failures[0], "t.call:3")) << failures[0];
  EXPECT_TRUE(contains(failures[1], "t.call:4")) << failures[1];
}

TEST(GoldenCall, CheckReportsRefusedEvents) {
  Result<Engine> engine = testing::load_shipped_engine();
  ASSERT_TRUE(engine.has_value()) << engine.error().message;
  Result<GoldenCall> call = parse_golden_call(
      "turn user \"hello\"\n"
      "setup {\"direction\": \"inbound\"}\n",
      "t.call");
  ASSERT_TRUE(call.has_value()) << call.error().message;
  std::vector<std::string> failures = check_golden_call(*engine, *call);
  ASSERT_EQ(failures.size(), 1u);
  EXPECT_TRUE(contains(failures[0], "t.call:2")) << failures[0];
}

}  // namespace
}  // namespace scamguard::corpus
