// Norms in content packs (issue 13): only from field data, only for instrument versions the kiosk has,
// recorded with their source; refused with a clear reason otherwise.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>

#include "assess/versions.hpp"
#include "helpers.hpp"
#include "l10n/catalog.hpp"
#include "psychometrics/norms.hpp"
#include "store/access.hpp"
#include "sync/content_pack.hpp"

using namespace kesip;
using namespace kesip::psychometrics;
namespace fs = std::filesystem;

namespace {

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

NormsTable valid(int version = 2) {
    NormsTable t;
    t.instrument = "interest";
    t.version = version;
    t.source = {"field", "central-2027-06.sqlite", 1840, "2027-01-10", "2027-06-28", "2027-07-01"};
    NormBand b{"15_17", 412, {}};
    for (const char* s : {"R", "I", "A", "S", "E", "C"})
        b.scales[s] = {{0, 1.5}, {50, 48.0}, {97.5, 97.0}, {100, 99.5}};
    t.bands.push_back(b);
    return t;
}

std::string dump(const std::vector<content::Problem>& ps) {
    std::string s;
    for (auto& p : ps) s += p.str() + "\n";
    return s;
}

// A copy of the compiled content database with these norms added.
std::string contentWith(const test::TempDir& dir, const std::vector<NormsTable>& norms, const char* name) {
    const std::string path = dir.str() + "/" + name;
    fs::copy_file(executableDir() + "/content.sqlite", path, fs::copy_options::overwrite_existing);
    std::string err;
    REQUIRE(addNormsToContentDb(path, norms, err));
    return path;
}

} // namespace

TEST_CASE("norms JSON round trip and the percentile of a score") {
    const NormsTable t = valid();
    std::vector<content::Problem> ps;
    auto back = parseNorms(normsToJson(t), "n.json", ps);
    INFO(dump(ps));
    REQUIRE(back);
    CHECK(back->instrument == "interest");
    CHECK(back->version == 2);
    CHECK(back->source.mergedFile == "central-2027-06.sqlite");
    CHECK(back->source.runs == 1840);
    CHECK(back->bands.at(0).scales.at("S") == t.bands[0].scales.at("S"));
    CHECK(*percentileOf(t, "15_17", "S", 50) == 48);
    CHECK(*percentileOf(t, "15_17", "S", 52.5) == 48); // between attained scores: the nearest
    CHECK(*percentileOf(t, "15_17", "S", 99) == 99);   // 99.5 would round to 100: kept at 99
    CHECK(*percentileOf(t, "15_17", "S", 0) == 2);
    CHECK_FALSE(percentileOf(t, "18_20", "S", 50)); // no norms for that band
    CHECK_FALSE(percentileOf(t, "15_17", "Q", 50));
    // The visitor's run picks norms of exactly its version; an unknown band gives nothing.
    const auto p =
        percentilesFor({t}, *family("interest").atVersion(2), {0, 50, 0, 100, 0, 0}, std::string("15_17"));
    CHECK(*p[1] == 48);
    CHECK(*p[3] == 99);
    CHECK_FALSE(percentilesFor({t}, *family("interest").atVersion(1), {0, 50, 0, 100, 0, 0},
                               std::string("15_17"))[1]);
    CHECK_FALSE(
        percentilesFor({t}, *family("interest").atVersion(2), {0, 50, 0, 100, 0, 0}, std::string("na"))[1]);
    CHECK_FALSE(
        percentilesFor({t}, *family("interest").atVersion(2), {0, 50, 0, 100, 0, 0}, std::nullopt)[1]);
}

TEST_CASE("norms check: simulated, unknown versions, small bands and missing sources are refused") {
    std::vector<content::Problem> ps;
    checkNorms(valid(), both(), "ok.json", ps);
    INFO(dump(ps));
    CHECK(ps.empty());
    checkNorms(valid(1), both(), "v1.json", ps); // an archived version is a known version
    CHECK(ps.empty());

    NormsTable sim = valid();
    sim.source.kind = "simulated";
    checkNorms(sim, both(), "sim.json", ps);
    CHECK_THAT(dump(ps),
               Catch::Contains("sim.json: interest v2: norms made from simulated data are refused"));
    ps.clear();
    checkNorms(valid(9), both(), "v9.json", ps);
    CHECK_THAT(dump(ps), Catch::Contains("interest v9: no such instrument version"));
    ps.clear();
    NormsTable small = valid();
    small.bands[0].runs = 199;
    checkNorms(small, both(), "small.json", ps);
    CHECK_THAT(dump(ps), Catch::Contains("has 199 runs, fewer than 200"));
    ps.clear();
    NormsTable anon = valid();
    anon.source.mergedFile.clear();
    checkNorms(anon, both(), "anon.json", ps);
    CHECK_THAT(dump(ps), Catch::Contains("source must name the merged file"));
    ps.clear();
    NormsTable order = valid();
    order.bands[0].scales["R"] = {{50, 60}, {40, 70}};
    order.bands[0].scales.erase("C");
    checkNorms(order, both(), "order.json", ps);
    CHECK_THAT(dump(ps), Catch::Contains("scores and ranks must rise"));
    CHECK_THAT(dump(ps), Catch::Contains("lacks scales"));
}

TEST_CASE("the compiler's norms step: assets/norms files checked, simulated ones refused") {
    test::TempDir dir;
    std::vector<content::Problem> ps;
    CHECK(loadNormsDir(dir.str() + "/none", both(), ps).empty()); // no norms yet: fine
    CHECK(ps.empty());
    std::ofstream(dir.path / "interest-v2.json") << normsToJson(valid());
    NormsTable sim = valid();
    sim.instrument = "strengths";
    sim.source.kind = "simulated";
    sim.bands[0].scales.clear();
    for (const auto& s : family("strengths").scales) sim.bands[0].scales[s.id] = {{0, 10}, {100, 90}};
    std::ofstream(dir.path / "strengths-v2.json") << normsToJson(sim);
    std::ofstream(dir.path / "broken.json") << "{\"instrument\": 3}";
    auto loaded = loadNormsDir(dir.str(), both(), ps);
    REQUIRE(loaded.size() == 1);
    CHECK(loaded[0].instrument == "interest");
    CHECK_THAT(dump(ps), Catch::Contains(
                             "strengths-v2.json: strengths v2: norms made from simulated data are refused"));
    CHECK_THAT(dump(ps), Catch::Contains("broken.json: not a norms file"));
}

TEST_CASE("norms in the content database: written with their source, read back, judged for a pack") {
    test::TempDir dir;
    const std::string ok = contentWith(dir, {valid()}, "ok.sqlite");
    {
        store::Database db(ok, store::Database::Mode::ReadOnly);
        auto t = readNormsTables(db);
        REQUIRE(t.size() == 1);
        CHECK(t[0].source.kind == "field");
        CHECK(t[0].source.first == "2027-01-10");
        CHECK(t[0].bands.at(0).runs == 412);
        CHECK(t[0].bands.at(0).scales.at("E") == valid().bands[0].scales.at("E"));
    }
    std::string why;
    CHECK(checkContentNorms(ok, both(), why) == NormsVerdict::Ok);
    CHECK(checkContentNorms(executableDir() + "/content.sqlite", both(), why) == NormsVerdict::Ok); // none
    NormsTable sim = valid();
    sim.source.kind = "simulated";
    CHECK(checkContentNorms(contentWith(dir, {sim}, "sim.sqlite"), both(), why) == NormsVerdict::Simulated);
    CHECK_THAT(why, Catch::Contains("simulated"));
    CHECK(checkContentNorms(contentWith(dir, {valid(9)}, "v9.sqlite"), both(), why) ==
          NormsVerdict::UnknownVersion);
    CHECK_THAT(why, Catch::Contains("interest v9"));
    // The kiosk keeps the fitting tables and reports the others.
    std::vector<content::Problem> ps;
    CHECK(loadContentNorms(ok, both(), ps).size() == 1);
    CHECK(loadContentNorms(dir.str() + "/v9.sqlite", both(), ps).empty());
    CHECK_FALSE(ps.empty());
}

TEST_CASE("a content pack whose norms name an unknown instrument version is refused, localized") {
    test::TempDir dir, stick, data;
    const std::string pack = stick.str() + "/kesip/content-pack";
    fs::create_directories(pack);
    std::string pub, sec, err;
    REQUIRE(sync::generateSigningKeys(pub, sec));
    auto install = [&](const std::vector<NormsTable>& norms) {
        fs::copy_file(contentWith(dir, norms, "pack.sqlite"), pack + "/content.sqlite",
                      fs::copy_options::overwrite_existing);
        REQUIRE(sync::signFile(pack + "/content.sqlite", sec, pack + "/content.sqlite.sig", err));
        return sync::installContentPack(store::Grant::commandLine(), stick.str(), data.str(), pub,
                                        64ull << 20, {}, both());
    };
    auto r = install({valid(9)});
    CHECK(r.error == sync::PackError::NormsUnknownVersion);
    CHECK_THAT(r.detail, Catch::Contains("interest v9"));
    CHECK_FALSE(fs::exists(data.str() + "/content/content.sqlite")); // nothing swapped in
    NormsTable sim = valid();
    sim.source.kind = "simulated";
    CHECK(install({sim}).error == sync::PackError::NormsSimulated);
    CHECK_FALSE(fs::exists(data.str() + "/content/content.sqlite"));
    // Without knowing the kiosk's instruments, norms are never trusted.
    fs::copy_file(contentWith(dir, {valid()}, "pack.sqlite"), pack + "/content.sqlite",
                  fs::copy_options::overwrite_existing);
    REQUIRE(sync::signFile(pack + "/content.sqlite", sec, pack + "/content.sqlite.sig", err));
    CHECK(sync::installContentPack(store::Grant::commandLine(), stick.str(), data.str(), pub).error ==
          sync::PackError::NormsUnknownVersion);
    // Field norms of a version it has: installed.
    r = install({valid()});
    CHECK(r.error == sync::PackError::None);
    CHECK(fs::exists(data.str() + "/content/content.sqlite"));

    // The staff read why, in both languages.
    auto cat = l10n::Catalog::open(test::localeDir(), err);
    REQUIRE(cat);
    for (Lang l : kLangs)
        for (auto e : {sync::PackError::NormsUnknownVersion, sync::PackError::NormsSimulated}) {
            const std::string key = sync::packErrorKey(e);
            INFO(key);
            CHECK(cat->has(l, key));
            CHECK(cat->tr(l, key).find("pack_") == std::string::npos);
        }
    CHECK_THAT(cat->tr(Lang::ru, sync::packErrorKey(sync::PackError::NormsUnknownVersion)),
               Catch::Contains("версии теста"));
}
