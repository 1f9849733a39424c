// The keys of scamguardd.toml (core/option_table.h): reading, `scamguard configdump --daemon`
// and the reference in docs/config.md all come from this table.
#include <cstdint>

#include "server/daemon_config.h"
#include "store/store_url.h"

namespace scamguard::server {
namespace {

using Config = DaemonConfig;

Unexpected refuse(const std::string& where, const std::string& key, const std::string& what) {
  return make_error(ErrorCode::kConfig, where + ": '" + key + "' " + what);
}

std::string host_port(const std::string& host, int port) {
  const bool v6 = host.find(':') != std::string::npos;
  return (v6 ? "[" + host + "]" : host) + ":" + std::to_string(port);
}

Option<Config> listen_option() {
  Option<Config> option;
  option.info = option_info("server.listen", OptionKind::kString,
                            "host:port to listen on (IPv6 in brackets); port 0 picks a free "
                            "one; beyond loopback, auth_tokens is required");
  option.set = [](Config& config, const OptionValue& value, const std::string& where) -> Status {
    if (Status parsed =
            parse_listen(std::get<std::string>(value), config.listen_host, config.listen_port);
        !parsed) {
      return make_error(ErrorCode::kConfig, where + ": 'server.listen': " + parsed.error().message);
    }
    return {};
  };
  option.get = [](const Config& config) -> OptionValue {
    return host_port(config.listen_host, config.listen_port);
  };
  return option;
}

Option<Config> store_url_option() {
  Option<Config> option = string_option<Config>(
      "store.url",
      "a PostgreSQL URL, postgresql://user:password@host:5432/db: calls and campaigns shared by "
      "every node; empty: SQLite in [server] db",
      [](auto& c) -> auto& { return c.store_url; });
  auto store = option.set;
  option.set = [store](Config& config, const OptionValue& value,
                       const std::string& where) -> Status {
    const std::string& url = std::get<std::string>(value);
    if (!url.empty() && !store::is_postgres_url(url)) {
      return refuse(where, "store.url",
                    "must be a PostgreSQL URL, postgresql://user:password@host:5432/db (for "
                    "SQLite, set [server] db instead)");
    }
    return store(config, value, where);
  };
  return option;
}

Option<Config> redis_option() {
  Option<Config> option = string_option<Config>(
      "state.redis",
      "host:port of a Redis holding the traffic counters every node shares; "
      "empty: in this process",
      [](auto& c) -> auto& { return c.redis; });
  auto store = option.set;
  option.set = [store](Config& config, const OptionValue& value,
                       const std::string& where) -> Status {
    const std::string& address = std::get<std::string>(value);
    std::string host;
    int port = 0;
    if (!address.empty() && (!parse_listen(address, host, port) || port == 0)) {
      return refuse(where, "state.redis", "must be host:port, e.g. \"127.0.0.1:6379\"");
    }
    return store(config, value, where);
  };
  return option;
}

template <typename Field>
Option<Config> path_option(std::string key, std::string description, Field field) {
  return field_option<Config>(
      option_info(std::move(key), OptionKind::kPath, std::move(description)), field);
}

std::vector<Option<Config>> daemon_settings() {
  // Each one spdlog::level::from_str knows (server/logging.cpp sets them).
  const std::vector<std::string> levels = {"trace", "debug",    "info", "warn",
                                           "error", "critical", "off"};
  std::vector<Option<Config>> options;
  options.push_back(listen_option());
  options.push_back(integer_option<Config>(
      "server.threads", 2, 4096,
      "event loops, a thread each: as many handlers may block (a "
      "commit) at once",
      [](auto& c) -> auto& { return c.threads; }));
  options.push_back(path_option(
      "server.db", "the SQLite call and campaign store (or --db)",
      [](auto& c) -> auto& { return c.db_path; }));
  options.push_back(path_option(
      "server.auth_tokens",
      "the bearer-token file (SHA-256 hashed, docs/http-api.md); empty: no "
      "auth, loopback only",
      [](auto& c) -> auto& { return c.auth_tokens_path; }));
  options.push_back(path_option(
      "server.web_root",
      "the analyst console's pages (web/, docs/console.md); empty: the "
      "installed share/scamguard/web beside conf/",
      [](auto& c) -> auto& { return c.web_root; }));
  options.push_back(path_option(
      "server.chart_js",
      "the directory Chart.js is served from at /javascript/chart.js/ "
      "(Debian's libjs-chart.js)",
      [](auto& c) -> auto& { return c.chart_js_dir; }));
  options.push_back(store_url_option());
  options.push_back(integer_option<Config>(
      "limits.max_connections", 1, 1 << 20,
      "beyond this a new connection gets 503 too_many_connections (restart to change)",
      [](auto& c) -> auto& { return c.limits.max_connections; }));
  options.push_back(integer_option<Config>(
      "limits.max_header_bytes", 1024, 1 << 20, "request headers above this get 431",
      [](auto& c) -> auto& { return c.limits.max_header_bytes; }));
  options.push_back(integer_option<Config>(
      "limits.max_headers", 8, 10000, "more header fields get 431",
      [](auto& c) -> auto& { return c.limits.max_headers; }));
  options.push_back(integer_option<Config>(
      "limits.header_timeout_seconds", 1, 3600,
      "a request's headers must arrive within this of its first byte",
      [](auto& c) -> auto& { return c.limits.header_timeout_seconds; }));
  options.push_back(integer_option<Config>(
      "limits.read_timeout_seconds", 1, 3600, "and its body within this",
      [](auto& c) -> auto& { return c.limits.read_timeout_seconds; }));
  options.push_back(integer_option<Config>(
      "limits.write_timeout_seconds", 1, 3600, "each write of an answer must be taken within this",
      [](auto& c) -> auto& { return c.limits.write_timeout_seconds; }));
  options.push_back(integer_option<Config>(
      "limits.keep_alive_timeout_seconds", 1, 24 * 3600,
      "an idle keep-alive connection is closed after this",
      [](auto& c) -> auto& { return c.limits.keep_alive_timeout_seconds; }));
  options.push_back(integer_option<Config>(
      "limits.max_body_bytes", 256, int64_t{1} << 30,
      "request bodies above this get 413 (chunked ones too, while reading)",
      [](auto& c) -> auto& { return c.limits.max_body_bytes; }));
  options.push_back(integer_option<Config>(
      "limits.max_turn_bytes", 16, 65536, "turn texts above this get 413 turn_too_large",
      [](auto& c) -> auto& { return c.limits.max_turn_bytes; }));
  options.push_back(integer_option<Config>(
      "limits.max_open_calls", 1, int64_t{1} << 30,
      "POST /v1/calls beyond this many open calls gets 429",
      [](auto& c) -> auto& { return c.limits.max_open_calls; }));
  options.push_back(number_option<Config>(
      "limits.requests_per_second", 0.0, 1e9, "per client (token name, else address); 0: unlimited",
      [](auto& c) -> auto& { return c.limits.requests_per_second; }));
  options.push_back(number_option<Config>(
      "limits.burst", 0.0, 1e9, "token-bucket size; 0: one second's worth",
      [](auto& c) -> auto& { return c.limits.burst; }));
  options.push_back(integer_option<Config>(
      "limits.idle_timeout_seconds", 1, 7 * 24 * 3600,
      "open calls idle this long are closed with reason idle_timeout",
      [](auto& c) -> auto& { return c.limits.idle_timeout_seconds; }));
  options.push_back(integer_option<Config>(
      "limits.max_streams", 0, 65536, "concurrent SSE streams (each a socket; none holds a thread)",
      [](auto& c) -> auto& { return c.limits.max_streams; }));
  options.push_back(integer_option<Config>(
      "limits.memory_trim_seconds", 1, 3600,
      "how often memory freed by closed calls is given back to the system (restart to change)",
      [](auto& c) -> auto& { return c.limits.memory_trim_seconds; }));
  options.push_back(string_option<Config>(
      "log.level", "scamguardd's own lines", [](auto& c) -> auto& { return c.log.main; }, levels));
  options.push_back(string_option<Config>(
      "log.access", "one line per request: client, method, target, status, latency",
      [](auto& c) -> auto& { return c.log.access; }, levels));
  options.push_back(string_option<Config>(
      "log.verdicts", "one line each time a call's action changes",
      [](auto& c) -> auto& { return c.log.verdicts; }, levels));
  options.push_back(redis_option());
  options.push_back(string_option<Config>(
      "state.key_prefix", "prepended to every Redis key (several deployments, one Redis)",
      [](auto& c) -> auto& { return c.redis_prefix; }));
  options.push_back(path_option(
      "engine.conf", "the engine configuration directory",
      [](auto& c) -> auto& { return c.engine.config_dir; }));
  options.push_back(path_option(
      "engine.local", "local.d: files merged over engine.conf",
      [](auto& c) -> auto& { return c.engine.local_dir; }));
  options.push_back(path_option(
      "engine.override", "override.d: files replacing engine.conf's",
      [](auto& c) -> auto& { return c.engine.override_dir; }));
  options.push_back(path_option(
      "engine.pattern_cache", "where compiled pattern databases are cached",
      [](auto& c) -> auto& { return c.engine.pattern_cache_dir; }));
  return options;
}

}  // namespace

const OptionTable<DaemonConfig>& daemon_settings_table() {
  static const OptionTable<DaemonConfig> table("scamguardd.toml", daemon_settings());
  return table;
}

}  // namespace scamguard::server
