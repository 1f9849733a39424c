#include "store/migrations.h"

namespace scamguard::store {

Result<int> read_schema_version(MigrationTarget& db, const Schema& schema) {
  auto named = [&](Error error) {
    error.message = db.describe() + ": reading the " + std::string(schema.part) +
                    " schema version: " + error.message;
    return Unexpected{std::move(error)};
  };
  Result<bool> exists = db.table_exists(schema.version_table);
  if (!exists) return named(exists.error());
  if (!*exists) return 0;
  Result<int> version = db.max_version(schema.version_table);
  if (!version) return named(version.error());
  return version;
}

namespace {

Status refuse_if_newer(MigrationTarget& db, const Schema& schema, int current) {
  if (current <= schema.version()) return {};
  return make_error(ErrorCode::kConfig,
                    db.describe() + " has " + std::string(schema.part) + " schema version " +
                        std::to_string(current) + ", newer than the version " +
                        std::to_string(schema.version()) +
                        " this scamguard understands; refusing to use it (nothing was changed; "
                        "run a newer scamguard)");
}

}  // namespace

Status check_schema(MigrationTarget& db, const Schema& schema) {
  Result<int> current = read_schema_version(db, schema);
  if (!current) return Unexpected{current.error()};
  return refuse_if_newer(db, schema, *current);
}

Status migrate_schema(MigrationTarget& db, const Schema& schema) {
  for (;;) {
    if (Status begun = db.begin_exclusive(); !begun) return begun;
    auto fail = [&](Error error) -> Status {
      (void)db.exec("ROLLBACK");
      return Unexpected{std::move(error)};
    };
    // Read inside the exclusive transaction: another node may have migrated meanwhile.
    Result<int> current = read_schema_version(db, schema);
    if (!current) return fail(current.error());
    if (Status newer = refuse_if_newer(db, schema, *current); !newer) return fail(newer.error());
    if (*current == schema.version()) return db.exec("COMMIT");
    const int version = *current + 1;
    std::string sql;
    if (version == 1) {
      sql += "CREATE TABLE " + std::string(schema.version_table) + " (version INTEGER NOT NULL);\n";
    }
    sql += schema.migrations[static_cast<size_t>(version - 1)];
    sql += "\nINSERT INTO " + std::string(schema.version_table) + " (version) VALUES (" +
           std::to_string(version) + ");";
    if (Status applied = db.exec(sql); !applied) {
      Error error = applied.error();
      error.message = db.describe() + ": migrating the " + std::string(schema.part) +
                      " schema to version " + std::to_string(version) + ": " + error.message;
      return fail(std::move(error));
    }
    if (Status committed = db.exec("COMMIT"); !committed) return fail(committed.error());
  }
}

}  // namespace scamguard::store
