// The campaign indicator extractor on arbitrary transcript text (raw turns, normalised here
// as in use), with the shipped lists: phone numbers, remote IDs, amounts, web addresses.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "campaign/indicators.h"
#include "core/engine_access.h"
#include "core/engine_state.h"
#include "scamguard/engine.h"

namespace {
const scamguard::campaign::IndicatorExtractor& extractor() {
  static const scamguard::Engine engine = [] {
    scamguard::EngineOptions options;
    options.config_dir = SCAMGUARD_FUZZ_CONF_DIR;
    return std::move(*scamguard::Engine::load(options));
  }();
  static const scamguard::EngineConfig& config = scamguard::detail::engine_state(engine).config;
  static const scamguard::campaign::IndicatorExtractor made = std::move(
      *scamguard::campaign::IndicatorExtractor::create(config.lists, config.home_country_code));
  return made;
}
}  // namespace

// Loads the engine before the first input: compiling its patterns under ASan takes longer
// than libFuzzer's per-input timeout, which does not run during initialisation.
extern "C" int LLVMFuzzerInitialize(int*, char***) {
  extractor();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  // Up to three turns, split at 0xff bytes.
  std::vector<scamguard::Turn> turns;
  std::string text;
  for (size_t i = 0; i <= size; ++i) {
    if (i == size || data[i] == 0xff) {
      turns.push_back({scamguard::Speaker::kRemote, text});
      text.clear();
      if (turns.size() == 3) break;
    } else {
      text.push_back(static_cast<char>(data[i]));
    }
  }
  scamguard::CallSetup setup;
  setup.caller = turns.front().text.substr(0, 20);
  (void)extractor().extract(&setup, turns);
  return 0;
}
