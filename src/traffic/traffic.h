// Traffic across calls, as the session and the traffic rules see it: the thresholds from
// [traffic] in scamguard.toml, and what the traffic store said about this call's caller ID
// and ingress trunk when its set-up was recorded.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "scamguard/events.h"
#include "scamguard/traffic_store.h"

namespace scamguard {

// One scope's limits ([traffic.caller] or [traffic.trunk]). A limit of 0 turns its check off.
struct TrafficThresholds {
  uint32_t max_attempts_short = 0;  // RATE: more attempts than this in the short window
  uint32_t max_attempts_long = 0;   // RATE: or in the long window
  uint32_t min_ended = 0;           // the ratios below need this many ended calls
  double min_asr = 0.0;             // LOW_ASR: answered / ended below this
  double max_acd_seconds = 0.0;     // SHORT_CALLS: average answered duration below this
  double max_short_share = 0.0;     // SHORT_CALLS: or short / answered above this
  uint32_t max_destinations = 0;    // MANY_DESTINATIONS: more distinct callees than this
  uint32_t min_sequential = 0;      // SEQUENTIAL: at least this many earlier near callees
};

struct TrafficSettings {
  bool enabled = true;
  TrafficWindows windows;
  TrafficThresholds caller{.max_attempts_short = 5,
                           .max_attempts_long = 30,
                           .min_ended = 10,
                           .min_asr = 0.25,
                           .max_acd_seconds = 45.0,
                           .max_short_share = 0.7,
                           .max_destinations = 20,
                           .min_sequential = 3};
  TrafficThresholds trunk{.max_attempts_short = 0,
                          .max_attempts_long = 0,
                          .min_ended = 50,
                          .min_asr = 0.3,
                          .max_acd_seconds = 45.0,
                          .max_short_share = 0.7,
                          .max_destinations = 0,
                          .min_sequential = 4};
};

// What the traffic store said when this call's set-up was recorded.
struct TrafficFacts {
  bool checked = false;      // a set-up was recorded (or the attempt failed)
  bool unavailable = false;  // the backend could not be reached: no figures below
  std::string error;         // the backend's message when unavailable
  bool has_caller = false;
  TrafficStats caller;
  bool has_trunk = false;
  TrafficStats trunk;
};

// The callee's digits as a number for sequential-dialling checks; 0 when it has none.
uint64_t destination_number(std::string_view callee) noexcept;

// Keys under which a set-up is counted: "c:<caller>" (not for withheld or empty callers)
// and "t:<trunk>"; empty strings when the set-up has none. Short, so that an E.164 caller
// key fits std::string's inline buffer.
std::string caller_key(const CallSetup& setup);
std::string trunk_key(const CallSetup& setup);

// The set-up's time, or the system clock's when it carries none.
int64_t setup_time_ms(int64_t given) noexcept;

// Records the set-up under its caller ID and trunk and returns both keys' statistics.
TrafficFacts record_setup(TrafficStore& state, const TrafficWindows& windows,
                          const CallSetup& setup);

// Records the end of a call under the set-up's caller ID and trunk.
Status record_end(TrafficStore& state, const TrafficWindows& windows, const CallSetup& setup,
                  const CallEnd& end);

}  // namespace scamguard
