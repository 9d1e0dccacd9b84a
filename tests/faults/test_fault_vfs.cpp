// Failing storage under the local database: every write (and every sync) of a visit's saves fails in turn,
// through the fault VFS (fault_vfs.hpp), with ENOSPC, EIO or a short write, once or for good. After each
// failure the database is reopened with the normal VFS, as the next start would: it is intact, everything
// saved before the failure is there, and nothing is half-written.
#include <catch2/catch.hpp>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <sqlite3.h>

#include "../unit/helpers.hpp"
#include "assess/instrument.hpp"
#include "assess/runner.hpp"
#include "assess/scoring.hpp"
#include "fault_vfs.hpp"
#include "store/local_store.hpp"
#include "store/repo.hpp"
#include "store/runs.hpp"
#include "store/schema.hpp"

using namespace kesip;
using namespace kesip::store;
namespace fs = std::filesystem;
namespace fv = kesip::test::faultvfs;

namespace {

constexpr int kAnswers = 6;

const assess::Instrument& interest() {
    static const assess::Instrument ins = [] {
        std::vector<content::Problem> ps;
        auto i = assess::loadInstrument(std::string(KESIP_SOURCE_DIR) + "/assets/instruments/interest.json",
                                        assess::interestSpec(), ps);
        REQUIRE(i);
        return *i;
    }();
    return ins;
}

// The connection settings openLocalStore applies, on a connection through the fault VFS.
std::unique_ptr<Database> openThroughFaults(const std::string& path, Database::Mode mode) {
    auto db = std::make_unique<Database>(path, mode, fv::kName);
    db->exec("PRAGMA journal_mode=WAL");
    db->exec("PRAGMA synchronous=FULL");
    db->exec("PRAGMA foreign_keys=ON");
    return db;
}

std::optional<int> answerValue(int i) {
    return i == 2 ? std::nullopt : std::optional<int>(1 + (i * 3) % 5); // item 2 skipped
}

// One visit as the app saves it (App::beginVisit, answerItem, endVisit): each step is one write
// transaction. ok[i] tells whether step i returned without an exception.
struct Outcome {
    std::vector<std::string> names;
    std::vector<bool> ok;
    std::string session;
    std::vector<int> codes; // extended result codes of the failures, in order
};

Outcome runVisit(Database& db, const Clock& clock) {
    const assess::Instrument& ins = interest();
    SessionRepo sessions(db, clock);
    RunRepo runs(db, clock);
    Outcome o;
    std::vector<assess::Response> answers;
    auto step = [&](const std::string& name, const std::function<void()>& fn) {
        o.names.push_back(name);
        try {
            fn();
            o.ok.push_back(true);
        } catch (const DbError& e) {
            o.ok.push_back(false);
            o.codes.push_back(e.code);
        }
    };
    step("begin", [&] { o.session = sessions.begin(Lang::ky).id; });
    step("demographics", [&] { sessions.setDemographics(o.session, {"15-17", "na", std::nullopt, "chui"}); });
    step("start", [&] { runs.start(o.session, ins.id, ins.version); });
    for (int i = 0; i < kAnswers; ++i) {
        step("answer " + std::to_string(i), [&] {
            assess::Response r{ins.items[size_t(i)].id, answerValue(i), 1500 + 100 * i};
            std::vector<assess::Response> next = answers;
            next.push_back(r);
            runs.saveAnswer(o.session, ins.id, r, assess::score(ins, next), assess::packAnswers(ins, next));
            answers = next;
        });
    }
    step("complete", [&] { runs.complete(o.session, ins.id); });
    step("visit result", [&] { runs.saveVisitResult(o.session, "SA-E", "it", {}); });
    step("end", [&] { sessions.end(o.session, "finished"); });
    return o;
}

// Checks a database after a faulty run, reopened as the next start would. Returns the number of failed
// steps whose change nevertheless landed (possible when only the sync after a complete write failed).
int verifyAfter(const std::string& dir, const Outcome& o) {
    const assess::Instrument& ins = interest();
    auto opened = openLocalStore(dir);
    INFO(opened.detail);
    REQUIRE(opened.db);
    Database& db = *opened.db;
    REQUIRE(db.queryText("PRAGMA integrity_check") == "ok");

    // Which steps' changes are in the database.
    std::string session = o.session;
    const int64_t nSessions = db.queryInt("SELECT count(*) FROM sessions");
    REQUIRE(nSessions <= 1);
    if (session.empty() && nSessions == 1) session = db.queryText("SELECT id FROM sessions");
    RunRepo runs(db, SystemClock());
    std::map<std::string, std::optional<int>> stored;
    for (const auto& r : runs.responses(session, ins.id)) stored[r.itemId] = r.value;
    auto has = [&](const char* sql) { return db.prepare(sql).bind(1, session).step(); };
    std::vector<bool> present;
    present.push_back(nSessions == 1);
    present.push_back(has("SELECT 1 FROM sessions WHERE id=? AND age_band='15-17' AND oblast='chui'"));
    present.push_back(runs.state(session, ins.id).has_value());
    for (int i = 0; i < kAnswers; ++i) {
        auto it = stored.find(ins.items[size_t(i)].id);
        if (it != stored.end()) REQUIRE(it->second == answerValue(i));
        present.push_back(it != stored.end());
    }
    present.push_back(runs.state(session, ins.id) == std::optional<std::string>("completed"));
    present.push_back(has("SELECT 1 FROM visit_results WHERE session_id=? AND interest_code='SA-E'"));
    present.push_back(has("SELECT 1 FROM sessions WHERE id=? AND ended_at IS NOT NULL"));
    REQUIRE(present.size() == o.ok.size());

    // Everything saved is there. A step that returned normally changed something only when what it
    // builds on exists: after a failed begin the app has no visit id, and its updates touch no row.
    const bool sessionKnown = !o.session.empty() && present[0];
    const bool runThere = present[2];
    int landedAnyway = 0;
    for (size_t i = 0; i < present.size(); ++i) {
        INFO("step " << o.names[i]);
        const bool needsRun = o.names[i].rfind("answer", 0) == 0 || o.names[i] == "complete";
        const bool expected = o.ok[i] && (i == 0 || (sessionKnown && (!needsRun || runThere)));
        if (expected) CHECK(present[i]);
        landedAnyway += !o.ok[i] && present[i];
    }
    REQUIRE(stored.size() <= size_t(kAnswers));

    // Nothing half-written: the visit is open or ended with its reason and counted, and scores, flags and
    // packed answers agree with the stored answers.
    const int64_t ended = db.queryInt("SELECT count(*) FROM sessions WHERE ended_at IS NOT NULL");
    REQUIRE(db.queryInt("SELECT count(*) FROM sessions WHERE (ended_at IS NULL) <> (end_reason IS NULL)") ==
            0);
    REQUIRE(db.queryInt("SELECT coalesce(sum(n),0) FROM daily_stats WHERE key='sessions'") == ended);
    const auto rs = runs.responses(session, ins.id);
    if (rs.empty()) {
        REQUIRE(db.queryInt("SELECT count(*) FROM scores") == 0);
    } else {
        const assess::Result want = assess::score(ins, rs);
        const auto got = runs.scores(session, ins.id);
        REQUIRE(got.size() == want.scales.size());
        std::map<std::string, assess::ScaleScore> byScale;
        for (const auto& s : got) byScale[s.scale] = s;
        for (const auto& s : want.scales) {
            CHECK(byScale[s.scale].raw == Approx(s.raw).margin(1e-9));
            CHECK(byScale[s.scale].percent == Approx(s.percent).margin(1e-9));
        }
        CHECK(runs.flags(session, ins.id) == want.flags);
        auto packed = db.prepare("SELECT answers FROM test_runs WHERE session_id=?");
        packed.bind(1, session);
        REQUIRE(packed.step());
        CHECK(packed.getText(0) == assess::packAnswers(ins, rs));
    }
    return landedAnyway;
}

const char* kindName(fv::Kind k) {
    switch (k) {
    case fv::Kind::Full:
        return "ENOSPC";
    case fv::Kind::IoError:
        return "EIO";
    case fv::Kind::ShortWrite:
        return "short write";
    }
    return "?";
}

// A database as the kiosk leaves it after its first start: created, migrated, closed.
std::string makeBaseline(const std::string& dir) {
    auto r = openLocalStore(dir);
    REQUIRE(r.db);
    r.db.reset();
    const std::string path = dir + "/kesip.sqlite";
    REQUIRE_FALSE(fs::exists(path + "-wal")); // checkpointed on close
    return path;
}

} // namespace

TEST_CASE("fault VFS - every failing write or sync of a visit leaves the local database intact") {
    fv::install();
    const auto t0 = std::chrono::steady_clock::now();
    test::TempDir base;
    const std::string baseline = makeBaseline(base.str());
    FakeClock clock;

    // A clean run through the VFS: how many writes and syncs a visit (and closing the connection) takes.
    int totalWrites = 0, totalSyncs = 0;
    {
        test::TempDir d;
        fs::copy_file(baseline, d.str() + "/kesip.sqlite");
        fv::arm({});
        Outcome o;
        {
            auto db = openThroughFaults(d.str() + "/kesip.sqlite", Database::Mode::ReadWrite);
            o = runVisit(*db, clock);
        }
        for (bool ok : o.ok) REQUIRE(ok);
        totalWrites = fv::writes();
        totalSyncs = fv::syncs();
        REQUIRE(verifyAfter(d.str(), o) == 0);
    }
    REQUIRE(totalWrites > 10);
    REQUIRE(totalSyncs > 0);

    std::vector<fv::Plan> plans;
    for (bool sticky : {false, true}) {
        for (fv::Kind k : {fv::Kind::Full, fv::Kind::IoError, fv::Kind::ShortWrite})
            for (int n = 1; n <= totalWrites; ++n) plans.push_back({fv::Op::Write, k, n, sticky});
        for (fv::Kind k : {fv::Kind::IoError, fv::Kind::Full})
            for (int n = 1; n <= totalSyncs; ++n) plans.push_back({fv::Op::Sync, k, n, sticky});
    }
    int injected = 0, landedAnyway = 0, failedSteps = 0, collateral = 0;
    for (const fv::Plan& p : plans) {
        INFO((p.op == fv::Op::Write ? "write " : "sync ")
             << p.failAt << " fails with " << kindName(p.kind) << (p.sticky ? " from then on" : " once"));
        test::TempDir d;
        fs::copy_file(baseline, d.str() + "/kesip.sqlite");
        Outcome o;
        {
            auto db = openThroughFaults(d.str() + "/kesip.sqlite", Database::Mode::ReadWrite);
            fv::arm(p);
            o = runVisit(*db, clock);
        } // closing checkpoints through the VFS too: faults there count
        const int fired = fv::failuresFired();
        fv::disarm();
        REQUIRE(fired > 0);
        injected += 1;
        // The error the app sees names the cause: disk full or an I/O error. Later steps may also fail on
        // the missing visit (a foreign key) when the failed step was its begin.
        if (!o.codes.empty()) {
            const int first = o.codes.front();
            INFO("first code " << first);
            if (p.kind == fv::Kind::IoError)
                CHECK(first == (p.op == fv::Op::Write ? SQLITE_IOERR_WRITE : SQLITE_IOERR_FSYNC));
            else
                CHECK(first == SQLITE_FULL);
        }
        for (size_t i = 1; i < o.codes.size(); ++i) {
            INFO("code " << o.codes[i]);
            const int primary = o.codes[i] & 0xff;
            CHECK((primary == SQLITE_FULL || primary == SQLITE_IOERR ||
                   o.codes[i] == SQLITE_CONSTRAINT_FOREIGNKEY));
            // A passing fault (once) costs only the save it hit, unless that was the visit's begin.
            if (!p.sticky && o.codes[i] != SQLITE_CONSTRAINT_FOREIGNKEY) ++collateral;
        }
        failedSteps += int(o.codes.size());
        const int landed = verifyAfter(d.str(), o);
        // A failed write never leaves its transaction behind; a failed sync may (the frames are complete).
        if (p.op == fv::Op::Write) CHECK(landed == 0);
        landedAnyway += landed;
    }
    const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    std::printf("fault-vfs: %d faults injected\n", injected);
    std::printf("fault-vfs: a visit takes %d writes and %d syncs; %d failed saves, %d of them landed "
                "(only the sync after them failed), %d failed after a passing fault, %.1f s\n",
                totalWrites, totalSyncs, failedSteps, landedAnyway, collateral, secs);
}

TEST_CASE("fault VFS - a first start that fails while creating the database is completed by the next") {
    fv::install();
    // How many writes creating and migrating a database takes.
    int total = 0;
    {
        test::TempDir d;
        fv::arm({});
        {
            auto db = openThroughFaults(d.str() + "/kesip.sqlite", Database::Mode::ReadWriteCreate);
            migrate(*db, localMigrations());
        }
        total = fv::writes();
    }
    REQUIRE(total > 0);
    int injected = 0, refused = 0;
    for (int n = 1; n <= total; ++n) {
        for (fv::Kind k : {fv::Kind::Full, fv::Kind::ShortWrite}) {
            INFO("write " << n << " fails with " << kindName(k));
            test::TempDir d;
            fv::arm({fv::Op::Write, k, n, true});
            try {
                auto db = openThroughFaults(d.str() + "/kesip.sqlite", Database::Mode::ReadWriteCreate);
                migrate(*db, localMigrations());
            } catch (const DbError&) {
                ++refused;
            }
            // The fault fired on the first-start path (creating and migrating), not later or never.
            const int fired = fv::failuresFired();
            fv::disarm();
            REQUIRE(fired > 0);
            ++injected;
            auto r = openLocalStore(d.str());
            INFO(r.detail);
            REQUIRE(r.db);
            CHECK(r.db->queryText("PRAGMA integrity_check") == "ok");
            CHECK(r.db->queryInt("PRAGMA user_version") == localSchemaVersion());
        }
    }
    std::printf("fault-vfs: %d faults injected while creating the database (%d writes), %d first starts "
                "failed\n",
                injected, total, refused);
    CHECK(injected == 2 * total);
    // The failures reached the start-up as errors (a start that swallowed them would carry on broken).
    CHECK(refused >= total);
}
