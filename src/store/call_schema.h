// Versioned schema of the call tables. The version lives in its own table,
// `scamguard_calls_schema`, not in PRAGMA user_version: other parts of scamguard (campaigns)
// keep their own tables and versions in the same SQLite file, and each part migrates only
// what it owns. Tables this code does not know are never touched.
#pragma once

#include "scamguard/error.h"
#include "store/sqlite_db.h"

namespace scamguard::store {

// The newest call schema this binary understands.
inline constexpr int kCallSchemaVersion = 1;

// The call schema version recorded in `db`: 0 when the call tables do not exist yet.
Result<int> read_call_schema_version(SqliteDb& db);

// Refuses (kConfig, nothing changed) a database whose call schema is newer than this binary;
// otherwise applies every missing migration, each in its own transaction.
Status migrate_call_schema(SqliteDb& db);

}  // namespace scamguard::store
