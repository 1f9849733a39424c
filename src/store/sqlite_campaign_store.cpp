#include "store/sqlite_campaign_store.h"

#include <cstring>
#include <utility>

#include "store/schemas.h"
#include "store/sqlite_db.h"

namespace scamguard::store {
namespace {

using campaign::CallUpdate;
using campaign::CampaignSummary;
using campaign::StoredCall;
using campaign::StoredLink;

constexpr const char* kCallColumns =
    "SELECT seq, id, started_at, time_known, action, score, suspect, campaign, shingles "
    "FROM campaign_call ";

// Not thread-safe, like the connection it owns: the daemon keeps one per mutex.
class SqliteCampaignStore final : public campaign::CampaignStore {
 public:
  explicit SqliteCampaignStore(SqliteDb db) : db_(std::move(db)) {}

  Result<int64_t> apply(const CallUpdate& update) override {
    if (Status begun = db_.exec("BEGIN IMMEDIATE"); !begun) return Unexpected{begun.error()};
    Result<int64_t> seq = apply_in_transaction(update);
    if (!seq) {
      (void)db_.exec("ROLLBACK");
      return seq;
    }
    if (Status committed = db_.exec("COMMIT"); !committed) {
      (void)db_.exec("ROLLBACK");
      return Unexpected{committed.error()};
    }
    return seq;
  }

  Result<std::vector<CampaignSummary>> list_campaigns(int64_t min_calls) const override {
    Result<SqliteStatement> stmt = db_.prepare(
        "SELECT campaign, COUNT(*), MIN(started_at), MAX(started_at), MIN(time_known) "
        "FROM campaign_call WHERE campaign IS NOT NULL GROUP BY campaign "
        "HAVING COUNT(*) >= ?1 ORDER BY COUNT(*) DESC, campaign");
    if (!stmt) return Unexpected{stmt.error()};
    stmt->bind(1, min_calls);
    std::vector<CampaignSummary> out;
    for (;;) {
      Result<bool> row = stmt->step();
      if (!row) return Unexpected{row.error()};
      if (!*row) break;
      out.push_back({stmt->column_text(0), stmt->column_int(1), stmt->column_int(2),
                     stmt->column_int(3), stmt->column_int(4) != 0});
    }
    return out;
  }

  Result<std::vector<StoredCall>> campaign_calls(const std::string& campaign) const override {
    std::vector<StoredCall> out;
    Status read = each_call("WHERE campaign = ?1 ORDER BY seq", campaign, 0,
                            [&](const StoredCall& call) { out.push_back(call); });
    if (!read) return Unexpected{read.error()};
    if (out.empty()) return make_error(ErrorCode::kNotFound, "no campaign '" + campaign + "'");
    return out;
  }

  Result<std::vector<StoredLink>> campaign_links(const std::string& campaign) const override {
    Result<SqliteStatement> stmt = db_.prepare(
        "SELECT call, other, reason, value FROM campaign_link WHERE campaign = ?1 ORDER BY seq");
    if (!stmt) return Unexpected{stmt.error()};
    stmt->bind(1, campaign);
    std::vector<StoredLink> out;
    for (;;) {
      Result<bool> row = stmt->step();
      if (!row) return Unexpected{row.error()};
      if (!*row) break;
      out.push_back(
          {stmt->column_text(0), stmt->column_text(1), stmt->column_text(2), stmt->column_text(3)});
    }
    if (out.empty()) {
      Result<int64_t> count = count_where("WHERE campaign = ?1", campaign);
      if (!count) return Unexpected{count.error()};
      if (*count == 0) return make_error(ErrorCode::kNotFound, "no campaign '" + campaign + "'");
    }
    return out;
  }

  Status for_each_suspect_call(const std::function<void(const StoredCall&)>& fn) const override {
    // Streamed row by row: a store of a million calls holds gigabytes of shingles.
    return each_call("WHERE suspect = 1 ORDER BY seq", {}, 0, fn);
  }

  Status for_each_call_after(int64_t after_seq,
                             const std::function<void(const StoredCall&)>& fn) const override {
    return each_call("WHERE seq > ?2 ORDER BY seq", {}, after_seq, fn);
  }

  Result<int64_t> call_count() const override { return count_where("", {}); }

 private:
  Result<int64_t> count_where(const std::string& where, const std::string& arg) const {
    Result<SqliteStatement> stmt = db_.prepare("SELECT COUNT(*) FROM campaign_call " + where);
    if (!stmt) return Unexpected{stmt.error()};
    if (!where.empty()) stmt->bind(1, arg);
    Result<bool> row = stmt->step();
    if (!row) return Unexpected{row.error()};
    return stmt->column_int(0);
  }

  // `where` may use ?1 (text) and ?2 (a seq).
  Status each_call(const std::string& where, const std::string& text, int64_t seq,
                   const std::function<void(const StoredCall&)>& fn) const {
    Result<SqliteStatement> stmt = db_.prepare(kCallColumns + where);
    if (!stmt) return Unexpected{stmt.error()};
    if (where.find("?1") != std::string::npos) stmt->bind(1, text);
    if (where.find("?2") != std::string::npos) stmt->bind(2, seq);
    Result<SqliteStatement> indicators = db_.prepare(
        "SELECT kind, value, turn FROM campaign_indicator WHERE call_seq = ?1 ORDER BY rowid");
    if (!indicators) return Unexpected{indicators.error()};
    for (;;) {
      Result<bool> row = stmt->step();
      if (!row) return Unexpected{row.error()};
      if (!*row) return {};
      StoredCall call;
      call.seq = stmt->column_int(0);
      call.id = stmt->column_text(1);
      call.started_at = stmt->column_int(2);
      call.time_known = stmt->column_int(3) != 0;
      call.action = stmt->column_text(4);
      call.score = stmt->column_double(5);
      call.suspect = stmt->column_int(6) != 0;
      call.campaign = stmt->column_text(7);
      const std::string_view shingles = stmt->column_blob(8);
      call.shingles.resize(shingles.size() / sizeof(uint64_t));
      if (!call.shingles.empty()) {
        std::memcpy(call.shingles.data(), shingles.data(), call.shingles.size() * sizeof(uint64_t));
      }
      indicators->reset();
      indicators->bind(1, call.seq);
      for (;;) {
        Result<bool> indicator = indicators->step();
        if (!indicator) return Unexpected{indicator.error()};
        if (!*indicator) break;
        std::optional<campaign::IndicatorKind> kind =
            campaign::parse_indicator_kind(indicators->column_text(0));
        if (!kind) continue;  // a kind from a newer minor version: skipped, not fatal
        call.indicators.push_back(
            {*kind, indicators->column_text(1), static_cast<int>(indicators->column_int(2))});
      }
      fn(call);
    }
  }

  Result<int64_t> apply_in_transaction(const CallUpdate& update) {
    const StoredCall& call = update.call;
    Result<int64_t> existing = count_where("WHERE id = ?1", call.id);
    if (!existing) return Unexpected{existing.error()};
    if (*existing > 0) {
      return make_error(ErrorCode::kInvalidInput,
                        "call '" + call.id + "' is already in the campaign store " + db_.path());
    }
    Result<SqliteStatement> last = db_.prepare("SELECT COALESCE(MAX(seq), 0) FROM campaign_call");
    if (!last) return Unexpected{last.error()};
    if (Result<bool> row = last->step(); !row) return Unexpected{row.error()};
    const int64_t next = last->column_int(0) + 1;
    if (call.seq != 0 && call.seq != next) {
      return make_error(ErrorCode::kConflict, db_.path() + ": campaign store seq " +
                                                  std::to_string(call.seq) +
                                                  " is taken; the next is " + std::to_string(next));
    }
    for (const std::string& absorbed : update.absorbed) {
      for (const char* sql : {"UPDATE campaign_call SET campaign = ?1 WHERE campaign = ?2",
                              "UPDATE campaign_link SET campaign = ?1 WHERE campaign = ?2"}) {
        Result<SqliteStatement> merge = db_.prepare(sql);
        if (!merge) return Unexpected{merge.error()};
        if (Status ran = merge->bind(1, call.campaign).bind(2, absorbed).run(); !ran) {
          return Unexpected{ran.error()};
        }
      }
    }
    Result<SqliteStatement> insert = db_.prepare(
        "INSERT INTO campaign_call (seq, id, started_at, time_known, action, score, suspect, "
        "campaign, shingles) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
    if (!insert) return Unexpected{insert.error()};
    insert->bind(1, next)
        .bind(2, call.id)
        .bind(3, call.started_at)
        .bind(4, call.time_known ? 1 : 0)
        .bind(5, call.action)
        .bind(6, call.score)
        .bind(7, call.suspect ? 1 : 0)
        .bind_blob(9, call.shingles.data(), call.shingles.size() * sizeof(uint64_t));
    if (call.campaign.empty()) {
      insert->bind_null(8);
    } else {
      insert->bind(8, call.campaign);
    }
    if (Status ran = insert->run(); !ran) return Unexpected{ran.error()};

    Result<SqliteStatement> indicator = db_.prepare(
        "INSERT INTO campaign_indicator (call_seq, kind, value, turn) VALUES (?1, ?2, ?3, ?4)");
    if (!indicator) return Unexpected{indicator.error()};
    for (const campaign::Indicator& item : call.indicators) {
      indicator->reset();
      Status ran = indicator->bind(1, next)
                       .bind(2, std::string_view(campaign::to_string(item.kind)))
                       .bind(3, item.value)
                       .bind(4, item.turn)
                       .run();
      if (!ran) return Unexpected{ran.error()};
    }
    Result<SqliteStatement> link = db_.prepare(
        "INSERT INTO campaign_link (campaign, call, other, reason, value) "
        "VALUES (?1, ?2, ?3, ?4, ?5)");
    if (!link) return Unexpected{link.error()};
    for (const StoredLink& item : update.links) {
      link->reset();
      Status ran = link->bind(1, call.campaign)
                       .bind(2, item.call)
                       .bind(3, item.other)
                       .bind(4, item.reason)
                       .bind(5, item.value)
                       .run();
      if (!ran) return Unexpected{ran.error()};
    }
    return next;
  }

  mutable SqliteDb db_;
};

}  // namespace

Result<std::unique_ptr<campaign::CampaignStore>> open_sqlite_campaign_store(
    const std::string& path) {
  Result<SqliteDb> db =
      SqliteDb::open(path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX);
  if (!db) return Unexpected{db.error()};
  SqliteMigrationTarget target(*db);
  if (Status checked = check_schema(target, kSqliteCampaignSchema); !checked) {
    return Unexpected{checked.error()};
  }
  if (Status wal = db->exec("PRAGMA journal_mode = WAL"); !wal) {
    return make_error(ErrorCode::kUnavailable,
                      path + ": not a usable SQLite database: " + wal.error().message);
  }
  if (Status keys = db->exec("PRAGMA foreign_keys = ON"); !keys) return Unexpected{keys.error()};
  if (Status migrated = migrate_schema(target, kSqliteCampaignSchema); !migrated) {
    return Unexpected{migrated.error()};
  }
  return std::unique_ptr<campaign::CampaignStore>(
      std::make_unique<SqliteCampaignStore>(std::move(*db)));
}

}  // namespace scamguard::store
