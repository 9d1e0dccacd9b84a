// The hostile-stick suite (issue 14): a stick prepared by someone who wants to wipe, fill or freeze the
// kiosk, make it lose visits or run code. Each case drives the real staff screen's export (or content
// update) and ends with: the local database as it was, or correctly updated; no visit marked exported that
// is not in the file on the stick; frames kept coming on the UI thread; and a clear, localized message.
#include <condition_variable>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <sys/stat.h>
#include <unistd.h>

#include "driver.hpp"
#include "store/access.hpp"
#include "sync/export.hpp"
#include "sync/keys.hpp"
#include "sync/sealed.hpp"
#include "util/config.hpp"

using namespace kesip;
using flow::ScreenId;
namespace fs = std::filesystem;

namespace {

std::string slurp(const fs::path& p) {
    std::string s;
    readFile(p.string(), s);
    return s;
}

// Everything of the visits (not the audit, which gains a line per attempt), in a fixed order.
std::string dump(store::Database& db) {
    std::string out;
    for (const char* t : {"sessions", "test_runs", "responses", "scores", "flags", "visit_results", "notes",
                          "daily_stats", "settings"}) {
        std::string cols;
        auto c = db.prepare(std::string("SELECT name FROM pragma_table_info('") + t + "')");
        while (c.step()) cols += (cols.empty() ? "" : " || '|' || ") + ("quote(" + c.getText(0) + ")");
        auto q = db.prepare("SELECT " + cols + " FROM " + t + " ORDER BY 1");
        out += std::string("#") + t + "\n";
        while (q.step()) out += q.getText(0) + "\n";
    }
    return out;
}

struct Hostile {
    test::TempDir stick;
    std::string pub, sec;
    std::unique_ptr<test::Driver> d;
    std::string kiosk;

    explicit Hostile(bool withKey = true) {
        { std::ofstream(stick.path / "kesip-stick") << ""; }
        REQUIRE(sync::makeSealingPair(pub, sec));
        d = std::make_unique<test::Driver>(1920, 1080, 1.f, std::string(), std::string(),
                                           std::vector<std::string>{stick.str()});
        KioskConfig cfg;
        if (withKey) cfg.exportPublicKey = pub;
        cfg.contentPublicKey = std::string(64, 'a');
        d->app().overrideConfigForTest(cfg);
        for (int i = 0; i < 3; ++i) {
            d->tap("attract_ky");
            d->tap("home_finish");
            d->tap("finish_done");
        }
        d->loginAsStaff();
        REQUIRE(d->screen() == ScreenId::Staff);
        kiosk = d->app().staffView()->kioskId;
    }
    store::Database& db() { return *d->app().db(); }
    fs::path kesip() const { return stick.path / "kesip"; }
    std::string sealedName() const { return kiosk + ".sealed"; }
    std::string livePath() const { return d->dir.str() + "/kesip.sqlite"; }

    // Taps export (or another key) and keeps drawing frames until the worker is done: the UI thread is
    // never blocked, or this loop would stop.
    int run(const std::string& key = "staff_export_0") {
        d->frames(1);
        REQUIRE(d->has(key));
        d->tap(key);
        int frames = 0;
        const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(60);
        while (d->app().workerRunning() && std::chrono::steady_clock::now() < until) {
            d->frames(1);
            ++frames;
            std::this_thread::sleep_for(std::chrono::milliseconds(5));
        }
        INFO("condition: the export thread finished within 60 s");
        REQUIRE_FALSE(d->app().workerRunning());
        d->frames(2);
        return frames + 2;
    }
    std::string message() const { return d->app().staffView()->message; }
    bool said(const char* key) const { return message() == d->app().ui().tr(key); }

    // Every visit marked exported is in this kiosk's sealed file on the stick (opened with the key).
    void checkMarkedAreOnStick() {
        std::vector<std::string> marked;
        auto q = db().prepare("SELECT id FROM sessions WHERE exported_at IS NOT NULL");
        while (q.step()) marked.push_back(q.getText(0));
        if (marked.empty()) return;
        test::TempDir office;
        sync::MergeOptions mo;
        mo.secretKeyHex = sec;
        std::string err;
        auto key = sync::loadOrCreateKioskKey(d->dir.str(), err);
        REQUIRE(key);
        mo.knownKiosks = {key->publicHex()};
        auto m = sync::mergeInto(office.str() + "/c.sqlite", {stick.str()}, mo);
        REQUIRE(m.error == sync::SyncError::None);
        store::Database c(office.str() + "/c.sqlite", store::Database::Mode::ReadOnly);
        for (const auto& id : marked) {
            auto x = c.prepare("SELECT count(*) FROM sessions WHERE uuid=?");
            x.bind(1, id);
            REQUIRE(x.step());
            INFO("visit marked exported but not on the stick: " << id);
            CHECK(x.getInt(0) == 1);
        }
    }
    void checkNoWorkCopies() {
        for (auto& e : fs::directory_iterator(d->dir.path)) {
            INFO(e.path());
            CHECK(e.path().filename().string().rfind("export-", 0) != 0);
            CHECK(e.path().filename().string().find("incoming") == std::string::npos);
        }
    }
    // Refused: nothing changed locally, nothing marked, a clear message.
    void checkRefused(const std::string& before, const char* key) {
        CHECK(dump(db()) == before);
        CHECK(db().queryInt("SELECT count(*) FROM sessions WHERE exported_at IS NOT NULL") == 0);
        INFO("message: " << message());
        CHECK(said(key));
        CHECK(d->app().staffView()->messageIsError);
        CHECK(d->shows(message()));
        CHECK(db().queryText("PRAGMA integrity_check") == "ok");
        checkNoWorkCopies();
    }
    // Went through: every ended visit marked, each verified on the stick.
    void checkExported() {
        INFO("message: " << message());
        CHECK_FALSE(d->app().staffView()->messageIsError);
        CHECK(db().queryInt(
                  "SELECT count(*) FROM sessions WHERE exported_at IS NULL AND ended_at IS NOT NULL") == 0);
        checkMarkedAreOnStick();
        CHECK(db().queryText("PRAGMA integrity_check") == "ok");
        checkNoWorkCopies();
    }
    // Makes this kiosk's genuine file on the stick, then lets a test change it.
    void exportOnce() {
        run();
        REQUIRE(fs::exists(kesip() / "export" / sealedName()));
        db().exec("UPDATE sessions SET exported_at = NULL"); // as if it had not been marked yet
    }
};

void mkfifoAt(const fs::path& p) {
    fs::create_directories(p.parent_path());
    REQUIRE(::mkfifo(p.c_str(), 0644) == 0);
}

} // namespace

TEST_CASE("hostile stick: the summaries folder is a link to elsewhere") {
    Hostile h;
    test::TempDir elsewhere;
    fs::create_directories(h.kesip());
    fs::create_directory_symlink(elsewhere.path, h.kesip() / "summaries");
    h.run();
    CHECK(fs::is_empty(elsewhere.path)); // nothing written through the link
    CHECK(h.said("sync_summary"));       // the data went, the summaries did not: staff are told
    h.checkMarkedAreOnStick();
    h.checkNoWorkCopies();
}

TEST_CASE("hostile stick: a summary's temp file is a link to the live database") {
    Hostile h;
    const auto dir = h.kesip() / "summaries" / h.kiosk;
    fs::create_directories(dir);
    const std::string liveBefore = slurp(h.livePath());
    fs::create_symlink(h.livePath(), dir / ".summary-total.csv.tmp");
    fs::create_symlink(h.livePath(), dir / "summary.pdf"); // and the final name
    h.run();
    h.checkExported();
    CHECK(fs::file_size(h.livePath()) >= liveBefore.size() / 2); // not truncated
    CHECK(slurp(dir / "summary.pdf").rfind("%PDF", 0) == 0);     // the link was replaced, not followed
    CHECK_FALSE(fs::is_symlink(dir / ".summary-total.csv.tmp"));
}

TEST_CASE("hostile stick: the export file is a link to the live database") {
    Hostile h;
    fs::create_directories(h.kesip() / "export");
    fs::create_symlink(h.livePath(), h.kesip() / "export" / h.sealedName());
    const std::string before = dump(h.db());
    h.run();
    h.checkRefused(before, "sync_symlink");
}

TEST_CASE("hostile stick: the export file's temp name is a hard link to the live database") {
    Hostile h;
    fs::create_directories(h.kesip() / "export");
    const fs::path tmp = h.kesip() / "export" / ("." + h.sealedName() + ".tmp");
    if (::link(h.livePath().c_str(), tmp.c_str()) != 0) {
        WARN("hard links across these folders are not possible here: case skipped");
        return;
    }
    h.run();
    h.checkExported(); // the link was unlinked, never opened for writing
    CHECK(h.db().queryInt("SELECT count(*) FROM sessions") == 3);
}

TEST_CASE("hostile stick: the kesip folder is a link to the kiosk's data") {
    Hostile h;
    fs::create_directory_symlink(h.d->dir.path, h.kesip());
    const std::string before = dump(h.db());
    h.run();
    h.checkRefused(before, "sync_symlink");
}

TEST_CASE("hostile stick: the kesip folder is a file") {
    Hostile h;
    std::ofstream(h.kesip()) << "not a folder";
    const std::string before = dump(h.db());
    h.run();
    h.checkRefused(before, "sync_not_regular");
}

TEST_CASE("hostile stick: a FIFO at the export file") {
    Hostile h;
    mkfifoAt(h.kesip() / "export" / h.sealedName());
    const std::string before = dump(h.db());
    h.run();
    h.checkRefused(before, "sync_not_regular");
}

TEST_CASE("hostile stick: a FIFO at the export file's temp name") {
    Hostile h;
    mkfifoAt(h.kesip() / "export" / ("." + h.sealedName() + ".tmp"));
    h.run();
    h.checkExported(); // unlinked, never opened
}

TEST_CASE("hostile stick: FIFOs at a summary's temp and final names") {
    Hostile h;
    const auto dir = h.kesip() / "summaries" / h.kiosk;
    mkfifoAt(dir / ".summary-total.csv.tmp");
    mkfifoAt(dir / "summary-total.csv");
    h.run();
    h.checkExported();
    CHECK(fs::is_regular_file(dir / "summary-total.csv"));
}

TEST_CASE("hostile stick: a folder at the export file's temp name") {
    Hostile h;
    fs::create_directories(h.kesip() / "export" / ("." + h.sealedName() + ".tmp") / "x");
    const std::string before = dump(h.db());
    h.run();
    CHECK(dump(h.db()) == before);
    CHECK(h.d->app().staffView()->messageIsError);
    CHECK(h.db().queryInt("SELECT count(*) FROM sessions WHERE exported_at IS NOT NULL") == 0);
}

TEST_CASE("hostile stick: the export file links to /dev/zero") {
    Hostile h;
    fs::create_directories(h.kesip() / "export");
    fs::create_symlink("/dev/zero", h.kesip() / "export" / h.sealedName());
    const std::string before = dump(h.db());
    h.run();
    h.checkRefused(before, "sync_symlink");
}

TEST_CASE("hostile stick: a 2 GB sparse export file is not copied into the kiosk") {
    Hostile h;
    fs::create_directories(h.kesip() / "export");
    const fs::path big = h.kesip() / "export" / h.sealedName();
    { std::ofstream(big) << "SQLite format 3"; }
    fs::resize_file(big, 2ull << 30);
    const std::string before = dump(h.db());
    h.run();
    h.checkRefused(before, "sync_too_large");
    CHECK(fs::file_size(big) == 2ull << 30);
}

namespace {
// This kiosk's genuine file on the stick, then changed with sqlite3 the way an attacker would.
void tamper(Hostile& h, const std::string& sql) {
    h.exportOnce();
    const std::string file = (h.kesip() / "export" / h.sealedName()).string();
    store::Database f(file);
    f.exec(sql);
}
} // namespace

TEST_CASE("hostile stick: a trigger with RAISE(IGNORE) in the export file") {
    Hostile h;
    tamper(h, "CREATE TRIGGER t BEFORE INSERT ON records BEGIN SELECT RAISE(IGNORE); END");
    const std::string before = dump(h.db());
    h.run();
    h.checkRefused(before, "sync_tampered");
}

TEST_CASE("hostile stick: a CHECK(0) table in the export file") {
    Hostile h;
    tamper(
        h,
        "ALTER TABLE records RENAME TO old_records; CREATE TABLE records(rid BLOB PRIMARY KEY, kid INTEGER "
        "NOT NULL, nonce BLOB NOT NULL, box BLOB NOT NULL, CHECK(0)) WITHOUT ROWID; DROP TABLE old_records");
    const std::string before = dump(h.db());
    h.run();
    h.checkRefused(before, "sync_tampered");
}

TEST_CASE("hostile stick: a recursive trigger in the export file") {
    Hostile h;
    tamper(h,
           "CREATE TRIGGER loop AFTER INSERT ON keys BEGIN INSERT INTO keys(sealed) VALUES(new.sealed); END; "
           "PRAGMA recursive_triggers=ON");
    const std::string before = dump(h.db());
    h.run();
    h.checkRefused(before, "sync_tampered");
}

TEST_CASE("hostile stick: a view shadowing a table in the export file") {
    Hostile h;
    tamper(h, "ALTER TABLE records RENAME TO r2; CREATE VIEW records AS SELECT * FROM r2");
    const std::string before = dump(h.db());
    h.run();
    h.checkRefused(before, "sync_tampered");
}

TEST_CASE("hostile stick: a forged export file under this kiosk's name") {
    Hostile h;
    h.exportOnce();
    // Re-signed by another key: well formed, but not this kiosk's.
    const std::string file = (h.kesip() / "export" / h.sealedName()).string();
    {
        store::Database f(file);
        f.exec("DELETE FROM records WHERE rid = (SELECT rid FROM records LIMIT 1)");
        f.prepare("UPDATE meta SET value=? WHERE key='kiosk_key'")
            .bind(1, sync::makeKioskKey().publicHex())
            .run();
    }
    const std::string before = dump(h.db());
    h.run();
    h.checkRefused(before, "sync_tampered");
}

TEST_CASE("hostile stick: a content pack that links to /dev/zero and a FIFO signature") {
    Hostile h;
    const auto pack = h.kesip() / "content-pack";
    fs::create_directories(pack);
    fs::create_symlink("/dev/zero", pack / "content.sqlite");
    mkfifoAt(pack / "content.sqlite.sig");
    h.d->frames(1);
    h.d->wait(2100); // the stick list is refreshed
    const std::string before = dump(h.db());
    h.run("staff_install_0");
    CHECK(dump(h.db()) == before);
    INFO(h.message());
    CHECK(h.said("pack_unsafe"));
    CHECK_FALSE(fs::exists(h.d->dir.path / "content" / "content.sqlite"));
    h.checkNoWorkCopies();
}

TEST_CASE("hostile stick: invalid UTF-8 and bidi controls in the label are shown safely") {
    test::TempDir root;
    const fs::path stick = root.path / "PAY\xE2\x80\xAEgpj.exe\xFF\xFE";
    fs::create_directories(stick);
    { std::ofstream(stick / "kesip-stick") << ""; }
    test::Driver d(1920, 1080, 1.f, {}, {}, {stick.string()});
    d.loginAsStaff();
    REQUIRE(d.app().staffView()->sticks.size() == 1);
    const std::string label = d.app().staffView()->sticks[0].label;
    CHECK(label.find("\xE2\x80\xAE") == std::string::npos);
    CHECK(label.find('\xFF') == std::string::npos);
    CHECK(label.find("PAY") == 0);
    for (const auto& t : d.app().ui().texts()) {
        INFO(t);
        CHECK(t.find("\xE2\x80\xAE") == std::string::npos);
        CHECK(t.find('\xFF') == std::string::npos);
    }
}

namespace {
// A stick that stops answering: every write waits until the test lets it go.
struct StuckIo : sync::StickIo {
    std::mutex m;
    std::condition_variable cv;
    bool entered = false, released = false;
    ssize_t write(int fd, const void* p, size_t n) override {
        std::unique_lock<std::mutex> lock(m);
        entered = true;
        cv.notify_all();
        cv.wait(lock, [&] { return released; });
        return sync::StickIo::write(fd, p, n);
    }
    void release() {
        std::lock_guard<std::mutex> lock(m);
        released = true;
        cv.notify_all();
    }
};
} // namespace

TEST_CASE("hostile stick: frames keep coming and staff are logged out while the export hangs on the stick") {
    Hostile h;
    auto io = std::make_shared<StuckIo>();
    h.d->app().setStickIo(io);
    const std::string before = dump(h.db());
    h.d->tap("staff_export_0");
    {
        std::unique_lock<std::mutex> lock(io->m);
        INFO("condition: the export thread reached the stick within 30 s");
        REQUIRE(io->cv.wait_for(lock, std::chrono::seconds(30), [&] { return io->entered; }));
    }
    // A watchdog lets the stick go if the UI thread blocks, so a blocked UI fails here instead of hanging.
    std::atomic<bool> uiBlocked{false}, done{false};
    std::thread watchdog([&] {
        for (int i = 0; i < 3000 && !done; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
        if (!done) {
            uiBlocked = true;
            io->release();
        }
    });
    int frames = 0;
    for (int i = 0; i < 20; ++i, ++frames) h.d->frames(1);
    CHECK(h.d->app().exportRunning());
    CHECK(h.d->shows(
        h.d->app().ui().tr("staff_exporting", {{"percent", h.d->app().staffView()->exportPercent}})));
    h.d->wait(181'000); // staff auto-logout while the worker is stuck: must not wait for it
    for (int i = 0; i < 5; ++i, ++frames) h.d->frames(1);
    CHECK(h.d->screen() == ScreenId::Attract);
    CHECK_FALSE(h.d->app().staffMode());
    done = true;
    watchdog.join();
    INFO("condition: the UI thread never waited for the stuck export");
    CHECK_FALSE(uiBlocked);
    CHECK(frames == 25);
    io->release();
    const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    while (h.d->app().workerRunning() && std::chrono::steady_clock::now() < until)
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    REQUIRE_FALSE(h.d->app().workerRunning());
    // Cancelled when staff left: nothing marked, the stick keeps no half file, no working copies.
    CHECK(dump(h.db()) == before);
    CHECK(h.db().queryInt("SELECT count(*) FROM sessions WHERE exported_at IS NOT NULL") == 0);
    CHECK_FALSE(fs::exists(h.kesip() / "export" / h.sealedName()));
    CHECK_FALSE(fs::exists(h.kesip() / "export" / ("." + h.sealedName() + ".tmp")));
    h.checkNoWorkCopies();
}

TEST_CASE("hostile stick: without an export key only summaries are written and staff are told why") {
    Hostile h(false);
    const std::string before = dump(h.db());
    h.run();
    CHECK(h.said("sync_no_key"));
    CHECK_FALSE(h.d->app().staffView()->messageIsError);
    CHECK(dump(h.db()) == before);
    CHECK_FALSE(fs::exists(h.kesip() / "export"));
    CHECK(fs::exists(h.kesip() / "summaries" / h.kiosk / "summary-total.csv"));
}
