#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <regex>

#include "assess/instrument.hpp"
#include "helpers.hpp"
#include "store/access.hpp"
#include "store/local_store.hpp"
#include "store/repo.hpp"
#include "sync/content_pack.hpp"
#include "sync/export.hpp"
#include "sync/simulate.hpp"
#include "sync/usb.hpp"
#include "util/config.hpp"

using namespace kesip;
using namespace kesip::sync;
namespace fs = std::filesystem;

namespace {

const assess::Instrument& instrument(const char* name) {
    static std::map<std::string, assess::Instrument> cache;
    auto it = cache.find(name);
    if (it != cache.end()) return it->second;
    std::vector<content::Problem> ps;
    auto ins = assess::loadInstrument(
        test::sourceDir() + "/assets/instruments/" + name + ".json",
        std::string(name) == "interest" ? assess::interestSpec() : assess::strengthsSpec(), ps);
    REQUIRE(ins);
    return cache.emplace(name, *ins).first->second;
}

// A kiosk data dir with n simulated visits.
struct Kiosk {
    test::TempDir dir;
    std::unique_ptr<store::Database> db;
    std::string id;
    Kiosk(int64_t n, uint32_t seed, const std::string& kioskId) : id(kioskId) {
        auto r = store::openLocalStore(dir.str());
        REQUIRE(r.db);
        db = std::move(r.db);
        FakeClock clock;
        SimulateOptions o;
        o.sessions = n;
        o.seed = seed;
        simulate(*db, instrument("interest"), instrument("strengths"), nullptr, o, clock);
    }
    std::string path() const { return dir.str() + "/kesip.sqlite"; }
    ExportReport exportTo(const std::string& stick, int retentionDays = 3650) {
        ExportOptions o;
        o.kioskId = id;
        o.centreId = "bishkek-1";
        o.retentionDays = retentionDays;
        o.writeSummaries = false;
        FakeClock clock(1795000000000 + 1000);
        return exportToStick(*db, path(), dir.str(), stick, o, clock);
    }
};

std::string slurp(const std::string& p) {
    std::string s;
    readFile(p, s);
    return s;
}

} // namespace

TEST_CASE("round trip: two kiosks on one stick then re-export then a central merge with a third stick") {
    Kiosk a(300, 1, "K-A"), b(200, 2, "K-B"), c(150, 3, "K-C");
    test::TempDir stick1, stick2, office;
    auto ra = a.exportTo(stick1.str());
    REQUIRE(ra.error == SyncError::None);
    CHECK(ra.added == 300);
    auto rb = b.exportTo(stick1.str());
    REQUIRE(rb.error == SyncError::None);
    CHECK(rb.added == 200);
    CHECK(rb.onStick == 500);
    // Re-export: idempotent.
    auto again = a.exportTo(stick1.str());
    CHECK(again.error == SyncError::None);
    CHECK(again.added == 0);
    CHECK(again.alreadyPresent == 300);
    CHECK(again.onStick == 500);
    REQUIRE(c.exportTo(stick2.str()).error == SyncError::None);

    const std::string central = office.str() + "/central.sqlite";
    auto m =
        mergeInto(central, {stick1.str() + "/kesip/export.sqlite", stick2.str() + "/kesip/export.sqlite"});
    REQUIRE(m.error == SyncError::None);
    CHECK(m.added == 650);
    CHECK(m.alreadyPresent == 0);
    CHECK(m.filesRejected == 0);
    auto m2 = mergeInto(central, {stick1.str() + "/kesip/export.sqlite"});
    CHECK(m2.added == 0);
    CHECK(m2.alreadyPresent == 500);
    store::Database cdb(central, store::Database::Mode::ReadOnly);
    CHECK(cdb.queryInt("SELECT count(*) FROM sessions") == 650);
    CHECK(cdb.queryInt("SELECT count(DISTINCT uuid) FROM sessions") == 650);
    CHECK(cdb.queryInt("SELECT count(*) FROM sessions WHERE kiosk_id='K-B'") == 200);
    // Scores byte-for-byte as computed on the kiosk (rounded to 2 decimals in JSON).
    const int64_t localTests = a.db->queryInt("SELECT count(*) FROM test_runs") +
                               b.db->queryInt("SELECT count(*) FROM test_runs") +
                               c.db->queryInt("SELECT count(*) FROM test_runs");
    CHECK(cdb.queryInt("SELECT count(*) FROM tests") == localTests);
    auto q = a.db->prepare(
        "SELECT t.session_id, t.answers, (SELECT json_group_object(scale, round(percent, 2)) FROM scores s "
        "WHERE s.session_id=t.session_id AND s.instrument=t.instrument) FROM test_runs t LIMIT 50");
    while (q.step()) {
        auto x = cdb.prepare("SELECT answers, scores FROM tests WHERE uuid=? AND answers=?");
        x.bind(1, q.getText(0)).bind(2, q.getText(1));
        REQUIRE(x.step());
        CHECK(x.getText(1) == q.getText(2));
    }
}

TEST_CASE("privacy: the export holds no codes and no times and no response times and no notes") {
    Kiosk a(120, 9, "K-P");
    a.db->exec(
        "INSERT INTO notes(session_id, updated_at, choices) SELECT id, 1, 'follow_up' FROM sessions LIMIT 3");
    test::TempDir stick;
    ExportOptions o;
    o.kioskId = "K-P";
    o.centreId = "osh-2";
    FakeClock clock;
    auto r = exportToStick(*a.db, a.path(), a.dir.str(), stick.str(), o, clock);
    REQUIRE(r.error == SyncError::None);
    const std::string file = stick.str() + "/kesip/export.sqlite";
    store::Database e(file, store::Database::Mode::ReadOnly);
    // No column could hold them.
    auto cols =
        e.prepare("SELECT group_concat(name) FROM (SELECT name FROM pragma_table_info('sessions') UNION ALL "
                  "SELECT name FROM pragma_table_info('tests'))");
    REQUIRE(cols.step());
    std::string names = "," + cols.getText(0) + ",";
    for (const char* banned :
         {",code,", ",started_at,", ",ended_at,", ",response_ms,", ",choices,", ",exported_at,"})
        CHECK(names.find(banned) == std::string::npos);
    CHECK(names.find("_at,") == std::string::npos);
    CHECK(e.queryInt(
              "SELECT count(*) FROM sqlite_master WHERE name LIKE '%note%' OR name LIKE '%response%'") == 0);
    // No value anywhere in the file looks like a session code or a time of day.
    const std::string bytes = slurp(file);
    auto codes = a.db->prepare("SELECT code FROM sessions");
    while (codes.step()) CHECK(bytes.find(codes.getText(0)) == std::string::npos);
    CHECK(e.queryInt("SELECT count(*) FROM sessions WHERE day NOT GLOB "
                     "'[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'") == 0);
    // Summaries: small cells suppressed, no codes either.
    for (auto& f : fs::directory_iterator(stick.str() + "/kesip/summaries")) {
        if (f.path().extension() != ".csv") continue;
        const std::string csv = slurp(f.path().string());
        CHECK_FALSE(std::regex_search(csv, std::regex(",[1-4]\r?\n")));
        CHECK_FALSE(std::regex_search(csv, std::regex("[0-9]{1,2}:[0-9]{2}")));
    }
    CHECK(fs::exists(stick.str() + "/kesip/summaries/summary.pdf"));
}

TEST_CASE("failing sticks keep their previous good file and the local database is untouched") {
    Kiosk a(600, 4, "K-F");
    // How many writes one copy to a stick takes (the file is copied in 64 KiB blocks).
    test::TempDir probe;
    REQUIRE(a.exportTo(probe.str()).error == SyncError::None);
    const int writes = writesOfLastCopyForTests();
    REQUIRE(writes > 3);
    test::TempDir stick;
    REQUIRE(a.exportTo(stick.str()).error == SyncError::None);
    const std::string file = stick.str() + "/kesip/export.sqlite";
    const std::string good = slurp(file);
    // New visits since, not yet exported.
    FakeClock clock;
    store::SessionRepo repo(*a.db, clock);
    for (int i = 0; i < 5; ++i) repo.end(repo.begin(Lang::ky).id, "finished");
    REQUIRE(a.db->queryInt("SELECT count(*) FROM sessions WHERE exported_at IS NULL") == 5);

    int faults = 0;
    // Every write of the copy failing in turn, as a full stick and as a pulled stick (I/O error).
    for (int err : {ENOSPC, EIO, EROFS}) {
        for (int at = 1; at <= writes; ++at) {
            setWriteFaultForTests({at, err, false});
            auto r = a.exportTo(stick.str());
            setWriteFaultForTests({});
            ++faults;
            INFO("errno " << err << " at write " << at);
            CHECK(r.error == (err == ENOSPC  ? SyncError::StickFull
                              : err == EROFS ? SyncError::StickReadOnly
                                             : SyncError::StickRemoved));
            CHECK(slurp(file) == good); // the previous good export, byte for byte
            CHECK_FALSE(fs::exists(stick.str() + "/kesip/.export.sqlite.tmp"));
            CHECK(a.db->queryInt("SELECT count(*) FROM sessions WHERE exported_at IS NULL") == 5);
        }
    }
    WARN("faults injected into stick copies: " << faults);
    // Short writes are completed, not truncated; then the new complete file is there.
    setWriteFaultForTests({0, 0, true});
    auto r = a.exportTo(stick.str());
    setWriteFaultForTests({});
    CHECK(r.error == SyncError::None);
    CHECK(r.added == 5);
    CHECK(verifyExportFile(file).error == SyncError::None);
    CHECK(verifyExportFile(file).sessions == 605);
}

TEST_CASE("foreign and corrupt and newer and symlinked export files are refused and left as they are") {
    Kiosk a(20, 5, "K-X");
    test::TempDir stick;
    fs::create_directories(stick.path / "kesip");
    const std::string file = stick.str() + "/kesip/export.sqlite";
    SECTION("foreign database") {
        {
            store::Database f(file);
            f.exec("CREATE TABLE contacts(name, phone)");
        }
        const std::string before = slurp(file);
        CHECK(a.exportTo(stick.str()).error == SyncError::Foreign);
        CHECK(slurp(file) == before);
    }
    SECTION("not a database at all") {
        std::ofstream(file) << "hello";
        CHECK(a.exportTo(stick.str()).error == SyncError::Foreign);
        CHECK(slurp(file) == "hello");
    }
    SECTION("newer export schema") {
        {
            store::Database f(file);
            createExportSchema(f);
            f.exec("PRAGMA user_version = 99");
        }
        CHECK(a.exportTo(stick.str()).error == SyncError::Newer);
    }
    SECTION("corrupt export file") {
        {
            store::Database f(file);
            createExportSchema(f);
            f.exec("INSERT INTO sessions(uuid, kiosk_id, centre_id, day, lang) "
                   "VALUES('x','k','c','2026-01-01','ky')");
        }
        std::string bytes = slurp(file);
        for (size_t i = 4096; i < bytes.size(); ++i) bytes[i] = char(0xA5);
        { std::ofstream(file, std::ios::binary) << bytes; }
        auto r = a.exportTo(stick.str());
        CHECK((r.error == SyncError::Corrupt || r.error == SyncError::Foreign));
        CHECK(slurp(file) == bytes);
    }
    SECTION("symlink") {
        test::TempDir elsewhere;
        std::ofstream(elsewhere.path / "target") << "x";
        fs::create_symlink(elsewhere.path / "target", file);
        CHECK(a.exportTo(stick.str()).error == SyncError::Symlink);
        CHECK(slurp(elsewhere.str() + "/target") == "x");
    }
    SECTION("the stick is gone") {
        CHECK(a.exportTo(stick.str() + "/nope").error == SyncError::StickMissing);
    }
}

TEST_CASE("central merge rejects bad files whole and reports conflicts") {
    Kiosk a(30, 6, "K-M");
    test::TempDir stick, office;
    REQUIRE(a.exportTo(stick.str()).error == SyncError::None);
    const std::string junk = office.str() + "/junk.sqlite";
    std::ofstream(junk) << std::string(3000, 'z');
    const std::string central = office.str() + "/c.sqlite";
    // A look-alike: our application id, but a view and other columns. Rejected alone; the rest merges.
    const std::string lookalike = office.str() + "/lookalike.sqlite";
    {
        store::Database f(lookalike);
        f.exec("PRAGMA application_id = " + std::to_string(kExportAppId));
        f.exec("CREATE TABLE t(a); CREATE VIEW sessions AS SELECT a AS uuid FROM t; CREATE TABLE tests(x)");
    }
    CHECK(verifyExportFile(lookalike).error == SyncError::Foreign);
    auto m = mergeInto(central, {junk, lookalike, stick.str() + "/kesip/export.sqlite"});
    CHECK(m.error == SyncError::None);
    CHECK(m.filesRejected == 2);
    CHECK(m.added == 30);
    // The same uuids claimed by another kiosk: conflicts, not silently merged.
    const std::string forged = office.str() + "/forged.sqlite";
    fs::copy_file(stick.str() + "/kesip/export.sqlite", forged);
    {
        store::Database f(forged);
        f.exec("UPDATE sessions SET kiosk_id='K-EVIL'");
    }
    auto m2 = mergeInto(central, {forged});
    CHECK(m2.rejected == 30);
    CHECK(m2.added == 0);
    store::Database c(central, store::Database::Mode::ReadOnly);
    CHECK(c.queryInt("SELECT count(*) FROM sessions WHERE kiosk_id='K-EVIL'") == 0);
}

TEST_CASE("retention purges exported local sessions older than the limit and audits it") {
    Kiosk a(100, 8, "K-R");
    test::TempDir stick;
    auto r = a.exportTo(stick.str(), 30); // simulated visits span 60 days
    REQUIRE(r.error == SyncError::None);
    CHECK(r.purged > 10);
    CHECK(a.db->queryInt("SELECT count(*) FROM sessions") == 100 - r.purged);
    CHECK(a.db->queryInt("SELECT count(*) FROM audit WHERE action='purge'") == 1);
    CHECK(a.db->queryInt("SELECT count(*) FROM audit WHERE action='export'") == 1);
    // The daily counts survive the purge: the dashboard still sees every visit.
    CHECK(a.db->queryInt("SELECT sum(n) FROM daily_stats WHERE key='sessions'") == 100);
}

TEST_CASE("PIN access with lockout that survives a restart") {
    test::TempDir d;
    FakeClock clock;
    {
        auto r = store::openLocalStore(d.str());
        store::AccessControl ac(*r.db, clock);
        CHECK(ac.verify("1234").outcome == store::AccessControl::Outcome::NoPin);
        CHECK_FALSE(ac.setPin(store::Role::Staff, "12", "staff"));
        CHECK(ac.setPin(store::Role::Staff, "2468", "staff"));
        CHECK(ac.setPin(store::Role::Counselor, "1357", "staff"));
        CHECK(
            r.db->queryText("SELECT value FROM settings WHERE key='staff_pin_hash'").rfind("$argon2id$", 0) ==
            0);
        auto ok = ac.verify("1357");
        CHECK(ok.outcome == store::AccessControl::Outcome::Ok);
        CHECK(ok.role == std::optional<store::Role>(store::Role::Counselor));
        for (int i = 0; i < 4; ++i) CHECK(ac.verify("0000").outcome == store::AccessControl::Outcome::Wrong);
        CHECK(ac.verify("0000").outcome == store::AccessControl::Outcome::Locked);
    }
    {
        // "Restart": a new connection and object; still locked, even with the right PIN.
        auto r = store::openLocalStore(d.str());
        store::AccessControl ac(*r.db, clock);
        clock.advance(60'000);
        auto locked = ac.verify("2468");
        CHECK(locked.outcome == store::AccessControl::Outcome::Locked);
        CHECK(locked.lockedMs == 4 * 60'000);
        clock.advance(4 * 60'000);
        CHECK(ac.verify("2468").outcome == store::AccessControl::Outcome::Ok);
        CHECK(r.db->queryInt("SELECT count(*) FROM audit WHERE action='lockout'") == 1);
        CHECK(r.db->queryInt("SELECT count(*) FROM audit WHERE action='login_failed'") == 5);
    }
}

TEST_CASE("mountinfo parsing and plain-directory sticks") {
    const std::string mi = "36 35 98:0 / /media/kiosk/MY\\040STICK rw,nosuid - vfat /dev/sdb1 rw\n"
                           "37 35 98:0 / /home rw - ext4 /dev/sda2 rw\n"
                           "38 35 98:0 / /run/media/u/KESIP rw - vfat /dev/sdc1 rw\n";
    auto mounts = parseMountPoints(mi);
    REQUIRE(mounts.size() == 3);
    CHECK(mounts[0] == "/media/kiosk/MY STICK");
    test::TempDir d;
    std::ofstream(d.path / "mountinfo") << mi;
    auto sticks = findSticks({"/media", "/run/media"}, d.str() + "/mountinfo");
    CHECK(sticks.size() == 2);
    test::TempDir plain;
    std::ofstream(plain.path / "kesip-stick") << "";
    auto found = findSticks({plain.str()}, d.str() + "/mountinfo");
    REQUIRE(found.size() == 1);
    CHECK(found[0].writable);
    CHECK(found[0].freeBytes > 0);
}

TEST_CASE("config file: defaults and values and ignored mistakes") {
    auto c = parseConfig(
        "# kiosk\ncentre_id = osh-2\nidle_seconds = 120\nfoo = bar\nretention_days = -4\nnonsense\n"
        "stick_roots = /media:/mnt/usb\n");
    CHECK(c.centreId == "osh-2");
    CHECK(c.idleSeconds == 120);
    CHECK(c.retentionDays == 90);
    CHECK(c.stickRoots == std::vector<std::string>{"/media", "/mnt/usb"});
    REQUIRE(c.problems.size() == 3);
    CHECK_THAT(c.problems[0], Catch::Contains("unknown key 'foo'"));
    CHECK_THAT(c.problems[1], Catch::Contains("retention_days"));
    CHECK_THAT(c.problems[2], Catch::Contains("line 6"));
    auto missing = loadConfig("/nonexistent/kiosk.conf");
    CHECK(missing.problems.empty());
    CHECK(missing.centreId == "centre");
}

TEST_CASE("content packs install only with a valid signature and roll back") {
    test::TempDir stick, data;
    const std::string pack = packDirOnStick(stick.str());
    fs::create_directories(pack);
    fs::copy_file(executableDir() + "/content.sqlite", pack + "/content.sqlite");
    std::string pub, sec, pub2, sec2, err;
    REQUIRE(generateSigningKeys(pub, sec));
    REQUIRE(generateSigningKeys(pub2, sec2));
    REQUIRE(signFile(pack + "/content.sqlite", sec, pack + "/content.sqlite.sig", err));
    CHECK(hasContentPack(stick.str()));

    CHECK(installContentPack(stick.str(), data.str(), "").error == PackError::NoKey);
    CHECK(installContentPack(stick.str(), data.str(), pub2).error ==
          PackError::BadSignature); // another publisher
    // Tampered after signing: one byte changed.
    std::string bytes = slurp(pack + "/content.sqlite");
    std::string tampered = bytes;
    tampered[tampered.size() / 2] ^= 1;
    { std::ofstream(pack + "/content.sqlite", std::ios::binary) << tampered; }
    CHECK(installContentPack(stick.str(), data.str(), pub).error == PackError::BadSignature);
    CHECK_FALSE(fs::exists(data.str() + "/content/content.sqlite"));
    // Signed garbage is refused as content.
    { std::ofstream(pack + "/content.sqlite", std::ios::binary) << std::string(4096, 'g'); }
    REQUIRE(signFile(pack + "/content.sqlite", sec, pack + "/content.sqlite.sig", err));
    CHECK(installContentPack(stick.str(), data.str(), pub).error == PackError::Invalid);
    CHECK_FALSE(fs::exists(data.str() + "/content/content.sqlite"));
    // The genuine pack installs; the kiosk now opens it.
    { std::ofstream(pack + "/content.sqlite", std::ios::binary) << bytes; }
    REQUIRE(signFile(pack + "/content.sqlite", sec, pack + "/content.sqlite.sig", err));
    auto ok = installContentPack(stick.str(), data.str(), pub);
    CHECK(ok.error == PackError::None);
    CHECK(ok.occupations >= 150);
    CHECK(activeContentPath(data.str(), "/res") == data.str() + "/content/content.sqlite");
    // A second install keeps the first as the previous version; rollback swaps back, then to bundled.
    CHECK(installContentPack(stick.str(), data.str(), pub).error == PackError::None);
    CHECK(fs::exists(data.str() + "/content/content.prev.sqlite"));
    CHECK(rollbackContentPack(data.str()).error == PackError::None);
    CHECK(fs::exists(data.str() + "/content/content.sqlite"));
    fs::remove(data.str() + "/content/content.prev.sqlite");
    CHECK(rollbackContentPack(data.str()).error == PackError::None);
    CHECK(activeContentPath(data.str(), "/res") == "/res/content.sqlite");
    CHECK(rollbackContentPack(data.str()).error == PackError::NothingToRollBack);
}
