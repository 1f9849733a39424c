// scamguard configtest: load the configuration exactly as the engine would.
#include <iostream>

#include "cli_options.h"
#include "commands.h"

namespace scamguard::cli {

namespace {

int run_configtest(const EngineOptions& options) {
  std::optional<Engine> engine = load_engine(options);
  if (!engine) return kExitUsage;
  // A configured model that cannot be read leaves the engine on its rules (the warning was
  // printed above): the configuration is not OK.
  const bool degraded = !engine->warnings().empty();
  std::cout << (degraded ? "configuration loads with warnings (see above): " : "configuration OK: ")
            << engine->symbols().size() << " symbols, warn at " << engine->warn_score()
            << ", block at " << engine->block_score() << "\n";
  return degraded ? kExitInputErrors : kExitOk;
}

}  // namespace

Command add_configtest_command(CLI::App& app) {
  auto engine = std::make_shared<EngineOptions>(default_engine_options());
  CLI::App* command =
      app.add_subcommand("configtest", "load the configuration and report the first error, if any");
  command->footer(
      "Load the configuration, lists and model exactly as the engine would and report the "
      "first error with its file and line (exit 2), or warnings (exit 1), or OK (exit 0).");
  add_engine_options(*command, *engine);
  return {command, [engine] { return run_configtest(*engine); }};
}

}  // namespace scamguard::cli
