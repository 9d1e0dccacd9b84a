// A trial saved while the storage fails or the process dies (power cut): afterwards the trial is there
// whole, with its count, or not there at all, never half (kiosk/core/diary/store.cpp: one transaction).
#include <catch2/catch.hpp>
#include <csignal>
#include <filesystem>
#include <sys/wait.h>
#include <unistd.h>

#include "../unit/helpers.hpp"
#include "diary/store.hpp"
#include "fault_vfs.hpp"
#include "store/local_store.hpp"

using namespace kesip;
using namespace kesip::store;
namespace fs = std::filesystem;
namespace fv = kesip::test::faultvfs;

namespace {

const std::string& hash() {
    static const std::string h = diary::DiaryStore::hashPin("2580");
    return h;
}

diary::Trial sampleTrial() {
    diary::Trial t;
    t.type = "internship";
    t.month = "2026-10";
    t.field = "health";
    t.occupation = "nurse";
    t.liked = {"people", "useful"};
    t.disliked = {"hours"};
    t.again = "yes";
    t.note = "\xD0\x9F\xD1\x80\xD0\xB0\xD0\xBA\xD1\x82\xD0\xB8\xD0\xBA\xD0\xB0 note"; // "Практика note"
    return t;
}

// A local store with one diary, closed; returns the diary id.
std::string makeBaseline(const std::string& dir, const Clock& clock) {
    auto r = openLocalStore(dir);
    REQUIRE(r.db);
    diary::DiaryStore s(*r.db, clock);
    auto c = s.createWithHash(hash(), diary::newDiaryCode(), Lang::ky, {});
    REQUIRE(c.ok);
    return c.id;
}

// After reopening as the next start would: every trial is whole and counted, the count matches, and the
// diary's last use moved only with a saved trial. Returns the number of trials.
int64_t verify(const std::string& dir, const std::string& diaryId, int64_t createdAt) {
    auto r = openLocalStore(dir);
    INFO(r.detail);
    REQUIRE(r.db);
    Database& db = *r.db;
    REQUIRE(db.queryText("PRAGMA integrity_check") == "ok");
    const int64_t trials = db.queryInt("SELECT count(*) FROM diary_trials");
    const int64_t whole = db.queryInt("SELECT count(*) FROM diary_trials WHERE type='internship' AND "
                                      "month='2026-10' AND field='health' AND "
                                      "occupation='nurse' AND liked='people,useful' AND disliked='hours' AND "
                                      "again='yes' AND note LIKE '% note'");
    CHECK(whole == trials);
    CHECK(db.queryInt("SELECT coalesce(sum(n),0) FROM diary_daily WHERE key='trial:internship'") == trials);
    auto q = db.prepare("SELECT last_used_at FROM diaries WHERE id=?");
    q.bind(1, diaryId);
    REQUIRE(q.step());
    if (trials == 0) CHECK(q.getInt(0) == createdAt); // untouched by a save that did not happen
    if (trials > 0) CHECK(q.getInt(0) > createdAt);
    return trials;
}

} // namespace

TEST_CASE("diary faults - every failing write or sync while saving a trial leaves it whole or absent") {
    fv::install();
    FakeClock clock;
    test::TempDir base;
    const std::string id = makeBaseline(base.str(), clock);
    const int64_t createdAt = clock.wallMs();
    clock.advance(60'000);
    const std::string baseline = base.str() + "/kesip.sqlite";

    // A clean save through the VFS: how many writes and syncs it takes.
    int writes = 0, syncs = 0;
    {
        test::TempDir d;
        fs::copy_file(baseline, d.str() + "/kesip.sqlite");
        fv::arm({});
        {
            Database db(d.str() + "/kesip.sqlite", Database::Mode::ReadWrite, fv::kName);
            db.exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON");
            REQUIRE(diary::DiaryStore(db, clock).addTrial(id, sampleTrial()).ok);
        }
        writes = fv::writes();
        syncs = fv::syncs();
        REQUIRE(verify(d.str(), id, createdAt) == 1);
    }
    REQUIRE(writes > 0);
    std::vector<fv::Plan> plans;
    for (fv::Kind k : {fv::Kind::Full, fv::Kind::IoError, fv::Kind::ShortWrite})
        for (int n = 1; n <= writes; ++n) plans.push_back({fv::Op::Write, k, n, false});
    for (int n = 1; n <= syncs; ++n) plans.push_back({fv::Op::Sync, fv::Kind::IoError, n, false});
    int saved = 0, absent = 0;
    for (const fv::Plan& p : plans) {
        INFO((p.op == fv::Op::Write ? "write " : "sync ") << p.failAt << " fails");
        test::TempDir d;
        fs::copy_file(baseline, d.str() + "/kesip.sqlite");
        bool ok = false;
        {
            Database db(d.str() + "/kesip.sqlite", Database::Mode::ReadWrite, fv::kName);
            db.exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON");
            fv::arm(p);
            try {
                ok = diary::DiaryStore(db, clock).addTrial(id, sampleTrial()).ok;
            } catch (const DbError&) {
                ok = false;
            }
        }
        const int fired = fv::failuresFired();
        fv::disarm();
        if (fired == 0) continue; // the fault fell on the close, after the save
        const int64_t n = verify(d.str(), id, createdAt);
        REQUIRE(n <= 1);
        if (ok) CHECK(n == 1);                           // reported saved: it is there
        if (p.op == fv::Op::Write && !ok) CHECK(n == 0); // a failed write never lands
        (n ? saved : absent) += 1;
    }
    CHECK(absent > 0);
    std::printf(
        "diary faults: a trial save takes %d writes and %d syncs; %zu faults: %d saved whole, %d absent\n",
        writes, syncs, plans.size(), saved, absent);
}

TEST_CASE("diary faults - the process killed while saving trials leaves every trial whole") {
    // A child saves trials in a loop and tells the parent after each one; the parent kills it (SIGKILL)
    // after a growing number, so the kill lands at different points of a save.
    FakeClock clock;
    for (int after = 1; after <= 12; ++after) {
        INFO("killed after " << after << " saves");
        test::TempDir d;
        const std::string id = makeBaseline(d.str(), clock);
        int pipefd[2];
        REQUIRE(::pipe(pipefd) == 0);
        const pid_t pid = ::fork();
        REQUIRE(pid >= 0);
        if (pid == 0) {
            ::close(pipefd[0]);
            clock.advance(
                1000); // the child's saves are stamped after the creation (its own copy of the clock)
            auto r = openLocalStore(d.str());
            if (!r.db) ::_exit(2);
            diary::DiaryStore s(*r.db, clock);
            for (;;) {
                if (!s.addTrial(id, sampleTrial()).ok) ::_exit(3);
                const char b = 1;
                if (::write(pipefd[1], &b, 1) != 1) ::_exit(4);
            }
        }
        ::close(pipefd[1]);
        int got = 0;
        char b;
        while (got < after && ::read(pipefd[0], &b, 1) == 1) ++got;
        ::kill(pid, SIGKILL);
        int status = 0;
        ::waitpid(pid, &status, 0);
        REQUIRE(got == after); // the child saved at least that many before it died
        // It may have reported more saves before the kill landed (a busy machine): count them all (its
        // end of the pipe is closed now, so the reads end).
        while (::read(pipefd[0], &b, 1) == 1) ++got;
        ::close(pipefd[0]);
        REQUIRE(WIFSIGNALED(status));
        const int64_t n = verify(d.str(), id, clock.wallMs());
        CHECK(n >= got); // every save it reported is there (plus perhaps the one in flight)
        CHECK(n <= got + 1);
    }
}
