// The request bodies of scamguardd (server/json_codec.h, codec/event_json.h): the bytes of a
// POST body go through the same parse and decode steps as in the routes, for each body kind,
// and the error body is always valid JSON.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "codec/event_json.h"
#include "server/json_codec.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace scamguard;
  const std::string_view body(reinterpret_cast<const char*>(data), size);
  Result<nlohmann::json> parsed = server::parse_body(body);
  if (!parsed) {
    const std::string error = server::error_body("invalid_json", parsed.error().message);
    if (nlohmann::json::parse(error, nullptr, false).is_discarded()) __builtin_trap();
    return 0;
  }
  const nlohmann::json& value = *parsed;
  if (auto open = server::decode_open_call(value)) {
    (void)value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  }
  (void)server::decode_turn(value);
  (void)server::decode_event(value);
  if (value.is_object()) {
    if (auto setup = value.find("setup"); setup != value.end()) {
      (void)codec::setup_from_json(*setup, "setup.");
    }
    if (auto end = value.find("end"); end != value.end()) (void)codec::end_from_json(*end, "end.");
  }
  return 0;
}
