// The daemon's campaigns: every closed call goes through the campaign tracker, the campaign
// store lives beside the call store (the same SQLite file or PostgreSQL database, its own
// `campaign_` tables and schema version, store/store_url.h), and the scripts of known
// campaigns feed live scoring through one CampaignScriptMatcher that every Engine the daemon
// loads shares. With PostgreSQL, every node's tracker writes to the same campaigns
// (campaign_tracker.h) and the live index also picks up other nodes' campaigns every 5 s.
//
//   auto matcher = std::make_shared<campaign::CampaignScriptMatcher>();
//   options.script_matcher = matcher;                  // before Engine::load, and on reload
//   auto campaigns = CampaignService::open(store_url, engine, matcher, log);
//   (*campaigns)->add_closed_call(record);             // after the call store closed it
//
// Two connections to the file: the writer (tracker) and the reader (routes and the index
// refresh); WAL lets the reader see committed campaigns without blocking the writer. Each has
// its own mutex, because a SQLite campaign store connection is not thread-safe.
//
// Live matching is refreshed in the background: a closed call that joined a campaign marks the
// script index stale, and a refresher thread rebuilds it from the store and swaps it into the
// matcher (calls opened afterwards use it; calls already running keep theirs). Closing a call
// therefore never waits for the rebuild, whose cost grows with the store.
//
// Failures never reach the call: add_closed_call() logs, counts (errors()) and returns the
// error for tests; the call store already has the call.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "campaign/campaign_store.h"
#include "campaign/campaign_tracker.h"
#include "campaign/indicators.h"
#include "campaign/script_index.h"
#include "scamguard/engine.h"
#include "store/call_store.h"

namespace scamguard::server {

using CampaignLog = std::function<void(std::string_view line)>;

class CampaignService {
 public:
  // Opens the campaign store at `store_url` (a SQLite path or a PostgreSQL URL), rebuilds the
  // tracker from it, builds the script index and hands it to `matcher`, and starts the refresher.
  // The indicator lists and the home country code are read from `engine`'s configuration (a reload
  // does not change them).
  static Result<std::unique_ptr<CampaignService>> open(
      const std::string& store_url, const Engine& engine,
      std::shared_ptr<campaign::CampaignScriptMatcher> matcher, CampaignLog log);
  ~CampaignService();
  CampaignService(const CampaignService&) = delete;
  CampaignService& operator=(const CampaignService&) = delete;

  // Feeds one closed call (set-up, turns, final action and score as stored) to the tracker.
  // A call already in the campaign store changes nothing and is not an error.
  Status add_closed_call(const store::CallRecord& record);

  // Feeds, on a background thread, the calls `calls` closed at or after `since_ms` that the
  // campaign store does not have: a crash between a close and its campaign update, or a
  // campaign store error, loses no call for good. `calls` must outlive stop().
  void catch_up_in_background(const store::CallStore& calls, int64_t since_ms);

  // The same, synchronously; returns how many calls were fed.
  Result<size_t> catch_up(const store::CallStore& calls, int64_t since_ms);

  // Reads for the routes (the reader connection).
  Result<std::vector<campaign::CampaignSummary>> list_campaigns() const;
  Result<std::vector<campaign::StoredCall>> campaign_calls(const std::string& id) const;
  Result<std::vector<campaign::StoredLink>> campaign_links(const std::string& id) const;

  // Counts an error that happened on the way to the tracker (e.g. reading the closed call).
  void count_error() { errors_.fetch_add(1); }

  // Stops the refresher and any catch-up (idempotent).
  void stop();

  // For /metrics.
  uint64_t errors() const { return errors_.load(); }
  uint64_t calls() const { return calls_.load(); }            // calls in the campaign store
  uint64_t indexed_calls() const { return indexed_.load(); }  // calls the live index reflects
  uint64_t scripts() const { return scripts_.load(); }        // known scripts in the live index

 private:
  CampaignService() = default;
  Status refresh_index();
  void refresher_loop();

  CampaignLog log_;
  std::unique_ptr<campaign::CampaignStore> writer_;
  std::unique_ptr<campaign::CampaignStore> reader_;
  std::unique_ptr<campaign::IndicatorExtractor> extractor_;
  std::optional<campaign::CampaignTracker> tracker_;
  std::shared_ptr<campaign::CampaignScriptMatcher> matcher_;
  mutable std::mutex writer_mutex_;
  mutable std::mutex reader_mutex_;

  std::mutex refresh_mutex_;
  std::condition_variable refresh_wake_;
  bool stale_ = false;       // a campaign changed since the index was built
  bool refreshing_ = false;  // the refresher is building an index now
  bool stopping_ = false;
  bool shared_ = false;  // other nodes write to the campaign store too
  std::thread refresher_;
  std::thread catch_up_;

  std::atomic<uint64_t> errors_{0};
  std::atomic<uint64_t> calls_{0};
  std::atomic<uint64_t> indexed_{0};
  std::atomic<uint64_t> scripts_{0};
};

}  // namespace scamguard::server
