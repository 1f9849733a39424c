// scamguardd as a library: everything but main(). Tests and other programs embed it.
//
//   auto daemon = scamguard::server::Daemon::create(config, log);
//   if (!daemon) { log(daemon.error().message); return 2; }
//   std::thread signals(...);        // calls daemon->stop() on SIGTERM, reload() on SIGHUP
//   Status ran = (*daemon)->run();   // serves until stop(); then finishes in-flight requests,
//                                    // flushes the store and returns
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <thread>

#include "campaign/script_index.h"
#include "scamguard/error.h"
#include "server/call_service.h"
#include "server/campaign_service.h"
#include "server/daemon_config.h"
#include "server/http_server.h"
#include "server/server_context.h"
#include "store/call_store.h"

namespace scamguard::server {

class Daemon {
 public:
  // Loads the engine and tokens, opens the store, rebuilds open calls and binds the port.
  // Nothing is served until run().
  static Result<std::unique_ptr<Daemon>> create(const DaemonConfig& config, LogSink log);
  ~Daemon();

  // The bound port (useful with port 0).
  int port() const { return port_; }
  const DaemonConfig& config() const { return config_; }
  ServerContext& context() { return *context_; }

  // Serves until stop(); returns after in-flight requests are answered and the store is
  // flushed.
  Status run();

  // Stops accepting; safe from any thread, any number of times.
  void stop();

  // Swaps in a new engine, tokens and limits from `config`. On any error nothing changes, the
  // error says why and scamguard_engine_reloads_total{result="failed"} counts it. The listen
  // address, database, thread counts and connection limits need a restart.
  Status reload(const DaemonConfig& config);
  // A reload that failed before it got here (the --config file cannot be read): counted the
  // same way; returns `error`.
  Status reload_failed(const Error& error);

 private:
  Daemon() = default;
  void reaper_loop(std::chrono::seconds trim_interval);

  DaemonConfig config_;
  std::shared_ptr<TrafficStore> state_;  // traffic counters, kept across reloads
  LogSink log_;
  std::unique_ptr<store::CallStore> store_;
  std::shared_ptr<campaign::CampaignScriptMatcher> script_matcher_;  // kept across reloads
  std::unique_ptr<CampaignService> campaigns_;
  std::unique_ptr<ServerContext> context_;
  std::unique_ptr<CallService> service_;
  Router router_;
  std::unique_ptr<HttpServer> http_;
  int port_ = 0;

  std::mutex reaper_mutex_;
  std::condition_variable reaper_wake_;
  std::mutex reload_mutex_;
};

}  // namespace scamguard::server
