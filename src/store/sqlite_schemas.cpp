// SQLite migrations of the call and campaign tables.
#include "store/schemas.h"

namespace scamguard::store {

namespace {

constexpr const char* kCallMigrations[] = {
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
    // 2: what each call's set-up saw of the traffic state, so that a rebuilt call is scored
    // as it was without counting its set-up again.
    R"sql(
ALTER TABLE calls ADD COLUMN setup_traffic TEXT NOT NULL DEFAULT '';
)sql",
};
static_assert(std::size(kCallMigrations) == kCallSchemaVersion, "one migration per version");

constexpr const char* kCampaignMigrations[] = {
    // 1: calls with their indicators and shingles, campaign links.
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
static_assert(std::size(kCampaignMigrations) == kCampaignSchemaVersion,
              "one migration per version");

}  // namespace

const Schema kSqliteCallSchema{"call", "scamguard_calls_schema", kCallMigrations};
const Schema kSqliteCampaignSchema{"campaign", "campaign_schema_version", kCampaignMigrations};

}  // namespace scamguard::store
