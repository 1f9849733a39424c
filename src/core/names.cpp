// Wire names of the public enums: the corpus format, the JSON API and the CLI all use these.
#include <array>
#include <string>
#include <string_view>

#include "scamguard/error.h"
#include "scamguard/events.h"
#include "scamguard/verdict.h"

namespace scamguard {
namespace {

template <class Enum, size_t N>
std::optional<Enum> parse_name(const std::array<const char*, N>& names, std::string_view name) {
  for (size_t i = 0; i < N; ++i) {
    if (name == names[i]) return static_cast<Enum>(i);
  }
  return std::nullopt;
}

template <class Enum, size_t N>
const char* name_of(const std::array<const char*, N>& names, Enum value) {
  const auto index = static_cast<size_t>(value);
  return index < N ? names[index] : "unknown";
}

template <size_t N>
std::string join_names(const std::array<const char*, N>& names) {
  std::string out;
  for (size_t i = 0; i < N; ++i) {
    if (i > 0) out += i + 1 == N ? " or " : ", ";
    out += names[i];
  }
  return out;
}

constexpr std::array<const char*, 3> kSpeakers = {"remote", "user", "unknown"};
constexpr std::array<const char*, 3> kDirections = {"unknown", "inbound", "outbound"};
constexpr std::array<const char*, 3> kIngress = {"unknown", "domestic", "international"};
constexpr std::array<const char*, 6> kDeviceEvents = {
    "app_started",          "app_stopped",   "app_installed", "remote_session_started",
    "remote_session_ended", "banking_opened"};
constexpr std::array<const char*, kStageCount> kStages = {
    "contact",    "impersonation", "pretext", "remote_access", "fake_problem",
    "harvesting", "payment",       "theft",   "pressure",      "context"};
constexpr std::array<const char*, 3> kActions = {"allow", "warn", "block"};

}  // namespace

const char* to_string(Speaker speaker) noexcept { return name_of(kSpeakers, speaker); }
const char* to_string(Direction direction) noexcept { return name_of(kDirections, direction); }
const char* to_string(Ingress ingress) noexcept { return name_of(kIngress, ingress); }
const char* to_string(DeviceEventType type) noexcept { return name_of(kDeviceEvents, type); }
const char* to_string(Stage stage) noexcept { return name_of(kStages, stage); }
const char* to_string(Action action) noexcept { return name_of(kActions, action); }

std::optional<Speaker> parse_speaker(std::string_view name) noexcept {
  return parse_name<Speaker>(kSpeakers, name);
}
std::optional<Direction> parse_direction(std::string_view name) noexcept {
  return parse_name<Direction>(kDirections, name);
}
std::optional<Ingress> parse_ingress(std::string_view name) noexcept {
  return parse_name<Ingress>(kIngress, name);
}
std::optional<DeviceEventType> parse_device_event_type(std::string_view name) noexcept {
  return parse_name<DeviceEventType>(kDeviceEvents, name);
}
std::optional<Stage> parse_stage(std::string_view name) noexcept {
  return parse_name<Stage>(kStages, name);
}
std::optional<Action> parse_action(std::string_view name) noexcept {
  return parse_name<Action>(kActions, name);
}

std::string allowed_speakers() { return join_names(kSpeakers); }
std::string allowed_directions() { return join_names(kDirections); }
std::string allowed_ingress() { return join_names(kIngress); }
std::string allowed_device_event_types() { return join_names(kDeviceEvents); }
std::string allowed_stages() { return join_names(kStages); }
std::string allowed_actions() { return join_names(kActions); }

std::string_view error_code_name(ErrorCode code) noexcept {
  switch (code) {
    case ErrorCode::kOk:
      return "ok";
    case ErrorCode::kInvalidInput:
      return "invalid_input";
    case ErrorCode::kConfig:
      return "config";
    case ErrorCode::kModelFormat:
      return "model_format";
    case ErrorCode::kUnavailable:
      return "unavailable";
    case ErrorCode::kSessionInUse:
      return "session_in_use";
    case ErrorCode::kCancelled:
      return "cancelled";
    case ErrorCode::kNotFound:
      return "not_found";
    case ErrorCode::kConflict:
      return "conflict";
    case ErrorCode::kInternal:
      return "internal";
  }
  return "internal";
}

const Finding* Verdict::find(std::string_view symbol) const noexcept {
  for (const Finding& finding : findings) {
    if (finding.symbol == symbol) return &finding;
  }
  return nullptr;
}

}  // namespace scamguard
