#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <set>
#include <sys/stat.h>
#include <unistd.h>

#include "helpers.hpp"
#include "store/local_store.hpp"
#include "store/repo.hpp"
#include "store/schema.hpp"
#include "util/ids.hpp"

using namespace kesip;
using namespace kesip::store;

namespace {
std::string slurp(const std::string& p) {
    std::string s;
    readFile(p, s);
    return s;
}
} // namespace

TEST_CASE("migrations run from zero to the current version") {
    Database db(":memory:");
    migrate(db, localMigrations());
    CHECK(db.queryInt("PRAGMA user_version") == localSchemaVersion());
    for (auto t : {"sessions", "test_runs", "responses", "scores", "flags", "settings", "audit"}) {
        INFO(t);
        CHECK(db.queryInt(std::string("SELECT count(*) FROM sqlite_master WHERE type='table' AND name='") +
                          t + "'") == 1);
    }
    migrate(db, localMigrations()); // idempotent
    CHECK(db.queryInt("PRAGMA user_version") == localSchemaVersion());
}

TEST_CASE("a failing migration step leaves the database at the previous version") {
    Database db(":memory:");
    std::vector<std::string> steps = {"CREATE TABLE a(x)", "CREATE TABLE b(y); CREATE TABLE a(z)"};
    CHECK_THROWS_AS(migrate(db, steps), DbError);
    CHECK(db.queryInt("PRAGMA user_version") == 1);
    CHECK(db.queryInt("SELECT count(*) FROM sqlite_master WHERE name='b'") == 0); // rolled back with it
}

TEST_CASE("a database from a newer program is refused and left untouched") {
    test::TempDir d;
    const std::string path = d.str() + "/kesip.sqlite";
    {
        Database db(path);
        db.exec("CREATE TABLE future(x); PRAGMA user_version = 999");
    }
    const std::string before = slurp(path);
    auto r = openLocalStore(d.str());
    CHECK_FALSE(r.db);
    CHECK(r.error == OpenError::NewerSchema);
    CHECK(std::string(openErrorKey(r.error)) == "maint_db_newer");
    CHECK(slurp(path) == before);
    CHECK_FALSE(std::filesystem::exists(path + "-wal"));
}

TEST_CASE("a file that is not SQLite is refused and left untouched") {
    test::TempDir d;
    const std::string path = d.str() + "/kesip.sqlite";
    std::ofstream(path) << "name,phone\nnot a database\n";
    const std::string before = slurp(path);
    auto r = openLocalStore(d.str());
    CHECK_FALSE(r.db);
    CHECK(r.error == OpenError::NotSqlite);
    CHECK(slurp(path) == before);
}

TEST_CASE("an unwritable data directory is reported") {
    if (::geteuid() == 0) {
        // root ignores permission bits; use a path under a regular file instead
        test::TempDir d;
        std::ofstream(d.path / "file") << "x";
        auto r = openLocalStore(d.str() + "/file/sub");
        CHECK(r.error == OpenError::DirUnwritable);
    } else {
        test::TempDir d;
        ::chmod(d.str().c_str(), 0500);
        auto r = openLocalStore(d.str() + "/data");
        CHECK(r.error == OpenError::DirUnwritable);
    }
}

TEST_CASE("the local store opens in WAL with synchronous=FULL and foreign keys") {
    test::TempDir d;
    auto r = openLocalStore(d.str());
    REQUIRE(r.db);
    CHECK(r.db->queryText("PRAGMA journal_mode") == "wal");
    CHECK(r.db->queryInt("PRAGMA synchronous") == 2);
    CHECK(r.db->queryInt("PRAGMA foreign_keys") == 1);
}

TEST_CASE("transactions roll back unless committed") {
    Database db(":memory:");
    db.exec("CREATE TABLE t(x)");
    {
        Transaction tx(db);
        db.exec("INSERT INTO t VALUES(1)");
    }
    CHECK(db.queryInt("SELECT count(*) FROM t") == 0);
    {
        Transaction tx(db);
        db.exec("INSERT INTO t VALUES(1)");
        tx.commit();
    }
    CHECK(db.queryInt("SELECT count(*) FROM t") == 1);
}

TEST_CASE("sessions are anonymous with unique codes from the unambiguous alphabet") {
    Database db(":memory:");
    migrate(db, localMigrations());
    FakeClock clock;
    SessionRepo repo(db, clock);
    std::set<std::string> codes;
    for (int i = 0; i < 200; ++i) {
        auto s = repo.begin(Lang::ru);
        CHECK(isValidSessionCode(s.code));
        CHECK(s.id.size() == 36);
        CHECK(s.id[14] == '4'); // UUID v4
        codes.insert(s.code);
    }
    CHECK(codes.size() == 200);
    auto s = repo.begin(Lang::ky);
    clock.advance(5000);
    repo.setLang(s.id, Lang::ru);
    repo.end(s.id, "idle");
    auto row = repo.get(s.id);
    REQUIRE(row);
    CHECK(row->lang == "ru");
    CHECK(row->endReason == std::optional<std::string>("idle"));
    CHECK(*row->endedAt - row->startedAt == 5000);
    CHECK(repo.byCode(s.code)->id == s.id);
    // the schema has no column that could hold a name, phone or free text about the person
    auto cols = db.prepare("SELECT group_concat(name) FROM pragma_table_info('sessions')");
    REQUIRE(cols.step());
    CHECK(cols.getText(0) ==
          "id,code,lang,started_at,ended_at,end_reason,age_band,gender,status,oblast,exported_at");
}

TEST_CASE("settings and audit") {
    Database db(":memory:");
    migrate(db, localMigrations());
    FakeClock clock;
    SettingsRepo s(db);
    CHECK_FALSE(s.get("centre"));
    s.set("centre", "Bishkek-1");
    s.set("centre", "Osh-2");
    CHECK(*s.get("centre") == "Osh-2");
    audit(db, clock, "system", "start");
    CHECK(db.queryInt("SELECT count(*) FROM audit WHERE action='start'") == 1);
}
