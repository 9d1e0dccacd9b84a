#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <regex>

#include "assess/instrument.hpp"
#include "helpers.hpp"
#include "store/access.hpp"
#include "store/local_store.hpp"
#include "store/repo.hpp"
#include "sync/export.hpp"
#include "sync/sealed.hpp"
#include "sync/simulate.hpp"
#include "sync/usb.hpp"
#include "sync_helpers.hpp"
#include "util/config.hpp"

using namespace kesip;
using namespace kesip::sync;
using test::Kiosk;
using test::slurp;
namespace fs = std::filesystem;

TEST_CASE("round trip: two kiosks side by side on one stick, re-export, central merge with the key") {
    test::Ministry ministry;
    Kiosk a(300, 1, "K-A"), b(200, 2, "K-B"), c(150, 3, "K-C");
    test::TempDir stick1, stick2, office;
    auto ra = a.exportTo(stick1.str(), ministry.pub);
    REQUIRE(ra.error == SyncError::None);
    CHECK(ra.added == 300);
    CHECK(ra.marked == 300);
    auto rb = b.exportTo(stick1.str(), ministry.pub);
    REQUIRE(rb.error == SyncError::None);
    CHECK(rb.added == 200);
    // One file per kiosk, side by side; neither kiosk can read or change the other's.
    CHECK(fs::exists(stick1.path / "kesip/export/K-A.sealed"));
    CHECK(fs::exists(stick1.path / "kesip/export/K-B.sealed"));
    // Re-export: idempotent, the same records are kept as they were.
    auto again = a.exportTo(stick1.str(), ministry.pub);
    CHECK(again.error == SyncError::None);
    CHECK(again.added == 0);
    CHECK(again.alreadyPresent == 300);
    CHECK(again.onStick == 300);
    REQUIRE(c.exportTo(stick2.str(), ministry.pub).error == SyncError::None);

    const std::string central = office.str() + "/central.sqlite";
    MergeOptions mo = ministry.options({a.key.publicHex(), b.key.publicHex(), c.key.publicHex()});
    auto m = mergeInto(central, {stick1.str(), stick2.str() + "/kesip/export/K-C.sealed"}, mo);
    INFO(m.detail);
    for (auto& line : m.messages) INFO(line);
    REQUIRE(m.error == SyncError::None);
    CHECK(m.added == 650);
    CHECK(m.alreadyPresent == 0);
    CHECK(m.filesRejected == 0);
    CHECK(m.filesUnknown == 0);
    auto m2 = mergeInto(central, {stick1.str()}, ministry.options({}));
    CHECK(m2.added == 0);
    CHECK(m2.alreadyPresent == 500); // the kiosks are remembered by the central database
    store::Database cdb(central, store::Database::Mode::ReadOnly);
    CHECK(cdb.queryInt("SELECT count(DISTINCT uuid) FROM sessions") == 650);
    // Coarsened by default: an ISO week, the centre; no day, no kiosk id.
    CHECK(cdb.queryInt("SELECT count(*) FROM sessions WHERE week GLOB '[0-9][0-9][0-9][0-9]-W[0-9][0-9]'") ==
          650);
    CHECK(cdb.queryInt("SELECT count(*) FROM sessions WHERE day IS NOT NULL OR kiosk_id IS NOT NULL") == 0);
    CHECK(cdb.queryInt("SELECT count(*) FROM sessions WHERE centre_id='bishkek-1'") == 650);
    // What a psychometrics report reads, by name: demographics, answers, scores and flags as on the kiosk.
    const int64_t localTests = a.db->queryInt("SELECT count(*) FROM test_runs") +
                               b.db->queryInt("SELECT count(*) FROM test_runs") +
                               c.db->queryInt("SELECT count(*) FROM test_runs");
    CHECK(cdb.queryInt("SELECT count(*) FROM tests") == localTests);
    auto q = a.db->prepare(
        "SELECT t.session_id, t.instrument, t.version, t.state, t.answers, (SELECT json_group_object(scale, "
        "round(percent, 2)) FROM scores s WHERE s.session_id=t.session_id AND s.instrument=t.instrument), "
        "ss.age_band, ss.gender, ss.status, ss.oblast, ss.lang FROM test_runs t JOIN sessions ss ON "
        "ss.id=t.session_id LIMIT 80");
    int checked = 0;
    while (q.step()) {
        auto x =
            cdb.prepare("SELECT t.version, t.state, t.answers, t.scores, s.age_band, s.gender, s.status, "
                        "s.oblast, s.lang FROM tests t JOIN sessions s ON s.uuid=t.uuid "
                        "WHERE t.uuid=? AND t.instrument=?");
        x.bind(1, q.getText(0)).bind(2, q.getText(1));
        REQUIRE(x.step());
        CHECK(x.getInt(0) == q.getInt(2));
        CHECK(x.getText(1) == q.getText(3));
        CHECK(x.getText(2) == q.getText(4));
        CHECK(x.getText(3) == q.getText(5));
        for (int i = 0; i < 5; ++i) CHECK(x.getText(4 + i) == q.getText(6 + i));
        ++checked;
    }
    CHECK(checked == 80);
}

TEST_CASE("a kiosk keeps its earlier records on the stick after they were purged locally") {
    test::Ministry ministry;
    Kiosk a(100, 8, "K-R");
    test::TempDir stick, office;
    auto r = a.exportTo(stick.str(), ministry.pub, 30); // simulated visits span 60 days
    REQUIRE(r.error == SyncError::None);
    CHECK(r.purged > 10);
    auto r2 = a.exportTo(stick.str(), ministry.pub, 30);
    REQUIRE(r2.error == SyncError::None);
    CHECK(r2.onStick == 100); // the purged visits' sealed records are carried, not lost
    auto m = mergeInto(office.str() + "/c.sqlite", {stick.str()}, ministry.options({a.key.publicHex()}));
    CHECK(m.added == 100);
}

TEST_CASE("microdata detail only when the config asks: exact day and kiosk id") {
    test::Ministry ministry;
    Kiosk a(20, 11, "K-D");
    test::TempDir stick, office;
    ExportOptions o = a.options(ministry.pub);
    o.exactDay = true;
    o.withKioskId = true;
    REQUIRE(exportToStick(*a.db, store::Grant::commandLine(), a.path(), a.dir.str(), stick.str(), o, a.clock)
                .error == SyncError::None);
    REQUIRE(
        mergeInto(office.str() + "/c.sqlite", {stick.str()}, ministry.options({a.key.publicHex()})).added ==
        20);
    store::Database c(office.str() + "/c.sqlite", store::Database::Mode::ReadOnly);
    CHECK(c.queryInt("SELECT count(*) FROM sessions WHERE kiosk_id='K-D' AND day GLOB "
                     "'[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'") == 20);
}

TEST_CASE("privacy: nothing on the stick can be read without the ministry's key") {
    test::Ministry ministry;
    Kiosk a(120, 9, "K-P");
    a.db->exec(
        "INSERT INTO notes(session_id, updated_at, choices) SELECT id, 1, 'follow_up' FROM sessions LIMIT 3");
    test::TempDir stick;
    ExportOptions o = a.options(ministry.pub);
    o.writeSummaries = true;
    REQUIRE(exportToStick(*a.db, store::Grant::commandLine(), a.path(), a.dir.str(), stick.str(), o, a.clock)
                .error == SyncError::None);
    const std::string bytes = slurp(stick.str() + "/kesip/export/K-P.sealed");
    REQUIRE(bytes.size() > 1000);
    // No uuid, code, answers string, demographic value or note in the clear.
    auto ids = a.db->prepare("SELECT id, code FROM sessions");
    while (ids.step()) {
        CHECK(bytes.find(ids.getText(0)) == std::string::npos);
        CHECK(bytes.find(ids.getText(1)) == std::string::npos);
    }
    for (const char* clear : {"follow_up", "female", "jalal_abad", "school_9", "interest", "answers"}) {
        INFO(clear);
        CHECK(bytes.find(clear) == std::string::npos);
    }
    // Summaries: rounded to multiples of 5, no times of day.
    for (auto& f : fs::directory_iterator(stick.str() + "/kesip/summaries/K-P")) {
        if (f.path().extension() != ".csv") continue;
        const std::string csv = slurp(f.path().string());
        INFO(f.path());
        CHECK_FALSE(std::regex_search(csv, std::regex(",[0-9]*[1-46-9]\r\n")));
        CHECK_FALSE(std::regex_search(csv, std::regex("[0-9]{1,2}:[0-9]{2}")));
    }
    CHECK(fs::exists(stick.str() + "/kesip/summaries/K-P/summary.pdf"));
}

TEST_CASE("without an export key only summaries are written and nothing is marked exported") {
    Kiosk a(40, 12, "K-N");
    test::TempDir stick;
    ExportOptions o = a.options("");
    o.writeSummaries = true;
    auto r =
        exportToStick(*a.db, store::Grant::commandLine(), a.path(), a.dir.str(), stick.str(), o, a.clock);
    CHECK(r.error == SyncError::NoKey);
    CHECK(std::string(syncErrorKey(r.error)) == "sync_no_key");
    CHECK_FALSE(r.sealed);
    CHECK_FALSE(fs::exists(stick.path / "kesip/export"));
    CHECK(fs::exists(stick.path / "kesip/summaries/K-N/summary-total.csv"));
    CHECK(a.db->queryInt("SELECT count(*) FROM sessions WHERE exported_at IS NOT NULL") == 0);
}

TEST_CASE("export needs a staff grant: a counselor's is refused in core") {
    test::Ministry ministry;
    Kiosk a(5, 13, "K-G");
    test::TempDir stick;
    store::AccessControl ac(*a.db, a.clock);
    REQUIRE(ac.setPin(store::Grant::commandLine(), store::Role::Counselor, "135790"));
    auto g = ac.verify(store::Role::Counselor, "135790");
    REQUIRE(g.grant);
    auto r =
        exportToStick(*a.db, *g.grant, a.path(), a.dir.str(), stick.str(), a.options(ministry.pub), a.clock);
    CHECK(r.error == SyncError::Local);
    CHECK_FALSE(fs::exists(stick.path / "kesip"));
}

namespace {
// Fails, shortens or counts the writes of a copy to the stick (the interface the export writes through).
struct FaultyIo : StickIo {
    int failAt = 0, err = 0, writes = 0;
    bool shortWrites = false;
    ssize_t write(int fd, const void* p, size_t n) override {
        ++writes;
        if (failAt && writes == failAt) {
            errno = err;
            return -1;
        }
        if (shortWrites && n > 1) n /= 2;
        return StickIo::write(fd, p, n);
    }
};
} // namespace

TEST_CASE("failing sticks keep their previous good file and the local database is untouched") {
    test::Ministry ministry;
    Kiosk a(600, 4, "K-F");
    test::TempDir stick;
    FaultyIo probe;
    ExportOptions o = a.options(ministry.pub);
    o.io = &probe;
    REQUIRE(exportToStick(*a.db, store::Grant::commandLine(), a.path(), a.dir.str(), stick.str(), o, a.clock)
                .error == SyncError::None);
    const int writes = probe.writes; // the file is copied in 64 KiB blocks
    REQUIRE(writes > 3);
    const std::string file = stick.str() + "/kesip/export/K-F.sealed";
    const std::string good = slurp(file);
    FakeClock clock;
    store::SessionRepo repo(*a.db, clock);
    for (int i = 0; i < 5; ++i) repo.end(repo.begin(Lang::ky).id, "finished");
    REQUIRE(a.db->queryInt("SELECT count(*) FROM sessions WHERE exported_at IS NULL") == 5);
    int faults = 0;
    for (int err : {ENOSPC, EIO, EROFS}) {
        for (int at = 1; at <= writes; ++at) {
            FaultyIo io;
            io.failAt = at;
            io.err = err;
            o.io = &io;
            auto r = exportToStick(*a.db, store::Grant::commandLine(), a.path(), a.dir.str(), stick.str(), o,
                                   a.clock);
            ++faults;
            INFO("errno " << err << " at write " << at);
            CHECK(r.error == (err == ENOSPC  ? SyncError::StickFull
                              : err == EROFS ? SyncError::StickReadOnly
                                             : SyncError::StickRemoved));
            CHECK(slurp(file) == good); // the previous good export, byte for byte
            CHECK_FALSE(fs::exists(stick.str() + "/kesip/export/.K-F.sealed.tmp"));
            CHECK(a.db->queryInt("SELECT count(*) FROM sessions WHERE exported_at IS NULL") == 5);
            CHECK(test::workCopies(a.dir.str()).empty());
        }
    }
    WARN("faults injected into stick copies: " << faults);
    FaultyIo halves;
    halves.shortWrites = true;
    o.io = &halves;
    auto r =
        exportToStick(*a.db, store::Grant::commandLine(), a.path(), a.dir.str(), stick.str(), o, a.clock);
    CHECK(r.error == SyncError::None);
    CHECK(r.added == 5);
    CHECK(r.marked == 5);
    CHECK(verifyExportFile(file).sessions == 605);
}

TEST_CASE("foreign and corrupt and symlinked export files are refused and left as they are") {
    test::Ministry ministry;
    Kiosk a(20, 5, "K-X");
    test::TempDir stick;
    fs::create_directories(stick.path / "kesip/export");
    const std::string file = stick.str() + "/kesip/export/K-X.sealed";
    SECTION("foreign database") {
        {
            store::Database f(file);
            f.exec("CREATE TABLE contacts(name, phone)");
        }
        const std::string before = slurp(file);
        CHECK(a.exportTo(stick.str(), ministry.pub).error == SyncError::Foreign);
        CHECK(slurp(file) == before);
    }
    SECTION("not a database at all") {
        std::ofstream(file) << "hello";
        auto r = a.exportTo(stick.str(), ministry.pub);
        CHECK(
            (r.error == SyncError::Foreign || r.error == SyncError::Corrupt || r.error == SyncError::Local));
        CHECK(slurp(file) == "hello");
    }
    SECTION("another kiosk's file under this kiosk's name") {
        Kiosk other(3, 6, "K-X");
        REQUIRE(other.exportTo(stick.str(), ministry.pub).error == SyncError::None);
        const std::string before = slurp(file);
        CHECK(a.exportTo(stick.str(), ministry.pub).error == SyncError::Tampered);
        CHECK(slurp(file) == before);
    }
    SECTION("symlink") {
        test::TempDir elsewhere;
        std::ofstream(elsewhere.path / "target") << "x";
        fs::create_symlink(elsewhere.path / "target", file);
        CHECK(a.exportTo(stick.str(), ministry.pub).error == SyncError::Symlink);
        CHECK(slurp(elsewhere.str() + "/target") == "x");
    }
    SECTION("the stick is gone") {
        CHECK(a.exportTo(stick.str() + "/nope", ministry.pub).error == SyncError::StickMissing);
    }
    CHECK(a.db->queryInt("SELECT count(*) FROM sessions WHERE exported_at IS NOT NULL") == 0);
}

TEST_CASE("central merge: junk, forged, unknown kiosks and other ministries' files are not merged") {
    test::Ministry ministry, otherMinistry;
    Kiosk a(30, 6, "K-M"), evil(10, 7, "K-M2");
    test::TempDir stick, office;
    REQUIRE(a.exportTo(stick.str(), ministry.pub).error == SyncError::None);
    const std::string genuine = stick.str() + "/kesip/export/K-M.sealed";
    const std::string junk = office.str() + "/junk.sealed";
    std::ofstream(junk) << std::string(3000, 'z');
    // Forged: a genuine file with one record changed after signing.
    const std::string forged = office.str() + "/forged.sealed";
    fs::copy_file(genuine, forged);
    {
        store::Database f(forged);
        f.exec(
            "UPDATE records SET box = zeroblob(length(box)) WHERE rid = (SELECT rid FROM records LIMIT 1)");
    }
    // Code in the file (a trigger, a view): refused before anything is read from it.
    const std::string coded = office.str() + "/coded.sealed";
    fs::copy_file(genuine, coded);
    {
        store::Database f(coded);
        f.exec("CREATE TRIGGER t AFTER INSERT ON keys BEGIN SELECT RAISE(IGNORE); END; CREATE VIEW v AS "
               "SELECT 1");
    }
    // Another kiosk, signed by its own key but not known to the ministry; and one sealed to another ministry.
    test::TempDir stick2, stick3;
    REQUIRE(evil.exportTo(stick2.str(), ministry.pub).error == SyncError::None);
    REQUIRE(evil.exportTo(stick3.str(), otherMinistry.pub).error == SyncError::None);
    const std::string central = office.str() + "/c.sqlite";
    auto m = mergeInto(central, {junk, forged, coded, stick2.str(), genuine},
                       ministry.options({a.key.publicHex()}));
    for (auto& line : m.messages) INFO(line);
    CHECK(m.error == SyncError::None);
    CHECK(m.filesRejected == 3);
    CHECK(m.filesUnknown == 1);
    CHECK(m.added == 30);
    bool reportedUnknown = false;
    for (auto& line : m.messages)
        reportedUnknown |=
            line.find("unknown") != std::string::npos && line.find(evil.key.publicHex()) != std::string::npos;
    CHECK(reportedUnknown);
    auto m2 = mergeInto(central, {stick3.str()}, ministry.options({evil.key.publicHex()}));
    CHECK(m2.filesRejected == 1);
    CHECK(m2.added == 0);
    store::Database c(central, store::Database::Mode::ReadOnly);
    CHECK(c.queryInt("SELECT count(*) FROM sessions") == 30);
    // A wrong secret key is refused before anything is touched.
    MergeOptions bad = ministry.options({});
    bad.secretKeyHex = "zz";
    CHECK(mergeInto(central, {genuine}, bad).error == SyncError::Local);
}

TEST_CASE("central merge: a known kiosk cannot claim another kiosk's visits") {
    test::Ministry ministry;
    Kiosk a(12, 21, "K-1"), b(12, 21, "K-2"); // same seed: the same uuids, as a copied database would have
    test::TempDir s1, s2, office;
    REQUIRE(a.exportTo(s1.str(), ministry.pub).error == SyncError::None);
    REQUIRE(b.exportTo(s2.str(), ministry.pub).error == SyncError::None);
    auto m = mergeInto(office.str() + "/c.sqlite", {s1.str(), s2.str()},
                       ministry.options({a.key.publicHex(), b.key.publicHex()}));
    CHECK(m.added == 12);
    CHECK(m.rejected == 12);
}

TEST_CASE("iso weeks") {
    CHECK(isoWeek("2026-01-01") == "2026-W01");
    CHECK(isoWeek("2027-01-01") == "2026-W53");
    CHECK(isoWeek("2024-12-30") == "2025-W01");
    CHECK(isoWeek("2026-03-02") == "2026-W10");
    CHECK(isoWeek("nonsense") == "");
}

TEST_CASE("mountinfo parsing and plain-directory sticks and refused sticks") {
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
    test::TempDir refused;
    std::ofstream(refused.path / "sdb1") << "ext4\tBIG\xE2\x80\xAE"
                                            "DATA\n";
    auto r = refusedSticks(refused.str());
    REQUIRE(r.size() == 1);
    CHECK(r[0].fsType == "ext4");
    CHECK(r[0].label == "BIGDATA"); // the bidi override is dropped
}

TEST_CASE("config file: defaults and values and ignored mistakes") {
    auto c = parseConfig(
        "# kiosk\ncentre_id = osh-2\nidle_seconds = 120\nfoo = bar\nretention_days = -4\nnonsense\n"
        "stick_roots = /media:/mnt/usb\nexport_public_key = " +
        std::string(64, 'a') + "\nexport_exact_day = yes\nstick_file_max_mb = 0\n");
    CHECK(c.centreId == "osh-2");
    CHECK(c.idleSeconds == 120);
    CHECK(c.retentionDays == 90);
    CHECK(c.stickRoots == std::vector<std::string>{"/media", "/mnt/usb"});
    CHECK(c.exportPublicKey == std::string(64, 'a'));
    CHECK(c.exportExactDay);
    CHECK_FALSE(c.exportKioskId);
    CHECK(c.stickFileMaxMb == 256);
    REQUIRE(c.problems.size() == 4);
    CHECK_THAT(c.problems[0], Catch::Contains("unknown key 'foo'"));
    CHECK_THAT(c.problems[1], Catch::Contains("retention_days"));
    CHECK_THAT(c.problems[2], Catch::Contains("line 6"));
    CHECK_THAT(c.problems[3], Catch::Contains("stick_file_max_mb"));
    auto missing = loadConfig("/nonexistent/kiosk.conf");
    CHECK(missing.problems.empty());
    CHECK(missing.centreId == "centre");
    CHECK(missing.exportPublicKey.empty());
}
