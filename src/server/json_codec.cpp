#include "server/json_codec.h"

#include <cmath>

#include "codec/event_json.h"
#include "core/verdict_json.h"

namespace scamguard::server {

using nlohmann::json;

Result<json> parse_body(std::string_view body) {
  if (body.empty()) return make_error(ErrorCode::kInvalidInput, "the request body is empty");
  return codec::parse_json(body);
}

bool is_valid_call_id(std::string_view id) noexcept {
  if (id.empty() || id.size() > 128) return false;
  for (char c : id) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '.' || c == '_' || c == ':' || c == '@' || c == '-';
    if (!ok) return false;
  }
  return true;
}

Result<OpenCallRequest> decode_open_call(const json& body) {
  if (!body.is_object()) {
    return make_error(ErrorCode::kInvalidInput, "the body must be a JSON object (the set-up)");
  }
  OpenCallRequest request;
  if (auto id = body.find("id"); id != body.end() && !id->is_null()) {
    if (!id->is_string()) return make_error(ErrorCode::kInvalidInput, "id: must be a string");
    std::string value = id->get<std::string>();
    if (!is_valid_call_id(value)) {
      return make_error(ErrorCode::kInvalidInput,
                        "id: must be 1-128 characters of letters, digits and . _ : @ -");
    }
    request.id = std::move(value);
  }
  Result<CallSetup> setup = codec::setup_from_json(body, "");
  if (!setup) return Unexpected{setup.error()};
  request.setup = std::move(*setup);
  return request;
}

Result<TurnRequest> decode_turn(const json& body) {
  if (!body.is_object()) {
    return make_error(ErrorCode::kInvalidInput, "the body must be a JSON object (a turn)");
  }
  TurnRequest request;
  Result<Turn> turn = codec::turn_from_json(body, "");
  if (!turn) return Unexpected{turn.error()};
  request.turn = std::move(*turn);
  if (auto index = body.find("index"); index != body.end() && !index->is_null()) {
    if (!index->is_number_integer() || index->get<int64_t>() < 0 ||
        index->get<int64_t>() > 1'000'000) {
      return make_error(ErrorCode::kInvalidInput, "index: must be an integer >= 0");
    }
    request.index = static_cast<int>(index->get<int64_t>());
  }
  return request;
}

Result<DeviceEvent> decode_event(const json& body) {
  if (!body.is_object()) {
    return make_error(ErrorCode::kInvalidInput, "the body must be a JSON object (a device event)");
  }
  Result<codec::TimedDeviceEvent> event = codec::event_from_json(body, "");
  if (!event) return Unexpected{event.error()};
  return event->event;
}

// The verdict object has one encoder, the library's (src/core/verdict_json.h).
json findings_json(const Verdict& verdict) { return detail::findings_json(verdict); }

json verdict_json(const Verdict& verdict) { return detail::verdict_json(verdict); }

std::string error_body(std::string_view code, std::string_view message) {
  // `replace`: a message may quote what the client sent, which need not be valid UTF-8.
  return json{{"error", {{"code", code}, {"message", message}}}}.dump(
      -1, ' ', false, json::error_handler_t::replace);
}

int http_status(ErrorCode code) noexcept {
  switch (code) {
    case ErrorCode::kOk:
      return 200;
    case ErrorCode::kInvalidInput:
      return 400;
    case ErrorCode::kNotFound:
      return 404;
    case ErrorCode::kSessionInUse:
    case ErrorCode::kConflict:
      return 409;
    case ErrorCode::kConfig:
    case ErrorCode::kModelFormat:
    case ErrorCode::kInternal:
      return 500;
    case ErrorCode::kUnavailable:
    case ErrorCode::kCancelled:
      return 503;
  }
  return 500;
}

}  // namespace scamguard::server
