// Parsing a command line with CLI11 the way both scamguard binaries answer: help and version
// on standard output with exit 0; a usage error on standard error, naming the option and the
// command, with exit 2 (the exit code scripts already test for).
#pragma once

#include <CLI/CLI.hpp>
#include <initializer_list>
#include <optional>
#include <string>
#include <vector>

namespace scamguard::cli {

// Exit codes: 0 success, 1 the run finished but some input was rejected, 2 usage or
// configuration error.
inline constexpr int kExitOk = 0;
inline constexpr int kExitInputErrors = 1;
inline constexpr int kExitUsage = 2;

// Parses argv into `app`. Returns nothing when the program should go on, or the exit code when
// it should stop now: 0 after printing help or the version, kExitUsage after a usage error.
std::optional<int> parse_command_line(CLI::App& app, int argc, char** argv);

// A validator for an enum-like option: the value must be one of `allowed`. Its error lists
// them ("--speakers: 'bogus' is not one of: as-given, unknown"), and help shows them.
CLI::Validator one_of(std::vector<std::string> allowed);

// The subcommand chain that was parsed, as typed: "scamguard eval" (for messages).
std::string command_path(const CLI::App& app);

}  // namespace scamguard::cli
