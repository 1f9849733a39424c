/// @file session.h
/// One call's scoring state: the events so far, the findings, the stages seen.
///
///   scamguard::CallSession call = engine.open_call();
///   call.on_signalling(setup);
///   for (const scamguard::Turn& turn : live_transcript) {
///     call.on_turn(turn);
///     if (call.verdict().action != scamguard::Action::kAllow) warn_user(call.verdict());
///   }
///
/// Events are applied in the order they arrive, with no look-ahead. `verdict()` returns the
/// verdict cached after the last event, so asking for it after every event costs a copy.
/// A CallSession keeps the Engine's compiled state alive; it is movable, not copyable, and
/// belongs to one thread at a time.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "scamguard/error.h"
#include "scamguard/events.h"
#include "scamguard/export.h"
#include "scamguard/verdict.h"

namespace scamguard {

namespace detail {
class EngineState;
class SessionState;
}  // namespace detail

class SCAMGUARD_API CallSession {
 public:
  CallSession(CallSession&&) noexcept;
  CallSession& operator=(CallSession&&) noexcept;
  CallSession(const CallSession&) = delete;
  CallSession& operator=(const CallSession&) = delete;
  ~CallSession();

  /// The call set-up. May be given once, before the first turn; a second set-up or one
  /// after turns is refused with ErrorCode::kInvalidInput and changes nothing.
  Status on_signalling(const CallSetup& setup);

  /// What the set-up saw of the traffic state (the Engine's StateBackend), as opaque text to
  /// keep with a stored call; empty when nothing was recorded.
  std::string setup_traffic() const;

  /// The set-up of a call rebuilt from a store (after a restart, or on another node sharing
  /// the store): nothing is counted in the traffic state again, and the traffic rules see
  /// what the call's first set-up saw (`setup_traffic()` then; empty: no traffic figures).
  /// kInvalidInput for text setup_traffic() did not produce.
  Status on_signalling_restored(const CallSetup& setup, std::string_view setup_traffic);

  /// One transcript turn. Any text is accepted (invalid UTF-8 is replaced, not refused);
  /// text over 64 KiB is refused with ErrorCode::kInvalidInput and changes nothing.
  /// Cost: linear in the length of this turn's text.
  Status on_turn(const Turn& turn);

  /// A device event, taken to have happened after the last turn.
  Status on_device_event(const DeviceEvent& event);

  /// The call ended: records answered or not and the duration under the set-up's caller ID
  /// and trunk in the Engine's traffic state. Needs a set-up first (kInvalidInput otherwise)
  /// and may be given once; fails with kUnavailable when the traffic store cannot be
  /// reached. The verdict is unchanged: call ends inform the next calls' set-ups.
  Status on_call_end(const CallEnd& end);

  /// The verdict after the last event.
  const Verdict& verdict() const noexcept;

  /// Number of turns seen so far.
  int turn_count() const noexcept;

 private:
  friend class Engine;
  explicit CallSession(std::unique_ptr<detail::SessionState> state);
  void close() noexcept;  // hands the state back to the engine's pool
  std::unique_ptr<detail::SessionState> state_;
};

}  // namespace scamguard
