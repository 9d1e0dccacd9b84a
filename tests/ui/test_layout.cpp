// Layout checks on every student screen, normal and large text, ky and ru: no text cut off at the side,
// no two texts on top of each other, no text half over a button, tap targets inside the window.
#include "driver.hpp"

using namespace kesip;
using flow::Route;
using flow::ScreenId;

namespace {

struct Box {
    float x0, y0, x1, y1;
};
float overlapArea(Box a, Box b) {
    const float w = std::min(a.x1, b.x1) - std::max(a.x0, b.x0),
                h = std::min(a.y1, b.y1) - std::max(a.y0, b.y0);
    return w > 0 && h > 0 ? w * h : 0;
}
bool inside(Box inner, Box outer, float slack = 1.f) {
    return inner.x0 >= outer.x0 - slack && inner.y0 >= outer.y0 - slack && inner.x1 <= outer.x1 + slack &&
           inner.y1 <= outer.y1 + slack;
}
Box visible(const ui::Ui::TextRect& t) {
    return {std::max(t.min.x, t.clipMin.x), std::max(t.min.y, t.clipMin.y), std::min(t.max.x, t.clipMax.x),
            std::min(t.max.y, t.clipMax.y)};
}

void checkLayout(test::Driver& d, const std::string& where) {
    const auto& ui = d.app().ui();
    const float W = 1920, H = 1080;
    for (const auto& it : ui.items()) {
        INFO(where << " item " << it.key);
        CHECK(it.rawMin.x >= -1);
        CHECK(it.rawMax.x <= W + 1);
        CHECK(it.max.y <= H + 1);
    }
    const auto& texts = ui.textRects();
    for (size_t i = 0; i < texts.size(); ++i) {
        const auto& t = texts[i];
        INFO(where << " text \"" << t.text.substr(0, 60) << "\"");
        // Sideways clipping is never intended (vertical clipping is scrolling).
        CHECK(t.min.x >= t.clipMin.x - 1);
        CHECK(t.max.x <= t.clipMax.x + 1);
        const Box a = visible(t);
        if (a.x1 <= a.x0 || a.y1 <= a.y0) continue;
        for (size_t j = i + 1; j < texts.size(); ++j) {
            const Box b = visible(texts[j]);
            INFO("overlaps \"" << texts[j].text.substr(0, 60) << "\"");
            CHECK(overlapArea(a, b) < 4.f);
        }
        for (const auto& it : ui.items()) {
            const Box ib{it.min.x, it.min.y, it.max.x, it.max.y};
            if (overlapArea(a, ib) < 4.f || inside(a, ib)) continue; // text inside its card is fine
            INFO("half over item " << it.key << " text " << a.x0 << "," << a.y0 << "-" << a.x1 << "," << a.y1
                                   << " item " << ib.x0 << "," << ib.y0 << "-" << ib.x1 << "," << ib.y1);
            CHECK(false);
        }
    }
}

const std::vector<Route>& studentScreens() {
    static const std::vector<Route> r = {{ScreenId::Attract, {}},
                                         {ScreenId::Language, {}},
                                         {ScreenId::Home, {}},
                                         {ScreenId::Demographics, "interest"},
                                         {ScreenId::Test, "interest"},
                                         {ScreenId::Test, "strengths"},
                                         {ScreenId::Results, "interest"},
                                         {ScreenId::Results, "strengths"},
                                         {ScreenId::Results, "occupations"},
                                         {ScreenId::Results, "takeaway"},
                                         {ScreenId::Encyclopedia, {}},
                                         {ScreenId::Field, "health"},
                                         {ScreenId::Occupation, "nurse"},
                                         {ScreenId::Search, ""},
                                         {ScreenId::Search, "мугалим"},
                                         {ScreenId::Finish, {}}};
    return r;
}

void allScreens(bool large) {
    for (Lang lang : kLangs) {
        test::Driver d;
        if (large) d.tap("a11y_large_text");
        REQUIRE(d.app().largeText() == large);
        for (const Route& r : studentScreens()) {
            d.app().setLanguageForTest(lang);
            d.app().prepareScreen(r);
            d.frames(3);
            REQUIRE(d.screen() == r.id);
            CHECK(d.app().largeText() == large);
            checkLayout(d, std::string(flow::screenName(r.id)) + ":" + r.param + " " + langCode(lang) +
                               (large ? " large" : ""));
        }
    }
}

} // namespace

TEST_CASE("every student screen lays out cleanly in ky and ru") {
    allScreens(false);
}
TEST_CASE("every student screen lays out cleanly with large text in ky and ru") {
    allScreens(true);
}

TEST_CASE("large text and high contrast reset with the visit") {
    test::Driver d;
    d.tap("attract_ky");
    d.tap("a11y_large_text");
    d.tap("a11y_contrast");
    CHECK(d.app().largeText());
    CHECK(d.app().highContrast());
    CHECK(d.app().ui().fonts.bodyPx > 30);
    d.wait(91'000);
    d.wait(21'000);
    CHECK(d.screen() == ScreenId::Attract);
    CHECK_FALSE(d.app().largeText());
    CHECK_FALSE(d.app().highContrast());
    CHECK(d.app().ui().fonts.bodyPx == 28);
}
