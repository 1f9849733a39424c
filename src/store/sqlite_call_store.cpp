#include "store/sqlite_call_store.h"

#include <pthread.h>

#include <utility>

#include "store/schemas.h"

namespace scamguard::store {

struct SqliteCallStore::PendingWrite {
  std::function<Status(Writer&)> apply;
  Status result;
  bool done = false;
  std::mutex mutex;
  std::condition_variable cv;
};

struct SqliteCallStore::Writer {
  SqliteDb db;
  SqliteStatement insert_call, insert_turn, insert_event, insert_verdict, update_summary,
      close_call, call_state, savepoint, release, rollback_to, begin, commit, rollback;

  Status prepare_all() {
    struct Item {
      SqliteStatement* statement;
      const char* sql;
    };
    const Item items[] = {
        {&insert_call,
         "INSERT INTO calls (id, state, setup_json, opened_at, updated_at, action, score, "
         "setup_traffic) VALUES (?1, 'open', ?2, ?3, ?3, ?4, ?5, ?6)"},
        {&insert_turn,
         "INSERT INTO call_turns (call_id, idx, seq, at, speaker, text) "
         "VALUES (?1, ?2, ?3, ?4, ?5, ?6)"},
        {&insert_event,
         "INSERT INTO call_events (call_id, seq, after_turn, at, type, app) "
         "VALUES (?1, ?2, ?3, ?4, ?5, ?6)"},
        {&insert_verdict,
         "INSERT INTO call_verdicts (call_id, seq, turn, at, action, score, findings_json) "
         "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)"},
        {&update_summary,
         "UPDATE calls SET updated_at = ?2, action = ?3, score = ?4, "
         "turn_count = turn_count + ?5, event_count = event_count + ?6 "
         "WHERE id = ?1 AND state = 'open' AND turn_count + event_count + 1 = ?7"},
        {&close_call,
         "UPDATE calls SET state = 'closed', close_reason = ?2, closed_at = ?3, updated_at = ?3, "
         "action = ?4, score = ?5 WHERE id = ?1 AND state = 'open' "
         "AND (?6 IS NULL OR turn_count + event_count + 1 = ?6) "
         "AND (?7 IS NULL OR updated_at < ?7)"},
        {&call_state, "SELECT state FROM calls WHERE id = ?1"},
        {&savepoint, "SAVEPOINT write"},
        {&release, "RELEASE write"},
        {&rollback_to, "ROLLBACK TO write"},
        {&begin, "BEGIN IMMEDIATE"},
        {&commit, "COMMIT"},
        {&rollback, "ROLLBACK"},
    };
    for (const Item& item : items) {
      Result<SqliteStatement> prepared = db.prepare(item.sql);
      if (!prepared) return Unexpected{prepared.error()};
      *item.statement = std::move(*prepared);
    }
    return {};
  }

  // Why a conditional update of an open call touched nothing.
  Unexpected why_unchanged(const std::string& id) {
    call_state.bind(1, id);
    Result<bool> row = call_state.step();
    const bool exists = row && *row;
    const bool open = exists && call_state.column_text(0) == "open";
    call_state.reset();
    return unchanged_call_error(id, exists, open);
  }

  Status insert_verdict_row(const std::string& id, const VerdictChange& verdict) {
    return insert_verdict.bind(1, id)
        .bind(2, verdict.seq)
        .bind(3, verdict.turn)
        .bind(4, verdict.at)
        .bind(5, verdict.action)
        .bind(6, verdict.score)
        .bind(7, verdict.findings_json)
        .run();
  }
};

SqliteCallStore::SqliteCallStore(SqliteOptions options) : options_(std::move(options)) {}

Result<std::unique_ptr<SqliteCallStore>> SqliteCallStore::open(const SqliteOptions& options) {
  if (options.path.empty()) return make_error(ErrorCode::kConfig, "database path is empty");
  Result<SqliteDb> db = SqliteDb::open(
      options.path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX);
  if (!db) return Unexpected{db.error()};
  // The version check comes before any pragma that writes (journal_mode rewrites the header),
  // so a newer database is refused untouched.
  SqliteMigrationTarget target(*db);
  if (Status checked = check_schema(target, kSqliteCallSchema); !checked) {
    return Unexpected{checked.error()};
  }
  for (const char* pragma :
       {"PRAGMA journal_mode = WAL", "PRAGMA synchronous = FULL", "PRAGMA foreign_keys = ON"}) {
    if (Status applied = db->exec(pragma); !applied) return Unexpected{applied.error()};
  }
  if (Status migrated = migrate_schema(target, kSqliteCallSchema); !migrated) {
    return Unexpected{migrated.error()};
  }

  std::unique_ptr<SqliteCallStore> store(new SqliteCallStore(options));
  store->writer_ = std::make_unique<Writer>();
  store->writer_->db = std::move(*db);
  if (Status prepared = store->writer_->prepare_all(); !prepared) {
    return Unexpected{prepared.error()};
  }
  store->writer_thread_ = std::thread([raw = store.get()] { raw->writer_loop(); });
  return store;
}

SqliteCallStore::~SqliteCallStore() {
  {
    std::lock_guard lock(queue_mutex_);
    stopping_ = true;
  }
  queue_ready_.notify_all();
  if (writer_thread_.joinable()) writer_thread_.join();
}

Status SqliteCallStore::submit(std::function<Status(Writer&)> write) {
  PendingWrite pending;
  pending.apply = std::move(write);
  {
    std::lock_guard lock(queue_mutex_);
    if (stopping_) return make_error(ErrorCode::kUnavailable, "the call store is shutting down");
    queue_.push_back(&pending);
  }
  queue_ready_.notify_one();
  std::unique_lock lock(pending.mutex);
  pending.cv.wait(lock, [&] { return pending.done; });
  return pending.result;
}

void SqliteCallStore::writer_loop() {
  pthread_setname_np(pthread_self(), "sg-store-write");  // visible in top -H and perf
  std::vector<PendingWrite*> batch;
  for (;;) {
    {
      std::unique_lock lock(queue_mutex_);
      queue_ready_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
      if (queue_.empty()) return;  // stopping, and everything queued has been written
      while (!queue_.empty() && batch.size() < options_.max_batch) {
        batch.push_back(queue_.front());
        queue_.pop_front();
      }
    }
    Writer& writer = *writer_;
    Status begun = writer.begin.run();
    size_t applied = 0;
    if (begun) {
      for (PendingWrite* write : batch) {
        (void)writer.savepoint.run();
        write->result = write->apply(writer);
        if (write->result) {
          ++applied;
        } else {
          (void)writer.rollback_to.run();
        }
        (void)writer.release.run();
      }
    }
    Status committed = begun ? writer.commit.run() : begun;
    if (!committed) {
      (void)writer.rollback.run();
      Error error = committed.error();
      error.code = ErrorCode::kUnavailable;
      error.message = "the call store could not commit: " + error.message;
      for (PendingWrite* write : batch) {
        if (write->result) write->result = Unexpected{error};
      }
      applied = 0;
    }
    {
      std::lock_guard lock(stats_mutex_);
      if (committed) ++stats_.commits;
      stats_.writes += applied;
      for (PendingWrite* write : batch) {
        if (!write->result && write->result.error().code == ErrorCode::kUnavailable)
          ++stats_.errors;
      }
    }
    for (PendingWrite* write : batch) {
      std::lock_guard lock(write->mutex);
      write->done = true;
      write->cv.notify_one();
    }
    batch.clear();
  }
}

Status SqliteCallStore::create_call(const NewCall& call) {
  return submit([&call](Writer& writer) -> Status {
    Status inserted = writer.insert_call.bind(1, call.id)
                          .bind(2, call.setup_json)
                          .bind(3, call.at)
                          .bind(4, call.verdict.action)
                          .bind(5, call.verdict.score)
                          .bind(6, call.setup_traffic)
                          .run();
    if (!inserted) {
      if (inserted.error().code == ErrorCode::kInvalidInput) {
        return make_error(ErrorCode::kInvalidInput, "call '" + call.id + "' already exists");
      }
      return inserted;
    }
    return writer.insert_verdict_row(call.id, call.verdict);
  });
}

Status SqliteCallStore::append_step(const CallStep& step) {
  return submit([&step](Writer& writer) -> Status {
    Status updated = writer.update_summary.bind(1, step.call_id)
                         .bind(2, step.turn    ? step.turn->at
                                  : step.event ? step.event->at
                                               : 0)
                         .bind(3, step.action)
                         .bind(4, step.score)
                         .bind(5, step.turn ? 1 : 0)
                         .bind(6, step.event ? 1 : 0)
                         .bind(7, step_seq(step))
                         .run();
    if (!updated) return updated;
    if (writer.db.changes() == 0) return writer.why_unchanged(step.call_id);
    if (step.turn) {
      const TurnRecord& turn = *step.turn;
      Status inserted = writer.insert_turn.bind(1, step.call_id)
                            .bind(2, turn.index)
                            .bind(3, turn.seq)
                            .bind(4, turn.at)
                            .bind(5, turn.speaker)
                            .bind(6, turn.text)
                            .run();
      if (!inserted) return inserted;
    }
    if (step.event) {
      const DeviceEventRecord& event = *step.event;
      Status inserted = writer.insert_event.bind(1, step.call_id)
                            .bind(2, event.seq)
                            .bind(3, event.after_turn)
                            .bind(4, event.at)
                            .bind(5, event.type)
                            .bind(6, event.app)
                            .run();
      if (!inserted) return inserted;
    }
    if (step.verdict) return writer.insert_verdict_row(step.call_id, *step.verdict);
    return {};
  });
}

Status SqliteCallStore::close_call(const CloseCall& close) {
  return submit([&close](Writer& writer) -> Status {
    writer.close_call.bind(1, close.call_id)
        .bind(2, close.reason)
        .bind(3, close.at)
        .bind(4, close.action)
        .bind(5, close.score);
    if (close.next_seq) {
      writer.close_call.bind(6, *close.next_seq);
    } else {
      writer.close_call.bind_null(6);
    }
    if (close.idle_before) {
      writer.close_call.bind(7, *close.idle_before);
    } else {
      writer.close_call.bind_null(7);
    }
    Status updated = writer.close_call.run();
    if (!updated) return updated;
    if (writer.db.changes() == 0) return writer.why_unchanged(close.call_id);
    return {};
  });
}

Result<SqliteDb*> SqliteCallStore::acquire_reader(std::unique_ptr<SqliteDb>& holder) const {
  {
    std::lock_guard lock(readers_mutex_);
    if (!readers_.empty()) {
      holder = std::move(readers_.back());
      readers_.pop_back();
      return holder.get();
    }
  }
  Result<SqliteDb> db = SqliteDb::open(options_.path, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX);
  if (!db) return Unexpected{db.error()};
  holder = std::make_unique<SqliteDb>(std::move(*db));
  return holder.get();
}

void SqliteCallStore::release_reader(std::unique_ptr<SqliteDb> db) const {
  std::lock_guard lock(readers_mutex_);
  if (readers_.size() < options_.read_connections) readers_.push_back(std::move(db));
}

namespace {

CallSummary summary_from(const SqliteStatement& row) {
  CallSummary summary;
  summary.id = row.column_text(0);
  summary.state = row.column_text(1) == "open" ? CallState::kOpen : CallState::kClosed;
  summary.close_reason = row.column_text(2);
  summary.opened_at = row.column_int(3);
  summary.updated_at = row.column_int(4);
  if (!row.column_is_null(5)) summary.closed_at = row.column_int(5);
  summary.action = row.column_text(6);
  summary.score = row.column_double(7);
  summary.turn_count = static_cast<int>(row.column_int(8));
  summary.event_count = static_cast<int>(row.column_int(9));
  summary.row = row.column_int(10);
  return summary;
}

}  // namespace

Result<CallRecord> SqliteCallStore::load_call_with(SqliteDb& db, const std::string& id) const {
  CallRecord record;
  {
    Result<SqliteStatement> call =
        db.prepare(std::string("SELECT ") + kCallSummaryColumns +
                   ", setup_json, setup_traffic FROM calls WHERE id = ?1");
    if (!call) return Unexpected{call.error()};
    call->bind(1, id);
    Result<bool> row = call->step();
    if (!row) return Unexpected{row.error()};
    if (!*row) return make_error(ErrorCode::kNotFound, "no call with id '" + id + "'");
    record.summary = summary_from(*call);
    record.setup_json = call->column_text(11);
    record.setup_traffic = call->column_text(12);
  }
  Result<SqliteStatement> turns = db.prepare(
      "SELECT idx, seq, at, speaker, text FROM call_turns WHERE call_id = ?1 ORDER BY idx");
  if (!turns) return Unexpected{turns.error()};
  turns->bind(1, id);
  for (;;) {
    Result<bool> row = turns->step();
    if (!row) return Unexpected{row.error()};
    if (!*row) break;
    record.turns.push_back({static_cast<int>(turns->column_int(0)),
                            static_cast<int>(turns->column_int(1)), turns->column_int(2),
                            turns->column_text(3), turns->column_text(4)});
  }
  Result<SqliteStatement> events = db.prepare(
      "SELECT seq, after_turn, at, type, app FROM call_events WHERE call_id = ?1 ORDER BY seq");
  if (!events) return Unexpected{events.error()};
  events->bind(1, id);
  for (;;) {
    Result<bool> row = events->step();
    if (!row) return Unexpected{row.error()};
    if (!*row) break;
    record.events.push_back({static_cast<int>(events->column_int(0)),
                             static_cast<int>(events->column_int(1)), events->column_int(2),
                             events->column_text(3), events->column_text(4)});
  }
  Result<SqliteStatement> verdicts = db.prepare(
      "SELECT seq, turn, at, action, score, findings_json FROM call_verdicts WHERE call_id = ?1 "
      "ORDER BY seq");
  if (!verdicts) return Unexpected{verdicts.error()};
  verdicts->bind(1, id);
  for (;;) {
    Result<bool> row = verdicts->step();
    if (!row) return Unexpected{row.error()};
    if (!*row) break;
    record.verdicts.push_back({static_cast<int>(verdicts->column_int(0)),
                               static_cast<int>(verdicts->column_int(1)), verdicts->column_int(2),
                               verdicts->column_text(3), verdicts->column_double(4),
                               verdicts->column_text(5)});
  }
  return record;
}

namespace {
// Counts a failed read as a store error, then passes it on.
template <class T>
Result<T> counted(Result<T> result, std::mutex& mutex, StoreStats& stats) {
  if (!result && result.error().code != ErrorCode::kNotFound) {
    std::lock_guard lock(mutex);
    ++stats.errors;
  }
  return result;
}
}  // namespace

Result<CallRecord> SqliteCallStore::load_call(const std::string& id) const {
  std::unique_ptr<SqliteDb> holder;
  Result<SqliteDb*> db = acquire_reader(holder);
  if (!db) return counted<CallRecord>(Unexpected{db.error()}, stats_mutex_, stats_);
  // One read transaction, so the call and its rows are one consistent snapshot.
  (void)(*db)->exec("BEGIN");
  Result<CallRecord> record = load_call_with(**db, id);
  (void)(*db)->exec("COMMIT");
  release_reader(std::move(holder));
  return counted(std::move(record), stats_mutex_, stats_);
}

Result<std::vector<CallSummary>> SqliteCallStore::list_calls(const CallQuery& query) const {
  std::unique_ptr<SqliteDb> holder;
  Result<SqliteDb*> db = acquire_reader(holder);
  if (!db) return counted<std::vector<CallSummary>>(Unexpected{db.error()}, stats_mutex_, stats_);
  const CallFilter filter = call_filter(query, '?');
  Result<SqliteStatement> statement =
      (*db)->prepare(std::string("SELECT ") + kCallSummaryColumns + " FROM calls" + filter.where +
                     " ORDER BY row DESC LIMIT ?" + std::to_string(filter.values.size() + 1));
  if (!statement) {
    return counted<std::vector<CallSummary>>(Unexpected{statement.error()}, stats_mutex_, stats_);
  }
  int index = 1;
  for (const auto& value : filter.values) {
    if (const auto* text = std::get_if<std::string>(&value)) {
      statement->bind(index++, std::string_view(*text));
    } else {
      statement->bind(index++, std::get<int64_t>(value));
    }
  }
  statement->bind(index, static_cast<int64_t>(query.limit));
  std::vector<CallSummary> calls;
  for (;;) {
    Result<bool> row = statement->step();
    if (!row) {
      return counted<std::vector<CallSummary>>(Unexpected{row.error()}, stats_mutex_, stats_);
    }
    if (!*row) break;
    calls.push_back(summary_from(*statement));
  }
  statement = Result<SqliteStatement>(SqliteStatement{});
  release_reader(std::move(holder));
  return calls;
}

Result<std::vector<CallRecord>> SqliteCallStore::load_open_calls() const {
  std::unique_ptr<SqliteDb> holder;
  Result<SqliteDb*> db = acquire_reader(holder);
  if (!db) return counted<std::vector<CallRecord>>(Unexpected{db.error()}, stats_mutex_, stats_);
  std::vector<std::string> ids;
  {
    Result<SqliteStatement> open =
        (*db)->prepare("SELECT id FROM calls WHERE state = 'open' ORDER BY row");
    if (!open) return Unexpected{open.error()};
    for (;;) {
      Result<bool> row = open->step();
      if (!row) return Unexpected{row.error()};
      if (!*row) break;
      ids.push_back(open->column_text(0));
    }
  }
  std::vector<CallRecord> records;
  for (const std::string& id : ids) {
    Result<CallRecord> record = load_call_with(**db, id);
    if (!record)
      return counted<std::vector<CallRecord>>(Unexpected{record.error()}, stats_mutex_, stats_);
    records.push_back(std::move(*record));
  }
  release_reader(std::move(holder));
  return records;
}

StoreStats SqliteCallStore::stats() const {
  std::lock_guard lock(stats_mutex_);
  return stats_;
}

}  // namespace scamguard::store
