#pragma once
// Shared by the diary tests: a migrated in-memory kiosk database and visits with finished tests.
#include <map>
#include <string>

#include "diary/store.hpp"
#include "store/repo.hpp"
#include "store/schema.hpp"
#include "util/clock.hpp"

namespace kesip::test {

// One Argon2id hash for the tests' PIN: hashing costs 64 MiB and a moment, so tests that are not about
// the PIN create diaries with it (DiaryStore::createWithHash).
inline const std::string& pinHash() {
    static const std::string h = diary::DiaryStore::hashPin("2580");
    return h;
}

struct DiaryDb {
    FakeClock clock;
    store::Database db{":memory:"};
    diary::DiaryStore diaries{db, clock};
    DiaryDb() {
        db.exec("PRAGMA foreign_keys=ON");
        store::migrate(db, store::localMigrations());
    }
    // A visit with finished tests: instrument -> scale -> percent.
    std::string visit(const std::map<std::string, std::map<std::string, double>>& tests = {}) {
        const std::string id = store::SessionRepo(db, clock).begin(Lang::ky).id;
        for (const auto& [ins, scales] : tests) {
            db.prepare(
                  "INSERT INTO test_runs(session_id, instrument, version, state, started_at, completed_at) "
                  "VALUES(?,?,1,'completed',?,?)")
                .bind(1, id)
                .bind(2, ins)
                .bind(3, clock.wallMs())
                .bind(4, clock.wallMs())
                .run();
            for (const auto& [scale, pct] : scales)
                db.prepare(
                      "INSERT INTO scores(session_id, instrument, scale, raw, percent) VALUES(?,?,?,0,?)")
                    .bind(1, id)
                    .bind(2, ins)
                    .bind(3, scale)
                    .bind(4, pct)
                    .run();
        }
        return id;
    }
    diary::CreateResult newDiary(const std::string& session = {}, const diary::Seed& seed = {}) {
        return diaries.createWithHash(pinHash(), diary::newDiaryCode(), Lang::ky, session, seed);
    }
};

inline std::map<std::string, double> riasec(double r, double i, double a, double s, double e, double c) {
    return {{"R", r}, {"I", i}, {"A", a}, {"S", s}, {"E", e}, {"C", c}};
}

} // namespace kesip::test
