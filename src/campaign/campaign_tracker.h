// The campaign tracker: takes scored calls one at a time, extracts their indicators and
// script fingerprint, links them (campaign_linker.h) and writes each as one atomic update to
// the campaign store. This is what a daemon or `scamguard campaigns` drives.
//
//   auto extractor = IndicatorExtractor::create(engine_state.config.lists, "61");
//   auto store = store::open_sqlite_campaign_store("cases.sqlite");
//   auto tracker = CampaignTracker::open(**store, *extractor);
//   tracker->add_call({.id = "c-1", .turns = turns, .action = Action::kWarn, .score = 7.5});
//
// Campaign ids are "cmp-<n>", n being the store sequence number of the campaign's earliest
// call. Opening rebuilds the linker from the store's suspect calls, in arrival order, so a
// restarted tracker with the same LinkerOptions continues exactly where it stopped.
//
// Several trackers (one per daemon node) may share one store: each update names the seq it
// expects, a tracker that is behind is refused (kConflict), replays what the others stored
// (catch_up) and plans again, so every node links the same calls into the same campaigns.
//
// Not thread-safe: one tracker per store writer.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <unordered_set>
#include <vector>

#include "campaign/campaign_linker.h"
#include "campaign/campaign_store.h"
#include "campaign/indicators.h"
#include "scamguard/events.h"
#include "scamguard/verdict.h"

namespace scamguard::campaign {

struct CallObservation {
  std::string id;
  std::optional<int64_t> started_at;  // unix seconds; absent: the arrival order is used
  const CallSetup* setup = nullptr;
  std::span<const Turn> turns;
  Action action = Action::kAllow;  // the engine's final action on this call
  double score = 0.0;
};

class CampaignTracker {
 public:
  // `store` and `extractor` must outlive the tracker. Errors are the store's.
  static Result<CampaignTracker> open(CampaignStore& store, const IndicatorExtractor& extractor,
                                      LinkerOptions options = {});

  // Adds one call. Returns what was stored (with its campaign id, empty if the call is not
  // suspect) and the links that put it there. A call id already stored is refused with
  // kInvalidInput and changes nothing, in the store or in the linker.
  Result<CallUpdate> add_call(const CallObservation& call);

  // Whether a call with this id is already stored (add_call would refuse it).
  bool contains(const std::string& id) const { return known_ids_.count(id) > 0; }

  // Replays into the linker the calls other trackers stored since this one last looked.
  // Returns how many suspect calls came in.
  Result<size_t> catch_up();

 private:
  CampaignTracker(CampaignStore& store, const IndicatorExtractor& extractor, LinkerOptions options)
      : store_(&store), extractor_(&extractor), linker_(options) {}

  std::string campaign_name(uint32_t root) const { return "cmp-" + std::to_string(seq_[root]); }
  void replay(const StoredCall& call);
  Result<CallUpdate> try_add(const CallObservation& call);

  CampaignStore* store_;
  const IndicatorExtractor* extractor_;
  CampaignLinker linker_;
  std::vector<int64_t> seq_;                   // linker index -> store seq
  std::vector<std::string> call_ids_;          // linker index -> call id
  std::unordered_set<std::string> known_ids_;  // every call id stored
  int64_t next_seq_ = 1;
};

}  // namespace scamguard::campaign
