#include "text/pattern_set.h"

#include <hs/hs.h>

#include <array>
#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>

namespace scamguard::text {
namespace {

constexpr std::string_view kGapToken = " ~ ";
constexpr std::string_view kGapExpression = "(?: \\S+){0,3} ";
constexpr std::string_view kLongGapToken = " ~~ ";
constexpr std::string_view kLongGapExpression = "(?: \\S+){0,6} ";

struct ScanContext {
  std::vector<PatternMatch>* out;
  const std::vector<bool>* needs_span;  // set for the main database, null for the span one
  bool span_matched = false;
};

int on_match(unsigned int id, unsigned long long from, unsigned long long to,  // NOLINT
             unsigned int /*flags*/, void* context) {
  auto* scan = static_cast<ScanContext*>(context);
  if (scan->needs_span && (*scan->needs_span)[id]) {
    scan->span_matched = true;  // reported by the span database instead
    return 0;
  }
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

uint64_t next_database_generation() {
  static std::atomic<uint64_t> next{1};
  return next.fetch_add(1, std::memory_order_relaxed);
}

namespace {
// The scratch only grows: hs_alloc_scratch makes it fit the new database and every one it fit
// before. So a database checked once stays fitted, and the generations checked are kept, the
// most recent few: an engine scans two or three databases per call (the phrase patterns, the
// numbering plan, a campaign's script index), and asking vectorscan again at each switch
// measured a quarter of a leave-one-source-out run.
struct ThreadScratch {
  static constexpr size_t kFitted = 8;
  hs_scratch_t* scratch = nullptr;
  std::array<uint64_t, kFitted> fitted{};  // generations the scratch fits (0: none)
  size_t next_slot = 0;
  ThreadScratch() = default;
  ThreadScratch(const ThreadScratch&) = delete;
  ThreadScratch& operator=(const ThreadScratch&) = delete;
  ~ThreadScratch() {
    if (scratch) hs_free_scratch(scratch);
  }
};
thread_local ThreadScratch t_scratch;
}  // namespace

hs_scratch_t* thread_scratch(const hs_database_t* database, uint64_t generation) {
  ThreadScratch& ts = t_scratch;
  for (uint64_t fitted : ts.fitted) {
    if (fitted == generation) return ts.scratch;
  }
  if (hs_alloc_scratch(database, &ts.scratch) != HS_SUCCESS) return nullptr;
  ts.fitted[ts.next_slot] = generation;
  ts.next_slot = (ts.next_slot + 1) % ThreadScratch::kFitted;
  return ts.scratch;
}

void CompiledPatterns::scan(std::string_view text, std::vector<PatternMatch>& out) const {
  if (!database_ || text.empty()) return;
  hs_scratch_t* scratch = thread_scratch(database_.get(), generation_);
  if (!scratch) return;
  // Scanning cannot fail on valid arguments; a failure would only lose matches, never
  // corrupt state, so the result is deliberately not turned into an error on the hot path.
  const size_t first = out.size();
  ScanContext context{&out, &needs_span_};
  hs_scan(database_.get(), text.data(), static_cast<unsigned int>(text.size()), 0, scratch,
          on_match, &context);
  if (!context.span_matched) return;
  scratch = thread_scratch(span_database_.get(), span_generation_);
  if (!scratch) return;
  const size_t plain_end = out.size();
  ScanContext span_context{&out, nullptr};
  hs_scan(span_database_.get(), text.data(), static_cast<unsigned int>(text.size()), 0, scratch,
          on_match, &span_context);
  // Both scans report in order of end offset; merged, the matches are in that order again (an
  // in-place insertion merge: no buffer, and the span matches of a turn are few).
  for (size_t i = plain_end; i < out.size(); ++i) {
    for (size_t j = i; j > first && out[j - 1].to > out[j].to; --j) std::swap(out[j - 1], out[j]);
  }
}

uint32_t PatternSetBuilder::add(std::string_view pattern, std::string origin, bool need_span) {
  entries_.push_back({expand_pattern(pattern), std::move(origin), need_span});
  return static_cast<uint32_t>(entries_.size() - 1);
}

namespace {

// FNV-1a over the vectorscan version and every expression with its flags and id.
uint64_t fingerprint(const DatabaseSpec& spec) {
  uint64_t hash = 1469598103934665603ull;
  auto mix = [&](std::string_view bytes) {
    for (unsigned char c : bytes) hash = (hash ^ c) * 1099511628211ull;
    hash = (hash ^ 0xff) * 1099511628211ull;
  };
  mix(hs_version());
  for (size_t i = 0; i < spec.expressions.size(); ++i) {
    mix(spec.expressions[i]);
    const unsigned int numbers[2] = {spec.flags[i], spec.ids[i]};
    mix(std::string_view(reinterpret_cast<const char*>(numbers), sizeof numbers));
  }
  return hash;
}

std::string cache_path(const std::string& cache_dir, uint64_t fingerprint) {
  char name[40];
  std::snprintf(name, sizeof name, "patterns-%016llx.hsdb",
                static_cast<unsigned long long>(fingerprint));
  return (std::filesystem::path(cache_dir) / name).string();
}

// The cache file: this header, then vectorscan's serialised database. The header is checked
// whole before vectorscan sees a byte, so a truncated, foreign or stale file (the name is a
// hash; the fingerprint inside is the full check) is recompiled, never trusted.
constexpr char kCacheMagic[4] = {'S', 'G', 'P', 'D'};
constexpr uint32_t kCacheFormat = 1;
struct CacheHeader {
  char magic[4];
  uint32_t format;
  uint64_t fingerprint;
  uint64_t length;    // bytes of serialised database after the header
  uint64_t checksum;  // checksum() of those bytes
};

uint64_t checksum(const char* bytes, size_t length) {
  uint64_t hash = 0x9e3779b97f4a7c15ull ^ length;
  size_t i = 0;
  for (; i + 8 <= length; i += 8) {
    uint64_t word;
    std::memcpy(&word, bytes + i, 8);
    hash = (hash ^ word) * 0xff51afd7ed558ccdull;
    hash ^= hash >> 29;
  }
  for (; i < length; ++i) hash = (hash ^ static_cast<unsigned char>(bytes[i])) * 0x100000001b3ull;
  return hash;
}

hs_database_t* load_cached(const std::string& path, uint64_t fingerprint) {
  std::FILE* file = std::fopen(path.c_str(), "rb");
  if (!file) return nullptr;
  CacheHeader header{};
  std::string data;
  bool ok = std::fread(&header, sizeof header, 1, file) == 1 &&
            std::memcmp(header.magic, kCacheMagic, sizeof kCacheMagic) == 0 &&
            header.format == kCacheFormat && header.fingerprint == fingerprint &&
            header.length > 0 && header.length < (uint64_t{1} << 32);
  if (ok) {
    data.resize(header.length);
    ok = std::fread(data.data(), 1, data.size(), file) == data.size() && std::fgetc(file) == EOF &&
         checksum(data.data(), data.size()) == header.checksum;
  }
  std::fclose(file);
  hs_database_t* database = nullptr;
  if (!ok || hs_deserialize_database(data.data(), data.size(), &database) != HS_SUCCESS) {
    return nullptr;
  }
  return database;
}

// Best effort: written to a temporary name and renamed, so that a reader never sees half a
// file and two processes compiling at once do not corrupt each other.
void save_cached(const std::string& path, uint64_t fingerprint, const hs_database_t* database) {
  char* bytes = nullptr;
  size_t length = 0;
  if (hs_serialize_database(database, &bytes, &length) != HS_SUCCESS) return;
  CacheHeader header{};
  std::memcpy(header.magic, kCacheMagic, sizeof kCacheMagic);
  header.format = kCacheFormat;
  header.fingerprint = fingerprint;
  header.length = length;
  header.checksum = checksum(bytes, length);
  std::error_code ignored;
  std::filesystem::create_directories(std::filesystem::path(path).parent_path(), ignored);
  const std::string temporary = path + ".tmp" + std::to_string(reinterpret_cast<uintptr_t>(bytes));
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(&header), sizeof header);
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

hs_database_t* compile_database(const DatabaseSpec& spec, const std::string& cache_dir,
                                bool& from_cache, hs_compile_error_t*& error) {
  from_cache = false;
  error = nullptr;
  const uint64_t hash = cache_dir.empty() ? 0 : fingerprint(spec);
  const std::string cached = cache_dir.empty() ? "" : cache_path(cache_dir, hash);
  hs_database_t* database = cached.empty() ? nullptr : load_cached(cached, hash);
  if (database) {
    from_cache = true;
    return database;
  }
  if (hs_compile_multi(spec.expressions.data(), spec.flags.data(), spec.ids.data(),
                       static_cast<unsigned int>(spec.expressions.size()), HS_MODE_BLOCK, nullptr,
                       &database, &error) != HS_SUCCESS) {
    return nullptr;
  }
  if (!cached.empty()) save_cached(cached, hash, database);
  return database;
}

Result<CompiledPatterns> PatternSetBuilder::compile(const std::string& cache_dir) const {
  CompiledPatterns compiled;
  compiled.count_ = entries_.size();
  if (entries_.empty()) return compiled;

  std::vector<const char*> expressions;
  std::vector<unsigned int> flags;
  std::vector<unsigned int> ids;
  std::vector<const char*> span_expressions;
  std::vector<unsigned int> span_ids;
  compiled.needs_span_.resize(entries_.size());
  for (size_t i = 0; i < entries_.size(); ++i) {
    // A '~' left after expansion was meant as a gap but lacks its spaces; as a literal it
    // would silently never match.
    if (entries_[i].expression.find('~') != std::string::npos) {
      return make_error(ErrorCode::kConfig, entries_[i].origin + ": pattern '" +
                                                entries_[i].expression +
                                                "' has a '~' without spaces around it");
    }
    expressions.push_back(entries_[i].expression.c_str());
    flags.push_back(HS_FLAG_SINGLEMATCH);
    ids.push_back(static_cast<unsigned int>(i));
    if (entries_[i].need_span) {
      compiled.needs_span_[i] = true;
      span_expressions.push_back(entries_[i].expression.c_str());
      span_ids.push_back(static_cast<unsigned int>(i));
    }
  }
  Result<hs_database_t*> database =
      compile_spec({expressions, flags, ids}, cache_dir, compiled.from_cache_);
  if (!database) return Unexpected{database.error()};
  compiled.database_.reset(*database);
  compiled.generation_ = next_database_generation();
  if (!span_expressions.empty()) {
    const std::vector<unsigned int> span_flags(span_expressions.size(), HS_FLAG_SOM_LEFTMOST);
    bool span_from_cache = false;
    Result<hs_database_t*> span_database =
        compile_spec({span_expressions, span_flags, span_ids}, cache_dir, span_from_cache);
    if (!span_database) return Unexpected{span_database.error()};
    compiled.span_database_.reset(*span_database);
    compiled.from_cache_ = compiled.from_cache_ && span_from_cache;
    compiled.span_generation_ = next_database_generation();
    if (!thread_scratch(compiled.span_database_.get(), compiled.span_generation_)) {
      return make_error(ErrorCode::kInternal, "cannot allocate vectorscan scratch space");
    }
  }
  // The loading thread's scratch is sized now, so that the first scan does not pay for it.
  if (!thread_scratch(compiled.database_.get(), compiled.generation_)) {
    return make_error(ErrorCode::kInternal, "cannot allocate vectorscan scratch space");
  }
  return compiled;
}

// Compiles one database of `spec` (or reads it from the cache); a pattern that does not compile
// is named by its origin.
Result<hs_database_t*> PatternSetBuilder::compile_spec(const DatabaseSpec& spec,
                                                       const std::string& cache_dir,
                                                       bool& from_cache) const {
  hs_compile_error_t* error = nullptr;
  hs_database_t* database = compile_database(spec, cache_dir, from_cache, error);
  if (database) return database;
  std::string message = "pattern does not compile";
  if (error) {
    if (error->expression >= 0 && static_cast<size_t>(error->expression) < spec.ids.size()) {
      const Entry& bad = entries_[spec.ids[static_cast<size_t>(error->expression)]];
      message =
          bad.origin + ": pattern '" + bad.expression + "' does not compile: " + error->message;
    } else {
      message += std::string(": ") + error->message;
    }
    hs_free_compile_error(error);
  }
  return make_error(ErrorCode::kConfig, std::move(message));
}

}  // namespace scamguard::text
