#include "corpus/replay.h"

namespace scamguard::corpus {

ReplayResult replay(const Engine& engine, const CorpusCall& call,
                    const std::function<void(const ReplayStep&)>& on_step) {
  ReplayResult result;
  CallSession session = engine.open_call();

  // Alerts raised before the first turn (by the set-up) count as raised at turn 0.
  auto note = [&](int turn) {
    const Action action = session.verdict().action;
    const int at = std::max(turn, 0);
    if (action >= Action::kWarn && !result.first_warn_turn) result.first_warn_turn = at;
    if (action >= Action::kBlock && !result.first_block_turn) result.first_block_turn = at;
  };
  auto step = [&](ReplayStep::Kind kind, int turn, const Turn* turn_data,
                  const TimedDeviceEvent* event) {
    note(turn);
    if (on_step) on_step({kind, turn, turn_data, event, session.verdict()});
  };

  CallSetup setup = call.setup.value_or(CallSetup{});
  if (!call.setup) setup.direction = call.direction;
  if (call.setup || call.direction != Direction::kUnknown) {
    if (Status status = session.on_signalling(setup); !status)
      result.rejected.push_back(status.error());
    step(ReplayStep::Kind::kSetup, kBeforeFirstTurn, nullptr, nullptr);
  }

  size_t next_event = 0;
  auto events_after = [&](int turn) {
    while (next_event < call.events.size() && call.events[next_event].after_turn <= turn) {
      const TimedDeviceEvent& event = call.events[next_event++];
      if (Status status = session.on_device_event(event.event); !status) {
        result.rejected.push_back(status.error());
      }
      step(ReplayStep::Kind::kDeviceEvent, std::max(turn, 0), nullptr, &event);
    }
  };
  events_after(kBeforeFirstTurn);
  for (size_t i = 0; i < call.turns.size(); ++i) {
    const int turn = static_cast<int>(i);
    if (Status status = session.on_turn(call.turns[i]); !status)
      result.rejected.push_back(status.error());
    step(ReplayStep::Kind::kTurn, turn, &call.turns[i], nullptr);
    events_after(turn);
  }
  events_after(1 << 30);  // events said to follow a turn past the end
  result.verdict = session.verdict();
  if (call.end && call.setup) {
    if (Status status = session.on_call_end(*call.end); !status) {
      result.rejected.push_back(status.error());
    }
  }
  return result;
}

}  // namespace scamguard::corpus
