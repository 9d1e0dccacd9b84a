#include "diary/schema_steps.hpp"

namespace kesip::diary {

// Everything of a diary hangs off diaries(id) with ON DELETE CASCADE, so "forget me" and the retention
// purge are one DELETE (foreign keys are on for every connection). No names, phones or schools: the only
// free text is a trial's note, typed by the student, kept here and nowhere else.
const char* schemaStepDiary1() {
    return R"sql(
CREATE TABLE diaries(
  id           TEXT PRIMARY KEY,                 -- random UUID v4
  code         TEXT NOT NULL UNIQUE,             -- 9 characters with a check character; never exported
  pin_hash     TEXT NOT NULL,                    -- Argon2id (libsodium crypto_pwhash_str)
  lang         TEXT NOT NULL CHECK(lang IN ('ky','ru')),
  created_at   INTEGER NOT NULL,                 -- unix ms
  last_used_at INTEGER NOT NULL                  -- retention: unused for diary_retention_months -> purged
) WITHOUT ROWID;
CREATE INDEX diaries_last_used ON diaries(last_used_at);
-- Wrong-PIN counters per typed code, whether a diary has that code or not: an unknown code then answers
-- exactly as a known one with a wrong PIN, lockout included.
CREATE TABLE diary_locks(
  code         TEXT PRIMARY KEY,
  failures     INTEGER NOT NULL DEFAULT 0,       -- wrong PINs since the last lockout or success
  lockouts     INTEGER NOT NULL DEFAULT 0,       -- lockouts in a row: each one lasts twice as long
  locked_until INTEGER NOT NULL DEFAULT 0,
  updated_at   INTEGER NOT NULL
) WITHOUT ROWID;
-- Visits (sessions) the diary was open in. The session row may be purged by the visits' own retention:
-- the link then becomes NULL and the snapshot of the visit's finished tests stays with the diary.
CREATE TABLE diary_visits(
  id         INTEGER PRIMARY KEY,
  diary_id   TEXT NOT NULL REFERENCES diaries(id) ON DELETE CASCADE,
  session_id TEXT REFERENCES sessions(id) ON DELETE SET NULL,
  opened_at  INTEGER NOT NULL,
  is_return  INTEGER NOT NULL CHECK(is_return IN (0,1)), -- 1: opened with code + PIN on a later visit
  UNIQUE(diary_id, session_id)
);
CREATE INDEX diary_visits_session ON diary_visits(session_id);
CREATE TABLE diary_tests(
  visit_id     INTEGER NOT NULL REFERENCES diary_visits(id) ON DELETE CASCADE,
  instrument   TEXT NOT NULL,
  version      INTEGER NOT NULL,
  completed_at INTEGER NOT NULL,
  flags        INTEGER NOT NULL DEFAULT 0,       -- assess::Flag bits
  PRIMARY KEY(visit_id, instrument)
) WITHOUT ROWID;
CREATE TABLE diary_scores(
  visit_id   INTEGER NOT NULL,
  instrument TEXT NOT NULL,
  scale      TEXT NOT NULL,
  percent    REAL NOT NULL,
  PRIMARY KEY(visit_id, instrument, scale),
  FOREIGN KEY(visit_id, instrument) REFERENCES diary_tests(visit_id, instrument) ON DELETE CASCADE
) WITHOUT ROWID;
CREATE TABLE diary_saved(
  diary_id   TEXT NOT NULL REFERENCES diaries(id) ON DELETE CASCADE,
  occupation TEXT NOT NULL,                      -- content occupation id
  source     TEXT NOT NULL CHECK(source IN ('encyclopedia','results','search')),
  saved_at   INTEGER NOT NULL,
  PRIMARY KEY(diary_id, occupation)
) WITHOUT ROWID;
CREATE TABLE diary_paths(
  diary_id TEXT NOT NULL REFERENCES diaries(id) ON DELETE CASCADE,
  path     TEXT NOT NULL,                        -- content id of a study path looked at
  seen_at  INTEGER NOT NULL,
  PRIMARY KEY(diary_id, path)
) WITHOUT ROWID;
CREATE TABLE diary_trials(
  id         INTEGER PRIMARY KEY,
  diary_id   TEXT NOT NULL REFERENCES diaries(id) ON DELETE CASCADE,
  type       TEXT NOT NULL CHECK(type IN ('open_day','company_visit','internship','talk_worker','course','job')),
  month      TEXT NOT NULL CHECK(month GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]'),
  field      TEXT,
  occupation TEXT,
  liked      TEXT NOT NULL DEFAULT '',           -- chip codes, comma separated
  disliked   TEXT NOT NULL DEFAULT '',
  again      TEXT CHECK(again IN ('yes','maybe','no')),
  note       TEXT CHECK(note IS NULL OR length(note) <= 280), -- the student's own words; never exported
  created_at INTEGER NOT NULL,
  CHECK(field IS NOT NULL OR occupation IS NOT NULL)
);
CREATE INDEX diary_trials_diary ON diary_trials(diary_id);
-- Counts per local day for the export (diaries started, returning visits, trials by type, decisions),
-- added in the transaction of the event. No diary id: they outlive the diaries, like daily_stats.
CREATE TABLE diary_daily(
  day TEXT NOT NULL,
  key TEXT NOT NULL,
  n   INTEGER NOT NULL,
  PRIMARY KEY(day, key)
) WITHOUT ROWID;
)sql";
}

const char* schemaStepDiary2() {
    return R"sql(
CREATE TABLE diary_ready(
  diary_id    TEXT NOT NULL REFERENCES diaries(id) ON DELETE CASCADE,
  item        TEXT NOT NULL,                     -- self-check item code
  yes         INTEGER NOT NULL CHECK(yes IN (0,1)),
  answered_at INTEGER NOT NULL,
  PRIMARY KEY(diary_id, item)
) WITHOUT ROWID;
-- Every decision is kept (its history); the latest is the current one.
CREATE TABLE diary_decisions(
  id          INTEGER PRIMARY KEY,
  diary_id    TEXT NOT NULL REFERENCES diaries(id) ON DELETE CASCADE,
  made_at     INTEGER NOT NULL,
  choice      TEXT NOT NULL,                     -- occupation id
  plan_b      TEXT,                              -- occupation id
  route       TEXT NOT NULL CHECK(route IN ('lyceum','college','university','course','on_the_job')),
  institution TEXT                               -- content institution id, or NULL
);
CREATE INDEX diary_decisions_diary ON diary_decisions(diary_id, made_at);
CREATE TABLE diary_steps(
  decision_id INTEGER NOT NULL REFERENCES diary_decisions(id) ON DELETE CASCADE,
  seq         INTEGER NOT NULL,
  step        TEXT NOT NULL,                     -- step code
  month       TEXT NOT NULL CHECK(month GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]'),
  done        INTEGER NOT NULL DEFAULT 0 CHECK(done IN (0,1)),
  PRIMARY KEY(decision_id, seq)
) WITHOUT ROWID;
-- Counselor's notes on a diary: choice codes only, as on a visit.
CREATE TABLE diary_notes(
  id       INTEGER PRIMARY KEY,
  diary_id TEXT NOT NULL REFERENCES diaries(id) ON DELETE CASCADE,
  at       INTEGER NOT NULL,
  choices  TEXT NOT NULL
);
CREATE INDEX diary_notes_diary ON diary_notes(diary_id);
)sql";
}

// A trial planned ahead (an open day next month), completed on a later visit. A planned row holds nothing
// of how it went; existing rows are trials done (planned = 0), which the CHECK verifies on upgrade.
const char* schemaStepDiaryPlanned() {
    return R"sql(
ALTER TABLE diary_trials ADD COLUMN planned INTEGER NOT NULL DEFAULT 0
  CHECK(planned = 0 OR (planned = 1 AND liked = '' AND disliked = '' AND again IS NULL AND note IS NULL));
)sql";
}

} // namespace kesip::diary
