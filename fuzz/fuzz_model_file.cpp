// The text model file reader (classifier::parse_model): truncated, padded, corrupted or
// hostile files are refused with kModelFormat, never read out of bounds. The checksum would
// stop most mutations at the door, so half the inputs get a valid checksum appended.
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>

#include "classifier/model_file.h"

namespace {
uint64_t fnv1a(const std::string& bytes) {
  uint64_t hash = 0xcbf29ce484222325ull;
  for (unsigned char c : bytes) {
    hash ^= c;
    hash *= 0x100000001b3ull;
  }
  return hash;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  std::string bytes(reinterpret_cast<const char*>(data) + 1, size - 1);
  if (data[0] & 1) {
    const uint64_t sum = fnv1a(bytes);
    char tail[8];
    std::memcpy(tail, &sum, sizeof tail);  // little-endian on every target we build
    bytes.append(tail, sizeof tail);
  }
  scamguard::Result<scamguard::classifier::Model> model =
      scamguard::classifier::parse_model(bytes, "fuzz.sgtm");
  if (model) (void)scamguard::classifier::serialize_model(*model);
  return 0;
}
