// Career-diary counts in the export (issue 11 "Privacy"): counts only, rounded like every published count,
// merged at the ministry; and a dump of everything an export writes to a stick holds nothing of a diary.
#include <catch2/catch.hpp>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "diary/simulate.hpp"
#include "l10n/catalog.hpp"
#include "store/repo.hpp"
#include "sync/diary_export.hpp"
#include "sync/disclosure.hpp"
#include "sync/labels.hpp"
#include "sync/sealed.hpp"
#include "sync_helpers.hpp"

using namespace kesip;
namespace fs = std::filesystem;

namespace {

// The plaintext of every record in a sealed file, opened with the ministry's secret key.
std::vector<std::string> openSealed(const std::string& path, const std::string& secretHex) {
    std::vector<std::string> out;
    store::Database f(path, store::Database::Mode::Foreign);
    REQUIRE(sync::checkSealed(f).ok);
    std::map<int64_t, sync::DataKey> keys;
    auto k = f.prepare("SELECT kid, sealed FROM keys");
    while (k.step()) REQUIRE(sync::openDataKey(k.getBlob(1), secretHex, keys[k.getInt(0)]));
    auto q = f.prepare("SELECT rid, kid, nonce, box FROM records");
    while (q.step()) {
        std::string plain;
        REQUIRE(sync::decryptRecord(keys.at(q.getInt(1)), q.getInt(1), q.getBlob(0), q.getBlob(2),
                                    q.getBlob(3), plain));
        out.push_back(plain);
    }
    return out;
}

// Everything under a folder, byte for byte, with each file's name.
std::string dumpFiles(const std::string& dir) {
    std::string all;
    for (const auto& e : fs::recursive_directory_iterator(dir))
        if (e.is_regular_file()) all += e.path().string() + "\n" + test::slurp(e.path().string()) + "\n";
    return all;
}

void addDaily(store::Database& db, const std::string& day, const std::string& key, int64_t n) {
    db.prepare("INSERT INTO diary_daily(day, key, n) VALUES(?,?,?)")
        .bind(1, day)
        .bind(2, key)
        .bind(3, n)
        .run();
}

// The rows of a summary CSV as "section:key" -> count cell.
std::map<std::string, std::string> csvCells(const std::string& path) {
    std::map<std::string, std::string> out;
    std::istringstream in(test::slurp(path));
    for (std::string line; std::getline(in, line);) {
        if (!line.empty() && line.back() == '\r') line.pop_back();
        const auto a = line.find(','), b = line.find(',', a + 1);
        if (a == std::string::npos || b == std::string::npos) continue;
        out[line.substr(0, a) + ":" + line.substr(a + 1, b - a - 1)] = line.substr(line.rfind(',') + 1);
    }
    return out;
}

sync::SummaryLabels labels(Lang lang) {
    std::string err;
    static auto cat = l10n::Catalog::open(test::localeDir(), err);
    REQUIRE(cat);
    return sync::makeSummaryLabels(*cat, lang, nullptr, nullptr, "{from}", "{to}", 0);
}

} // namespace

TEST_CASE("diary counts are published rounded: a count of 3 is never shown as 3", "[sync][diary]") {
    test::Kiosk k(0, 1, "K-D1");
    const std::string today = localDate(k.clock.wallMs());
    const std::string d1 = localDate(k.clock.wallMs() - 3 * 86'400'000),
                      d2 = localDate(k.clock.wallMs() - 86'400'000);
    addDaily(*k.db, d1, "started", 3);
    addDaily(*k.db, d2, "started", 4); // 7 in all
    addDaily(*k.db, d1, "returning", 3);
    addDaily(*k.db, d2, "decision", 1);
    addDaily(*k.db, d1, "trial:open_day", 3);
    addDaily(*k.db, d2, "trial:internship", 8);
    addDaily(*k.db, today, "started", 50); // today is not complete: not published
    const sync::Summary p = sync::publish(sync::rawSummary(*k.db, "", today, "x"));
    // Bug caught: the diary counts passed through unrounded, or today's counted before the day is over.
    CHECK(p.total.diariesStarted == 5);
    CHECK(p.total.diaryReturning == 5);
    CHECK(p.total.diaryDecisions == 0);
    // Types rounded cumulatively (internship, open_day): r(8) = 10, r(8 + 3) = 10, so open_day's 3 is "<5".
    CHECK(p.total.trialType.at("internship") == 10);
    CHECK(p.total.trialType.at("open_day") == 0);
    CHECK(p.total.trials == 10);

    // The sealed record to the ministry: per ISO week, every count a multiple of 5, the sums rounded.
    const sync::PeriodCounts pc = sync::publishedDiaryCounts(*k.db, today, false);
    int64_t started = 0;
    for (const auto& [period, m] : pc) {
        CHECK(period.size() == 8); // YYYY-Www, not a day
        for (const auto& [measure, n] : m) {
            INFO(period << " " << measure << " " << n);
            CHECK(n % 5 == 0);
        }
        started += m.count("started") ? m.at("started") : 0;
    }
    CHECK(started == 5);
    const sync::PeriodCounts byDay = sync::publishedDiaryCounts(*k.db, today, true);
    CHECK(byDay.count(d1));
    CHECK_FALSE(byDay.count(today));
}

TEST_CASE("diary counts reach the stick's summaries and the ministry's, in ky and ru", "[sync][diary]") {
    test::Kiosk k(30, 3, "K-D2");
    const std::string day = localDate(k.clock.wallMs() - 2 * 86'400'000);
    addDaily(*k.db, day, "started", 12);
    addDaily(*k.db, day, "returning", 6);
    addDaily(*k.db, day, "decision", 3);
    addDaily(*k.db, day, "trial:company_visit", 7);
    addDaily(*k.db, day, "trial:job", 2);
    test::Ministry ministry;
    test::TempDir stick, out;
    sync::ExportOptions eo = k.options(ministry.pub);
    eo.writeSummaries = true;
    eo.labels = labels(Lang::ru);
    const auto r = sync::exportToStick(*k.db, store::Grant::commandLine(), k.path(), k.dir.str(), stick.str(),
                                       eo, k.clock);
    REQUIRE(r.error == sync::SyncError::None);
    CHECK(r.diaryPeriods == 1);

    // The kiosk's own summary on the stick (bug caught: the CSV lacks the diary rows or rounds them not).
    const auto local = csvCells(stick.str() + "/kesip/summaries/K-D2/summary-total.csv");
    CHECK(local.at("diaries_started:") == "10");
    CHECK(local.at("diary_returning:") == "5");
    CHECK(local.at("diary_decisions:") == "5");
    CHECK(local.at("trials:") == "10");
    CHECK(local.at("trial_type:company_visit") == "5");
    CHECK(local.at("trial_type:job") == "5");
    CHECK(test::slurp(stick.str() + "/kesip/summaries/K-D2/summary-total.csv").find("Пробы по видам") ==
          std::string::npos); // a heading is no row
    CHECK(test::slurp(stick.str() + "/kesip/summaries/K-D2/summary-total.csv").find("Начатые дневники") !=
          std::string::npos);

    // The ministry: merge (twice: idempotent), then its summary.
    const std::string central = out.str() + "/central.sqlite";
    for (int i = 0; i < 2; ++i) {
        const auto m = sync::mergeInto(central, {stick.str()}, ministry.options({k.key.publicHex()}));
        REQUIRE(m.error == sync::SyncError::None);
        CHECK(m.filesRejected == 0);
        REQUIRE(m.messages.size() == 1);
        CHECK(m.messages[0].find("diary counts of 1 period") != std::string::npos);
    }
    store::Database c(central, store::Database::Mode::ReadOnly);
    CHECK(c.queryInt("SELECT count(*) FROM diary_counts WHERE measure='started'") == 1);
    const sync::Summary s = sync::publish(sync::buildSummary(c, "all"));
    CHECK(s.total.diariesStarted == 10);
    CHECK(s.total.diaryReturning == 5);
    CHECK(s.total.diaryDecisions == 5);
    // The ministry adds up what each kiosk sealed: each measure rounded along the periods (7 -> 5, 2 -> 0).
    CHECK(s.total.trials == 5);
    CHECK(s.total.trialType.at("company_visit") == 5);
    CHECK(s.total.trialType.at("job") == 0);
    for (Lang lang : {Lang::ky, Lang::ru}) {
        std::string err;
        const std::string dir = out.str() + "/" + langCode(lang);
        REQUIRE(sync::writeCsv(s, labels(lang), dir, err));
        const std::string csv = test::slurp(dir + "/summary-total.csv");
        CHECK(csvCells(dir + "/summary-total.csv").at("diaries_started:") == "10");
        CHECK(csv.find(lang == Lang::ky ? "Башталган кесип тандоо күндөлүктөрү" : "Начатые дневники") !=
              std::string::npos);
        CHECK(csv.find(lang == Lang::ky ? "Ишканага экскурсия" : "Экскурсия на предприятие") !=
              std::string::npos);
    }
}

TEST_CASE("the ministry keeps a kiosk's newest diary counts whatever order its files are merged in",
          "[sync][diary]") {
    test::Kiosk k(10, 4, "K-D3");
    test::Ministry ministry;
    test::TempDir older, newer, out;
    addDaily(*k.db, localDate(k.clock.wallMs() - 86'400'000), "started", 5);
    REQUIRE(k.exportTo(older.str(), ministry.pub).error == sync::SyncError::None);
    addDaily(*k.db, localDate(k.clock.wallMs()), "started", 10);
    k.clock.advance(86'400'000); // the next day: yesterday's 10 are complete
    REQUIRE(k.exportTo(newer.str(), ministry.pub).error == sync::SyncError::None);
    const std::string central = out.str() + "/c.sqlite";
    // Bug caught: a later merge of the older stick adds to, or replaces, the newer counts.
    for (const auto& in : {newer.str(), older.str(), newer.str()})
        REQUIRE(sync::mergeInto(central, {in}, ministry.options({k.key.publicHex()})).error ==
                sync::SyncError::None);
    store::Database c(central, store::Database::Mode::ReadOnly);
    CHECK(sync::buildSummary(c, "").total.diariesStarted == 15);
}

TEST_CASE("a merge rejects a diary counts record that is not rounded", "[sync][diary]") {
    test::TempDir out;
    store::Database c(out.str() + "/c.sqlite");
    sync::createExportSchema(c);
    int64_t periods = 0;
    const sync::PeriodCounts exact = {{"2026-W40", {{"started", 3}}}};
    // Bug caught: unrounded (or unknown) counts are taken into the central database.
    CHECK_FALSE(sync::mergeDiaryCounts(c, sync::diaryCountsRecord(exact, "c", "2026-10-10"), "K", periods));
    const sync::PeriodCounts unknown = {{"2026-W40", {{"note", 5}}}};
    CHECK_FALSE(sync::mergeDiaryCounts(c, sync::diaryCountsRecord(unknown, "c", "2026-10-10"), "K", periods));
    CHECK(c.queryInt("SELECT count(*) FROM diary_counts") == 0);
    const sync::PeriodCounts good = {{"2026-W40", {{"started", 5}, {"trial:course", 10}}}};
    CHECK(sync::mergeDiaryCounts(c, sync::diaryCountsRecord(good, "c", "2026-10-10"), "K", periods));
    CHECK(periods == 1);
    CHECK(c.queryInt("SELECT count(*) FROM diary_counts") == 2);
}

TEST_CASE("a version 2 central database is upgraded by the next merge, nothing lost", "[sync][diary]") {
    test::Kiosk k(8, 5, "K-D4");
    test::Ministry ministry;
    test::TempDir stick, out;
    const std::string central = out.str() + "/c.sqlite";
    {
        store::Database c(central);
        c.exec("PRAGMA journal_mode=DELETE");
        sync::createExportSchemaV2(c);
        c.exec("INSERT INTO sessions(uuid, source, centre_id, week, lang) VALUES('u', 's', 'c', '2026-W01', "
               "'ky')");
    }
    REQUIRE(k.exportTo(stick.str(), ministry.pub).error == sync::SyncError::None);
    const auto m = sync::mergeInto(central, {stick.str()}, ministry.options({k.key.publicHex()}));
    REQUIRE(m.error == sync::SyncError::None);
    store::Database c(central, store::Database::Mode::ReadOnly);
    CHECK(c.queryInt("PRAGMA user_version") == sync::kExportVersion);
    CHECK(c.queryInt("SELECT count(*) FROM sessions") == 8 + 1);
    CHECK(sync::verifyExportFile(central).error == sync::SyncError::None);
}

TEST_CASE("nothing an export writes to the stick holds a diary code, PIN hash, note or trial detail",
          "[sync][diary]") {
    test::Kiosk k(0, 6, "K-LEAK");
    {
        FakeClock simClock(k.clock.wallMs() - 86'400'000 * 2);
        sync::SimulateOptions o;
        o.sessions = 400;
        o.days = 30;
        o.seed = 6;
        o.perItemResponses = false;
        sync::simulate(*k.db, test::instrument("interest"), test::instrument("strengths"), nullptr, o,
                       simClock);
    }
    REQUIRE(diary::simulateDiaries(*k.db, nullptr, {60, 6}) > 40);
    // What must never leave: every code, PIN hash, note (trial and counselor) of the simulated diaries.
    std::vector<std::string> secrets;
    auto collect = [&](const char* sql) {
        auto q = k.db->prepare(sql);
        while (q.step())
            if (!q.isNull(0) && !q.getText(0).empty()) secrets.push_back(q.getText(0));
    };
    collect("SELECT code FROM diaries");
    collect("SELECT pin_hash FROM diaries");
    collect("SELECT id FROM diaries");
    collect("SELECT note FROM diary_trials");
    REQUIRE(k.db->queryInt("SELECT count(*) FROM diary_trials WHERE note IS NOT NULL") > 10);
    REQUIRE(k.db->queryInt("SELECT count(*) FROM diary_decisions") > 0);

    test::Ministry ministry;
    test::TempDir stick;
    for (Lang lang : {Lang::ky, Lang::ru}) {
        sync::ExportOptions eo = k.options(ministry.pub);
        eo.writeSummaries = true;
        eo.labels = labels(lang);
        eo.exactDay = lang == Lang::ru; // both forms of the period
        const auto r = sync::exportToStick(*k.db, store::Grant::commandLine(), k.path(), k.dir.str(),
                                           stick.str(), eo, k.clock);
        REQUIRE(r.error == sync::SyncError::None);
        REQUIRE(r.diaryPeriods > 0);
        // The counts record is no visit (bug caught: staff told of one visit more than is on the stick).
        CHECK(r.onStick == k.db->queryInt("SELECT count(*) FROM sessions WHERE ended_at IS NOT NULL"));
        std::string dump = dumpFiles(stick.str());
        for (const std::string& rec : openSealed(stick.str() + "/kesip/export/K-LEAK.sealed", ministry.sec))
            dump += rec + "\n";
        // The dump is not empty of diary matters: the counts are there (else the test proves nothing).
        CHECK(dump.find("\"kind\":\"diary_counts\"") != std::string::npos);
        CHECK(dump.find("diaries_started,") != std::string::npos);
        // Bug caught: a code, PIN hash, diary id or note in any file or sealed record.
        for (const std::string& s : secrets) {
            INFO(s);
            CHECK(dump.find(s) == std::string::npos);
        }
        CHECK(dump.find(diary::kSimNoteMarker) == std::string::npos);
        // No trial detail: chips and "again" answers are never exported.
        CHECK(dump.find("liked") == std::string::npos);
        CHECK(dump.find("\"again\"") == std::string::npos);
    }
}
