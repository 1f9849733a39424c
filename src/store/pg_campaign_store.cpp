#include "store/pg_campaign_store.h"

#include <cstring>

#include "store/pg_db.h"
#include "store/schemas.h"

namespace scamguard::store {
namespace {

using campaign::CallUpdate;
using campaign::CampaignSummary;
using campaign::StoredCall;
using campaign::StoredLink;

constexpr const char* kCallColumns =
    "SELECT c.seq, c.id, c.started_at, c.time_known, c.action, c.score, c.suspect, c.campaign, "
    "c.shingles, COALESCE(string_agg(i.kind || chr(31) || i.value || chr(31) || i.turn, "
    "chr(30) ORDER BY i.pos), '') FROM campaign_call c "
    "LEFT JOIN campaign_indicator i ON i.call_seq = c.seq ";

std::vector<std::string_view> split(std::string_view text, char separator) {
  std::vector<std::string_view> parts;
  if (text.empty()) return parts;
  for (;;) {
    const size_t at = text.find(separator);
    parts.push_back(text.substr(0, at));
    if (at == std::string_view::npos) return parts;
    text.remove_prefix(at + 1);
  }
}

StoredCall call_from(const PgResult& rows, int r) {
  StoredCall call;
  call.seq = rows.integer(r, 0);
  call.id = rows.text(r, 1);
  call.started_at = rows.integer(r, 2);
  call.time_known = rows.boolean(r, 3);
  call.action = rows.text(r, 4);
  call.score = rows.number(r, 5);
  call.suspect = rows.boolean(r, 6);
  call.campaign = rows.is_null(r, 7) ? std::string() : rows.text(r, 7);
  const std::string shingles = rows.is_null(r, 8) ? std::string() : rows.bytes(r, 8);
  call.shingles.resize(shingles.size() / sizeof(uint64_t));
  if (!call.shingles.empty()) {
    std::memcpy(call.shingles.data(), shingles.data(), call.shingles.size() * sizeof(uint64_t));
  }
  const std::string indicators = rows.text(r, 9);
  for (std::string_view item : split(indicators, '\x1e')) {
    std::vector<std::string_view> fields = split(item, '\x1f');
    if (fields.size() != 3) continue;
    std::optional<campaign::IndicatorKind> kind = campaign::parse_indicator_kind(fields[0]);
    if (!kind) continue;  // a kind from a newer minor version: skipped, not fatal
    call.indicators.push_back(
        {*kind, std::string(fields[1]), std::atoi(std::string(fields[2]).c_str())});
  }
  return call;
}

class PgCampaignStore final : public campaign::CampaignStore {
 public:
  explicit PgCampaignStore(const std::string& url) : pool_(url, 4) {}

  Status migrate() {
    Result<PgPool::Lease> conn = pool_.acquire();
    if (!conn) return Unexpected{conn.error()};
    PgMigrationTarget target(**conn);
    return migrate_schema(target, kPgCampaignSchema);
  }

  Result<int64_t> apply(const CallUpdate& update) override {
    Result<PgPool::Lease> conn = pool_.acquire();
    if (!conn) return Unexpected{conn.error()};
    // Every node's tracker writes under one lock, in seq order.
    if (Status begun = (*conn)->exec_script("BEGIN; SELECT pg_advisory_xact_lock(7245190312)");
        !begun) {
      return Unexpected{begun.error()};
    }
    Result<int64_t> seq = apply_in_transaction(**conn, update);
    if (!seq) {
      (void)(*conn)->exec_script("ROLLBACK");
      return seq;
    }
    if (Status committed = (*conn)->exec_script("COMMIT"); !committed) {
      return Unexpected{committed.error()};
    }
    return seq;
  }

  Result<std::vector<CampaignSummary>> list_campaigns(int64_t min_calls) const override {
    Result<PgResult> rows = query(
        "SELECT campaign, COUNT(*), MIN(started_at), MAX(started_at), bool_and(time_known) "
        "FROM campaign_call WHERE campaign IS NOT NULL GROUP BY campaign "
        "HAVING COUNT(*) >= $1 ORDER BY COUNT(*) DESC, campaign",
        PgParams().add(min_calls));
    if (!rows) return Unexpected{rows.error()};
    std::vector<CampaignSummary> out;
    for (int r = 0; r < rows->rows(); ++r) {
      out.push_back({rows->text(r, 0), rows->integer(r, 1), rows->integer(r, 2),
                     rows->integer(r, 3), rows->boolean(r, 4)});
    }
    return out;
  }

  Result<std::vector<StoredCall>> campaign_calls(const std::string& campaign) const override {
    std::vector<StoredCall> out;
    Status read = each_call("WHERE c.campaign = $1", PgParams().add(campaign),
                            [&](const StoredCall& call) { out.push_back(call); });
    if (!read) return Unexpected{read.error()};
    if (out.empty()) return make_error(ErrorCode::kNotFound, "no campaign '" + campaign + "'");
    return out;
  }

  Result<std::vector<StoredLink>> campaign_links(const std::string& campaign) const override {
    Result<PgResult> rows = query(
        "SELECT call, other, reason, value FROM campaign_link WHERE campaign = $1 ORDER BY seq",
        PgParams().add(campaign));
    if (!rows) return Unexpected{rows.error()};
    std::vector<StoredLink> out;
    for (int r = 0; r < rows->rows(); ++r) {
      out.push_back({rows->text(r, 0), rows->text(r, 1), rows->text(r, 2), rows->text(r, 3)});
    }
    if (out.empty()) {
      Result<PgResult> exists =
          query("SELECT EXISTS (SELECT 1 FROM campaign_call WHERE campaign = $1)",
                PgParams().add(campaign));
      if (!exists) return Unexpected{exists.error()};
      if (!exists->boolean(0, 0)) {
        return make_error(ErrorCode::kNotFound, "no campaign '" + campaign + "'");
      }
    }
    return out;
  }

  Status for_each_suspect_call(const std::function<void(const StoredCall&)>& fn) const override {
    return each_call("WHERE c.suspect", {}, fn);
  }

  Status for_each_call_after(int64_t after_seq,
                             const std::function<void(const StoredCall&)>& fn) const override {
    return each_call("WHERE c.seq > $1", PgParams().add(after_seq), fn);
  }

  Result<int64_t> call_count() const override {
    Result<PgResult> rows = query("SELECT COUNT(*) FROM campaign_call", {});
    if (!rows) return Unexpected{rows.error()};
    return rows->integer(0, 0);
  }

 private:
  Result<PgResult> query(const std::string& sql, const PgParams& params) const {
    Result<PgPool::Lease> conn = pool_.acquire();
    if (!conn) return Unexpected{conn.error()};
    return (*conn)->exec(sql, params);
  }

  // Pages through the calls 1000 at a time: a store of a million calls holds gigabytes of
  // shingles.
  Status each_call(const std::string& where, const PgParams& params,
                   const std::function<void(const StoredCall&)>& fn) const {
    int64_t after = 0;
    for (;;) {
      PgParams paged = params;
      paged.add(after);
      const std::string n = std::to_string(paged.size());
      Result<PgResult> rows =
          query(kCallColumns + where + (where.empty() ? " WHERE " : " AND ") + "c.seq > $" + n +
                    " GROUP BY c.seq ORDER BY c.seq LIMIT 1000",
                paged);
      if (!rows) return Unexpected{rows.error()};
      for (int r = 0; r < rows->rows(); ++r) {
        StoredCall call = call_from(*rows, r);
        after = call.seq;
        fn(call);
      }
      if (rows->rows() < 1000) return {};
    }
  }

  Result<int64_t> apply_in_transaction(PgConnection& conn, const CallUpdate& update) {
    const StoredCall& call = update.call;
    Result<PgResult> state = conn.exec(
        "SELECT EXISTS (SELECT 1 FROM campaign_call WHERE id = $1), "
        "COALESCE((SELECT MAX(seq) FROM campaign_call), 0) + 1",
        PgParams().add(call.id));
    if (!state) return Unexpected{state.error()};
    if (state->boolean(0, 0)) {
      return make_error(ErrorCode::kInvalidInput,
                        "call '" + call.id + "' is already in the campaign store " + conn.where());
    }
    const int64_t next = state->integer(0, 1);
    if (call.seq != 0 && call.seq != next) {
      return make_error(ErrorCode::kConflict, conn.where() + ": campaign store seq " +
                                                  std::to_string(call.seq) +
                                                  " is taken; the next is " + std::to_string(next));
    }
    for (const std::string& absorbed : update.absorbed) {
      for (const char* sql : {"UPDATE campaign_call SET campaign = $1 WHERE campaign = $2",
                              "UPDATE campaign_link SET campaign = $1 WHERE campaign = $2"}) {
        Result<PgResult> merged = conn.exec(sql, PgParams().add(call.campaign).add(absorbed));
        if (!merged) return Unexpected{merged.error()};
      }
    }
    PgParams row;
    row.add(next)
        .add(call.id)
        .add(call.started_at)
        .add(call.time_known)
        .add(call.action)
        .add(call.score)
        .add(call.suspect)
        .add(call.campaign.empty() ? std::optional<std::string>() : call.campaign)
        .add_bytes(call.shingles.data(), call.shingles.size() * sizeof(uint64_t));
    Result<PgResult> inserted = conn.exec(
        "INSERT INTO campaign_call (seq, id, started_at, time_known, action, score, suspect, "
        "campaign, shingles) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        row);
    if (!inserted) return Unexpected{inserted.error()};
    for (size_t i = 0; i < call.indicators.size(); ++i) {
      const campaign::Indicator& item = call.indicators[i];
      Result<PgResult> indicator = conn.exec(
          "INSERT INTO campaign_indicator (call_seq, pos, kind, value, turn) "
          "VALUES ($1, $2, $3, $4, $5)",
          PgParams()
              .add(next)
              .add(static_cast<int64_t>(i))
              .add(campaign::to_string(item.kind))
              .add(item.value)
              .add(item.turn));
      if (!indicator) return Unexpected{indicator.error()};
    }
    for (const StoredLink& item : update.links) {
      Result<PgResult> link = conn.exec(
          "INSERT INTO campaign_link (campaign, call, other, reason, value) "
          "VALUES ($1, $2, $3, $4, $5)",
          PgParams()
              .add(call.campaign)
              .add(item.call)
              .add(item.other)
              .add(item.reason)
              .add(item.value));
      if (!link) return Unexpected{link.error()};
    }
    return next;
  }

  mutable PgPool pool_;
};

}  // namespace

Result<std::unique_ptr<campaign::CampaignStore>> open_pg_campaign_store(const std::string& url) {
  auto store = std::make_unique<PgCampaignStore>(url);
  if (Status migrated = store->migrate(); !migrated) return Unexpected{migrated.error()};
  return std::unique_ptr<campaign::CampaignStore>(std::move(store));
}

}  // namespace scamguard::store
