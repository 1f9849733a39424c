// One function per subcommand: each adds its subcommand and options to the root `app` and
// returns what runs it. The options live in the returned function's captures, so the same
// definitions serve parsing, --help and the man page.
#pragma once

#include "cli_options.h"

namespace scamguard::cli {

Command add_scan_command(CLI::App& app);
Command add_explain_command(CLI::App& app);
Command add_eval_command(CLI::App& app);
Command add_symbols_command(CLI::App& app);
Command add_configtest_command(CLI::App& app);
Command add_configdump_command(CLI::App& app);
Command add_train_command(CLI::App& app);
Command add_campaigns_command(CLI::App& app);
Command add_gen_traffic_command(CLI::App& app);

// What `eval --loso` takes, parsed by the eval command.
struct LosoArgs {
  EngineOptions engine;
  std::vector<std::string> paths;
  std::vector<std::string> train_extra;
  bool json = false;
};
int run_eval_loso(const LosoArgs& args);

}  // namespace scamguard::cli
