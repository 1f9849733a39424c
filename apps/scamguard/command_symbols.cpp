// scamguard symbols: the catalogue of everything the engine can report.
#include <iomanip>
#include <iostream>
#include <nlohmann/json.hpp>

#include "cli_options.h"
#include "commands.h"
#include "core/verdict_json.h"

namespace scamguard::cli {

namespace {

struct SymbolsArgs {
  EngineOptions engine = default_engine_options();
  bool json = false;
};

int run_symbols(const SymbolsArgs& args) {
  std::optional<Engine> engine = load_engine(args.engine);
  if (!engine) return kExitUsage;
  if (args.json) {
    nlohmann::json out = nlohmann::json::array();
    for (const SymbolInfo& symbol : engine->symbols()) {
      out.push_back(detail::symbol_json(symbol));
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

}  // namespace

Command add_symbols_command(CLI::App& app) {
  auto args = std::make_shared<SymbolsArgs>();
  CLI::App* command =
      app.add_subcommand("symbols", "the symbol catalogue: descriptions, stages, scores");
  command->footer(
      "List every symbol the engine can report: group, stage, the score in effect after "
      "configuration, and description; then the warn and block thresholds.");
  command->add_flag("--json", args->json,
                    "print a JSON array (with each symbol's default score and whether it is a "
                    "composite)");
  add_engine_options(*command, args->engine);
  return {command, [args] { return run_symbols(*args); }};
}

}  // namespace scamguard::cli
