// The in-memory campaign store: plain vectors and maps, for tests and one-shot CLI runs.
#include <algorithm>
#include <map>
#include <unordered_map>

#include "campaign/campaign_store.h"

namespace scamguard::campaign {
namespace {

class MemoryCampaignStore final : public CampaignStore {
 public:
  Result<int64_t> apply(const CallUpdate& update) override {
    if (index_.count(update.call.id)) {
      return make_error(ErrorCode::kInvalidInput,
                        "call '" + update.call.id + "' is already in the campaign store");
    }
    const auto next = static_cast<int64_t>(calls_.size()) + 1;
    if (update.call.seq != 0 && update.call.seq != next) {
      return make_error(ErrorCode::kConflict, "campaign store seq " +
                                                  std::to_string(update.call.seq) +
                                                  " is taken; the next is " + std::to_string(next));
    }
    StoredCall call = update.call;
    call.seq = next;
    for (const std::string& absorbed : update.absorbed) {
      auto members = members_.find(absorbed);
      if (members == members_.end() || absorbed == call.campaign) continue;
      for (size_t member : members->second) calls_[member].campaign = call.campaign;
      std::vector<size_t>& into = members_[call.campaign];
      into.insert(into.end(), members->second.begin(), members->second.end());
      members_.erase(members);
      auto links = links_.find(absorbed);
      if (links != links_.end()) {
        std::vector<StoredLink>& into_links = links_[call.campaign];
        into_links.insert(into_links.end(), links->second.begin(), links->second.end());
        links_.erase(absorbed);
      }
    }
    index_[call.id] = calls_.size();
    if (!call.campaign.empty()) {
      std::vector<size_t>& members = members_[call.campaign];
      members.push_back(calls_.size());
      std::sort(members.begin(), members.end());
      std::vector<StoredLink>& links = links_[call.campaign];
      links.insert(links.end(), update.links.begin(), update.links.end());
    }
    calls_.push_back(std::move(call));
    return calls_.back().seq;
  }

  Result<std::vector<CampaignSummary>> list_campaigns(int64_t min_calls) const override {
    std::vector<CampaignSummary> out;
    for (const auto& [id, members] : members_) {
      if (static_cast<int64_t>(members.size()) < min_calls) continue;
      CampaignSummary summary{id, static_cast<int64_t>(members.size()), INT64_MAX, INT64_MIN, true};
      for (size_t member : members) {
        summary.time_known = summary.time_known && calls_[member].time_known;
        summary.first_seen = std::min(summary.first_seen, calls_[member].started_at);
        summary.last_seen = std::max(summary.last_seen, calls_[member].started_at);
      }
      out.push_back(std::move(summary));
    }
    std::sort(out.begin(), out.end(), [](const CampaignSummary& a, const CampaignSummary& b) {
      return a.calls != b.calls ? a.calls > b.calls : a.id < b.id;
    });
    return out;
  }

  Result<std::vector<StoredCall>> campaign_calls(const std::string& campaign) const override {
    auto members = members_.find(campaign);
    if (members == members_.end()) {
      return make_error(ErrorCode::kNotFound, "no campaign '" + campaign + "'");
    }
    std::vector<StoredCall> out;
    for (size_t member : members->second) out.push_back(calls_[member]);
    return out;
  }

  Result<std::vector<StoredLink>> campaign_links(const std::string& campaign) const override {
    if (!members_.count(campaign)) {
      return make_error(ErrorCode::kNotFound, "no campaign '" + campaign + "'");
    }
    auto links = links_.find(campaign);
    return links == links_.end() ? std::vector<StoredLink>{} : links->second;
  }

  Status for_each_suspect_call(const std::function<void(const StoredCall&)>& fn) const override {
    for (const StoredCall& call : calls_) {
      if (call.suspect) fn(call);
    }
    return {};
  }

  Status for_each_call_after(int64_t after_seq,
                             const std::function<void(const StoredCall&)>& fn) const override {
    for (size_t i = static_cast<size_t>(std::max<int64_t>(after_seq, 0)); i < calls_.size(); ++i) {
      fn(calls_[i]);
    }
    return {};
  }

  Result<int64_t> call_count() const override { return static_cast<int64_t>(calls_.size()); }

 private:
  std::vector<StoredCall> calls_;
  std::unordered_map<std::string, size_t> index_;
  std::map<std::string, std::vector<size_t>> members_;
  std::map<std::string, std::vector<StoredLink>> links_;
};

}  // namespace

std::unique_ptr<CampaignStore> make_memory_campaign_store() {
  return std::make_unique<MemoryCampaignStore>();
}

}  // namespace scamguard::campaign
