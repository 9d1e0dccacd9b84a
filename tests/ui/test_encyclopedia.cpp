#include <fstream>

#include "driver.hpp"
#include "shots.hpp"

using namespace kesip;
using flow::ScreenId;

namespace {
// Types a word on the on-screen keyboard, key by key (keys are addressed by their letter).
void type(test::Driver& d, const std::vector<std::string>& keys) {
    for (const auto& k : keys) d.tap("key_" + k);
}
} // namespace

TEST_CASE("search by on-screen keyboard then open a result then a related occupation then back twice") {
    test::Driver d;
    d.tap("attract_ky");
    d.tap("home_encyclopedia");
    REQUIRE(d.screen() == ScreenId::Encyclopedia);
    d.tap("enc_search");
    REQUIRE(d.screen() == ScreenId::Search);
    // Kyrgyz layout: ң ө ү are main keys.
    CHECK(d.has("key_ң"));
    CHECK(d.has("key_ө"));
    CHECK(d.has("key_ү"));
    type(d, {"м", "е", "д", "а", "й"});
    CHECK(d.app().searchQuery() == "медай");
    CHECK(d.has("result_nurse"));
    d.tap("kb_backspace");
    CHECK(d.app().searchQuery() == "меда");
    // Latin layout: transliterated search.
    d.tap("kb_clear");
    d.tap("kb_layout_2");
    type(d, {"v", "e", "t", "e", "r"});
    CHECK(d.has("result_veterinarian"));
    d.tap("result_veterinarian");
    REQUIRE(d.screen() == ScreenId::Occupation);
    CHECK(d.app().router().current().param == "veterinarian");
    const catalog::Content* c = d.app().encyclopedia();
    const auto& vet = c->occupations[size_t(c->occupationIndex("veterinarian"))];
    CHECK(d.shows(vet.title.ky));
    REQUIRE_FALSE(vet.related.empty());
    // The related list is at the bottom of the page: page down until it is reachable.
    for (int i = 0; i < 6 && !d.has("rel_" + vet.related[0]); ++i) {
        d.tap("occ_page_down");
        d.frames(2); // the page moves over the next frames: tap where the link is, not where it was
    }
    d.tap("rel_" + vet.related[0]);
    CHECK(d.app().router().current().param == vet.related[0]);
    d.tap("nav_back");
    CHECK(d.app().router().current().param == "veterinarian");
    d.tap("nav_back");
    CHECK(d.screen() == ScreenId::Search);
    CHECK(d.app().searchQuery() == "veter"); // the query is kept while browsing
}

TEST_CASE("browse a field list sorted by collation and switch language on an occupation page") {
    test::Driver d;
    d.tap("attract_ru");
    d.tap("home_encyclopedia");
    d.tap("field_health");
    REQUIRE(d.screen() == ScreenId::Field);
    const catalog::Content* c = d.app().encyclopedia();
    std::vector<int> occ = c->occupationsOfField("health");
    catalog::sortByTitle(*c, occ, Lang::ru);
    const auto& first = c->occupations[size_t(occ[0])];
    d.tap("occ_" + first.id);
    CHECK(d.shows(first.title.ru));
    d.tap("lang_ky");
    CHECK(d.screen() == ScreenId::Occupation);
    CHECK(d.shows(first.title.ky));
}

TEST_CASE("a nothing-found query suggests words and the browse button") {
    test::Driver d;
    d.tap("attract_ru");
    d.tap("home_encyclopedia");
    d.tap("enc_search");
    d.tap("kb_layout_1");
    for (const char* k : {"щ", "щ", "щ", "щ", "щ", "щ"}) d.tap(std::string("key_") + k);
    CHECK(d.shows("Ничего не найдено."));
    d.tap("search_browse");
    CHECK(d.screen() == ScreenId::Encyclopedia);
}

TEST_CASE("from a finished interest test open a matched occupation") {
    test::Driver d;
    d.tap("attract_ru");
    d.tap("home_interest");
    for (const char* k : {"demo_na", "demo_na", "demo_na", "demo_na"}) d.tap(k);
    const assess::Instrument* ins = d.app().instrument("interest");
    for (const auto& it : ins->items) {
        d.clock.advance(2500);
        d.tap(it.scale == "R" ? "answer_5" : it.scale == "I" ? "answer_4" : "answer_1");
    }
    REQUIRE(d.screen() == ScreenId::Results);
    d.tap("tab_occupations");
    const catalog::Content* c = d.app().encyclopedia();
    std::string first;
    for (const auto& item : d.app().ui().items())
        if (item.key.rfind("match_", 0) == 0 && item.key.rfind("match_field_", 0) != 0) {
            first = item.key.substr(6);
            break;
        }
    REQUIRE_FALSE(first.empty());
    const auto& o = c->occupations[size_t(c->occupationIndex(first))];
    CHECK(o.riasec[0] == 'R');
    CHECK(d.shows("Потому что тебе нравится: " + ins->scales[0].likes.ru));
    d.tap("match_" + first);
    CHECK(d.screen() == ScreenId::Occupation);
    CHECK(d.shows(o.title.ru));
}

TEST_CASE("a corrupt content database shows a maintenance note and the tests still work") {
    test::TempDir res;
    std::filesystem::copy(executableDir() + "/locale", res.path / "locale");
    std::filesystem::copy(executableDir() + "/instruments", res.path / "instruments");
    { std::ofstream(res.path / "content.sqlite") << std::string(8192, '\x42'); }
    test::Driver d(1920, 1080, 1.f, res.str());
    CHECK_FALSE(d.app().encyclopedia());
    CHECK_FALSE(d.app().encyclopediaError().empty());
    d.tap("attract_ky");
    d.tap("home_encyclopedia");
    CHECK(d.shows("Энциклопедия азыр иштебейт"));
    d.tap("nav_home");
    d.tap("home_interest");
    CHECK(d.screen() == ScreenId::Demographics);
}

TEST_CASE("encyclopedia screenshots in ky and ru") {
    test::screenshotsLookRight({"encyclopedia", "field:health", "occupation:nurse",
                                "search:", "search:ветеринар", "results:occupations"});
}
