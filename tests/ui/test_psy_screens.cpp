// Issue 13 on the real screens: the interest test's instruction with its first item; "compared with others
// your age" on the results only where norms are installed and the visitor gave an age band.
#include <filesystem>

#include "driver.hpp"
#include "psychometrics/norms.hpp"

using namespace kesip;
using flow::ScreenId;
namespace fs = std::filesystem;

namespace {

// A resource dir like the build's, whose content database carries field norms for interest v2, 15-17.
struct NormedResources {
    test::TempDir dir;
    NormedResources() {
        for (const char* sub : {"locale", "instruments", "speech"})
            fs::copy(executableDir() + "/" + sub, dir.path / sub, fs::copy_options::recursive);
        fs::copy_file(executableDir() + "/content.sqlite", dir.path / "content.sqlite");
        psychometrics::NormsTable t;
        t.instrument = "interest";
        t.version = 2;
        t.source = {"field", "central-2027-06.sqlite", 1840, "2027-01-10", "2027-06-28", "2027-07-01"};
        psychometrics::NormBand b{"15_17", 412, {}};
        // Full marks (100 %) rank 90, anything from 75 % 60, lower 20.
        for (const char* s : {"R", "I", "A", "S", "E", "C"})
            b.scales[s] = {{0, 5}, {25, 20}, {75, 60}, {100, 90}};
        t.bands.push_back(b);
        std::string err;
        REQUIRE(psychometrics::addNormsToContentDb((dir.path / "content.sqlite").string(), {t}, err));
    }
};

void interestThrough(test::Driver& d, const char* age) {
    d.tap("attract_ru");
    d.tap("home_interest");
    REQUIRE(d.screen() == ScreenId::Demographics);
    d.tap(age);
    d.tap("demo_na");
    d.tap("demo_school_9");
    d.tap("demo_naryn");
    const assess::Instrument* ins = d.app().instrument("interest");
    for (size_t i = 0; i < ins->items.size(); ++i) {
        d.clock.advance(2000);
        d.tap(ins->items[i].scale == "S" ? "answer_5" : ins->items[i].scale == "A" ? "answer_4" : "answer_1");
    }
    REQUIRE(d.screen() == ScreenId::Results);
}

} // namespace

TEST_CASE("the interest instruction is shown with the first item, not later, in both languages") {
    for (Lang l : kLangs) {
        test::Driver d;
        d.tap(l == Lang::ky ? "attract_ky" : "attract_ru");
        d.tap("home_interest");
        d.tap("demo_15_17");
        d.tap("demo_na");
        d.tap("demo_school_9");
        d.tap("demo_naryn");
        REQUIRE(d.screen() == ScreenId::Test);
        const std::string instruction = d.app().instrument("interest")->instruction.get(l);
        REQUIRE_FALSE(instruction.empty());
        CHECK(d.shows(instruction));
        d.tap("answer_3");
        CHECK(d.shows("2 / 60"));
        CHECK_FALSE(d.shows(instruction));
        d.tap("nav_back"); // back on the first item: shown again
        CHECK(d.shows(instruction));
    }
}

TEST_CASE("results compare with others of the same age only with installed norms for that age") {
    const std::string line = "Среди сверстников примерно у ";
    SECTION("norms installed, age 15-17: a line per top type") {
        NormedResources res;
        test::Driver d(1920, 1080, 1.f, res.dir.str());
        REQUIRE(d.app().norms().size() == 1);
        interestThrough(d, "demo_15_17");
        CHECK(d.shows(line + "90 из 100")); // S: 100 %
        CHECK(d.shows(line + "60 из 100")); // A: 75 %
    }
    SECTION("norms installed, age not given: no line") {
        NormedResources res;
        test::Driver d(1920, 1080, 1.f, res.dir.str());
        interestThrough(d, "demo_na");
        CHECK_FALSE(d.shows(line));
    }
    SECTION("norms installed, another age band: no line") {
        NormedResources res;
        test::Driver d(1920, 1080, 1.f, res.dir.str());
        interestThrough(d, "demo_18_20");
        CHECK_FALSE(d.shows(line));
    }
    SECTION("no norms (the bundled content): no line") {
        test::Driver d;
        CHECK(d.app().norms().empty());
        interestThrough(d, "demo_15_17");
        CHECK_FALSE(d.shows(line));
    }
}
