#include "campaign/script_index.h"

#include <algorithm>
#include <unordered_set>

#include "campaign/script_fingerprint.h"

namespace scamguard::campaign {
namespace {

struct MatchState final : ScriptMatcher::CallState {
  std::shared_ptr<const ScriptIndex> index;
  ShingleStream stream;
  std::vector<uint64_t> fresh;        // this turn's shingles
  std::unordered_set<uint64_t> seen;  // every distinct shingle of the call so far
  std::vector<uint32_t> hits;         // per script: distinct shingles of the call in it
  uint32_t best = 0;                  // the script with the most hits (counts only grow)
};

}  // namespace

Result<std::shared_ptr<const ScriptIndex>> build_script_index(const CampaignStore& store,
                                                              ScriptIndexOptions options) {
  auto index = std::make_shared<ScriptIndex>();
  index->options = options;
  Result<std::vector<CampaignSummary>> campaigns = store.list_campaigns(options.min_calls);
  if (!campaigns) return Unexpected{campaigns.error()};
  for (const CampaignSummary& campaign : *campaigns) {
    Result<std::vector<StoredCall>> calls = store.campaign_calls(campaign.id);
    if (!calls) return Unexpected{calls.error()};
    std::unordered_map<uint64_t, int> support;
    for (const StoredCall& call : *calls) {
      for (uint64_t shingle : call.shingles) ++support[shingle];
    }
    std::vector<std::pair<int, uint64_t>> shared;
    for (const auto& [shingle, count] : support) {
      if (count >= options.min_support) shared.push_back({count, shingle});
    }
    std::sort(shared.begin(), shared.end(), std::greater<>());
    if (shared.size() > options.max_script_shingles) shared.resize(options.max_script_shingles);
    if (shared.empty()) continue;
    const auto script = static_cast<uint32_t>(index->scripts.size());
    index->scripts.push_back({campaign.id, shared.size()});
    for (const auto& [count, shingle] : shared) index->postings[shingle].push_back(script);
  }
  return std::shared_ptr<const ScriptIndex>(std::move(index));
}

CampaignScriptMatcher::CampaignScriptMatcher(std::shared_ptr<const ScriptIndex> index)
    : index_(std::move(index)) {}

void CampaignScriptMatcher::update(std::shared_ptr<const ScriptIndex> index) {
  std::lock_guard<std::mutex> lock(mutex_);
  index_ = std::move(index);
}

std::unique_ptr<ScriptMatcher::CallState> CampaignScriptMatcher::start_call() const {
  auto state = std::make_unique<MatchState>();
  {
    std::lock_guard<std::mutex> lock(mutex_);
    state->index = index_;
  }
  if (state->index) state->hits.assign(state->index->scripts.size(), 0);
  return state;
}

std::optional<ScriptMatch> CampaignScriptMatcher::add_turn(CallState& base,
                                                           std::string_view canonical_text) const {
  auto& state = static_cast<MatchState&>(base);
  if (!state.index || state.index->scripts.empty()) return std::nullopt;
  const ScriptIndex& index = *state.index;
  state.fresh.clear();
  state.stream.add(canonical_text, state.fresh);
  for (uint64_t shingle : state.fresh) {
    if (!state.seen.insert(shingle).second) continue;
    auto posting = index.postings.find(shingle);
    if (posting == index.postings.end()) continue;
    for (uint32_t script : posting->second) {
      if (++state.hits[script] > state.hits[state.best]) state.best = script;
    }
  }
  const size_t total = state.seen.size();
  if (total < index.options.min_call_shingles) return std::nullopt;
  const uint32_t best = state.best;
  const double similarity = static_cast<double>(state.hits[best]) / static_cast<double>(total);
  if (similarity < index.options.min_similarity) return std::nullopt;
  return ScriptMatch{index.scripts[best].campaign, similarity};
}

}  // namespace scamguard::campaign
