#include <SDL.h>
#include <imgui_internal.h>
#include <set>

#include "driver.hpp"
#include "store/repo.hpp"

using namespace kesip;
using flow::ScreenId;

TEST_CASE("visit goes attract to language to home and switches language then idle warning and reset") {
    test::Driver d;
    CHECK(d.screen() == ScreenId::Attract);
    CHECK(d.shows("Кесип"));
    d.tap("attract_start");
    CHECK(d.screen() == ScreenId::Language);
    d.tap("choose_ru");
    CHECK(d.screen() == ScreenId::Home);
    CHECK(d.app().lang() == Lang::ru);
    CHECK(d.shows("Тест интересов"));
    REQUIRE(d.app().sessionId());
    const std::string sid = *d.app().sessionId();

    // Language switch keeps the place: open a section, switch, still there, now in Kyrgyz.
    d.tap("home_encyclopedia");
    CHECK(d.screen() == ScreenId::Encyclopedia);
    d.tap("lang_ky");
    CHECK(d.app().lang() == Lang::ky);
    CHECK(d.screen() == ScreenId::Encyclopedia);
    CHECK(d.shows("Кесиптер энциклопедиясы"));
    CHECK_FALSE(d.shows("Энциклопедия профессий"));
    CHECK(d.app().router().depth() == 2);
    store::SessionRepo repo(*d.app().db(), d.clock);
    CHECK(repo.get(sid)->lang == "ky");

    // 89 s of nothing: still fine. At 90 s: the warning, with a countdown.
    d.wait(89'000);
    CHECK_FALSE(d.app().idleWarningShown());
    d.wait(1'000);
    CHECK(d.app().idleWarningShown());
    CHECK(d.shows("20 секунддан"));
    d.wait(5'000);
    CHECK(d.shows("15 секунддан"));
    // A tap on a button under the overlay does nothing, and does not dismiss the warning.
    d.tap("nav_back");
    CHECK(d.screen() == ScreenId::Encyclopedia);
    CHECK(d.app().idleWarningShown());
    d.wait(15'000);

    // Reset: attract, Kyrgyz, no back stack, session closed as idle, nothing of the visitor reachable.
    CHECK(d.screen() == ScreenId::Attract);
    CHECK_FALSE(d.app().idleWarningShown());
    CHECK(d.app().lang() == Lang::ky);
    CHECK_FALSE(d.app().visitActive());
    CHECK(d.app().router().depth() == 1);
    CHECK_FALSE(d.has("nav_back"));
    auto row = repo.get(sid);
    CHECK(row->endReason == std::optional<std::string>("idle"));
    CHECK(row->endedAt);
    CHECK_FALSE(d.shows("Кесиптер энциклопедиясы"));
    d.wait(300'000); // no warnings on the attract screen
    CHECK_FALSE(d.app().idleWarningShown());
}

TEST_CASE("continue keeps the visit where it was") {
    test::Driver d;
    d.tap("attract_ky");
    d.tap("home_encyclopedia");
    REQUIRE(d.screen() == ScreenId::Encyclopedia);
    d.wait(91'000);
    REQUIRE(d.app().idleWarningShown());
    d.tap("idle_continue");
    CHECK_FALSE(d.app().idleWarningShown());
    CHECK(d.screen() == ScreenId::Encyclopedia);
    CHECK(d.app().visitActive());
    d.wait(60'000);
    CHECK_FALSE(d.app().idleWarningShown());
}

TEST_CASE("finish ends the visit and thanks then returns to attract") {
    test::Driver d;
    d.tap("attract_ru");
    const std::string sid = *d.app().sessionId();
    d.tap("home_finish");
    CHECK(d.screen() == ScreenId::Finish);
    CHECK(d.shows("Спасибо!"));
    CHECK_FALSE(d.app().visitActive());
    d.wait(16'000);
    CHECK(d.screen() == ScreenId::Attract);
    store::SessionRepo repo(*d.app().db(), d.clock);
    CHECK(repo.get(sid)->endReason == std::optional<std::string>("finished"));
}

TEST_CASE("back from home is not possible and back from language returns to attract") {
    test::Driver d;
    d.tap("attract_start");
    d.tap("nav_back");
    CHECK(d.screen() == ScreenId::Attract);
    d.tap("attract_ky");
    CHECK_FALSE(d.has("nav_back"));
    d.tap("home_strengths");
    d.tap("nav_back");
    CHECK(d.screen() == ScreenId::Home);
}

TEST_CASE("kiosk mode ignores quit requests") {
    test::Driver d;
    SDL_Event e{};
    e.type = SDL_QUIT;
    d.app().handleEvent(e);
    SDL_Event k{};
    k.type = SDL_KEYUP;
    k.key.keysym.sym = SDLK_ESCAPE;
    d.app().handleEvent(k);
    SDL_Event altF4{};
    altF4.type = SDL_KEYDOWN;
    altF4.key.keysym.sym = SDLK_F4;
    altF4.key.keysym.mod = KMOD_LALT;
    d.app().handleEvent(altF4);
    SDL_Event close{};
    close.type = SDL_WINDOWEVENT;
    close.window.event = SDL_WINDOWEVENT_CLOSE;
    d.app().handleEvent(close);
    CHECK_FALSE(d.app().quitRequested());
    // run() returns at once if quit was accepted; here it must keep going until the stop signal.
    CHECK(d.screen() == ScreenId::Attract);
    d.frames(2);
    CHECK(d.has("attract_start"));
}

TEST_CASE("every code point of every UI string has a glyph in the atlas") {
    test::Driver d;
    const ui::Fonts& f = d.app().ui().fonts;
    std::set<unsigned int> cps;
    for (const std::string& s : d.app().displayTexts()) {
        const char* p = s.c_str();
        const char* end = p + s.size();
        while (p < end) {
            unsigned int cp = 0;
            p += ImTextCharFromUtf8(&cp, p, end);
            if (cp != '\n') cps.insert(cp);
        }
    }
    CHECK(cps.size() > 150); // Latin, Cyrillic with ң ө ү, punctuation, symbols
    for (unsigned int cp : cps)
        for (ImFont* font : {f.body, f.bold, f.heading, f.large, f.title}) {
            INFO("U+" << std::hex << cp);
            CHECK(font->FindGlyphNoFallback(ImWchar(cp)) != nullptr);
        }
}

TEST_CASE("tap targets are big enough for fingers on every shell screen") {
    // UX.md: any target >= 10 mm (~44 px at 1080p)
    for (Lang l : kLangs) {
        test::Driver d;
        auto check = [&] {
            for (const auto& it : d.app().ui().items()) {
                INFO(it.key << " on " << flow::screenName(d.screen()));
                CHECK(it.max.y - it.min.y >= 44.f);
                CHECK(it.max.x - it.min.x >= 44.f);
            }
        };
        check();
        d.tap("attract_start");
        check();
        d.tap(l == Lang::ky ? "choose_ky" : "choose_ru");
        check();
        d.tap("home_interest");
        check();
    }
}
