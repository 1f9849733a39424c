// The call operations behind the HTTP routes, free of HTTP: open a call, add a turn or a
// device event, close it, restore open calls after a restart, close idle ones. Each write is
// acknowledged only after the store committed it; bad input is refused before anything
// changes, in memory or on disk.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "scamguard/events.h"
#include "scamguard/verdict.h"
#include "server/server_context.h"

namespace scamguard::server {

// A refusal as the API reports it: HTTP status, stable code, message naming the problem.
struct ApiError {
  int status = 500;
  std::string code;
  std::string message;
};

template <class T>
struct Outcome {
  std::optional<T> value;
  ApiError error;

  Outcome(T v) : value(std::move(v)) {}         // NOLINT: implicit, like Result
  Outcome(ApiError e) : error(std::move(e)) {}  // NOLINT
  bool ok() const { return value.has_value(); }
};

// From a store or engine Error to the API's view of it.
ApiError api_error(const Error& error);

struct CallView {
  std::string id;
  int turn_index = -1;  // the turn just added (turn routes)
  bool closed = false;
  bool duplicate = false;  // a retried turn that was already stored: nothing was added
  std::string close_reason;
  Verdict verdict;
};

// One step of a stored call scored again: the set-up (turn -1), a turn (its index) or a
// device event (the turn it came after), with the score and action after it.
struct TimelinePoint {
  int seq = 0;
  int turn = -1;
  std::string kind;  // "setup", "turn", "event"
  double score = 0.0;
  Action action = Action::kAllow;
};

struct CallTimeline {
  std::vector<TimelinePoint> points;  // in the order the call received them
  Verdict verdict;                    // after the last step, with its reason
};

class CallService {
 public:
  explicit CallService(ServerContext& context) : context_(context) {}

  Outcome<CallView> open_call(std::optional<std::string> id, const CallSetup& setup,
                              const std::string& setup_json);
  Outcome<CallView> add_turn(const std::string& id, const Turn& turn,
                             std::optional<int> expected_index);
  Outcome<CallView> add_event(const std::string& id, const DeviceEvent& event);
  Outcome<CallView> close_call(const std::string& id, const std::string& reason);

  // A stateless pre-answer verdict: nothing is stored.
  Outcome<Verdict> check(const CallSetup& setup) const;

  // Rebuilds a session for every call the store has open. Returns how many came back; calls
  // that cannot be replayed are closed with reason "restore_failed" and logged.
  Result<size_t> restore_open_calls();

  // Closes open calls no node wrote to for longer than the configured timeout (each exactly
  // once, whichever nodes try); returns how many this call closed.
  size_t close_idle_calls(int64_t now_ms);

  // A stored call replayed through the engine now loaded (the risk-over-call chart): the
  // score after every step, where the stored verdict changes only have the steps that changed
  // the findings. Touches nothing: the set-up is not counted in the traffic state again.
  Result<CallTimeline> replay_timeline(const store::CallRecord& record) const;

  // The live call, or a 404 / 409 error naming why it is not live. A call open in a shared
  // store but not here is taken up from the store.
  Outcome<std::shared_ptr<LiveCall>> live_call(const std::string& id) const;

  // A change some node committed to a call (CallStore::watch): a call live here whose
  // session is behind is read again, so its SSE streams see the new verdict or the close.
  void on_store_change(const std::string& id, int seq);

 private:
  static constexpr int kMaxConflictRetries = 8;

  // One turn or device event: `apply` feeds it to the locked call's session and fills the
  // step's record; the step is written, retried on a fresh session when another node wrote
  // first; `committed` updates the call once it is stored.
  Outcome<CallView> write_step(
      const std::string& id, const char* what,  // "turn" or "event", for the verdict log
      const std::function<Outcome<CallView>(LiveCall&, store::CallStep&, int64_t now)>& apply,
      const std::function<void(LiveCall&)>& committed);
  // Replays a stored call into a fresh session of `call` (locked by the caller, or not yet
  // shared); with `record_changes`, each verdict change of a step the call had not seen is
  // recorded for its streams.
  Status replay_into(LiveCall& call, const store::CallRecord& record,
                     bool record_changes = false) const;
  // Reads the locked call again from the store: a fresh session, or closed if it is.
  Status refresh(LiveCall& call);
  // Closes the locked call in the store (conditions as store::CloseCall) and in memory.
  Status close_locked(LiveCall& call, const std::string& reason,
                      std::optional<int64_t> idle_before);
  void mark_closed(LiveCall& call, const std::string& reason);
  // Hands a call just closed to the campaign tracker. Never fails the close: errors are
  // logged and counted (scamguard_store_errors_total).
  void feed_campaigns(const std::string& id);

  ServerContext& context_;
};

}  // namespace scamguard::server
