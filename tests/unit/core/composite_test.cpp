// Composite expressions (core/composite.h): parsing, errors with columns, order, negation.

#include "core/composite.h"

#include <gtest/gtest.h>

#include <map>
#include <optional>
#include <string>

namespace scamguard {
namespace {

// Symbols A, B, C have ids 0, 1, 2; anything else is unknown.
std::optional<uint32_t> resolve(std::string_view name) {
  if (name == "A") return 0u;
  if (name == "B") return 1u;
  if (name == "C") return 2u;
  return std::nullopt;
}

// First turns of the symbols and stages seen so far.
struct Seen {
  std::map<uint32_t, int> symbols;
  std::map<Stage, int> stages;
};

std::optional<int> evaluate(std::string_view text, const Seen& seen) {
  Result<CompositeExpression> expression = CompositeExpression::parse(text, resolve);
  EXPECT_TRUE(expression.has_value()) << text << ": " << expression.error().message;
  if (!expression) return std::nullopt;
  return expression->evaluate(
      [&](uint32_t id) -> std::optional<int> {
        auto found = seen.symbols.find(id);
        if (found == seen.symbols.end()) return std::nullopt;
        return found->second;
      },
      [&](Stage stage) -> std::optional<int> {
        auto found = seen.stages.find(stage);
        if (found == seen.stages.end()) return std::nullopt;
        return found->second;
      });
}

std::string parse_error(std::string_view text) {
  Result<CompositeExpression> expression = CompositeExpression::parse(text, resolve);
  EXPECT_FALSE(expression.has_value()) << text << " parsed";
  if (expression) return {};
  EXPECT_EQ(expression.error().code, ErrorCode::kConfig);
  return expression.error().message;
}

TEST(CompositeExpression, SymbolIsTrueAtItsTurn) {
  EXPECT_EQ(evaluate("A", {{{0, 3}}, {}}), 3);
  EXPECT_EQ(evaluate("A", {}), std::nullopt);
}

TEST(CompositeExpression, AndIsTrueWhenBothAreAtTheLaterTurn) {
  EXPECT_EQ(evaluate("A & B", {{{0, 1}, {1, 4}}, {}}), 4);
  EXPECT_EQ(evaluate("A & B", {{{0, 1}}, {}}), std::nullopt);
}

TEST(CompositeExpression, OrIsTrueAtTheEarlierTurn) {
  EXPECT_EQ(evaluate("A | B", {{{0, 5}, {1, 2}}, {}}), 2);
  EXPECT_EQ(evaluate("A | B", {{{1, 7}}, {}}), 7);
  EXPECT_EQ(evaluate("A | B", {}), std::nullopt);
}

TEST(CompositeExpression, ThenRequiresLeftNoLaterThanRight) {
  EXPECT_EQ(evaluate("A > B", {{{0, 1}, {1, 3}}, {}}), 3);
  EXPECT_EQ(evaluate("A > B", {{{0, 2}, {1, 2}}, {}}), 2);  // same turn counts
  EXPECT_EQ(evaluate("A > B", {{{0, 3}, {1, 1}}, {}}), std::nullopt);
  EXPECT_EQ(evaluate("A > B", {{{0, 1}}, {}}), std::nullopt);
}

TEST(CompositeExpression, ThenChainsInOrder) {
  EXPECT_EQ(evaluate("A > B > C", {{{0, 0}, {1, 2}, {2, 5}}, {}}), 5);
  EXPECT_EQ(evaluate("A > B > C", {{{0, 0}, {1, 6}, {2, 5}}, {}}), std::nullopt);
  EXPECT_EQ(evaluate("A > B > C", {{{0, 4}, {1, 2}, {2, 5}}, {}}), std::nullopt);
}

TEST(CompositeExpression, NotIsTrueBeforeTheFirstTurnWhileUnseen) {
  EXPECT_EQ(evaluate("!A", {}), kBeforeFirstTurn);
  EXPECT_EQ(evaluate("!A", {{{0, 2}}, {}}), std::nullopt);
  EXPECT_EQ(evaluate("B & !A", {{{1, 3}}, {}}), 3);
  EXPECT_EQ(evaluate("B & !A", {{{0, 5}, {1, 3}}, {}}), std::nullopt);
}

TEST(CompositeExpression, DashIsAlsoNot) {
  EXPECT_EQ(evaluate("B & -A", {{{0, 1}, {1, 3}}, {}}), std::nullopt);
}

TEST(CompositeExpression, ThenBindsTighterThanAndTighterThanOr) {
  // A | (B & (C > A))
  EXPECT_EQ(evaluate("A | B & C > A", {{{0, 9}, {1, 1}, {2, 2}}, {}}), 9);
  EXPECT_EQ(evaluate("B & C > A", {{{0, 9}, {1, 1}, {2, 2}}, {}}), 9);
  EXPECT_EQ(evaluate("B & C > A", {{{0, 1}, {1, 1}, {2, 2}}, {}}), std::nullopt);
  // (@impersonation | @pretext) > @remote_access & !C, as in conf/composites.toml
  Seen seen{{}, {{Stage::kPretext, 1}, {Stage::kRemoteAccess, 2}}};
  EXPECT_EQ(evaluate("(@impersonation | @pretext) > @remote_access & !C", seen), 2);
  seen.symbols[2] = 0;
  EXPECT_EQ(evaluate("(@impersonation | @pretext) > @remote_access & !C", seen), std::nullopt);
}

TEST(CompositeExpression, ParenthesesGroup) {
  EXPECT_EQ(evaluate("(A | B) > C", {{{1, 1}, {2, 2}}, {}}), 2);
  EXPECT_EQ(evaluate("A | (B > C)", {{{1, 3}, {2, 2}}, {}}), std::nullopt);
}

TEST(CompositeExpression, StageOperand) {
  Seen seen{{}, {{Stage::kRemoteAccess, 2}, {Stage::kPayment, 4}}};
  EXPECT_EQ(evaluate("@remote_access > @payment", seen), 4);
  EXPECT_EQ(evaluate("@payment > @remote_access", seen), std::nullopt);
  EXPECT_EQ(evaluate("@theft", seen), std::nullopt);
}

TEST(CompositeExpression, IgnoresWhitespace) {
  EXPECT_EQ(evaluate("  A>B  ", {{{0, 1}, {1, 3}}, {}}), 3);
}

TEST(CompositeExpression, ErrorForTruncatedExpressionHasColumn) {
  const std::string message = parse_error("A & ");
  EXPECT_NE(message.find("column 5"), std::string::npos) << message;
}

TEST(CompositeExpression, ErrorForUnknownSymbolNamesItAndColumn) {
  const std::string message = parse_error("A & NOPE");
  EXPECT_NE(message.find("NOPE"), std::string::npos) << message;
  EXPECT_NE(message.find("column"), std::string::npos) << message;
}

TEST(CompositeExpression, ErrorForUnknownStage) {
  const std::string message = parse_error("A > @nosuchstage");
  EXPECT_NE(message.find("nosuchstage"), std::string::npos) << message;
  EXPECT_NE(message.find("column"), std::string::npos) << message;
}

TEST(CompositeExpression, ErrorForMissingParenthesis) {
  const std::string message = parse_error("(A | B");
  EXPECT_NE(message.find(")"), std::string::npos) << message;
  EXPECT_NE(message.find("column 7"), std::string::npos) << message;
}

TEST(CompositeExpression, ErrorForTrailingGarbage) {
  const std::string message = parse_error("A B");
  EXPECT_NE(message.find("column 3"), std::string::npos) << message;
}

TEST(CompositeExpression, ErrorForEmptyExpression) {
  const std::string message = parse_error("");
  EXPECT_NE(message.find("column 1"), std::string::npos) << message;
}

TEST(CompositeExpression, ErrorForOperatorWithoutOperand) {
  const std::string message = parse_error("A & | B");
  EXPECT_NE(message.find("column 5"), std::string::npos) << message;
}

}  // namespace
}  // namespace scamguard
