// The JSON codec of a call's events, in the shapes of the shared call corpus format
// (../shared/data/README.md): the set-up, a turn, a device event and the call end. One codec
// for every reader of them: the daemon's request bodies, the corpus reader, golden `.call`
// files and the CLI.
//
// Parsing is bounded: parse_json refuses a document nested deeper than kMaxJsonDepth before
// building anything (a deeply nested value would otherwise exhaust the stack when copied,
// printed or destroyed), numbers out of range, and invalid UTF-8. Its errors are plain ASCII.
//
// Unknown fields are accepted; a known field of the wrong type or value is an error naming
// the field, prefixed by `where` ("setup." -> "setup.ingress: unknown value 'x'").
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "scamguard/error.h"
#include "scamguard/events.h"

namespace scamguard::codec {

inline constexpr size_t kMaxJsonDepth = 64;

// The document, or kInvalidInput naming the byte at fault ("malformed JSON at byte 12: ...",
// "nested deeper than 64 levels at byte 65").
Result<nlohmann::json> parse_json(std::string_view text, size_t max_depth = kMaxJsonDepth);

// Where a document first nests deeper than `max_depth` (0-based byte offset), if it does.
// Brackets inside strings do not count.
std::optional<size_t> find_excess_depth(std::string_view text, size_t max_depth) noexcept;

struct TimedDeviceEvent {
  int after_turn = -1;  // the event happened after this turn (-1: before the first)
  DeviceEvent event;
};

Result<CallSetup> setup_from_json(const nlohmann::json& object, const std::string& where);
Result<Turn> turn_from_json(const nlohmann::json& object, const std::string& where);
Result<TimedDeviceEvent> event_from_json(const nlohmann::json& object, const std::string& where);
Result<CallEnd> end_from_json(const nlohmann::json& object, const std::string& where);

// From text (golden files, stored set-ups): parse_json, then the object.
Result<CallSetup> parse_setup_json(std::string_view json);
Result<TimedDeviceEvent> parse_event_json(std::string_view json);
Result<CallEnd> parse_end_json(std::string_view json);

// Helpers for readers of objects that embed these (a corpus line).
Unexpected field_error(const std::string& field, const std::string& what);
// The string at `key`; absent or null -> `fallback`; an error when it is not a string.
Result<std::string> optional_string(const nlohmann::json& object, const char* key,
                                    const std::string& where, std::string fallback = {});

}  // namespace scamguard::codec
