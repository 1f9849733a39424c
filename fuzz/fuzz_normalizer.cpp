// The normaliser on arbitrary bytes (invalid UTF-8 included): it must never fail, and its
// output must be of the canonical form `text/normalizer.h` promises: one leading and one
// trailing space, single spaces between words, no upper-case ASCII, no control bytes, and
// valid UTF-8 (invalid sequences become separators; other non-ASCII text is kept). That
// normalising the output again changes nothing is not promised, so it is not checked.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "text/normalizer.h"

namespace {

// Length of the valid UTF-8 sequence at `at`, or 0 (overlong forms, surrogates and values
// past U+10FFFF are invalid).
size_t utf8_sequence(std::string_view s, size_t at) {
  const auto byte = [&](size_t i) { return static_cast<unsigned char>(s[i]); };
  const unsigned char lead = byte(at);
  size_t length = 0;
  uint32_t value = 0;
  if (lead < 0x80) return 1;
  if (lead >= 0xc2 && lead <= 0xdf) {
    length = 2, value = lead & 0x1fu;
  } else if (lead >= 0xe0 && lead <= 0xef) {
    length = 3, value = lead & 0x0fu;
  } else if (lead >= 0xf0 && lead <= 0xf4) {
    length = 4, value = lead & 0x07u;
  } else {
    return 0;
  }
  if (at + length > s.size()) return 0;
  for (size_t i = 1; i < length; ++i) {
    if ((byte(at + i) & 0xc0) != 0x80) return 0;
    value = (value << 6) | (byte(at + i) & 0x3fu);
  }
  if ((length == 3 && (value < 0x800 || (value >= 0xd800 && value <= 0xdfff))) ||
      (length == 4 && (value < 0x10000 || value > 0x10ffff))) {
    return 0;
  }
  return length;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  std::string out;
  scamguard::text::normalize(input, out);
  if (out.empty() || out.front() != ' ' || out.back() != ' ') std::abort();
  if (out.find("  ") != std::string::npos) std::abort();
  for (size_t at = 0; at < out.size();) {
    const unsigned char c = static_cast<unsigned char>(out[at]);
    if (c < 0x20 || c == 0x7f || (c >= 'A' && c <= 'Z')) std::abort();
    const size_t length = utf8_sequence(out, at);
    if (length == 0) std::abort();
    at += length;
  }
  return 0;
}
