// The text model's file format. All integers and floats little-endian.
//
//   offset size  field
//   0      4     magic "SGTM"
//   4      4     format version (kModelFormatVersion)
//   8      4     header size in bytes (kHeaderSize), so a reader can find the weights
//   12     4     dim_bits: the model has 2^dim_bits weights
//   16     4     hash_seed
//   20     4     word_ngrams
//   24     4     char_min
//   28     4     char_max
//   32     4     weight encoding (0 = float32)
//   36     4     length_prior (since version 2; version 1 files have none and mean 0)
//   40     4     bias (float32)                  (36 in version 1)
//   44     4*2^dim_bits   weights (float32)      (40 in version 1)
//   end-8  8     FNV-1a 64 checksum of every byte before it
//
// A reader refuses, with ErrorCode::kModelFormat and a message naming the file: a wrong
// magic (not a scamguard model), a newer format version (written by a newer scamguard),
// a size that does not match the header (truncated or padded) and a checksum mismatch
// (corrupted). Writing is deterministic: the same Model gives the same bytes.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "classifier/model.h"
#include "scamguard/error.h"

namespace scamguard::classifier {

inline constexpr char kModelMagic[4] = {'S', 'G', 'T', 'M'};
inline constexpr uint32_t kModelFormatVersion = 2;
inline constexpr uint32_t kHeaderSize = 44;
inline constexpr uint32_t kHeaderSizeV1 = 40;
inline constexpr uint32_t kMaxDimBits = 24;

std::string serialize_model(const Model& model);

// `origin` (a path) is named in error messages.
Result<Model> parse_model(std::string_view bytes, std::string_view origin);

Status save_model(const Model& model, const std::string& path);
Result<Model> load_model(const std::string& path);

}  // namespace scamguard::classifier
