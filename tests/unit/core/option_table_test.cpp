// The option tables (core/option_table.h): one definition per key reads the files, prints the
// effective values (configdump) and the reference in docs/config.md.

#include "core/option_table.h"

#include <gtest/gtest.h>

#include <string>

#include "core/config.h"
#include "core/config_dump.h"
#include "scamguard/engine.h"
#include "support/test_paths.h"

namespace scamguard {
namespace {

using testing::copy_shipped_conf;
using testing::TempDir;
using testing::write_text;

bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

class OptionTableTest : public ::testing::Test {
 protected:
  void SetUp() override { copy_shipped_conf(conf()); }
  std::filesystem::path conf() const { return dir_.path() / "conf"; }
  std::filesystem::path local() const { return dir_.path() / "local.d"; }

  EngineOptions options() const {
    EngineOptions out;
    out.config_dir = conf().string();
    out.pattern_cache_dir = testing::pattern_cache_dir();
    return out;
  }

  TempDir dir_;
};

TEST_F(OptionTableTest, OutOfRangeValueNamesFileLineKeyAndRange) {
  write_text(local() / "scamguard.toml", "[model]\nthreshold = 1.5\n");
  EngineOptions with_local = options();
  with_local.local_dir = local().string();
  Result<EngineConfig> config = load_config(with_local);
  ASSERT_FALSE(config);
  const std::string& message = config.error().message;
  EXPECT_TRUE(contains(message, (local() / "scamguard.toml").string() + ":2")) << message;
  EXPECT_TRUE(contains(message, "'model.threshold' must be a number above 0 and below 1"))
      << message;
}

TEST_F(OptionTableTest, UnknownKeyListsTheKnownKeysOfItsTable) {
  write_text(local() / "scamguard.toml", "[traffic.caller]\nmax_attempt = 3\n");
  EngineOptions with_local = options();
  with_local.local_dir = local().string();
  Result<EngineConfig> config = load_config(with_local);
  ASSERT_FALSE(config);
  const std::string& message = config.error().message;
  EXPECT_TRUE(contains(message, "unknown key 'traffic.caller.max_attempt'")) << message;
  EXPECT_TRUE(contains(message, "known in [traffic.caller]: max_attempts_short, max_attempts_long"))
      << message;
}

TEST_F(OptionTableTest, AnIntegerKeyRefusesAFractionAndABoolean) {
  for (const char* value : {"2.5", "true", "\"20\""}) {
    write_text(local() / "scamguard.toml", std::string("[model]\nmin_words = ") + value + "\n");
    EngineOptions with_local = options();
    with_local.local_dir = local().string();
    Result<EngineConfig> config = load_config(with_local);
    ASSERT_FALSE(config) << value;
    EXPECT_TRUE(contains(config.error().message, "must be an integer from 0 to 10000"))
        << config.error().message;
  }
}

TEST_F(OptionTableTest, ACompositeStageMustBeOneOfTheStages) {
  write_text(local() / "composites.toml",
             "[MY_COMPOSITE]\nexpression = \"BRAND_CLAIM\"\nstage = \"greeting\"\n");
  EngineOptions with_local = options();
  with_local.local_dir = local().string();
  Result<EngineConfig> config = load_config(with_local);
  ASSERT_FALSE(config);
  EXPECT_TRUE(contains(config.error().message, "'stage' is 'greeting', must be one of contact, "))
      << config.error().message;
}

// Every key: writing what the table prints for the shipped value and reading it back gives
// the same value (catches a get and a set that disagree, such as seconds against ms).
TEST_F(OptionTableTest, EveryKeyReadsBackWhatItPrints) {
  Result<EngineConfig> shipped = load_config(options());
  ASSERT_TRUE(shipped) << shipped.error().message;
  for (const Option<EngineConfig>& option : engine_settings_table().options()) {
    const std::string& key = option.info.key;
    const size_t dot = key.rfind('.');
    const std::string printed = format_option(option.get(*shipped));
    write_text(local() / "scamguard.toml",
               "[" + key.substr(0, dot) + "]\n" + key.substr(dot + 1) + " = " + printed + "\n");
    EngineOptions with_local = options();
    with_local.local_dir = local().string();
    Result<EngineConfig> reread = load_config(with_local);
    ASSERT_TRUE(reread) << key << " = " << printed << ": " << reread.error().message;
    EXPECT_EQ(option.get(*reread), option.get(*shipped)) << key;
    EXPECT_EQ(reread->origins.at("scamguard.toml " + key),
              (local() / "scamguard.toml").string() + ":2")
        << key;
  }
}

TEST_F(OptionTableTest, DumpSaysWhereEachValueCameFrom) {
  write_text(local() / "actions.toml", "block = 12.0\n");
  EngineOptions with_local = options();
  with_local.local_dir = local().string();
  Result<EngineConfig> config = load_config(with_local);
  ASSERT_TRUE(config) << config.error().message;
  Result<Engine> engine = Engine::load(with_local);
  ASSERT_TRUE(engine) << engine.error().message;
  const std::string dump = dump_engine_config(with_local, *config, engine->symbols());
  EXPECT_TRUE(contains(dump, "block = 12.0")) << dump;
  EXPECT_TRUE(contains(dump, "# " + (local() / "actions.toml").string() + ":1")) << dump;
  EXPECT_TRUE(contains(dump, "warn = 5.0")) << dump;
  EXPECT_TRUE(contains(dump, "# " + (conf() / "actions.toml").string() + ":2")) << dump;
  EXPECT_TRUE(contains(dump, "home_country_code = \"61\"")) << dump;
  // No file sets the calling code itself; [signalling] home_country does, and says so.
  EXPECT_TRUE(contains(dump, "home_country = \"AU\"")) << dump;
  EXPECT_TRUE(contains(dump, "rule default")) << dump;  // a symbol scores.toml does not set
}

}  // namespace
}  // namespace scamguard
