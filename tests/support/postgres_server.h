// A PostgreSQL server of the test's own (Debian's postgresql package: initdb and postgres), on
// a free loopback port with its data in a temporary directory, stopped with the object. Tests
// never rely on a PostgreSQL already running. As root, the server runs as the `postgres` user
// (PostgreSQL refuses root), through setpriv, which execs rather than forks, so the pid is the
// postmaster's.
#pragma once

#include <fcntl.h>
#include <libpq-fe.h>
#include <pwd.h>
#include <signal.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include "support/free_port.h"
#include "support/test_paths.h"

extern char** environ;

namespace scamguard::testing {

// Debian installs the server binaries under /usr/lib/postgresql/<major>/bin; the newest wins.
inline std::string postgres_bin_dir() {
  std::string best;
  std::error_code ignored;
  for (const auto& entry : std::filesystem::directory_iterator("/usr/lib/postgresql", ignored)) {
    const std::filesystem::path bin = entry.path() / "bin";
    if (std::filesystem::exists(bin / "postgres") && bin.string() > best) best = bin.string();
  }
  return best;
}

class PostgresServer {
 public:
  PostgresServer() : port_(free_loopback_port()) { start(); }
  ~PostgresServer() { stop(); }
  PostgresServer(const PostgresServer&) = delete;
  PostgresServer& operator=(const PostgresServer&) = delete;

  int port() const { return port_; }
  bool running() const { return pid_ > 0; }
  const std::string& error() const { return error_; }

  // postgresql://postgres@127.0.0.1:PORT/DB
  std::string url(const std::string& db = "postgres") const {
    return "postgresql://postgres@127.0.0.1:" + std::to_string(port_) + "/" + db;
  }

  // A fresh, empty database for one test; its URL.
  std::string create_database(const std::string& name) {
    (void)exec("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    if (!exec("CREATE DATABASE " + name)) return {};
    return url(name);
  }

  // Runs SQL on `db`; false (and error()) on failure.
  bool exec(const std::string& sql, const std::string& db = "postgres") {
    PGconn* conn = PQconnectdb(url(db).c_str());
    bool ok = PQstatus(conn) == CONNECTION_OK;
    if (ok) {
      PQsetNoticeProcessor(
          conn, [](void*, const char*) {}, nullptr);
      PGresult* result = PQexec(conn, sql.c_str());
      ok = PQresultStatus(result) == PGRES_COMMAND_OK || PQresultStatus(result) == PGRES_TUPLES_OK;
      if (!ok) error_ = PQresultErrorMessage(result);
      PQclear(result);
    } else {
      error_ = PQerrorMessage(conn);
    }
    PQfinish(conn);
    return ok;
  }

  // One value from a query on `db`, or "" on failure.
  std::string query(const std::string& sql, const std::string& db) {
    PGconn* conn = PQconnectdb(url(db).c_str());
    std::string value;
    if (PQstatus(conn) == CONNECTION_OK) {
      PGresult* result = PQexec(conn, sql.c_str());
      if (PQresultStatus(result) == PGRES_TUPLES_OK && PQntuples(result) > 0) {
        value = PQgetvalue(result, 0, 0);
      }
      PQclear(result);
    }
    PQfinish(conn);
    return value;
  }

  // initdb (the first time), then the server; waits up to 30 s for it to accept connections.
  bool start() {
    if (pid_ > 0) return true;
    const std::string bin = postgres_bin_dir();
    if (bin.empty()) {
      error_ = "no PostgreSQL server under /usr/lib/postgresql (apt-get install postgresql)";
      return false;
    }
    const std::filesystem::path data = dir_.path() / "data";
    const std::filesystem::path sockets = dir_.path() / "sockets";
    if (!std::filesystem::exists(data)) {
      std::filesystem::create_directories(sockets);
      ::chmod(dir_.path().c_str(), 0755);
      const std::string cluster = template_cluster(bin);
      if (!as_owner(sockets) || cluster.empty() || run({"cp", "-a", cluster, data.string()}) != 0) {
        error_ = "initdb or copying its cluster into " + data.string() + " failed";
        return false;
      }
    }
    pid_t pid =
        spawn({bin + "/postgres", "-D", data.string(), "-p", std::to_string(port_), "-c",
               "listen_addresses=127.0.0.1", "-c", "unix_socket_directories=" + sockets.string(),
               "-c", "fsync=on", "-c", "max_connections=300", "-c", "logging_collector=off", "-c",
               "log_min_messages=panic"});
    if (pid <= 0) {
      error_ = "cannot start postgres";
      return false;
    }
    pid_ = pid;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    while (std::chrono::steady_clock::now() < deadline) {
      PGPing ping = PQping(url().c_str());
      if (ping == PQPING_OK) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    error_ = "postgres did not accept connections within 30 s";
    stop();
    return false;
  }

  // Immediate shutdown (SIGQUIT): what a crash of the database looks like to its clients.
  void stop() {
    if (pid_ <= 0) return;
    ::kill(pid_, SIGQUIT);
    int status = 0;
    ::waitpid(pid_, &status, 0);
    pid_ = -1;
  }

 private:
  static bool is_root() { return ::geteuid() == 0; }

  // As root, the data directory must belong to postgres.
  bool as_owner(const std::filesystem::path& path) const {
    if (!is_root()) return true;
    const passwd* user = ::getpwnam("postgres");
    if (!user) return false;
    return ::chown(path.c_str(), user->pw_uid, user->pw_gid) == 0 &&
           ::chown(dir_.path().c_str(), user->pw_uid, user->pw_gid) == 0;
  }

  // initdb is the slow part (seconds), and ctest runs each test in its own process: one
  // initdb'd cluster per machine and server version is kept in the temp directory and copied.
  static std::string template_cluster(const std::string& bin) {
    const std::filesystem::path cluster =
        std::filesystem::temp_directory_path() /
        ("scamguard-pg-template-" + std::filesystem::path(bin).parent_path().filename().string());
    if (std::filesystem::exists(cluster / "PG_VERSION")) return cluster.string();
    const std::filesystem::path staging = cluster.string() + ".tmp-" + std::to_string(::getpid());
    std::filesystem::create_directories(staging);
    ::chmod(staging.c_str(), 0700);
    if (is_root()) {
      const passwd* user = ::getpwnam("postgres");
      if (!user || ::chown(staging.c_str(), user->pw_uid, user->pw_gid) != 0) return {};
    }
    if (run({bin + "/initdb", "-D", staging.string(), "-U", "postgres", "--auth=trust", "--no-sync",
             "-E", "UTF8", "--locale=C"},
            true) != 0) {
      return {};
    }
    std::error_code lost_race;  // another test process made it first: theirs is as good
    std::filesystem::rename(staging, cluster, lost_race);
    if (lost_race) std::filesystem::remove_all(staging, lost_race);
    return std::filesystem::exists(cluster / "PG_VERSION") ? cluster.string() : std::string();
  }

  static pid_t spawn(std::vector<std::string> args, bool quiet = false) {
    if (is_root()) {
      args.insert(args.begin(),
                  {"setpriv", "--reuid=postgres", "--regid=postgres", "--clear-groups", "--"});
    }
    std::vector<char*> argv;
    for (std::string& arg : args) argv.push_back(arg.data());
    argv.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    if (quiet) posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
    pid_t pid = 0;
    const int rc = ::posix_spawnp(&pid, argv[0], &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    return rc == 0 ? pid : -1;
  }

  static int run(std::vector<std::string> args, bool quiet = false) {
    const pid_t pid = spawn(std::move(args), quiet);
    if (pid <= 0) return -1;
    int status = 0;
    ::waitpid(pid, &status, 0);
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  }

  TempDir dir_;
  int port_;
  pid_t pid_ = -1;
  std::string error_;
};

// One server for a whole test program: initdb is the slow part.
inline PostgresServer& shared_postgres() {
  static PostgresServer* server = [] {
    auto* started = new PostgresServer();
    std::atexit([] { delete server; });  // stops it and removes its directory
    return started;
  }();
  return *server;
}

}  // namespace scamguard::testing
