#include "campaign/script_fingerprint.h"

#include <algorithm>
#include <limits>
#include <string>

#include "text/normalizer.h"

namespace scamguard::campaign {
namespace {

constexpr uint64_t splitmix64(uint64_t x) noexcept {
  x += 0x9e3779b97f4a7c15ull;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ull;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebull;
  return x ^ (x >> 31);
}

uint64_t hash_word(std::string_view word) noexcept {
  uint64_t hash = 1469598103934665603ull;  // FNV-1a, then mixed
  for (unsigned char c : word) hash = (hash ^ c) * 1099511628211ull;
  return splitmix64(hash);
}

// Per-position seeds of the MinHash family, fixed so that stored signatures stay valid.
constexpr std::array<uint64_t, kSignatureSize> make_seeds() {
  std::array<uint64_t, kSignatureSize> seeds{};
  uint64_t state = 0x5ca3'6a2d'0000'0001ull;
  for (uint64_t& seed : seeds) seed = state = splitmix64(state);
  return seeds;
}
constexpr std::array<uint64_t, kSignatureSize> kSeeds = make_seeds();

}  // namespace

bool is_filler_word(std::string_view word) noexcept {
  static constexpr std::string_view kFillers[] = {
      "so",    "okay",    "ok",   "well", "now",   "just",   "basically", "actually",
      "right", "alright", "like", "yeah", "yes",   "um",     "uh",        "hmm",
      "oh",    "please",  "sir",  "maam", "madam", "really", "very",      "kindly",
      "see",   "listen",  "look", "the",  "a",     "an"};
  for (std::string_view filler : kFillers) {
    if (word == filler) return true;
  }
  return false;
}

void ShingleStream::add(std::string_view text, std::vector<uint64_t>& out) {
  size_t pos = 0;
  while (pos < text.size()) {
    while (pos < text.size() && text[pos] == ' ') ++pos;
    const size_t start = pos;
    while (pos < text.size() && text[pos] != ' ') ++pos;
    if (pos == start) break;
    const std::string_view word = text.substr(start, pos - start);
    if (is_filler_word(word)) continue;
    std::rotate(window_.begin(), window_.begin() + 1, window_.end());
    window_.back() = hash_word(word);
    if (have_ < kShingleWords) ++have_;
    if (have_ < kShingleWords) continue;
    uint64_t shingle = 0;
    for (uint64_t word_hash : window_) shingle = splitmix64(shingle ^ word_hash);
    out.push_back(shingle);
  }
}

std::vector<uint64_t> script_shingles(std::span<const Turn> turns) {
  ShingleStream stream;
  std::vector<uint64_t> shingles;
  std::string canonical;
  for (const Turn& turn : turns) {
    if (turn.speaker == Speaker::kUser) continue;
    text::normalize(turn.text, canonical);
    stream.add(canonical, shingles);
  }
  std::sort(shingles.begin(), shingles.end());
  shingles.erase(std::unique(shingles.begin(), shingles.end()), shingles.end());
  return shingles;
}

Signature minhash(std::span<const uint64_t> shingles) {
  Signature signature;
  signature.fill(std::numeric_limits<uint32_t>::max());
  for (uint64_t shingle : shingles) {
    for (int i = 0; i < kSignatureSize; ++i) {
      const auto value = static_cast<uint32_t>(splitmix64(shingle ^ kSeeds[i]) >> 32);
      signature[i] = std::min(signature[i], value);
    }
  }
  return signature;
}

double estimate_jaccard(const Signature& a, const Signature& b) noexcept {
  int equal = 0;
  for (int i = 0; i < kSignatureSize; ++i) equal += a[i] == b[i];
  return static_cast<double>(equal) / kSignatureSize;
}

uint64_t band_key(const Signature& signature, int band) noexcept {
  uint64_t key = splitmix64(static_cast<uint64_t>(band) + 1);
  for (int row = 0; row < kRowsPerBand; ++row) {
    key = splitmix64(key ^ signature[band * kRowsPerBand + row]);
  }
  return key;
}

double jaccard(std::span<const uint64_t> a, std::span<const uint64_t> b) noexcept {
  if (a.empty() && b.empty()) return 0.0;
  size_t i = 0, j = 0, common = 0;
  while (i < a.size() && j < b.size()) {
    if (a[i] < b[j]) {
      ++i;
    } else if (b[j] < a[i]) {
      ++j;
    } else {
      ++common, ++i, ++j;
    }
  }
  return static_cast<double>(common) / static_cast<double>(a.size() + b.size() - common);
}

}  // namespace scamguard::campaign
