#include "server/daemon.h"

#include <sys/socket.h>

#include "server/campaign_service.h"
#include "server/routes.h"
#include "store/store_url.h"

namespace scamguard::server {

namespace {

// Debian's libcpp-httplib is compiled with a listen backlog of 5: a burst of new connections
// (a SIP proxy restarting its pool, a load balancer) would see SYNs dropped and a 1 s retry.
// Calling listen() again on the bound socket raises the backlog.
class HttpServer : public httplib::Server {
 public:
  void raise_backlog(int backlog) { ::listen(svr_sock_, backlog); }
};

Result<std::shared_ptr<const TokenSet>> load_tokens(const DaemonConfig& config) {
  if (config.auth_tokens_path.empty()) return std::shared_ptr<const TokenSet>();
  Result<TokenSet> tokens = TokenSet::load(config.auth_tokens_path);
  if (!tokens) return Unexpected{tokens.error()};
  return std::shared_ptr<const TokenSet>(std::make_shared<TokenSet>(std::move(*tokens)));
}

// The traffic state backend named by [state]: Redis when an address is given, else memory.
std::shared_ptr<StateBackend> make_state(const DaemonConfig& config) {
  if (config.redis.empty()) return make_memory_state();
  RedisStateOptions options;
  (void)parse_listen(config.redis, options.host, options.port);  // validated when loaded
  options.key_prefix = config.redis_prefix;
  return make_redis_state(options);
}

// Every engine the daemon loads, at start and on SIGHUP, shares the traffic state and the one
// script matcher the campaign service keeps up to date.
Result<std::shared_ptr<const Engine>> load_engine(
    const DaemonConfig& config, std::shared_ptr<StateBackend> state,
    std::shared_ptr<const ScriptMatcher> script_matcher) {
  EngineOptions options = config.engine;
  options.state = std::move(state);
  options.script_matcher = std::move(script_matcher);
  Result<Engine> engine = Engine::load(options);
  if (!engine) return Unexpected{engine.error()};
  return std::shared_ptr<const Engine>(std::make_shared<Engine>(std::move(*engine)));
}

}  // namespace

Result<std::unique_ptr<Daemon>> Daemon::create(const DaemonConfig& config, LogSink log) {
  if (Status valid = validate(config); !valid) return Unexpected{valid.error()};
  if (config.store().empty()) {
    return make_error(ErrorCode::kConfig,
                      "no store: give --db PATH or [server] db (SQLite), or --store URL or "
                      "[store] url (PostgreSQL)");
  }
  std::unique_ptr<Daemon> daemon(new Daemon());
  daemon->config_ = config;
  daemon->log_ = log;
  daemon->state_ = make_state(config);

  daemon->script_matcher_ = std::make_shared<campaign::CampaignScriptMatcher>();
  Result<std::shared_ptr<const Engine>> engine =
      load_engine(config, daemon->state_, daemon->script_matcher_);
  if (!engine) return Unexpected{engine.error()};
  // At start a model that cannot be read is not fatal: the daemon serves on the rules and
  // says so here and in every verdict (TEXT_MODEL_UNAVAILABLE).
  for (const std::string& warning : (*engine)->warnings()) log("warning: " + warning);
  Result<std::shared_ptr<const TokenSet>> tokens = load_tokens(config);
  if (!tokens) return Unexpected{tokens.error()};
  Result<std::unique_ptr<store::CallStore>> store = store::open_call_store(config.store());
  if (!store) return Unexpected{store.error()};
  daemon->store_ = std::move(*store);
  // The campaign store shares the call store's file or database (its own tables and version).
  Result<std::unique_ptr<CampaignService>> campaigns =
      CampaignService::open(config.store(), **engine, daemon->script_matcher_, log);
  if (!campaigns) return Unexpected{campaigns.error()};
  daemon->campaigns_ = std::move(*campaigns);
  daemon->context_ =
      std::make_unique<ServerContext>(*engine, *tokens, config.limits, *daemon->store_, log);
  daemon->context_->campaigns = daemon->campaigns_.get();
  daemon->service_ = std::make_unique<CallService>(*daemon->context_);
  // A shared store: calls change on other nodes too; a call live here follows them.
  if (Status watching =
          daemon->store_->watch([service = daemon->service_.get()](const std::string& id, int seq) {
            service->on_store_change(id, seq);
          });
      !watching) {
    return Unexpected{watching.error()};
  }
  Result<size_t> restored = daemon->service_->restore_open_calls();
  if (!restored) return Unexpected{restored.error()};
  if (*restored > 0) log("restored " + std::to_string(*restored) + " open calls");
  // Calls closed in the last day that the campaign store is missing (a crash between a close
  // and its campaign update) are fed again, in the background: serving does not wait.
  constexpr int64_t kCampaignCatchUpMs = int64_t{24} * 3600 * 1000;
  daemon->campaigns_->catch_up_in_background(*daemon->store_,
                                             ServerContext::now_ms() - kCampaignCatchUpMs);

  auto http = std::make_unique<HttpServer>();
  const size_t threads = static_cast<size_t>(config.threads);
  http->new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
  // Keep-alive is what lets a SIP proxy or a contact-centre platform reuse one connection for
  // thousands of requests; httplib's default of 5 requests per connection would make every
  // sixth request pay for a new TCP handshake.
  http->set_keep_alive_max_count(100000);
  http->set_keep_alive_timeout(5);
  // httplib writes headers and body separately; with Nagle on, the body waits for the
  // client's delayed ACK (~40 ms) on every keep-alive request.
  http->set_tcp_nodelay(true);
  http->set_read_timeout(10);
  http->set_write_timeout(10);
  http->set_payload_max_length(config.limits.max_body_bytes);
  ServerContext& context = *daemon->context_;
  install_error_handler(*http, context);
  register_ops_routes(*http, context);
  register_check_route(*http, context);
  register_call_end_route(*http, context);
  register_call_routes(*http, context);
  register_stream_route(*http, context);
  register_campaign_routes(*http, context);

  if (config.listen_port == 0) {
    const int port = http->bind_to_any_port(config.listen_host);
    if (port <= 0) {
      return make_error(ErrorCode::kUnavailable, "cannot listen on " + config.listen_host);
    }
    daemon->port_ = port;
  } else {
    if (!http->bind_to_port(config.listen_host, config.listen_port)) {
      return make_error(ErrorCode::kUnavailable, "cannot listen on " + config.listen_host + ":" +
                                                     std::to_string(config.listen_port) +
                                                     " (in use, or not allowed)");
    }
    daemon->port_ = config.listen_port;
  }
  http->raise_backlog(SOMAXCONN);
  daemon->http_ = std::move(http);
  return daemon;
}

Daemon::~Daemon() {
  stop();
  // The store's listener and the campaign catch-up call into the service and read the store.
  if (campaigns_) campaigns_->stop();
  store_.reset();
}

Status Daemon::run() {
  std::thread reaper([this] { reaper_loop(); });
  const bool listened = http_->listen_after_bind();  // returns after stop(), workers joined
  context_->stopping = true;
  reaper_wake_.notify_all();
  reaper.join();
  campaigns_->stop();
  // Every acknowledged write is already committed; destroying the store drains anything still
  // queued and closes the database cleanly (checkpointing the WAL).
  store_.reset();
  if (!listened && !context_->stopping) {
    return make_error(ErrorCode::kUnavailable, "the HTTP server stopped unexpectedly");
  }
  return {};
}

void Daemon::stop() {
  if (context_) {
    context_->stopping = true;
    reaper_wake_.notify_all();
  }
  if (http_) http_->stop();
}

void Daemon::reaper_loop() {
  std::unique_lock lock(reaper_mutex_);
  while (!context_->stopping) {
    reaper_wake_.wait_for(lock, std::chrono::milliseconds(500));
    if (context_->stopping) break;
    const size_t closed = service_->close_idle_calls(ServerContext::now_ms());
    if (closed > 0) log_("closed " + std::to_string(closed) + " idle calls");
    context_->limiter.prune();
  }
}

Status Daemon::reload(const DaemonConfig& config) {
  std::lock_guard lock(reload_mutex_);
  auto fail = [&](const Error& error) -> Status {
    context_->metrics.count_reload(false);
    return Unexpected{error};
  };
  if (Status valid = validate(config); !valid) return fail(valid.error());
  // The counters and the script matcher outlive the engine: a reload keeps them (a changed
  // [state] needs a restart).
  Result<std::shared_ptr<const Engine>> engine = load_engine(config, state_, script_matcher_);
  if (!engine) return fail(engine.error());
  // On reload, an engine that lost something the running one may have (its text model) is
  // refused: the old engine keeps serving.
  if (!(*engine)->warnings().empty()) {
    return fail(Error{ErrorCode::kConfig, (*engine)->warnings().front()});
  }
  Result<std::shared_ptr<const TokenSet>> tokens = load_tokens(config);
  if (!tokens) return fail(tokens.error());
  if (config.listen_host != config_.listen_host || config.listen_port != config_.listen_port ||
      config.store() != config_.store() || config.threads != config_.threads ||
      config.limits.max_body_bytes != config_.limits.max_body_bytes) {
    log_("reload: listen, db, threads and max_body_bytes changes take effect on restart");
  }
  context_->swap(*engine, *tokens, config.limits);
  context_->metrics.count_reload(true);
  return {};
}

}  // namespace scamguard::server
