// Planned trials (kiosk/core/diary/trials.cpp): an open day next month put in the diary as planned, and
// completed on a later visit once its month has come. The fake clock starts in 2026-11.
#include <catch2/catch.hpp>

#include "diary/counts.hpp"
#include "diary/schema_steps.hpp"
#include "diary/stages.hpp"
#include "diary_helpers.hpp"
#include "sync/diary_export.hpp"

using namespace kesip;
using namespace kesip::diary;
using test::DiaryDb;

namespace {

constexpr int64_t kDayMs = int64_t(24) * 3600 * 1000;

Trial plan(const std::string& month = "2026-12") {
    Trial t;
    t.type = "open_day";
    t.month = month;
    t.occupation = "nurse";
    t.planned = true;
    return t;
}

std::string key(const WriteResult& w) {
    return w.errorKey ? w.errorKey : "";
}

int64_t trialCounts(store::Database& db) {
    int64_t n = 0;
    for (const auto& day : diaryDailyCounts(db)) n += day.trials();
    return n;
}

} // namespace

TEST_CASE("diary plan: a trial in a coming month is saved as planned, up to a year ahead", "[diary]") {
    // Fails if a planned trial is refused for its future month (the bug of issue 11's "Add to my diary":
    // diary_err_month_future), if it loads as done, or if plans have no limit ahead or go into the past.
    DiaryDb t;
    const std::string id = t.newDiary().id;
    const WriteResult w = t.diaries.addTrial(id, plan("2026-12"));
    REQUIRE(w.ok);
    CHECK(t.diaries.addTrial(id, plan("2026-11")).ok); // later this month
    CHECK(t.diaries.addTrial(id, plan("2027-11")).ok); // twelve months ahead
    CHECK(key(t.diaries.addTrial(id, plan("2027-12"))) == "diary_err_plan_month");
    CHECK(key(t.diaries.addTrial(id, plan("2026-10"))) == "diary_err_plan_month");
    const auto d = t.diaries.load(id);
    REQUIRE(d->trials.size() == 3);
    CHECK(d->trials[0].id == w.id);
    CHECK(d->trials[0].planned);
    CHECK(d->trials[0].month == "2026-12");
    // A done trial in a future month is still refused: only a plan may be ahead.
    Trial done = plan("2026-12");
    done.planned = false;
    CHECK(key(t.diaries.addTrial(id, done)) == "diary_err_month_future");
}

TEST_CASE("diary plan: a planned trial with how it went is refused, nothing written", "[diary]") {
    // Fails if a plan can carry liked/disliked chips, an "again" answer or a note (feelings about
    // something that has not happened), or if the refusal writes a row or an export count.
    DiaryDb t;
    const std::string id = t.newDiary().id;
    Trial liked = plan(), disliked = plan(), again = plan(), note = plan();
    liked.liked = {"people"};
    disliked.disliked = {"tiring"};
    again.again = "yes";
    note.note = "барам";
    for (const Trial& tr : {liked, disliked, again, note})
        CHECK(key(t.diaries.addTrial(id, tr)) == "diary_err_plan_feelings");
    CHECK(t.db.queryInt("SELECT count(*) FROM diary_trials") == 0);
    CHECK(trialCounts(t.db) == 0);
}

TEST_CASE("diary plan: completing a plan whose month has not come is refused", "[diary]") {
    // Fails if completeTrial skips the done-trial month rule, so an open day next month could be marked
    // as gone to (and counted) today.
    DiaryDb t;
    const std::string id = t.newDiary().id;
    const int64_t pid = t.diaries.addTrial(id, plan("2026-12")).id;
    Trial how = plan("2026-12");
    how.planned = false;
    how.liked = {"people"};
    how.again = "yes";
    CHECK(key(t.diaries.completeTrial(id, pid, how)) == "diary_err_month_future");
    const auto d = t.diaries.load(id);
    REQUIRE(d->trials.size() == 1);
    CHECK(d->trials[0].planned);
    CHECK(d->trials[0].liked.empty());
    CHECK(trialCounts(t.db) == 0);
}

TEST_CASE("diary plan: once its month has come a plan is completed with how it went, counted once",
          "[diary]") {
    // Fails if completing does not turn the plan into a done trial with its chips, answer and note, if the
    // export counts the plan when planned (it may never happen) instead of when done, or if a second
    // completion (a double tap, another diary's id) changes or counts anything.
    DiaryDb t;
    const std::string id = t.newDiary().id;
    const std::string other = t.newDiary().id;
    const int64_t pid = t.diaries.addTrial(id, plan("2026-12")).id;
    CHECK(trialCounts(t.db) == 0);
    t.clock.advance(30 * kDayMs); // into December
    // Nor does the published export hold a trial measure for the plan.
    for (const auto& [period, measures] : sync::publishedDiaryCounts(t.db, "2099-01-01", true))
        for (const auto& [measure, n] : measures) CHECK(measure.rfind("trial:", 0) != 0);
    Trial how = plan("2026-12");
    how.planned = false;
    how.liked = {"people", "useful"};
    how.again = "maybe";
    how.note = "  жакты  ";
    CHECK(key(t.diaries.completeTrial(other, pid, how)) == "diary_err_save"); // not that diary's
    REQUIRE(t.diaries.completeTrial(id, pid, how).ok);
    const auto d = t.diaries.load(id);
    REQUIRE(d->trials.size() == 1);
    const Trial& got = d->trials[0];
    CHECK_FALSE(got.planned);
    CHECK(got.id == pid);
    CHECK(got.month == "2026-12");
    CHECK(got.liked == std::vector<std::string>{"people", "useful"});
    CHECK(got.again == "maybe");
    CHECK(got.note == "жакты");
    const auto days = diaryDailyCounts(t.db);
    REQUIRE(days.size() == 2); // the two diaries' start day, and the completion day
    CHECK(days.back().trialsByType.at("open_day") == 1);
    CHECK(key(t.diaries.completeTrial(id, pid, how)) == "diary_err_save");
    CHECK(trialCounts(t.db) == 1);
}

TEST_CASE("diary plan: a plan whose month has passed stays planned and counts for nothing done", "[diary]") {
    // Fails if a passed plan silently becomes a done trial (the diary would claim an open day the student
    // may have missed), or if plans make stage 4 "done" in the stage map.
    DiaryDb t;
    const std::string id = t.newDiary().id;
    REQUIRE(t.diaries.addTrial(id, plan("2026-12")).ok);
    REQUIRE(t.diaries.addTrial(id, plan("2027-01")).ok);
    t.clock.advance(120 * kDayMs); // March 2027
    const auto d = t.diaries.load(id);
    REQUIRE(d->trials.size() == 2);
    CHECK(d->trials[0].planned);
    CHECK(d->trials[1].planned);
    const StageMap m = stageMap(*d);
    CHECK(m.state[size_t(Stage::Try)] == StageState::InProgress);
    CHECK(trialCounts(t.db) == 0);
    // Completed in a later month than planned (it moved): allowed, as a done trial of that month.
    Trial how = plan("2027-02");
    how.planned = false;
    REQUIRE(t.diaries.completeTrial(id, d->trials[0].id, how).ok);
    CHECK(t.diaries.load(id)->trials[0].month == "2027-02");
}

TEST_CASE("diary plan: a plan whose month has come is the next step, one still ahead is not", "[diary]") {
    // Fails if the map ignores due plans (the student is never asked "did you go?"), suggests a plan
    // still ahead, picks a later plan before the earliest due one, or suggests a plan already completed.
    DiaryDb t;
    const std::string id = t.newDiary().id;
    REQUIRE(t.diaries.addTrial(id, plan("2027-02")).ok);
    REQUIRE(t.diaries.addTrial(id, plan("2027-01")).ok);
    auto d = t.diaries.load(id);
    const StageMap ahead = stageMap(*d, "2026-12");
    CHECK(std::string(ahead.suggestion.key) != "diary_next_plan_due");
    CHECK(std::string(stageMap(*d).suggestion.key) != "diary_next_plan_due"); // no month given: no check
    const StageMap due = stageMap(*d, "2027-03");
    CHECK(std::string(due.suggestion.key) == "diary_next_plan_due");
    CHECK(due.suggestion.month == "2027-01");
    CHECK(due.next == Stage::Try);
    // Once both are completed (March 2027), nothing is due any more.
    t.clock.advance(120 * kDayMs);
    for (const Trial& tr : d->trials) {
        Trial how = plan(tr.month);
        how.planned = false;
        REQUIRE(t.diaries.completeTrial(id, tr.id, how).ok);
    }
    d = t.diaries.load(id);
    CHECK(std::string(stageMap(*d, "2027-03").suggestion.key) != "diary_next_plan_due");
}

TEST_CASE("diary plan: the planned step sits at its version and upgrades a version 8 database", "[diary]") {
    // Fails if a merge renumbers the step, if the upgrade loses a trial, its note or chips, or if an
    // upgraded database cannot take a plan (the loader or writer needing what the upgrade did not add).
    const auto& all = store::localMigrations();
    REQUIRE(int(all.size()) >= kPlannedSchemaVersion);
    CHECK(all[size_t(kPlannedSchemaVersion - 1)] == schemaStepDiaryPlanned());
    FakeClock clock;
    store::Database db(":memory:");
    db.exec("PRAGMA foreign_keys=ON");
    store::migrate(db, std::vector<std::string>(all.begin(), all.begin() + kPlannedSchemaVersion - 1));
    REQUIRE(db.queryInt("PRAGMA user_version") == 8);
    db.prepare("INSERT INTO diaries VALUES('d1', ?, ?, 'ky', 1000, 2000)")
        .bind(1, newDiaryCode())
        .bind(2, test::pinHash())
        .run();
    db.exec(
        "INSERT INTO diary_trials(diary_id,type,month,field,occupation,liked,disliked,again,note,created_at) "
        "VALUES('d1','internship','2026-06','health',NULL,'people','tiring','maybe','менин жазуум',1300)");
    store::migrate(db, all);
    CHECK(db.queryInt("PRAGMA user_version") == int(all.size()));
    DiaryStore s(db, clock);
    auto d = s.load("d1");
    REQUIRE(d);
    REQUIRE(d->trials.size() == 1);
    CHECK_FALSE(d->trials[0].planned);
    CHECK(d->trials[0].note == "менин жазуум");
    CHECK(d->trials[0].liked == std::vector<std::string>{"people"});
    REQUIRE(s.addTrial("d1", plan("2026-12")).ok);
    CHECK(s.load("d1")->trials.back().planned);
    // The database itself refuses a plan with feelings, whatever writes it.
    CHECK_THROWS(db.exec("UPDATE diary_trials SET liked='people' WHERE planned=1"));
}
