// scamguard scan: one verdict line per call, in the shared verdict line format.
#include <iostream>

#include "call_source.h"
#include "cli_options.h"
#include "commands.h"
#include "corpus/verdict_json.h"

namespace scamguard::cli {

namespace {

struct ScanArgs {
  EngineOptions engine = default_engine_options();
  std::vector<std::string> paths;
};

int run_scan(const ScanArgs& args) {
  std::optional<Engine> engine = load_engine(args.engine);
  if (!engine) return kExitUsage;
  std::ios::sync_with_stdio(false);
  // A call with an event the engine refused (a turn over the size limit) gets no verdict line:
  // its verdict would be that of a call without the turn. It counts as an input error.
  int refused_calls = 0;
  int rejected = 0;
  auto score = [&](corpus::CorpusCall&& call) {
    corpus::ReplayResult result = corpus::replay(*engine, call);
    for (const Error& error : result.rejected) {
      std::cerr << call.id << ": event refused, call not scored: " << error.message << "\n";
    }
    if (!result.rejected.empty()) {
      ++refused_calls;
      return;
    }
    std::cout << corpus::verdict_line(call.id, result).dump() << '\n';
  };
  // Paths are read in order; one that cannot be read at all stops the run (a usage error), as
  // with a single path, after the lines of the paths before it were written.
  for (const std::string& path : args.paths) {
    const int errors = for_each_call(path, score);
    if (errors < 0) return kExitUsage;
    rejected += errors;
  }
  return rejected > 0 || refused_calls > 0 ? kExitInputErrors : kExitOk;
}

}  // namespace

Command add_scan_command(CLI::App& app) {
  auto args = std::make_shared<ScanArgs>();
  CLI::App* command = app.add_subcommand("scan", "score corpora: one verdict line per call");
  command->footer(
      "Score call corpora (JSON Lines) or .call files as live calls, with no look-ahead; write "
      "one verdict line per call. A malformed line is reported on stderr with its file and "
      "line, and the run goes on (exit 1 at the end).");
  command
      ->add_option("paths", args->paths,
                   "corpus files (JSON Lines), directories of *.jsonl, .call files, or - for "
                   "standard input; read in order")
      ->type_name("FILE|DIR|-")
      ->required();
  add_engine_options(*command, args->engine);
  return {command, [args] { return run_scan(*args); }};
}

}  // namespace scamguard::cli
