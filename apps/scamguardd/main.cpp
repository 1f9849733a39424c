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

#include "server/auth.h"
#include "server/daemon.h"
#include "server/daemon_config.h"
#include "server/logging.h"
#include "store/store_url.h"

namespace {

using scamguard::server::DaemonConfig;

void log_line(std::string_view line) { scamguard::server::main_log().info("{}", line); }

constexpr const char* kUsage =
    "usage: scamguardd [--config FILE] [--listen HOST:PORT] [--db PATH | --store URL]\n"
    "                  [--redis HOST:PORT]\n"
    "                  [--conf DIR] [--local DIR] [--override DIR] [--pattern-cache DIR]\n"
    "                  [--ready-file PATH] [--web-root DIR]\n"
    "       scamguardd --hash-token < token.txt\n"
    "       scamguardd --version | --help\n";

constexpr const char* kHelp =
    "\n"
    "scamguardd serves the scamguard engine over HTTP/1.1 (docs/http-api.md): pre-answer\n"
    "verdicts (/v1/check), live calls with turns and device events (/v1/calls), Server-Sent\n"
    "Events, campaigns, /healthz and /metrics. Every acknowledged write is on disk.\n"
    "\n"
    "  --config FILE        the daemon's TOML settings (conf/scamguardd.toml shows every key)\n"
    "  --listen HOST:PORT   where to listen (default 127.0.0.1:8080; port 0 picks one); beyond\n"
    "                       loopback, [server] auth_tokens is required\n"
    "  --db PATH            the SQLite call and campaign store ([server] db)\n"
    "  --store URL          a PostgreSQL store shared by every node, postgresql://... ([store]\n"
    "                       url); one of --db and --store is required\n"
    "  --redis HOST:PORT    traffic counters in Redis, shared by every node ([state] redis)\n"
    "  --conf DIR           the engine configuration (default: the shipped conf/)\n"
    "  --local DIR, --override DIR   local.d / override.d layers over --conf\n"
    "  --pattern-cache DIR  where compiled pattern databases are cached\n"
    "  --ready-file PATH    written with the bound port once listening (for supervisors, tests)\n"
    "  --web-root DIR       the analyst console's pages, served at / ([server] web_root;\n"
    "                       default: the installed share/scamguard/web; docs/console.md)\n"
    "  --hash-token         read a bearer token on standard input, print its SHA-256 for the\n"
    "                       token file\n"
    "  --version            print the version and exit\n"
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
    "configuration, or the port or database cannot be used.\n";

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
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--help" || arg == "-h") {
      std::cout << kUsage << kHelp;
      return 0;
    }
    if (arg == "--version") {
      std::cout << "scamguardd " SCAMGUARD_VERSION "\n";
      return 0;
    }
    if (arg == "--hash-token") {
      std::string token((std::istreambuf_iterator<char>(std::cin)), {});
      while (!token.empty() && (token.back() == '\n' || token.back() == '\r')) token.pop_back();
      if (token.empty()) {
        std::cerr << "scamguardd: --hash-token reads the token on standard input; it was empty\n";
        return 2;
      }
      std::cout << scamguard::server::sha256_hex(token) << "\n";
      return 0;
    }
    std::optional<std::string>* target = nullptr;
    if (arg == "--config") target = &flags.config;
    if (arg == "--listen") target = &flags.listen;
    if (arg == "--db") target = &flags.db;
    if (arg == "--conf") target = &flags.conf;
    if (arg == "--local") target = &flags.local;
    if (arg == "--override") target = &flags.override_dir;
    if (arg == "--pattern-cache") target = &flags.pattern_cache;
    if (arg == "--ready-file") target = &flags.ready_file;
    if (arg == "--redis") target = &flags.redis;
    if (arg == "--store") target = &flags.store;
    if (arg == "--web-root") target = &flags.web_root;
    if (!target) {
      std::cerr << "scamguardd: unknown option " << arg << "\n" << kUsage;
      return 2;
    }
    if (i + 1 >= argc) {
      std::cerr << "scamguardd: " << arg << " needs a value\n";
      return 2;
    }
    *target = argv[++i];
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
