// One migration mechanism for every part of scamguard that keeps tables (calls, campaigns) and
// every backend (SQLite, PostgreSQL).
//
// A part's schema is a list of migrations: migration N (1-based) brings the schema from
// version N-1 to N. Append; never edit a shipped one. The part's version lives in its own
// table (one row per applied migration, the newest is the version), never in a database-wide
// setting: several parts share one database and each migrates only what it owns. Tables a part
// does not know are never touched.
//
// Opening a store: `check_schema` first (reads only), so a database written by a newer
// scamguard is refused with nothing changed; then `migrate_schema`, which applies each missing
// migration in its own exclusive transaction, re-reading the version inside it so that several
// nodes starting at once against one PostgreSQL apply each migration exactly once.
#pragma once

#include <span>
#include <string>
#include <string_view>

#include "scamguard/error.h"

namespace scamguard::store {

struct Schema {
  std::string_view part;           // "call", "campaign": for messages
  std::string_view version_table;  // e.g. "scamguard_calls_schema"
  std::span<const char* const> migrations;
  int version() const { return static_cast<int>(migrations.size()); }
};

// The little a backend provides for the migrations to run on it.
class MigrationTarget {
 public:
  virtual ~MigrationTarget() = default;
  virtual std::string describe() const = 0;  // "database /var/lib/calls.db", for messages
  virtual Result<bool> table_exists(std::string_view table) = 0;
  virtual Result<int> max_version(std::string_view version_table) = 0;  // 0 when empty
  virtual Status exec(const std::string& sql) = 0;                      // several statements
  // Starts a transaction no other migrator can run beside (SQLite BEGIN IMMEDIATE,
  // PostgreSQL an advisory lock held to the end of the transaction).
  virtual Status begin_exclusive() = 0;
};

// The part's version in the database: 0 when its tables do not exist yet.
Result<int> read_schema_version(MigrationTarget& db, const Schema& schema);

// kConfig naming the database and both versions when the database is newer than `schema`;
// reads only.
Status check_schema(MigrationTarget& db, const Schema& schema);

// Refuses a newer database (as check_schema), otherwise applies every missing migration.
Status migrate_schema(MigrationTarget& db, const Schema& schema);

}  // namespace scamguard::store
