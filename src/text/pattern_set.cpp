#include "text/pattern_set.h"

#include <hs/hs.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace scamguard::text {
namespace {

constexpr std::string_view kGapToken = " ~ ";
constexpr std::string_view kGapExpression = "(?: \\S+){0,3} ";
constexpr std::string_view kLongGapToken = " ~~ ";
constexpr std::string_view kLongGapExpression = "(?: \\S+){0,6} ";

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
    size_t gap = pattern.find(" ~", pos);
    if (gap == std::string_view::npos) break;
    expression.append(pattern.substr(pos, gap - pos));
    if (pattern.substr(gap, kLongGapToken.size()) == kLongGapToken) {
      expression.append(kLongGapExpression);
      pos = gap + kLongGapToken.size();
    } else if (pattern.substr(gap, kGapToken.size()) == kGapToken) {
      expression.append(kGapExpression);
      pos = gap + kGapToken.size();
    } else {
      expression.append(" ~");  // left for compile() to report
      pos = gap + 2;
    }
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

uint64_t PatternSetBuilder::fingerprint() const {
  // FNV-1a over the vectorscan version and every pattern with its flags.
  uint64_t hash = 1469598103934665603ull;
  auto mix = [&](std::string_view bytes) {
    for (unsigned char c : bytes) hash = (hash ^ c) * 1099511628211ull;
    hash = (hash ^ 0xff) * 1099511628211ull;
  };
  mix(hs_version());
  for (const Entry& entry : entries_) {
    mix(entry.expression);
    mix(entry.need_span ? "span" : "single");
  }
  return hash;
}

namespace {

std::string cache_path(const std::string& cache_dir, uint64_t fingerprint) {
  char name[40];
  std::snprintf(name, sizeof name, "patterns-%016llx.hsdb",
                static_cast<unsigned long long>(fingerprint));
  return (std::filesystem::path(cache_dir) / name).string();
}

hs_database_t* load_cached(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return nullptr;
  std::ostringstream bytes;
  bytes << in.rdbuf();
  const std::string data = bytes.str();
  hs_database_t* database = nullptr;
  if (hs_deserialize_database(data.data(), data.size(), &database) != HS_SUCCESS) return nullptr;
  return database;
}

// Best effort: written to a temporary name and renamed, so that a reader never sees half a
// file and two processes compiling at once do not corrupt each other.
void save_cached(const std::string& path, const hs_database_t* database) {
  char* bytes = nullptr;
  size_t length = 0;
  if (hs_serialize_database(database, &bytes, &length) != HS_SUCCESS) return;
  std::error_code ignored;
  std::filesystem::create_directories(std::filesystem::path(path).parent_path(), ignored);
  const std::string temporary = path + ".tmp" + std::to_string(reinterpret_cast<uintptr_t>(bytes));
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    out.write(bytes, static_cast<std::streamsize>(length));
    if (!out) {
      std::free(bytes);
      std::filesystem::remove(temporary, ignored);
      return;
    }
  }
  std::free(bytes);
  std::filesystem::rename(temporary, path, ignored);
  if (ignored) std::filesystem::remove(temporary, ignored);
}

}  // namespace

Result<CompiledPatterns> PatternSetBuilder::compile(const std::string& cache_dir) const {
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
  const std::string cached = cache_dir.empty() ? "" : cache_path(cache_dir, fingerprint());
  hs_database_t* database = cached.empty() ? nullptr : load_cached(cached);
  hs_compile_error_t* error = nullptr;
  if (!database && hs_compile_multi(expressions.data(), flags.data(), ids.data(),
                                    static_cast<unsigned int>(expressions.size()), HS_MODE_BLOCK,
                                    nullptr, &database, &error) != HS_SUCCESS) {
    std::string message = "pattern does not compile";
    if (error) {
      if (error->expression >= 0 && static_cast<size_t>(error->expression) < entries_.size()) {
        const Entry& bad = entries_[static_cast<size_t>(error->expression)];
        message =
            bad.origin + ": pattern '" + bad.expression + "' does not compile: " + error->message;
      } else {
        message += std::string(": ") + error->message;
      }
      hs_free_compile_error(error);
    }
    return make_error(ErrorCode::kConfig, std::move(message));
  }
  compiled.database_.reset(database);
  if (!cached.empty() && !std::filesystem::exists(cached)) save_cached(cached, database);
  hs_scratch_t* scratch = nullptr;
  if (hs_alloc_scratch(database, &scratch) != HS_SUCCESS) {
    return make_error(ErrorCode::kInternal, "cannot allocate vectorscan scratch space");
  }
  compiled.prototype_.reset(scratch);
  return compiled;
}

}  // namespace scamguard::text
