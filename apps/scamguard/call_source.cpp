#include "call_source.h"

#include <iostream>

#include "corpus/golden_call.h"
#include "util/files.h"

namespace scamguard::cli {

int for_each_call(const std::string& path,
                  const std::function<void(corpus::CorpusCall&&)>& on_call) {
  if (path.size() > 5 && path.compare(path.size() - 5, 5, ".call") == 0) {
    Result<std::string> text = read_file(path);
    if (!text) {
      std::cerr << "scamguard: " << text.error().message << "\n";
      return -1;
    }
    Result<corpus::GoldenCall> golden = corpus::parse_golden_call(*text, path);
    if (!golden) {
      std::cerr << "scamguard: " << golden.error().message << "\n";
      return 1;
    }
    on_call(golden->to_corpus_call());
    return 0;
  }
  int rejected = 0;
  Status status = corpus::read_corpus(path, on_call, [&](const corpus::LineError& error) {
    ++rejected;
    std::cerr << error.file << ":" << error.line << ": " << error.message << "\n";
  });
  if (!status) {
    std::cerr << "scamguard: " << status.error().message << "\n";
    return -1;
  }
  return rejected;
}

}  // namespace scamguard::cli
