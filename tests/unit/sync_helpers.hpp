#pragma once
// Shared by the sync, purge, disclosure and hostile-stick tests: a kiosk data dir with simulated visits,
// and the ministry's key pair.
#include <catch2/catch.hpp>
#include <filesystem>
#include <map>

#include "assess/instrument.hpp"
#include "helpers.hpp"
#include "store/access.hpp"
#include "store/local_store.hpp"
#include "sync/export.hpp"
#include "sync/keys.hpp"
#include "sync/simulate.hpp"

namespace kesip::test {

inline const assess::Instrument& instrument(const char* name) {
    static std::map<std::string, assess::Instrument> cache;
    auto it = cache.find(name);
    if (it != cache.end()) return it->second;
    std::vector<content::Problem> ps;
    auto ins = assess::loadInstrument(
        sourceDir() + "/assets/instruments/" + name + ".json",
        std::string(name) == "interest" ? assess::interestSpec() : assess::strengthsSpec(), ps);
    REQUIRE(ins);
    return cache.emplace(name, *ins).first->second;
}

inline std::string slurp(const std::string& p) {
    std::string s;
    readFile(p, s);
    return s;
}

// Working copies an export left in a data dir (there must be none after it returns).
inline std::vector<std::string> workCopies(const std::string& dir) {
    std::vector<std::string> out;
    for (auto& e : std::filesystem::directory_iterator(dir)) {
        const std::string n = e.path().filename().string();
        if (n.rfind("export-", 0) == 0) out.push_back(n);
    }
    return out;
}

struct Ministry {
    std::string pub, sec;
    Ministry() { REQUIRE(sync::makeSealingPair(pub, sec)); }
    sync::MergeOptions options(std::vector<std::string> known) const {
        sync::MergeOptions o;
        o.secretKeyHex = sec;
        o.knownKiosks = std::move(known);
        return o;
    }
};

// A kiosk data dir with n simulated visits (over 60 days), its signing key and a clock after them.
struct Kiosk {
    TempDir dir;
    std::unique_ptr<store::Database> db;
    std::string id;
    sync::KioskKey key = sync::makeKioskKey();
    FakeClock clock{1795000000000 + 1000};
    Kiosk(int64_t n, uint32_t seed, const std::string& kioskId) : id(kioskId) {
        auto r = store::openLocalStore(dir.str());
        REQUIRE(r.db);
        db = std::move(r.db);
        FakeClock simClock;
        sync::SimulateOptions o;
        o.sessions = n;
        o.seed = seed;
        if (n > 0) sync::simulate(*db, instrument("interest"), instrument("strengths"), nullptr, o, simClock);
    }
    std::string path() const { return dir.str() + "/kesip.sqlite"; }
    sync::ExportOptions options(const std::string& exportKey, int retentionDays = 3650) const {
        sync::ExportOptions o;
        o.kioskId = id;
        o.centreId = "bishkek-1";
        o.retentionDays = retentionDays;
        o.writeSummaries = false;
        o.exportPublicKey = exportKey;
        o.kioskKey = key;
        return o;
    }
    sync::ExportReport exportTo(const std::string& stick, const std::string& exportKey,
                                int retentionDays = 3650) {
        return sync::exportToStick(*db, store::Grant::commandLine(), path(), dir.str(), stick,
                                   options(exportKey, retentionDays), clock);
    }
};

} // namespace kesip::test
