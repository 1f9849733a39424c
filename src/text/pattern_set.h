// Many phrase patterns compiled once into one vectorscan (Hyperscan) database and scanned
// in a single pass per turn. The compiled set is immutable and shared by all calls and
// threads; vectorscan's scratch space is per thread (a scan is synchronous, so a call needs
// it only while one of its turns is scanned), made once per thread and grown to fit every
// database that thread scans.
//
// Patterns are written against the canonical text of text/normalizer.h: lower-case words
// separated by single spaces. Each pattern is matched on word boundaries. One shorthand:
// " ~ " stands for "up to three other words here", so "read ~ code" matches "read me the
// code" and "read the code" but not a "read" far away from a "code"; " ~~ " allows up to six.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "scamguard/error.h"

struct hs_database;
struct hs_scratch;
struct hs_compile_error;

namespace scamguard::text {

struct PatternMatch {
  uint32_t id;
  uint32_t from;  // start offset, valid only for patterns added with need_span
  uint32_t to;    // end offset (exclusive)
};

// Expands the " ~ " shorthand into a vectorscan expression; exposed for tests.
std::string expand_pattern(std::string_view pattern);

class CompiledPatterns {
 public:
  CompiledPatterns() = default;
  CompiledPatterns(CompiledPatterns&&) noexcept = default;
  CompiledPatterns& operator=(CompiledPatterns&&) noexcept = default;
  ~CompiledPatterns();

  // Appends every match in `text` to `out`. Patterns without need_span report each match
  // once per scan. Thread-safe; allocates nothing once this thread's scratch space and
  // `out` have grown to size.
  void scan(std::string_view text, std::vector<PatternMatch>& out) const;

  size_t size() const noexcept { return count_; }
  // Whether the database was read from the cache rather than compiled (tests, benchmarks).
  bool from_cache() const noexcept { return from_cache_; }

 private:
  friend class PatternSetBuilder;
  struct DatabaseDeleter {
    void operator()(hs_database* db) const noexcept;
  };
  // Every pattern, each reported once per scan by its end alone: start-of-match tracking
  // (HS_FLAG_SOM_LEFTMOST) costs vectorscan more than the rest of the scan, so the patterns
  // that need their span are also in span_database_, which is scanned, with it, only on the
  // turns where one of them matched.
  std::unique_ptr<hs_database, DatabaseDeleter> database_;
  std::unique_ptr<hs_database, DatabaseDeleter> span_database_;
  uint64_t generation_ = 0;  // unique per database in the process: keys the thread's scratch
  uint64_t span_generation_ = 0;
  std::vector<bool> needs_span_;  // by pattern id
  size_t count_ = 0;
  bool from_cache_ = false;
};

// The calling thread's vectorscan scratch space, grown to fit `database` if it has not met
// it before (`generation` names the database uniquely, so that a new database at a freed
// one's address is never mistaken for it). nullptr only when vectorscan cannot allocate.
hs_scratch* thread_scratch(const hs_database* database, uint64_t generation);
uint64_t next_database_generation();

// What hs_compile_multi takes, for compile_database.
struct DatabaseSpec {
  std::span<const char* const> expressions;
  std::span<const unsigned int> flags;
  std::span<const unsigned int> ids;
};

// Compiles a block-mode database, or reads it from `cache_dir` when an earlier compile of
// the very same spec saved it there (see PatternSetBuilder::compile for the file and its
// checks), and saves a fresh compile there (best effort). Empty `cache_dir`: always compiles.
// Returns nullptr when the spec does not compile, with vectorscan's `error` (free it with
// hs_free_compile_error). Used by PatternSetBuilder and the numbering plan.
hs_database* compile_database(const DatabaseSpec& spec, const std::string& cache_dir,
                              bool& from_cache, hs_compile_error*& error);

class PatternSetBuilder {
 public:
  // Adds a pattern and returns its id (ids are dense, from 0). `origin` names where the
  // pattern came from ("rule REMOTE_ACCESS_REQUEST", "lists/brands.txt:12") for errors.
  uint32_t add(std::string_view pattern, std::string origin, bool need_span = false);

  // Compiles all patterns. A pattern that does not compile is reported with its origin.
  // With a `cache_dir`, a database compiled earlier from the very same patterns is loaded
  // from there instead, and a fresh compile is saved there (best effort). The cache file is
  // named by the fingerprint of every pattern, its flags and the vectorscan version, and
  // starts with a header (format version, fingerprint, length, checksum) that is checked
  // before vectorscan reads the rest; a file that fails any check is compiled afresh and
  // replaced.
  Result<CompiledPatterns> compile(const std::string& cache_dir = {}) const;

 private:
  struct Entry {
    std::string expression;
    std::string origin;
    bool need_span;
  };
  Result<hs_database*> compile_spec(const DatabaseSpec& spec, const std::string& cache_dir,
                                    bool& from_cache) const;
  std::vector<Entry> entries_;
};

}  // namespace scamguard::text
