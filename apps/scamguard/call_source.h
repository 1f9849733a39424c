// Reading calls for the CLI: corpus JSON Lines (file, directory or "-") or a golden .call file.
#pragma once

#include <functional>
#include <string>

#include "corpus/corpus_reader.h"

namespace scamguard::cli {

// Calls `on_call` for each call of `path`; prints each rejected line to stderr with its file
// and line. Returns the number of rejected lines, or -1 if `path` cannot be read.
int for_each_call(const std::string& path,
                  const std::function<void(corpus::CorpusCall&&)>& on_call);

}  // namespace scamguard::cli
