#include <filesystem>
#include <fstream>

#include "driver.hpp"
#include "shots.hpp"
#include "store/access.hpp"
#include "sync/export.hpp"
#include "sync/keys.hpp"
#include "util/config.hpp"

using namespace kesip;
using flow::ScreenId;

namespace {
void setPins(test::Driver& d) {
    store::AccessControl ac(*d.app().db(), d.clock);
    REQUIRE(ac.setPin(store::Grant::commandLine(), store::Role::Staff, "246813"));
    REQUIRE(ac.setPin(store::Grant::commandLine(), store::Role::Counselor, "135790"));
}
} // namespace

TEST_CASE("hidden entry opens the PIN pad only after a 3 second hold") {
    test::Driver d;
    setPins(d);
    d.hold("logo", 1500);
    CHECK(d.screen() == ScreenId::Attract);
    d.hold("logo", 3200);
    CHECK(d.screen() == ScreenId::Pin);
    d.typePin("246813");
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
            d.typePin("000000");
            CHECK(d.screen() == ScreenId::Pin);
        }
        CHECK(d.shows("1 аракет калды"));
        d.typePin("000000");
        CHECK(d.shows("5 мүнөткө"));
        d.typePin("246813"); // the right PIN does not help while locked
        CHECK(d.screen() == ScreenId::Pin);
    }
    {
        test::Driver d(1920, 1080, 1.f, {}, data.str()); // restart
        d.clock.advance(60'000);
        d.hold("logo", 3200);
        CHECK(d.shows("мүнөткө"));
        d.typePin("246813");
        CHECK(d.screen() == ScreenId::Pin);
    }
}

TEST_CASE("first run: the staff PIN is set only with the installer's one-time setup code") {
    test::Driver d;
    // Without a setup code nobody becomes staff on a fresh kiosk.
    d.hold("logo", 3200);
    REQUIRE(d.screen() == ScreenId::Pin);
    CHECK(d.shows("/etc/kesip/setup-code"));
    d.typePin("975313");
    CHECK(d.screen() == ScreenId::Pin);
    CHECK_FALSE(store::AccessControl(*d.app().db(), d.clock).hasPin(store::Role::Staff));
    d.tap("pin_cancel");
    // With the package's setup code (its hash readable by the kiosk).
    const std::string hashFile = d.dir.str() + "/setup-code.hash";
    { std::ofstream(hashFile) << store::hashSecret("123456789012") << "\n"; }
    KioskConfig cfg;
    cfg.setupCodeHashFile = hashFile;
    d.app().overrideConfigForTest(cfg);
    d.hold("logo", 3200);
    REQUIRE(d.screen() == ScreenId::Pin);
    CHECK(d.shows("12"));
    d.typePin("111111111111"); // a wrong code counts against the staff lock
    CHECK(d.screen() == ScreenId::Pin);
    d.typePin("123456789012");
    CHECK(d.shows("Кызматкердин жаңы PIN-кодун коюңуз"));
    d.typePin("9753"); // too short: 6 digits at least
    CHECK(d.shows("6–12"));
    d.typePin("975313");
    d.typePin("999999"); // mismatch
    CHECK(d.shows("Коддор дал келген жок"));
    d.typePin("975313");
    d.typePin("975313");
    CHECK(d.screen() == ScreenId::Staff);
    store::AccessControl ac(*d.app().db(), d.clock);
    CHECK(ac.hasPin(store::Role::Staff));
    CHECK(d.app().db()->queryText("SELECT value FROM settings WHERE key='staff_pin_hash'").find("975313") ==
          std::string::npos);
    // One time only: the code is used up.
    ac.setSetupCodeHash(store::hashSecret("123456789012"));
    CHECK_FALSE(ac.setupAvailable());
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
    d.tap("pin_role_counselor"); // each role has its own PIN and lock
    d.typePin("135790");
    REQUIRE(d.screen() == ScreenId::Counselor);
    // No list of today's codes or times: the counselor types the code.
    for (const auto& item : d.app().ui().items()) CHECK(item.key.rfind("today_", 0) != 0);
    CHECK_FALSE(d.shows(code));
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
    // The audit names the opened visit by a keyed hash of its id, never by its code or id.
    const std::string detail = d.app().db()->queryText("SELECT detail FROM audit WHERE action='open_visit'");
    CHECK(detail.rfind("visit=", 0) == 0);
    CHECK(detail.size() == 6 + 16);
    const std::string id = d.app().db()->queryText("SELECT id FROM sessions LIMIT 1");
    CHECK(detail.find(id.substr(0, 8)) == std::string::npos);
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
    std::string pub, sec;
    REQUIRE(sync::makeSealingPair(pub, sec));
    KioskConfig cfg;
    cfg.exportPublicKey = pub;
    d.app().overrideConfigForTest(cfg);
    for (int i = 0; i < 3; ++i) {
        d.tap("attract_ky");
        d.tap("home_finish");
        d.tap("finish_done");
    }
    d.hold("logo", 3200);
    d.typePin("246813");
    REQUIRE(d.screen() == ScreenId::Staff);
    REQUIRE(d.has("staff_export_0"));
    d.tap("staff_export_0");
    d.waitFor([&] { return !d.app().exportRunning(); }, "the export to the stick finished");
    const std::string kiosk = d.app().staffView()->kioskId;
    REQUIRE(std::filesystem::exists(stick.str() + "/kesip/export/" + kiosk + ".sealed"));
    CHECK(d.shows("3 сессия флешкага жазылды"));
    CHECK(sync::verifyExportFile(stick.str() + "/kesip/export/" + kiosk + ".sealed").sessions == 3);
    CHECK(std::filesystem::exists(stick.str() + "/kesip/summaries/" + kiosk + "/summary.pdf"));
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
