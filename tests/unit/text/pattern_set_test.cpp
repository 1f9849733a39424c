// The vectorscan pattern set (text/pattern_set.h): word boundaries, the " ~ " gap, errors.

#include "text/pattern_set.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "text/normalizer.h"

namespace scamguard::text {
namespace {

// Ids of the patterns that match the canonical form of `input`.
std::set<uint32_t> matching(const CompiledPatterns& patterns, std::string_view input) {
  std::vector<PatternMatch> matches;
  patterns.scan(normalize(input), matches);
  std::set<uint32_t> ids;
  for (const PatternMatch& match : matches) ids.insert(match.id);
  return ids;
}

CompiledPatterns compile_one(std::string_view pattern, bool need_span = false) {
  PatternSetBuilder builder;
  builder.add(pattern, "test", need_span);
  Result<CompiledPatterns> compiled = builder.compile();
  EXPECT_TRUE(compiled.has_value()) << (compiled ? "" : compiled.error().message);
  return compiled ? std::move(*compiled) : CompiledPatterns{};
}

TEST(PatternSet, ExpandsGapShorthand) {
  const std::string expression = expand_pattern("read ~ code");
  EXPECT_EQ(expression.find(" ~ "), std::string::npos) << expression;
  EXPECT_NE(expression.find("read"), std::string::npos) << expression;
  EXPECT_NE(expression.find("code"), std::string::npos) << expression;
}

TEST(PatternSet, LeavesPatternWithoutGapAlone) {
  const std::string expression = expand_pattern("any desk");
  EXPECT_NE(expression.find("any desk"), std::string::npos) << expression;
}

TEST(PatternSet, GapMatchesUpToThreeWords) {
  CompiledPatterns patterns = compile_one("read ~ code");
  EXPECT_EQ(matching(patterns, "read code").size(), 1u);
  EXPECT_EQ(matching(patterns, "read the code").size(), 1u);
  EXPECT_EQ(matching(patterns, "please read me the code now").size(), 1u);
  EXPECT_EQ(matching(patterns, "read me out the code").size(), 1u);
}

TEST(PatternSet, GapDoesNotMatchFourWords) {
  CompiledPatterns patterns = compile_one("read ~ code");
  EXPECT_TRUE(matching(patterns, "read it to me slowly code").empty());
  EXPECT_TRUE(matching(patterns, "read the paper then find the code").empty());
}

TEST(PatternSet, MatchesOnWordBoundaries) {
  CompiledPatterns patterns = compile_one("desk");
  EXPECT_EQ(matching(patterns, "any desk").size(), 1u);
  EXPECT_TRUE(matching(patterns, "desktop").empty());
  EXPECT_TRUE(matching(patterns, "anydesk").empty());
}

TEST(PatternSet, GapKeepsWordBoundaries) {
  CompiledPatterns patterns = compile_one("read ~ code");
  EXPECT_TRUE(matching(patterns, "reading the code").empty());
  EXPECT_TRUE(matching(patterns, "read the codes").empty());
}

TEST(PatternSet, ReportsEveryPatternThatMatches) {
  PatternSetBuilder builder;
  const uint32_t tool = builder.add("(any desk|anydesk)", "tool");
  const uint32_t code = builder.add("[0-9]+ digit code", "code");
  const uint32_t other = builder.add("gift card", "other");
  Result<CompiledPatterns> compiled = builder.compile();
  ASSERT_TRUE(compiled.has_value()) << compiled.error().message;
  EXPECT_EQ(compiled->size(), 3u);
  const std::set<uint32_t> ids =
      matching(*compiled, "Download Any Desk and read me the nine digit code");
  EXPECT_TRUE(ids.count(tool));
  EXPECT_TRUE(ids.count(code));
  EXPECT_FALSE(ids.count(other));
}

TEST(PatternSet, SpanPatternsReportStartAndEnd) {
  CompiledPatterns patterns = compile_one("[0-9]+ dollars", /*need_span=*/true);
  const std::string text = normalize("pay one forty nine dollars now");
  std::vector<PatternMatch> matches;
  patterns.scan(text, matches);
  ASSERT_FALSE(matches.empty());
  const PatternMatch& match = matches.front();
  EXPECT_EQ(text.substr(match.from, match.to - match.from), "149 dollars");
}

TEST(PatternSet, CompileErrorNamesOrigin) {
  PatternSetBuilder builder;
  builder.add("fine pattern", "rule GOOD_RULE");
  builder.add("(unclosed group", "lists/brands.txt:12");
  Result<CompiledPatterns> compiled = builder.compile();
  ASSERT_FALSE(compiled.has_value());
  EXPECT_EQ(compiled.error().code, ErrorCode::kConfig);
  EXPECT_NE(compiled.error().message.find("lists/brands.txt:12"), std::string::npos)
      << compiled.error().message;
  EXPECT_EQ(compiled.error().message.find("GOOD_RULE"), std::string::npos)
      << compiled.error().message;
}

TEST(PatternSet, EmptySetScansNothing) {
  PatternSetBuilder builder;
  Result<CompiledPatterns> compiled = builder.compile();
  ASSERT_TRUE(compiled.has_value());
  EXPECT_EQ(compiled->size(), 0u);
  EXPECT_TRUE(matching(*compiled, "anything at all").empty());
}

// Each thread scans with its own scratch space, grown to fit each database it meets: two
// threads at once, and one thread alternating between two databases of different sizes.
TEST(PatternSet, ThreadsAndDatabasesShareNoScratch) {
  CompiledPatterns small = compile_one("gift card");
  PatternSetBuilder builder;
  for (int i = 0; i < 200; ++i) builder.add("word" + std::to_string(i) + " ~ (card|code)", "test");
  Result<CompiledPatterns> large = builder.compile();
  ASSERT_TRUE(large.has_value()) << large.error().message;
  auto scan_both = [&](int rounds, int& found) {
    for (int i = 0; i < rounds; ++i) {
      std::vector<PatternMatch> a;
      std::vector<PatternMatch> b;
      small.scan(normalize("buy a gift card"), a);
      large->scan(normalize("say word7 the code"), b);
      found += static_cast<int>(a.size() == 1 && b.size() == 1);
    }
  };
  int first = 0;
  int second = 0;
  std::thread other([&] { scan_both(500, second); });
  scan_both(500, first);
  other.join();
  EXPECT_EQ(first, 500);
  EXPECT_EQ(second, 500);
}

// A cached database is read back instead of compiled, and a damaged cache file is compiled
// afresh and replaced, never trusted.
TEST(PatternSet, CacheFileIsCheckedBeforeUse) {
  const std::filesystem::path dir = std::filesystem::temp_directory_path() /
                                    ("scamguard-pattern-cache-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  PatternSetBuilder builder;
  builder.add("gift card", "test");
  Result<CompiledPatterns> compiled = builder.compile(dir.string());
  ASSERT_TRUE(compiled.has_value());
  EXPECT_FALSE(compiled->from_cache());
  Result<CompiledPatterns> cached = builder.compile(dir.string());
  ASSERT_TRUE(cached.has_value());
  EXPECT_TRUE(cached->from_cache());
  EXPECT_EQ(matching(*cached, "buy a gift card").size(), 1u);

  std::filesystem::path file;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) file = entry.path();
  ASSERT_FALSE(file.empty());
  {  // flip one byte of the serialised database, after the header
    std::fstream damage(file, std::ios::in | std::ios::out | std::ios::binary);
    damage.seekg(48);
    const char byte = static_cast<char>(damage.get());
    damage.seekp(48);
    damage.put(static_cast<char>(byte ^ 0x5a));
  }
  Result<CompiledPatterns> recompiled = builder.compile(dir.string());
  ASSERT_TRUE(recompiled.has_value());
  EXPECT_FALSE(recompiled->from_cache());
  EXPECT_EQ(matching(*recompiled, "buy a gift card").size(), 1u);
  Result<CompiledPatterns> repaired = builder.compile(dir.string());
  ASSERT_TRUE(repaired.has_value());
  EXPECT_TRUE(repaired->from_cache());

  std::filesystem::resize_file(file, 20);  // truncated
  Result<CompiledPatterns> truncated = builder.compile(dir.string());
  ASSERT_TRUE(truncated.has_value());
  EXPECT_FALSE(truncated->from_cache());
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace scamguard::text
