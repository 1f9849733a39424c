#include "store/pg_call_store.h"

#include <poll.h>
#include <pthread.h>

#include <chrono>

#include "store/schemas.h"

namespace scamguard::store {

Result<std::unique_ptr<PgCallStore>> PgCallStore::open(const PgOptions& options) {
  std::unique_ptr<PgCallStore> store(new PgCallStore(options));
  Result<PgPool::Lease> conn = store->pool_.acquire();
  if (!conn) return Unexpected{conn.error()};
  PgMigrationTarget target(**conn);
  if (Status migrated = migrate_schema(target, kPgCallSchema); !migrated) {
    return Unexpected{migrated.error()};
  }
  return store;
}

PgCallStore::~PgCallStore() {
  stopping_ = true;
  if (listener_.joinable()) listener_.join();
}

Result<int> PgCallStore::write(const char* name, const char* sql, const PgParams& params) {
  Result<PgPool::Lease> conn = pool_.acquire();
  if (!conn) {
    ++errors_;
    return Unexpected{conn.error()};
  }
  Result<PgResult> result = (*conn)->exec_prepared(name, sql, params);
  if (!result) {
    ++errors_;
    Error error = result.error();
    if (error.code != ErrorCode::kInvalidInput) error.code = ErrorCode::kUnavailable;
    return Unexpected{error};
  }
  const int code = static_cast<int>(result->integer(0, 0));
  if (code == 0) ++commits_;  // refusals (0 rows changed) are not writes
  return code;
}

Status PgCallStore::answer(const std::string& id, Result<int> code) {
  if (!code) return Unexpected{code.error()};
  if (*code == 0) return {};
  return unchanged_call_error(id, *code != 1, *code == 3);
}

Status PgCallStore::create_call(const NewCall& call) {
  PgParams params;
  params.add(call.id)
      .add(call.setup_json)
      .add(call.at)
      .add(call.verdict.action)
      .add(call.verdict.score)
      .add(call.verdict.seq)
      .add(call.verdict.turn)
      .add(call.verdict.at)
      .add(call.verdict.action)
      .add(call.verdict.score)
      .add(call.verdict.findings_json)
      .add(call.setup_traffic);
  Result<int> code = write("create_call",
                           "SELECT scamguard_create_call($1, $2, $3, $4, $5, $6, $7, $8, $9, "
                           "$10, $11, $12)",
                           params);
  if (code && *code == 1) {
    return make_error(ErrorCode::kInvalidInput, "call '" + call.id + "' already exists");
  }
  return answer(call.id, code);
}

Status PgCallStore::append_step(const CallStep& step) {
  PgParams params;
  params.add(step.call_id)
      .add(step_seq(step))
      .add(step.turn    ? step.turn->at
           : step.event ? step.event->at
                        : 0)
      .add(step.action)
      .add(step.score);
  if (step.turn) {
    params.add(step.turn->index).add(step.turn->speaker).add(step.turn->text);
  } else {
    params.add_null().add_null().add_null();
  }
  if (step.event) {
    params.add(step.event->after_turn).add(step.event->type).add(step.event->app);
  } else {
    params.add_null().add_null().add_null();
  }
  if (step.verdict) {
    params.add(step.verdict->turn)
        .add(step.verdict->at)
        .add(step.verdict->action)
        .add(step.verdict->score)
        .add(step.verdict->findings_json);
  } else {
    params.add_null().add_null().add_null().add_null().add_null();
  }
  return answer(step.call_id,
                write("append_step",
                      "SELECT scamguard_append_step($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, "
                      "$11, $12, $13, $14, $15, $16)",
                      params));
}

Status PgCallStore::close_call(const CloseCall& close) {
  PgParams params;
  params.add(close.call_id)
      .add(close.at)
      .add(close.reason)
      .add(close.action)
      .add(close.score)
      .add(close.next_seq)
      .add(close.idle_before);
  return answer(
      close.call_id,
      write("close_call", "SELECT scamguard_close_call($1, $2, $3, $4, $5, $6, $7)", params));
}

namespace {

CallSummary summary_from(const PgResult& rows, int row) {
  CallSummary summary;
  summary.id = rows.text(row, 0);
  summary.state = rows.text(row, 1) == "open" ? CallState::kOpen : CallState::kClosed;
  summary.close_reason = rows.text(row, 2);
  summary.opened_at = rows.integer(row, 3);
  summary.updated_at = rows.integer(row, 4);
  if (!rows.is_null(row, 5)) summary.closed_at = rows.integer(row, 5);
  summary.action = rows.text(row, 6);
  summary.score = rows.number(row, 7);
  summary.turn_count = static_cast<int>(rows.integer(row, 8));
  summary.event_count = static_cast<int>(rows.integer(row, 9));
  summary.row = rows.integer(row, 10);
  return summary;
}

// The call and its rows, on a connection inside one snapshot.
Result<CallRecord> load_with(PgConnection& conn, const std::string& id) {
  const PgParams key = PgParams().add(id);
  Result<PgResult> call =
      conn.exec_prepared("load_call",
                         std::string("SELECT ") + kCallSummaryColumns +
                             ", setup_json, setup_traffic FROM calls WHERE id = $1",
                         key);
  if (!call) return Unexpected{call.error()};
  if (call->rows() == 0) return make_error(ErrorCode::kNotFound, "no call with id '" + id + "'");
  CallRecord record;
  record.summary = summary_from(*call, 0);
  record.setup_json = call->text(0, 11);
  record.setup_traffic = call->text(0, 12);
  Result<PgResult> turns = conn.exec_prepared(
      "load_turns",
      "SELECT idx, seq, at, speaker, text FROM call_turns WHERE call_id = $1 ORDER BY idx", key);
  if (!turns) return Unexpected{turns.error()};
  for (int r = 0; r < turns->rows(); ++r) {
    record.turns.push_back({static_cast<int>(turns->integer(r, 0)),
                            static_cast<int>(turns->integer(r, 1)), turns->integer(r, 2),
                            turns->text(r, 3), turns->text(r, 4)});
  }
  Result<PgResult> events = conn.exec_prepared(
      "load_events",
      "SELECT seq, after_turn, at, type, app FROM call_events WHERE call_id = $1 ORDER BY seq",
      key);
  if (!events) return Unexpected{events.error()};
  for (int r = 0; r < events->rows(); ++r) {
    record.events.push_back({static_cast<int>(events->integer(r, 0)),
                             static_cast<int>(events->integer(r, 1)), events->integer(r, 2),
                             events->text(r, 3), events->text(r, 4)});
  }
  Result<PgResult> verdicts = conn.exec_prepared(
      "load_verdicts",
      "SELECT seq, turn, at, action, score, findings_json FROM call_verdicts WHERE call_id = $1 "
      "ORDER BY seq",
      key);
  if (!verdicts) return Unexpected{verdicts.error()};
  for (int r = 0; r < verdicts->rows(); ++r) {
    record.verdicts.push_back({static_cast<int>(verdicts->integer(r, 0)),
                               static_cast<int>(verdicts->integer(r, 1)), verdicts->integer(r, 2),
                               verdicts->text(r, 3), verdicts->number(r, 4), verdicts->text(r, 5)});
  }
  return record;
}

}  // namespace

Result<CallRecord> PgCallStore::load_call(const std::string& id) const {
  Result<PgPool::Lease> conn = pool_.acquire();
  if (!conn) {
    ++errors_;
    return Unexpected{conn.error()};
  }
  Status begun = (*conn)->exec_script("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
  Result<CallRecord> record =
      begun ? load_with(**conn, id) : Result<CallRecord>(Unexpected{begun.error()});
  (void)(*conn)->exec_script(begun ? "COMMIT" : "ROLLBACK");
  if (!record && record.error().code != ErrorCode::kNotFound) ++errors_;
  return record;
}

Result<std::vector<CallSummary>> PgCallStore::list_calls(const CallQuery& query) const {
  Result<PgPool::Lease> conn = pool_.acquire();
  if (!conn) {
    ++errors_;
    return Unexpected{conn.error()};
  }
  const CallFilter filter = call_filter(query, '$');
  PgParams params;
  for (const auto& value : filter.values) {
    if (const auto* text = std::get_if<std::string>(&value)) {
      params.add(std::string_view(*text));
    } else {
      params.add(std::get<int64_t>(value));
    }
  }
  params.add(static_cast<int64_t>(query.limit));
  Result<PgResult> rows =
      (*conn)->exec(std::string("SELECT ") + kCallSummaryColumns + " FROM calls" + filter.where +
                        " ORDER BY row DESC LIMIT $" + std::to_string(params.size()),
                    params);
  if (!rows) {
    ++errors_;
    return Unexpected{rows.error()};
  }
  std::vector<CallSummary> calls;
  for (int r = 0; r < rows->rows(); ++r) calls.push_back(summary_from(*rows, r));
  return calls;
}

Result<std::vector<CallRecord>> PgCallStore::load_open_calls() const {
  Result<PgPool::Lease> conn = pool_.acquire();
  if (!conn) return Unexpected{conn.error()};
  Result<PgResult> ids = (*conn)->exec("SELECT id FROM calls WHERE state = 'open' ORDER BY row");
  if (!ids) return Unexpected{ids.error()};
  std::vector<CallRecord> records;
  for (int r = 0; r < ids->rows(); ++r) {
    Result<CallRecord> record = load_with(**conn, ids->text(r, 0));
    if (!record) return Unexpected{record.error()};
    records.push_back(std::move(*record));
  }
  return records;
}

StoreStats PgCallStore::stats() const {
  // Each committed write is its own transaction.
  return {commits_.load(), commits_.load(), errors_.load()};
}

Status PgCallStore::watch(ChangeHandler handler) {
  // The first connection is made here, so a bad URL fails the start rather than the thread.
  Result<std::unique_ptr<PgConnection>> first = PgConnection::connect(pool_.url());
  if (!first) return Unexpected{first.error()};
  if (Status listening = (*first)->exec_script("LISTEN scamguard_calls"); !listening) {
    return listening;
  }
  listener_ = std::thread([this, handler = std::move(handler),
                           conn = std::shared_ptr<PgConnection>(std::move(*first))]() mutable {
    pthread_setname_np(pthread_self(), "sg-store-listen");
    std::shared_ptr<PgConnection> current = std::move(conn);
    while (!stopping_) {
      if (!current || current->broken()) {
        current.reset();
        std::this_thread::sleep_for(std::chrono::milliseconds(500));
        Result<std::unique_ptr<PgConnection>> again = PgConnection::connect(pool_.url());
        if (!again || !(*again)->exec_script("LISTEN scamguard_calls")) continue;
        current = std::move(*again);
        handler("", kClosedSeq);  // notifications may have been missed: everything is stale
      }
      pollfd fd{PQsocket(current->handle()), POLLIN, 0};
      if (::poll(&fd, 1, 250) <= 0) continue;
      if (!PQconsumeInput(current->handle())) continue;  // broken: reconnect next round
      while (PGnotify* note = PQnotifies(current->handle())) {
        const std::string payload = note->extra;
        PQfreemem(note);
        const size_t space = payload.rfind(' ');
        if (space == std::string::npos) continue;
        handler(payload.substr(0, space), std::atoi(payload.c_str() + space + 1));
      }
    }
  });
  return {};
}

}  // namespace scamguard::store
