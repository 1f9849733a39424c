// The SQLite call store (the embedded default): WAL mode with synchronous=FULL, so a commit
// that returned is on disk and survives kill -9 and power loss.
//
// Writes go through one writer thread with group commit: callers enqueue a write and wait;
// the writer takes everything queued, applies each write inside its own savepoint (a failing
// write changes nothing and does not fail its neighbours), commits the batch with one fsync,
// then wakes the callers. Durable throughput is thus bounded by batch size / fsync time,
// not by 1 / fsync time. Reads use a small pool of read-only connections; WAL lets them run
// beside the writer.
#pragma once

#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "store/call_store.h"
#include "store/sqlite_db.h"

namespace scamguard::store {

struct SqliteOptions {
  std::string path;             // the database file; created when missing
  size_t max_batch = 1024;      // writes per commit at most
  size_t read_connections = 8;  // pooled read-only connections kept open
};

class SqliteCallStore final : public CallStore {
 public:
  // Opens (or creates) the database, refuses one whose call schema is newer than this binary
  // (kConfig, file unchanged), migrates older ones, and starts the writer thread.
  static Result<std::unique_ptr<SqliteCallStore>> open(const SqliteOptions& options);

  ~SqliteCallStore() override;  // drains the queue, then stops the writer

  Status create_call(const NewCall& call) override;
  Status append_step(const CallStep& step) override;
  Status close_call(const CloseCall& close) override;
  Result<CallRecord> load_call(const std::string& id) const override;
  Result<std::vector<CallSummary>> list_calls(const CallQuery& query) const override;
  Result<std::vector<CallRecord>> load_open_calls() const override;
  StoreStats stats() const override;

 private:
  struct Writer;  // the writer connection and its prepared statements
  struct PendingWrite;

  explicit SqliteCallStore(SqliteOptions options);
  Status submit(std::function<Status(Writer&)> write);
  void writer_loop();

  Result<SqliteDb*> acquire_reader(std::unique_ptr<SqliteDb>& holder) const;
  void release_reader(std::unique_ptr<SqliteDb> db) const;
  Result<CallRecord> load_call_with(SqliteDb& db, const std::string& id) const;

  SqliteOptions options_;
  std::unique_ptr<Writer> writer_;
  std::thread writer_thread_;

  std::mutex queue_mutex_;
  std::condition_variable queue_ready_;
  std::deque<PendingWrite*> queue_;
  bool stopping_ = false;

  mutable std::mutex readers_mutex_;
  mutable std::vector<std::unique_ptr<SqliteDb>> readers_;

  mutable std::mutex stats_mutex_;
  mutable StoreStats stats_;
};

}  // namespace scamguard::store
