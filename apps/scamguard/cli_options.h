// Flags shared by every subcommand, and loading the engine from them.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "scamguard/engine.h"

namespace scamguard::cli {

// Exit codes: 0 success, 1 the run finished but some input was rejected, 2 usage or
// configuration error.
inline constexpr int kExitOk = 0;
inline constexpr int kExitInputErrors = 1;
inline constexpr int kExitUsage = 2;

struct CommonOptions {
  EngineOptions engine;
  std::vector<std::string> positional;
  std::vector<std::pair<std::string, std::string>> flags;  // other --name value / --name

  bool has_flag(std::string_view name) const;
  std::optional<std::string> flag(std::string_view name) const;
};

// Parses argv after the subcommand. `valued` lists the flags that take a value.
// Unknown flags are an error naming them.
std::optional<CommonOptions> parse_options(int argc, char** argv,
                                           const std::vector<std::string>& valued,
                                           const std::vector<std::string>& switches);

// Loads the engine, printing the error (with file and line) on failure.
std::optional<Engine> load_engine(const EngineOptions& options);

}  // namespace scamguard::cli
