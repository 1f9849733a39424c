// Many phrase patterns compiled once into one vectorscan (Hyperscan) database and scanned
// in a single pass per turn. This is vectorscan's database / scratch split: the compiled
// set is immutable and shared by all calls; each call owns a scratch space.
//
// Patterns are written against the canonical text of text/normalizer.h: lower-case words
// separated by single spaces. Each pattern is matched on word boundaries. One shorthand:
// " ~ " stands for "up to three other words here", so "read ~ code" matches "read me the
// code" and "read the code" but not a "read" far away from a "code"; " ~~ " allows up to six.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "scamguard/error.h"

struct hs_database;
struct hs_scratch;

namespace scamguard::text {

struct PatternMatch {
  uint32_t id;
  uint32_t from;  // start offset, valid only for patterns added with need_span
  uint32_t to;    // end offset (exclusive)
};

// Expands the " ~ " shorthand into a vectorscan expression; exposed for tests.
std::string expand_pattern(std::string_view pattern);

class PatternScratch;

class CompiledPatterns {
 public:
  CompiledPatterns() = default;
  CompiledPatterns(CompiledPatterns&&) noexcept = default;
  CompiledPatterns& operator=(CompiledPatterns&&) noexcept = default;
  ~CompiledPatterns();

  // Appends every match in `text` to `out`. Patterns without need_span report each match
  // once per scan. Thread-safe as long as each thread uses its own scratch.
  void scan(std::string_view text, PatternScratch& scratch, std::vector<PatternMatch>& out) const;

  PatternScratch make_scratch() const;
  size_t size() const noexcept { return count_; }

 private:
  friend class PatternSetBuilder;
  struct DatabaseDeleter {
    void operator()(hs_database* db) const noexcept;
  };
  struct ScratchDeleter {
    void operator()(hs_scratch* scratch) const noexcept;
  };
  std::unique_ptr<hs_database, DatabaseDeleter> database_;
  std::unique_ptr<hs_scratch, ScratchDeleter> prototype_;
  size_t count_ = 0;
};

// Per-call scratch space; must not be used by two threads at once.
class PatternScratch {
 public:
  PatternScratch() = default;
  PatternScratch(PatternScratch&&) noexcept = default;
  PatternScratch& operator=(PatternScratch&&) noexcept = default;

 private:
  friend class CompiledPatterns;
  struct Deleter {
    void operator()(hs_scratch* scratch) const noexcept;
  };
  std::unique_ptr<hs_scratch, Deleter> scratch_;
};

class PatternSetBuilder {
 public:
  // Adds a pattern and returns its id (ids are dense, from 0). `origin` names where the
  // pattern came from ("rule REMOTE_ACCESS_REQUEST", "lists/brands.txt:12") for errors.
  uint32_t add(std::string_view pattern, std::string origin, bool need_span = false);

  // Compiles all patterns. A pattern that does not compile is reported with its origin.
  // With a `cache_dir`, a database compiled earlier from the very same patterns is loaded
  // from there instead, and a fresh compile is saved there (best effort).
  Result<CompiledPatterns> compile(const std::string& cache_dir = {}) const;

 private:
  struct Entry {
    std::string expression;
    std::string origin;
    bool need_span;
  };
  uint64_t fingerprint() const;
  std::vector<Entry> entries_;
};

}  // namespace scamguard::text
