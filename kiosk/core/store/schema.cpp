#include "store/schema.hpp"

#include "diary/schema_steps.hpp"

namespace kesip::store {

const std::vector<std::string>& localMigrations() {
    static const std::vector<std::string> steps = {
        // v1: anonymous visits and their tests. No names, phones or free text about a person: the only
        // person-related fields are coarse, optional demographics (NULL = not asked, 'na' = declined).
        R"sql(
CREATE TABLE sessions(
  id          TEXT PRIMARY KEY,            -- random UUID v4
  code        TEXT NOT NULL UNIQUE,        -- 6-char code for the counselor; never exported
  lang        TEXT NOT NULL CHECK(lang IN ('ky','ru')),
  started_at  INTEGER NOT NULL,            -- unix ms; only the date leaves the kiosk
  ended_at    INTEGER,
  end_reason  TEXT CHECK(end_reason IN ('finished','idle','shutdown')),
  age_band    TEXT, gender TEXT, status TEXT, oblast TEXT
);
CREATE INDEX sessions_started ON sessions(started_at);
CREATE TABLE test_runs(
  session_id  TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
  instrument  TEXT NOT NULL,
  version     INTEGER NOT NULL,
  state       TEXT NOT NULL CHECK(state IN ('in_progress','completed','abandoned')),
  started_at  INTEGER NOT NULL,
  completed_at INTEGER,
  PRIMARY KEY(session_id, instrument)
) WITHOUT ROWID;
CREATE TABLE responses(
  session_id  TEXT NOT NULL,
  instrument  TEXT NOT NULL,
  item_id     TEXT NOT NULL,
  value       INTEGER,                     -- NULL = skipped
  response_ms INTEGER NOT NULL,
  seq         INTEGER NOT NULL,            -- order of answering
  PRIMARY KEY(session_id, instrument, item_id),
  FOREIGN KEY(session_id, instrument) REFERENCES test_runs(session_id, instrument) ON DELETE CASCADE
) WITHOUT ROWID;
CREATE TABLE scores(
  session_id  TEXT NOT NULL,
  instrument  TEXT NOT NULL,
  scale       TEXT NOT NULL,
  raw         REAL NOT NULL,
  percent     REAL NOT NULL,
  PRIMARY KEY(session_id, instrument, scale),
  FOREIGN KEY(session_id, instrument) REFERENCES test_runs(session_id, instrument) ON DELETE CASCADE
) WITHOUT ROWID;
CREATE TABLE flags(
  session_id  TEXT NOT NULL,
  instrument  TEXT NOT NULL,
  flag        TEXT NOT NULL,
  PRIMARY KEY(session_id, instrument, flag),
  FOREIGN KEY(session_id, instrument) REFERENCES test_runs(session_id, instrument) ON DELETE CASCADE
) WITHOUT ROWID;
CREATE TABLE settings(
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) WITHOUT ROWID;
CREATE TABLE audit(
  id     INTEGER PRIMARY KEY,
  at     INTEGER NOT NULL,
  actor  TEXT NOT NULL,                    -- 'system', 'staff', 'counselor'
  action TEXT NOT NULL,
  detail TEXT
);
)sql",
        // v2: what export and the staff dashboard need without scanning raw answers.
        R"sql(
ALTER TABLE sessions ADD COLUMN exported_at INTEGER;      -- set after a verified export
ALTER TABLE test_runs ADD COLUMN answers TEXT;            -- packed answers in item order ('1'..'5', '-' skipped, '.' not reached)
CREATE TABLE visit_results(
  session_id    TEXT PRIMARY KEY REFERENCES sessions(id) ON DELETE CASCADE,
  interest_code TEXT,                                     -- e.g. "SA-E"
  top_field     TEXT,                                     -- best-matching field id
  strengths     TEXT                                      -- comma-separated competence ids
) WITHOUT ROWID;
-- Counts per local day, updated when a visit ends: the dashboard reads these, never raw rows, and they
-- survive the retention purge.
CREATE TABLE daily_stats(
  day TEXT NOT NULL,
  key TEXT NOT NULL,
  n   INTEGER NOT NULL,
  PRIMARY KEY(day, key)
) WITHOUT ROWID;
-- Counselor's structured note: choice codes only, never free text about a person.
CREATE TABLE notes(
  session_id TEXT PRIMARY KEY REFERENCES sessions(id) ON DELETE CASCADE,
  updated_at INTEGER NOT NULL,
  choices    TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX sessions_exported ON sessions(exported_at, started_at);
)sql",
        // v3: visits still open, found at start without scanning every visit (1M visits: 1.4 s -> ms).
        R"sql(
CREATE INDEX sessions_open ON sessions(started_at) WHERE ended_at IS NULL;
)sql",
        // v4: earlier retention purges ran without foreign keys and left a purged visit's answers,
        // times, scores, flags, results and notes behind. Every connection has foreign keys on now;
        // this removes what the old purges left.
        R"sql(
DELETE FROM responses WHERE session_id NOT IN (SELECT id FROM sessions);
DELETE FROM scores WHERE session_id NOT IN (SELECT id FROM sessions);
DELETE FROM flags WHERE session_id NOT IN (SELECT id FROM sessions);
DELETE FROM test_runs WHERE session_id NOT IN (SELECT id FROM sessions);
DELETE FROM visit_results WHERE session_id NOT IN (SELECT id FROM sessions);
DELETE FROM notes WHERE session_id NOT IN (SELECT id FROM sessions);
)sql",
        // v5: response times per item in the version's item order, packed like `answers` when each answer
        // is saved (assess::packTimes: tenths of a second, capped), so the export can carry them.
        R"sql(
ALTER TABLE test_runs ADD COLUMN times TEXT;
)sql",
        // v6-v7: the career diary (kiosk/core/diary/schema_steps.cpp).
        diary::schemaStepDiary1(),
        diary::schemaStepDiary2(),
        // v8 (events, issue 12): the centre's events. About events, never people: nothing here refers to
        // a visit.
        R"sql(
CREATE TABLE events(
  id         INTEGER PRIMARY KEY,
  kind       TEXT NOT NULL CHECK(kind IN ('open_day','company_visit','job_fair','internship','course')),
  title_ky   TEXT NOT NULL DEFAULT '',
  title_ru   TEXT NOT NULL DEFAULT '',
  organiser  TEXT NOT NULL DEFAULT '',
  start_date TEXT NOT NULL,                -- local date YYYY-MM-DD
  end_date   TEXT NOT NULL CHECK(end_date >= start_date),
  place      TEXT NOT NULL,
  oblast     TEXT NOT NULL,
  text_ky    TEXT NOT NULL DEFAULT '',
  text_ru    TEXT NOT NULL DEFAULT '',
  match_key  TEXT NOT NULL UNIQUE,         -- kind, start, oblast, folded titles: a re-import finds it
  source     TEXT NOT NULL CHECK(source IN ('staff','import')),
  updated_at INTEGER NOT NULL,
  CHECK(title_ky <> '' OR title_ru <> '')
);
CREATE INDEX events_coming ON events(end_date, start_date);
CREATE TABLE event_links(
  event_id INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
  kind     TEXT NOT NULL CHECK(kind IN ('field','occupation')),
  target   TEXT NOT NULL,                  -- a field or occupation id of the content
  pos      INTEGER NOT NULL,               -- order as entered
  PRIMARY KEY(event_id, kind, target)
) WITHOUT ROWID;
CREATE INDEX event_links_target ON event_links(kind, target, event_id);
)sql",
        // trialplan
        // v9: trials planned ahead (kiosk/core/diary/schema_steps.cpp).
        diary::schemaStepDiaryPlanned(),
    };
    return steps;
}

void migrate(Database& db, const std::vector<std::string>& steps) {
    const int target = int(steps.size());
    int v = int(db.queryInt("PRAGMA user_version"));
    if (v > target) throw NewerSchemaError(v, target);
    for (; v < target; ++v) {
        Transaction tx(db);
        db.exec(steps[size_t(v)]);
        db.exec("PRAGMA user_version = " + std::to_string(v + 1));
        tx.commit();
    }
}

} // namespace kesip::store
