// Where the tests find their inputs, and small helpers shared by the test executables.
//
// SCAMGUARD_TEST_SOURCE_DIR and SCAMGUARD_TEST_SHARED_DATA_DIR are set by tests/CMakeLists.txt
// (the project source tree and the SCAMGUARD_SHARED_DATA_DIR cache variable).
#pragma once

#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>
#include <system_error>

#include "scamguard/engine.h"

namespace scamguard::testing {

inline std::filesystem::path source_dir() { return SCAMGUARD_TEST_SOURCE_DIR; }
inline std::filesystem::path shipped_conf_dir() { return source_dir() / "conf"; }
inline std::filesystem::path golden_calls_dir() { return source_dir() / "tests" / "calls"; }
inline std::filesystem::path shared_data_dir() { return SCAMGUARD_TEST_SHARED_DATA_DIR; }

// True under CI (the environment variable CI is "true", as CI services set it): there a test
// that needs the shared corpora fails when they are absent instead of skipping, so that a CI
// run without ../shared can never pass green. SCAMGUARD_REQUIRE_SHARED_DATA does both.
inline bool shared_data_required() {
  const char* ci = std::getenv("CI");
  return ci != nullptr && std::string_view(ci) == "true";
}

#define SCAMGUARD_REQUIRE_SHARED_DATA(available, where)                                      \
  if (!(available)) {                                                                        \
    if (::scamguard::testing::shared_data_required()) {                                      \
      FAIL() << "CI=true and the shared call corpora are missing: looked for " << (where)    \
             << " (set -DSCAMGUARD_SHARED_DATA_DIR=... to the directory that holds calls/)"; \
    }                                                                                        \
    GTEST_SKIP() << "shared call corpora not found: looked for " << (where)                  \
                 << " (set -DSCAMGUARD_SHARED_DATA_DIR=... to the directory that holds "     \
                    "calls/)";                                                               \
  }

inline std::string read_text(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

inline void write_text(const std::filesystem::path& path, std::string_view text) {
  std::filesystem::create_directories(path.parent_path());
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
}

// A fresh directory under the system temp dir, removed with the object.
class TempDir {
 public:
  TempDir() {
    static std::atomic<int> counter{0};
    path_ = std::filesystem::temp_directory_path() /
            ("scamguard-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    std::filesystem::remove_all(path_);
    std::filesystem::create_directories(path_);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  ~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

// Copies the shipped conf/ to `target` (created), so that a test can break one file.
inline void copy_shipped_conf(const std::filesystem::path& target) {
  std::filesystem::create_directories(target);
  std::filesystem::copy(
      shipped_conf_dir(), target,
      std::filesystem::copy_options::recursive | std::filesystem::copy_options::overwrite_existing);
}

// One compiled-pattern cache for every test process of the build (tests/CMakeLists.txt), so
// that an engine loads in milliseconds instead of compiling its patterns again.
inline std::string pattern_cache_dir() { return SCAMGUARD_TEST_PATTERN_CACHE; }

inline EngineOptions shipped_engine_options() {
  EngineOptions options;
  options.config_dir = shipped_conf_dir().string();
  options.pattern_cache_dir = pattern_cache_dir();
  return options;
}

inline Result<Engine> load_shipped_engine() { return Engine::load(shipped_engine_options()); }

}  // namespace scamguard::testing
