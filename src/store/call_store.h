// The call store: every call the daemon has seen, with its set-up, turns, device events and
// each change of verdict. The daemon acknowledges a request only after the store says the
// write is durable, so "2xx" means "on disk" (issue 4).
//
// Records carry JSON text for the set-up and the findings rather than columns per field: the
// wire format is the shared corpus format, which gains optional fields over time, and the
// store must keep what it was given without a migration for each new field.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "scamguard/error.h"

namespace scamguard::store {

// Milliseconds since the Unix epoch (UTC).
using TimestampMs = int64_t;

enum class CallState : uint8_t { kOpen, kClosed };
const char* to_string(CallState state) noexcept;

// One verdict change: written when a call opens and whenever its action or its findings change.
struct VerdictChange {
  int seq = 0;    // per-call event sequence number that caused it (0: the set-up)
  int turn = -1;  // turn count - 1 when it happened (-1: before the first turn)
  TimestampMs at = 0;
  std::string action;  // "allow", "warn", "block"
  double score = 0.0;
  std::string findings_json;  // JSON array, as the API shows it
};

struct TurnRecord {
  int index = 0;  // 0-based turn index within the call
  int seq = 0;    // per-call event sequence number (turns and device events share it)
  TimestampMs at = 0;
  std::string speaker;  // wire name: "remote", "user", "unknown"
  std::string text;
};

struct DeviceEventRecord {
  int seq = 0;
  int after_turn = -1;
  TimestampMs at = 0;
  std::string type;  // wire name, e.g. "app_started"
  std::string app;
};

// The summary row of a call, enough to list calls and to reopen them.
struct CallSummary {
  std::string id;
  CallState state = CallState::kOpen;
  std::string close_reason;  // empty while open
  TimestampMs opened_at = 0;
  TimestampMs updated_at = 0;
  std::optional<TimestampMs> closed_at;
  std::string action;  // the latest verdict's action
  double score = 0.0;
  int turn_count = 0;
  int event_count = 0;
  int64_t row = 0;  // insertion order; the paging cursor
};

struct CallRecord {
  CallSummary summary;
  std::string setup_json;     // the set-up object as received (normalised JSON)
  std::string setup_traffic;  // what the set-up saw of the traffic state (CallSession)
  std::vector<TurnRecord> turns;
  std::vector<DeviceEventRecord> events;
  std::vector<VerdictChange> verdicts;
};

// What a new call writes: the summary and the first verdict.
struct NewCall {
  std::string id;
  std::string setup_json;
  TimestampMs at = 0;
  VerdictChange verdict;
  std::string setup_traffic{};  // CallSession::setup_traffic(), replayed on a rebuild
};

// One step of a call: a turn or a device event, the summary update it causes and, when the
// verdict changed, the new verdict. Written atomically, and only if the step's seq is the
// call's next one (turn_count + event_count + 1): otherwise another node wrote first and the
// write is refused with kConflict.
struct CallStep {
  std::string call_id;
  std::optional<TurnRecord> turn;
  std::optional<DeviceEventRecord> event;
  std::optional<VerdictChange> verdict;  // only when the action or findings changed
  std::string action;                    // the verdict's action after the step
  double score = 0.0;
};

struct CloseCall {
  std::string call_id;
  TimestampMs at = 0;
  std::string reason;
  std::string action;
  double score = 0.0;
  // Conditions, each refused with kConflict when not met: the call's next seq is still this
  // one (nobody added a step the closer has not seen); it was last updated before this time
  // (an idle close that a new turn on another node overtook).
  std::optional<int> next_seq{};
  std::optional<TimestampMs> idle_before{};
};

struct CallQuery {
  std::optional<CallState> state;
  std::optional<std::string> action;          // latest action
  std::optional<TimestampMs> since;           // updated at or after
  std::optional<TimestampMs> updated_before;  // updated strictly before
  std::optional<int64_t> before_row;          // paging: rows strictly before this one
  int limit = 50;
};

// Counters for metrics.
struct StoreStats {
  uint64_t commits = 0;
  uint64_t writes = 0;  // individual writes committed
  uint64_t errors = 0;  // writes or reads that failed
};

// Called after a node committed a change to a call: the step's seq, or kClosedSeq.
inline constexpr int kClosedSeq = -1;
using ChangeHandler = std::function<void(const std::string& call_id, int seq)>;

// Thread safety: every method may be called from any thread at once. Writes block until they
// are durable (or failed); a failed write changes nothing.
class CallStore {
 public:
  virtual ~CallStore() = default;

  // Whether other daemons write to this store too (PostgreSQL): calls may then change
  // without this process knowing, and watch() reports it.
  virtual bool shared() const { return false; }
  // Shared stores: starts calling `handler` (from a store thread) for every change any node
  // commits, this one's included. Call once, before serving. Others: does nothing.
  virtual Status watch(ChangeHandler handler) {
    (void)handler;
    return {};
  }

  // kInvalidInput with "call ... already exists" when the id is taken.
  virtual Status create_call(const NewCall& call) = 0;
  // kNotFound when the call does not exist; kInvalidInput when it is closed; kConflict when
  // another writer added a step first (see CallStep, CloseCall).
  virtual Status append_step(const CallStep& step) = 0;
  virtual Status close_call(const CloseCall& close) = 0;

  // kNotFound when there is no such call.
  virtual Result<CallRecord> load_call(const std::string& id) const = 0;
  virtual Result<std::vector<CallSummary>> list_calls(const CallQuery& query) const = 0;
  // Every call still open, oldest first, with its full record (for rebuilding sessions).
  virtual Result<std::vector<CallRecord>> load_open_calls() const = 0;

  virtual StoreStats stats() const = 0;
};

// The columns of a CallSummary, in the order both backends read them.
inline constexpr const char* kCallSummaryColumns =
    "id, state, close_reason, opened_at, updated_at, closed_at, action, score, turn_count, "
    "event_count, row";

// The WHERE clause of a query with only the filters it sets (so the database can use its
// indexes), parameters numbered from 1 with `marker` ('?' for SQLite, '$' for PostgreSQL),
// and the values to bind in that order; the LIMIT is parameter values.size() + 1.
struct CallFilter {
  std::string where;
  std::vector<std::variant<std::string, int64_t>> values;
};
CallFilter call_filter(const CallQuery& query, char marker);

// Shared by the backends: the seq a step writes; the error for a conditional write that
// changed nothing (kNotFound, kInvalidInput "closed", or kConflict).
int step_seq(const CallStep& step) noexcept;
Unexpected unchanged_call_error(const std::string& id, bool exists, bool open);

}  // namespace scamguard::store
