// A deterministic generator of carrier traffic: call set-ups (with times) and their planned
// outcomes, for measuring the pre-answer checks at scale (`scamguard gen-traffic`).
//
// Two populations share the network:
//   ordinary  subscribers calling each other and businesses over domestic trunks; a few
//             foreign callers and roaming subscribers arrive on international gateways; a
//             few legitimate businesses place many outbound calls (reminders, couriers)
//   call centre  >= 20 agents with a predictive dialler, each working a lead list of
//             Australian mobiles in numeric order, through three international gateways,
//             rotating caller IDs (mostly spoofed Australian mobiles and landlines)
// Same seed, same options: the same calls, byte for byte.
#pragma once

#include <cstdint>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "scamguard/events.h"

namespace scamguard::corpus {

struct TrafficOptions {
  uint64_t seed = 1;
  int agents = 24;  // call-centre agents, each with `lines_per_agent` dial lines
  int lines_per_agent = 3;
  double call_centre_share = 0.3;  // share of all calls placed by the call centre
  int subscribers = 200'000;
  int64_t start_ms = 1'764'457'200'000;  // 2025-11-30 09:00 AEDT
};

// Who placed a call, for scoring the run.
enum class TrafficSource : uint8_t {
  kSubscriber,        // ordinary domestic call
  kForeignCaller,     // a foreign number, on an international gateway
  kRoaming,           // a home subscriber abroad, on an international gateway
  kBusinessOutbound,  // a legitimate business placing many calls
  kCallCentre,        // the scam call centre
};
const char* to_string(TrafficSource source) noexcept;

struct GeneratedCall {
  uint64_t id = 0;
  TrafficSource source = TrafficSource::kSubscriber;
  CallSetup setup;          // time_ms set
  bool answered = false;    // what happens if the call is let through
  double ring_seconds = 0;  // until answer or give-up
  double talk_seconds = 0;  // when answered
};

class TrafficGenerator {
 public:
  explicit TrafficGenerator(const TrafficOptions& options);
  ~TrafficGenerator();

  // The next call in time order. Never ends; the caller decides how many to take.
  GeneratedCall next();

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace scamguard::corpus
