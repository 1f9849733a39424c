// The options every subcommand takes (where the configuration and model come from), and
// loading the engine from them.
#pragma once

#include <CLI/CLI.hpp>
#include <functional>
#include <optional>
#include <string>

#include "parse_command_line.h"
#include "scamguard/engine.h"

namespace scamguard::cli {

// The engine options before any flag: the configuration from $SCAMGUARD_CONF or the build's
// conf/, compiled patterns cached per user.
EngineOptions default_engine_options();

// Adds --conf, --local, --override, --pattern-cache and --model to `command`, each writing
// into `engine` (which must outlive the parse).
void add_engine_options(CLI::App& command, EngineOptions& engine);

// Loads the engine, printing the error (with file and line) on failure.
std::optional<Engine> load_engine(const EngineOptions& options);

// One subcommand: its CLI11 definition, and what runs it once the command line is parsed
// (returns the exit code).
struct Command {
  CLI::App* app = nullptr;
  std::function<int()> run;
};

}  // namespace scamguard::cli
