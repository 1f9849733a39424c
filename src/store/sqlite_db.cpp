#include "store/sqlite_db.h"

#include <utility>

namespace scamguard::store {

namespace {
Unexpected sqlite_error(sqlite3* db, std::string_view what) {
  const int code = db ? sqlite3_extended_errcode(db) : SQLITE_ERROR;
  // Busy, locked, I/O and full-disk failures may pass; a constraint is the caller's input.
  const int primary = code & 0xff;
  ErrorCode error_code = ErrorCode::kUnavailable;
  if (primary == SQLITE_CONSTRAINT) error_code = ErrorCode::kInvalidInput;
  return make_error(error_code,
                    std::string(what) + ": " + (db ? sqlite3_errmsg(db) : "out of memory"));
}
}  // namespace

SqliteStatement::SqliteStatement(SqliteStatement&& other) noexcept
    : db_(std::exchange(other.db_, nullptr)), stmt_(std::exchange(other.stmt_, nullptr)) {}

SqliteStatement& SqliteStatement::operator=(SqliteStatement&& other) noexcept {
  if (this != &other) {
    if (stmt_) sqlite3_finalize(stmt_);
    db_ = std::exchange(other.db_, nullptr);
    stmt_ = std::exchange(other.stmt_, nullptr);
  }
  return *this;
}

SqliteStatement::~SqliteStatement() {
  if (stmt_) sqlite3_finalize(stmt_);
}

SqliteStatement& SqliteStatement::bind(int index, std::string_view text) {
  sqlite3_bind_text(stmt_, index, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
  return *this;
}

SqliteStatement& SqliteStatement::bind(int index, int64_t value) {
  sqlite3_bind_int64(stmt_, index, value);
  return *this;
}

SqliteStatement& SqliteStatement::bind(int index, double value) {
  sqlite3_bind_double(stmt_, index, value);
  return *this;
}

SqliteStatement& SqliteStatement::bind_null(int index) {
  sqlite3_bind_null(stmt_, index);
  return *this;
}

SqliteStatement& SqliteStatement::bind_blob(int index, const void* data, size_t bytes) {
  sqlite3_bind_blob64(stmt_, index, data, bytes, SQLITE_TRANSIENT);
  return *this;
}

std::string_view SqliteStatement::column_blob(int column) const {
  const void* data = sqlite3_column_blob(stmt_, column);
  const int bytes = sqlite3_column_bytes(stmt_, column);
  if (!data || bytes <= 0) return {};
  return {static_cast<const char*>(data), static_cast<size_t>(bytes)};
}

Result<bool> SqliteStatement::step() {
  const int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  return sqlite_error(db_, sqlite3_sql(stmt_));
}

Status SqliteStatement::run() {
  for (;;) {
    Result<bool> row = step();
    if (!row) {
      reset();
      return Unexpected{row.error()};
    }
    if (!*row) break;
  }
  reset();
  return {};
}

void SqliteStatement::reset() {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
}

int64_t SqliteStatement::column_int(int column) const {
  return sqlite3_column_int64(stmt_, column);
}

double SqliteStatement::column_double(int column) const {
  return sqlite3_column_double(stmt_, column);
}

std::string SqliteStatement::column_text(int column) const {
  const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, column));
  if (!text) return {};
  return std::string(text, static_cast<size_t>(sqlite3_column_bytes(stmt_, column)));
}

bool SqliteStatement::column_is_null(int column) const {
  return sqlite3_column_type(stmt_, column) == SQLITE_NULL;
}

Result<SqliteDb> SqliteDb::open(const std::string& path, int flags) {
  sqlite3* handle = nullptr;
  const int rc = sqlite3_open_v2(path.c_str(), &handle, flags, nullptr);
  if (rc != SQLITE_OK) {
    std::string message = "cannot open database " + path + ": " +
                          (handle ? sqlite3_errmsg(handle) : sqlite3_errstr(rc));
    if (handle) sqlite3_close(handle);
    return make_error(ErrorCode::kUnavailable, message);
  }
  sqlite3_extended_result_codes(handle, 1);
  // Readers and the writer share the file; a reader waits for a checkpoint rather than fail.
  sqlite3_busy_timeout(handle, 5000);
  SqliteDb db;
  db.db_ = handle;
  db.path_ = path;
  return db;
}

SqliteDb::SqliteDb(SqliteDb&& other) noexcept
    : db_(std::exchange(other.db_, nullptr)), path_(std::move(other.path_)) {}

SqliteDb& SqliteDb::operator=(SqliteDb&& other) noexcept {
  if (this != &other) {
    if (db_) sqlite3_close_v2(db_);
    db_ = std::exchange(other.db_, nullptr);
    path_ = std::move(other.path_);
  }
  return *this;
}

SqliteDb::~SqliteDb() {
  if (db_) sqlite3_close_v2(db_);
}

Status SqliteDb::exec(std::string_view sql) {
  std::string copy(sql);
  char* message = nullptr;
  if (sqlite3_exec(db_, copy.c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
    std::string text = message ? message : "unknown error";
    sqlite3_free(message);
    Unexpected failure = sqlite_error(db_, "");
    failure.error.message = path_ + ": " + text;
    return failure;
  }
  return {};
}

Result<SqliteStatement> SqliteDb::prepare(std::string_view sql) {
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT,
                         &stmt, nullptr) != SQLITE_OK) {
    return sqlite_error(db_, "prepare " + std::string(sql));
  }
  return SqliteStatement(db_, stmt);
}

int64_t SqliteDb::changes() const { return sqlite3_changes64(db_); }

std::string SqliteDb::last_error() const { return db_ ? sqlite3_errmsg(db_) : "no database"; }

Result<bool> SqliteMigrationTarget::table_exists(std::string_view table) {
  Result<SqliteStatement> exists =
      db_.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?1");
  if (!exists) return Unexpected{exists.error()};
  exists->bind(1, table);
  return exists->step();
}

Result<int> SqliteMigrationTarget::max_version(std::string_view version_table) {
  Result<SqliteStatement> version =
      db_.prepare("SELECT max(version) FROM " + std::string(version_table));
  if (!version) return Unexpected{version.error()};
  Result<bool> row = version->step();
  if (!row) return Unexpected{row.error()};
  if (!*row || version->column_is_null(0)) return 0;
  return static_cast<int>(version->column_int(0));
}

}  // namespace scamguard::store
