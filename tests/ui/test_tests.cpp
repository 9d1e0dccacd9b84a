#include <cstdio>
#include <regex>
#include <sys/wait.h>

#include "driver.hpp"
#include "shots.hpp"
#include "store/access.hpp"
#include "store/repo.hpp"
#include "store/runs.hpp"

using namespace kesip;
using flow::ScreenId;

namespace {

// Answers the whole current test by tapping answer buttons: a fixed pattern per scale.
void answerAll(test::Driver& d, const std::string& id, const std::function<int(const assess::Item&)>& pick) {
    const assess::Instrument* ins = d.app().instrument(id);
    REQUIRE(ins);
    for (size_t i = 0; i < ins->items.size(); ++i) {
        REQUIRE(d.screen() == ScreenId::Test);
        CHECK(d.shows(ins->items[i].text.get(d.app().lang())));
        CHECK(d.shows(std::to_string(i + 1) + " / " + std::to_string(ins->items.size())));
        d.clock.advance(2000); // reading time
        d.tap("answer_" + std::to_string(pick(ins->items[i])));
    }
}

void demographics(test::Driver& d) {
    REQUIRE(d.screen() == ScreenId::Demographics);
    d.tap("demo_15_17");
    d.tap("demo_na");
    d.tap("demo_school_9");
    d.tap("demo_naryn");
}

void completeBoth(Lang lang) {
    test::Driver d;
    d.tap(lang == Lang::ky ? "attract_ky" : "attract_ru");
    const std::string sid = *d.app().sessionId();
    d.tap("home_interest");
    demographics(d);
    answerAll(d, "interest", [](const assess::Item& it) {
        return it.scale == "I" ? 5 : it.scale == "R" ? 4 : 2;
    });
    REQUIRE(d.screen() == ScreenId::Results);
    // Investigative first, then Realistic: names shown with their explanation.
    const assess::Instrument* interest = d.app().instrument("interest");
    CHECK(d.shows(interest->scales[1].description.get(lang)));
    CHECK(d.shows(interest->scales[0].name.get(lang)));

    d.tap("nav_home");
    d.tap("home_strengths"); // demographics asked once per visit only
    REQUIRE(d.screen() == ScreenId::Test);
    answerAll(d, "strengths", [](const assess::Item& it) {
        int v = it.scale == "creativity" ? 4 : 2;
        return it.reverse ? 5 - v : v;
    });
    REQUIRE(d.screen() == ScreenId::Results);
    CHECK(d.app().router().current().param == "strengths");
    d.tap("tab_takeaway");
    const std::string code = *d.app().sessionCode();
    std::string spaced;
    for (char c : code) spaced += std::string(spaced.empty() ? "" : " ") + c;
    CHECK(d.shows(spaced));

    // The database holds exactly what was answered, and the scores.
    store::RunRepo runs(*d.app().db(), d.clock);
    CHECK(runs.state(sid, "interest") == std::optional<std::string>("completed"));
    CHECK(runs.state(sid, "strengths") == std::optional<std::string>("completed"));
    auto resp = runs.responses(sid, "interest");
    REQUIRE(resp.size() == 60);
    for (const auto& r : resp) {
        CHECK(r.responseMs >= 2000);
        const auto* item = &interest->items[size_t(interest->itemIndex(r.itemId))];
        CHECK(r.value == std::optional<int>(item->scale == "I" ? 5 : item->scale == "R" ? 4 : 2));
    }
    CHECK(runs.responses(sid, "strengths").size() == 48);
    for (const auto& s : runs.scores(sid, "interest")) {
        INFO(s.scale);
        CHECK(s.percent == Approx(s.scale == "I" ? 100 : s.scale == "R" ? 75 : 25));
    }
    for (const auto& s : runs.scores(sid, "strengths"))
        CHECK(s.percent == Approx(s.scale == "creativity" ? 100 : 100.0 / 3));
    store::SessionRepo sessions(*d.app().db(), d.clock);
    auto row = sessions.get(sid);
    CHECK(row->demo.ageBand == std::optional<std::string>("15_17"));
    CHECK(row->demo.gender == std::optional<std::string>("na"));
    CHECK(row->demo.status == std::optional<std::string>("school_9"));
    CHECK(row->demo.oblast == std::optional<std::string>("naryn"));

    // Home now offers results; the visit ends; nothing remains on screen.
    d.tap("nav_home");
    d.tap("home_finish");
    d.wait(16'000);
    CHECK(d.screen() == ScreenId::Attract);
    CHECK_FALSE(d.shows(spaced));
}

} // namespace

TEST_CASE("both tests completed through the real screens in Kyrgyz") {
    completeBoth(Lang::ky);
}
TEST_CASE("both tests completed through the real screens in Russian") {
    completeBoth(Lang::ru);
}

TEST_CASE("back and skip and pause then continue later in the same visit") {
    test::Driver d;
    d.tap("attract_ru");
    d.tap("home_interest");
    demographics(d);
    d.tap("answer_5");
    d.tap("answer_4");
    d.tap("nav_back");
    CHECK(d.shows("2 / 60"));
    d.tap("test_skip");
    CHECK(d.shows("3 / 60"));
    d.tap("test_pause");
    d.tap("leave_later");
    CHECK(d.screen() == ScreenId::Home);
    CHECK(d.shows("Продолжить: 2 / 60"));
    d.tap("home_interest");
    CHECK(d.screen() == ScreenId::Test);
    CHECK(d.shows("3 / 60"));
    const std::string sid = *d.app().sessionId();
    store::RunRepo runs(*d.app().db(), d.clock);
    auto r = runs.responses(sid, "interest");
    REQUIRE(r.size() == 2);
    CHECK_FALSE(r[1].value); // skipped
    // Idle inside a test: the longer limit applies (180 s).
    d.wait(120'000);
    CHECK_FALSE(d.app().idleWarningShown());
    d.wait(61'000);
    CHECK(d.app().idleWarningShown());
    d.wait(21'000);
    CHECK(d.screen() == ScreenId::Attract);
    CHECK(runs.state(sid, "interest") == std::optional<std::string>("abandoned"));
    CHECK(runs.responses(sid, "interest").size() == 2);
}

TEST_CASE("the QR code on the take-away screen decodes to the readable summary") {
    const std::string dir = std::string(KESIP_SCREENSHOT_DIR);
    std::filesystem::create_directories(dir);
    for (const char* lang : {"ky", "ru"}) {
        const std::string png = dir + "/results_takeaway-" + lang + ".png";
        const std::string cmd =
            executableDir() + "/kiosk --screenshot " + png + " --screen results:takeaway --lang " + lang;
        REQUIRE(std::system(cmd.c_str()) == 0);
        const std::string out = dir + "/qr-" + lang + ".txt";
        const int rc = std::system(("zbarimg --raw -q " + png + " >" + out + " 2>/dev/null").c_str());
        REQUIRE(WEXITSTATUS(rc) == 0);
        std::string text;
        readFile(out, text);
        INFO(text);
        CHECK_THAT(text, Catch::Contains("ABC234"));
        if (std::string(lang) == "ky") {
            CHECK_THAT(text, Catch::Contains("Кызыгуулар: Жардамчы, Чыгармачыл, Ишкер"));
            CHECK_THAT(text, Catch::Contains("Күчтүү жактар: Командада иштөө"));
        } else {
            CHECK_THAT(text, Catch::Contains("Интересы: Помощник, Творец, Предприниматель"));
            CHECK_THAT(text, Catch::Contains("Сильные стороны: Работа в команде"));
        }
        // Dates only: no time of day in what leaves the kiosk on a phone.
        CHECK_FALSE(std::regex_search(text, std::regex("[0-9]{1,2}:[0-9]{2}")));
    }
}

TEST_CASE("test and results screenshots in ky and ru") {
    test::screenshotsLookRight({"interest-test", "strengths-test", "results", "results:strengths"});
}

TEST_CASE("an instrument file with errors hides that test and the kiosk still starts") {
    test::TempDir res;
    std::filesystem::copy(executableDir() + "/locale", res.path / "locale");
    std::filesystem::create_directories(res.path / "instruments");
    std::filesystem::copy_file(executableDir() + "/instruments/strengths.json",
                               res.path / "instruments/strengths.json");
    std::string bad;
    readFile(executableDir() + "/instruments/interest.json", bad);
    bad.replace(bad.find("\"scale\": \"R\""), 12, "\"scale\": \"Q\"");
    { std::ofstream(res.path / "instruments/interest.json") << bad; }
    test::Driver d(1920, 1080, 1.f, res.str());
    CHECK_FALSE(d.app().instrument("interest"));
    REQUIRE(d.app().instrument("strengths"));
    REQUIRE_FALSE(d.app().contentProblems().empty());
    CHECK_THAT(d.app().contentProblems()[0].str(), Catch::Contains("interest.json"));
    CHECK_THAT(d.app().contentProblems()[0].str(), Catch::Contains("unknown scale \"Q\""));
    d.tap("attract_ky");
    CHECK(d.shows("Бул тест азыр иштебейт"));
    d.tap("home_interest"); // disabled
    CHECK(d.screen() == ScreenId::Home);
    d.tap("home_strengths");
    CHECK(d.screen() == ScreenId::Demographics);
    CHECK(d.app().db()->queryInt("SELECT count(*) FROM audit WHERE action='content_error'") >= 1);
    // Staff see the reason on their screen.
    d.loginAsStaff();
    REQUIRE(d.screen() == ScreenId::Staff);
    CHECK(d.shows("unknown scale \"Q\""));
}

TEST_CASE("a failed save shows a clear message and the student can go on") {
    test::Driver d;
    d.tap("attract_ky");
    d.tap("home_strengths");
    demographics(d);
    d.tap("answer_3");
    d.tap("answer_2");
    const std::string sid = *d.app().sessionId();
    // The disk "fills up": every write fails from now on.
    d.app().db()->exec("PRAGMA query_only = 1");
    d.tap("answer_4");
    CHECK(d.shows("Жооп сакталбай калды"));
    CHECK(d.shows("4 / 48")); // moved on regardless
    d.app().db()->exec("PRAGMA query_only = 0");
    d.tap("answer_1");
    CHECK_FALSE(d.shows("Жооп сакталбай калды"));
    store::RunRepo runs(*d.app().db(), d.clock);
    auto r = runs.responses(sid, "strengths");
    REQUIRE(r.size() == 3); // the two before and the one after; nothing earlier lost
    CHECK(r[0].value == std::optional<int>(3));
    CHECK(r[2].value == std::optional<int>(1));
}
