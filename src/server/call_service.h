// The call operations behind the HTTP routes, free of HTTP: open a call, add a turn or a
// device event, close it, restore open calls after a restart, close idle ones. Each write is
// acknowledged only after the store committed it; bad input is refused before anything
// changes, in memory or on disk.
#pragma once

#include <memory>
#include <optional>
#include <string>

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

  // Closes open calls idle for longer than the configured timeout; returns how many.
  size_t close_idle_calls(int64_t now_ms);

  // The live call, or a 404 / 409 error naming why it is not live.
  Outcome<std::shared_ptr<LiveCall>> live_call(const std::string& id) const;

 private:
  // Replays a stored call into a fresh session. `call` must be locked by the caller.
  Status rebuild(LiveCall& call);
  Outcome<CallView> close_locked(LiveCall& call, const std::string& reason);
  // Hands a call just closed to the campaign tracker. Never fails the close: errors are
  // logged and counted (scamguard_store_errors_total).
  void feed_campaigns(const std::string& id);

  ServerContext& context_;
};

}  // namespace scamguard::server
