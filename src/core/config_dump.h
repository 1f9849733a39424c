// `scamguard configdump`: the configuration an engine loads from a set of directories, after
// conf/, local.d and override.d are layered, with where each value came from.
#pragma once

#include <string>
#include <vector>

#include "core/config.h"
#include "scamguard/engine.h"

namespace scamguard {

// `symbols` is Engine::symbols() of an engine loaded from the same options: it gives every
// symbol's score in effect, those scores.toml does not set included.
std::string dump_engine_config(const EngineOptions& options, const EngineConfig& config,
                               const std::vector<SymbolInfo>& symbols);

}  // namespace scamguard
