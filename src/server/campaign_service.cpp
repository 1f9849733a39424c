#include "server/campaign_service.h"

#include "codec/event_json.h"
#include "core/engine_access.h"
#include "store/store_url.h"

namespace scamguard::server {

Result<std::unique_ptr<CampaignService>> CampaignService::open(
    const std::string& store_url, const Engine& engine,
    std::shared_ptr<campaign::CampaignScriptMatcher> matcher, CampaignLog log) {
  std::unique_ptr<CampaignService> service(new CampaignService());
  service->log_ = std::move(log);
  service->matcher_ = std::move(matcher);
  service->shared_ = store::is_postgres_url(store_url);
  Result<std::unique_ptr<campaign::CampaignStore>> writer = store::open_campaign_store(store_url);
  if (!writer) return Unexpected{writer.error()};
  service->writer_ = std::move(*writer);
  Result<std::unique_ptr<campaign::CampaignStore>> reader = store::open_campaign_store(store_url);
  if (!reader) return Unexpected{reader.error()};
  service->reader_ = std::move(*reader);

  const EngineConfig& config = detail::engine_state(engine).config;
  Result<campaign::IndicatorExtractor> extractor =
      campaign::IndicatorExtractor::create(config.lists, config.home_country_code);
  if (!extractor) return Unexpected{extractor.error()};
  service->extractor_ = std::make_unique<campaign::IndicatorExtractor>(std::move(*extractor));
  Result<campaign::CampaignTracker> tracker =
      campaign::CampaignTracker::open(*service->writer_, *service->extractor_);
  if (!tracker) return Unexpected{tracker.error()};
  service->tracker_.emplace(std::move(*tracker));

  if (Status built = service->refresh_index(); !built) return Unexpected{built.error()};
  service->refresher_ = std::thread([raw = service.get()] { raw->refresher_loop(); });
  return service;
}

CampaignService::~CampaignService() { stop(); }

void CampaignService::stop() {
  {
    std::lock_guard lock(refresh_mutex_);
    stopping_ = true;
  }
  refresh_wake_.notify_all();
  if (refresher_.joinable()) refresher_.join();
  if (catch_up_.joinable()) catch_up_.join();
}

void CampaignService::catch_up_in_background(const store::CallStore& calls, int64_t since_ms) {
  if (catch_up_.joinable()) return;
  catch_up_ = std::thread([this, &calls, since_ms] {
    Result<size_t> fed = catch_up(calls, since_ms);
    if (!fed) {
      errors_.fetch_add(1);
      log_("campaigns: catching up with closed calls failed: " + fed.error().message);
    } else if (*fed > 0) {
      log_("campaigns: " + std::to_string(*fed) + " closed calls were missing and were added");
    }
  });
}

Result<size_t> CampaignService::catch_up(const store::CallStore& calls, int64_t since_ms) {
  // Collected first (summaries only, newest first), fed afterwards oldest first, so campaigns
  // grow in the order the calls were opened.
  {
    // Other nodes may have fed calls: know them first, so they are not fed twice.
    std::lock_guard lock(writer_mutex_);
    if (Result<size_t> synced = tracker_->catch_up(); !synced) return Unexpected{synced.error()};
  }
  std::vector<std::string> missing;
  store::CallQuery query;
  query.state = store::CallState::kClosed;
  query.since = since_ms;
  query.limit = 1000;
  while (true) {
    Result<std::vector<store::CallSummary>> page = calls.list_calls(query);
    if (!page) return Unexpected{page.error()};
    {
      std::lock_guard lock(writer_mutex_);
      for (const store::CallSummary& call : *page) {
        if (!tracker_->contains(call.id)) missing.push_back(call.id);
      }
    }
    if (static_cast<int>(page->size()) < query.limit) break;
    query.before_row = page->back().row;
  }
  size_t fed = 0;
  for (auto id = missing.rbegin(); id != missing.rend(); ++id) {
    {
      std::lock_guard lock(refresh_mutex_);
      if (stopping_) break;
    }
    Result<store::CallRecord> record = calls.load_call(*id);
    if (!record) return Unexpected{record.error()};
    const uint64_t before = calls_.load();
    if (add_closed_call(*record) && calls_.load() > before) ++fed;
  }
  return fed;
}

Status CampaignService::add_closed_call(const store::CallRecord& record) {
  auto fail = [&](const Error& error) -> Status {
    errors_.fetch_add(1);
    log_("campaigns: call " + record.summary.id + " not added: " + error.message);
    return Unexpected{error};
  };
  Result<CallSetup> setup = codec::parse_setup_json(record.setup_json);
  if (!setup) return fail(setup.error());
  std::vector<Turn> turns;
  turns.reserve(record.turns.size());
  for (const store::TurnRecord& turn : record.turns) {
    std::optional<Speaker> speaker = parse_speaker(turn.speaker);
    if (!speaker) {
      return fail({ErrorCode::kInvalidInput, "stored turn has speaker '" + turn.speaker + "'"});
    }
    turns.push_back({*speaker, turn.text});
  }
  std::optional<Action> action = parse_action(record.summary.action);
  if (!action) {
    return fail({ErrorCode::kInvalidInput, "stored action '" + record.summary.action + "'"});
  }
  campaign::CallObservation observation{record.summary.id, record.summary.opened_at / 1000,
                                        &*setup,           turns,
                                        *action,           record.summary.score};
  std::unique_lock writer_lock(writer_mutex_);
  Result<campaign::CallUpdate> added = tracker_->add_call(observation);
  writer_lock.unlock();
  if (!added) {
    // Already there (a retried close after a restart, say): the campaigns have it.
    if (added.error().code == ErrorCode::kInvalidInput) return {};
    return fail(added.error());
  }
  calls_.fetch_add(1);
  if (!added->call.campaign.empty()) {
    {
      std::lock_guard lock(refresh_mutex_);
      stale_ = true;
    }
    refresh_wake_.notify_all();
  } else {
    // Nothing the live index knows changed; it now reflects this call too.
    std::lock_guard lock(refresh_mutex_);
    if (!stale_ && !refreshing_) indexed_.store(calls_.load());
  }
  return {};
}

Status CampaignService::refresh_index() {
  std::shared_ptr<const campaign::ScriptIndex> index;
  int64_t counted = 0;
  {
    std::lock_guard lock(reader_mutex_);
    // Counted first: the index built next reflects at least these calls.
    Result<int64_t> count = reader_->call_count();
    if (!count) return Unexpected{count.error()};
    counted = *count;
    Result<std::shared_ptr<const campaign::ScriptIndex>> built =
        campaign::build_script_index(*reader_);
    if (!built) return Unexpected{built.error()};
    index = std::move(*built);
  }
  scripts_.store(index->scripts.size());
  matcher_->update(std::move(index));
  if (calls_.load() < static_cast<uint64_t>(counted)) calls_.store(static_cast<uint64_t>(counted));
  indexed_.store(static_cast<uint64_t>(counted));
  return {};
}

void CampaignService::refresher_loop() {
  std::unique_lock lock(refresh_mutex_);
  while (true) {
    // A shared store also changes through other nodes: look every kSharedRefresh.
    constexpr auto kSharedRefresh = std::chrono::seconds(5);
    const bool woken =
        refresh_wake_.wait_for(lock, shared_ ? kSharedRefresh : std::chrono::hours(1),
                               [this] { return stale_ || stopping_; });
    if (stopping_) return;
    if (!woken) {
      if (!shared_) continue;
      lock.unlock();
      std::unique_lock writer_lock(writer_mutex_);
      Result<size_t> synced = tracker_->catch_up();
      writer_lock.unlock();
      lock.lock();
      if (!synced || *synced == 0) continue;  // an error here shows at the next close
    }
    stale_ = false;
    refreshing_ = true;
    lock.unlock();
    if (Status refreshed = refresh_index(); !refreshed) {
      errors_.fetch_add(1);
      log_("campaigns: the live script index was not refreshed: " + refreshed.error().message);
    }
    lock.lock();
    refreshing_ = false;
  }
}

Result<std::vector<campaign::CampaignSummary>> CampaignService::list_campaigns() const {
  std::lock_guard lock(reader_mutex_);
  return reader_->list_campaigns();
}

Result<std::vector<campaign::StoredCall>> CampaignService::campaign_calls(
    const std::string& id) const {
  std::lock_guard lock(reader_mutex_);
  return reader_->campaign_calls(id);
}

Result<std::vector<campaign::StoredLink>> CampaignService::campaign_links(
    const std::string& id) const {
  std::lock_guard lock(reader_mutex_);
  return reader_->campaign_links(id);
}

}  // namespace scamguard::server
