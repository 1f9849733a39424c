// Configuration loading and layering (core/config.h, Engine::load): every error names the
// file and line, local.d merges, override.d replaces. Each test works on a temp copy of the
// shipped conf/, so it follows whatever conf/ ships today.

#include "core/config.h"

#include <gtest/gtest.h>

#include <map>
#include <string>

#include "core/engine_access.h"
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

std::map<std::string, SymbolInfo> by_name(const Engine& engine) {
  std::map<std::string, SymbolInfo> out;
  for (const SymbolInfo& info : engine.symbols()) out[info.symbol] = info;
  return out;
}

class ConfigTest : public ::testing::Test {
 protected:
  void SetUp() override { copy_shipped_conf(conf()); }

  std::filesystem::path conf() const { return dir_.path() / "conf"; }
  std::filesystem::path local() const { return dir_.path() / "local.d"; }
  std::filesystem::path override_dir() const { return dir_.path() / "override.d"; }

  EngineOptions options() const {
    EngineOptions out;
    out.config_dir = conf().string();
    out.pattern_cache_dir = testing::pattern_cache_dir();
    return out;
  }

  TempDir dir_;
};

TEST_F(ConfigTest, ShippedConfigurationLoads) {
  Result<Engine> engine = Engine::load(options());
  ASSERT_TRUE(engine.has_value()) << engine.error().message;
  EXPECT_GT(engine->block_score(), engine->warn_score());
  EXPECT_GT(engine->warn_score(), 0.0);
}

TEST_F(ConfigTest, MissingDirectoryIsNotFoundAndNamed) {
  EngineOptions missing;
  missing.config_dir = (dir_.path() / "no-such-conf").string();
  Result<Engine> engine = Engine::load(missing);
  ASSERT_FALSE(engine.has_value());
  EXPECT_EQ(engine.error().code, ErrorCode::kNotFound);
  EXPECT_TRUE(contains(engine.error().message, "no-such-conf")) << engine.error().message;
}

// The build tree mirrors the install layout (build/<preset>/share/scamguard/conf), so the
// default is found here as it is beside an installed library.
TEST_F(ConfigTest, EmptyConfigDirMeansTheInstalledConfiguration) {
  const std::string installed = default_config_dir();
  EXPECT_TRUE(installed.ends_with("share/scamguard/conf")) << installed;
  EngineOptions installed_options;
  installed_options.pattern_cache_dir = testing::pattern_cache_dir();
  Result<Engine> engine = Engine::load(installed_options);
  ASSERT_TRUE(engine.has_value()) << engine.error().message;
  EXPECT_EQ(engine->symbols().size(), Engine::load(options())->symbols().size());
}

TEST_F(ConfigTest, CopiesShareCompiledState) {
  Result<Engine> engine = Engine::load(options());
  ASSERT_TRUE(engine.has_value()) << engine.error().message;
  Engine copy = *engine;
  EXPECT_EQ(&detail::engine_state(copy), &detail::engine_state(*engine));
}

TEST_F(ConfigTest, MissingActionsFileIsNamed) {
  std::filesystem::remove(conf() / "actions.toml");
  Result<Engine> engine = Engine::load(options());
  ASSERT_FALSE(engine.has_value());
  EXPECT_TRUE(contains(engine.error().message, "actions.toml")) << engine.error().message;
}

TEST_F(ConfigTest, TomlSyntaxErrorNamesFileAndLine) {
  write_text(conf() / "actions.toml", "# thresholds\nwarn = = 5.0\nblock = 10.0\n");
  Result<Engine> engine = Engine::load(options());
  ASSERT_FALSE(engine.has_value());
  EXPECT_EQ(engine.error().code, ErrorCode::kConfig);
  EXPECT_TRUE(contains(engine.error().message, "actions.toml:2")) << engine.error().message;
}

TEST_F(ConfigTest, TomlSyntaxErrorInLocalFileNamesThatFile) {
  write_text(local() / "scores.toml", "[pressure]\n\nmax_score = [1.0\n");
  EngineOptions layered = options();
  layered.local_dir = local().string();
  Result<Engine> engine = Engine::load(layered);
  ASSERT_FALSE(engine.has_value());
  EXPECT_EQ(engine.error().code, ErrorCode::kConfig);
  EXPECT_TRUE(contains(engine.error().message, (local() / "scores.toml").string()))
      << engine.error().message;
}

TEST_F(ConfigTest, ModelMinWordsMustBeAWholeNumber) {
  for (const char* bad : {"-1", "2.5", "\"twenty\""}) {
    write_text(local() / "scamguard.toml", std::string("[model]\nmin_words = ") + bad + "\n");
    EngineOptions layered = options();
    layered.local_dir = local().string();
    Result<Engine> engine = Engine::load(layered);
    ASSERT_FALSE(engine.has_value()) << bad;
    EXPECT_EQ(engine.error().code, ErrorCode::kConfig);
    EXPECT_TRUE(contains(engine.error().message, "min_words")) << engine.error().message;
    EXPECT_TRUE(contains(engine.error().message, "scamguard.toml")) << engine.error().message;
  }
}

TEST_F(ConfigTest, UnknownKeyIsRejectedAndNamed) {
  write_text(conf() / "actions.toml", "warn = 5.0\nblock = 10.0\nwran = 3.0\n");
  Result<Engine> engine = Engine::load(options());
  ASSERT_FALSE(engine.has_value());
  EXPECT_EQ(engine.error().code, ErrorCode::kConfig);
  EXPECT_TRUE(contains(engine.error().message, "wran")) << engine.error().message;
  EXPECT_TRUE(contains(engine.error().message, "actions.toml:3")) << engine.error().message;
}

TEST_F(ConfigTest, UnknownEngineSettingIsRejected) {
  write_text(conf() / "scamguard.toml", "[engine]\nhome_country_code = \"61\"\nturbo = true\n");
  Result<Engine> engine = Engine::load(options());
  ASSERT_FALSE(engine.has_value());
  EXPECT_EQ(engine.error().code, ErrorCode::kConfig);
  EXPECT_TRUE(contains(engine.error().message, "turbo")) << engine.error().message;
  EXPECT_TRUE(contains(engine.error().message, "scamguard.toml:3")) << engine.error().message;
}

TEST_F(ConfigTest, UnknownSymbolInScoresNamesFileAndLine) {
  write_text(conf() / "scores.toml",
             "# scores\n[pressure]\nmax_score = 3.0\nPRESSURE_NO_SUCH_THING = 1.0\n");
  Result<Engine> engine = Engine::load(options());
  ASSERT_FALSE(engine.has_value());
  EXPECT_EQ(engine.error().code, ErrorCode::kConfig);
  EXPECT_TRUE(contains(engine.error().message, "PRESSURE_NO_SUCH_THING")) << engine.error().message;
  EXPECT_TRUE(contains(engine.error().message, "scores.toml:4")) << engine.error().message;
}

TEST_F(ConfigTest, WrongTypeInScoresIsRejected) {
  write_text(conf() / "scores.toml", "[pressure]\nPRESSURE_SECRECY = \"high\"\n");
  Result<Engine> engine = Engine::load(options());
  ASSERT_FALSE(engine.has_value());
  EXPECT_EQ(engine.error().code, ErrorCode::kConfig);
  EXPECT_TRUE(contains(engine.error().message, "PRESSURE_SECRECY")) << engine.error().message;
  EXPECT_TRUE(contains(engine.error().message, "scores.toml:2")) << engine.error().message;
}

TEST_F(ConfigTest, LocalDirMergeOverridesOneScore) {
  Result<Engine> shipped = Engine::load(options());
  ASSERT_TRUE(shipped.has_value()) << shipped.error().message;

  write_text(local() / "scores.toml", "[pressure]\nPRESSURE_SECRECY = 0.25\n");
  EngineOptions layered = options();
  layered.local_dir = local().string();
  Result<Engine> engine = Engine::load(layered);
  ASSERT_TRUE(engine.has_value()) << engine.error().message;

  const auto before = by_name(*shipped);
  const auto after = by_name(*engine);
  ASSERT_TRUE(after.count("PRESSURE_SECRECY"));
  EXPECT_DOUBLE_EQ(after.at("PRESSURE_SECRECY").score, 0.25);
  EXPECT_DOUBLE_EQ(after.at("PRESSURE_SECRECY").default_score,
                   before.at("PRESSURE_SECRECY").default_score);
  // Everything else is as shipped: the local file merged into scores.toml, not replaced it.
  for (const auto& [name, info] : before) {
    if (name == "PRESSURE_SECRECY") continue;
    ASSERT_TRUE(after.count(name)) << name;
    EXPECT_DOUBLE_EQ(after.at(name).score, info.score) << name;
  }
  EXPECT_EQ(detail::engine_state(*engine).config.group_caps.size(),
            detail::engine_state(*shipped).config.group_caps.size());
  EXPECT_DOUBLE_EQ(engine->warn_score(), shipped->warn_score());
}

TEST_F(ConfigTest, LocalDirMergeOverridesOneThreshold) {
  Result<Engine> shipped = Engine::load(options());
  ASSERT_TRUE(shipped.has_value()) << shipped.error().message;
  const double block = shipped->block_score();
  write_text(local() / "actions.toml", "block = " + std::to_string(block + 5.0) + "\n");
  EngineOptions layered = options();
  layered.local_dir = local().string();
  Result<Engine> engine = Engine::load(layered);
  ASSERT_TRUE(engine.has_value()) << engine.error().message;
  EXPECT_DOUBLE_EQ(engine->block_score(), block + 5.0);
  EXPECT_DOUBLE_EQ(engine->warn_score(), shipped->warn_score());
}

TEST_F(ConfigTest, OverrideDirReplacesWholeFile) {
  write_text(override_dir() / "scores.toml", "[pressure]\nPRESSURE_SECRECY = 0.25\n");
  EngineOptions layered = options();
  layered.override_dir = override_dir().string();
  Result<Engine> engine = Engine::load(layered);
  ASSERT_TRUE(engine.has_value()) << engine.error().message;
  for (const SymbolInfo& info : engine->symbols()) {
    if (info.symbol == "PRESSURE_SECRECY") {
      EXPECT_DOUBLE_EQ(info.score, 0.25);
    } else {
      // The shipped scores.toml is not read at all: every other symbol has its default.
      EXPECT_DOUBLE_EQ(info.score, info.default_score) << info.symbol;
    }
  }
  // Nor are the shipped group caps.
  EXPECT_TRUE(detail::engine_state(*engine).config.group_caps.empty());
}

TEST_F(ConfigTest, OverrideDirWinsOverLocalDir) {
  write_text(local() / "scores.toml", "[pressure]\nPRESSURE_SECRECY = 0.5\n");
  write_text(override_dir() / "scores.toml", "[pressure]\nPRESSURE_SECRECY = 0.75\n");
  EngineOptions layered = options();
  layered.local_dir = local().string();
  layered.override_dir = override_dir().string();
  Result<Engine> engine = Engine::load(layered);
  ASSERT_TRUE(engine.has_value()) << engine.error().message;
  EXPECT_DOUBLE_EQ(by_name(*engine).at("PRESSURE_SECRECY").score, 0.75);
}

TEST_F(ConfigTest, WarnEqualToBlockIsRejected) {
  write_text(conf() / "actions.toml", "warn = 10.0\nblock = 10.0\n");
  Result<Engine> engine = Engine::load(options());
  ASSERT_FALSE(engine.has_value());
  EXPECT_EQ(engine.error().code, ErrorCode::kConfig);
  EXPECT_TRUE(contains(engine.error().message, "actions.toml")) << engine.error().message;
}

TEST_F(ConfigTest, WarnAboveBlockIsRejected) {
  write_text(local() / "actions.toml", "warn = 12.0\n");
  EngineOptions layered = options();
  layered.local_dir = local().string();
  Result<Engine> engine = Engine::load(layered);
  ASSERT_FALSE(engine.has_value());
  EXPECT_EQ(engine.error().code, ErrorCode::kConfig);
}

TEST_F(ConfigTest, CompositeWithUnknownSymbolNamesComposite) {
  write_text(local() / "composites.toml",
             "[MY_COMPOSITE]\nexpression = \"BRAND_CLAIM & NO_SUCH_SYMBOL\"\nscore = 1.0\n"
             "description = \"test\"\n");
  EngineOptions layered = options();
  layered.local_dir = local().string();
  Result<Engine> engine = Engine::load(layered);
  ASSERT_FALSE(engine.has_value());
  EXPECT_EQ(engine.error().code, ErrorCode::kConfig);
  EXPECT_TRUE(contains(engine.error().message, "MY_COMPOSITE")) << engine.error().message;
  EXPECT_TRUE(contains(engine.error().message, "NO_SUCH_SYMBOL")) << engine.error().message;
  EXPECT_TRUE(contains(engine.error().message, "column")) << engine.error().message;
}

TEST_F(ConfigTest, LocalListEntriesAreAdded) {
  write_text(local() / "lists" / "remote_tools.txt", "zzsupport: zz support | zee zee support\n");
  EngineOptions layered = options();
  layered.local_dir = local().string();
  Result<Engine> engine = Engine::load(layered);
  ASSERT_TRUE(engine.has_value()) << engine.error().message;
  CallSession call = engine->open_call();
  ASSERT_TRUE(call.on_turn({Speaker::kRemote, "please download zee zee support now"}));
  const Finding* named = call.verdict().find("REMOTE_TOOL_NAMED");
  ASSERT_NE(named, nullptr);
  EXPECT_NE(std::find(named->options.begin(), named->options.end(), "tool=zzsupport"),
            named->options.end());
}

// [rules.<group>]: a rule's own settings, read through its compiler (core/rule_settings.h).
TEST_F(ConfigTest, RuleSettingUnknownKeyNamesFileLineAndKnownKeys) {
  write_text(conf() / "scamguard.toml", "[rules.context]\n\nofficial_numbrs = \"x\"\n");
  Result<Engine> engine = Engine::load(options());
  ASSERT_FALSE(engine.has_value());
  EXPECT_EQ(engine.error().code, ErrorCode::kConfig);
  const std::string& message = engine.error().message;
  EXPECT_TRUE(contains(message, "scamguard.toml:3")) << message;
  EXPECT_TRUE(contains(message, "official_numbrs")) << message;
  EXPECT_TRUE(contains(message, "known: official_numbers")) << message;
}

TEST_F(ConfigTest, RuleSettingForGroupWithoutSettingsIsRefused) {
  write_text(local() / "scamguard.toml", "[rules.payment]\nlimit = 3\n");
  EngineOptions layered = options();
  layered.local_dir = local().string();
  Result<Engine> engine = Engine::load(layered);
  ASSERT_FALSE(engine.has_value());
  EXPECT_TRUE(contains(engine.error().message, "[rules.payment]")) << engine.error().message;
}

TEST_F(ConfigTest, RuleSettingOfWrongTypeNamesFileAndLine) {
  write_text(conf() / "scamguard.toml", "[rules.context]\nofficial_numbers = 12\n");
  Result<Engine> engine = Engine::load(options());
  ASSERT_FALSE(engine.has_value());
  EXPECT_TRUE(contains(engine.error().message, "scamguard.toml:2")) << engine.error().message;
  EXPECT_TRUE(contains(engine.error().message, "must be a string")) << engine.error().message;
}

TEST_F(ConfigTest, RuleSettingNamesAMissingList) {
  write_text(local() / "scamguard.toml", "[rules.context]\nofficial_numbers = \"my_lines\"\n");
  EngineOptions layered = options();
  layered.local_dir = local().string();
  Result<Engine> engine = Engine::load(layered);
  ASSERT_FALSE(engine.has_value());
  EXPECT_TRUE(contains(engine.error().message, "lists/my_lines.txt")) << engine.error().message;
}

TEST_F(ConfigTest, OfficialNumbersListIsReadThroughTheRuleSetting) {
  write_text(local() / "scamguard.toml", "[rules.context]\nofficial_numbers = \"my_lines\"\n");
  write_text(local() / "lists" / "my_lines.txt", "my bank: (03) 5550 1234\n");
  EngineOptions layered = options();
  layered.local_dir = local().string();
  Result<Engine> engine = Engine::load(layered);
  ASSERT_TRUE(engine.has_value()) << engine.error().message;
  CallSession call = engine->open_call();
  CallSetup setup;
  setup.direction = Direction::kOutbound;
  setup.callee = "+61 3 5550 1234";
  ASSERT_TRUE(call.on_signalling(setup).has_value());
  bool verified = false;
  for (const Finding& finding : call.verdict().findings) {
    if (finding.symbol == "USER_CALLED_VERIFIED_NUMBER") {
      verified = true;
      EXPECT_EQ(finding.options, std::vector<std::string>{"official=my bank"});
    }
  }
  EXPECT_TRUE(verified);
}

}  // namespace
}  // namespace scamguard
