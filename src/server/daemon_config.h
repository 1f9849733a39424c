// scamguardd's own configuration: where to listen, where the store is, limits, auth and which
// engine configuration to load. A TOML file (`--config FILE`), every key optional; the keys,
// their ranges and defaults are daemon_settings_table() (server/daemon_settings_table.cpp),
// printed in docs/config.md and by `scamguard configdump --daemon FILE`; conf/scamguardd.toml
// shows them all. Relative paths are taken from the directory of the file. Unknown keys and
// wrong types are errors naming the file, the key and the line.
#pragma once

#include <cstddef>
#include <string>

#include "core/option_table.h"
#include "scamguard/engine.h"
#include "scamguard/error.h"

namespace scamguard::server {

struct Limits {
  // Connections (need a restart to change).
  size_t max_connections = 4096;
  size_t max_header_bytes = 16 * 1024;
  size_t max_headers = 100;
  size_t max_body_bytes = 64 * 1024;
  int header_timeout_seconds = 10;
  int read_timeout_seconds = 10;
  int write_timeout_seconds = 10;
  int keep_alive_timeout_seconds = 30;
  // Requests and calls.
  size_t max_turn_bytes = 8 * 1024;
  size_t max_open_calls = 10000;
  double requests_per_second = 0.0;
  double burst = 0.0;
  int idle_timeout_seconds = 900;
  size_t max_streams = 1024;
  int memory_trim_seconds = 10;
};

// [log]: the level of each logger (server/logging.h); "off" silences one.
struct LogLevels {
  std::string main = "info";
  std::string access = "info";
  std::string verdicts = "info";
};

struct DaemonConfig {
  std::string listen_host = "127.0.0.1";
  int listen_port = 8080;
  int threads = 64;  // event loops, one thread each; as many handlers may block at once
  std::string db_path;
  // [store] url: a PostgreSQL URL every node shares; empty: the SQLite file db_path.
  std::string store_url;
  std::string auth_tokens_path;  // empty: no auth (loopback only)
  // The analyst console (docs/console.md): its pages, and the directory Chart.js is served
  // from at /javascript/chart.js/. An empty web_root serves no console pages.
  std::string web_root;
  std::string chart_js_dir = "/usr/share/javascript/chart.js";
  Limits limits;
  EngineOptions engine;
  // [state]: where traffic counters live. Empty redis: in this process (lost on restart, not
  // shared); "host:port": a Redis every node shares.
  std::string redis;
  std::string redis_prefix = "sg:";
  LogLevels log;
  std::string source;  // the file it came from, for messages; empty for defaults

  // Where calls and campaigns live: store_url, else db_path.
  std::string store() const;
};

// "host:port" -> host and port. IPv6 literals go in brackets: "[::1]:8080".
Status parse_listen(const std::string& text, std::string& host, int& port);

// The console's pages installed beside the engine configuration: <share>/scamguard/web next
// to <share>/scamguard/conf (the build tree mirrors it); empty when there is none.
std::string default_web_root(const std::string& config_dir);

// Reads `path` over `base` (keys absent from the file keep base's values). `origins`, when
// given, learns where each key the file set came from.
Result<DaemonConfig> load_daemon_config(const std::string& path, const DaemonConfig& base,
                                        OptionOrigins* origins = nullptr);

// The keys of scamguardd.toml: they read it, and print the reference and configdump.
const OptionTable<DaemonConfig>& daemon_settings_table();

// Whether `host` only accepts connections from this machine.
bool is_loopback_host(const std::string& host);

// Checks combinations: a non-loopback listen address needs auth tokens; limits are positive.
Status validate(const DaemonConfig& config);

}  // namespace scamguard::server
