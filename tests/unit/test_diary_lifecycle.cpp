// The career diary over its life: forget me, retention, export counts, schema upgrade.
#include <catch2/catch.hpp>
#include <set>

#include "diary/counts.hpp"
#include "diary/schema_steps.hpp"
#include "diary/simulate.hpp"
#include "diary/vocab.hpp"
#include "diary_helpers.hpp"

using namespace kesip;
using namespace kesip::diary;
using test::DiaryDb;

namespace {
std::map<std::string, int64_t> countEveryTable(store::Database& db) {
    std::map<std::string, int64_t> n;
    std::vector<std::string> tables;
    auto s = db.prepare("SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'");
    while (s.step()) tables.push_back(s.getText(0));
    for (const auto& t : tables) n[t] = db.queryInt("SELECT count(*) FROM \"" + t + "\"");
    return n;
}

// Every text value in every table, to look for what must not be there.
std::string dumpEveryTable(store::Database& db) {
    std::string all;
    std::vector<std::string> tables;
    auto s = db.prepare("SELECT name FROM sqlite_master WHERE type='table'");
    while (s.step()) tables.push_back(s.getText(0));
    for (const auto& t : tables) {
        std::vector<std::string> cols;
        auto info = db.prepare("SELECT name FROM pragma_table_info(?)");
        info.bind(1, t);
        while (info.step()) cols.push_back(info.getText(0));
        for (const auto& c : cols) {
            auto q = db.prepare("SELECT CAST(\"" + c + "\" AS TEXT) FROM \"" + t + "\"");
            while (q.step()) all += q.getText(0) + "\x1F";
        }
    }
    return all;
}

// A diary with something at every stage.
std::string fullDiary(DiaryDb& t, const std::string& session) {
    Seed seed;
    seed.saved = {{"nurse", "results"}};
    const std::string id = t.newDiary(session, seed).id;
    t.diaries.notePathSeen(id, "college");
    Trial tr;
    tr.type = "company_visit";
    tr.month = "2026-09";
    tr.field = "health";
    tr.liked = {"people"};
    tr.note = "NOTE-THAT-MUST-GO";
    REQUIRE(t.diaries.addTrial(id, tr).ok);
    t.diaries.setReady(id, "family", true);
    Decision d;
    d.choice = "nurse";
    d.route = "college";
    d.steps = {{"documents", "2027-05", false}};
    REQUIRE(t.diaries.saveDecision(id, d).ok);
    REQUIRE(t.diaries.addCounselorNote(id, {"follow_up"}).ok);
    t.diaries.unlock(t.diaries.load(id)->code, "0000", Actor::Student, {}); // a wrong-PIN counter row
    return id;
}
} // namespace

TEST_CASE("diary: forget me deletes every row of the diary, and only that", "[diary]") {
    // Fails if a table of the diary is not tied to diaries(id) by a cascading foreign key, or if forget
    // leaves the wrong-PIN counter of the code behind.
    DiaryDb t;
    const std::string visit = t.visit({{"interest", test::riasec(20, 30, 60, 70, 40, 10)}});
    const std::string other = fullDiary(t, t.visit());
    const auto before = countEveryTable(t.db);
    const std::string id = fullDiary(t, visit);
    const std::string code = t.diaries.load(id)->code;
    const auto during = countEveryTable(t.db);
    for (const char* table :
         {"diaries", "diary_visits", "diary_tests", "diary_scores", "diary_saved", "diary_paths",
          "diary_trials", "diary_ready", "diary_decisions", "diary_steps", "diary_notes", "diary_locks"}) {
        INFO(table);
        CHECK(during.at(table) > before.at(table)); // the diary really had rows there
    }
    t.diaries.forget(id);
    CHECK_FALSE(t.diaries.load(id));
    const auto after = countEveryTable(t.db);
    for (const auto& [table, n] : after) {
        INFO(table);
        // Left on purpose: the per-day counts (no diary id) and the audit of the counselor's note.
        if (table == "diary_daily" || table == "audit") continue;
        CHECK(n == before.at(table));
    }
    const std::string dump = dumpEveryTable(t.db);
    CHECK(dump.find(code) == std::string::npos);
    CHECK(dump.find(id) == std::string::npos);
    CHECK(dump.find("NOTE-THAT-MUST-GO") != std::string::npos); // the other diary's note is still there...
    t.diaries.forget(other);
    CHECK(dumpEveryTable(t.db).find("NOTE-THAT-MUST-GO") == std::string::npos); // ...until it is forgotten
    CHECK(
        t.db.prepare("SELECT 1 FROM sessions WHERE id=?").bind(1, visit).step()); // the anonymous visit stays
}

TEST_CASE("diary: forget works even on a connection that had foreign keys off", "[diary]") {
    DiaryDb t;
    const std::string id = fullDiary(t, t.visit());
    t.db.exec("PRAGMA foreign_keys=OFF");
    t.diaries.forget(id);
    CHECK(t.db.queryInt("SELECT count(*) FROM diary_trials") == 0);
    CHECK(t.db.queryInt("SELECT count(*) FROM diary_steps") == 0);
}

TEST_CASE("diary: diaries unused for the retention months are purged, used ones kept", "[diary]") {
    DiaryDb t;
    const std::string old = fullDiary(t, t.visit());
    const std::string oldCode = t.diaries.load(old)->code;
    const std::string kept = t.newDiary().id;
    const std::string keptCode = t.diaries.load(kept)->code;
    t.clock.advance(200 * 86'400'000LL);
    REQUIRE(t.diaries.unlock(keptCode, "2580", Actor::Student, {}).outcome == UnlockResult::Outcome::Ok);
    t.clock.advance(200 * 86'400'000LL); // the old one: 400 days unused; the kept one: 200
    CHECK(t.diaries.purgeUnused(12) == 1);
    CHECK_FALSE(t.diaries.load(old));
    CHECK(t.diaries.load(kept));
    CHECK(t.db.queryInt("SELECT count(*) FROM diary_trials") == 0);
    CHECK(t.db.prepare("SELECT 1 FROM diary_locks WHERE code=?").bind(1, oldCode).step() == false);
    CHECK(t.db.queryInt("SELECT count(*) FROM audit WHERE action='diary_purge' AND detail='1'") == 1);
    CHECK(t.diaries.purgeUnused(12) == 0);
}

TEST_CASE("diary: export counts per day hold counts only", "[diary]") {
    DiaryDb t;
    const std::string a = t.newDiary(t.visit()).id;
    t.newDiary();
    Trial tr;
    tr.type = "open_day";
    tr.month = "2026-11";
    tr.field = "it";
    tr.note = "secret words";
    t.diaries.addTrial(a, tr);
    t.diaries.addTrial(a, tr);
    tr.type = "job";
    t.diaries.addTrial(a, tr);
    t.clock.advance(86'400'000LL); // next day
    t.diaries.unlock(t.diaries.load(a)->code, "2580", Actor::Student, t.visit());
    Decision d;
    d.choice = "programmer";
    d.route = "university";
    t.diaries.saveDecision(a, d);

    auto days = diaryDailyCounts(t.db);
    REQUIRE(days.size() == 2);
    CHECK(days[0].day == localDate(t.clock.wallMs() - 86'400'000LL));
    CHECK(days[0].diariesStarted == 2);
    CHECK(days[0].trialsByType == std::map<std::string, int64_t>{{"job", 1}, {"open_day", 2}});
    CHECK(days[0].trials() == 3);
    CHECK(days[0].returningVisits == 0);
    CHECK(days[1].returningVisits == 1);
    CHECK(days[1].decisions == 1);
    CHECK(days[1].diariesStarted == 0);
    CHECK(diaryDailyCounts(t.db, days[1].day).size() == 1);
    CHECK(diaryDailyCounts(t.db, "", days[0].day).size() == 1);
    // What the counts are made from carries no diary: the table has day, key and n only.
    std::set<std::string> cols;
    auto info = t.db.prepare("SELECT name FROM pragma_table_info('diary_daily')");
    while (info.step()) cols.insert(info.getText(0));
    CHECK(cols == std::set<std::string>{"day", "key", "n"});
    CHECK(
        t.db.queryInt("SELECT count(*) FROM diary_daily WHERE key NOT IN ('started','returning','decision') "
                      "AND key NOT LIKE 'trial:%'") == 0);
}

TEST_CASE("diary: the diary's schema steps sit at the versions the code names", "[diary]") {
    // Fails if a merge renumbers the migration list so that kFirstSchemaVersion no longer points at the
    // diary's first step (the upgrade test below would then test the wrong thing).
    const auto& all = store::localMigrations();
    REQUIRE(int(all.size()) >= kFirstSchemaVersion + 1);
    CHECK(all[size_t(kFirstSchemaVersion - 1)] == schemaStepDiary1());
    CHECK(all[size_t(kFirstSchemaVersion)] == schemaStepDiary2());
}

TEST_CASE("diary: a database from the first diary schema is upgraded with nothing lost", "[diary]") {
    // Fails if a later step rebuilds or drops a diary table, or if the loader needs a column that an
    // upgraded database does not have.
    FakeClock clock;
    store::Database db(":memory:");
    db.exec("PRAGMA foreign_keys=ON");
    const auto& all = store::localMigrations();
    REQUIRE(int(all.size()) > kFirstSchemaVersion);
    store::migrate(db, std::vector<std::string>(all.begin(), all.begin() + kFirstSchemaVersion));
    REQUIRE(db.queryInt("PRAGMA user_version") == kFirstSchemaVersion);
    const std::string session = store::SessionRepo(db, clock).begin(Lang::ru).id;
    const std::string code = newDiaryCode();
    // Rows as the first diary schema wrote them (plain SQL: the code of that version, not today's).
    db.prepare("INSERT INTO diaries VALUES('d1', ?, ?, 'ru', 1000, 2000)")
        .bind(1, code)
        .bind(2, test::pinHash())
        .run();
    db.prepare(
          "INSERT INTO diary_visits(id, diary_id, session_id, opened_at, is_return) VALUES(5,'d1',?,1000,0)")
        .bind(1, session)
        .run();
    db.exec("INSERT INTO diary_tests VALUES(5,'interest',1,1500,0)");
    db.exec("INSERT INTO diary_scores VALUES(5,'interest','S',72.5),(5,'interest','A',40)");
    db.exec("INSERT INTO diary_saved VALUES('d1','nurse','results',1100)");
    db.exec("INSERT INTO diary_paths VALUES('d1','college',1200)");
    db.exec(
        "INSERT INTO diary_trials(diary_id,type,month,field,occupation,liked,disliked,again,note,created_at) "
        "VALUES('d1','internship','2026-06','health',NULL,'people,useful','tiring','maybe','моя "
        "запись',1300)");
    db.exec("INSERT INTO diary_locks VALUES('" + code + "',2,0,0,1400)");
    db.exec("INSERT INTO diary_daily VALUES('2026-06-01','started',1)");

    store::migrate(db, all);
    CHECK(db.queryInt("PRAGMA user_version") == int(all.size()));
    DiaryStore s(db, clock);
    auto d = s.load("d1");
    REQUIRE(d);
    CHECK(d->code == code);
    CHECK(d->lang == "ru");
    REQUIRE(d->visits.size() == 1);
    REQUIRE(d->visits[0].tests.size() == 1);
    CHECK(d->visits[0].tests[0].scales.size() == 2);
    CHECK(d->saved.size() == 1);
    CHECK(d->paths == std::vector<std::string>{"college"});
    REQUIRE(d->trials.size() == 1);
    CHECK(d->trials[0].note == "моя запись");
    CHECK(d->trials[0].liked == std::vector<std::string>{"people", "useful"});
    CHECK(d->trials[0].again == "maybe");
    CHECK(diaryDailyCounts(db).at(0).diariesStarted == 1);
    // The upgraded diary works: the PIN opens it (the wrong-PIN counter carried over), new stages can be
    // written.
    CHECK(s.unlock(code, "2580", Actor::Student, {}).outcome == UnlockResult::Outcome::Ok);
    Decision dec;
    dec.choice = "nurse";
    dec.route = "college";
    CHECK(s.saveDecision("d1", dec).ok);
    CHECK(s.setReady("d1", "family", true).ok);
}

TEST_CASE("diary: simulation fills every part of the diary and its counts", "[diary]") {
    DiaryDb t;
    for (int i = 0; i < 120; ++i) {
        t.visit({{"interest", test::riasec(20 + i % 50, 30, 60, 40, 40, 10)}});
        t.clock.advance(3'600'000);
    }
    const int64_t n = simulateDiaries(t.db, nullptr, {30, 5});
    CHECK(n == 30);
    CHECK(t.db.queryInt("SELECT count(*) FROM diaries") == 30);
    for (const char* table : {"diary_visits", "diary_tests", "diary_scores", "diary_saved", "diary_trials",
                              "diary_decisions", "diary_steps", "diary_notes", "diary_ready"}) {
        INFO(table);
        CHECK(t.db.queryInt(std::string("SELECT count(*) FROM ") + table) > 0);
    }
    CHECK(t.db.queryInt("SELECT count(*) FROM diary_visits WHERE is_return=1") > 0);
    CHECK(t.db.queryInt(std::string("SELECT count(*) FROM diary_trials WHERE note LIKE '") + kSimNoteMarker +
                        "%'") > 0);
    int64_t started = 0, trials = 0, returning = 0;
    for (const auto& d : diaryDailyCounts(t.db)) {
        started += d.diariesStarted;
        trials += d.trials();
        returning += d.returningVisits;
    }
    CHECK(started == 30);
    CHECK(trials == t.db.queryInt("SELECT count(*) FROM diary_trials"));
    CHECK(returning == t.db.queryInt("SELECT count(*) FROM diary_visits WHERE is_return=1"));
    // With no visits there is nothing to start a diary in.
    DiaryDb empty;
    CHECK(simulateDiaries(empty.db, nullptr, {10, 1}) == 0);
}
