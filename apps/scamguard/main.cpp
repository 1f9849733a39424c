// scamguard: score call transcripts from the command line. See `scamguard help`.
#include <cstring>
#include <iostream>

#include "cli_options.h"
#include "commands.h"

namespace {

constexpr const char* kUsage = R"(usage: scamguard COMMAND [options]

commands:
  scan FILE|DIR|-            score a call corpus (JSON Lines), one verdict line per call
  explain FILE [--id ID]     one call, turn by turn: what fired, running score and action
  eval FILE|DIR [--json]     per-source recall, false-positive rate, precision, timeliness
  eval --loso FILE|DIR... [--train-extra FILE|DIR]
                             leave-one-source-out: rules, text model and both, per source
  symbols [--json]           the symbol catalogue: descriptions, stages, scores
  configtest                 load the configuration and report the first error, if any
  configdump [--daemon FILE | --reference]
                             the configuration in effect after layering, each value with
                             the file and line it came from (or "default")
  campaigns FILE|DIR|- [--store DB]
                             link calls into campaigns, one JSON line per campaign;
                             --store DB --report ID [--html] prints a case report
  train --data DIR|FILE... --out FILE
                             train the text model (deterministic); see 'scamguard train'
  gen-traffic [--calls N] [--seed S] [--agents N] [--share X] [--out FILE]
                             generate carrier traffic with a dialler call centre, score
                             every set-up before answer, report flagged shares and speed

options for every command:
  --conf DIR       shipped configuration (default: $SCAMGUARD_CONF or the build's conf/)
  --local DIR      local.d: files merged over --conf
  --override DIR   override.d: files replacing those of --conf
  --pattern-cache DIR  where compiled patterns are cached ("" to disable; default
                   $XDG_CACHE_HOME/scamguard or ~/.cache/scamguard)
  --model FILE     the text model to load instead of [model] path in scamguard.toml
                   ("" for none: rules only)

exit status: 0 success; 1 finished, but some input lines were rejected; 2 usage or
configuration error
)";

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2 || std::strcmp(argv[1], "help") == 0 || std::strcmp(argv[1], "--help") == 0) {
    std::cout << kUsage;
    return argc < 2 ? scamguard::cli::kExitUsage : scamguard::cli::kExitOk;
  }
  const std::string command = argv[1];
  int rest_count = argc - 2;
  char** rest = argv + 2;
  if (command == "scan") return scamguard::cli::run_scan(rest_count, rest);
  if (command == "explain") return scamguard::cli::run_explain(rest_count, rest);
  if (command == "eval") return scamguard::cli::run_eval(rest_count, rest);
  if (command == "symbols") return scamguard::cli::run_symbols(rest_count, rest);
  if (command == "configtest") return scamguard::cli::run_configtest(rest_count, rest);
  if (command == "configdump") return scamguard::cli::run_configdump(rest_count, rest);
  if (command == "train") return scamguard::cli::run_train(rest_count, rest);
  if (command == "campaigns") return scamguard::cli::run_campaigns(rest_count, rest);
  if (command == "gen-traffic") return scamguard::cli::run_gen_traffic(rest_count, rest);
  std::cerr << "scamguard: unknown command '" << command << "'\n" << kUsage;
  return scamguard::cli::kExitUsage;
}
