#include "campaign/sqlite_campaign_store.h"

#include <sqlite3.h>

#include <cstring>
#include <utility>

namespace scamguard::campaign {
namespace {

// Migration i takes the schema from version i to version i + 1. Never edit a released one;
// append a new one and bump kCampaignSchemaVersion.
constexpr const char* kMigrations[] = {
    // 0 -> 1
    R"sql(
CREATE TABLE campaign_call (
  seq        INTEGER PRIMARY KEY AUTOINCREMENT,
  id         TEXT NOT NULL UNIQUE,
  started_at INTEGER NOT NULL,
  time_known INTEGER NOT NULL,
  action     TEXT NOT NULL,
  score      REAL NOT NULL,
  suspect    INTEGER NOT NULL,
  campaign   TEXT,
  shingles   BLOB
);
CREATE INDEX campaign_call_by_campaign ON campaign_call(campaign);
CREATE TABLE campaign_indicator (
  call_seq INTEGER NOT NULL REFERENCES campaign_call(seq),
  kind     TEXT NOT NULL,
  value    TEXT NOT NULL,
  turn     INTEGER NOT NULL
);
CREATE INDEX campaign_indicator_by_call ON campaign_indicator(call_seq);
CREATE INDEX campaign_indicator_by_value ON campaign_indicator(kind, value);
CREATE TABLE campaign_link (
  seq      INTEGER PRIMARY KEY AUTOINCREMENT,
  campaign TEXT NOT NULL,
  call     TEXT NOT NULL,
  other    TEXT NOT NULL,
  reason   TEXT NOT NULL,
  value    TEXT NOT NULL
);
CREATE INDEX campaign_link_by_campaign ON campaign_link(campaign);
)sql",
};
static_assert(std::size(kMigrations) == kCampaignSchemaVersion);

struct DbCloser {
  void operator()(sqlite3* db) const noexcept { sqlite3_close_v2(db); }
};
struct StmtFinalizer {
  void operator()(sqlite3_stmt* stmt) const noexcept { sqlite3_finalize(stmt); }
};
using Db = std::unique_ptr<sqlite3, DbCloser>;
using Stmt = std::unique_ptr<sqlite3_stmt, StmtFinalizer>;

class SqliteCampaignStore final : public CampaignStore {
 public:
  SqliteCampaignStore(Db db, std::string path) : db_(std::move(db)), path_(std::move(path)) {}

  Result<int64_t> apply(const CallUpdate& update) override {
    if (Status status = exec("BEGIN IMMEDIATE"); !status) return Unexpected{status.error()};
    Result<int64_t> seq = apply_in_transaction(update);
    if (!seq) {
      (void)exec("ROLLBACK");
      return seq;
    }
    if (Status status = exec("COMMIT"); !status) {
      (void)exec("ROLLBACK");
      return Unexpected{status.error()};
    }
    return seq;
  }

  Result<std::vector<CampaignSummary>> list_campaigns(int64_t min_calls) const override {
    Result<Stmt> stmt = prepare(
        "SELECT campaign, COUNT(*), MIN(started_at), MAX(started_at), MIN(time_known) "
        "FROM campaign_call "
        "WHERE campaign IS NOT NULL GROUP BY campaign HAVING COUNT(*) >= ? "
        "ORDER BY COUNT(*) DESC, campaign");
    if (!stmt) return Unexpected{stmt.error()};
    sqlite3_bind_int64(stmt->get(), 1, min_calls);
    std::vector<CampaignSummary> out;
    int rc;
    while ((rc = sqlite3_step(stmt->get())) == SQLITE_ROW) {
      out.push_back({text(stmt->get(), 0), sqlite3_column_int64(stmt->get(), 1),
                     sqlite3_column_int64(stmt->get(), 2), sqlite3_column_int64(stmt->get(), 3),
                     sqlite3_column_int(stmt->get(), 4) != 0});
    }
    if (rc != SQLITE_DONE) return failure("listing campaigns");
    return out;
  }

  Result<std::vector<StoredCall>> campaign_calls(const std::string& campaign) const override {
    Result<std::vector<StoredCall>> calls = read_calls("WHERE campaign = ?1", campaign);
    if (calls && calls->empty()) {
      return make_error(ErrorCode::kNotFound, "no campaign '" + campaign + "'");
    }
    return calls;
  }

  Result<std::vector<StoredLink>> campaign_links(const std::string& campaign) const override {
    Result<Stmt> stmt = prepare(
        "SELECT call, other, reason, value FROM campaign_link WHERE campaign = ? ORDER BY seq");
    if (!stmt) return Unexpected{stmt.error()};
    sqlite3_bind_text(stmt->get(), 1, campaign.c_str(), -1, SQLITE_TRANSIENT);
    std::vector<StoredLink> out;
    int rc;
    while ((rc = sqlite3_step(stmt->get())) == SQLITE_ROW) {
      out.push_back(
          {text(stmt->get(), 0), text(stmt->get(), 1), text(stmt->get(), 2), text(stmt->get(), 3)});
    }
    if (rc != SQLITE_DONE) return failure("reading campaign links");
    if (out.empty()) {
      Result<int64_t> count = count_where("WHERE campaign = ?1", campaign);
      if (!count) return Unexpected{count.error()};
      if (*count == 0) return make_error(ErrorCode::kNotFound, "no campaign '" + campaign + "'");
    }
    return out;
  }

  Status for_each_suspect_call(const std::function<void(const StoredCall&)>& fn) const override {
    // Streamed row by row: a store of a million calls holds gigabytes of shingles.
    return each_call("WHERE suspect = 1", {}, fn);
  }

  Result<int64_t> call_count() const override { return count_where("", {}); }

 private:
  Unexpected failure(const std::string& what) const {
    return make_error(ErrorCode::kUnavailable,
                      path_ + ": " + what + ": " + sqlite3_errmsg(db_.get()));
  }

  Status exec(const char* sql) const {
    char* message = nullptr;
    if (sqlite3_exec(db_.get(), sql, nullptr, nullptr, &message) != SQLITE_OK) {
      std::string text = message ? message : "unknown error";
      sqlite3_free(message);
      return make_error(ErrorCode::kUnavailable, path_ + ": " + text);
    }
    return {};
  }

  Result<Stmt> prepare(const char* sql) const {
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v2(db_.get(), sql, -1, &stmt, nullptr) != SQLITE_OK) {
      return failure("preparing a statement");
    }
    return Stmt(stmt);
  }

  static std::string text(sqlite3_stmt* stmt, int column) {
    const unsigned char* value = sqlite3_column_text(stmt, column);
    return value ? reinterpret_cast<const char*>(value) : "";
  }

  Result<int64_t> count_where(const std::string& where, const std::string& arg) const {
    Result<Stmt> stmt = prepare(("SELECT COUNT(*) FROM campaign_call " + where).c_str());
    if (!stmt) return Unexpected{stmt.error()};
    if (!where.empty()) sqlite3_bind_text(stmt->get(), 1, arg.c_str(), -1, SQLITE_TRANSIENT);
    if (sqlite3_step(stmt->get()) != SQLITE_ROW) return failure("counting calls");
    return sqlite3_column_int64(stmt->get(), 0);
  }

  Result<std::vector<StoredCall>> read_calls(const std::string& where,
                                             const std::string& arg) const {
    std::vector<StoredCall> out;
    Status status = each_call(where, arg, [&](const StoredCall& call) { out.push_back(call); });
    if (!status) return Unexpected{status.error()};
    return out;
  }

  Status each_call(const std::string& where, const std::string& arg,
                   const std::function<void(const StoredCall&)>& fn) const {
    Result<Stmt> stmt = prepare(
        ("SELECT seq, id, started_at, time_known, action, score, suspect, campaign, shingles "
         "FROM campaign_call " +
         where + " ORDER BY seq")
            .c_str());
    if (!stmt) return Unexpected{stmt.error()};
    if (where.find("?1") != std::string::npos) {
      sqlite3_bind_text(stmt->get(), 1, arg.c_str(), -1, SQLITE_TRANSIENT);
    }
    Result<Stmt> indicators = prepare(
        "SELECT kind, value, turn FROM campaign_indicator WHERE call_seq = ? ORDER BY rowid");
    if (!indicators) return Unexpected{indicators.error()};
    int rc;
    while ((rc = sqlite3_step(stmt->get())) == SQLITE_ROW) {
      sqlite3_stmt* row = stmt->get();
      StoredCall call;
      call.seq = sqlite3_column_int64(row, 0);
      call.id = text(row, 1);
      call.started_at = sqlite3_column_int64(row, 2);
      call.time_known = sqlite3_column_int(row, 3) != 0;
      call.action = text(row, 4);
      call.score = sqlite3_column_double(row, 5);
      call.suspect = sqlite3_column_int(row, 6) != 0;
      call.campaign = text(row, 7);
      const int bytes = sqlite3_column_bytes(row, 8);
      call.shingles.resize(static_cast<size_t>(bytes) / sizeof(uint64_t));
      if (bytes > 0)
        std::memcpy(call.shingles.data(), sqlite3_column_blob(row, 8),
                    call.shingles.size() * sizeof(uint64_t));
      sqlite3_reset(indicators->get());
      sqlite3_bind_int64(indicators->get(), 1, call.seq);
      while (sqlite3_step(indicators->get()) == SQLITE_ROW) {
        std::optional<IndicatorKind> kind = parse_indicator_kind(text(indicators->get(), 0));
        if (!kind) continue;  // a kind from a newer minor version: skipped, not fatal
        call.indicators.push_back(
            {*kind, text(indicators->get(), 1), sqlite3_column_int(indicators->get(), 2)});
      }
      fn(call);
    }
    if (rc != SQLITE_DONE) return failure("reading calls");
    return {};
  }

  Result<int64_t> apply_in_transaction(const CallUpdate& update) {
    const StoredCall& call = update.call;
    Result<int64_t> existing = count_where("WHERE id = ?1", call.id);
    if (!existing) return existing;
    if (*existing > 0) {
      return make_error(ErrorCode::kInvalidInput,
                        "call '" + call.id + "' is already in the campaign store " + path_);
    }
    for (const std::string& absorbed : update.absorbed) {
      for (const char* sql : {"UPDATE campaign_call SET campaign = ?1 WHERE campaign = ?2",
                              "UPDATE campaign_link SET campaign = ?1 WHERE campaign = ?2"}) {
        Result<Stmt> stmt = prepare(sql);
        if (!stmt) return Unexpected{stmt.error()};
        sqlite3_bind_text(stmt->get(), 1, call.campaign.c_str(), -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(stmt->get(), 2, absorbed.c_str(), -1, SQLITE_TRANSIENT);
        if (sqlite3_step(stmt->get()) != SQLITE_DONE) return failure("merging campaigns");
      }
    }
    Result<Stmt> insert = prepare(
        "INSERT INTO campaign_call (id, started_at, time_known, action, score, suspect, "
        "campaign, shingles) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
    if (!insert) return Unexpected{insert.error()};
    sqlite3_stmt* stmt = insert->get();
    sqlite3_bind_text(stmt, 1, call.id.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(stmt, 2, call.started_at);
    sqlite3_bind_int(stmt, 3, call.time_known ? 1 : 0);
    sqlite3_bind_text(stmt, 4, call.action.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_double(stmt, 5, call.score);
    sqlite3_bind_int(stmt, 6, call.suspect ? 1 : 0);
    if (call.campaign.empty()) {
      sqlite3_bind_null(stmt, 7);
    } else {
      sqlite3_bind_text(stmt, 7, call.campaign.c_str(), -1, SQLITE_TRANSIENT);
    }
    sqlite3_bind_blob(stmt, 8, call.shingles.data(),
                      static_cast<int>(call.shingles.size() * sizeof(uint64_t)), SQLITE_TRANSIENT);
    if (sqlite3_step(stmt) != SQLITE_DONE) return failure("storing call '" + call.id + "'");
    const int64_t seq = sqlite3_last_insert_rowid(db_.get());

    Result<Stmt> indicator =
        prepare("INSERT INTO campaign_indicator (call_seq, kind, value, turn) VALUES (?, ?, ?, ?)");
    if (!indicator) return Unexpected{indicator.error()};
    for (const Indicator& item : call.indicators) {
      sqlite3_reset(indicator->get());
      sqlite3_bind_int64(indicator->get(), 1, seq);
      const std::string kind(to_string(item.kind));
      sqlite3_bind_text(indicator->get(), 2, kind.c_str(), -1, SQLITE_TRANSIENT);
      sqlite3_bind_text(indicator->get(), 3, item.value.c_str(), -1, SQLITE_TRANSIENT);
      sqlite3_bind_int(indicator->get(), 4, item.turn);
      if (sqlite3_step(indicator->get()) != SQLITE_DONE) return failure("storing indicators");
    }
    Result<Stmt> link = prepare(
        "INSERT INTO campaign_link (campaign, call, other, reason, value) VALUES (?, ?, ?, ?, ?)");
    if (!link) return Unexpected{link.error()};
    for (const StoredLink& item : update.links) {
      sqlite3_reset(link->get());
      sqlite3_bind_text(link->get(), 1, call.campaign.c_str(), -1, SQLITE_TRANSIENT);
      sqlite3_bind_text(link->get(), 2, item.call.c_str(), -1, SQLITE_TRANSIENT);
      sqlite3_bind_text(link->get(), 3, item.other.c_str(), -1, SQLITE_TRANSIENT);
      sqlite3_bind_text(link->get(), 4, item.reason.c_str(), -1, SQLITE_TRANSIENT);
      sqlite3_bind_text(link->get(), 5, item.value.c_str(), -1, SQLITE_TRANSIENT);
      if (sqlite3_step(link->get()) != SQLITE_DONE) return failure("storing links");
    }
    return seq;
  }

  Db db_;
  std::string path_;
};

Status exec_on(sqlite3* db, const std::string& path, const char* sql) {
  char* message = nullptr;
  if (sqlite3_exec(db, sql, nullptr, nullptr, &message) != SQLITE_OK) {
    std::string text = message ? message : "unknown error";
    sqlite3_free(message);
    return make_error(ErrorCode::kUnavailable, path + ": " + text);
  }
  return {};
}

Result<int> read_version(sqlite3* db, const std::string& path) {
  sqlite3_stmt* raw = nullptr;
  if (sqlite3_prepare_v2(db,
                         "SELECT name FROM sqlite_master WHERE type = 'table' AND "
                         "name = 'campaign_schema_version'",
                         -1, &raw, nullptr) != SQLITE_OK) {
    return make_error(ErrorCode::kUnavailable, path + ": " + sqlite3_errmsg(db));
  }
  Stmt exists(raw);
  if (sqlite3_step(exists.get()) != SQLITE_ROW) return 0;
  if (sqlite3_prepare_v2(db, "SELECT MAX(version) FROM campaign_schema_version", -1, &raw,
                         nullptr) != SQLITE_OK) {
    return make_error(ErrorCode::kUnavailable, path + ": " + sqlite3_errmsg(db));
  }
  Stmt version(raw);
  if (sqlite3_step(version.get()) != SQLITE_ROW) return 0;
  return sqlite3_column_int(version.get(), 0);
}

}  // namespace

Result<std::unique_ptr<CampaignStore>> open_sqlite_campaign_store(const std::string& path) {
  sqlite3* raw = nullptr;
  const int rc =
      sqlite3_open_v2(path.c_str(), &raw,
                      SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
  Db db(raw);
  if (rc != SQLITE_OK) {
    return make_error(ErrorCode::kUnavailable,
                      path + ": cannot open the campaign store: " +
                          (raw ? sqlite3_errmsg(raw) : sqlite3_errstr(rc)));
  }
  sqlite3_busy_timeout(db.get(), 5000);
  if (Status status = exec_on(db.get(), path, "PRAGMA journal_mode = WAL"); !status) {
    return make_error(ErrorCode::kUnavailable,
                      path + ": not a usable SQLite database: " + status.error().message);
  }
  if (Status status = exec_on(db.get(), path, "PRAGMA foreign_keys = ON"); !status) {
    return Unexpected{status.error()};
  }
  if (Status status = exec_on(db.get(), path, "BEGIN IMMEDIATE"); !status) {
    return Unexpected{status.error()};
  }
  auto rollback = [&](Error error) -> Result<std::unique_ptr<CampaignStore>> {
    (void)exec_on(db.get(), path, "ROLLBACK");
    return Unexpected{std::move(error)};
  };
  Result<int> version = read_version(db.get(), path);
  if (!version) return rollback(version.error());
  if (*version > kCampaignSchemaVersion) {
    return rollback({ErrorCode::kInvalidInput,
                     path + ": campaign schema version " + std::to_string(*version) +
                         " is newer than this scamguard supports (" +
                         std::to_string(kCampaignSchemaVersion) + "); refusing to open it"});
  }
  if (*version == 0) {
    if (Status status = exec_on(db.get(), path,
                                "CREATE TABLE campaign_schema_version (version INTEGER NOT NULL)");
        !status) {
      return rollback(status.error());
    }
  }
  for (int from = *version; from < kCampaignSchemaVersion; ++from) {
    if (Status status = exec_on(db.get(), path, kMigrations[from]); !status) {
      return rollback({status.error().code, path + ": migrating the campaign schema to version " +
                                                std::to_string(from + 1) + ": " +
                                                status.error().message});
    }
    const std::string record =
        "INSERT INTO campaign_schema_version (version) VALUES (" + std::to_string(from + 1) + ")";
    if (Status status = exec_on(db.get(), path, record.c_str()); !status) {
      return rollback(status.error());
    }
  }
  if (Status status = exec_on(db.get(), path, "COMMIT"); !status) return rollback(status.error());
  return std::unique_ptr<CampaignStore>(std::make_unique<SqliteCampaignStore>(std::move(db), path));
}

}  // namespace scamguard::campaign
