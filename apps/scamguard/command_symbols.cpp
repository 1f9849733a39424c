// scamguard symbols: the catalogue of everything the engine can report.
#include <iomanip>
#include <iostream>
#include <nlohmann/json.hpp>

#include "cli_options.h"
#include "commands.h"

namespace scamguard::cli {

int run_symbols(int argc, char** argv) {
  std::optional<CommonOptions> options = parse_options(argc, argv, {}, {"--json"});
  if (!options || !options->positional.empty()) {
    std::cerr << "usage: scamguard symbols [--json] [--conf DIR]\n";
    return kExitUsage;
  }
  std::optional<Engine> engine = load_engine(options->engine);
  if (!engine) return kExitUsage;
  if (options->has_flag("--json")) {
    nlohmann::json out = nlohmann::json::array();
    for (const SymbolInfo& symbol : engine->symbols()) {
      out.push_back({{"symbol", symbol.symbol},
                     {"group", symbol.group},
                     {"stage", to_string(symbol.stage)},
                     {"score", symbol.score},
                     {"default_score", symbol.default_score},
                     {"composite", symbol.composite},
                     {"description", symbol.description}});
    }
    std::cout << out.dump(2) << "\n";
    return kExitOk;
  }
  std::cout << std::left << std::setw(34) << "symbol" << std::setw(15) << "group" << std::setw(14)
            << "stage" << std::right << std::setw(6) << "score"
            << "  description\n";
  for (const SymbolInfo& symbol : engine->symbols()) {
    std::cout << std::left << std::setw(34) << symbol.symbol << std::setw(15) << symbol.group
              << std::setw(14) << to_string(symbol.stage) << std::right << std::setw(6)
              << symbol.score << "  " << symbol.description << "\n";
  }
  std::cout << "warn at " << engine->warn_score() << ", block at " << engine->block_score() << "\n";
  return kExitOk;
}

}  // namespace scamguard::cli
