#include "store/call_schema.h"

#include <string>

namespace scamguard::store {

namespace {

// Migration N brings the schema from version N-1 to N. Append; never edit a shipped one.
constexpr const char* kMigrations[] = {
    // 1: calls, turns, device events, verdict changes.
    R"sql(
CREATE TABLE calls (
  row          INTEGER PRIMARY KEY AUTOINCREMENT,
  id           TEXT NOT NULL UNIQUE,
  state        TEXT NOT NULL CHECK (state IN ('open', 'closed')),
  close_reason TEXT,
  setup_json   TEXT NOT NULL,
  opened_at    INTEGER NOT NULL,
  updated_at   INTEGER NOT NULL,
  closed_at    INTEGER,
  action       TEXT NOT NULL,
  score        REAL NOT NULL,
  turn_count   INTEGER NOT NULL DEFAULT 0,
  event_count  INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX calls_by_state ON calls (state, row);
CREATE INDEX calls_by_updated ON calls (updated_at);
CREATE TABLE call_turns (
  call_id TEXT NOT NULL REFERENCES calls (id),
  idx     INTEGER NOT NULL,
  seq     INTEGER NOT NULL,
  at      INTEGER NOT NULL,
  speaker TEXT NOT NULL,
  text    TEXT NOT NULL,
  PRIMARY KEY (call_id, idx)
) WITHOUT ROWID;
CREATE TABLE call_events (
  call_id    TEXT NOT NULL REFERENCES calls (id),
  seq        INTEGER NOT NULL,
  after_turn INTEGER NOT NULL,
  at         INTEGER NOT NULL,
  type       TEXT NOT NULL,
  app        TEXT NOT NULL,
  PRIMARY KEY (call_id, seq)
) WITHOUT ROWID;
CREATE TABLE call_verdicts (
  call_id       TEXT NOT NULL REFERENCES calls (id),
  seq           INTEGER NOT NULL,
  turn          INTEGER NOT NULL,
  at            INTEGER NOT NULL,
  action        TEXT NOT NULL,
  score         REAL NOT NULL,
  findings_json TEXT NOT NULL,
  PRIMARY KEY (call_id, seq)
) WITHOUT ROWID;
)sql",
};
static_assert(std::size(kMigrations) == kCallSchemaVersion, "one migration per schema version");

}  // namespace

Result<int> read_call_schema_version(SqliteDb& db) {
  Result<SqliteStatement> exists = db.prepare(
      "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'scamguard_calls_schema'");
  if (!exists) return Unexpected{exists.error()};
  Result<bool> row = exists->step();
  if (!row) return Unexpected{row.error()};
  if (!*row) return 0;
  Result<SqliteStatement> version = db.prepare("SELECT max(version) FROM scamguard_calls_schema");
  if (!version) return Unexpected{version.error()};
  row = version->step();
  if (!row) return Unexpected{row.error()};
  if (!*row || version->column_is_null(0)) return 0;
  return static_cast<int>(version->column_int(0));
}

Status migrate_call_schema(SqliteDb& db) {
  Result<int> current = read_call_schema_version(db);
  if (!current) return Unexpected{current.error()};
  if (*current > kCallSchemaVersion) {
    return make_error(ErrorCode::kConfig,
                      "database " + db.path() + " has call schema version " +
                          std::to_string(*current) + ", newer than the version " +
                          std::to_string(kCallSchemaVersion) +
                          " this scamguardd understands; refusing to use it (nothing was "
                          "changed; run a newer scamguardd)");
  }
  for (int version = *current + 1; version <= kCallSchemaVersion; ++version) {
    std::string sql = "BEGIN IMMEDIATE;\n";
    if (version == 1) sql += "CREATE TABLE scamguard_calls_schema (version INTEGER NOT NULL);\n";
    sql += kMigrations[version - 1];
    sql += "INSERT INTO scamguard_calls_schema (version) VALUES (" + std::to_string(version) +
           ");\nCOMMIT;";
    if (Status applied = db.exec(sql); !applied) {
      (void)db.exec("ROLLBACK");
      Error error = applied.error();
      error.message =
          "migrating the call schema to version " + std::to_string(version) + ": " + error.message;
      return Unexpected{error};
    }
  }
  return {};
}

}  // namespace scamguard::store
