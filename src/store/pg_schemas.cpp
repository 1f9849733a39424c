// PostgreSQL migrations of the call and campaign tables: the SQLite tables of the same version
// in PostgreSQL's types, plus the functions that make each call write one round trip and
// announce it (NOTIFY scamguard_calls, '<call id> <seq>'; seq -1 for a close) to every node.
#include "store/schemas.h"

namespace scamguard::store {

namespace {

constexpr const char* kCallMigrations[] = {
    // 1: calls, turns, device events, verdict changes; the write functions.
    R"sql(
CREATE TABLE calls (
  row          BIGSERIAL PRIMARY KEY,
  id           TEXT NOT NULL UNIQUE,
  state        TEXT NOT NULL CHECK (state IN ('open', 'closed')),
  close_reason TEXT,
  setup_json   TEXT NOT NULL,
  opened_at    BIGINT NOT NULL,
  updated_at   BIGINT NOT NULL,
  closed_at    BIGINT,
  action       TEXT NOT NULL,
  score        DOUBLE PRECISION NOT NULL,
  turn_count   INTEGER NOT NULL DEFAULT 0,
  event_count  INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX calls_by_state ON calls (state, row);
CREATE INDEX calls_by_updated ON calls (updated_at);
CREATE TABLE call_turns (
  call_id TEXT NOT NULL REFERENCES calls (id),
  idx     INTEGER NOT NULL,
  seq     INTEGER NOT NULL,
  at      BIGINT NOT NULL,
  speaker TEXT NOT NULL,
  text    TEXT NOT NULL,
  PRIMARY KEY (call_id, idx)
);
CREATE TABLE call_events (
  call_id    TEXT NOT NULL REFERENCES calls (id),
  seq        INTEGER NOT NULL,
  after_turn INTEGER NOT NULL,
  at         BIGINT NOT NULL,
  type       TEXT NOT NULL,
  app        TEXT NOT NULL,
  PRIMARY KEY (call_id, seq)
);
CREATE TABLE call_verdicts (
  call_id       TEXT NOT NULL REFERENCES calls (id),
  seq           INTEGER NOT NULL,
  turn          INTEGER NOT NULL,
  at            BIGINT NOT NULL,
  action        TEXT NOT NULL,
  score         DOUBLE PRECISION NOT NULL,
  findings_json TEXT NOT NULL,
  PRIMARY KEY (call_id, seq)
);

-- 0 written; 1 the id is taken.
CREATE FUNCTION scamguard_create_call(p_id TEXT, p_setup TEXT, p_at BIGINT, p_action TEXT,
    p_score DOUBLE PRECISION, v_seq INTEGER, v_turn INTEGER, v_at BIGINT, v_action TEXT,
    v_score DOUBLE PRECISION, v_findings TEXT) RETURNS INTEGER LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO calls (id, state, setup_json, opened_at, updated_at, action, score)
    VALUES (p_id, 'open', p_setup, p_at, p_at, p_action, p_score) ON CONFLICT (id) DO NOTHING;
  IF NOT FOUND THEN RETURN 1; END IF;
  INSERT INTO call_verdicts VALUES (p_id, v_seq, v_turn, v_at, v_action, v_score, v_findings);
  RETURN 0;
END $$;

-- Why a conditional update of an open call changed nothing: 1 no such call, 2 closed,
-- 3 another writer was first.
CREATE FUNCTION scamguard_unchanged(p_id TEXT) RETURNS INTEGER LANGUAGE plpgsql AS $$
DECLARE found_state TEXT;
BEGIN
  SELECT state INTO found_state FROM calls WHERE id = p_id;
  IF NOT FOUND THEN RETURN 1; END IF;
  IF found_state <> 'open' THEN RETURN 2; END IF;
  RETURN 3;
END $$;

-- One turn or device event (the other's fields NULL) and, with v_action, a verdict change;
-- only when p_seq is the call's next seq. 0 written, else scamguard_unchanged's answer.
CREATE FUNCTION scamguard_append_step(p_id TEXT, p_seq INTEGER, p_at BIGINT, p_action TEXT,
    p_score DOUBLE PRECISION, t_idx INTEGER, t_speaker TEXT, t_text TEXT, e_after_turn INTEGER,
    e_type TEXT, e_app TEXT, v_turn INTEGER, v_at BIGINT, v_action TEXT,
    v_score DOUBLE PRECISION, v_findings TEXT) RETURNS INTEGER LANGUAGE plpgsql AS $$
BEGIN
  UPDATE calls SET updated_at = p_at, action = p_action, score = p_score,
      turn_count = turn_count + (CASE WHEN t_speaker IS NULL THEN 0 ELSE 1 END),
      event_count = event_count + (CASE WHEN e_type IS NULL THEN 0 ELSE 1 END)
    WHERE id = p_id AND state = 'open' AND turn_count + event_count + 1 = p_seq;
  IF NOT FOUND THEN RETURN scamguard_unchanged(p_id); END IF;
  IF t_speaker IS NOT NULL THEN
    INSERT INTO call_turns VALUES (p_id, t_idx, p_seq, p_at, t_speaker, t_text);
  END IF;
  IF e_type IS NOT NULL THEN
    INSERT INTO call_events VALUES (p_id, p_seq, e_after_turn, p_at, e_type, e_app);
  END IF;
  IF v_action IS NOT NULL THEN
    INSERT INTO call_verdicts VALUES (p_id, p_seq, v_turn, v_at, v_action, v_score, v_findings);
  END IF;
  PERFORM pg_notify('scamguard_calls', p_id || ' ' || p_seq);
  RETURN 0;
END $$;

-- Closes an open call if the conditions hold (NULL: no condition). 0 closed, else
-- scamguard_unchanged's answer.
CREATE FUNCTION scamguard_close_call(p_id TEXT, p_at BIGINT, p_reason TEXT, p_action TEXT,
    p_score DOUBLE PRECISION, p_next_seq INTEGER, p_idle_before BIGINT)
    RETURNS INTEGER LANGUAGE plpgsql AS $$
BEGIN
  UPDATE calls SET state = 'closed', close_reason = p_reason, closed_at = p_at,
      updated_at = p_at, action = p_action, score = p_score
    WHERE id = p_id AND state = 'open'
      AND (p_next_seq IS NULL OR turn_count + event_count + 1 = p_next_seq)
      AND (p_idle_before IS NULL OR updated_at < p_idle_before);
  IF NOT FOUND THEN RETURN scamguard_unchanged(p_id); END IF;
  PERFORM pg_notify('scamguard_calls', p_id || ' -1');
  RETURN 0;
END $$;
)sql",
    // 2: what each call's set-up saw of the traffic state (as SQLite's migration 2);
    // scamguard_create_call stores it.
    R"sql(
ALTER TABLE calls ADD COLUMN setup_traffic TEXT NOT NULL DEFAULT '';
DROP FUNCTION scamguard_create_call(TEXT, TEXT, BIGINT, TEXT, DOUBLE PRECISION, INTEGER,
    INTEGER, BIGINT, TEXT, DOUBLE PRECISION, TEXT);
CREATE FUNCTION scamguard_create_call(p_id TEXT, p_setup TEXT, p_at BIGINT, p_action TEXT,
    p_score DOUBLE PRECISION, v_seq INTEGER, v_turn INTEGER, v_at BIGINT, v_action TEXT,
    v_score DOUBLE PRECISION, v_findings TEXT, p_traffic TEXT)
    RETURNS INTEGER LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO calls (id, state, setup_json, opened_at, updated_at, action, score, setup_traffic)
    VALUES (p_id, 'open', p_setup, p_at, p_at, p_action, p_score, p_traffic)
    ON CONFLICT (id) DO NOTHING;
  IF NOT FOUND THEN RETURN 1; END IF;
  INSERT INTO call_verdicts VALUES (p_id, v_seq, v_turn, v_at, v_action, v_score, v_findings);
  RETURN 0;
END $$;
)sql",
};
static_assert(std::size(kCallMigrations) == kCallSchemaVersion, "one migration per version");

constexpr const char* kCampaignMigrations[] = {
    // 1: calls with their indicators and shingles, campaign links.
    R"sql(
CREATE TABLE campaign_call (
  seq        BIGINT PRIMARY KEY,
  id         TEXT NOT NULL UNIQUE,
  started_at BIGINT NOT NULL,
  time_known BOOLEAN NOT NULL,
  action     TEXT NOT NULL,
  score      DOUBLE PRECISION NOT NULL,
  suspect    BOOLEAN NOT NULL,
  campaign   TEXT,
  shingles   BYTEA
);
CREATE INDEX campaign_call_by_campaign ON campaign_call(campaign);
CREATE TABLE campaign_indicator (
  call_seq BIGINT NOT NULL REFERENCES campaign_call(seq),
  pos      INTEGER NOT NULL,
  kind     TEXT NOT NULL,
  value    TEXT NOT NULL,
  turn     INTEGER NOT NULL,
  PRIMARY KEY (call_seq, pos)
);
CREATE INDEX campaign_indicator_by_value ON campaign_indicator(kind, value);
CREATE TABLE campaign_link (
  seq      BIGSERIAL PRIMARY KEY,
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

const Schema kPgCallSchema{"call", "scamguard_calls_schema", kCallMigrations};
const Schema kPgCampaignSchema{"campaign", "campaign_schema_version", kCampaignMigrations};

}  // namespace scamguard::store
