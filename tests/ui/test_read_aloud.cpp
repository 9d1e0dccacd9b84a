#include <cstdlib>

#include "driver.hpp"
#include "store/access.hpp"

using namespace kesip;
using flow::ScreenId;

TEST_CASE("read aloud on a test item stops on the next item and on navigation and on reset") {
    test::Driver d;
    REQUIRE(d.app().readAloudAvailable());
    CHECK_FALSE(d.has("a11y_speak")); // nothing to read on the attract screen
    d.tap("attract_ru");
    d.tap("home_strengths");
    for (int i = 0; i < 4; ++i) d.tap("demo_na");
    REQUIRE(d.screen() == ScreenId::Test);
    REQUIRE(d.has("a11y_speak"));
    const assess::Instrument* ins = d.app().instrument("strengths");
    // The item, then its options.
    CHECK(d.app().speakTextForTest().find(ins->items[0].text.ru) == 0);
    CHECK(d.app().speakTextForTest().find(ins->answers.back().label.ru) != std::string::npos);
    d.tap("a11y_speak");
    CHECK(d.app().speaking());
    d.tap("answer_2"); // next item: the old one is not read on
    CHECK_FALSE(d.app().speaking());
    d.tap("a11y_speak");
    CHECK(d.app().speaking());
    d.tap("a11y_speak"); // the same button stops it
    CHECK_FALSE(d.app().speaking());
    d.tap("a11y_speak");
    d.tap("nav_home");
    CHECK_FALSE(d.app().speaking());
    // Occupation pages read their title first.
    d.tap("home_encyclopedia");
    d.tap("field_health");
    for (int i = 0; i < 6 && !d.has("occ_nurse"); ++i) d.tap("field_list_down");
    d.tap("occ_nurse");
    REQUIRE(d.has("a11y_speak"));
    d.tap("a11y_speak");
    CHECK(d.app().speaking());
    d.wait(91'000);
    d.wait(21'000); // reset
    CHECK(d.screen() == ScreenId::Attract);
    CHECK_FALSE(d.app().speaking());
}

TEST_CASE("without an audio device the speaker buttons are hidden and staff see why") {
    ::setenv("SDL_AUDIODRIVER", "no-such-driver", 1);
    {
        test::Driver d;
        CHECK_FALSE(d.app().readAloudAvailable());
        d.tap("attract_ky");
        d.tap("home_encyclopedia");
        d.tap("field_it");
        // The field lists more rows than fit on one page: page down until the row is on screen.
        for (int i = 0; i < 6 && !d.has("occ_software_developer"); ++i) d.tap("field_list_down");
        d.tap("occ_software_developer");
        REQUIRE(d.screen() == ScreenId::Occupation);
        CHECK_FALSE(d.has("a11y_speak"));
        d.loginAsStaff();
        REQUIRE(d.screen() == ScreenId::Staff);
        CHECK(d.shows("Үн менен окуу өчүк"));
    }
    ::setenv("SDL_AUDIODRIVER", "dummy", 1);
}
