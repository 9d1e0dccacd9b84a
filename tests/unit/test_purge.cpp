#include <algorithm>
#include <catch2/catch.hpp>
#include <set>

#include "store/schema.hpp"
#include "sync_helpers.hpp"

using namespace kesip;

namespace {
// Every table of the local schema, and how many of its rows belong to no visit (or to the given ones).
std::map<std::string, int64_t> rowsPerTable(store::Database& db) {
    std::map<std::string, int64_t> out;
    auto t = db.prepare("SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'");
    while (t.step()) out[t.getText(0)] = db.queryInt("SELECT count(*) FROM " + t.getText(0));
    return out;
}
std::vector<std::string> visitTables(store::Database& db) {
    std::vector<std::string> out;
    auto t = db.prepare("SELECT m.name FROM sqlite_master m WHERE m.type='table' AND EXISTS (SELECT 1 FROM "
                        "pragma_table_info(m.name) WHERE name='session_id')");
    while (t.step()) out.push_back(t.getText(0));
    return out;
}
} // namespace

TEST_CASE("the retention purge deletes everything of a purged visit, counted in every table") {
    test::Ministry ministry;
    test::Kiosk a(0, 1, "K-PURGE");
    {
        FakeClock simClock;
        sync::SimulateOptions o;
        o.sessions = 120;
        o.seed = 3;
        o.perItemResponses = true; // responses with response times: what must not outlive the visit
        sync::simulate(*a.db, test::instrument("interest"), test::instrument("strengths"), nullptr, o,
                       simClock);
    }
    a.db->exec("INSERT INTO notes(session_id, updated_at, choices) SELECT id, 1, 'follow_up' FROM sessions");
    auto tables = visitTables(*a.db);
    // Every table that holds something of a visit, so a new one cannot be forgotten here. A career diary
    // keeps its own copy of a visit (its own retention, issue 11): its link to the session is cleared
    // (ON DELETE SET NULL, checked below), the diary's row stays.
    CHECK(std::set<std::string>(tables.begin(), tables.end()) ==
          std::set<std::string>{"test_runs", "responses", "scores", "flags", "visit_results", "notes",
                                "diary_visits"});
    tables.erase(std::remove(tables.begin(), tables.end(), "diary_visits"), tables.end());
    // One diary holding every visit: after the purge it keeps its rows, without links to purged sessions.
    a.db->exec("INSERT INTO diaries(id, code, pin_hash, lang, created_at, last_used_at) VALUES('d1', "
               "'CODE12345', 'x', 'ky', 1, 1)");
    a.db->exec("INSERT INTO diary_visits(diary_id, session_id, opened_at, is_return) SELECT 'd1', id, 1, 0 "
               "FROM sessions");
    const int64_t diaryVisits = a.db->queryInt("SELECT count(*) FROM diary_visits");
    const auto before = rowsPerTable(*a.db);
    for (const auto& t : tables) {
        INFO(t);
        CHECK(before.at(t) > 0);
    }
    const int64_t statsBefore = a.db->queryInt("SELECT sum(n) FROM daily_stats");
    const int64_t cutoff = a.clock.wallMs() - 30 * 86'400'000LL;
    const int64_t old =
        a.db->queryInt("SELECT count(*) FROM sessions WHERE started_at < " + std::to_string(cutoff));
    REQUIRE(old > 10);
    std::map<std::string, int64_t> ofOld;
    for (const auto& t : tables)
        ofOld[t] = a.db->queryInt("SELECT count(*) FROM " + t +
                                  " WHERE session_id IN (SELECT id FROM sessions WHERE "
                                  "started_at < " +
                                  std::to_string(cutoff) + ")");

    test::TempDir stick;
    auto r = a.exportTo(stick.str(), ministry.pub, 30);
    REQUIRE(r.error == sync::SyncError::None);
    CHECK(r.purged == old);
    const auto after = rowsPerTable(*a.db);
    CHECK(after.at("sessions") == before.at("sessions") - old);
    for (const auto& t : tables) {
        INFO(t);
        CHECK(after.at(t) == before.at(t) - ofOld[t]);
        CHECK(a.db->queryInt("SELECT count(*) FROM " + t +
                             " WHERE session_id NOT IN (SELECT id FROM sessions)") == 0);
    }
    CHECK(a.db->queryInt("SELECT count(*) FROM diary_visits") == diaryVisits);
    CHECK(a.db->queryInt("SELECT count(*) FROM diary_visits WHERE session_id IS NULL") == old);
    // What is not a visit's stays: counts, settings, the audit (one more line each for export and purge).
    CHECK(a.db->queryInt("SELECT sum(n) FROM daily_stats") == statsBefore);
    CHECK(after.at("settings") == before.at("settings"));
    CHECK(after.at("audit") == before.at("audit") + 2);
}

TEST_CASE("migration 4 removes what purges without foreign keys left behind") {
    test::TempDir d;
    const std::string path = d.str() + "/kesip.sqlite";
    {
        store::Database db(path);
        const auto& steps = store::localMigrations();
        store::migrate(db, {steps[0], steps[1], steps[2]});
        db.exec("INSERT INTO sessions(id, code, lang, started_at, ended_at) VALUES('gone', 'AAAAAA', 'ky', "
                "1, 2)");
        db.exec("INSERT INTO test_runs(session_id, instrument, version, state, started_at) VALUES('gone', "
                "'interest', 1, "
                "'completed', 1)");
        db.exec("INSERT INTO responses VALUES('gone', 'interest', 'i1', 3, 2500, 1)");
        db.exec("INSERT INTO scores VALUES('gone', 'interest', 'R', 3, 50)");
        db.exec("INSERT INTO flags VALUES('gone', 'interest', 'too_fast')");
        db.exec("INSERT INTO visit_results VALUES('gone', 'R', 'it', '')");
        db.exec("INSERT INTO notes VALUES('gone', 1, 'follow_up')");
        // The old purge: no foreign keys on that connection.
        db.exec("PRAGMA foreign_keys=OFF; DELETE FROM sessions");
    }
    auto r = store::openLocalStore(d.str());
    REQUIRE(r.db);
    for (const char* t : {"test_runs", "responses", "scores", "flags", "visit_results", "notes"}) {
        INFO(t);
        CHECK(r.db->queryInt(std::string("SELECT count(*) FROM ") + t) == 0);
    }
}
