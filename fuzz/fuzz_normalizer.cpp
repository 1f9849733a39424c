// The normaliser on arbitrary bytes (invalid UTF-8 included): it must never fail, and its
// output is canonical (normalising it again changes nothing is not promised, so only the
// alphabet is checked: lower-case ASCII, digits, single spaces and the few symbols it keeps).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "text/normalizer.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  std::string out;
  scamguard::text::normalize(input, out);
  for (unsigned char c : out) {
    if (c >= 0x80 || c < 0x20) std::abort();  // the canonical form is printable ASCII
  }
  if (!out.empty() && (out.front() == ' ' || out.back() == ' ')) std::abort();
  if (out.find("  ") != std::string::npos) std::abort();
  return 0;
}
