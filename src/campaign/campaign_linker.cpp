#include "campaign/campaign_linker.h"

#include <algorithm>
#include <array>

namespace scamguard::campaign {
namespace {
constexpr size_t kInitialSlots = size_t{1} << 12;
// Grow when there are more band entries than this many per slot.
constexpr size_t kMaxLoad = 2;
}  // namespace

CampaignLinker::CampaignLinker(LinkerOptions options) : options_(options) {
  heads_.assign(kInitialSlots, 0);
  slot_mask_ = kInitialSlots - 1;
}

uint32_t CampaignLinker::campaign_of(uint32_t call) const {
  while (parent_[call] != call) call = parent_[call];
  return call;
}

void CampaignLinker::insert_bands(uint32_t call) {
  for (int band = 0; band < kBands; ++band) {
    const uint64_t key = band_key(signatures_[call], band);
    const size_t slot = key & slot_mask_;
    next_[static_cast<size_t>(call) * kBands + band] = {heads_[slot],
                                                        static_cast<uint32_t>(key >> 32)};
    heads_[slot] = call + 1;
  }
}

void CampaignLinker::reserve(size_t calls) {
  signatures_.reserve(calls);
  parent_.reserve(calls);
  scriptable_.reserve(calls);
  shingle_counts_.reserve(calls);
  next_.reserve(calls * kBands);
  size_t slots = heads_.size();
  while (calls * kBands > slots * kMaxLoad) slots *= 2;
  if (slots != heads_.size()) rebuild_table(slots);
}

void CampaignLinker::grow_table() { rebuild_table(heads_.size() * 2); }

void CampaignLinker::rebuild_table(size_t slots) {
  heads_.assign(slots, 0);
  slot_mask_ = slots - 1;
  for (uint32_t call = 0; call < signatures_.size(); ++call) {
    if (scriptable_[call]) insert_bands(call);
  }
}

LinkOutcome CampaignLinker::plan(const Signature& signature, size_t shingle_count,
                                 std::span<const Indicator> indicators) const {
  LinkOutcome outcome;
  const auto call = static_cast<uint32_t>(signatures_.size());
  outcome.call = call;
  outcome.campaign = call;
  std::vector<uint32_t> roots;  // campaigns this call links, besides its own
  auto take = [&](uint32_t other, Link link) {
    const uint32_t root = campaign_of(other);
    if (std::find(roots.begin(), roots.end(), root) != roots.end()) return;
    roots.push_back(root);
    outcome.links.push_back(std::move(link));
  };

  // Near-duplicate scripts: candidates from shared bands, verified on the whole signature.
  if (shingle_count >= options_.min_shingles) {
    thread_local std::vector<uint32_t> checked;
    checked.clear();
    // The band table is far larger than the caches once the store holds a few hundred
    // thousand calls; reading every band's slot, then every chain's first entry, in separate
    // passes lets those cache misses overlap instead of queueing one after another.
    std::array<uint64_t, kBands> keys;
    std::array<uint32_t, kBands> firsts;
    for (int band = 0; band < kBands; ++band) {
      keys[band] = band_key(signature, band);
      __builtin_prefetch(&heads_[keys[band] & slot_mask_]);
    }
    for (int band = 0; band < kBands; ++band) {
      firsts[band] = heads_[keys[band] & slot_mask_];
      if (firsts[band] != 0) {
        __builtin_prefetch(&next_[static_cast<size_t>(firsts[band] - 1) * kBands + band]);
      }
    }
    for (int band = 0; band < kBands; ++band) {
      const auto tag = static_cast<uint32_t>(keys[band] >> 32);
      uint32_t entry = firsts[band];
      size_t depth = 0;
      for (size_t read = 0;
           entry != 0 && depth < options_.bucket_depth && read < 4 * options_.bucket_depth;
           ++read) {
        const uint32_t other = entry - 1;
        const ChainEntry& chain = next_[static_cast<size_t>(other) * kBands + band];
        entry = chain.next;
        if (chain.tag != tag) continue;  // another key in the same slot
        ++depth;
        if (std::find(checked.begin(), checked.end(), other) != checked.end()) continue;
        checked.push_back(other);
        ++outcome.candidates_checked;
        const double similarity = estimate_jaccard(signature, signatures_[other]);
        if (similarity < options_.min_jaccard) continue;
        // |A n B| = J (|A| + |B|) / (1 + J)
        const double shared = similarity *
                              static_cast<double>(shingle_count + shingle_counts_[other]) /
                              (1.0 + similarity);
        if (shared < options_.min_shared_shingles) continue;
        take(other, {other, true, similarity, {}, {}});
      }
    }
  }

  // Shared strong indicators: exact, however old the other call is.
  for (const Indicator& indicator : indicators) {
    if (!options_.link_by_indicators || !is_strong(indicator.kind)) continue;
    auto it = strong_.find(std::string(to_string(indicator.kind)) + ":" + indicator.value);
    if (it == strong_.end()) continue;
    take(it->second, {it->second, false, 0.0, indicator.kind, indicator.value});
  }

  // The earliest campaign keeps its name; the others are absorbed into it.
  for (uint32_t root : roots) outcome.campaign = std::min(outcome.campaign, root);
  for (uint32_t root : roots) {
    if (root != outcome.campaign) outcome.absorbed.push_back(root);
  }
  return outcome;
}

void CampaignLinker::commit(const LinkOutcome& outcome, const Signature& signature,
                            size_t shingle_count, std::span<const Indicator> indicators) {
  const auto call = static_cast<uint32_t>(signatures_.size());
  signatures_.push_back(signature);
  parent_.push_back(outcome.campaign);
  for (uint32_t root : outcome.absorbed) parent_[root] = outcome.campaign;
  // Compress the paths just used, so that campaign_of stays short for every member.
  for (const Link& link : outcome.links) {
    uint32_t node = link.other;
    while (parent_[node] != node) {
      const uint32_t up = parent_[node];
      parent_[node] = outcome.campaign;
      node = up;
    }
  }
  const bool scriptable = shingle_count >= options_.min_shingles;
  scriptable_.push_back(scriptable ? 1 : 0);
  shingle_counts_.push_back(static_cast<uint32_t>(shingle_count));
  next_.resize(next_.size() + kBands, ChainEntry{0, 0});
  for (const Indicator& indicator : indicators) {
    if (is_strong(indicator.kind)) {
      strong_.try_emplace(std::string(to_string(indicator.kind)) + ":" + indicator.value, call);
    }
  }
  if (scriptable) {
    insert_bands(call);
    if (signatures_.size() * kBands > heads_.size() * kMaxLoad) grow_table();
  }
}

LinkOutcome CampaignLinker::add_call(const Signature& signature, size_t shingle_count,
                                     std::span<const Indicator> indicators) {
  LinkOutcome outcome = plan(signature, shingle_count, indicators);
  commit(outcome, signature, shingle_count, indicators);
  return outcome;
}

}  // namespace scamguard::campaign
