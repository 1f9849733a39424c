// scamguard scan: one verdict line per call, in the shared verdict line format.
#include <iostream>

#include "call_source.h"
#include "cli_options.h"
#include "commands.h"
#include "corpus/verdict_json.h"

namespace scamguard::cli {

int run_scan(int argc, char** argv) {
  std::optional<CommonOptions> options = parse_options(argc, argv, {}, {});
  if (!options || options->positional.size() != 1) {
    std::cerr << "usage: scamguard scan FILE|DIR|- [--conf DIR]\n";
    return kExitUsage;
  }
  std::optional<Engine> engine = load_engine(options->engine);
  if (!engine) return kExitUsage;
  std::ios::sync_with_stdio(false);
  // A call with an event the engine refused (a turn over the size limit) gets no verdict line:
  // its verdict would be that of a call without the turn. It counts as an input error.
  int refused_calls = 0;
  const int rejected = for_each_call(options->positional[0], [&](corpus::CorpusCall&& call) {
    corpus::ReplayResult result = corpus::replay(*engine, call);
    for (const Error& error : result.rejected) {
      std::cerr << call.id << ": event refused, call not scored: " << error.message << "\n";
    }
    if (!result.rejected.empty()) {
      ++refused_calls;
      return;
    }
    std::cout << corpus::verdict_line(call.id, result).dump() << '\n';
  });
  if (rejected < 0) return kExitUsage;
  return rejected > 0 || refused_calls > 0 ? kExitInputErrors : kExitOk;
}

}  // namespace scamguard::cli
