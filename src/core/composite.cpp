#include "core/composite.h"

#include <cctype>

namespace scamguard {

class CompositeParser {
 public:
  CompositeParser(std::string_view text, const CompositeExpression::SymbolResolver& resolve,
                  CompositeExpression& out)
      : text_(text), resolve_(resolve), out_(out) {}

  Status parse() {
    Result<int> root = parse_or();
    if (!root) return Unexpected{root.error()};
    skip_space();
    if (pos_ != text_.size()) return fail("unexpected '" + std::string(1, text_[pos_]) + "'");
    out_.root_ = *root;
    return {};
  }

 private:
  using Kind = CompositeExpression::Kind;

  Result<int> parse_or() { return parse_binary(Kind::kOr, '|', &CompositeParser::parse_and); }
  Result<int> parse_and() { return parse_binary(Kind::kAnd, '&', &CompositeParser::parse_then); }
  Result<int> parse_then() { return parse_binary(Kind::kThen, '>', &CompositeParser::parse_unary); }

  Result<int> parse_binary(Kind kind, char op, Result<int> (CompositeParser::*next)()) {
    Result<int> left = (this->*next)();
    if (!left) return left;
    int node = *left;
    while (true) {
      skip_space();
      if (pos_ >= text_.size() || text_[pos_] != op) return node;
      ++pos_;
      Result<int> right = (this->*next)();
      if (!right) return right;
      node = add({kind, 0, node, *right});
    }
  }

  Result<int> parse_unary() {
    skip_space();
    if (pos_ >= text_.size()) return fail("expression ends early");
    const char c = text_[pos_];
    if (c == '!' || c == '-') {  // '-' is rspamd's spelling of "not"
      ++pos_;
      Result<int> operand = parse_unary();
      if (!operand) return operand;
      return add({Kind::kNot, 0, *operand, -1});
    }
    if (c == '(') {
      ++pos_;
      Result<int> inner = parse_or();
      if (!inner) return inner;
      skip_space();
      if (pos_ >= text_.size() || text_[pos_] != ')') return fail("missing ')'");
      ++pos_;
      return inner;
    }
    const bool is_stage = c == '@';
    if (is_stage) ++pos_;
    const size_t start = pos_;
    while (pos_ < text_.size() &&
           (std::isalnum(static_cast<unsigned char>(text_[pos_])) || text_[pos_] == '_')) {
      ++pos_;
    }
    std::string_view name = text_.substr(start, pos_ - start);
    if (name.empty()) return fail("expected a symbol or @stage");
    if (is_stage) {
      std::optional<Stage> stage = parse_stage(name);
      if (!stage) {
        return fail("unknown stage '@" + std::string(name) + "' (stages: " + allowed_stages() +
                    ")");
      }
      return add({Kind::kStage, static_cast<uint32_t>(*stage), -1, -1});
    }
    std::optional<uint32_t> id = resolve_(name);
    if (!id) return fail("unknown symbol '" + std::string(name) + "'");
    return add({Kind::kSymbol, *id, -1, -1});
  }

  int add(CompositeExpression::Node node) {
    out_.nodes_.push_back(node);
    return static_cast<int>(out_.nodes_.size() - 1);
  }

  void skip_space() {
    while (pos_ < text_.size() && std::isspace(static_cast<unsigned char>(text_[pos_]))) ++pos_;
  }

  Unexpected fail(const std::string& what) {
    return make_error(ErrorCode::kConfig, what + " at column " + std::to_string(pos_ + 1));
  }

  std::string_view text_;
  const CompositeExpression::SymbolResolver& resolve_;
  CompositeExpression& out_;
  size_t pos_ = 0;
};

Result<CompositeExpression> CompositeExpression::parse(std::string_view text,
                                                       const SymbolResolver& resolve) {
  CompositeExpression expression;
  CompositeParser parser(text, resolve, expression);
  if (Status status = parser.parse(); !status) return Unexpected{status.error()};
  for (const Node& node : expression.nodes_) {
    if (node.kind == Kind::kSymbol) expression.symbol_operands_.push_back(node.value);
    if (node.kind == Kind::kStage) expression.stage_operands_ |= 1u << node.value;
  }
  expression.nothing_seen_ =
      expression.evaluate([](uint32_t) -> std::optional<int> { return std::nullopt; },
                          [](Stage) -> std::optional<int> { return std::nullopt; });
  return expression;
}

}  // namespace scamguard
