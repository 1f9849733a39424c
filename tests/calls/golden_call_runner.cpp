// Runs one golden call file (tests/calls/README.md) through an engine loaded from --conf and
// prints every failed expectation. One CTest per file, label `calls`.
//
//   scamguard_golden_call_runner [--conf DIR] [--local DIR] FILE.call
//
// Exit status: 0 all expectations hold; 1 some failed; 2 the file or configuration is bad.

#include <cstdio>
#include <iostream>
#include <string>

#include "corpus/golden_call.h"
#include "support/test_paths.h"

int main(int argc, char** argv) {
  using namespace scamguard;
  EngineOptions options = testing::shipped_engine_options();
  std::string path;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if ((arg == "--conf" || arg == "--local") && i + 1 < argc) {
      (arg == "--conf" ? options.config_dir : options.local_dir) = argv[++i];
    } else if (path.empty() && !arg.empty() && arg[0] != '-') {
      path = arg;
    } else {
      std::cerr << "usage: scamguard_golden_call_runner [--conf DIR] [--local DIR] FILE.call\n";
      return 2;
    }
  }
  if (path.empty()) {
    std::cerr << "usage: scamguard_golden_call_runner [--conf DIR] [--local DIR] FILE.call\n";
    return 2;
  }

  std::error_code error;
  if (!std::filesystem::is_regular_file(path, error)) {
    std::cerr << path << ": cannot read the file\n";
    return 2;
  }
  Result<corpus::GoldenCall> call = corpus::parse_golden_call(testing::read_text(path), path);
  if (!call) {
    std::cerr << call.error().message << "\n";
    return 2;
  }
  Result<Engine> engine = Engine::load(options);
  if (!engine) {
    std::cerr << "configuration " << options.config_dir << ": " << engine.error().message << "\n";
    return 2;
  }

  int expectations = 0;
  for (const corpus::GoldenStep& step : call->steps) {
    if (step.kind == corpus::GoldenStep::Kind::kExpect) ++expectations;
  }
  if (expectations == 0) {
    std::cerr << path << ": no expectations; a golden call must expect something\n";
    return 2;
  }

  const std::vector<std::string> failures = corpus::check_golden_call(*engine, *call);
  if (!call->description.empty()) std::cout << "# " << call->description << "\n";
  for (const std::string& failure : failures) std::cout << "FAIL " << failure << "\n";
  std::cout << (failures.empty() ? "PASS " : "FAILED ") << path << ": "
            << (expectations - static_cast<int>(failures.size())) << "/" << expectations
            << " expectations hold\n";
  return failures.empty() ? 0 : 1;
}
