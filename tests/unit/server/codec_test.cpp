#include <gtest/gtest.h>

#include "server/json_codec.h"
#include "server/routes.h"

namespace scamguard::server {
namespace {

using nlohmann::json;

TEST(JsonCodec, MalformedBodyNamesTheByte) {
  auto parsed = parse_body(R"({"speaker": )");
  ASSERT_FALSE(parsed);
  EXPECT_EQ(parsed.error().code, ErrorCode::kInvalidInput);
  EXPECT_NE(parsed.error().message.find("byte"), std::string::npos) << parsed.error().message;
  EXPECT_FALSE(parse_body(""));
}

TEST(JsonCodec, TurnAcceptsUnknownFieldsAndRefusesWrongTypes) {
  auto turn = decode_turn(json::parse(R"({"speaker": "user", "text": "hi", "confidence": 0.9})"));
  ASSERT_TRUE(turn) << turn.error().message;
  EXPECT_EQ(turn->turn.speaker, Speaker::kUser);
  EXPECT_EQ(turn->turn.text, "hi");
  EXPECT_FALSE(turn->index);

  auto wrong = decode_turn(json::parse(R"({"speaker": "remote", "text": 3})"));
  ASSERT_FALSE(wrong);
  EXPECT_EQ(wrong.error().message.rfind("text:", 0), 0u) << wrong.error().message;
  EXPECT_FALSE(decode_turn(json::parse(R"({"speaker": ["remote"], "text": "x"})")));
  EXPECT_FALSE(decode_turn(json::parse(R"({"speaker": "remote", "text": "x", "index": -1})")));
  EXPECT_FALSE(decode_turn(json::parse(R"("just text")")));
}

TEST(JsonCodec, SetupIsTheCorpusObjectWithAnOptionalId) {
  auto call = decode_open_call(json::parse(
      R"({"id": "sip-123@pbx", "caller": "+61412345678", "ingress": "international",
          "attestation": "C", "carrier_note": "ignored"})"));
  ASSERT_TRUE(call) << call.error().message;
  EXPECT_EQ(*call->id, "sip-123@pbx");
  EXPECT_EQ(call->setup.ingress, Ingress::kInternational);
  EXPECT_EQ(call->setup.attestation, "C");

  auto bad = decode_open_call(json::parse(R"({"attestation": "Z"})"));
  ASSERT_FALSE(bad);
  EXPECT_NE(bad.error().message.find("attestation"), std::string::npos);
  EXPECT_FALSE(decode_open_call(json::parse(R"({"id": 5})")));
  EXPECT_FALSE(decode_open_call(json::parse(R"({"id": "a b"})")));
  EXPECT_FALSE(decode_open_call(json::parse(R"({"callee": false})")));
}

TEST(JsonCodec, DeviceEventNeedsAKnownType) {
  auto event = decode_event(json::parse(R"({"type": "banking_opened", "app": "commbank"})"));
  ASSERT_TRUE(event);
  EXPECT_EQ(event->type, DeviceEventType::kBankingOpened);
  EXPECT_FALSE(decode_event(json::parse(R"({"app": "commbank"})")));
  EXPECT_FALSE(decode_event(json::parse(R"({"type": "teleported"})")));
  EXPECT_FALSE(decode_event(json::parse(R"({"type": "app_started", "after_turn": "2"})")));
}

TEST(JsonCodec, ErrorBodyHasCodeAndMessage) {
  json body = json::parse(error_body("call_not_found", "no call with id 'x'"));
  EXPECT_EQ(body["error"]["code"], "call_not_found");
  EXPECT_EQ(body["error"]["message"], "no call with id 'x'");
  EXPECT_EQ(http_status(ErrorCode::kInvalidInput), 400);
  EXPECT_EQ(http_status(ErrorCode::kNotFound), 404);
  EXPECT_EQ(http_status(ErrorCode::kUnavailable), 503);
}

TEST(JsonCodec, VerdictCarriesEveryFinding) {
  Verdict verdict;
  verdict.action = Action::kWarn;
  verdict.score = 6.004;
  verdict.findings.push_back(
      {"BRAND_CLAIM", "impersonation", Stage::kImpersonation, 2.0, 0, {"brand=amazon"}});
  json out = verdict_json(verdict);
  EXPECT_EQ(out["action"], "warn");
  EXPECT_DOUBLE_EQ(out["score"].get<double>(), 6.0);
  ASSERT_EQ(out["findings"].size(), 1u);
  EXPECT_EQ(out["findings"][0]["symbol"], "BRAND_CLAIM");
  EXPECT_EQ(out["findings"][0]["options"][0], "brand=amazon");
}

TEST(Time, FormatsAndParsesRfc3339) {
  EXPECT_EQ(format_time(1764417600123), "2025-11-29T12:00:00.123Z");
  EXPECT_EQ(parse_time("2025-11-29T12:00:00.123Z"), 1764417600123);
  EXPECT_EQ(parse_time("2025-11-29T12:00:00Z"), 1764417600000);
  EXPECT_EQ(parse_time("1764417600"), 1764417600000);
  EXPECT_FALSE(parse_time("yesterday"));
  EXPECT_FALSE(parse_time("2025-11-29T12:00:00+05:00"));
}

}  // namespace
}  // namespace scamguard::server
