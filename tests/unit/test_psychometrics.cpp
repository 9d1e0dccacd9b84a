// The psychometrics report (issue 13): statistics checked against reference computations written here
// independently; the whole path simulate -> export -> merge -> report on data whose answer is known.
#include <catch2/catch.hpp>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>

#include "assess/versions.hpp"
#include "helpers.hpp"
#include "l10n/catalog.hpp"
#include "psychometrics/report_out.hpp"
#include "store/access.hpp"
#include "store/local_store.hpp"
#include "sync/export.hpp"
#include "sync/keys.hpp"
#include "sync/simulate.hpp"

using namespace kesip;
using namespace kesip::psychometrics;
namespace fs = std::filesystem;

namespace {

// ---- reference computations (deliberately not the library's formulas) ----

// Alpha from the covariance matrix: k/(k-1) * (1 - trace / sum of all entries).
double refAlpha(const std::vector<std::vector<double>>& rows) {
    const size_t n = rows.size(), k = rows[0].size();
    std::vector<double> m(k, 0.0);
    for (const auto& r : rows)
        for (size_t j = 0; j < k; ++j) m[j] += r[j] / double(n);
    double trace = 0, all = 0;
    for (size_t a = 0; a < k; ++a)
        for (size_t b = 0; b < k; ++b) {
            double c = 0;
            for (const auto& r : rows) c += (r[a] - m[a]) * (r[b] - m[b]);
            c /= double(n - 1);
            all += c;
            if (a == b) trace += c;
        }
    return double(k) / double(k - 1) * (1 - trace / all);
}

// Cohen's d from sums of squares.
double refD(const std::vector<double>& a, const std::vector<double>& b) {
    auto ss = [](const std::vector<double>& x, double& mean) {
        mean = 0;
        for (double v : x) mean += v;
        mean /= double(x.size());
        double s = 0;
        for (double v : x) s += (v - mean) * (v - mean);
        return s;
    };
    double ma = 0, mb = 0;
    const double sa = ss(a, ma), sb = ss(b, mb);
    return (ma - mb) / std::sqrt((sa + sb) / double(a.size() + b.size() - 2));
}

// F quantile for df1 = 2 in closed form: P(F <= x) = 1 - (1 + 2x/d)^(-d/2).
double f2Quantile(double p, double d) {
    return d / 2 * (std::pow(1 - p, -2 / d) - 1);
}

const assess::Instrument& family(const char* id) {
    static std::map<std::string, assess::Instrument> cache;
    auto it = cache.find(id);
    if (it != cache.end()) return it->second;
    std::vector<content::Problem> ps;
    auto ins = assess::loadInstrumentVersions(
        test::sourceDir() + "/assets/instruments", id,
        std::string(id) == "interest" ? assess::interestSpec() : assess::strengthsSpec(), ps);
    REQUIRE(ins);
    return cache.emplace(id, *ins).first->second;
}
std::vector<const assess::Instrument*> both() {
    return {&family("interest"), &family("strengths")};
}

// ---- the simulated field: two kiosks, v2 (with a planted biased item) and v1, exported and merged ----
constexpr const char* kBiased = "I07";

struct Field {
    test::TempDir dir;
    std::string central;
    int64_t sessions = 0;
    Field() {
        central = dir.str() + "/central.sqlite";
        const std::string stick = dir.str() + "/stick";
        fs::create_directories(stick);
        std::string pub, sec;
        REQUIRE(sync::makeSealingPair(pub, sec));
        std::vector<std::string> kioskKeys;
        auto kiosk = [&](const std::string& name, int64_t n, uint32_t seed, int version,
                         const std::string& bias) {
            const std::string data = dir.str() + "/" + name;
            auto st = store::openLocalStore(data);
            REQUIRE(st.db);
            FakeClock clock;
            sync::SimulateOptions o;
            o.sessions = n;
            o.seed = seed;
            o.biasedItem = bias;
            const auto& in = family("interest");
            const auto& sg = family("strengths");
            sessions +=
                sync::simulate(*st.db, *in.atVersion(version), *sg.atVersion(version), nullptr, o, clock);
            sync::ExportOptions eo;
            eo.kioskId = name;
            eo.centreId = "c-1";
            eo.writeSummaries = false;
            eo.exportPublicKey = pub;
            eo.kioskKey = sync::makeKioskKey();
            kioskKeys.push_back(eo.kioskKey->publicHex());
            FakeClock later(1795000000000 + 1000);
            REQUIRE(sync::exportToStick(*st.db, store::Grant::commandLine(), data + "/kesip.sqlite", data,
                                        stick, eo, later)
                        .error == sync::SyncError::None);
        };
        kiosk("K-2", 2400, 11, 2, kBiased);
        kiosk("K-1", 600, 12, 1, "");
        sync::MergeOptions mo;
        mo.secretKeyHex = sec;
        mo.knownKiosks = kioskKeys;
        const auto m = sync::mergeInto(central, {stick}, mo);
        REQUIRE(m.error == sync::SyncError::None);
        REQUIRE(m.filesRejected + m.filesUnknown == 0);
    }
};
const Field& field() {
    static Field f;
    return f;
}

Report fieldReport() {
    store::Database db(field().central, store::Database::Mode::ReadOnly);
    return buildReport(loadFieldData(db, "central.sqlite"), both(), "2026-12-01");
}

const VersionReport& version(const Report& r, const std::string& id, int v) {
    for (const auto& x : r.versions)
        if (x.instrument == id && x.version == v) return x;
    FAIL("no " << id << " v" << v << " in the report");
    return r.versions.front();
}

// Complete cases of one scale, keyed, read straight from the central database.
std::vector<std::vector<double>> refRows(const std::string& id, int version, const std::string& scale) {
    const assess::Instrument& ins = *family(id.c_str()).atVersion(version);
    store::Database db(field().central, store::Database::Mode::ReadOnly);
    auto q = db.prepare("SELECT answers FROM tests WHERE instrument=? AND version=?");
    q.bind(1, id).bind(2, version);
    std::vector<std::vector<double>> rows;
    while (q.step()) {
        const std::string a = q.getText(0);
        std::vector<double> row;
        for (size_t i = 0; i < ins.items.size(); ++i) {
            if (ins.items[i].scale != scale) continue;
            if (a[i] < '1' || a[i] > '9') {
                row.clear();
                break;
            }
            const int v = a[i] - '0';
            row.push_back(ins.items[i].reverse ? ins.minValue() + ins.maxValue() - v : v);
        }
        if (!row.empty()) rows.push_back(row);
    }
    return rows;
}

// A synthetic run of interest v2 for the threshold tests.
FieldRun run(const std::string& band, const std::string& state, std::string answers,
             const std::string& flags = "") {
    FieldRun r;
    r.uuid = "x";
    r.instrument = "interest";
    r.version = 2;
    r.state = state;
    r.answers = std::move(answers);
    r.flags = flags;
    r.ageBand = band;
    r.gender = "";
    return r;
}

std::string randomAnswers(std::mt19937& rng, size_t n) {
    std::string s(n, '3');
    for (auto& c : s) c = char('1' + rng() % 5);
    return s;
}

std::unique_ptr<l10n::Catalog> openCatalog() {
    std::string err;
    auto c = l10n::Catalog::open(test::localeDir(), err);
    REQUIRE(c);
    return c;
}

std::string slurp(const std::string& p) {
    std::string s;
    readFile(p, s);
    return s;
}

} // namespace

TEST_CASE("statistics: alpha, correlations, d, ranks and medians against hand references") {
    std::mt19937 rng(3);
    std::vector<std::vector<double>> rows(57, std::vector<double>(6));
    for (auto& r : rows) {
        const double t = double(rng() % 5);
        for (auto& v : r) v = 1 + std::fmod(t + double(rng() % 3), 5.0);
    }
    REQUIRE(cronbachAlpha(rows));
    CHECK(*cronbachAlpha(rows) == Approx(refAlpha(rows)).margin(1e-12));
    // Undefined, not 0 or 1: every total equal, one item, one respondent.
    CHECK_FALSE(cronbachAlpha(std::vector<std::vector<double>>(20, {2, 4, 3})));
    CHECK_FALSE(cronbachAlpha(std::vector<std::vector<double>>(20, {2})));
    CHECK_FALSE(cronbachAlpha({{1, 2, 3}}));

    CHECK(*cohenD({1, 2, 3}, {2, 3, 4}) == Approx(-1.0));
    CHECK(*cohenD({1, 2, 3, 9}, {2, 2, 7}) == Approx(refD({1, 2, 3, 9}, {2, 2, 7})));
    CHECK_FALSE(cohenD({3, 3, 3}, {3, 3}));
    CHECK_FALSE(pearson({1, 1, 1}, {1, 2, 3}));
    CHECK(*pearson({1, 2, 3, 4}, {2, 4, 6, 8}) == Approx(1.0));

    const auto pr = percentileRanks({3, 1, 2, 2});
    REQUIRE(pr.size() == 3);
    CHECK(pr[0] == std::make_pair(1.0, 12.5));
    CHECK(pr[1] == std::make_pair(2.0, 50.0));
    CHECK(pr[2] == std::make_pair(3.0, 87.5));
    CHECK(median({5, 1, 3}) == 3);
    CHECK(median({4, 1, 3, 2}) == 2.5);
}

TEST_CASE("F quantiles and Feldt's interval match closed forms") {
    for (double d : {10.0, 30.0, 200.0})
        for (double p : {0.025, 0.5, 0.975}) {
            INFO("F(2, " << d << ") at " << p);
            CHECK(fQuantile(p, 2, d) == Approx(f2Quantile(p, d)).epsilon(1e-8));
        }
    // F(1, 10) at 0.95 is t(0.975, 10)^2 = 2.228139^2.
    CHECK(fQuantile(0.95, 1, 10) == Approx(2.2281389 * 2.2281389).epsilon(1e-6));
    // Reciprocity: F_p(a, b) = 1 / F_(1-p)(b, a).
    CHECK(fQuantile(0.975, 5, 12) == Approx(1 / fQuantile(0.025, 12, 5)).epsilon(1e-8));
    // n = 3, k = 6: the F has 2 and 10 degrees of freedom, so the bounds have a closed form.
    const Interval ci = feldtInterval(0.8, 3, 6);
    CHECK(ci.low == Approx(1 - 0.2 * f2Quantile(0.975, 10)).epsilon(1e-8));
    CHECK(ci.high == Approx(1 - 0.2 * f2Quantile(0.025, 10)).epsilon(1e-8));
    // More runs, narrower interval, always around alpha.
    const Interval wide = feldtInterval(0.7, 40, 4), narrow = feldtInterval(0.7, 4000, 4);
    CHECK(wide.low < narrow.low);
    CHECK(narrow.high < wide.high);
    CHECK((narrow.low < 0.7 && 0.7 < narrow.high));
}

TEST_CASE("report on simulated field data: alphas equal the reference to 3 decimals") {
    const Report r = fieldReport();
    for (const char* id : {"interest", "strengths"})
        for (int v : {1, 2}) {
            const VersionReport& vr = version(r, id, v);
            REQUIRE(vr.ins);
            REQUIRE(vr.scales.size() == vr.ins->scales.size());
            for (const ScaleStats& s : vr.scales) {
                const auto rows = refRows(id, v, s.id);
                INFO(id << " v" << v << " " << s.id << " n=" << rows.size());
                REQUIRE(s.complete == int(rows.size()));
                REQUIRE(s.alpha);
                CHECK(std::fabs(*s.alpha - refAlpha(rows)) < 0.0005);
                CHECK((s.ci->low < *s.alpha && *s.alpha < s.ci->high));
            }
        }
    // Items load 0.45..0.85 on their scale: every corrected item-total correlation is clearly positive
    // (a reverse-keyed item scored the wrong way round would come out negative).
    for (const auto& vr : r.versions)
        for (const auto& s : vr.scales)
            for (const auto& it : s.items) {
                INFO(vr.instrument << " v" << vr.version << " " << it.id);
                REQUIRE(it.itemTotal);
                CHECK(*it.itemTotal > 0.2);
            }
}

TEST_CASE("report on simulated field data: the planted biased item is flagged and no other") {
    const Report r = fieldReport();
    int flagged = 0;
    for (const auto& vr : r.versions)
        for (const auto& s : vr.scales)
            for (const auto& it : s.items) {
                INFO(vr.instrument << " v" << vr.version << " " << it.id << " d=" << (it.d ? *it.d : 0));
                REQUIRE(it.d); // enough girls and boys everywhere
                const bool planted = vr.instrument == "interest" && vr.version == 2 && it.id == kBiased;
                CHECK(it.flagged == planted);
                flagged += it.flagged;
            }
    CHECK(flagged == 1);
    // d itself equals the reference computed from the merged rows.
    const VersionReport& v2 = version(r, "interest", 2);
    const int pos = v2.ins->itemIndex(kBiased);
    store::Database db(field().central, store::Database::Mode::ReadOnly);
    auto q = db.prepare("SELECT substr(t.answers, ?, 1), s.gender FROM tests t JOIN sessions s USING(uuid) "
                        "WHERE t.instrument='interest' AND t.version=2");
    q.bind(1, pos + 1);
    std::vector<double> girls, boys;
    while (q.step()) {
        const std::string a = q.getText(0), g = q.isNull(1) ? "" : q.getText(1);
        if (a < "1" || a > "9") continue;
        if (g == "female") girls.push_back(a[0] - '0');
        if (g == "male") boys.push_back(a[0] - '0');
    }
    for (const auto& s : v2.scales)
        for (const auto& it : s.items)
            if (it.id == kBiased) CHECK(*it.d == Approx(refD(girls, boys)).epsilon(1e-9));
}

TEST_CASE("report on simulated field data: versions apart, times, flags, simulated marked") {
    const Report r = fieldReport();
    store::Database db(field().central, store::Database::Mode::ReadOnly);
    REQUIRE(r.versions.size() == 4);
    for (const auto& vr : r.versions) {
        auto q = db.prepare("SELECT count(*) FROM tests WHERE instrument=? AND version=?");
        q.bind(1, vr.instrument).bind(2, vr.version);
        REQUIRE(q.step());
        CHECK(vr.runs == q.getInt(0));
        CHECK(vr.malformed == 0);
    }
    // Each version reports its own items: v1 has the haggling item, v2 the supplier one.
    auto hasItem = [](const VersionReport& vr, const std::string& id) {
        for (const auto& s : vr.scales)
            for (const auto& it : s.items)
                if (it.id == id) return true;
        return false;
    };
    CHECK(hasItem(version(r, "interest", 1), "E06"));
    CHECK_FALSE(hasItem(version(r, "interest", 1), "E12"));
    CHECK(hasItem(version(r, "interest", 2), "E12"));
    CHECK_FALSE(hasItem(version(r, "interest", 2), "E06"));
    // Response times came through export and merge, coarse: tenths of a second, capped at 60 s, one
    // cell per item of the run's version; nothing finer leaves the kiosk.
    CHECK(r.timesColumn);
    auto t = db.prepare("SELECT t.instrument, t.version, t.times FROM tests t");
    int64_t timed = 0;
    while (t.step()) {
        if (t.isNull(2)) continue;
        ++timed;
        const std::string times = t.getText(2);
        const auto& ins = *(t.getText(0) == "interest" ? family("interest") : family("strengths"))
                               .atVersion(int(t.getInt(1)));
        REQUIRE(size_t(std::count(times.begin(), times.end(), ',')) == ins.items.size() - 1);
        REQUIRE(times.find_first_not_of("0123456789,") == std::string::npos);
        for (const auto& v : assess::unpackTimes(times, ins.items.size()))
            if (v) REQUIRE(*v <= 60.0);
    }
    CHECK(timed == db.queryInt("SELECT count(*) FROM tests"));
    // Simulated reading times centre on 3 s.
    for (const auto& s : version(r, "interest", 2).scales)
        for (const auto& it : s.items) {
            REQUIRE(it.medianSeconds);
            CHECK((*it.medianSeconds > 2.6 && *it.medianSeconds < 3.4));
        }
    // About 3 % careless runs: each leaves same_answer and too_fast.
    const auto& v2 = version(r, "interest", 2);
    CHECK(v2.flags.at("same_answer") > 0);
    CHECK(v2.flags.at("too_fast") >= v2.flags.at("same_answer") / 2);
    CHECK(double(v2.flags.at("same_answer")) / double(v2.runs) < 0.08);
    // Simulated sessions are recognised after export and merge, and their norms say so.
    CHECK(r.simulatedSessions == field().sessions);
    REQUIRE(v2.norms);
    CHECK(v2.norms->source.kind == "simulated");
}

TEST_CASE("norms only for age bands with at least 200 complete, careful runs") {
    std::mt19937 rng(5);
    FieldData d;
    d.file = "central.sqlite";
    d.first = "2026-01-05";
    d.last = "2026-06-30";
    for (int i = 0; i < 200; ++i) d.runs.push_back(run("15_17", "completed", randomAnswers(rng, 60)));
    for (int i = 0; i < 199; ++i) d.runs.push_back(run("18_20", "completed", randomAnswers(rng, 60)));
    // 21_24: 250 runs, but 60 careless: 190 usable.
    for (int i = 0; i < 250; ++i)
        d.runs.push_back(run("21_24", "completed", randomAnswers(rng, 60), i < 60 ? "same_answer" : ""));
    // under_15: 300 runs that never reached the end.
    for (int i = 0; i < 300; ++i) {
        std::string a = randomAnswers(rng, 60);
        a[59] = '.';
        d.runs.push_back(run("under_15", "abandoned", a));
    }
    // 25_plus: 400 runs with no band given.
    for (int i = 0; i < 400; ++i) d.runs.push_back(run("na", "completed", randomAnswers(rng, 60)));
    const Report r = buildReport(d, both(), "2026-07-01");
    const VersionReport& v = version(r, "interest", 2);
    CHECK(v.usableByBand.at("15_17") == 200);
    CHECK(v.usableByBand.at("18_20") == 199);
    CHECK(v.usableByBand.at("21_24") == 190);
    CHECK(v.usableByBand.count("under_15") == 0);
    REQUIRE(v.norms);
    REQUIRE(v.norms->bands.size() == 1);
    const NormBand& b = v.norms->bands[0];
    CHECK(b.ageBand == "15_17");
    CHECK(b.runs == 200);
    CHECK(v.norms->source.kind == "field");
    CHECK(v.norms->source.first == "2026-01-05");
    CHECK(v.norms->source.runs == int64_t(d.runs.size()));
    // The R ranks are mid-point ranks of the band's R percents (recomputed here).
    const assess::Instrument& ins = *family("interest").atVersion(2);
    std::vector<double> percents;
    for (const FieldRun& fr : d.runs) {
        if (fr.ageBand != "15_17") continue;
        double sum = 0;
        for (size_t i = 0; i < 60; ++i)
            if (ins.items[i].scale == "R") sum += fr.answers[i] - '0';
        percents.push_back(100.0 * (sum / 10 - 1) / 4);
    }
    std::sort(percents.begin(), percents.end());
    const auto& pts = b.scales.at("R");
    for (const auto& [score, rank] : pts) {
        const auto lo = std::lower_bound(percents.begin(), percents.end(), score - 1e-9) - percents.begin();
        const auto hi = std::upper_bound(percents.begin(), percents.end(), score + 1e-9) - percents.begin();
        CHECK(rank == Approx(100.0 * (double(lo) + 0.5 * double(hi - lo)) / 200.0));
    }
    // One run fewer in 15-17 and every band is short: no norms at all.
    FieldData few = d;
    few.runs.erase(few.runs.begin());
    CHECK_FALSE(version(buildReport(few, both(), "2026-07-01"), "interest", 2).norms);
}

TEST_CASE("too few runs and zero variance are said, not computed; unknown versions reported") {
    FieldData d;
    d.file = "small.sqlite";
    std::mt19937 rng(8);
    for (int i = 0; i < 12; ++i) d.runs.push_back(run("15_17", "completed", randomAnswers(rng, 60)));
    for (int i = 0; i < 40; ++i) {
        FieldRun r = run("15_17", "completed", std::string(48, '3'));
        r.instrument = "strengths";
        d.runs.push_back(r);
    }
    FieldRun alien = run("15_17", "completed", "12345");
    alien.version = 7;
    d.runs.push_back(alien);
    FieldRun bad = run("15_17", "completed", "1234"); // not 60 answers: does not fit v2
    d.runs.push_back(bad);
    const Report r = buildReport(d, both(), "2026-07-01");

    const VersionReport& small = version(r, "interest", 2);
    CHECK(small.malformed == 1);
    for (const auto& s : small.scales) {
        CHECK_FALSE(s.alpha);
        CHECK_FALSE(s.zeroVariance); // too few, which is another thing
        for (const auto& it : s.items) {
            CHECK(it.mean); // 12 answers: enough for a mean
            CHECK_FALSE(it.itemTotal);
            CHECK_FALSE(it.d);
            CHECK_FALSE(it.medianSeconds); // no times at all
        }
    }
    const VersionReport& flat = version(r, "strengths", 2);
    for (const auto& s : flat.scales) {
        CHECK_FALSE(s.alpha);
        CHECK(s.zeroVariance);
        for (const auto& it : s.items) {
            CHECK(*it.sd == 0);
            CHECK_FALSE(it.itemTotal);
        }
    }
    const VersionReport& v7 = version(r, "interest", 7);
    CHECK(v7.ins == nullptr);
    CHECK(v7.runs == 1);
    CHECK(v7.scales.empty());

    test::TempDir out;
    std::string err;
    REQUIRE(writeReportCsv(r, Lang::ru, out.str(), err));
    const std::string scales = slurp(out.str() + "/psy-scales.csv");
    CHECK_THAT(scales, Catch::Contains("interest,2,R,Практик,10,12,too_few,too_few,too_few"));
    CHECK_THAT(scales, Catch::Contains("strengths,2,teamwork,"));
    CHECK_THAT(scales, Catch::Contains(",no_variance,no_variance,no_variance,"));
    CHECK_THAT(slurp(out.str() + "/psy-sample.csv"), Catch::Contains("interest,7,no,1,"));
    auto cat = openCatalog();
    for (Lang l : kLangs) {
        const std::string pdf = out.str() + "/report-" + langCode(l) + ".pdf";
        REQUIRE(writeReportPdf(r, *cat, l, pdf, err));
        CHECK(slurp(pdf).rfind("%PDF", 0) == 0);
    }
    CHECK(writeNormsFiles(r, out.str(), err) == 0); // no band reached 200
}

TEST_CASE("report files: CSV rows per item, the flagged item marked, norms JSON, PDF in ky and ru") {
    const Report r = fieldReport();
    test::TempDir out;
    std::string err;
    REQUIRE(writeReportCsv(r, Lang::ky, out.str(), err));
    const std::string items = slurp(out.str() + "/psy-items.csv");
    CHECK(items.rfind("\xEF\xBB\xBFinstrument,version,position,item,", 0) == 0);
    // 60 + 60 + 48 + 48 item rows plus the header.
    CHECK(std::count(items.begin(), items.end(), '\n') == 217);
    size_t yes = 0;
    for (size_t p = items.find(",yes\r\n"); p != std::string::npos; p = items.find(",yes\r\n", p + 1)) ++yes;
    CHECK(yes == 1);
    CHECK_THAT(items, Catch::Contains("interest,2,20,I07,I,no,"));
    REQUIRE(writeNormsFiles(r, out.str(), err) >= 1);
    std::vector<content::Problem> ps;
    auto norms = parseNorms(slurp(out.str() + "/norms-interest-v2.json"), "norms-interest-v2.json", ps);
    REQUIRE(norms);
    CHECK(norms->source.kind == "simulated");
    CHECK(norms->source.mergedFile == "central.sqlite");
    auto cat = openCatalog();
    for (Lang l : kLangs) {
        const std::string pdf = out.str() + "/psychometrics-" + langCode(l) + ".pdf";
        REQUIRE(writeReportPdf(r, *cat, l, pdf, err));
        const std::string bytes = slurp(pdf);
        CHECK(bytes.rfind("%PDF", 0) == 0);
        CHECK(bytes.size() > 20000);
    }
}

TEST_CASE("a central file without the times column is read without times") {
    test::TempDir dir;
    const std::string old = dir.str() + "/old.sqlite";
    {
        store::Database db(old);
        sync::createExportSchema(db);
        db.exec("ALTER TABLE tests DROP COLUMN times");
        db.exec("INSERT INTO sessions(uuid, source, centre_id, week, day, lang) VALUES "
                "('11111111-1111-4111-8111-111111111111', 'k', 'C', '2026-W19', '2026-05-05', 'ky')");
        db.exec("INSERT INTO tests(uuid, instrument, version, state, answers) VALUES "
                "('11111111-1111-4111-8111-111111111111', 'interest', 1, 'completed', '" +
                std::string(60, '4') + "')");
    }
    // And a merged file without the column at all is read without times.
    {
        store::Database w(old);
        auto d = loadFieldData(w, "old.sqlite");
        CHECK_FALSE(d.timesColumn);
        CHECK(d.runs.size() == 1);
        CHECK(d.first == "2026-05-05");
        CHECK(d.simulatedSessions == 0);
    }
}
