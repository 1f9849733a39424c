// The compiled state behind an Engine, for the project's own tools, tests and benchmarks (the
// CLI's campaign command reads the home country from it). Not installed, not a stable
// interface.
#pragma once

#include "core/engine_state.h"
#include "scamguard/engine.h"

namespace scamguard::detail {

struct EngineAccess {
  static const EngineState& state(const Engine& engine) noexcept { return *engine.state_; }
};

inline const EngineState& engine_state(const Engine& engine) noexcept {
  return EngineAccess::state(engine);
}

}  // namespace scamguard::detail
