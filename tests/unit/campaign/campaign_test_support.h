// Shared helpers for the campaign unit tests: the shipped lists, an extractor, turns.
#pragma once

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

#include "campaign/indicators.h"
#include "core/engine_access.h"
#include "scamguard/engine.h"
#include "support/test_paths.h"

namespace scamguard::testing {

inline const Engine& shipped_engine() {
  static const Engine engine = [] {
    EngineOptions options = shipped_engine_options();
    Result<Engine> loaded = Engine::load(options);
    if (!loaded) ADD_FAILURE() << loaded.error().message;
    return std::move(*loaded);
  }();
  return engine;
}

inline const campaign::IndicatorExtractor& shipped_extractor() {
  static const campaign::IndicatorExtractor extractor = [] {
    const EngineConfig& config = detail::engine_state(shipped_engine()).config;
    Result<campaign::IndicatorExtractor> made =
        campaign::IndicatorExtractor::create(config.lists, config.home_country_code);
    if (!made) ADD_FAILURE() << made.error().message;
    return std::move(*made);
  }();
  return extractor;
}

inline std::vector<Turn> remote_turns(const std::vector<std::string>& texts) {
  std::vector<Turn> turns;
  for (const std::string& text : texts) turns.push_back({Speaker::kRemote, text});
  return turns;
}

}  // namespace scamguard::testing
