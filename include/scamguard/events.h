/// @file events.h
/// The three kinds of event a call produces, in the shapes of the shared call corpus format
/// (see docs/ARCHITECTURE.md): the call set-up, transcript turns and device events.
///
///   scamguard::CallSetup setup;
///   setup.caller = "+61412345678";
///   setup.ingress = scamguard::Ingress::kInternational;
///   call.on_signalling(setup);
///   call.on_turn({scamguard::Speaker::kRemote, "hello I am calling from amazon"});
///   call.on_device_event({scamguard::DeviceEventType::kAppStarted, "anydesk"});
///
/// Every field of CallSetup is optional: carriers see some of them, phones others.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "scamguard/export.h"

namespace scamguard {

/// Who spoke a turn. `kRemote` is the other party (a possible scammer or a genuine agent);
/// `kUser` is the person scamguard protects; `kUnknown` when the transcript is not diarised.
enum class Speaker : uint8_t { kRemote, kUser, kUnknown };

/// Who placed the call. `kOutbound` means the protected user dialled the remote party.
enum class Direction : uint8_t { kUnknown, kInbound, kOutbound };

/// The route on which the call entered the network.
enum class Ingress : uint8_t { kUnknown, kDomestic, kInternational };

/// The call set-up as a carrier sees it before answer.
struct CallSetup {
  /// Presented caller number: E.164, E.164 without '+', or the home country's national form
  /// ("0412345678", "1300123456"). Empty, or a SIP withheld marker ("anonymous",
  /// "Anonymous", "unavailable", "restricted", "unknown", "sip:anonymous@anonymous.invalid"),
  /// means withheld, on a set-up that carries any other signalling: one with nothing but a
  /// direction does not know the caller ID, and an outbound call's caller is the user.
  std::string caller;
  std::string callee;  ///< called number
  /// The phone app sets this when the number the user dialled is a contact saved on the
  /// phone: a user-placed call to it is trusted like a call to an official line.
  bool callee_is_contact = false;
  std::string display_name;  ///< caller name (CNAM) as presented
  Direction direction = Direction::kUnknown;
  Ingress ingress = Ingress::kUnknown;
  std::string ingress_country;  ///< ISO 3166 alpha-2 of the ingress route, e.g. "IN"
  std::string trunk;            ///< ingress trunk or gateway identifier
  std::string attestation;      ///< STIR/SHAKEN level "A", "B", "C", "none" (the network
                                ///< expected an identity header and saw none), or empty
  /// Network-asserted identity (SIP P-Asserted-Identity) when the carrier has one; lets an
  /// anonymous presentation through without CID_WITHHELD.
  std::string asserted_identity;
  /// The SIP Privacy header (RFC 3323 / 3325) as received, e.g. "id" or "header;user"; "id",
  /// "user" and "header" ask for the caller's identity to be withheld, "none" or empty do not.
  std::string privacy;
  /// Set-up time, milliseconds since the Unix epoch; 0 means "now" (the system clock). Given
  /// by replayed traffic so that the traffic windows are deterministic.
  int64_t time_ms = 0;
};

/// How a call ended, for the traffic statistics of its caller ID and ingress trunk
/// (answer-seizure ratio, average duration, share of very short calls).
struct CallEnd {
  bool answered = false;
  double duration_seconds = 0.0;  ///< talk time; ignored when not answered
  int64_t time_ms = 0;            ///< end time, ms since the Unix epoch; 0 means now
};

/// One transcript turn, as a speech recogniser or a person wrote it. Any bytes are accepted:
/// invalid UTF-8 and non-English text are scored, never rejected.
struct Turn {
  Speaker speaker = Speaker::kUnknown;
  std::string text;
};

enum class DeviceEventType : uint8_t {
  kAppStarted,
  kAppStopped,
  kAppInstalled,
  kRemoteSessionStarted,
  kRemoteSessionEnded,
  kBankingOpened,
};

/// Something the protected user's device reported during the call.
struct DeviceEvent {
  DeviceEventType type = DeviceEventType::kAppStarted;
  std::string app;  ///< application or site identifier, e.g. "anydesk", "commbank"
};

/// Wire names used by the corpus format and the JSON API ("remote", "inbound",
/// "app_started", ...). Parsing returns std::nullopt for an unknown name.
SCAMGUARD_API const char* to_string(Speaker speaker) noexcept;
SCAMGUARD_API const char* to_string(Direction direction) noexcept;
SCAMGUARD_API const char* to_string(Ingress ingress) noexcept;
SCAMGUARD_API const char* to_string(DeviceEventType type) noexcept;
SCAMGUARD_API std::optional<Speaker> parse_speaker(std::string_view name) noexcept;
SCAMGUARD_API std::optional<Direction> parse_direction(std::string_view name) noexcept;
SCAMGUARD_API std::optional<Ingress> parse_ingress(std::string_view name) noexcept;
SCAMGUARD_API std::optional<DeviceEventType> parse_device_event_type(
    std::string_view name) noexcept;
/// Every accepted wire name, for error messages: "remote, user or unknown".
SCAMGUARD_API std::string allowed_speakers();
SCAMGUARD_API std::string allowed_directions();
SCAMGUARD_API std::string allowed_ingress();
SCAMGUARD_API std::string allowed_device_event_types();

}  // namespace scamguard
