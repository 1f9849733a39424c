// One line of the shared call corpus format (corpus::parse_call): any bytes give a call or
// an error naming the field, never a crash. Deep nesting is refused before parsing.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "corpus/corpus_reader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view line(reinterpret_cast<const char*>(data), size);
  scamguard::Result<scamguard::corpus::CorpusCall> call = scamguard::corpus::parse_call(line);
  if (!call && call.error().message.empty()) __builtin_trap();
  return 0;
}
