#include "classifier/model_file.h"

#include <bit>
#include <cstring>
#include <fstream>

#include "util/files.h"

namespace scamguard::classifier {
namespace {

constexpr uint32_t kFloat32 = 0;
constexpr size_t kChecksumSize = 8;

uint64_t checksum(std::string_view bytes) {
  uint64_t hash = 0xcbf29ce484222325ull;
  for (char c : bytes) hash = (hash ^ static_cast<unsigned char>(c)) * 0x100000001b3ull;
  return hash;
}

void put_u32(std::string& out, uint32_t value) {
  for (int i = 0; i < 4; ++i) out.push_back(static_cast<char>((value >> (8 * i)) & 0xffu));
}
void put_u64(std::string& out, uint64_t value) {
  for (int i = 0; i < 8; ++i) out.push_back(static_cast<char>((value >> (8 * i)) & 0xffu));
}
uint32_t get_u32(std::string_view bytes, size_t offset) {
  uint32_t value = 0;
  for (int i = 0; i < 4; ++i) {
    value |= uint32_t{static_cast<unsigned char>(bytes[offset + i])} << (8 * i);
  }
  return value;
}
uint64_t get_u64(std::string_view bytes, size_t offset) {
  uint64_t value = 0;
  for (int i = 0; i < 8; ++i) {
    value |= uint64_t{static_cast<unsigned char>(bytes[offset + i])} << (8 * i);
  }
  return value;
}
float get_f32(std::string_view bytes, size_t offset) {
  return std::bit_cast<float>(get_u32(bytes, offset));
}

Unexpected refuse(std::string_view origin, const std::string& why) {
  return make_error(ErrorCode::kModelFormat, "model file " + std::string(origin) + ": " + why);
}

}  // namespace

std::string serialize_model(const Model& model) {
  const FeatureOptions& options = model.options();
  std::string out;
  out.reserve(kHeaderSize + 4 * model.weights().size() + kChecksumSize);
  out.append(kModelMagic, sizeof kModelMagic);
  put_u32(out, kModelFormatVersion);
  put_u32(out, kHeaderSize);
  put_u32(out, options.dim_bits);
  put_u32(out, options.hash_seed);
  put_u32(out, options.word_ngrams);
  put_u32(out, options.char_min);
  put_u32(out, options.char_max);
  put_u32(out, kFloat32);
  put_u32(out, options.length_prior);
  put_u32(out, std::bit_cast<uint32_t>(model.bias()));
  for (float weight : model.weights()) put_u32(out, std::bit_cast<uint32_t>(weight));
  put_u64(out, checksum(out));
  return out;
}

Result<Model> parse_model(std::string_view bytes, std::string_view origin) {
  if (bytes.size() < 8)
    return refuse(origin, "too short to be a scamguard text model (truncated?)");
  if (std::memcmp(bytes.data(), kModelMagic, sizeof kModelMagic) != 0) {
    return refuse(origin, "not a scamguard text model (wrong magic number; expected \"SGTM\")");
  }
  const uint32_t version = get_u32(bytes, 4);
  if (version > kModelFormatVersion) {
    return refuse(origin, "format version " + std::to_string(version) +
                              " is newer than this scamguard reads (up to " +
                              std::to_string(kModelFormatVersion) + "); upgrade scamguard");
  }
  if (version == 0) return refuse(origin, "format version 0 is not valid");
  const uint32_t expected_header = version == 1 ? kHeaderSizeV1 : kHeaderSize;
  if (bytes.size() < expected_header + kChecksumSize) {
    return refuse(origin,
                  "truncated: " + std::to_string(bytes.size()) + " bytes, shorter than the header");
  }
  const uint32_t header_size = get_u32(bytes, 8);
  FeatureOptions options;
  options.dim_bits = get_u32(bytes, 12);
  options.hash_seed = get_u32(bytes, 16);
  options.word_ngrams = get_u32(bytes, 20);
  options.char_min = get_u32(bytes, 24);
  options.char_max = get_u32(bytes, 28);
  const uint32_t encoding = get_u32(bytes, 32);
  options.length_prior = version == 1 ? 0 : get_u32(bytes, 36);
  const float bias = get_f32(bytes, expected_header - 4);
  if (header_size != expected_header) {
    return refuse(origin, "header size " + std::to_string(header_size) + " is not " +
                              std::to_string(expected_header));
  }
  if (options.dim_bits < 1 || options.dim_bits > kMaxDimBits) {
    return refuse(origin, "dim_bits " + std::to_string(options.dim_bits) + " is out of range");
  }
  if (options.word_ngrams < 1 || options.word_ngrams > 2 ||
      (options.char_max != 0 && (options.char_min < 1 || options.char_min > options.char_max))) {
    return refuse(origin, "feature settings are out of range");
  }
  if (encoding != kFloat32) {
    return refuse(origin, "unknown weight encoding " + std::to_string(encoding));
  }
  const size_t dim = size_t{1} << options.dim_bits;
  const size_t expected = expected_header + 4 * dim + kChecksumSize;
  if (bytes.size() != expected) {
    return refuse(origin, (bytes.size() < expected ? "truncated: " : "has trailing bytes: ") +
                              std::to_string(bytes.size()) + " bytes where the header implies " +
                              std::to_string(expected));
  }
  const size_t body = bytes.size() - kChecksumSize;
  if (get_u64(bytes, body) != checksum(bytes.substr(0, body))) {
    return refuse(origin, "checksum mismatch (the file is corrupted)");
  }
  std::vector<float> weights(dim);
  for (size_t i = 0; i < dim; ++i) weights[i] = get_f32(bytes, expected_header + 4 * i);
  return Model(options, bias, std::move(weights));
}

Status save_model(const Model& model, const std::string& path) {
  const std::string bytes = serialize_model(model);
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out) return make_error(ErrorCode::kNotFound, "cannot write model file " + path);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  out.close();
  if (!out) return make_error(ErrorCode::kNotFound, "failed writing model file " + path);
  return {};
}

Result<Model> load_model(const std::string& path) {
  Result<std::string> bytes = read_file(path);
  if (!bytes) return Unexpected{bytes.error()};
  return parse_model(*bytes, path);
}

}  // namespace scamguard::classifier
