// A finding's option text ("caller=+61412345678,ingress=IN"), written into one buffer per
// thread: a carrier's proxy checks every set-up, and a dialler's calls fire the same
// findings every time, so building their options must not allocate.
//
//   out.add(kRate, (OptionText() << "attempts=" << stats.attempts_short).view());
//
// Each OptionText starts the buffer afresh, so its view() is good until the next one.
#pragma once

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>

namespace scamguard {

class OptionText {
 public:
  OptionText() { text().clear(); }
  OptionText& operator<<(std::string_view part) {
    text() += part;
    return *this;
  }
  OptionText& operator<<(uint64_t value) {
    char buffer[24];
    const char* end = std::to_chars(buffer, buffer + sizeof buffer, value).ptr;
    text().append(buffer, static_cast<size_t>(end - buffer));
    return *this;
  }
  // One printf conversion of a double: format("asr=%.2f", asr).
  OptionText& format(const char* pattern, double value) {
    char buffer[32];
    const int size = std::snprintf(buffer, sizeof buffer, pattern, value);
    text().append(buffer, static_cast<size_t>(std::clamp(size, 0, int{sizeof buffer} - 1)));
    return *this;
  }
  std::string_view view() const { return text(); }

 private:
  static std::string& text() {
    thread_local std::string buffer;
    return buffer;
  }
};

}  // namespace scamguard
