// The campaign case store: every call the tracker has seen (with its indicators and, for
// suspect calls, its script shingles), which campaign each belongs to, and why calls were
// linked. Backends: in memory (tests, one-shot CLI runs), SQLite (the default case store,
// store/sqlite_campaign_store.h) and PostgreSQL, shared by several daemons
// (store/pg_campaign_store.h; store/store_url.h opens either from a URL).
//
// A campaign is a set of calls with the same campaign id; it is listed once it has at least
// two calls. Everything a report shows (shared indicators, first and last seen, volume over
// time, caller IDs and trunks) is derived from its calls when read, so nothing can drift.
//
// Each write is one CallUpdate, applied atomically: the new call, the campaigns it merged and
// the links that justified it. A rejected update changes nothing.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "campaign/indicators.h"
#include "scamguard/error.h"

namespace scamguard::campaign {

struct StoredCall {
  std::string id;
  int64_t seq = 0;          // order of arrival in the store, from 1 (set by the store)
  int64_t started_at = 0;   // unix seconds; when unknown, the tracker uses the arrival order
  bool time_known = false;  // false when started_at is only the arrival order
  std::string action;       // the engine's final action: "allow", "warn", "block"
  double score = 0.0;
  bool suspect = false;  // action at least warn: eligible for linking
  std::string campaign;  // campaign id, empty for calls that are not suspect
  std::vector<Indicator> indicators;
  std::vector<uint64_t> shingles;  // sorted, distinct; suspect calls only
};

struct StoredLink {
  std::string call;
  std::string other;
  std::string reason;  // "script" or the indicator kind ("callback_number", ...)
  std::string value;   // the shared indicator value, or the similarity for "script"
};

struct CallUpdate {
  StoredCall call;
  std::vector<std::string> absorbed;  // campaigns whose calls now belong to call.campaign
  std::vector<StoredLink> links;
};

struct CampaignSummary {
  std::string id;
  int64_t calls = 0;
  int64_t first_seen = 0;
  int64_t last_seen = 0;
  bool time_known = false;  // every call carried a time: first/last seen are unix seconds
};

class CampaignStore {
 public:
  virtual ~CampaignStore() = default;

  // Applies one update atomically and returns the call's seq. An update.call.seq of 0 takes
  // the next seq; any other is stored at exactly that seq, or refused with kConflict when
  // that seq is taken (another tracker, on another node, stored a call first). A call id
  // already stored is refused with kInvalidInput; a backend failure is kUnavailable. Whatever
  // the refusal, nothing changes.
  virtual Result<int64_t> apply(const CallUpdate& update) = 0;

  // Campaigns with at least `min_calls` calls, most calls first, then by id.
  virtual Result<std::vector<CampaignSummary>> list_campaigns(int64_t min_calls = 2) const = 0;

  // The calls of one campaign in arrival order; kNotFound if there is no such campaign.
  virtual Result<std::vector<StoredCall>> campaign_calls(const std::string& campaign) const = 0;

  // The links recorded between calls of one campaign, in the order they were made.
  virtual Result<std::vector<StoredLink>> campaign_links(const std::string& campaign) const = 0;

  // Every suspect call in arrival order (to rebuild a linker or a script index on start-up).
  virtual Status for_each_suspect_call(const std::function<void(const StoredCall&)>& fn) const = 0;

  // Every call with a seq above `after_seq`, in arrival order (to catch up with what other
  // trackers stored).
  virtual Status for_each_call_after(int64_t after_seq,
                                     const std::function<void(const StoredCall&)>& fn) const = 0;

  // Number of calls stored.
  virtual Result<int64_t> call_count() const = 0;
};

// A store that lives and dies with the process.
std::unique_ptr<CampaignStore> make_memory_campaign_store();

}  // namespace scamguard::campaign
