#include "parse_command_line.h"

#include <iostream>

namespace scamguard::cli {

std::string command_path(const CLI::App& app) {
  std::string path = app.get_name();
  for (const CLI::App* command = &app;;) {
    std::vector<CLI::App*> chosen = command->get_subcommands();
    if (chosen.empty()) break;
    command = chosen.front();
    path += " " + command->get_name();
  }
  return path;
}

std::optional<int> parse_command_line(CLI::App& app, int argc, char** argv) {
  // CLI11's default message says "Run with --help" without saying for which command; the
  // command is what a user needs to look up the option they got wrong.
  app.failure_message([](const CLI::App* root, const CLI::Error& error) {
    const std::string path = command_path(*root);
    return path + ": " + error.what() + "\nrun '" + path + " --help' for the options\n";
  });
  try {
    app.parse(argc, argv);
    return std::nullopt;
  } catch (const CLI::ParseError& error) {
    // Help and version are ParseErrors with exit code 0; CLI11 prints the help of the
    // subcommand that asked for it.
    app.exit(error);
    return error.get_exit_code() == 0 ? kExitOk : kExitUsage;
  }
}

CLI::Validator one_of(std::vector<std::string> allowed) {
  std::string listed;
  for (const std::string& value : allowed) listed += (listed.empty() ? "" : ", ") + value;
  CLI::Validator validator(
      [allowed, listed](std::string& value) -> std::string {
        for (const std::string& candidate : allowed) {
          if (value == candidate) return {};
        }
        return "'" + value + "' is not one of: " + listed;
      },
      "one of: " + listed);
  return validator;
}

}  // namespace scamguard::cli
