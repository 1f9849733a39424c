// Incremental linking of calls into campaigns, as calls arrive.
//
// Two calls are linked when their scripts are near-duplicates (MinHash estimate of the Jaccard
// similarity of their word shingles at least LinkerOptions::min_jaccard, candidates found by
// LSH banding) or when they share a strong indicator (campaign/indicators.h: a callback number,
// a remote-access ID, an account to pay into). Linked groups are campaigns (union-find); a
// campaign is named after its earliest call, so its identity survives merges.
//
// Only suspect calls are given to the linker: calls whose own verdict reached at least warn.
// This is the rule that keeps genuine calls out of scam campaigns: a bank's real fraud team
// also says "unusual activity on your account" and may share a tool name or a phone number
// with a scam that impersonates it, but a call the engine did not alert on is evidence of
// nothing and is never linked. (The campaign store still records it.)
//
// Cost per call is bounded, not growing with the number of calls linked: each band key heads a
// chain of the calls that had it, newest first, and only the newest
// LinkerOptions::bucket_depth of each chain are compared (and at most four times as many chain
// entries are read, whatever other keys share the slot). The band table grows with the calls
// so chains stay short. The price: a campaign silent for a long time may be missed by the
// script test (never by a shared indicator, whose index is exact).
//
// Not thread-safe: one writer (the campaign tracker) owns a linker.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <unordered_map>
#include <vector>

#include "campaign/indicators.h"
#include "campaign/script_fingerprint.h"

namespace scamguard::campaign {

struct LinkerOptions {
  double min_jaccard = 0.15;  // script link threshold on the MinHash estimate
  size_t min_shingles = 12;   // shorter scripts are never linked by script (too little said)
  // A script link also needs this many shingles in common (estimated from the Jaccard
  // estimate and both set sizes): one stock sentence ("time is of the essence and we need to
  // resolve this promptly") shared by two short calls is not a script.
  double min_shared_shingles = 15;
  size_t bucket_depth = 8;         // newest calls compared per LSH bucket
  bool link_by_indicators = true;  // false: scripts only (to measure fingerprints alone)
};

struct Link {
  uint32_t other = 0;              // the earlier call linked to
  bool by_script = false;          // else by a shared strong indicator
  double similarity = 0.0;         // for script links: the Jaccard estimate
  IndicatorKind indicator_kind{};  // for indicator links
  std::string indicator_value;
};

struct LinkOutcome {
  uint32_t call = 0;               // dense index of the new call, from 0
  uint32_t campaign = 0;           // index of the campaign's earliest call after linking
  std::vector<uint32_t> absorbed;  // campaigns (earliest-call indices) merged into `campaign`
  std::vector<Link> links;
  uint32_t candidates_checked = 0;  // signatures compared: at most kBands * bucket_depth
};

class CampaignLinker {
 public:
  explicit CampaignLinker(LinkerOptions options = {});

  // Adds one suspect call with its signature, shingle count and indicators:
  // commit(plan(...)).
  LinkOutcome add_call(const Signature& signature, size_t shingle_count,
                       std::span<const Indicator> indicators);

  // What adding the call would do, without changing the linker; the next call's index is
  // size(). Lets a caller store the outcome first and commit only what was stored.
  LinkOutcome plan(const Signature& signature, size_t shingle_count,
                   std::span<const Indicator> indicators) const;

  // Applies a plan made for exactly this call, before any other call was added.
  void commit(const LinkOutcome& outcome, const Signature& signature, size_t shingle_count,
              std::span<const Indicator> indicators);

  // The campaign (index of its earliest call) call `call` belongs to now.
  uint32_t campaign_of(uint32_t call) const;

  size_t size() const noexcept { return signatures_.size(); }

  // Sizes the band table and arrays for `calls` calls in all, so that adding up to that many
  // never rebuilds the table (a rebuild costs time proportional to the calls linked so far).
  void reserve(size_t calls);

 private:
  void insert_bands(uint32_t call);
  void grow_table();
  void rebuild_table(size_t slots);

  LinkerOptions options_;
  std::vector<Signature> signatures_;
  std::vector<uint8_t> scriptable_;  // 1 if the call has enough shingles for script links
  std::vector<uint32_t> shingle_counts_;
  // Union-find; the root is the campaign's earliest call. Paths are compressed on commit.
  std::vector<uint32_t> parent_;
  std::vector<uint32_t> heads_;  // band table: slot -> newest call + 1 (0: empty)
  // (call, band) -> the previous call + 1 in the same slot, and the upper half of this call's
  // band key: slots are shared by unrelated keys, and the tag rejects those without reading
  // their signatures (one cache line instead of five).
  struct ChainEntry {
    uint32_t next;
    uint32_t tag;
  };
  std::vector<ChainEntry> next_;
  uint64_t slot_mask_ = 0;
  std::unordered_map<std::string, uint32_t> strong_;  // "kind:value" -> first call with it
};

}  // namespace scamguard::campaign
