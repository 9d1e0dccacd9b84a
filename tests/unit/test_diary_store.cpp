// The career diary store (kiosk/core/diary/store.hpp): creation, unlocking, what it holds, forgetting.
#include <catch2/catch.hpp>

#include "diary/counts.hpp"
#include "diary/stages.hpp"
#include "diary/vocab.hpp"
#include "diary_helpers.hpp"
#include "helpers.hpp"
#include "store/local_store.hpp"

using namespace kesip;
using namespace kesip::diary;
using Outcome = UnlockResult::Outcome;
using test::DiaryDb;

namespace {
Trial trial(const std::string& type = "open_day", const std::string& month = "2026-10") {
    Trial t;
    t.type = type;
    t.month = month;
    t.occupation = "nurse";
    t.liked = {"people", "useful"};
    t.disliked = {"tiring"};
    t.again = "yes";
    return t;
}
int64_t rows(store::Database& db, const std::string& table) {
    return db.queryInt("SELECT count(*) FROM " + table);
}
} // namespace

TEST_CASE("diary: create keeps only an Argon2id hash of the PIN and refuses a weak PIN", "[diary]") {
    DiaryDb t;
    auto bad = t.diaries.create("1111", Lang::ky, {});
    CHECK_FALSE(bad.ok);
    CHECK(std::string(bad.errorKey) == "diary_pin_simple");
    CHECK(rows(t.db, "diaries") == 0);

    auto r = t.diaries.create("2580", Lang::ru, {});
    REQUIRE(r.ok);
    CHECK(hasValidCheck(r.code));
    const std::string hash = t.db.queryText("SELECT pin_hash FROM diaries");
    CHECK(hash.rfind("$argon2id$", 0) == 0);
    CHECK(hash.find("m=65536") != std::string::npos); // libsodium's interactive memory limit (64 MiB)
    CHECK(hash.find("2580") == std::string::npos);
    CHECK(t.db.queryText("SELECT lang FROM diaries") == "ru");
}

TEST_CASE("diary: the right code and PIN open it and make the visit a returning one", "[diary]") {
    DiaryDb t;
    const std::string first = t.visit({{"interest", test::riasec(20, 30, 60, 70, 40, 10)}});
    const std::string mine = t.diaries.create("2580", Lang::ky, first).code;
    REQUIRE(!mine.empty());
    t.clock.advance(7 * 86'400'000LL);
    const std::string second = t.visit();
    auto r = t.diaries.unlock(formatCode(mine), "2580", Actor::Student, second);
    REQUIRE(r.outcome == Outcome::Ok);
    auto d = t.diaries.load(r.diaryId);
    REQUIRE(d);
    REQUIRE(d->visits.size() == 2);
    CHECK_FALSE(d->visits[0].returning);
    CHECK(d->visits[1].returning);
    REQUIRE(d->visits[0].tests.size() == 1);
    CHECK(d->visits[0].tests[0].scales.size() == 6);
    // Unlocking again in the same visit does not make it a second returning visit.
    REQUIRE(t.diaries.unlock(mine, "2580", Actor::Student, second).outcome == Outcome::Ok);
    CHECK(rows(t.db, "diary_visits") == 2);
    auto counts = diaryDailyCounts(t.db);
    int64_t returning = 0;
    for (const auto& c : counts) returning += c.returningVisits;
    CHECK(returning == 1);
}

TEST_CASE("diary: an unknown code and a wrong PIN get the same answers, lockout included", "[diary]") {
    // Fails if the store answers an unknown code differently (e.g. at once, or without a lockout): that
    // would tell a guesser which codes exist.
    DiaryDb t;
    const std::string known = t.newDiary().code;
    std::string unknown = newDiaryCode();
    while (unknown == known) unknown = newDiaryCode();
    for (int i = 1; i <= DiaryStore::kMaxFailures; ++i) {
        auto a = t.diaries.unlock(known, "9999", Actor::Student, {});
        auto b = t.diaries.unlock(unknown, "9999", Actor::Student, {});
        INFO("attempt " << i);
        CHECK(a.outcome == b.outcome);
        CHECK(a.attemptsLeft == b.attemptsLeft);
        CHECK(a.lockedMs == b.lockedMs);
        CHECK(std::string(unlockMessageKey(a)) == unlockMessageKey(b));
        CHECK(a.outcome == (i < DiaryStore::kMaxFailures ? Outcome::Denied : Outcome::Locked));
    }
    CHECK(std::string(unlockMessageKey(t.diaries.unlock(known, "2580", Actor::Student, {}))) ==
          "diary_unlock_locked");
}

TEST_CASE("diary: five wrong PINs lock that diary for a while, longer each time; others stay open",
          "[diary]") {
    DiaryDb t;
    const std::string code = t.newDiary().code, other = t.newDiary().code;
    for (int i = 0; i < 4; ++i)
        CHECK(t.diaries.unlock(code, "0000", Actor::Student, {}).outcome == Outcome::Denied);
    auto locked = t.diaries.unlock(code, "0000", Actor::Student, {});
    REQUIRE(locked.outcome == Outcome::Locked);
    CHECK(locked.lockedMs == DiaryStore::kFirstLockMs);
    CHECK(locked.lockedMinutes() == 5);
    // The right PIN does not open it while locked, and says nothing about being right.
    auto right = t.diaries.unlock(code, "2580", Actor::Student, {});
    CHECK(right.outcome == Outcome::Locked);
    CHECK(right.diaryId.empty());
    CHECK(t.diaries.unlock(other, "2580", Actor::Student, {}).outcome == Outcome::Ok);

    t.clock.advance(DiaryStore::kFirstLockMs);
    for (int i = 0; i < 4; ++i)
        CHECK(t.diaries.unlock(code, "0000", Actor::Student, {}).outcome == Outcome::Denied);
    auto again = t.diaries.unlock(code, "0000", Actor::Student, {});
    REQUIRE(again.outcome == Outcome::Locked);
    CHECK(again.lockedMs == 2 * DiaryStore::kFirstLockMs); // grows
    t.clock.advance(again.lockedMs - 1);
    CHECK(t.diaries.unlock(code, "2580", Actor::Student, {}).outcome == Outcome::Locked);
    t.clock.advance(1);
    CHECK(t.diaries.unlock(code, "2580", Actor::Student, {}).outcome == Outcome::Ok);
    // A success starts over: the next lockout is the first length again.
    for (int i = 0; i < 4; ++i) t.diaries.unlock(code, "0000", Actor::Student, {});
    CHECK(t.diaries.unlock(code, "0000", Actor::Student, {}).lockedMs == DiaryStore::kFirstLockMs);
}

TEST_CASE("diary: the lockout survives a restart of the kiosk", "[diary]") {
    test::TempDir dir;
    FakeClock clock;
    std::string code;
    {
        auto st = store::openLocalStore(dir.str());
        REQUIRE(st.db);
        DiaryStore s(*st.db, clock);
        code = s.createWithHash(test::pinHash(), newDiaryCode(), Lang::ky, {}).code;
        for (int i = 0; i < 5; ++i) s.unlock(code, "0000", Actor::Student, {});
    }
    auto st = store::openLocalStore(dir.str());
    REQUIRE(st.db);
    DiaryStore s(*st.db, clock);
    CHECK(s.unlock(code, "2580", Actor::Student, {}).outcome == Outcome::Locked);
}

TEST_CASE("diary: a mistyped code is told as a typo without looking it up", "[diary]") {
    DiaryDb t;
    std::string code = t.newDiary().code;
    std::string typo = code;
    std::swap(typo[2], typo[3]);
    if (typo == code) std::swap(typo[0], typo[1]);
    if (typo == code) typo[5] = typo[5] == 'A' ? 'B' : 'A';
    auto r = t.diaries.unlock(typo, "2580", Actor::Student, {});
    CHECK(r.outcome == Outcome::BadCode);
    CHECK(r.codeProblem == CodeEntry::Typo);
    CHECK(std::string(unlockMessageKey(r)) == "diary_code_typo");
    CHECK(rows(t.db, "diary_locks") == 0); // a typo costs no attempt
}

TEST_CASE("diary: a counselor's opening is audited and links no visit; the audit holds no code", "[diary]") {
    DiaryDb t;
    const std::string code = t.newDiary().code;
    const std::string visit = t.visit();
    CHECK(t.diaries.unlock(code, "0000", Actor::Counselor, visit).outcome == Outcome::Denied);
    auto r = t.diaries.unlock(code, "2580", Actor::Counselor, visit);
    REQUIRE(r.outcome == Outcome::Ok);
    CHECK(rows(t.db, "diary_visits") == 0);
    CHECK(t.db.queryInt("SELECT count(*) FROM audit WHERE actor='counselor' AND action='diary_open'") == 1);
    CHECK(t.db.queryInt("SELECT count(*) FROM audit WHERE action='diary_open_failed'") == 1);
    auto w =
        t.diaries.addCounselorNote(r.diaryId, {"rec_open_day", "made_up", "rec_open_day", "parents_meeting"});
    REQUIRE(w.ok);
    auto d = t.diaries.load(r.diaryId);
    REQUIRE(d->notes.size() == 1);
    CHECK(d->notes[0].choices == std::vector<std::string>{"rec_open_day", "parents_meeting"});
    CHECK_FALSE(t.diaries.addCounselorNote(r.diaryId, {"free text"}).ok);
    CHECK(t.db.queryInt("SELECT count(*) FROM audit WHERE detail LIKE '%" + code + "%'") == 0);
}

TEST_CASE("diary: a trial is saved whole, with its chips and the student's note", "[diary]") {
    DiaryDb t;
    const std::string id = t.newDiary().id;
    Trial tr = trial("internship", "2026-07");
    tr.field = "health";
    tr.note = "  Мага бейтаптар менен сүйлөшүү жакты  ";
    auto w = t.diaries.addTrial(id, tr);
    REQUIRE(w.ok);
    auto d = t.diaries.load(id);
    REQUIRE(d->trials.size() == 1);
    const Trial& got = d->trials[0];
    CHECK(got.id == w.id);
    CHECK(got.type == "internship");
    CHECK(got.month == "2026-07");
    CHECK(got.field == "health");
    CHECK(got.occupation == "nurse");
    CHECK(got.liked == std::vector<std::string>{"people", "useful"});
    CHECK(got.disliked == std::vector<std::string>{"tiring"});
    CHECK(got.again == "yes");
    CHECK(got.note == "Мага бейтаптар менен сүйлөшүү жакты"); // trimmed
    REQUIRE(t.diaries.removeTrial(id, w.id).ok);
    CHECK(t.diaries.load(id)->trials.empty());
}

TEST_CASE("diary: bad trial input is refused with its reason and nothing is written", "[diary]") {
    DiaryDb t;
    const std::string id = t.newDiary().id;
    auto refused = [&](Trial tr, const char* key) {
        auto w = t.diaries.addTrial(id, tr);
        INFO(key);
        CHECK_FALSE(w.ok);
        CHECK(std::string(w.errorKey ? w.errorKey : "") == key);
    };
    refused(trial("hobby"), "diary_err_trial_type");
    refused(trial("open_day", "2026-13"), "diary_err_month");
    refused(trial("open_day", "2026-12"), "diary_err_month_future"); // the clock says 2026-11
    Trial none = trial();
    none.occupation.clear();
    refused(none, "diary_err_trial_what");
    Trial chip = trial();
    chip.liked.push_back("money and fame");
    refused(chip, "diary_err_chips");
    Trial longNote = trial();
    for (int i = 0; i < 281; ++i) longNote.note += "\xD3\xA9"; // 281 x ө: 562 bytes, 281 characters
    refused(longNote, "diary_err_note_long");
    Trial bidi = trial();
    bidi.note = "ok \xE2\x80\xAE reversed"; // U+202E RIGHT-TO-LEFT OVERRIDE
    refused(bidi, "diary_err_note_chars");
    Trial broken = trial();
    broken.note = "\xC3\x28";
    refused(broken, "diary_err_note_chars");
    Trial newline = trial();
    newline.note = "line\nbreak";
    refused(newline, "diary_err_note_chars");
    CHECK(rows(t.db, "diary_trials") == 0);
    CHECK(t.db.queryInt("SELECT count(*) FROM diary_daily WHERE key LIKE 'trial:%'") == 0);

    Trial exact = trial();
    for (int i = 0; i < 280; ++i) exact.note += "\xD3\xA9"; // 280 characters: allowed
    CHECK(t.diaries.addTrial(id, exact).ok);
    CHECK_FALSE(t.diaries.addTrial("no-such-diary", trial()).ok);
}

TEST_CASE("diary: decisions keep their history; only a new or changed choice counts as a decision",
          "[diary]") {
    DiaryDb t;
    const std::string id = t.newDiary().id;
    Decision d;
    d.choice = "nurse";
    d.planB = "pharmacist";
    d.route = "college";
    d.institution = "bishkek_medical_college";
    d.steps = {{"open_day", "2027-01", false}, {"documents", "2027-06", false}};
    auto first = t.diaries.saveDecision(id, d);
    REQUIRE(first.ok);
    d.steps.push_back({"apply", "2027-07", false});
    REQUIRE(t.diaries.saveDecision(id, d).ok); // same choice, more steps
    d.choice = "pharmacist";
    d.planB = "nurse";
    t.clock.advance(1000);
    auto third = t.diaries.saveDecision(id, d);
    REQUIRE(third.ok);

    auto got = t.diaries.load(id);
    REQUIRE(got->decision);
    CHECK(got->decision->choice == "pharmacist");
    CHECK(got->decision->steps.size() == 3);
    CHECK(got->earlier.size() == 2);
    CHECK(got->earlier.back().choice == "nurse");
    int64_t decisions = 0;
    for (const auto& c : diaryDailyCounts(t.db)) decisions += c.decisions;
    CHECK(decisions == 2);

    REQUIRE(t.diaries.setStepDone(id, third.id, 1, true).ok);
    CHECK(t.diaries.load(id)->decision->steps[1].done);
    CHECK_FALSE(t.diaries.setStepDone(id, third.id, 9, true).ok);

    Decision bad = d;
    bad.planB = bad.choice;
    CHECK(std::string(t.diaries.saveDecision(id, bad).errorKey) == "diary_err_plan_b_same");
    bad = d;
    bad.route = "abroad";
    CHECK(std::string(t.diaries.saveDecision(id, bad).errorKey) == "diary_err_route");
    bad = d;
    bad.steps = {{"open_day", "2026-10", false}}; // last month
    CHECK(std::string(t.diaries.saveDecision(id, bad).errorKey) == "diary_err_step_month");
    bad.steps = {{"fly_to_the_moon", "2027-01", false}};
    CHECK(std::string(t.diaries.saveDecision(id, bad).errorKey) == "diary_err_steps");
    CHECK(rows(t.db, "diary_decisions") == 3);
}

TEST_CASE("diary: the stage map follows the journey and suggests one next step", "[diary]") {
    DiaryDb t;
    const std::string visit = t.visit({{"interest", test::riasec(20, 30, 60, 70, 40, 10)}});
    const std::string id = t.newDiary(visit).id;
    auto map = [&] { return stageMap(*t.diaries.load(id)); };
    auto m = map();
    CHECK(m.state[0] == StageState::InProgress);
    CHECK(m.state[1] == StageState::NotStarted);
    CHECK(m.next == Stage::Self);
    CHECK(std::string(m.suggestion.key) == "diary_next_strengths");

    const std::string v2 = t.visit({{"strengths", {{"teamwork", 80}, {"leadership", 30}}}});
    t.diaries.linkVisit(id, v2, true);
    m = map();
    CHECK(m.state[0] == StageState::Done);
    CHECK(std::string(m.suggestion.key) == "diary_next_save");
    for (const char* occ : {"nurse", "teacher", "designer"}) t.diaries.saveOccupation(id, occ, "results");
    CHECK(std::string(map().suggestion.key) == "diary_next_paths");
    t.diaries.notePathSeen(id, "college");
    m = map();
    CHECK(m.state[1] == StageState::Done);
    CHECK(m.next == Stage::Try);
    CHECK(std::string(m.suggestion.key) == "diary_next_trial");
    t.diaries.addTrial(id, trial());
    CHECK(map().state[2] == StageState::InProgress);
    t.diaries.addTrial(id, trial("talk_worker"));
    m = map();
    CHECK(m.state[2] == StageState::Done);
    CHECK(std::string(m.suggestion.key) == "diary_next_ready");
    for (const Choice& c : readyItems()) t.diaries.setReady(id, c.code, true);
    CHECK(std::string(map().suggestion.key) == "diary_next_decide");
    Decision d;
    d.choice = "nurse";
    d.route = "college";
    REQUIRE(t.diaries.saveDecision(id, d).ok);
    CHECK(std::string(map().suggestion.key) == "diary_next_steps");
    d.steps = {{"documents", "2027-06", false}, {"open_day", "2027-02", false}};
    auto dec = t.diaries.saveDecision(id, d);
    m = map();
    for (int s = 0; s < kStages; ++s) CHECK(m.state[size_t(s)] == StageState::Done);
    CHECK(std::string(m.suggestion.key) == "diary_next_follow");
    CHECK(m.suggestion.step == "open_day"); // the earliest month first
    CHECK(m.suggestion.month == "2027-02");
    t.diaries.setStepDone(id, dec.id, 0, true);
    t.diaries.setStepDone(id, dec.id, 1, true);
    CHECK(std::string(map().suggestion.key) == "diary_next_all_done");
}

TEST_CASE("diary: change since last time, per scale", "[diary]") {
    DiaryDb t;
    const std::string id = t.newDiary(t.visit({{"interest", test::riasec(20, 30, 60, 50, 40, 10)}})).id;
    CHECK(changesSinceLast(*t.diaries.load(id), "interest").empty()); // one run: nothing to compare
    t.clock.advance(30 * 86'400'000LL);
    t.diaries.linkVisit(id, t.visit({{"interest", test::riasec(22, 30, 45, 65, 40, 10)}}), true);
    auto ch = changesSinceLast(*t.diaries.load(id), "interest");
    std::map<std::string, int> dir;
    for (const auto& c : ch) dir[c.scale] = c.direction;
    CHECK(dir["S"] == 1);  // 50 -> 65: rose
    CHECK(dir["A"] == -1); // 60 -> 45: fell
    CHECK(dir["R"] == 0);  // 20 -> 22: about the same
    for (const auto& c : ch)
        if (c.scale == "S") CHECK(std::string(changeKey(c)) == "diary_change_rose");
}

TEST_CASE("diary: tests of a visit stay in the diary after the visit itself is purged", "[diary]") {
    DiaryDb t;
    const std::string visit = t.visit({{"interest", test::riasec(20, 30, 60, 70, 40, 10)}});
    const std::string id = t.newDiary(visit).id;
    t.db.prepare("DELETE FROM sessions WHERE id=?").bind(1, visit).run(); // the visits' retention
    auto d = t.diaries.load(id);
    REQUIRE(d->visits.size() == 1);
    REQUIRE(d->visits[0].tests.size() == 1);
    CHECK(d->visits[0].tests[0].scales.size() == 6);
    CHECK(t.db.queryInt("SELECT count(*) FROM diary_visits WHERE session_id IS NULL") == 1);
}

TEST_CASE("diary: a new diary takes the occupations starred and paths seen earlier in the visit", "[diary]") {
    DiaryDb t;
    Seed seed;
    seed.saved = {{"nurse", "results"}, {"teacher", "encyclopedia"}, {"bad id!", "results"}, {"cook", "tv"}};
    seed.paths = {"college"};
    const std::string id = t.newDiary(t.visit(), seed).id;
    auto d = t.diaries.load(id);
    REQUIRE(d->saved.size() == 2);
    CHECK(d->paths == std::vector<std::string>{"college"});
    REQUIRE(t.diaries.unsaveOccupation(id, "nurse").ok);
    CHECK(t.diaries.load(id)->saved.size() == 1);
}
