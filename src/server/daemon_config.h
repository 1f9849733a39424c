// scamguardd's own configuration: where to listen, where the store is, limits, auth and which
// engine configuration to load. A TOML file (`--config FILE`), every key optional:
//
//   [server]
//   listen = "127.0.0.1:8080"   # host:port; port 0 picks a free port
//   threads = 64                # HTTP worker threads (one per open connection, see README)
//   db = "/var/lib/scamguard/calls.db"
//   auth_tokens = "tokens.toml" # bearer tokens (hashed); required to listen beyond loopback
//
//   [limits]
//   max_body_bytes = 65536      # larger request bodies get 413
//   max_turn_bytes = 8192       # longer turn texts get 413
//   max_open_calls = 10000      # beyond this, POST /v1/calls gets 429
//   requests_per_second = 0     # per client (token or address); 0 = unlimited
//   burst = 0                   # bucket size; 0 = one second's worth
//   idle_timeout_seconds = 900  # open calls idle this long are closed ("idle_timeout")
//   max_streams = 32            # concurrent SSE streams (each holds a worker thread)
//
//   [store]
//   url = "postgresql://scamguard:secret@10.0.0.6:5432/scamguard"  # calls and campaigns in
//                               # PostgreSQL, shared by every node; empty: SQLite in [server] db
//
//   [state]
//   redis = "127.0.0.1:6379"    # traffic counters shared by every node; empty: in memory
//   key_prefix = "sg:"
//
//   [engine]
//   conf = "conf"               # shipped defaults; local.d / override.d as in the CLI
//   local = ""
//   override = ""
//   pattern_cache = ""
//
// Relative paths are taken from the directory of the file. Unknown keys and wrong types are
// errors naming the file, the key and the line.
#pragma once

#include <cstddef>
#include <string>

#include "scamguard/engine.h"
#include "scamguard/error.h"

namespace scamguard::server {

struct Limits {
  size_t max_body_bytes = 64 * 1024;
  size_t max_turn_bytes = 8 * 1024;
  size_t max_open_calls = 10000;
  double requests_per_second = 0.0;
  double burst = 0.0;
  int idle_timeout_seconds = 900;
  size_t max_streams = 32;
};

struct DaemonConfig {
  std::string listen_host = "127.0.0.1";
  int listen_port = 8080;
  int threads = 64;
  std::string db_path;
  // [store] url: a PostgreSQL URL every node shares; empty: the SQLite file db_path.
  std::string store_url;
  std::string auth_tokens_path;  // empty: no auth (loopback only)
  Limits limits;
  EngineOptions engine;
  // [state]: where traffic counters live. Empty redis: in this process (lost on restart, not
  // shared); "host:port": a Redis every node shares.
  std::string redis;
  std::string redis_prefix = "sg:";
  std::string source;  // the file it came from, for messages; empty for defaults

  // Where calls and campaigns live: store_url, else db_path.
  std::string store() const;
};

// "host:port" -> host and port. IPv6 literals go in brackets: "[::1]:8080".
Status parse_listen(const std::string& text, std::string& host, int& port);

// Reads `path` over `base` (keys absent from the file keep base's values).
Result<DaemonConfig> load_daemon_config(const std::string& path, const DaemonConfig& base);

// Whether `host` only accepts connections from this machine.
bool is_loopback_host(const std::string& host);

// Checks combinations: a non-loopback listen address needs auth tokens; limits are positive.
Status validate(const DaemonConfig& config);

}  // namespace scamguard::server
