#include "text/pattern_set.h"

#include <hs/hs.h>

namespace scamguard::text {
namespace {

constexpr std::string_view kGapToken = " ~ ";
constexpr std::string_view kGapExpression = "(?: \\S+){0,3} ";

struct ScanContext {
  std::vector<PatternMatch>* out;
};

int on_match(unsigned int id, unsigned long long from, unsigned long long to,  // NOLINT
             unsigned int /*flags*/, void* context) {
  auto* scan = static_cast<ScanContext*>(context);
  scan->out->push_back({id, static_cast<uint32_t>(from), static_cast<uint32_t>(to)});
  return 0;
}

}  // namespace

std::string expand_pattern(std::string_view pattern) {
  std::string expression = "\\b(?:";
  size_t pos = 0;
  while (true) {
    size_t gap = pattern.find(kGapToken, pos);
    if (gap == std::string_view::npos) break;
    expression.append(pattern.substr(pos, gap - pos));
    expression.append(kGapExpression);
    pos = gap + kGapToken.size();
  }
  expression.append(pattern.substr(pos));
  expression.append(")\\b");
  return expression;
}

CompiledPatterns::~CompiledPatterns() = default;

void CompiledPatterns::DatabaseDeleter::operator()(hs_database* db) const noexcept {
  hs_free_database(db);
}
void CompiledPatterns::ScratchDeleter::operator()(hs_scratch* scratch) const noexcept {
  hs_free_scratch(scratch);
}
void PatternScratch::Deleter::operator()(hs_scratch* scratch) const noexcept {
  hs_free_scratch(scratch);
}

PatternScratch CompiledPatterns::make_scratch() const {
  PatternScratch scratch;
  if (prototype_) {
    hs_scratch_t* clone = nullptr;
    if (hs_clone_scratch(prototype_.get(), &clone) == HS_SUCCESS) scratch.scratch_.reset(clone);
  }
  return scratch;
}

void CompiledPatterns::scan(std::string_view text, PatternScratch& scratch,
                            std::vector<PatternMatch>& out) const {
  if (!database_ || !scratch.scratch_ || text.empty()) return;
  ScanContext context{&out};
  // Scanning cannot fail on valid arguments; a failure would only lose matches, never
  // corrupt state, so the result is deliberately not turned into an error on the hot path.
  hs_scan(database_.get(), text.data(), static_cast<unsigned int>(text.size()), 0,
          scratch.scratch_.get(), on_match, &context);
}

uint32_t PatternSetBuilder::add(std::string_view pattern, std::string origin, bool need_span) {
  entries_.push_back({expand_pattern(pattern), std::move(origin), need_span});
  return static_cast<uint32_t>(entries_.size() - 1);
}

Result<CompiledPatterns> PatternSetBuilder::compile() const {
  CompiledPatterns compiled;
  compiled.count_ = entries_.size();
  if (entries_.empty()) return compiled;

  std::vector<const char*> expressions;
  std::vector<unsigned int> flags;
  std::vector<unsigned int> ids;
  for (size_t i = 0; i < entries_.size(); ++i) {
    // A '~' left after expansion was meant as a gap but lacks its spaces; as a literal it
    // would silently never match.
    if (entries_[i].expression.find('~') != std::string::npos) {
      return make_error(ErrorCode::kConfig, entries_[i].origin + ": pattern '" +
                                                entries_[i].expression +
                                                "' has a '~' without spaces around it");
    }
    expressions.push_back(entries_[i].expression.c_str());
    flags.push_back(entries_[i].need_span ? HS_FLAG_SOM_LEFTMOST : HS_FLAG_SINGLEMATCH);
    ids.push_back(static_cast<unsigned int>(i));
  }
  hs_database_t* database = nullptr;
  hs_compile_error_t* error = nullptr;
  if (hs_compile_multi(expressions.data(), flags.data(), ids.data(),
                       static_cast<unsigned int>(expressions.size()), HS_MODE_BLOCK, nullptr,
                       &database, &error) != HS_SUCCESS) {
    std::string message = "pattern does not compile";
    if (error) {
      if (error->expression >= 0 && static_cast<size_t>(error->expression) < entries_.size()) {
        const Entry& bad = entries_[static_cast<size_t>(error->expression)];
        message = bad.origin + ": pattern '" + bad.expression + "' does not compile: " +
                  error->message;
      } else {
        message += std::string(": ") + error->message;
      }
      hs_free_compile_error(error);
    }
    return make_error(ErrorCode::kConfig, std::move(message));
  }
  compiled.database_.reset(database);
  hs_scratch_t* scratch = nullptr;
  if (hs_alloc_scratch(database, &scratch) != HS_SUCCESS) {
    return make_error(ErrorCode::kInternal, "cannot allocate vectorscan scratch space");
  }
  compiled.prototype_.reset(scratch);
  return compiled;
}

}  // namespace scamguard::text
