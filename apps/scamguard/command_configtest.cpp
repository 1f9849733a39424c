// scamguard configtest: load the configuration exactly as the engine would.
#include <iostream>

#include "cli_options.h"
#include "commands.h"

namespace scamguard::cli {

int run_configtest(int argc, char** argv) {
  std::optional<CommonOptions> options = parse_options(argc, argv, {}, {});
  if (!options || !options->positional.empty()) {
    std::cerr << "usage: scamguard configtest [--conf DIR] [--local DIR] [--override DIR]\n";
    return kExitUsage;
  }
  std::optional<Engine> engine = load_engine(options->engine);
  if (!engine) return kExitUsage;
  // A configured model that cannot be read leaves the engine on its rules (the warning was
  // printed above): the configuration is not OK.
  const bool degraded = !engine->warnings().empty();
  std::cout << (degraded ? "configuration loads with warnings (see above): " : "configuration OK: ")
            << engine->symbols().size() << " symbols, warn at " << engine->warn_score()
            << ", block at " << engine->block_score() << "\n";
  return degraded ? kExitInputErrors : kExitOk;
}

}  // namespace scamguard::cli
