// Instrument versions (issue 13): v2 of both tests replaces items with new ids; every version stays
// installed; a run stored with v1 still scores and shows its own items; the validator keeps versions
// apart (numbers, item ids, scales).
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>

#include "assess/runner.hpp"
#include "assess/versions.hpp"
#include "helpers.hpp"
#include "review/review.hpp"
#include "store/access.hpp"
#include "store/local_store.hpp"
#include "store/repo.hpp"
#include "store/runs.hpp"
#include "sync/keys.hpp"

using namespace kesip;
using namespace kesip::assess;
namespace fs = std::filesystem;
using nlohmann::json;

namespace {

std::string dump(const std::vector<content::Problem>& ps) {
    std::string s;
    for (auto& p : ps) s += p.str() + "\n";
    return s;
}

Instrument shipped(const char* id) {
    std::vector<content::Problem> ps;
    auto ins = loadInstrumentVersions(test::sourceDir() + "/assets/instruments", id,
                                      std::string(id) == "interest" ? interestSpec() : strengthsSpec(), ps);
    INFO(dump(ps));
    REQUIRE(ins);
    return *ins;
}

std::set<std::string> ids(const Instrument& ins) {
    std::set<std::string> s;
    for (const auto& it : ins.items) s.insert(it.id);
    return s;
}

// An instruments dir in a temp folder: the shipped current interest file plus archive files made by
// editing the shipped v1 with `edit`.
struct Dir {
    test::TempDir tmp;
    json v1;
    Dir() {
        fs::create_directories(tmp.path / "archive");
        fs::copy_file(test::sourceDir() + "/assets/instruments/interest.json", tmp.path / "interest.json");
        std::ifstream(test::sourceDir() + "/assets/instruments/archive/interest-v1.json") >> v1;
    }
    void archive(const std::string& name, const json& j) {
        std::ofstream(tmp.path / "archive" / name) << j.dump(2);
    }
    std::optional<Instrument> load(std::vector<content::Problem>& ps) {
        return loadInstrumentVersions(tmp.str(), "interest", interestSpec(), ps);
    }
};

} // namespace

TEST_CASE("shipped instruments: v2 current, v1 archived, changed items under new ids") {
    const Instrument interest = shipped("interest"), strengths = shipped("strengths");
    REQUIRE(interest.version == 2);
    REQUIRE(strengths.version == 2);
    REQUIRE(interest.older.size() == 1);
    REQUIRE(strengths.older.size() == 1);
    const Instrument& i1 = *interest.atVersion(1);
    const Instrument& s1 = *strengths.atVersion(1);
    CHECK(i1.version == 1);
    CHECK(interest.atVersion(3) == nullptr);

    // The reviewed replacements (review-changes.md): the old id is gone from v2, the new one absent from v1.
    const std::pair<const char*, const char*> interestSwaps[] = {
        {"R03", "R11"}, {"R06", "R12"}, {"C09", "C11"}, {"E05", "E11"}, {"E06", "E12"},
        {"C07", "C12"}, {"E04", "E13"}, {"A03", "A11"}, {"S06", "S11"}, {"S01", "S12"},
        {"R01", "R13"}, {"R05", "R14"}, {"R08", "R15"}, {"R09", "R16"}};
    for (auto [old, now] : interestSwaps) {
        INFO(old << " -> " << now);
        CHECK(ids(i1).count(old));
        CHECK_FALSE(ids(interest).count(old));
        CHECK(ids(interest).count(now));
        CHECK_FALSE(ids(i1).count(now));
        // Same slot: the presentation order (and its mixing of scales) is kept.
        CHECK(i1.itemIndex(old) == interest.itemIndex(now));
    }
    const std::pair<const char*, const char*> strengthsSwaps[] = {
        {"stress_resistance_4", "stress_resistance_5"},
        {"creativity_2", "creativity_5"},
        {"creativity_3", "creativity_6"},
        {"independence_1", "independence_5"},
        {"independence_2", "independence_6"},
        {"independence_4", "independence_7"},
        {"helpfulness_2", "helpfulness_5"},
        {"learning_2", "learning_5"},
        {"communication_3", "communication_5"},
        {"initiative_2", "initiative_5"},
        {"responsibility_4", "responsibility_5"},
        {"teamwork_2", "teamwork_5"},
        {"stress_resistance_1", "stress_resistance_6"},
        {"creativity_4", "creativity_7"},
        {"learning_3", "learning_6"},
        {"initiative_4", "initiative_6"}};
    for (auto [old, now] : strengthsSwaps) {
        INFO(old << " -> " << now);
        REQUIRE(s1.itemIndex(old) >= 0);
        REQUIRE(strengths.itemIndex(now) >= 0);
        CHECK(strengths.itemIndex(old) < 0);
        CHECK(s1.itemIndex(old) == strengths.itemIndex(now));
        // Keying kept: the reverse-keyed count per competence stays as the spec wants.
        CHECK(s1.items[size_t(s1.itemIndex(old))].reverse ==
              strengths.items[size_t(strengths.itemIndex(now))].reverse);
    }
    // Everything else is unchanged: 46 of 60 interest and 32 of 48 strengths items keep id and text.
    int kept = 0;
    for (const auto& it : interest.items) kept += i1.itemIndex(it.id) >= 0;
    CHECK(kept == 46);
    kept = 0;
    for (const auto& it : strengths.items) kept += s1.itemIndex(it.id) >= 0;
    CHECK(kept == 32);
    // The typo fix and the school-free wording (spot checks of the texts themselves).
    CHECK_THAT(strengths.items[size_t(strengths.itemIndex("stress_resistance_5"))].text.ky,
               Catch::Contains("баштаарымды"));
    CHECK_THAT(strengths.items[size_t(strengths.itemIndex("independence_5"))].text.ru,
               Catch::Contains("на учёбе или на работе"));
    CHECK_THAT(interest.items[size_t(interest.itemIndex("R11"))].text.ky, Catch::Contains("Кыш"));
    // The interest test carries O*NET's kind of instruction, in both languages; v1 had none.
    CHECK_THAT(interest.instruction.ru, Catch::Contains("о зарплате"));
    CHECK_FALSE(interest.instruction.ky.empty());
    CHECK(i1.instruction.ky.empty());
}

TEST_CASE("shipped interest v2: 10 items per scale, no two of one scale adjacent, R balance by content") {
    const Instrument interest = shipped("interest");
    std::map<std::string, int> perScale;
    for (size_t i = 0; i < interest.items.size(); ++i) {
        ++perScale[interest.items[i].scale];
        if (i) CHECK(interest.items[i].scale != interest.items[i - 1].scale);
    }
    for (auto& [s, n] : perScale) CHECK(n == 10);
    // The four male-typed R items of v1 (motorcycle, shelf, welding, tractor) are gone.
    for (const char* gone : {"мотоцикл", "сварива", "трактор", "полку"}) {
        for (const auto& it : interest.items) {
            std::string ru = it.text.ru;
            INFO(it.id << ": " << ru);
            CHECK(ru.find(gone) == std::string::npos);
        }
    }
}

TEST_CASE("a v1 run stored before v2 shipped still scores and shows its own items") {
    const Instrument interest = shipped("interest"), strengths = shipped("strengths");
    const Instrument& v1 = *interest.atVersion(1);
    test::TempDir dir;
    auto st = store::openLocalStore(dir.str());
    REQUIRE(st.db);
    FakeClock clock;
    store::SessionRepo sessions(*st.db, clock);
    store::RunRepo runs(*st.db, clock);
    auto s = sessions.begin(Lang::ru, "V1V1V1");
    // Taken with v1: E06 (haggling) and the old R items answered 5, everything else 1.
    runs.start(s.id, "interest", 1);
    Runner run(v1);
    run.showItem(0);
    int64_t t = 0;
    while (!run.finished()) {
        const Item& it = run.current();
        const int value = it.scale == "R" || it.id == "E06" ? 5 : 1;
        const Response r = run.answer(value, t += 3000);
        runs.saveAnswer(s.id, "interest", r, score(v1, run.responses()), packAnswers(v1, run.responses()),
                        packTimes(v1, run.responses()));
    }
    runs.complete(s.id, "interest");
    sessions.end(s.id, "finished");

    // Later the kiosk runs with v2 current: the counselor opens the visit.
    store::AccessControl ac(*st.db, clock);
    REQUIRE(ac.setPin(store::Grant::commandLine(), store::Role::Counselor, "135790"));
    const store::Grant counselor = *ac.verify(store::Role::Counselor, "135790").grant;
    auto v = review::loadVisit(*st.db, counselor, "V1V1V1", 30, clock, sync::makeKioskKey(), &interest,
                               &strengths, nullptr);
    REQUIRE(v);
    REQUIRE(v->tests.count("interest"));
    const review::TestReview& tr = v->tests.at("interest");
    REQUIRE(tr.ins);
    CHECK(tr.ins->version == 1); // not the current v2: its items and order
    // The items shown are v1's: E06 with its v1 text, the stored answer beside it.
    const int e06 = tr.ins->itemIndex("E06");
    REQUIRE(e06 >= 0);
    CHECK(tr.ins->items[size_t(e06)].text.ru == "Торговаться, чтобы купить товар дешевле");
    // Scored with v1: all ten R items count (with v2, six of them would be unknown ids and R would rest
    // on four answers).
    const int r = tr.ins->scaleIndex("R");
    CHECK(tr.result.scales[size_t(r)].answered == 10);
    CHECK(tr.result.scales[size_t(r)].percent == Approx(100));
    CHECK(score(interest, tr.responses).scales[size_t(r)].answered == 4);
    // The stored times are packed in v1's order, one per item.
    CHECK(st.db->queryText("SELECT times FROM test_runs") == packTimes(v1, tr.responses));
}

TEST_CASE("a run of a version this kiosk does not have is not scored with another version") {
    const Instrument interest = shipped("interest");
    test::TempDir dir;
    auto st = store::openLocalStore(dir.str());
    REQUIRE(st.db);
    FakeClock clock;
    store::SessionRepo sessions(*st.db, clock);
    store::RunRepo runs(*st.db, clock);
    auto s = sessions.begin(Lang::ky, "V9V9V9");
    runs.start(s.id, "interest", 9);
    store::AccessControl ac(*st.db, clock);
    REQUIRE(ac.setPin(store::Grant::commandLine(), store::Role::Counselor, "135790"));
    const store::Grant counselor = *ac.verify(store::Role::Counselor, "135790").grant;
    auto v = review::loadVisit(*st.db, counselor, "V9V9V9", 30, clock, sync::makeKioskKey(), &interest,
                               nullptr, nullptr);
    REQUIRE(v);
    CHECK(v->tests.count("interest") == 0);
}

TEST_CASE("version validator: duplicate numbers, reused ids with new text, scale changes are refused") {
    std::vector<content::Problem> ps;
    SECTION("the shipped layout loads") {
        Dir d;
        d.archive("interest-v1.json", d.v1);
        auto ins = d.load(ps);
        INFO(dump(ps));
        REQUIRE(ins);
        CHECK(ins->older.size() == 1);
    }
    SECTION("two files with the same version number") {
        Dir d;
        json twin = d.v1;
        twin["version"] = 2;
        d.archive("interest-v2.json", twin);
        CHECK_FALSE(d.load(ps));
        CHECK_THAT(dump(ps), Catch::Contains("version 2 appears twice"));
    }
    SECTION("an archived version newer than the current one") {
        Dir d;
        json later = d.v1;
        later["version"] = 5;
        d.archive("interest-v5.json", later);
        CHECK_FALSE(d.load(ps));
        CHECK_THAT(dump(ps), Catch::Contains("is not older than the current version 2"));
    }
    SECTION("an item id reused with a different text") {
        Dir d;
        json v1 = d.v1;
        for (auto& it : v1["items"])
            if (it["id"] == "I01") it["text"]["ru"] = "Проверять воду в реке";
        d.archive("interest-v1.json", v1);
        CHECK_FALSE(d.load(ps));
        CHECK_THAT(dump(ps), Catch::Contains("I01: item id reused with a different text"));
        CHECK_THAT(dump(ps), Catch::Contains("needs a new id"));
    }
    SECTION("an item id reused on another scale") {
        Dir d;
        json v1 = d.v1;
        // Swap the scales of two items of the same text: the ids now mean other scales.
        for (auto& it : v1["items"]) {
            if (it["id"] == "I01") it["scale"] = "C";
            if (it["id"] == "C01") it["scale"] = "I";
        }
        d.archive("interest-v1.json", v1);
        CHECK_FALSE(d.load(ps));
        CHECK_THAT(dump(ps), Catch::Contains("reused with a different scale or keying"));
    }
    SECTION("a file name that does not match its version") {
        Dir d;
        d.archive("interest-v3.json", d.v1); // says version 1 inside
        CHECK_FALSE(d.load(ps));
        CHECK_THAT(dump(ps), Catch::Contains("file name says version 3, the file says 1"));
    }
    SECTION("an archived file named otherwise") {
        Dir d;
        d.archive("interest-old.json", d.v1);
        CHECK_FALSE(d.load(ps));
        CHECK_THAT(dump(ps), Catch::Contains("archived versions are named interest-v<N>.json"));
    }
    SECTION("a broken archived file refuses the whole instrument") {
        Dir d;
        json v1 = d.v1;
        v1["items"].erase(0);
        d.archive("interest-v1.json", v1);
        CHECK_FALSE(d.load(ps));
        CHECK_THAT(dump(ps), Catch::Contains("interest-v1.json"));
        CHECK_THAT(dump(ps), Catch::Contains("unbalanced"));
    }
    SECTION("scales differ between versions") {
        // Built in code: the spec would refuse other scale ids in a file anyway.
        Instrument a, b;
        a.id = b.id = "x";
        a.version = 1;
        b.version = 2;
        for (int v = 1; v <= 4; ++v) a.answers.push_back({v, "", {}});
        b.answers = a.answers;
        a.scales = {{"p", {}, {}, {}, {}}, {"q", {}, {}, {}, {}}};
        b.scales = {{"q", {}, {}, {}, {}}, {"p", {}, {}, {}, {}}};
        checkVersions({{&a, "x-v1.json", ""}, {&b, "x.json", ""}}, ps);
        CHECK_THAT(dump(ps), Catch::Contains("scales differ from the current version (q p)"));
    }
}

TEST_CASE("response times are packed coarsely in item order and read back") {
    const Instrument interest = shipped("interest");
    std::vector<Response> rs = {{interest.items[0].id, 3, 2340},  // 2.34 s -> 23 tenths
                                {interest.items[2].id, {}, 49},   // skipped after 0.049 s -> 0
                                {interest.items[1].id, 5, 95000}, // 95 s -> capped at 60 s
                                {"not-an-item", 1, 1000}};
    const std::string packed = packTimes(interest, rs);
    CHECK(packed.substr(0, 10) == "23,600,0,,");
    CHECK(std::count(packed.begin(), packed.end(), ',') == 59);
    auto back = unpackTimes(packed, interest.items.size());
    REQUIRE(back.size() == 60);
    CHECK(*back[0] == Approx(2.3));
    CHECK(*back[1] == Approx(60.0));
    CHECK(*back[2] == Approx(0.0));
    CHECK_FALSE(back[3]);
    // Garbage never throws: short, long or non-numeric input leaves gaps.
    auto junk = unpackTimes("x,12345,7", 5);
    CHECK_FALSE(junk[0]);
    CHECK_FALSE(junk[1]);
    CHECK(*junk[2] == Approx(0.7));
    CHECK_FALSE(junk[4]);
}
