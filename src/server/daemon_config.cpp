#include "server/daemon_config.h"

#include <arpa/inet.h>
#include <toml++/toml.h>

#include <charconv>
#include <filesystem>

#include "core/toml_file.h"

namespace scamguard::server {

namespace {

Unexpected config_error(const std::string& where, const std::string& what) {
  return make_error(ErrorCode::kConfig, where + ": " + what);
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

Result<DaemonConfig> load_daemon_config(const std::string& path, const DaemonConfig& base,
                                        OptionOrigins* origins) {
  Result<toml::table> parsed = parse_toml_file(path);
  if (!parsed) return Unexpected{parsed.error()};
  DaemonConfig config = base;
  config.source = path;
  OptionOrigins read;
  const OptionTable<DaemonConfig>& table = daemon_settings_table();
  if (Status status = table.read(*parsed, path, config, &read); !status) {
    return Unexpected{status.error()};
  }
  // Paths in the file are taken from its directory; those given by the caller are left as
  // they are.
  const std::string dir = std::filesystem::path(path).parent_path().string();
  for (const Option<DaemonConfig>& option : table.options()) {
    if (option.info.kind != OptionKind::kPath ||
        !read.count(table.file() + " " + option.info.key)) {
      continue;
    }
    const std::string relative = std::get<std::string>(option.get(config));
    if (Status stored = option.set(config, resolve(dir, relative), path); !stored) {
      return Unexpected{stored.error()};
    }
  }
  if (Status valid = validate(config); !valid) {
    return config_error(path, valid.error().message);
  }
  if (origins) origins->merge(read);
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
