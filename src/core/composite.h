// Composite symbols: boolean expressions over symbols and kill-chain stages, with order.
//
//   @impersonation > @remote_access > @payment & !USER_CALLED_VERIFIED_NUMBER
//
// Operands: a SYMBOL (true once it has fired) or @stage (true once any rule of that stage
// has fired). Operators, loosest first: '|' (or), '&' (and), '>' (then: the left side first
// fired no later than the right side), '!' (not); parentheses group.
//
// Each sub-expression evaluates to the turn at which it became true, so a composite is
// reported with the turn where the whole pattern was complete. This is what makes order
// matter: the cold call that claims a brand and *then* asks for remote access and *then*
// for money is a script; the same three in another order, or across a user-placed call,
// need not be.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "scamguard/error.h"
#include "scamguard/verdict.h"

namespace scamguard {

class CompositeExpression {
 public:
  // Resolves a symbol name to an id, or returns nullopt when no such symbol exists.
  using SymbolResolver = std::function<std::optional<uint32_t>(std::string_view)>;

  static Result<CompositeExpression> parse(std::string_view text, const SymbolResolver& resolve);

  // The turn at which the expression became true, or nullopt while it is false.
  // `symbol_turn(id)` and `stage_turn(stage)` give first turns, or nullopt when not seen.
  template <class SymbolTurn, class StageTurn>
  std::optional<int> evaluate(const SymbolTurn& symbol_turn, const StageTurn& stage_turn) const {
    return evaluate_node(root_, symbol_turn, stage_turn);
  }

  // The operands, for a cheap test before evaluate(): while none of them is true the value
  // is the one with nothing seen (a value depends on its operands only), kept here.
  const std::vector<uint32_t>& symbol_operands() const { return symbol_operands_; }
  uint32_t stage_operands() const { return stage_operands_; }  // bit per Stage
  std::optional<int> value_when_nothing_seen() const { return nothing_seen_; }

 private:
  enum class Kind : uint8_t { kSymbol, kStage, kNot, kAnd, kOr, kThen };
  struct Node {
    Kind kind;
    uint32_t value = 0;  // symbol id or stage
    int left = -1;
    int right = -1;
  };
  friend class CompositeParser;

  template <class SymbolTurn, class StageTurn>
  std::optional<int> evaluate_node(int index, const SymbolTurn& symbol_turn,
                                   const StageTurn& stage_turn) const {
    const Node& node = nodes_[static_cast<size_t>(index)];
    switch (node.kind) {
      case Kind::kSymbol:
        return symbol_turn(node.value);
      case Kind::kStage:
        return stage_turn(static_cast<Stage>(node.value));
      case Kind::kNot:
        if (evaluate_node(node.left, symbol_turn, stage_turn)) return std::nullopt;
        return kBeforeFirstTurn;
      case Kind::kAnd:
      case Kind::kThen: {
        std::optional<int> left = evaluate_node(node.left, symbol_turn, stage_turn);
        if (!left) return std::nullopt;
        std::optional<int> right = evaluate_node(node.right, symbol_turn, stage_turn);
        if (!right) return std::nullopt;
        if (node.kind == Kind::kThen && *left > *right) return std::nullopt;
        return std::max(*left, *right);
      }
      case Kind::kOr: {
        std::optional<int> left = evaluate_node(node.left, symbol_turn, stage_turn);
        std::optional<int> right = evaluate_node(node.right, symbol_turn, stage_turn);
        if (left && right) return std::min(*left, *right);
        return left ? left : right;
      }
    }
    return std::nullopt;
  }

  std::vector<Node> nodes_;
  int root_ = -1;
  std::vector<uint32_t> symbol_operands_;
  uint32_t stage_operands_ = 0;
  std::optional<int> nothing_seen_;
};

}  // namespace scamguard
