// The vectorscan pattern set (text/pattern_set.h): word boundaries, the " ~ " gap, errors.

#include "text/pattern_set.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include "text/normalizer.h"

namespace scamguard::text {
namespace {

// Ids of the patterns that match the canonical form of `input`.
std::set<uint32_t> matching(const CompiledPatterns& patterns, std::string_view input) {
  PatternScratch scratch = patterns.make_scratch();
  std::vector<PatternMatch> matches;
  patterns.scan(normalize(input), scratch, matches);
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
  PatternScratch scratch = patterns.make_scratch();
  const std::string text = normalize("pay one forty nine dollars now");
  std::vector<PatternMatch> matches;
  patterns.scan(text, scratch, matches);
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

TEST(PatternSet, ScratchesAreIndependent) {
  CompiledPatterns patterns = compile_one("gift card");
  PatternScratch first = patterns.make_scratch();
  PatternScratch second = patterns.make_scratch();
  std::vector<PatternMatch> a;
  std::vector<PatternMatch> b;
  patterns.scan(normalize("buy a gift card"), first, a);
  patterns.scan(normalize("buy a gift card"), second, b);
  EXPECT_EQ(a.size(), 1u);
  EXPECT_EQ(b.size(), 1u);
}

}  // namespace
}  // namespace scamguard::text
