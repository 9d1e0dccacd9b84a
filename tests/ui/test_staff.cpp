#include <filesystem>
#include <fstream>

#include "driver.hpp"
#include "shots.hpp"
#include "store/access.hpp"
#include "sync/export.hpp"

using namespace kesip;
using flow::ScreenId;

namespace {
void setPins(test::Driver& d) {
    store::AccessControl ac(*d.app().db(), d.clock);
    REQUIRE(ac.setPin(store::Role::Staff, "2468", "staff"));
    REQUIRE(ac.setPin(store::Role::Counselor, "1357", "staff"));
}
} // namespace

TEST_CASE("hidden entry opens the PIN pad only after a 3 second hold") {
    test::Driver d;
    setPins(d);
    d.hold("logo", 1500);
    CHECK(d.screen() == ScreenId::Attract);
    d.hold("logo", 3200);
    CHECK(d.screen() == ScreenId::Pin);
    d.typePin("2468");
    CHECK(d.screen() == ScreenId::Staff);
    CHECK(d.app().staffRole() == std::optional<store::Role>(store::Role::Staff));
    // 3 minutes idle: logged out, back to the attract screen.
    d.wait(179'000);
    CHECK(d.screen() == ScreenId::Staff);
    d.wait(2'000);
    CHECK(d.screen() == ScreenId::Attract);
    CHECK_FALSE(d.app().staffMode());
    CHECK(d.app().db()->queryInt("SELECT count(*) FROM audit WHERE action='logout_idle'") == 1);
}

TEST_CASE("PIN lockout after five wrong attempts persists across a restart") {
    test::TempDir data;
    {
        test::Driver d(1920, 1080, 1.f, {}, data.str());
        setPins(d);
        d.hold("logo", 3200);
        for (int i = 0; i < 4; ++i) {
            d.typePin("0000");
            CHECK(d.screen() == ScreenId::Pin);
        }
        CHECK(d.shows("1 аракет калды"));
        d.typePin("0000");
        CHECK(d.shows("5 мүнөткө"));
        d.typePin("2468"); // the right PIN does not help while locked
        CHECK(d.screen() == ScreenId::Pin);
    }
    {
        test::Driver d(1920, 1080, 1.f, {}, data.str()); // restart
        d.clock.advance(60'000);
        d.hold("logo", 3200);
        CHECK(d.shows("мүнөткө"));
        d.typePin("2468");
        CHECK(d.screen() == ScreenId::Pin);
    }
}

TEST_CASE("first run sets the staff PIN on the kiosk") {
    test::Driver d;
    d.hold("logo", 3200);
    REQUIRE(d.screen() == ScreenId::Pin);
    CHECK(d.shows("Кызматкердин жаңы PIN-кодун коюңуз"));
    d.typePin("9753");
    d.typePin("9999"); // mismatch
    CHECK(d.shows("Коддор дал келген жок"));
    d.typePin("9753");
    d.typePin("9753");
    CHECK(d.screen() == ScreenId::Staff);
    store::AccessControl ac(*d.app().db(), d.clock);
    CHECK(ac.hasPin(store::Role::Staff));
    CHECK(d.app().db()->queryText("SELECT value FROM settings WHERE key='staff_pin_hash'").find("9753") ==
          std::string::npos);
}

TEST_CASE("counselor opens a completed visit by its code") {
    test::Driver d;
    setPins(d);
    d.tap("attract_ru");
    d.tap("home_interest");
    for (int i = 0; i < 4; ++i) d.tap("demo_na");
    for (const auto& it : d.app().instrument("interest")->items) {
        d.clock.advance(2200);
        d.tap(it.scale == "A" ? "answer_5" : "answer_2");
    }
    const std::string code = *d.app().sessionCode();
    d.tap("nav_home");
    d.tap("home_finish");
    d.tap("finish_done");
    d.hold("logo", 3200);
    d.typePin("1357");
    REQUIRE(d.screen() == ScreenId::Counselor);
    CHECK(d.has("today_" + code)); // today's visits
    for (char c : code) d.tap(std::string("code_") + c);
    INFO("entry " << d.app().staffView()->codeEntry << " msg " << d.app().staffView()->message);
    d.tap("code_open");
    INFO("after: msg " << d.app().staffView()->message);
    REQUIRE(d.screen() == ScreenId::Counselor);
    CHECK(d.app().router().current().param == code);
    const auto* v = d.app().staffView();
    REQUIRE(v->visit);
    CHECK(v->visit->tests.at("interest").responses.size() == 60);
    CHECK(d.shows("(2,4 сек)")); // response times (staff screens are in Kyrgyz after the visit reset)
    d.tap("note_follow_up");
    d.tap("note_college");
    d.tap("note_save");
    CHECK(d.app().db()->queryText("SELECT choices FROM notes") == "follow_up,college");
    // A wrong code is refused kindly.
    d.tap("nav_back");
    for (char c : std::string("ZZZZZZ")) d.tap(std::string("code_") + c);
    d.tap("code_open");
    CHECK((d.shows("Такой код не найден") || d.shows("табылган жок")));
}

TEST_CASE("staff export to a stick directory shows success") {
    test::TempDir stick;
    { std::ofstream(stick.path / "kesip-stick") << ""; }
    test::Driver d(1920, 1080, 1.f, {}, {}, {stick.str()});
    setPins(d);
    for (int i = 0; i < 3; ++i) {
        d.tap("attract_ky");
        d.tap("home_finish");
        d.tap("finish_done");
    }
    d.hold("logo", 3200);
    d.typePin("2468");
    REQUIRE(d.screen() == ScreenId::Staff);
    REQUIRE(d.has("staff_export_0"));
    d.tap("staff_export_0");
    d.waitFor([&] { return !d.app().exportRunning(); }, "the export to the stick finished");
    REQUIRE(std::filesystem::exists(stick.str() + "/kesip/export.sqlite"));
    CHECK(d.shows("3 сессия флешкага жазылды"));
    CHECK(sync::verifyExportFile(stick.str() + "/kesip/export.sqlite").sessions == 3);
    CHECK(std::filesystem::exists(stick.str() + "/kesip/summaries/summary.pdf"));
    CHECK(d.app().db()->queryInt("SELECT count(*) FROM audit WHERE action='export'") == 1);
    // Read-aloud volume, kept in the settings and audited.
    REQUIRE(d.has("staff_volume_down"));
    d.tap("staff_volume_down");
    d.tap("staff_volume_down");
    CHECK(d.app().speech()->volume() == Approx(0.8f));
    CHECK(std::stof(d.app().db()->queryText("SELECT value FROM settings WHERE key='volume'")) ==
          Approx(0.8f));
    CHECK(d.shows("80%"));
    // Exit is for staff only.
    d.tap("staff_exit_app");
    CHECK(d.app().quitRequested());
}

TEST_CASE("staff and counselor screenshots in ky and ru") {
    test::screenshotsLookRight({"pin", "staff", "counselor", "export"});
}
