// A finding's option text ("caller=+61412345678,ingress=IN"), formatted into the sink's
// option_buffer() (core/rule.h): a carrier's proxy checks every set-up, and a dialler's calls
// fire the same findings every time, so building their options must not allocate.
//
//   out.add(kRate, (OptionText(out) << "attempts=" << stats.attempts_short).view());
//
// Each OptionText starts the buffer afresh, so its view() is good until the next one.
#pragma once

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>

#include "core/rule.h"

namespace scamguard {

class OptionText {
 public:
  explicit OptionText(FindingSink& out) : text_(out.option_buffer()) {}
  OptionText& operator<<(std::string_view part) {
    text_ += part;
    return *this;
  }
  OptionText& operator<<(uint64_t value) {
    char buffer[24];
    const char* end = std::to_chars(buffer, buffer + sizeof buffer, value).ptr;
    text_.append(buffer, static_cast<size_t>(end - buffer));
    return *this;
  }
  // One printf conversion of a double: format("asr=%.2f", asr).
  OptionText& format(const char* pattern, double value) {
    char buffer[32];
    const int size = std::snprintf(buffer, sizeof buffer, pattern, value);
    text_.append(buffer, static_cast<size_t>(std::clamp(size, 0, int{sizeof buffer} - 1)));
    return *this;
  }
  std::string_view view() const { return text_; }

 private:
  std::string& text_;
};

}  // namespace scamguard
