#include "traffic/traffic.h"

#include <chrono>
#include <cmath>

namespace scamguard {
namespace {

bool withheld(std::string_view caller) {
  return caller.empty() || caller == "anonymous" || caller == "withheld" || caller == "private" ||
         caller == "restricted";
}

}  // namespace

uint64_t destination_number(std::string_view callee) noexcept {
  uint64_t number = 0;
  int digits = 0;
  for (char c : callee) {
    if (c < '0' || c > '9') continue;
    if (++digits > 19) return 0;  // not a phone number; would overflow
    number = number * 10 + static_cast<uint64_t>(c - '0');
  }
  return number;
}

std::string caller_key(const CallSetup& setup) {
  return withheld(setup.caller) ? std::string() : "c:" + setup.caller;
}

std::string trunk_key(const CallSetup& setup) {
  return setup.trunk.empty() ? std::string() : "t:" + setup.trunk;
}

int64_t setup_time_ms(int64_t given) noexcept {
  if (given > 0) return given;
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

TrafficFacts record_setup(TrafficStore& state, const TrafficWindows& windows,
                          const CallSetup& setup) {
  TrafficFacts facts;
  facts.checked = true;
  const std::string caller = caller_key(setup);
  const std::string trunk = trunk_key(setup);
  const int64_t time = setup_time_ms(setup.time_ms);
  const uint64_t destination = destination_number(setup.callee);
  AttemptRecord records[2];
  size_t count = 0;
  if (!caller.empty()) records[count++] = {caller, time, destination};
  if (!trunk.empty()) records[count++] = {trunk, time, destination};
  if (count == 0) return facts;
  TrafficStats stats[2];
  Status status = state.record_attempts({records, count}, windows, {stats, count});
  if (!status) {
    facts.unavailable = true;
    facts.error = status.error().message;
    return facts;
  }
  size_t next = 0;
  if (!caller.empty()) {
    facts.has_caller = true;
    facts.caller = stats[next++];
  }
  if (!trunk.empty()) {
    facts.has_trunk = true;
    facts.trunk = stats[next];
  }
  return facts;
}

Status record_end(TrafficStore& state, const TrafficWindows& windows, const CallSetup& setup,
                  const CallEnd& end) {
  if (!(end.duration_seconds >= 0.0) || !std::isfinite(end.duration_seconds)) {
    return make_error(ErrorCode::kInvalidInput,
                      "call end: duration_seconds must be a non-negative number");
  }
  const std::string caller = caller_key(setup);
  const std::string trunk = trunk_key(setup);
  const int64_t time = setup_time_ms(end.time_ms);
  const auto duration = static_cast<int64_t>(std::llround(end.duration_seconds * 1000.0));
  EndRecord records[2];
  size_t count = 0;
  if (!caller.empty()) records[count++] = {caller, time, end.answered, duration};
  if (!trunk.empty()) records[count++] = {trunk, time, end.answered, duration};
  if (count == 0) return {};
  return state.record_ends({records, count}, windows);
}

}  // namespace scamguard
