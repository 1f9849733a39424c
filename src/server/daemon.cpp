#include "server/daemon.h"

#include <malloc.h>

#include "server/campaign_service.h"
#include "server/logging.h"
#include "server/routes.h"
#include "store/store_url.h"

namespace scamguard::server {

namespace {

Result<std::shared_ptr<const TokenSet>> load_tokens(const DaemonConfig& config) {
  if (config.auth_tokens_path.empty()) return std::shared_ptr<const TokenSet>();
  Result<TokenSet> tokens = TokenSet::load(config.auth_tokens_path);
  if (!tokens) return Unexpected{tokens.error()};
  return std::shared_ptr<const TokenSet>(std::make_shared<TokenSet>(std::move(*tokens)));
}

// The traffic store named by [state]: Redis when an address is given, else memory.
std::shared_ptr<TrafficStore> make_state(const DaemonConfig& config) {
  if (config.redis.empty()) return make_memory_traffic_store();
  RedisTrafficStoreOptions options;
  (void)parse_listen(config.redis, options.host, options.port);  // validated when loaded
  options.key_prefix = config.redis_prefix;
  return make_redis_traffic_store(options);
}

// Every engine the daemon loads, at start and on SIGHUP, shares the traffic state and the one
// script matcher the campaign service keeps up to date.
Result<std::shared_ptr<const Engine>> load_engine(
    const DaemonConfig& config, std::shared_ptr<TrafficStore> state,
    std::shared_ptr<const ScriptMatcher> script_matcher) {
  EngineOptions options = config.engine;
  options.traffic_store = std::move(state);
  options.script_matcher = std::move(script_matcher);
  Result<Engine> engine = Engine::load(options);
  if (!engine) return Unexpected{engine.error()};
  return std::shared_ptr<const Engine>(std::make_shared<Engine>(std::move(*engine)));
}

HttpOptions http_options(const DaemonConfig& config) {
  const Limits& limits = config.limits;
  HttpOptions options;
  options.threads = static_cast<size_t>(config.threads);
  options.max_connections = limits.max_connections;
  options.max_header_bytes = limits.max_header_bytes;
  options.max_headers = limits.max_headers;
  options.max_body_bytes = limits.max_body_bytes;
  options.header_timeout = std::chrono::seconds(limits.header_timeout_seconds);
  options.read_timeout = std::chrono::seconds(limits.read_timeout_seconds);
  options.write_timeout = std::chrono::seconds(limits.write_timeout_seconds);
  options.keep_alive_timeout = std::chrono::seconds(limits.keep_alive_timeout_seconds);
  return options;
}

// What the client sent goes into the log line: anything but printable ASCII is escaped, so a
// request cannot forge or break lines.
std::string printable(std::string_view text) {
  std::string out;
  for (unsigned char c : text) {
    if (c >= 0x20 && c < 0x7f && c != '"' && c != '\\') {
      out.push_back(static_cast<char>(c));
    } else {
      char hex[8];
      std::snprintf(hex, sizeof hex, "\\x%02x", c);
      out += hex;
    }
  }
  return out.empty() ? "-" : out;
}

void log_access(const AccessRecord& record) {
  spdlog::logger& log = access_log();
  if (!log.should_log(spdlog::level::info)) return;
  log.info("{} \"{} {}\" {} {:.3f} ms in={} out={}", record.client, printable(record.method),
           printable(record.target), record.status,
           std::chrono::duration<double, std::milli>(record.latency).count(), record.bytes_in,
           record.bytes_out);
}

}  // namespace

Result<std::unique_ptr<Daemon>> Daemon::create(const DaemonConfig& config, LogSink log) {
  if (Status valid = validate(config); !valid) return Unexpected{valid.error()};
  if (config.store().empty()) {
    return make_error(ErrorCode::kConfig,
                      "no store: give --db PATH or [server] db (SQLite), or --store URL or "
                      "[store] url (PostgreSQL)");
  }
  set_log_levels(config.log);
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
  daemon->context_->web_root = config.web_root;
  daemon->context_->chart_js_dir = config.chart_js_dir;
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

  ServerContext& context = *daemon->context_;
  Router& router = daemon->router_;
  install_fallback(router, context);
  register_ops_routes(router, context);
  register_check_route(router, context);
  register_call_end_route(router, context);
  register_call_routes(router, context);
  register_stream_route(router, context);
  register_campaign_routes(router, context);
  register_live_stream_route(router, context);
  register_console_routes(router, context, *daemon->service_);

  auto http = std::make_unique<HttpServer>(http_options(config), router, error_renderer(context),
                                           log_access);
  if (Status bound = http->bind(config.listen_host, config.listen_port); !bound) {
    return Unexpected{bound.error()};
  }
  daemon->port_ = http->port();
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
  // Read here, before any reload can change config_: the trim interval needs a restart.
  std::thread reaper([this, trim = std::chrono::seconds(config_.limits.memory_trim_seconds)] {
    reaper_loop(trim);
  });
  http_->run();  // returns after stop(), in-flight requests answered
  context_->stopping = true;
  reaper_wake_.notify_all();
  reaper.join();
  campaigns_->stop();
  // Every acknowledged write is already committed; destroying the store drains anything still
  // queued and closes the database cleanly (checkpointing the WAL).
  store_.reset();
  return {};
}

void Daemon::stop() {
  if (context_) {
    context_->stopping = true;
    reaper_wake_.notify_all();
  }
  if (http_) http_->stop();
}

void Daemon::reaper_loop(std::chrono::seconds trim_interval) {
  std::unique_lock lock(reaper_mutex_);
  auto last_trim = std::chrono::steady_clock::now();
  while (!context_->stopping) {
    reaper_wake_.wait_for(lock, std::chrono::milliseconds(500));
    if (context_->stopping) break;
    const size_t closed = service_->close_idle_calls(ServerContext::now_ms());
    if (closed > 0) log_("closed " + std::to_string(closed) + " idle calls");
    context_->limiter.prune();
    // Closed calls free their sessions in whichever arena they were allocated; give the free
    // pages back to the system now and then, so RSS follows the calls actually open.
    if (std::chrono::steady_clock::now() - last_trim > trim_interval) {
      malloc_trim(0);
      last_trim = std::chrono::steady_clock::now();
    }
  }
}

Status Daemon::reload(const DaemonConfig& config) {
  std::lock_guard lock(reload_mutex_);
  // What needs a restart keeps its running value, and the new configuration is checked with
  // it: a file that now says loopback without tokens must not turn auth off while the socket
  // still listens beyond loopback.
  DaemonConfig effective = config;
  effective.listen_host = config_.listen_host;
  effective.listen_port = config_.listen_port;
  effective.db_path = config_.db_path;
  effective.threads = config_.threads;
  const Limits& running = config_.limits;
  Limits& limits = effective.limits;
  limits.max_connections = running.max_connections;
  limits.max_header_bytes = running.max_header_bytes;
  limits.max_headers = running.max_headers;
  limits.max_body_bytes = running.max_body_bytes;
  limits.header_timeout_seconds = running.header_timeout_seconds;
  limits.read_timeout_seconds = running.read_timeout_seconds;
  limits.write_timeout_seconds = running.write_timeout_seconds;
  limits.keep_alive_timeout_seconds = running.keep_alive_timeout_seconds;
  if (Status valid = validate(effective); !valid) {
    return reload_failed(
        Error{valid.error().code,
              valid.error().message + " (" + config_.listen_host + " is kept until a restart)"});
  }
  // The counters and the script matcher outlive the engine: a reload keeps them (a changed
  // [state] needs a restart).
  Result<std::shared_ptr<const Engine>> engine = load_engine(config, state_, script_matcher_);
  if (!engine) return reload_failed(engine.error());
  // On reload, an engine that lost something the running one may have (its text model) is
  // refused: the old engine keeps serving.
  if (!(*engine)->warnings().empty()) {
    return reload_failed(Error{ErrorCode::kConfig, (*engine)->warnings().front()});
  }
  Result<std::shared_ptr<const TokenSet>> tokens = load_tokens(config);
  if (!tokens) return reload_failed(tokens.error());
  if (config.listen_host != effective.listen_host || config.listen_port != effective.listen_port ||
      config.store() != effective.store() || config.threads != effective.threads ||
      config.limits.max_connections != limits.max_connections ||
      config.limits.max_header_bytes != limits.max_header_bytes ||
      config.limits.max_headers != limits.max_headers ||
      config.limits.max_body_bytes != limits.max_body_bytes ||
      config.limits.header_timeout_seconds != limits.header_timeout_seconds ||
      config.limits.read_timeout_seconds != limits.read_timeout_seconds ||
      config.limits.write_timeout_seconds != limits.write_timeout_seconds ||
      config.limits.keep_alive_timeout_seconds != limits.keep_alive_timeout_seconds) {
    log_(
        "reload: listen, db, threads and connection limits (max_connections, headers, "
        "max_body_bytes, timeouts) take effect on restart");
  }
  context_->swap(*engine, *tokens, limits);
  set_log_levels(config.log);
  context_->metrics.count_reload(true);
  return {};
}

Status Daemon::reload_failed(const Error& error) {
  context_->metrics.count_reload(false);
  return Unexpected{error};
}

}  // namespace scamguard::server
