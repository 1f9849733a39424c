// A thin RAII layer over the SQLite C API: connections and prepared statements whose errors
// become Status values naming the statement, never exceptions.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "scamguard/error.h"
#include "store/migrations.h"

namespace scamguard::store {

class SqliteStatement {
 public:
  SqliteStatement() = default;
  SqliteStatement(sqlite3* db, sqlite3_stmt* stmt) : db_(db), stmt_(stmt) {}
  SqliteStatement(SqliteStatement&& other) noexcept;
  SqliteStatement& operator=(SqliteStatement&& other) noexcept;
  SqliteStatement(const SqliteStatement&) = delete;
  SqliteStatement& operator=(const SqliteStatement&) = delete;
  ~SqliteStatement();

  // Binding is 1-based, as in SQLite.
  SqliteStatement& bind(int index, std::string_view text);
  SqliteStatement& bind(int index, int64_t value);
  SqliteStatement& bind(int index, int value) { return bind(index, static_cast<int64_t>(value)); }
  SqliteStatement& bind(int index, double value);
  SqliteStatement& bind_null(int index);
  SqliteStatement& bind_blob(int index, const void* data, size_t bytes);

  // Steps once: true when a row is available, false when done; an error otherwise.
  Result<bool> step();
  // Steps to completion (for statements without rows).
  Status run();
  // Resets for reuse and clears bindings.
  void reset();

  int64_t column_int(int column) const;
  double column_double(int column) const;
  std::string column_text(int column) const;
  bool column_is_null(int column) const;
  std::string_view column_blob(int column) const;

 private:
  sqlite3* db_ = nullptr;
  sqlite3_stmt* stmt_ = nullptr;
};

class SqliteDb {
 public:
  // `flags` are sqlite3_open_v2 flags. Errors name the path.
  static Result<SqliteDb> open(const std::string& path, int flags);

  SqliteDb() = default;
  SqliteDb(SqliteDb&& other) noexcept;
  SqliteDb& operator=(SqliteDb&& other) noexcept;
  SqliteDb(const SqliteDb&) = delete;
  SqliteDb& operator=(const SqliteDb&) = delete;
  ~SqliteDb();

  Status exec(std::string_view sql);
  Result<SqliteStatement> prepare(std::string_view sql);
  int64_t changes() const;
  std::string last_error() const;
  sqlite3* handle() const { return db_; }
  const std::string& path() const { return path_; }

 private:
  sqlite3* db_ = nullptr;
  std::string path_;
};

// The migrations (store/migrations.h) on a SQLite connection.
class SqliteMigrationTarget final : public MigrationTarget {
 public:
  explicit SqliteMigrationTarget(SqliteDb& db) : db_(db) {}
  std::string describe() const override { return "database " + db_.path(); }
  Result<bool> table_exists(std::string_view table) override;
  Result<int> max_version(std::string_view version_table) override;
  Status exec(const std::string& sql) override { return db_.exec(sql); }
  Status begin_exclusive() override { return db_.exec("BEGIN IMMEDIATE"); }

 private:
  SqliteDb& db_;
};

}  // namespace scamguard::store
