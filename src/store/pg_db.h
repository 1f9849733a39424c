// A thin RAII layer over libpq: connections, results and a small connection pool whose errors
// become Status values naming the server and the statement, never exceptions. Parameters and
// results travel as text (libpq's default); bytea as hex.
#pragma once

#include <libpq-fe.h>

#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "scamguard/error.h"
#include "store/migrations.h"

namespace scamguard::store {

class PgParams {
 public:
  PgParams& add(std::string_view text);
  PgParams& add(int64_t value) { return add(std::string_view(std::to_string(value))); }
  PgParams& add(int value) { return add(static_cast<int64_t>(value)); }
  PgParams& add(double value);
  PgParams& add(bool value) { return add(std::string_view(value ? "t" : "f")); }
  PgParams& add_null();
  template <class T>
  PgParams& add(const std::optional<T>& value) {
    return value ? add(*value) : add_null();
  }
  PgParams& add_bytes(const void* data, size_t bytes);  // bytea, as hex

  int size() const { return static_cast<int>(values_.size()); }
  std::vector<const char*> pointers() const;

 private:
  std::vector<std::optional<std::string>> values_;
};

class PgResult {
 public:
  PgResult() = default;
  explicit PgResult(PGresult* result) : result_(result, PQclear) {}

  int rows() const { return result_ ? PQntuples(result_.get()) : 0; }
  bool is_null(int row, int column) const { return PQgetisnull(result_.get(), row, column); }
  std::string text(int row, int column) const;
  int64_t integer(int row, int column) const;
  double number(int row, int column) const;
  bool boolean(int row, int column) const;
  std::string bytes(int row, int column) const;  // bytea

 private:
  std::shared_ptr<PGresult> result_;
};

class PgConnection {
 public:
  // Connects (5 s timeout). Errors (kUnavailable) name the redacted URL.
  static Result<std::unique_ptr<PgConnection>> connect(const std::string& url);
  ~PgConnection();
  PgConnection(const PgConnection&) = delete;
  PgConnection& operator=(const PgConnection&) = delete;

  // One statement with parameters. A unique or check violation is kInvalidInput, anything
  // else kUnavailable; both name the server and the statement.
  Result<PgResult> exec(std::string_view sql, const PgParams& params = {});
  // The same through a statement prepared once per connection under `name`.
  Result<PgResult> exec_prepared(const char* name, std::string_view sql, const PgParams& params);
  // Several statements without parameters.
  Status exec_script(std::string_view sql);

  bool broken() const { return PQstatus(conn_) != CONNECTION_OK; }
  PGconn* handle() const { return conn_; }
  const std::string& where() const { return where_; }  // "PostgreSQL postgresql://host/db"

 private:
  PgConnection(PGconn* conn, std::string where) : conn_(conn), where_(std::move(where)) {}
  Unexpected failure(PGresult* result, std::string_view sql) const;

  PGconn* conn_;
  std::string where_;
  std::set<std::string> prepared_;
};

// Connections to one database, opened on demand and kept for reuse; a broken connection is
// dropped, so the next request reconnects (PostgreSQL restarted or failed over).
class PgPool {
 public:
  PgPool(std::string url, size_t keep) : url_(std::move(url)), keep_(keep) {}

  class Lease {
   public:
    Lease(PgPool& pool, std::unique_ptr<PgConnection> conn)
        : pool_(&pool), conn_(std::move(conn)) {}
    Lease(Lease&&) noexcept = default;
    ~Lease() {
      if (conn_) pool_->release(std::move(conn_));
    }
    PgConnection* operator->() const { return conn_.get(); }
    PgConnection& operator*() const { return *conn_; }

   private:
    PgPool* pool_;
    std::unique_ptr<PgConnection> conn_;
  };

  Result<Lease> acquire();
  const std::string& url() const { return url_; }

 private:
  void release(std::unique_ptr<PgConnection> conn);

  std::string url_;
  size_t keep_;
  std::mutex mutex_;
  std::vector<std::unique_ptr<PgConnection>> idle_;
};

// The migrations (store/migrations.h) on a PostgreSQL connection. Exclusive transactions hold
// an advisory lock, so nodes starting together migrate one after the other.
class PgMigrationTarget final : public MigrationTarget {
 public:
  explicit PgMigrationTarget(PgConnection& conn) : conn_(conn) {}
  std::string describe() const override { return conn_.where(); }
  Result<bool> table_exists(std::string_view table) override;
  Result<int> max_version(std::string_view version_table) override;
  Status exec(const std::string& sql) override { return conn_.exec_script(sql); }
  Status begin_exclusive() override;

 private:
  PgConnection& conn_;
};

}  // namespace scamguard::store
