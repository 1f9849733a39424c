// Starts the built scamguardd binary on a free loopback port with its own temp directory and
// database, and stops it (SIGTERM, or SIGKILL for the crash test). Nothing is expected to be
// running beforehand; everything started here is reaped by the destructor.
#pragma once

#include <httplib.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "support/test_paths.h"

namespace scamguard::testing {

class DaemonProcess {
 public:
  // Extra flags go after --listen/--db/--ready-file/--pattern-cache (later flags win).
  explicit DaemonProcess(const std::filesystem::path& dir, std::vector<std::string> extra = {})
      : dir_(dir), extra_(std::move(extra)) {}
  DaemonProcess(const DaemonProcess&) = delete;
  DaemonProcess& operator=(const DaemonProcess&) = delete;
  ~DaemonProcess() {
    if (pid_ > 0) {
      ::kill(pid_, SIGKILL);
      ::waitpid(pid_, nullptr, 0);
    }
  }

  std::filesystem::path db() const { return dir_ / "calls.db"; }
  std::filesystem::path log() const { return dir_ / "daemon.log"; }
  std::string log_text() const { return read_text(log()); }

  // Starts the daemon and waits until it listens. False (with the log in `why`) when it exits
  // first or does not come up within 30 s.
  bool start(std::string* why = nullptr) {
    const std::filesystem::path ready = dir_ / "ready";
    std::filesystem::remove(ready);
    std::vector<std::string> args = {SCAMGUARDD_BINARY};
    if (listen_flag_) args.insert(args.end(), {"--listen", "127.0.0.1:0"});
    args.insert(args.end(), {"--db", db().string(), "--ready-file", ready.string(),
                             "--pattern-cache", SCAMGUARD_TEST_PATTERN_CACHE});
    args.insert(args.end(), extra_.begin(), extra_.end());
    pid_ = ::fork();
    if (pid_ == 0) {
      FILE* out = std::fopen(log().c_str(), "a");
      if (out) {
        ::dup2(fileno(out), 1);
        ::dup2(fileno(out), 2);
      }
      std::vector<char*> argv;
      for (std::string& arg : args) argv.push_back(arg.data());
      argv.push_back(nullptr);
      ::execv(argv[0], argv.data());
      ::_exit(127);
    }
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    while (std::chrono::steady_clock::now() < deadline) {
      if (std::filesystem::exists(ready)) {
        port_ = std::stoi(read_text(ready));
        return true;
      }
      int status = 0;
      if (::waitpid(pid_, &status, WNOHANG) == pid_) {
        pid_ = -1;
        exit_status_ = status;
        if (why) *why = log_text();
        return false;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    if (why) *why = "timed out; log:\n" + log_text();
    return false;
  }

  // Runs the binary with `args` to completion (for start-up refusals); returns the exit code.
  static int run_to_exit(const std::vector<std::string>& flags, const std::filesystem::path& log) {
    std::vector<std::string> args = {SCAMGUARDD_BINARY};
    args.insert(args.end(), flags.begin(), flags.end());
    const pid_t pid = ::fork();
    if (pid == 0) {
      FILE* out = std::fopen(log.c_str(), "w");
      if (out) {
        ::dup2(fileno(out), 1);
        ::dup2(fileno(out), 2);
      }
      std::vector<char*> argv;
      for (std::string& arg : args) argv.push_back(arg.data());
      argv.push_back(nullptr);
      ::execv(argv[0], argv.data());
      ::_exit(127);
    }
    int status = 0;
    ::waitpid(pid, &status, 0);
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  }

  void signal(int sig) const { ::kill(pid_, sig); }

  // Sends `sig` and waits for the exit; returns the exit code (128+signal if killed).
  int stop(int sig = SIGTERM) {
    ::kill(pid_, sig);
    int status = 0;
    ::waitpid(pid_, &status, 0);
    pid_ = -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  }

  // Leaves the listen address to the --config file (a test of what SIGHUP may change).
  void listen_from_config() { listen_flag_ = false; }

  int port() const { return port_; }
  pid_t pid() const { return pid_; }
  httplib::Client client(const std::string& token = {}) const {
    httplib::Client cli("127.0.0.1", port_);
    cli.set_read_timeout(std::chrono::seconds(30));
    if (!token.empty()) cli.set_bearer_token_auth(token.c_str());
    return cli;
  }

 private:
  std::filesystem::path dir_;
  std::vector<std::string> extra_;
  pid_t pid_ = -1;
  int port_ = 0;
  bool listen_flag_ = true;
  std::optional<int> exit_status_;
};

}  // namespace scamguard::testing
