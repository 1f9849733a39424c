// Script fingerprints: what the remote party said, reduced to something two readings of the
// same script share even when the agents paraphrase and the speech recogniser mishears.
//
//   words    canonical words (text/normalizer.h) of the remote party's turns, without fillers
//            ("so", "okay", "basically") that agents add and drop at will;
//   shingles every run of kShingleWords consecutive words, hashed to 64 bits (across turns);
//   MinHash  kSignatureSize minimum hashes, so that the share of equal positions of two
//            signatures estimates the Jaccard similarity of their shingle sets;
//   bands    the signature cut into kBands bands of kRowsPerBand rows; two calls that agree
//            on any whole band are candidates (locality-sensitive hashing), so a new call is
//            compared with a few similar calls, never with the whole store.
//
// Why these numbers (measured in docs/campaigns.md): on the generated corpus, two readings of
// one script by different agents share a median 0.33 of their word trigrams (0.18 at twice
// the noise), calls from different scripts at most 0.04, scam and legit calls at most 0.02.
// With 2 rows per band and 32 bands, a pair at Jaccard 0.2 becomes a candidate with
// probability 1-(1-0.2^2)^32 = 0.73, and a new call usually has several earlier readings to
// meet; a pair at 0.02 with 0.013. Hash functions are fixed (seeded splitmix64), so signatures
// stored in a database stay comparable across runs and machines.
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "scamguard/events.h"

namespace scamguard::campaign {

inline constexpr int kShingleWords = 3;
inline constexpr int kSignatureSize = 64;
inline constexpr int kRowsPerBand = 2;
inline constexpr int kBands = kSignatureSize / kRowsPerBand;

using Signature = std::array<uint32_t, kSignatureSize>;

// Turns canonical text into shingle hashes, one turn at a time: the shingles of a new turn
// include the words that ended the previous one, so a call cut into turns differently gives
// the same shingles. Cost: linear in the new text.
class ShingleStream {
 public:
  // Appends the hashes of the shingles completed by `canonical_text` to `out`.
  void add(std::string_view canonical_text, std::vector<uint64_t>& out);

 private:
  std::array<uint64_t, kShingleWords> window_{};  // hashes of the last words, oldest first
  int have_ = 0;
};

// True for filler words left out of fingerprints.
bool is_filler_word(std::string_view word) noexcept;

// The sorted, distinct shingle hashes of what the remote (or an unknown) speaker said.
// `turns` are raw transcript turns; they are normalised here.
std::vector<uint64_t> script_shingles(std::span<const Turn> turns);

// MinHash of a shingle set. An empty set gives all-ones (matches nothing but itself).
Signature minhash(std::span<const uint64_t> shingles);

// Share of equal positions: an estimate of the Jaccard similarity of the two shingle sets.
double estimate_jaccard(const Signature& a, const Signature& b) noexcept;

// The LSH bucket key of band `band` (0 <= band < kBands), with the band number mixed in.
uint64_t band_key(const Signature& signature, int band) noexcept;

// Exact Jaccard similarity of two sorted, distinct hash sets.
double jaccard(std::span<const uint64_t> a, std::span<const uint64_t> b) noexcept;

}  // namespace scamguard::campaign
