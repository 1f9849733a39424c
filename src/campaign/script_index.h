// The scripts of known scam campaigns, for live scoring: an implementation of
// scamguard::ScriptMatcher (include/scamguard/script_matcher.h) built from a campaign store.
//
// A campaign's script is the set of word shingles that at least `min_support` of its calls
// share: what the call centre reads, without any one agent's asides or one recogniser's
// mistakes. A live call is compared by containment — the share of its own shingles so far that
// belong to a campaign's script — not by Jaccard similarity, because a call in its second
// minute holds only the opening of the script, and should still match it.
//
//   auto index = build_script_index(store);            // after campaigns were linked
//   auto matcher = std::make_shared<CampaignScriptMatcher>();
//   matcher->update(*index);                           // may be repeated while calls run
//   options.script_matcher = matcher;                  // EngineOptions
//
// Cost per turn: one hash lookup per new shingle, plus one counter per campaign that shares
// it. Thread safety: start_call()/add_turn() may run on any number of threads; update() swaps
// the index atomically, and a call keeps the index it had at start_call() (the engine calls
// it at the call's first turn).
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "campaign/campaign_store.h"
#include "scamguard/script_matcher.h"

namespace scamguard::campaign {

struct ScriptIndexOptions {
  int64_t min_calls = 2;              // campaigns with fewer calls are not known scripts
  int min_support = 2;                // a shingle is in the script if this many calls share it
  size_t max_script_shingles = 8192;  // per campaign, the most shared first
  double min_similarity = 0.3;        // containment at which a live call matches
  size_t min_call_shingles = 12;      // a live call must have said this much first
};

class ScriptIndex {
 public:
  struct Script {
    std::string campaign;
    size_t shingles = 0;
  };
  ScriptIndexOptions options;
  std::vector<Script> scripts;
  std::unordered_map<uint64_t, std::vector<uint32_t>> postings;  // shingle -> scripts
};

// Builds the index from every campaign in `store` (see ScriptIndexOptions).
Result<std::shared_ptr<const ScriptIndex>> build_script_index(const CampaignStore& store,
                                                              ScriptIndexOptions options = {});

class CampaignScriptMatcher final : public ScriptMatcher {
 public:
  CampaignScriptMatcher() = default;
  explicit CampaignScriptMatcher(std::shared_ptr<const ScriptIndex> index);

  // Replaces the known scripts; calls already running keep the ones they started with.
  void update(std::shared_ptr<const ScriptIndex> index);

  std::unique_ptr<CallState> start_call() const override;
  std::optional<ScriptMatch> add_turn(CallState& state,
                                      std::string_view canonical_text) const override;

 private:
  mutable std::mutex mutex_;  // guards index_ (the pointer, not the index)
  std::shared_ptr<const ScriptIndex> index_;
};

}  // namespace scamguard::campaign
