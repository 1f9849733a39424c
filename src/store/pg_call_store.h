// The PostgreSQL call store: one database shared by every scamguardd node.
//
// Each write is one statement (a PL/pgSQL function from the schema, store/pg_schemas.cpp) in
// its own transaction, committed with synchronous_commit before it returns: "2xx" means the
// write is in PostgreSQL's WAL on disk. PostgreSQL groups concurrent commits into one WAL
// flush by itself, so writers need no queue of their own: each takes a pooled connection.
//
// Writes are conditional (CallStep, CloseCall): a node whose copy of a call is behind gets
// kConflict and re-reads. Every committed step and close is announced with NOTIFY; watch()
// LISTENs on its own connection (reconnecting when it drops; a reconnect is reported as a
// change of every call, id "", since notifications may have been missed meanwhile).
#pragma once

#include <atomic>
#include <memory>
#include <string>
#include <thread>

#include "store/call_store.h"
#include "store/pg_db.h"

namespace scamguard::store {

struct PgOptions {
  std::string url;          // postgresql://user:password@host:port/db
  size_t connections = 64;  // pooled connections kept open (scamguardd: a worker each)
};

class PgCallStore final : public CallStore {
 public:
  // Connects, refuses a database whose call schema is newer than this binary (kConfig,
  // nothing changed) and migrates an older one.
  static Result<std::unique_ptr<PgCallStore>> open(const PgOptions& options);
  ~PgCallStore() override;  // stops the listener

  bool shared() const override { return true; }
  Status watch(ChangeHandler handler) override;

  Status create_call(const NewCall& call) override;
  Status append_step(const CallStep& step) override;
  Status close_call(const CloseCall& close) override;
  Result<CallRecord> load_call(const std::string& id) const override;
  Result<std::vector<CallSummary>> list_calls(const CallQuery& query) const override;
  Result<std::vector<CallRecord>> load_open_calls() const override;
  StoreStats stats() const override;

 private:
  explicit PgCallStore(const PgOptions& options) : pool_(options.url, options.connections) {}
  // Runs one write function; its integer answer (0 written) or an error.
  Result<int> write(const char* name, const char* sql, const PgParams& params);
  Status answer(const std::string& id, Result<int> code);
  void listen_loop(ChangeHandler handler);

  mutable PgPool pool_;
  std::thread listener_;
  std::atomic<bool> stopping_{false};
  mutable std::atomic<uint64_t> commits_{0}, errors_{0};
};

}  // namespace scamguard::store
