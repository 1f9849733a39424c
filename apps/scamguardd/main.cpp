// scamguardd: flags, configuration, signals; everything else is src/server.
//
//   scamguardd --listen 127.0.0.1:8080 --db /var/lib/scamguard/calls.db
//   scamguardd --config /etc/scamguard/scamguardd.toml
//   scamguardd --hash-token < token.txt       # the sha256 to put in the token file
//
// SIGTERM/SIGINT: stop accepting, finish in-flight requests, flush the store, exit 0.
// SIGHUP: reload the configuration file, the engine configuration and lists; a bad
// configuration is logged and the running one keeps serving.
#include <malloc.h>
#include <pthread.h>
#include <signal.h>
#include <sys/resource.h>

#include <cstdio>
#include <fstream>
#include <iostream>
#include <iterator>
#include <optional>
#include <string>
#include <thread>

#include "man_page.h"
#include "parse_command_line.h"
#include "scamguard/version.h"
#include "server/auth.h"
#include "server/daemon.h"
#include "server/daemon_config.h"
#include "server/logging.h"
#include "store/store_url.h"

namespace {

using scamguard::server::DaemonConfig;

void log_line(std::string_view line) { scamguard::server::main_log().info("{}", line); }

constexpr const char* kDescription =
    "scamguardd serves the scamguard engine over HTTP/1.1 (docs/http-api.md): pre-answer "
    "verdicts (/v1/check), live calls with turns and device events (/v1/calls), Server-Sent "
    "Events, campaigns, /healthz and /metrics. Every acknowledged write is on disk.";

constexpr const char* kFooter =
    "\n"
    "Flags override the --config file. Logs go to standard error: [log] level, access (one\n"
    "line per request) and verdicts (one line per change of a call's action).\n"
    "\n"
    "Signals: SIGTERM/SIGINT stop accepting, answer in-flight requests, flush the store and\n"
    "exit 0. SIGHUP reloads --config, the engine configuration, lists and tokens; a bad one is\n"
    "logged, counted in scamguard_engine_reloads_total{result=\"failed\"}, and the running one\n"
    "keeps serving.\n"
    "\n"
    "Exit codes: 0 stopped cleanly, 1 the server failed while running, 2 bad flags or\n"
    "configuration, or the port or database cannot be used.";

struct Flags {
  std::optional<std::string> config, listen, db, conf, local, override_dir, pattern_cache;
  std::optional<std::string> ready_file;
  std::optional<std::string> redis;     // [state] redis
  std::optional<std::string> store;     // [store] url
  std::optional<std::string> web_root;  // [server] web_root
};

// The configuration: defaults, then the file, then the flags (flags win).
scamguard::Result<DaemonConfig> build_config(const Flags& flags) {
  DaemonConfig config;
  config.engine.config_dir = scamguard::default_config_dir();
  if (const char* xdg = std::getenv("XDG_CACHE_HOME"); xdg && *xdg) {
    config.engine.pattern_cache_dir = std::string(xdg) + "/scamguard";
  } else if (const char* home = std::getenv("HOME"); home && *home) {
    config.engine.pattern_cache_dir = std::string(home) + "/.cache/scamguard";
  }
  if (flags.config) {
    auto loaded = scamguard::server::load_daemon_config(*flags.config, config);
    if (!loaded) return loaded;
    config = std::move(*loaded);
  }
  if (flags.listen) {
    if (auto parsed =
            scamguard::server::parse_listen(*flags.listen, config.listen_host, config.listen_port);
        !parsed) {
      return scamguard::Unexpected{parsed.error()};
    }
  }
  if (flags.db) config.db_path = *flags.db;
  if (flags.store) {
    if (!scamguard::store::is_postgres_url(*flags.store)) {
      return scamguard::make_error(scamguard::ErrorCode::kConfig,
                                   "--store must be a PostgreSQL URL, postgresql://user:password@"
                                   "host:5432/db (for SQLite, use --db PATH)");
    }
    config.store_url = *flags.store;
  }
  if (flags.conf) config.engine.config_dir = *flags.conf;
  if (flags.local) config.engine.local_dir = *flags.local;
  if (flags.override_dir) config.engine.override_dir = *flags.override_dir;
  if (flags.pattern_cache) config.engine.pattern_cache_dir = *flags.pattern_cache;
  if (flags.web_root) config.web_root = *flags.web_root;
  // Not named anywhere: the console installed beside the engine configuration.
  if (config.web_root.empty()) {
    config.web_root = scamguard::server::default_web_root(config.engine.config_dir);
  }
  if (flags.redis) {
    std::string host;
    int port = 0;
    if (!scamguard::server::parse_listen(*flags.redis, host, port) || port == 0) {
      return scamguard::make_error(scamguard::ErrorCode::kConfig,
                                   "--redis must be host:port, e.g. 127.0.0.1:6379");
    }
    config.redis = *flags.redis;
  }
  if (auto valid = scamguard::server::validate(config); !valid) {
    return scamguard::Unexpected{valid.error()};
  }
  return config;
}

// Every flag of the daemon, bound to `flags`; `hash_token` is set by --hash-token.
void add_flags(CLI::App& app, Flags& flags, bool& hash_token) {
  auto value = [&app](const char* name, std::optional<std::string>& target, const char* type,
                      const char* help) {
    app.add_option_function<std::string>(
           name, [&target](const std::string& given) { target = given; }, help)
        ->type_name(type)
        // Last wins, as with the hand-written parser: wrappers append their own --listen etc.
        ->multi_option_policy(CLI::MultiOptionPolicy::TakeLast);
  };
  value("--config", flags.config, "FILE",
        "the daemon's TOML settings (conf/scamguardd.toml shows every key)");
  value("--listen", flags.listen, "HOST:PORT",
        "where to listen (default 127.0.0.1:8080; port 0 picks one); beyond loopback, "
        "[server] auth_tokens is required");
  value("--db", flags.db, "PATH", "the SQLite call and campaign store ([server] db)");
  value("--store", flags.store, "URL",
        "a PostgreSQL store shared by every node, postgresql://... ([store] url); one of --db "
        "and --store is required");
  value("--redis", flags.redis, "HOST:PORT",
        "traffic counters in Redis, shared by every node ([state] redis)");
  value("--conf", flags.conf, "DIR", "the engine configuration (default: the shipped conf/)");
  value("--local", flags.local, "DIR", "local.d: files merged over --conf");
  value("--override", flags.override_dir, "DIR", "override.d: files replacing those of --conf");
  value("--pattern-cache", flags.pattern_cache, "DIR",
        "where compiled pattern databases are cached");
  value("--ready-file", flags.ready_file, "PATH",
        "written with the bound port once listening (for supervisors, tests)");
  value("--web-root", flags.web_root, "DIR",
        "the analyst console's pages, served at / ([server] web_root; default: the installed "
        "share/scamguard/web; docs/console.md)");
  app.add_flag("--hash-token", hash_token,
               "read a bearer token on standard input, print its SHA-256 for the token file, "
               "and exit");
}

}  // namespace

int main(int argc, char** argv) {
  // glibc gives each thread that allocates its own arena, and freed memory in one arena is not
  // reused by another: with dozens of handler threads, RSS only ratchets up. Four arenas keep
  // contention low on the machines scamguardd runs on; the reaper trims them (Daemon).
  mallopt(M_ARENA_MAX, 4);
  // Each connection is a descriptor: take the hard limit (Debian's soft default of 1,024 would
  // refuse connections long before limits.max_connections).
  if (rlimit files{}; getrlimit(RLIMIT_NOFILE, &files) == 0 && files.rlim_cur < files.rlim_max) {
    files.rlim_cur = files.rlim_max;
    setrlimit(RLIMIT_NOFILE, &files);
  }
  Flags flags;
  bool hash_token = false;
  CLI::App app(kDescription, "scamguardd");
  app.set_version_flag("--version", "scamguardd " SCAMGUARD_VERSION_STRING,
                       "print the version and exit");
  add_flags(app, flags, hash_token);
  // Hidden (no group): the build writes scamguardd.8 with it (apps/cli_common/man_page.h).
  bool help_man = false;
  app.add_flag("--help-man", help_man, "print the man page (man(7) format) and exit")->group("");
  app.footer(kFooter);
  app.get_formatter()->column_width(26);
  if (std::optional<int> done = scamguard::cli::parse_command_line(app, argc, argv)) return *done;
  if (help_man) {
    std::cout << scamguard::cli::man_page(
        app,
        {.section = "8",
         .summary = "the scamguard engine as an HTTP service for SIP proxies, contact "
                    "centres and apps",
         .version = SCAMGUARD_VERSION_STRING,
         .synopsis = "scamguardd [--config FILE] [--listen HOST:PORT] [--db PATH | --store "
                     "URL] [options]",
         .extra_sections = {{"NOTES", kFooter}, {"SEE ALSO", "scamguard(1); docs/http-api.md"}}});
    return 0;
  }
  if (hash_token) {
    std::string token((std::istreambuf_iterator<char>(std::cin)), {});
    while (!token.empty() && (token.back() == '\n' || token.back() == '\r')) token.pop_back();
    if (token.empty()) {
      std::cerr << "scamguardd: --hash-token reads the token on standard input; it was empty\n";
      return 2;
    }
    std::cout << scamguard::server::sha256_hex(token) << "\n";
    return 0;
  }

  scamguard::Result<DaemonConfig> config = build_config(flags);
  if (!config) {
    log_line(config.error().message);
    return 2;
  }

  // Signals are taken by one thread with sigwait; every other thread (the store writer, HTTP
  // workers) inherits the blocked mask, so handlers never run inside library code.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGHUP);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  signal(SIGPIPE, SIG_IGN);  // a client that went away is an error on write, not a crash

  auto daemon = scamguard::server::Daemon::create(*config, log_line);
  if (!daemon) {
    log_line(daemon.error().message);
    return 2;
  }
  scamguard::server::Daemon& server = **daemon;
  log_line("listening on " + config->listen_host + ":" + std::to_string(server.port()) + ", " +
           scamguard::store::describe_store(config->store()) +
           (config->auth_tokens_path.empty() ? ", no auth (loopback only)" : ", bearer auth"));
  if (flags.ready_file) {
    std::ofstream ready(*flags.ready_file + ".tmp");
    ready << server.port() << "\n";
    ready.close();
    std::rename((*flags.ready_file + ".tmp").c_str(), flags.ready_file->c_str());
  }

  std::thread signal_thread([&] {
    for (;;) {
      int received = 0;
      if (sigwait(&signals, &received) != 0) continue;
      if (received == SIGHUP) {
        scamguard::Result<DaemonConfig> reloaded = build_config(flags);
        scamguard::Status applied =
            reloaded ? server.reload(*reloaded) : server.reload_failed(reloaded.error());
        log_line(applied ? std::string("reloaded configuration")
                         : "reload rejected, still serving the previous configuration: " +
                               applied.error().message);
        continue;
      }
      log_line("stopping: finishing in-flight requests");
      server.stop();
      return;
    }
  });

  scamguard::Status ran = server.run();
  // If run() ended on its own, wake the signal thread so it can end too.
  if (signal_thread.joinable()) {
    pthread_kill(signal_thread.native_handle(), SIGTERM);
    signal_thread.join();
  }
  daemon->reset();
  if (!ran) {
    log_line(ran.error().message);
    return 1;
  }
  log_line("stopped");
  return 0;
}
