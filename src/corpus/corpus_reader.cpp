#include "corpus/corpus_reader.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>

#include "codec/event_json.h"

namespace scamguard::corpus {
namespace {

using codec::end_from_json;
using codec::event_from_json;
using codec::field_error;
using codec::optional_string;
using codec::parse_json;
using codec::setup_from_json;
using codec::turn_from_json;
using nlohmann::json;

// See parse_started_at in the header.
Result<int64_t> started_at_from(const json& value) {
  if (value.is_number_integer()) return value.get<int64_t>();
  if (value.is_number()) return static_cast<int64_t>(value.get<double>());
  if (!value.is_string()) {
    return make_error(ErrorCode::kInvalidInput,
                      "started_at: expected unix seconds or an ISO 8601 UTC time");
  }
  const std::string text = value.get<std::string>();
  std::tm tm{};
  int consumed = 0;
  if (std::sscanf(text.c_str(), "%4d-%2d-%2d%n", &tm.tm_year, &tm.tm_mon, &tm.tm_mday, &consumed) !=
      3) {
    return make_error(ErrorCode::kInvalidInput, "started_at: '" + text + "' is not ISO 8601");
  }
  std::string rest = text.substr(static_cast<size_t>(consumed));
  if (!rest.empty()) {
    int used = 0;
    if ((rest[0] != 'T' && rest[0] != ' ') ||
        std::sscanf(rest.c_str() + 1, "%2d:%2d:%2d%n", &tm.tm_hour, &tm.tm_min, &tm.tm_sec,
                    &used) != 3) {
      return make_error(ErrorCode::kInvalidInput, "started_at: '" + text + "' is not ISO 8601");
    }
    rest = rest.substr(static_cast<size_t>(used) + 1);
    if (!rest.empty() && rest[0] == '.') {  // fractions of a second are dropped
      size_t digits = 1;
      while (digits < rest.size() && std::isdigit(static_cast<unsigned char>(rest[digits])))
        ++digits;
      rest = rest.substr(digits);
    }
    if (rest != "Z" && rest != "+00:00" && !rest.empty()) {
      return make_error(ErrorCode::kInvalidInput,
                        "started_at: '" + text + "' must be UTC (end in Z or +00:00)");
    }
  }
  if (tm.tm_mon < 1 || tm.tm_mon > 12 || tm.tm_mday < 1 || tm.tm_mday > 31 || tm.tm_hour > 23 ||
      tm.tm_min > 59 || tm.tm_sec > 60) {
    return make_error(ErrorCode::kInvalidInput, "started_at: '" + text + "' is out of range");
  }
  tm.tm_year -= 1900;
  tm.tm_mon -= 1;
  return static_cast<int64_t>(timegm(&tm));
}

}  // namespace

Result<int64_t> parse_started_at(std::string_view text) {
  Result<json> parsed = parse_json(text);
  if (!parsed) return Unexpected{parsed.error()};
  return started_at_from(*parsed);
}

Result<CorpusCall> parse_call(std::string_view line) {
  Result<json> parsed = parse_json(line);
  if (!parsed) return Unexpected{parsed.error()};
  const json& object = *parsed;
  if (!object.is_object())
    return make_error(ErrorCode::kInvalidInput, "a call must be a JSON object");
  CorpusCall call;
  struct Text {
    const char* key;
    std::string CorpusCall::*field;
  };
  for (const Text& text : {Text{"id", &CorpusCall::id}, Text{"source", &CorpusCall::source},
                           Text{"label", &CorpusCall::label}, Text{"type", &CorpusCall::type}}) {
    Result<std::string> value = optional_string(object, text.key, "");
    if (!value) return Unexpected{value.error()};
    call.*text.field = *value;
  }
  if (call.id.empty()) return field_error("id", "is required");
  if (!call.label.empty() && call.label != "scam" && call.label != "legit") {
    return field_error("label", "must be \"scam\" or \"legit\"");
  }
  if (auto real = object.find("real"); real != object.end() && real->is_boolean()) {
    call.real = real->get<bool>();
  }
  Result<std::string> direction = optional_string(object, "direction", "", "unknown");
  if (!direction) return Unexpected{direction.error()};
  if (auto parsed_direction = parse_direction(*direction)) {
    call.direction = *parsed_direction;
  } else {
    return field_error(
        "direction", "unknown value '" + *direction + "' (allowed: " + allowed_directions() + ")");
  }

  auto turns = object.find("turns");
  if (turns == object.end() || !turns->is_array()) return field_error("turns", "must be an array");
  for (size_t i = 0; i < turns->size(); ++i) {
    Result<Turn> turn = turn_from_json((*turns)[i], "turns[" + std::to_string(i) + "].");
    if (!turn) return Unexpected{turn.error()};
    call.turns.push_back(std::move(*turn));
  }

  if (auto critical = object.find("critical_turn");
      critical != object.end() && !critical->is_null()) {
    if (!critical->is_number_integer())
      return field_error("critical_turn", "must be an integer or null");
    call.critical_turn = static_cast<int>(critical->get<int64_t>());
  }
  if (auto setup = object.find("setup"); setup != object.end() && !setup->is_null()) {
    Result<CallSetup> parsed_setup = setup_from_json(*setup, "setup.");
    if (!parsed_setup) return Unexpected{parsed_setup.error()};
    // The call's own direction field wins over a set-up without one.
    if (parsed_setup->direction == Direction::kUnknown) parsed_setup->direction = call.direction;
    call.setup = std::move(*parsed_setup);
  }
  if (auto started = object.find("started_at"); started != object.end() && !started->is_null()) {
    Result<int64_t> value = started_at_from(*started);
    if (!value) return Unexpected{value.error()};
    call.started_at = *value;
  }
  if (auto end = object.find("end"); end != object.end() && !end->is_null()) {
    Result<CallEnd> parsed_end = end_from_json(*end, "end.");
    if (!parsed_end) return Unexpected{parsed_end.error()};
    call.end = *parsed_end;
  }
  if (auto events = object.find("events"); events != object.end() && !events->is_null()) {
    if (!events->is_array()) return field_error("events", "must be an array");
    for (size_t i = 0; i < events->size(); ++i) {
      Result<TimedDeviceEvent> event =
          event_from_json((*events)[i], "events[" + std::to_string(i) + "].");
      if (!event) return Unexpected{event.error()};
      call.events.push_back(std::move(*event));
    }
    std::stable_sort(call.events.begin(), call.events.end(),
                     [](const auto& a, const auto& b) { return a.after_turn < b.after_turn; });
  }
  return call;
}

namespace {

void read_stream(std::istream& in, const std::string& name,
                 const std::function<void(CorpusCall&&)>& on_call,
                 const std::function<void(const LineError&)>& on_error) {
  std::string line;
  int line_number = 0;
  while (std::getline(in, line)) {
    ++line_number;
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    Result<CorpusCall> call = parse_call(line);
    if (!call) {
      on_error({name, line_number, call.error().message});
      continue;
    }
    on_call(std::move(*call));
  }
}

}  // namespace

std::vector<std::string> corpus_files(const std::string& path) {
  namespace fs = std::filesystem;
  std::error_code error;
  std::vector<std::string> files;
  if (!fs::is_directory(path, error)) return {path};
  for (const fs::directory_entry& entry : fs::directory_iterator(path, error)) {
    if (entry.path().extension() == ".jsonl") files.push_back(entry.path().string());
  }
  std::sort(files.begin(), files.end());
  return files;
}

Status read_corpus(const std::string& path, const std::function<void(CorpusCall&&)>& on_call,
                   const std::function<void(const LineError&)>& on_error) {
  if (path == "-") {
    read_stream(std::cin, "<stdin>", on_call, on_error);
    return {};
  }
  const std::vector<std::string> files = corpus_files(path);
  for (const std::string& file : files) {
    std::ifstream in(file, std::ios::binary);
    if (!in) return make_error(ErrorCode::kNotFound, "cannot read " + file);
    read_stream(in, file, on_call, on_error);
  }
  return {};
}

}  // namespace scamguard::corpus
