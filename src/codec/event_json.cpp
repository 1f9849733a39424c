#include "codec/event_json.h"

#include <cmath>

namespace scamguard::codec {

using nlohmann::json;

std::optional<size_t> find_excess_depth(std::string_view text, size_t max_depth) noexcept {
  size_t depth = 0;
  bool in_string = false;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      if (c == '\\') {
        ++i;
      } else if (c == '"') {
        in_string = false;
      }
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > max_depth) return i;
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
  }
  return std::nullopt;
}

namespace {

// The library's message without its prefix, bytes outside printable ASCII shown as \xNN: it
// may quote the invalid UTF-8 it refused, and the message goes into JSON error bodies and logs.
std::string printable_reason(const char* what) {
  std::string_view text(what);
  if (const size_t colon = text.find(": "); colon != std::string_view::npos && text[0] == '[') {
    text.remove_prefix(colon + 2);
  }
  std::string out;
  for (unsigned char c : text) {
    if (c >= 0x20 && c < 0x7f) {
      out.push_back(static_cast<char>(c));
    } else {
      char hex[8];
      std::snprintf(hex, sizeof hex, "\\x%02x", c);
      out += hex;
    }
  }
  return out;
}

}  // namespace

Result<json> parse_json(std::string_view text, size_t max_depth) {
  if (std::optional<size_t> at = find_excess_depth(text, max_depth)) {
    return make_error(ErrorCode::kInvalidInput, "nested deeper than " + std::to_string(max_depth) +
                                                    " levels at byte " + std::to_string(*at));
  }
  try {
    return json::parse(text);
  } catch (const json::parse_error& error) {
    return make_error(ErrorCode::kInvalidInput, "malformed JSON at byte " +
                                                    std::to_string(error.byte) + ": " +
                                                    printable_reason(error.what()));
  } catch (const json::exception& error) {  // a number out of range (1e400)
    return make_error(ErrorCode::kInvalidInput,
                      "malformed JSON: " + printable_reason(error.what()));
  }
}

Unexpected field_error(const std::string& field, const std::string& what) {
  return make_error(ErrorCode::kInvalidInput, field + ": " + what);
}

// The string at `key`, absent -> `fallback`, or an error when it is not a string.
Result<std::string> optional_string(const json& object, const char* key, const std::string& where,
                                    std::string fallback) {
  auto found = object.find(key);
  if (found == object.end() || found->is_null()) return fallback;
  if (!found->is_string()) return field_error(where + key, "must be a string");
  return found->get<std::string>();
}

namespace {

// "time": seconds since the Unix epoch (fractions allowed), as milliseconds; absent -> 0.
Result<int64_t> time_ms_from(const json& object, const std::string& where) {
  auto found = object.find("time");
  if (found == object.end() || found->is_null()) return int64_t{0};
  if (!found->is_number() || found->get<double>() <= 0 || found->get<double>() > 1e11) {
    return field_error(where + "time", "must be a positive number of seconds since 1970");
  }
  return static_cast<int64_t>(std::llround(found->get<double>() * 1000.0));
}

}  // namespace

Result<CallEnd> end_from_json(const json& object, const std::string& where) {
  if (!object.is_object()) return field_error(where, "must be an object");
  CallEnd end;
  auto answered = object.find("answered");
  if (answered == object.end() || !answered->is_boolean()) {
    return field_error(where + "answered", "is required and must be true or false");
  }
  end.answered = answered->get<bool>();
  auto duration = object.find("duration");
  if (duration != object.end() && !duration->is_null()) {
    if (!duration->is_number() || duration->get<double>() < 0) {
      return field_error(where + "duration", "must be a non-negative number of seconds");
    }
    end.duration_seconds = duration->get<double>();
  }
  Result<int64_t> time = time_ms_from(object, where);
  if (!time) return Unexpected{time.error()};
  end.time_ms = *time;
  return end;
}

Result<CallSetup> setup_from_json(const json& object, const std::string& where) {
  if (!object.is_object()) return field_error(where, "must be an object");
  CallSetup setup;
  struct Text {
    const char* key;
    std::string CallSetup::*field;
  };
  const Text texts[] = {{"caller", &CallSetup::caller},
                        {"callee", &CallSetup::callee},
                        {"display_name", &CallSetup::display_name},
                        {"ingress_country", &CallSetup::ingress_country},
                        {"trunk", &CallSetup::trunk},
                        {"attestation", &CallSetup::attestation},
                        {"asserted_identity", &CallSetup::asserted_identity},
                        {"privacy", &CallSetup::privacy}};
  for (const Text& text : texts) {
    Result<std::string> value = optional_string(object, text.key, where);
    if (!value) return Unexpected{value.error()};
    setup.*text.field = *value;
  }
  if (!setup.attestation.empty() && setup.attestation != "A" && setup.attestation != "B" &&
      setup.attestation != "C" && setup.attestation != "none") {
    return field_error(where + "attestation", "must be \"A\", \"B\", \"C\" or \"none\"");
  }
  if (auto contact = object.find("callee_is_contact"); contact != object.end()) {
    if (!contact->is_boolean())
      return field_error(where + "callee_is_contact", "must be a boolean");
    setup.callee_is_contact = contact->get<bool>();
  }
  Result<int64_t> time = time_ms_from(object, where);
  if (!time) return Unexpected{time.error()};
  setup.time_ms = *time;
  Result<std::string> ingress = optional_string(object, "ingress", where, "unknown");
  if (!ingress) return Unexpected{ingress.error()};
  if (auto parsed = parse_ingress(*ingress)) {
    setup.ingress = *parsed;
  } else {
    return field_error(where + "ingress",
                       "unknown value '" + *ingress + "' (allowed: " + allowed_ingress() + ")");
  }
  Result<std::string> direction = optional_string(object, "direction", where, "unknown");
  if (!direction) return Unexpected{direction.error()};
  if (auto parsed = parse_direction(*direction)) {
    setup.direction = *parsed;
  } else {
    return field_error(where + "direction", "unknown value '" + *direction +
                                                "' (allowed: " + allowed_directions() + ")");
  }
  return setup;
}

Result<TimedDeviceEvent> event_from_json(const json& object, const std::string& where) {
  if (!object.is_object()) return field_error(where, "must be an object");
  TimedDeviceEvent timed;
  auto after = object.find("after_turn");
  if (after != object.end() && !after->is_null()) {
    if (!after->is_number_integer() || after->get<int64_t>() < -1) {
      return field_error(where + "after_turn", "must be an integer >= -1");
    }
    timed.after_turn = static_cast<int>(after->get<int64_t>());
  }
  Result<std::string> type = optional_string(object, "type", where);
  if (!type) return Unexpected{type.error()};
  if (type->empty()) return field_error(where + "type", "is required");
  if (auto parsed = parse_device_event_type(*type)) {
    timed.event.type = *parsed;
  } else {
    return field_error(where + "type", "unknown device event type '" + *type +
                                           "' (allowed: " + allowed_device_event_types() + ")");
  }
  Result<std::string> app = optional_string(object, "app", where);
  if (!app) return Unexpected{app.error()};
  timed.event.app = *app;
  return timed;
}

Result<Turn> turn_from_json(const json& turn, const std::string& where) {
  if (!turn.is_object()) {
    return field_error(where.empty() ? std::string("turn") : where.substr(0, where.size() - 1),
                       "must be an object");
  }
  Result<std::string> speaker = optional_string(turn, "speaker", where, "unknown");
  if (!speaker) return Unexpected{speaker.error()};
  std::optional<Speaker> parsed_speaker = parse_speaker(*speaker);
  if (!parsed_speaker) {
    return field_error(where + "speaker",
                       "unknown value '" + *speaker + "' (allowed: " + allowed_speakers() + ")");
  }
  auto text = turn.find("text");
  if (text == turn.end() || !text->is_string())
    return field_error(where + "text", "must be a string");
  return Turn{*parsed_speaker, text->get<std::string>()};
}

Result<CallSetup> parse_setup_json(std::string_view text) {
  Result<json> parsed = parse_json(text);
  if (!parsed) return Unexpected{parsed.error()};
  return setup_from_json(*parsed, "setup.");
}

Result<CallEnd> parse_end_json(std::string_view text) {
  Result<json> parsed = parse_json(text);
  if (!parsed) return Unexpected{parsed.error()};
  return end_from_json(*parsed, "end.");
}

Result<TimedDeviceEvent> parse_event_json(std::string_view text) {
  Result<json> parsed = parse_json(text);
  if (!parsed) return Unexpected{parsed.error()};
  return event_from_json(*parsed, "event.");
}

}  // namespace scamguard::codec
