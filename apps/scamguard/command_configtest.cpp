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
  std::cout << "configuration OK: " << engine->symbols().size() << " symbols, warn at "
            << engine->warn_score() << ", block at " << engine->block_score() << "\n";
  return kExitOk;
}

}  // namespace scamguard::cli
