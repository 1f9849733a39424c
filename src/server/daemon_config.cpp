#include "server/daemon_config.h"

#include <arpa/inet.h>
#include <toml++/toml.h>

#include <charconv>
#include <filesystem>

#include "core/toml_file.h"
#include "server/logging.h"
#include "store/store_url.h"

namespace scamguard::server {

namespace {

Unexpected config_error(const std::string& where, const std::string& what) {
  return make_error(ErrorCode::kConfig, where + ": " + what);
}

std::string where_of(const std::string& path, const toml::node& node, const std::string& key) {
  return path + ":" + std::to_string(node.source().begin.line) + ": " + key;
}

std::string resolve(const std::string& base_dir, const std::string& value) {
  if (value.empty() || std::filesystem::path(value).is_absolute()) return value;
  return (std::filesystem::path(base_dir) / value).lexically_normal().string();
}

}  // namespace

Status parse_listen(const std::string& text, std::string& host, int& port) {
  const size_t colon = text.rfind(':');
  if (colon == std::string::npos || colon + 1 == text.size()) {
    return make_error(ErrorCode::kConfig, "listen address '" + text + "' must be host:port");
  }
  std::string parsed_host = text.substr(0, colon);
  if (parsed_host.size() >= 2 && parsed_host.front() == '[' && parsed_host.back() == ']') {
    parsed_host = parsed_host.substr(1, parsed_host.size() - 2);
  }
  if (parsed_host.empty()) {
    return make_error(ErrorCode::kConfig, "listen address '" + text + "' has no host");
  }
  int parsed_port = -1;
  const char* first = text.data() + colon + 1;
  const char* last = text.data() + text.size();
  auto [end, error] = std::from_chars(first, last, parsed_port);
  if (error != std::errc() || end != last || parsed_port < 0 || parsed_port > 65535) {
    return make_error(ErrorCode::kConfig,
                      "listen address '" + text + "' has no valid port (0-65535)");
  }
  host = parsed_host;
  port = parsed_port;
  return {};
}

bool is_loopback_host(const std::string& host) {
  if (host == "localhost") return true;
  in_addr v4{};
  if (inet_pton(AF_INET, host.c_str(), &v4) == 1) return (ntohl(v4.s_addr) >> 24) == 127;
  in6_addr v6{};
  if (inet_pton(AF_INET6, host.c_str(), &v6) == 1) return IN6_IS_ADDR_LOOPBACK(&v6);
  return false;
}

Result<DaemonConfig> load_daemon_config(const std::string& path, const DaemonConfig& base) {
  Result<toml::table> parsed = parse_toml_file(path);
  if (!parsed) return Unexpected{parsed.error()};
  const std::string dir = std::filesystem::path(path).parent_path().string();
  DaemonConfig config = base;
  config.source = path;
  const toml::table& root = *parsed;

  for (const auto& [section, node] : root) {
    const std::string name(section.str());
    const toml::table* table = node.as_table();
    if (!table) return config_error(where_of(path, node, name), "must be a table");
    for (const auto& entry : *table) {
      // Not a structured binding: clang 14 (the fuzz preset) cannot capture one in a lambda.
      const toml::node& value = entry.second;
      const std::string key(entry.first.str());
      const std::string where = where_of(path, value, name + "." + key);
      auto text = [&](std::string& out, bool is_path) -> Status {
        const auto* s = value.as_string();
        if (!s) return config_error(where, "must be a string");
        out = is_path ? resolve(dir, s->get()) : s->get();
        return {};
      };
      auto integer = [&](auto& out, int64_t min, int64_t max) -> Status {
        const auto* i = value.as_integer();
        if (!i || i->get() < min || i->get() > max) {
          return config_error(where, "must be an integer from " + std::to_string(min) + " to " +
                                         std::to_string(max));
        }
        out = static_cast<std::remove_reference_t<decltype(out)>>(i->get());
        return {};
      };
      auto number = [&](double& out) -> Status {
        std::optional<double> v = value.value<double>();
        if (!v || *v < 0) return config_error(where, "must be a number >= 0");
        out = *v;
        return {};
      };
      Status status;
      if (name == "server" && key == "listen") {
        std::string listen;
        status = text(listen, false);
        if (status) {
          status = parse_listen(listen, config.listen_host, config.listen_port);
          if (!status) return config_error(where, status.error().message);
        }
      } else if (name == "server" && key == "threads") {
        status = integer(config.threads, 2, 4096);
      } else if (name == "server" && key == "db") {
        status = text(config.db_path, true);
      } else if (name == "store" && key == "url") {
        status = text(config.store_url, false);
        if (status && !config.store_url.empty() && !store::is_postgres_url(config.store_url)) {
          return config_error(where,
                              "must be a PostgreSQL URL, postgresql://user:password@"
                              "host:5432/db (for SQLite, set [server] db instead)");
        }
      } else if (name == "server" && key == "auth_tokens") {
        status = text(config.auth_tokens_path, true);
      } else if (name == "server" && key == "web_root") {
        status = text(config.web_root, true);
      } else if (name == "server" && key == "chart_js") {
        status = text(config.chart_js_dir, true);
      } else if (name == "limits" && key == "max_connections") {
        status = integer(config.limits.max_connections, 1, 1 << 20);
      } else if (name == "limits" && key == "max_header_bytes") {
        status = integer(config.limits.max_header_bytes, 1024, 1 << 20);
      } else if (name == "limits" && key == "max_headers") {
        status = integer(config.limits.max_headers, 8, 10000);
      } else if (name == "limits" && key == "header_timeout_seconds") {
        status = integer(config.limits.header_timeout_seconds, 1, 3600);
      } else if (name == "limits" && key == "read_timeout_seconds") {
        status = integer(config.limits.read_timeout_seconds, 1, 3600);
      } else if (name == "limits" && key == "write_timeout_seconds") {
        status = integer(config.limits.write_timeout_seconds, 1, 3600);
      } else if (name == "limits" && key == "keep_alive_timeout_seconds") {
        status = integer(config.limits.keep_alive_timeout_seconds, 1, 24 * 3600);
      } else if (name == "limits" && key == "max_body_bytes") {
        status = integer(config.limits.max_body_bytes, 256, int64_t{1} << 30);
      } else if (name == "limits" && key == "max_turn_bytes") {
        status = integer(config.limits.max_turn_bytes, 16, 65536);
      } else if (name == "limits" && key == "max_open_calls") {
        status = integer(config.limits.max_open_calls, 1, int64_t{1} << 30);
      } else if (name == "limits" && key == "requests_per_second") {
        status = number(config.limits.requests_per_second);
      } else if (name == "limits" && key == "burst") {
        status = number(config.limits.burst);
      } else if (name == "limits" && key == "idle_timeout_seconds") {
        status = integer(config.limits.idle_timeout_seconds, 1, 7 * 24 * 3600);
      } else if (name == "limits" && key == "max_streams") {
        status = integer(config.limits.max_streams, 0, 65536);
      } else if (name == "state" && key == "redis") {
        status = text(config.redis, false);
        if (status && !config.redis.empty()) {
          std::string host;
          int port = 0;
          Status address = parse_listen(config.redis, host, port);
          if (!address || port == 0) {
            return config_error(where, "must be host:port, e.g. \"127.0.0.1:6379\"");
          }
        }
      } else if (name == "log" && (key == "level" || key == "access" || key == "verdicts")) {
        std::string& level = key == "level"    ? config.log.main
                             : key == "access" ? config.log.access
                                               : config.log.verdicts;
        status = text(level, false);
        if (status) status = check_log_level(where, level);
      } else if (name == "state" && key == "key_prefix") {
        status = text(config.redis_prefix, false);
      } else if (name == "engine" && key == "conf") {
        status = text(config.engine.config_dir, true);
      } else if (name == "engine" && key == "local") {
        status = text(config.engine.local_dir, true);
      } else if (name == "engine" && key == "override") {
        status = text(config.engine.override_dir, true);
      } else if (name == "engine" && key == "pattern_cache") {
        status = text(config.engine.pattern_cache_dir, true);
      } else {
        return config_error(where, "unknown key");
      }
      if (!status) return Unexpected{status.error()};
    }
  }
  if (Status valid = validate(config); !valid) {
    return config_error(path, valid.error().message);
  }
  return config;
}

std::string default_web_root(const std::string& config_dir) {
  if (config_dir.empty()) return {};
  std::error_code ignored;
  const std::filesystem::path web =
      std::filesystem::path(config_dir).lexically_normal().parent_path() / "web";
  if (std::filesystem::is_regular_file(web / "index.html", ignored)) return web.string();
  return {};
}

std::string DaemonConfig::store() const { return store_url.empty() ? db_path : store_url; }

Status validate(const DaemonConfig& config) {
  if (!is_loopback_host(config.listen_host) && config.auth_tokens_path.empty()) {
    return make_error(ErrorCode::kConfig,
                      "refusing to listen on " + config.listen_host +
                          " without auth: set [server] auth_tokens (or listen on 127.0.0.1)");
  }
  if (config.threads < 2) return make_error(ErrorCode::kConfig, "threads must be at least 2");
  std::error_code ignored;
  if (!config.web_root.empty() &&
      !std::filesystem::is_regular_file(std::filesystem::path(config.web_root) / "index.html",
                                        ignored)) {
    return make_error(ErrorCode::kConfig, "web_root '" + config.web_root +
                                              "' is not the console's directory (no index.html)");
  }
  return {};
}

}  // namespace scamguard::server
