// Request bodies and response bodies of the HTTP API. Request objects are the set-up, turn
// and device-event objects of the shared call corpus format (../shared/data/README.md),
// decoded by the event codec the corpus reader uses too (codec/event_json.h): unknown fields are
// accepted, a known field of the wrong type is refused with a message naming the field.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "scamguard/error.h"
#include "scamguard/events.h"
#include "scamguard/verdict.h"

namespace scamguard::server {

// The body as JSON (codec::parse_json: nesting depth bounded), or kInvalidInput naming the
// byte where parsing failed.
Result<nlohmann::json> parse_body(std::string_view body);

// POST /v1/calls and POST /v1/check: the set-up object, plus an optional "id" (the caller's
// own call id, e.g. the SIP Call-ID; 1-128 characters of [A-Za-z0-9._:@-]).
struct OpenCallRequest {
  std::optional<std::string> id;
  CallSetup setup;
};
Result<OpenCallRequest> decode_open_call(const nlohmann::json& body);

// POST /v1/calls/{id}/turns: {"speaker": "remote", "text": "..."}, plus an optional "index"
// (the 0-based turn index the client expects this turn to get; a mismatch is refused, so a
// retried request cannot add the same turn twice).
struct TurnRequest {
  Turn turn;
  std::optional<int> index;
};
Result<TurnRequest> decode_turn(const nlohmann::json& body);

// POST /v1/calls/{id}/events: {"type": "app_started", "app": "anydesk"}. "after_turn" may be
// given (it must then be an integer) but the event is placed after the last turn received.
Result<DeviceEvent> decode_event(const nlohmann::json& body);

bool is_valid_call_id(std::string_view id) noexcept;

nlohmann::json findings_json(const Verdict& verdict);
nlohmann::json verdict_json(const Verdict& verdict);

// {"error": {"code": code, "message": message}}
std::string error_body(std::string_view code, std::string_view message);

// One HTTP status per ErrorCode (docs/http-api.md).
int http_status(ErrorCode code) noexcept;

}  // namespace scamguard::server
