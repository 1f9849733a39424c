// The smallest "phone app": read the speech recogniser's lines from stdin, one turn per line
// ("remote: ..." for the other party, "user: ..." for the phone's owner), and print a warning
// line whenever the action rises (allow -> warn -> block). The transcript never leaves the
// process.
//
//   printf 'remote: hello i am calling from amazon\n...' | phone_app
//   WARN: Caller names a well-known company (amazon); caller asks you to ...
#include <scamguard/scamguard.h>

#include <cctype>
#include <iostream>
#include <string>

int main() {
  scamguard::EngineOptions options;
  // A real app passes its own cache directory here, so that every start after the first
  // skips compiling the patterns (docs/embedding.md).
  if (const char* cache = std::getenv("PHONE_APP_CACHE_DIR")) options.pattern_cache_dir = cache;
  scamguard::Result<scamguard::Engine> engine = scamguard::Engine::load(options);
  if (!engine) {
    std::cerr << "phone_app: " << engine.error().message << "\n";
    return 1;
  }
  scamguard::CallSession call = engine->open_call();
  scamguard::Action shown = scamguard::Action::kAllow;

  std::string line;
  for (int number = 1; std::getline(std::cin, line); ++number) {
    const size_t colon = line.find(':');
    if (line.empty() || colon == std::string::npos) continue;
    std::optional<scamguard::Speaker> speaker = scamguard::parse_speaker(line.substr(0, colon));
    if (!speaker) {
      std::cerr << "phone_app: line " << number << ": expected 'remote:' or 'user:'\n";
      continue;
    }
    size_t text = colon + 1;
    while (text < line.size() && std::isspace(static_cast<unsigned char>(line[text]))) ++text;
    if (scamguard::Status status = call.on_turn({*speaker, line.substr(text)}); !status) {
      std::cerr << "phone_app: line " << number << ": " << status.error().message << "\n";
      continue;
    }
    const scamguard::Verdict& verdict = call.verdict();
    if (verdict.action > shown) {
      shown = verdict.action;
      std::cout << (shown == scamguard::Action::kBlock ? "BLOCK: " : "WARN: ") << verdict.reason
                << std::endl;
    }
  }
  return 0;
}
