#include "store/pg_db.h"

#include <charconv>
#include <cstdio>
#include <cstdlib>

#include "store/store_url.h"

namespace scamguard::store {

PgParams& PgParams::add(std::string_view text) {
  values_.emplace_back(std::string(text));
  return *this;
}

PgParams& PgParams::add(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.17g", value);
  return add(std::string_view(buffer));
}

PgParams& PgParams::add_null() {
  values_.emplace_back(std::nullopt);
  return *this;
}

PgParams& PgParams::add_bytes(const void* data, size_t bytes) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string hex = "\\x";
  hex.reserve(2 + bytes * 2);
  const auto* p = static_cast<const unsigned char*>(data);
  for (size_t i = 0; i < bytes; ++i) {
    hex.push_back(kHex[p[i] >> 4]);
    hex.push_back(kHex[p[i] & 0xf]);
  }
  values_.emplace_back(std::move(hex));
  return *this;
}

std::vector<const char*> PgParams::pointers() const {
  std::vector<const char*> out;
  out.reserve(values_.size());
  for (const std::optional<std::string>& value : values_) {
    out.push_back(value ? value->c_str() : nullptr);
  }
  return out;
}

std::string PgResult::text(int row, int column) const {
  return std::string(PQgetvalue(result_.get(), row, column),
                     static_cast<size_t>(PQgetlength(result_.get(), row, column)));
}

int64_t PgResult::integer(int row, int column) const {
  const char* value = PQgetvalue(result_.get(), row, column);
  int64_t out = 0;
  std::from_chars(value, value + PQgetlength(result_.get(), row, column), out);
  return out;
}

double PgResult::number(int row, int column) const {
  return std::strtod(PQgetvalue(result_.get(), row, column), nullptr);
}

bool PgResult::boolean(int row, int column) const {
  return PQgetvalue(result_.get(), row, column)[0] == 't';
}

std::string PgResult::bytes(int row, int column) const {
  size_t length = 0;
  unsigned char* raw = PQunescapeBytea(
      reinterpret_cast<const unsigned char*>(PQgetvalue(result_.get(), row, column)), &length);
  if (!raw) return {};
  std::string out(reinterpret_cast<const char*>(raw), length);
  PQfreemem(raw);
  return out;
}

Result<std::unique_ptr<PgConnection>> PgConnection::connect(const std::string& url) {
  const std::string where = "PostgreSQL " + redact_url(url);
  const char* keys[] = {"dbname", "connect_timeout", "application_name", nullptr};
  const char* values[] = {url.c_str(), "5", "scamguard", nullptr};
  PGconn* conn = PQconnectdbParams(keys, values, /*expand_dbname=*/1);
  if (!conn || PQstatus(conn) != CONNECTION_OK) {
    std::string message = conn ? PQerrorMessage(conn) : "out of memory";
    while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) {
      message.pop_back();
    }
    if (conn) PQfinish(conn);
    return make_error(ErrorCode::kUnavailable, "cannot connect to " + where + ": " + message);
  }
  // Notices (e.g. "relation already exists, skipping") are not errors; keep them off stderr.
  PQsetNoticeProcessor(
      conn, [](void*, const char*) {}, nullptr);
  return std::unique_ptr<PgConnection>(new PgConnection(conn, where));
}

PgConnection::~PgConnection() {
  if (conn_) PQfinish(conn_);
}

Unexpected PgConnection::failure(PGresult* result, std::string_view sql) const {
  std::string message = result ? PQresultErrorMessage(result) : PQerrorMessage(conn_);
  while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) message.pop_back();
  const char* state = result ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
  // Class 23: integrity constraint violation (unique, check, foreign key): the input.
  const bool constraint = state && state[0] == '2' && state[1] == '3';
  std::string statement(sql.substr(0, sql.find_first_of("(\n")));
  if (result) PQclear(result);
  return make_error(constraint ? ErrorCode::kInvalidInput : ErrorCode::kUnavailable,
                    where_ + ": " + statement + ": " + message);
}

Result<PgResult> PgConnection::exec(std::string_view sql, const PgParams& params) {
  const std::string text(sql);
  const std::vector<const char*> values = params.pointers();
  PGresult* result =
      PQexecParams(conn_, text.c_str(), params.size(), nullptr, values.data(), nullptr, nullptr, 0);
  const ExecStatusType status = result ? PQresultStatus(result) : PGRES_FATAL_ERROR;
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) return failure(result, sql);
  return PgResult(result);
}

Result<PgResult> PgConnection::exec_prepared(const char* name, std::string_view sql,
                                             const PgParams& params) {
  if (!prepared_.count(name)) {
    const std::string text(sql);
    PGresult* prepared = PQprepare(conn_, name, text.c_str(), params.size(), nullptr);
    if (!prepared || PQresultStatus(prepared) != PGRES_COMMAND_OK) return failure(prepared, sql);
    PQclear(prepared);
    prepared_.insert(name);
  }
  const std::vector<const char*> values = params.pointers();
  PGresult* result = PQexecPrepared(conn_, name, params.size(), values.data(), nullptr, nullptr, 0);
  const ExecStatusType status = result ? PQresultStatus(result) : PGRES_FATAL_ERROR;
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) return failure(result, sql);
  return PgResult(result);
}

Status PgConnection::exec_script(std::string_view sql) {
  const std::string text(sql);
  PGresult* result = PQexec(conn_, text.c_str());
  const ExecStatusType status = result ? PQresultStatus(result) : PGRES_FATAL_ERROR;
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) return failure(result, sql);
  PQclear(result);
  return {};
}

Result<PgPool::Lease> PgPool::acquire() {
  {
    std::lock_guard lock(mutex_);
    while (!idle_.empty()) {
      std::unique_ptr<PgConnection> conn = std::move(idle_.back());
      idle_.pop_back();
      // A server that went away closed the socket: reading it now marks the connection
      // broken, so the request does not fail on a connection known to be dead.
      (void)PQconsumeInput(conn->handle());
      if (!conn->broken()) return Lease(*this, std::move(conn));
    }
  }
  Result<std::unique_ptr<PgConnection>> conn = PgConnection::connect(url_);
  if (!conn) return Unexpected{conn.error()};
  return Lease(*this, std::move(*conn));
}

void PgPool::release(std::unique_ptr<PgConnection> conn) {
  if (conn->broken() || PQtransactionStatus(conn->handle()) != PQTRANS_IDLE) return;  // dropped
  std::lock_guard lock(mutex_);
  if (idle_.size() < keep_) idle_.push_back(std::move(conn));
}

Result<bool> PgMigrationTarget::table_exists(std::string_view table) {
  Result<PgResult> found = conn_.exec("SELECT to_regclass($1) IS NOT NULL", PgParams().add(table));
  if (!found) return Unexpected{found.error()};
  return found->boolean(0, 0);
}

Result<int> PgMigrationTarget::max_version(std::string_view version_table) {
  Result<PgResult> version =
      conn_.exec("SELECT COALESCE(MAX(version), 0) FROM " + std::string(version_table));
  if (!version) return Unexpected{version.error()};
  return static_cast<int>(version->integer(0, 0));
}

Status PgMigrationTarget::begin_exclusive() {
  // One lock for every part's migrations: they are rare and short.
  return conn_.exec_script("BEGIN; SELECT pg_advisory_xact_lock(7245190311)");
}

}  // namespace scamguard::store
