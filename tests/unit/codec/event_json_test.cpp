// The event JSON codec's bounded parsing (issue 12): nesting depth, numbers out of range and
// invalid UTF-8 are refused with a plain-ASCII message, never a crash or an exception.
#include "codec/event_json.h"

#include <gtest/gtest.h>

#include <string>

#include "corpus/corpus_reader.h"

namespace scamguard::codec {
namespace {

std::string nested(size_t levels) { return std::string(levels, '[') + std::string(levels, ']'); }

TEST(EventJson, NestingDeeperThanTheLimitIsRefusedBeforeParsing) {
  EXPECT_TRUE(parse_json(nested(kMaxJsonDepth)));
  Result<nlohmann::json> deep = parse_json(nested(kMaxJsonDepth + 1));
  ASSERT_FALSE(deep);
  EXPECT_EQ(deep.error().message, "nested deeper than 64 levels at byte 64");
  // 50,000 levels (issue 12.1: a SIGSEGV in the daemon) are refused the same way.
  EXPECT_FALSE(parse_json("{\"x\": " + nested(50'000) + "}"));
}

TEST(EventJson, BracketsInsideStringsDoNotCount) {
  const std::string text = "{\"text\": \"" + std::string(200, '[') + "\\\"" + "\"}";
  Result<nlohmann::json> parsed = parse_json(text);
  ASSERT_TRUE(parsed) << parsed.error().message;
  EXPECT_FALSE(find_excess_depth(text, 1));
}

TEST(EventJson, NumbersOutOfRangeAreRefused) {
  Result<nlohmann::json> huge = parse_json(R"({"time": 1e400})");
  ASSERT_FALSE(huge);
  EXPECT_NE(huge.error().message.find("1e400"), std::string::npos) << huge.error().message;
}

TEST(EventJson, InvalidUtf8IsRefusedWithAnAsciiMessage) {
  Result<nlohmann::json> bad = parse_json("{\"caller\": \"\xff\xfe\"}");
  ASSERT_FALSE(bad);
  for (unsigned char c : bad.error().message) EXPECT_LT(c, 0x80) << bad.error().message;
}

TEST(EventJson, ADeepCorpusLineIsAnErrorNotACrash) {
  Result<corpus::CorpusCall> call =
      corpus::parse_call("{\"id\": \"x\", \"turns\": [], \"extra\": " + nested(100'000) + "}");
  ASSERT_FALSE(call);
  EXPECT_NE(call.error().message.find("nested deeper"), std::string::npos);
}

TEST(EventJson, TheSharedObjectsDecodeWithFieldNames) {
  Result<CallSetup> setup = parse_setup_json(R"({"caller": "+61412345678", "ingress": "moon"})");
  ASSERT_FALSE(setup);
  EXPECT_EQ(setup.error().message,
            "setup.ingress: unknown value 'moon' (allowed: unknown, domestic or international)");
  Result<TimedDeviceEvent> event = parse_event_json(R"({"type": "app_started", "app": "anydesk"})");
  ASSERT_TRUE(event);
  EXPECT_EQ(event->event.app, "anydesk");
  Result<CallEnd> end = parse_end_json(R"({"answered": true, "duration": 3})");
  ASSERT_TRUE(end);
  EXPECT_TRUE(end->answered);
}

}  // namespace
}  // namespace scamguard::codec
