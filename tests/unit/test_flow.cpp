#include <catch2/catch.hpp>

#include "flow/idle.hpp"
#include "flow/router.hpp"
#include "util/color.hpp"

using namespace kesip;
using namespace kesip::flow;

TEST_CASE("router keeps a back stack and reset forgets it") {
    Router r;
    CHECK(r.current().id == ScreenId::Attract);
    r.reset({ScreenId::Home, {}});
    r.push({ScreenId::Field, "it"});
    r.push({ScreenId::Field, "it"}); // double tap
    CHECK(r.depth() == 2);
    CHECK(r.back());
    CHECK(r.current().id == ScreenId::Home);
    CHECK_FALSE(r.back());
    r.push({ScreenId::Occupation, "nurse"});
    r.reset({ScreenId::Attract, {}});
    CHECK(r.depth() == 1);
    CHECK_FALSE(r.back());
    CHECK(r.current().id == ScreenId::Attract);
}

TEST_CASE("route names parse for the command line") {
    Route r;
    CHECK(parseRoute("field:it", r));
    CHECK(r.id == ScreenId::Field);
    CHECK(r.param == "it");
    CHECK(parseRoute("search:", r));
    CHECK(r.id == ScreenId::Search);
    CHECK(r.param.empty());
    CHECK(parseRoute("home", r));
    CHECK(r.id == ScreenId::Home);
    CHECK_FALSE(parseRoute("nonsense", r));
    for (auto& n : screenNamesForHelp()) CHECK(parseRoute(n.substr(0, n.find(':')), r));
}

TEST_CASE("idle monitor warns after the idle limit and expires after the countdown") {
    IdleMonitor m({90'000, 180'000, 20'000});
    m.restart(0);
    CHECK(m.update(89'999, false) == IdleMonitor::Phase::Active);
    CHECK(m.msUntilNextChange(80'000, false) == 10'000);
    CHECK(m.update(90'000, false) == IdleMonitor::Phase::Warning);
    CHECK(m.warningRemainingMs(95'000) == 15'000);
    m.input(96'000); // a stray touch does not dismiss the warning
    CHECK(m.update(109'999, false) == IdleMonitor::Phase::Warning);
    CHECK(m.update(110'000, false) == IdleMonitor::Phase::Expired);
}

TEST_CASE("idle monitor continue dismisses and tests get a longer limit") {
    IdleMonitor m({90'000, 180'000, 20'000});
    m.restart(0);
    CHECK(m.update(100'000, true) == IdleMonitor::Phase::Active);
    CHECK(m.update(100'000, false) == IdleMonitor::Phase::Warning);
    m.dismiss(105'000);
    CHECK(m.update(194'000, false) == IdleMonitor::Phase::Active);
    m.input(150'000);
    CHECK(m.update(239'000, false) == IdleMonitor::Phase::Active);
}

TEST_CASE("contrast ratio follows WCAG") {
    CHECK(contrastRatio({0, 0, 0}, {255, 255, 255}) == Approx(21.0));
    CHECK(contrastRatio({255, 255, 255}, {255, 255, 255}) == Approx(1.0));
    CHECK(contrastRatio({0x76, 0x76, 0x76}, {255, 255, 255}) == Approx(4.54).margin(0.01));
}
