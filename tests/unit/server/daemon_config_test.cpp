#include "server/daemon_config.h"

#include <gtest/gtest.h>

#include "server/auth.h"
#include "server/rate_limiter.h"
#include "support/test_paths.h"

namespace scamguard::server {
namespace {

using scamguard::testing::TempDir;
using scamguard::testing::write_text;

TEST(DaemonConfig, ReadsKeysAndResolvesPathsFromTheFile) {
  TempDir dir;
  write_text(dir.path() / "d.toml",
             "[server]\nlisten = \"127.0.0.1:9000\"\ndb = \"data/calls.db\"\n"
             "[limits]\nmax_turn_bytes = 512\nrequests_per_second = 2.5\n");
  auto config = load_daemon_config((dir.path() / "d.toml").string(), DaemonConfig{});
  ASSERT_TRUE(config) << config.error().message;
  EXPECT_EQ(config->listen_port, 9000);
  EXPECT_EQ(config->db_path, (dir.path() / "data/calls.db").string());
  EXPECT_EQ(config->limits.max_turn_bytes, 512u);
  EXPECT_DOUBLE_EQ(config->limits.requests_per_second, 2.5);
}

TEST(DaemonConfig, UnknownKeysAndWrongTypesNameFileKeyAndLine) {
  TempDir dir;
  write_text(dir.path() / "d.toml", "[limits]\nmax_turn_bytes = 512\nmax_turns = 3\n");
  auto config = load_daemon_config((dir.path() / "d.toml").string(), DaemonConfig{});
  ASSERT_FALSE(config);
  EXPECT_NE(config.error().message.find("d.toml:3"), std::string::npos) << config.error().message;
  EXPECT_NE(config.error().message.find("limits.max_turns"), std::string::npos);

  write_text(dir.path() / "e.toml", "[limits]\nmax_turn_bytes = \"big\"\n");
  auto typed = load_daemon_config((dir.path() / "e.toml").string(), DaemonConfig{});
  ASSERT_FALSE(typed);
  EXPECT_NE(typed.error().message.find("max_turn_bytes"), std::string::npos);
  EXPECT_FALSE(load_daemon_config((dir.path() / "missing.toml").string(), DaemonConfig{}));

  write_text(dir.path() / "f.toml", "[server]\nlisten = 5\n");
  auto listen = load_daemon_config((dir.path() / "f.toml").string(), DaemonConfig{});
  ASSERT_FALSE(listen);
  EXPECT_EQ(listen.error().message,
            (dir.path() / "f.toml").string() + ":2: 'server.listen' must be a string");
}

TEST(DaemonConfig, ErrorsListWhatTheTableAllows) {
  TempDir dir;
  write_text(dir.path() / "d.toml", "[log]\nlevel = \"loud\"\n");
  auto level = load_daemon_config((dir.path() / "d.toml").string(), DaemonConfig{});
  ASSERT_FALSE(level);
  EXPECT_NE(level.error().message.find(
                "d.toml:2: 'log.level' is 'loud', must be one of trace, debug, info, warn"),
            std::string::npos)
      << level.error().message;

  write_text(dir.path() / "e.toml", "[limits]\nmax_headers = 3\n");
  auto range = load_daemon_config((dir.path() / "e.toml").string(), DaemonConfig{});
  ASSERT_FALSE(range);
  EXPECT_NE(range.error().message.find("'limits.max_headers' must be an integer from 8 to 10000"),
            std::string::npos)
      << range.error().message;

  write_text(dir.path() / "f.toml", "[limits]\nmax_header = 3\n");
  auto unknown = load_daemon_config((dir.path() / "f.toml").string(), DaemonConfig{});
  ASSERT_FALSE(unknown);
  EXPECT_NE(unknown.error().message.find("known in [limits]: max_connections, max_header_bytes"),
            std::string::npos)
      << unknown.error().message;
}

TEST(DaemonConfig, NonLoopbackNeedsAuth) {
  DaemonConfig config;
  config.listen_host = "0.0.0.0";
  EXPECT_FALSE(validate(config));
  config.auth_tokens_path = "tokens.toml";
  EXPECT_TRUE(validate(config));
  EXPECT_TRUE(is_loopback_host("127.0.0.1"));
  EXPECT_TRUE(is_loopback_host("::1"));
  EXPECT_FALSE(is_loopback_host("10.0.0.1"));
  std::string host;
  int port = 0;
  EXPECT_TRUE(parse_listen("[::1]:8080", host, port));
  EXPECT_EQ(host, "::1");
  EXPECT_FALSE(parse_listen("127.0.0.1", host, port));
  EXPECT_FALSE(parse_listen("127.0.0.1:99999", host, port));
}

TEST(TokenSet, ChecksHashesAndRefusesPlainTokens) {
  TempDir dir;
  // sha256("secret"), from sha256sum.
  write_text(dir.path() / "t.toml",
             "[[token]]\nname = \"pbx\"\nscope = \"write\"\n"
             "sha256 = \"2bb80d537b1da3e38bd30361aa855686bde0eacd7162fef6a25fe97bf527a25b\"\n");
  auto tokens = TokenSet::load((dir.path() / "t.toml").string());
  ASSERT_TRUE(tokens) << tokens.error().message;
  auto holder = tokens->check("secret");
  ASSERT_TRUE(holder);
  EXPECT_EQ(holder->name, "pbx");
  EXPECT_EQ(holder->scope, Scope::kWrite);
  EXPECT_FALSE(tokens->check("Secret"));

  write_text(dir.path() / "plain.toml", "[[token]]\nname = \"pbx\"\nsha256 = \"secret\"\n");
  auto plain = TokenSet::load((dir.path() / "plain.toml").string());
  ASSERT_FALSE(plain);
  EXPECT_NE(plain.error().message.find("token[0].sha256"), std::string::npos);
}

TEST(RateLimiter, LetsABurstThroughThenHoldsTheRate) {
  RateLimiter limiter;
  limiter.configure(2.0, 3.0);
  const auto start = RateLimiter::Clock::now();
  int allowed = 0;
  for (int i = 0; i < 10; ++i) allowed += limiter.allow("a", start) ? 1 : 0;
  EXPECT_EQ(allowed, 3);
  EXPECT_TRUE(limiter.allow("b", start));  // clients do not share a bucket
  EXPECT_TRUE(limiter.allow("a", start + std::chrono::milliseconds(600)));
  EXPECT_FALSE(limiter.allow("a", start + std::chrono::milliseconds(700)));
}

}  // namespace
}  // namespace scamguard::server
