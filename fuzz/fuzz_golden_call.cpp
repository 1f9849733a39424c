// A golden `.call` file (corpus::parse_golden_call): any text parses or is refused with the
// line at fault.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "corpus/golden_call.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  scamguard::Result<scamguard::corpus::GoldenCall> call =
      scamguard::corpus::parse_golden_call(text, "fuzz.call");
  if (call) (void)call->to_corpus_call();
  return 0;
}
