// The shared call corpus format reader (corpus/corpus_reader.h).

#include "corpus/corpus_reader.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "support/test_paths.h"

namespace scamguard::corpus {
namespace {

using scamguard::testing::TempDir;
using scamguard::testing::write_text;

constexpr std::string_view kFullCall =
    R"({"id": "ftc-1", "source": "ftc-robocall", "label": "scam", "type": "amazon_impersonation",
        "real": true, "direction": "inbound",
        "turns": [{"speaker": "remote", "text": "this is amazon"},
                  {"speaker": "user", "text": "ok"},
                  {"speaker": "unknown", "text": "press one"}],
        "critical_turn": 2,
        "setup": {"caller": "+61412345678", "callee": "+61298765432", "display_name": "AMAZON AU",
                  "ingress": "international", "ingress_country": "IN", "trunk": "gw-07",
                  "attestation": "C"},
        "events": [{"after_turn": 1, "type": "banking_opened", "app": "commbank"},
                   {"after_turn": 0, "type": "app_started", "app": "anydesk"}]})";

bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

std::string one_line(std::string_view text) {
  std::string out;
  for (char c : text) out += (c == '\n' ? ' ' : c);
  return out;
}

TEST(CorpusReader, ParsesEveryField) {
  Result<CorpusCall> call = parse_call(one_line(kFullCall));
  ASSERT_TRUE(call.has_value()) << call.error().message;
  EXPECT_EQ(call->id, "ftc-1");
  EXPECT_EQ(call->source, "ftc-robocall");
  EXPECT_TRUE(call->is_scam());
  EXPECT_EQ(call->type, "amazon_impersonation");
  EXPECT_TRUE(call->real);
  EXPECT_EQ(call->direction, Direction::kInbound);
  ASSERT_EQ(call->turns.size(), 3u);
  EXPECT_EQ(call->turns[0].speaker, Speaker::kRemote);
  EXPECT_EQ(call->turns[1].speaker, Speaker::kUser);
  EXPECT_EQ(call->turns[2].speaker, Speaker::kUnknown);
  EXPECT_EQ(call->turns[2].text, "press one");
  EXPECT_EQ(call->critical_turn, 2);
  ASSERT_TRUE(call->setup.has_value());
  EXPECT_EQ(call->setup->caller, "+61412345678");
  EXPECT_EQ(call->setup->display_name, "AMAZON AU");
  EXPECT_EQ(call->setup->ingress, Ingress::kInternational);
  EXPECT_EQ(call->setup->ingress_country, "IN");
  EXPECT_EQ(call->setup->attestation, "C");
  ASSERT_EQ(call->events.size(), 2u);
  // Events come back in turn order.
  EXPECT_EQ(call->events[0].after_turn, 0);
  EXPECT_EQ(call->events[0].event.type, DeviceEventType::kAppStarted);
  EXPECT_EQ(call->events[0].event.app, "anydesk");
  EXPECT_EQ(call->events[1].event.type, DeviceEventType::kBankingOpened);
}

TEST(CorpusReader, AcceptsUnknownFields) {
  Result<CorpusCall> call = parse_call(
      R"({"id": "x", "label": "legit", "future_field": {"a": [1, 2]}, "confidence": 0.5,
          "turns": [{"speaker": "remote", "text": "hi", "start_ms": 120, "words": []}],
          "setup": {"caller": "+61400000000", "sip_headers": ["P-Asserted-Identity"]}})");
  ASSERT_TRUE(call.has_value()) << call.error().message;
  EXPECT_FALSE(call->is_scam());
  ASSERT_EQ(call->turns.size(), 1u);
  EXPECT_EQ(call->turns[0].text, "hi");
}

TEST(CorpusReader, OptionalFieldsDefault) {
  Result<CorpusCall> call = parse_call(R"({"id": "y", "turns": [], "critical_turn": null})");
  ASSERT_TRUE(call.has_value()) << call.error().message;
  EXPECT_EQ(call->direction, Direction::kUnknown);
  EXPECT_FALSE(call->critical_turn.has_value());
  EXPECT_FALSE(call->setup.has_value());
  EXPECT_TRUE(call->events.empty());
}

TEST(CorpusReader, MalformedJsonIsRefused) {
  Result<CorpusCall> call = parse_call(R"({"id": "z", "turns": [)");
  ASSERT_FALSE(call.has_value());
  EXPECT_EQ(call.error().code, ErrorCode::kInvalidInput);
}

TEST(CorpusReader, MissingIdIsNamed) {
  Result<CorpusCall> call = parse_call(R"({"turns": []})");
  ASSERT_FALSE(call.has_value());
  EXPECT_TRUE(contains(call.error().message, "id")) << call.error().message;
}

TEST(CorpusReader, WrongTypeOfIdIsNamed) {
  Result<CorpusCall> call = parse_call(R"({"id": 17, "turns": []})");
  ASSERT_FALSE(call.has_value());
  EXPECT_TRUE(contains(call.error().message, "id")) << call.error().message;
}

TEST(CorpusReader, WrongTypeOfTurnsIsNamed) {
  Result<CorpusCall> call = parse_call(R"({"id": "a", "turns": "hello"})");
  ASSERT_FALSE(call.has_value());
  EXPECT_TRUE(contains(call.error().message, "turns")) << call.error().message;
}

TEST(CorpusReader, WrongTypeOfTurnTextNamesTurnIndex) {
  Result<CorpusCall> call = parse_call(
      R"({"id": "a", "turns": [{"speaker": "remote", "text": "ok"}, {"speaker": "user", "text": 5}]})");
  ASSERT_FALSE(call.has_value());
  EXPECT_TRUE(contains(call.error().message, "turns[1].text")) << call.error().message;
}

TEST(CorpusReader, UnknownSpeakerNamesTurnIndex) {
  Result<CorpusCall> call =
      parse_call(R"({"id": "a", "turns": [{"speaker": "caller", "text": "ok"}]})");
  ASSERT_FALSE(call.has_value());
  EXPECT_TRUE(contains(call.error().message, "turns[0].speaker")) << call.error().message;
  EXPECT_TRUE(contains(call.error().message, "caller")) << call.error().message;
}

TEST(CorpusReader, EnumErrorsListTheAllowedValues) {
  struct Case {
    const char* json;
    const char* message;
  };
  const Case cases[] = {
      {R"({"id": "a", "turns": [], "setup": {"ingress": "intl"}})",
       "setup.ingress: unknown value 'intl' (allowed: unknown, domestic or international)"},
      {R"({"id": "a", "turns": [], "setup": {"direction": "in"}})",
       "setup.direction: unknown value 'in' (allowed: unknown, inbound or outbound)"},
      {R"({"id": "a", "turns": [], "direction": "sideways"})",
       "direction: unknown value 'sideways' (allowed: unknown, inbound or outbound)"},
      {R"({"id": "a", "turns": [{"speaker": "caller", "text": "ok"}]})",
       "turns[0].speaker: unknown value 'caller' (allowed: remote, user or unknown)"},
      {R"({"id": "a", "turns": [], "events": [{"type": "teleported"}]})",
       "events[0].type: unknown device event type 'teleported' (allowed: app_started, "
       "app_stopped, app_installed, remote_session_started, remote_session_ended or "
       "banking_opened)"},
  };
  for (const Case& c : cases) {
    Result<CorpusCall> call = parse_call(c.json);
    ASSERT_FALSE(call.has_value()) << c.json;
    EXPECT_TRUE(contains(call.error().message, c.message)) << call.error().message;
  }
}

TEST(CorpusReader, PrivacyHeaderIsRead) {
  Result<CorpusCall> call = parse_call(
      R"({"id": "a", "turns": [], "setup": {"caller": "+61412345678", "privacy": "id"}})");
  ASSERT_TRUE(call.has_value()) << call.error().message;
  EXPECT_EQ(call->setup->privacy, "id");
}

TEST(CorpusReader, WrongTypeOfLabelIsNamed) {
  Result<CorpusCall> call = parse_call(R"({"id": "a", "label": "spam", "turns": []})");
  ASSERT_FALSE(call.has_value());
  EXPECT_TRUE(contains(call.error().message, "label")) << call.error().message;
}

TEST(CorpusReader, WrongTypeOfCriticalTurnIsNamed) {
  Result<CorpusCall> call = parse_call(R"({"id": "a", "turns": [], "critical_turn": "3"})");
  ASSERT_FALSE(call.has_value());
  EXPECT_TRUE(contains(call.error().message, "critical_turn")) << call.error().message;
}

TEST(CorpusReader, WrongTypeInSetupIsNamed) {
  Result<CorpusCall> call =
      parse_call(R"({"id": "a", "turns": [], "setup": {"caller": 61412345678}})");
  ASSERT_FALSE(call.has_value());
  EXPECT_TRUE(contains(call.error().message, "setup.caller")) << call.error().message;
}

TEST(CorpusReader, BadAttestationIsNamed) {
  Result<CorpusCall> call =
      parse_call(R"({"id": "a", "turns": [], "setup": {"attestation": "D"}})");
  ASSERT_FALSE(call.has_value());
  EXPECT_TRUE(contains(call.error().message, "setup.attestation")) << call.error().message;
}

TEST(CorpusReader, BadEventTypeNamesEventIndex) {
  Result<CorpusCall> call = parse_call(
      R"({"id": "a", "turns": [], "events": [{"after_turn": 0, "type": "app_started"},
          {"after_turn": 0, "type": "teleported"}]})");
  ASSERT_FALSE(call.has_value());
  EXPECT_TRUE(contains(call.error().message, "events[1].type")) << call.error().message;
}

TEST(CorpusReader, WrongTypeOfAfterTurnIsNamed) {
  Result<CorpusCall> call = parse_call(
      R"({"id": "a", "turns": [], "events": [{"after_turn": "one", "type": "app_started"}]})");
  ASSERT_FALSE(call.has_value());
  EXPECT_TRUE(contains(call.error().message, "events[0].after_turn")) << call.error().message;
}

TEST(CorpusReader, SetupWithoutDirectionTakesCallDirection) {
  Result<CorpusCall> call = parse_call(
      R"({"id": "a", "direction": "outbound", "turns": [], "setup": {"caller": "+61400000000"}})");
  ASSERT_TRUE(call.has_value()) << call.error().message;
  ASSERT_TRUE(call->setup.has_value());
  EXPECT_EQ(call->setup->direction, Direction::kOutbound);
}

TEST(CorpusReader, MalformedLineIsReportedWithLineNumberAndReadingContinues) {
  TempDir dir;
  const auto file = dir.path() / "mixed.jsonl";
  write_text(file,
             "{\"id\": \"one\", \"label\": \"scam\", \"turns\": []}\n"
             "{\"id\": \"two\", \"turns\": [\n"
             "\n"
             "{\"id\": \"three\", \"label\": \"legit\", \"turns\": [], \"extra\": 1}\n"
             "{\"id\": \"four\", \"turns\": [{\"speaker\": \"robot\", \"text\": \"x\"}]}\n"
             "{\"id\": \"five\", \"label\": \"legit\", \"turns\": []}\n");
  std::vector<std::string> ids;
  std::vector<LineError> errors;
  Status status = read_corpus(
      file.string(), [&](CorpusCall&& call) { ids.push_back(call.id); },
      [&](const LineError& error) { errors.push_back(error); });
  ASSERT_TRUE(status.has_value()) << status.error().message;
  EXPECT_EQ(ids, (std::vector<std::string>{"one", "three", "five"}));
  ASSERT_EQ(errors.size(), 2u);
  EXPECT_EQ(errors[0].line, 2);
  EXPECT_EQ(errors[0].file, file.string());
  EXPECT_EQ(errors[1].line, 5);
  EXPECT_TRUE(contains(errors[1].message, "turns[0].speaker")) << errors[1].message;
}

TEST(CorpusReader, ReadsDirectoryInNameOrder) {
  TempDir dir;
  write_text(dir.path() / "b.jsonl", "{\"id\": \"b1\", \"turns\": []}\n");
  write_text(dir.path() / "a.jsonl",
             "{\"id\": \"a1\", \"turns\": []}\n{\"id\": \"a2\", \"turns\": []}\n");
  write_text(dir.path() / "notes.txt", "not a corpus\n");
  std::vector<std::string> ids;
  Status status = read_corpus(
      dir.path().string(), [&](CorpusCall&& call) { ids.push_back(call.id); },
      [&](const LineError& error) { ADD_FAILURE() << error.file << ":" << error.line; });
  ASSERT_TRUE(status.has_value()) << status.error().message;
  EXPECT_EQ(ids, (std::vector<std::string>{"a1", "a2", "b1"}));
}

TEST(CorpusReader, MissingFileIsNotFound) {
  TempDir dir;
  Status status = read_corpus((dir.path() / "absent.jsonl").string(), [](CorpusCall&&) {},
                              [](const LineError&) {});
  ASSERT_FALSE(status.has_value());
  EXPECT_EQ(status.error().code, ErrorCode::kNotFound);
  EXPECT_TRUE(contains(status.error().message, "absent.jsonl")) << status.error().message;
}

TEST(CorpusReader, ParsesSetupAndEventObjects) {
  Result<CallSetup> setup =
      codec::parse_setup_json(R"({"direction": "outbound", "ingress": "domestic"})");
  ASSERT_TRUE(setup.has_value()) << setup.error().message;
  EXPECT_EQ(setup->direction, Direction::kOutbound);
  EXPECT_EQ(setup->ingress, Ingress::kDomestic);
  Result<TimedDeviceEvent> event = codec::parse_event_json(R"({"type": "remote_session_started"})");
  ASSERT_TRUE(event.has_value()) << event.error().message;
  EXPECT_EQ(event->event.type, DeviceEventType::kRemoteSessionStarted);
  EXPECT_EQ(event->after_turn, -1);
  EXPECT_FALSE(codec::parse_setup_json(R"({"ingress": "satellite"})").has_value());
  EXPECT_FALSE(codec::parse_event_json(R"({"app": "anydesk"})").has_value());
}

}  // namespace
}  // namespace scamguard::corpus

namespace scamguard::corpus {
namespace {

// Carrier traffic fields: set-up time, asserted identity, attestation "none", the call end.
TEST(CorpusReader, ParsesTrafficFields) {
  Result<CorpusCall> call = parse_call(
      R"({"id": "gen-1", "turns": [],
          "setup": {"caller": "anonymous", "asserted_identity": "+61298761234",
                    "attestation": "none", "time": 1764457200.25},
          "end": {"answered": true, "duration": 42.5, "time": 1764457260}})");
  ASSERT_TRUE(call.has_value()) << call.error().message;
  ASSERT_TRUE(call->setup.has_value());
  EXPECT_EQ(call->setup->asserted_identity, "+61298761234");
  EXPECT_EQ(call->setup->attestation, "none");
  EXPECT_EQ(call->setup->time_ms, 1764457200250);
  ASSERT_TRUE(call->end.has_value());
  EXPECT_TRUE(call->end->answered);
  EXPECT_DOUBLE_EQ(call->end->duration_seconds, 42.5);
  EXPECT_EQ(call->end->time_ms, 1764457260000);
}

TEST(CorpusReader, BadTrafficFieldsAreNamed) {
  struct Case {
    const char* line;
    const char* expected;
  };
  const Case cases[] = {
      {R"({"id": "x", "turns": [], "setup": {"time": "noon"}})", "setup.time"},
      {R"({"id": "x", "turns": [], "setup": {"time": -5}})", "setup.time"},
      {R"({"id": "x", "turns": [], "end": {"duration": 3}})", "end.answered"},
      {R"({"id": "x", "turns": [], "end": {"answered": true, "duration": -1}})", "end.duration"},
      {R"({"id": "x", "turns": [], "end": "hung up"})", "end"},
  };
  for (const Case& c : cases) {
    Result<CorpusCall> call = parse_call(c.line);
    ASSERT_FALSE(call.has_value()) << c.line;
    EXPECT_NE(call.error().message.find(c.expected), std::string::npos)
        << c.line << " -> " << call.error().message;
  }
  Result<CallEnd> end = codec::parse_end_json(R"({"answered": false})");
  ASSERT_TRUE(end.has_value());
  EXPECT_FALSE(end->answered);
}

}  // namespace
}  // namespace scamguard::corpus
