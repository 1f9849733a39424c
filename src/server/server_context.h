// Everything a route needs, shared by all worker threads. Routes are registered by
// resource (`register_call_routes(router, context)`, ...) so other parts of scamguard can add
// theirs (campaigns, call-end) without touching these files.
//
// Reloadable parts (the Engine, tokens, limits) sit behind a mutex and are handed out as
// shared_ptr copies: a request keeps what it started with even if SIGHUP swaps them midway,
// and an open call keeps its CallSession (and through it the Engine it was opened with).
#pragma once

#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "scamguard/engine.h"
#include "server/auth.h"
#include "server/call_registry.h"
#include "server/daemon_config.h"
#include "server/metrics.h"
#include "server/rate_limiter.h"
#include "store/call_store.h"

namespace scamguard::server {

class CampaignService;  // server/campaign_service.h

using LogSink = std::function<void(std::string_view line)>;

class ServerContext {
 public:
  ServerContext(std::shared_ptr<const Engine> engine, std::shared_ptr<const TokenSet> tokens,
                Limits limits, store::CallStore& call_store, LogSink log_sink)
      : store(call_store),
        log(std::move(log_sink)),
        engine_(std::move(engine)),
        tokens_(std::move(tokens)),
        limits_(limits) {
    limiter.configure(limits.requests_per_second, limits.burst);
  }

  std::shared_ptr<const Engine> engine() const {
    std::lock_guard lock(mutex_);
    return engine_;
  }
  // nullptr when auth is off.
  std::shared_ptr<const TokenSet> tokens() const {
    std::lock_guard lock(mutex_);
    return tokens_;
  }
  Limits limits() const {
    std::lock_guard lock(mutex_);
    return limits_;
  }

  // Swaps in what a reload produced. Open calls keep their sessions.
  void swap(std::shared_ptr<const Engine> engine, std::shared_ptr<const TokenSet> tokens,
            const Limits& limits) {
    {
      std::lock_guard lock(mutex_);
      engine_ = std::move(engine);
      tokens_ = std::move(tokens);
      limits_ = limits;
    }
    limiter.configure(limits.requests_per_second, limits.burst);
    engine_generation.fetch_add(1);
  }

  static int64_t now_ms() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
  }

  store::CallStore& store;
  // Set by the Daemon before serving; nullptr when campaigns are off (unit tests).
  CampaignService* campaigns = nullptr;
  CallRegistry calls;
  Metrics metrics;
  RateLimiter limiter;
  LogSink log;
  // The console (server/console_routes.cpp); empty web_root: no pages are served.
  std::string web_root;
  std::string chart_js_dir;
  std::atomic<bool> stopping{false};
  std::atomic<uint64_t> open_streams{0};
  std::atomic<uint64_t> engine_generation{1};

 private:
  mutable std::mutex mutex_;
  std::shared_ptr<const Engine> engine_;
  std::shared_ptr<const TokenSet> tokens_;
  Limits limits_;
};

}  // namespace scamguard::server
