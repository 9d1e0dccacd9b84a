#include <cstdio>
#include <regex>
#include <sstream>
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

namespace {
std::vector<std::string> lines(const std::string& text) {
    std::vector<std::string> v;
    std::istringstream in(text);
    for (std::string l; std::getline(in, l);) v.push_back(l);
    return v;
}
// The line of `qr` that `key`'s pattern makes with {list}; empty when there is none.
std::string qrLine(test::Driver& d, const std::vector<std::string>& qr, const char* key) {
    const std::string pattern = d.app().ui().tr(key, {{"list", std::string("\x01")}});
    const std::string prefix = pattern.substr(0, pattern.find('\x01'));
    for (const auto& l : qr)
        if (l.rfind(prefix, 0) == 0) return l.substr(prefix.size());
    return {};
}
bool listed(const std::string& list, const std::string& name) {
    for (size_t at = list.find(name); at != std::string::npos; at = list.find(name, at + 1)) {
        const bool startOk =
            at == 0 || list.compare(at - 2, 2, ", ") == 0 || list.compare(at - 3, 3, " / ") == 0;
        const size_t end = at + name.size();
        const bool endOk =
            end == list.size() || list.compare(end, 2, ", ") == 0 || list.compare(end, 3, " / ") == 0;
        if (startOk && endOk) return true;
    }
    return false;
}

// A visit tapped through the real screens (both tests answered by tapping), then the take-away QR code as
// the screen draws it, decoded with zbarimg and compared with what the results screens show.
void qrOfTappedVisit(Lang lang) {
    if (std::system("command -v zbarimg >/dev/null 2>&1") != 0)
        KESIP_SKIP("zbarimg (zbar-tools) not installed: the QR code is not decoded");
    test::Driver d;
    d.tap(lang == Lang::ky ? "attract_ky" : "attract_ru");
    d.tap("home_interest");
    demographics(d);
    answerAll(d, "interest", [](const assess::Item& it) {
        return it.scale == "E" ? 5 : it.scale == "C" ? 4 : it.scale == "S" ? 3 : 1;
    });
    d.tap("nav_home");
    d.tap("home_strengths");
    answerAll(d, "strengths", [](const assess::Item& it) {
        int v = it.scale == "leadership" ? 4 : it.scale == "communication" ? 3 : 1;
        return it.reverse ? 5 - v : v;
    });
    REQUIRE(d.screen() == ScreenId::Results);
    const assess::Instrument& interest = *d.app().instrument("interest");
    const assess::Instrument& strengths = *d.app().instrument("strengths");

    // What the screens show: the code, the interest types explained, the strengths, the occupations.
    d.tap("tab_takeaway");
    std::string shownCode;
    for (const auto& t : d.app().ui().texts())
        if (t.size() == 11 && t[1] == ' ' && t[3] == ' ' && t[5] == ' ' && t[7] == ' ' && t[9] == ' ')
            for (size_t i = 0; i < t.size(); i += 2) shownCode += t[i];
    REQUIRE(shownCode == *d.app().sessionCode());
    REQUIRE(d.has("results_qr"));
    const std::string dir = KESIP_SCREENSHOT_DIR;
    std::filesystem::create_directories(dir);
    const std::string png = dir + "/qr-tapped-" + langCode(lang) + ".png";
    std::string err;
    REQUIRE(d.app().platform().writeScreenshot(png, err));
    const std::string out = png + ".txt";
    const int rc = std::system(("zbarimg --raw -q " + png + " >" + out + " 2>/dev/null").c_str());
    REQUIRE(WEXITSTATUS(rc) == 0);
    std::string text;
    readFile(out, text);
    INFO("QR: " << text);
    const auto qr = lines(text);
    CHECK(std::find(qr.begin(), qr.end(), d.app().ui().tr("qr_code", {{"code", shownCode}})) != qr.end());
    CHECK_FALSE(std::regex_search(text, std::regex("[0-9]{1,2}:[0-9]{2}"))); // dates only, no time of day

    d.tap("tab_interest");
    const std::string types = qrLine(d, qr, "qr_interests");
    REQUIRE_FALSE(types.empty());
    int typesShown = 0;
    for (const auto& sc : interest.scales) {
        const bool onScreen = d.shows(sc.name.get(lang) + " — " + sc.shortName.get(lang));
        INFO(sc.id << " on screen " << onScreen << ", in the QR code: " << types);
        CHECK(onScreen == listed(types, sc.name.get(lang)));
        typesShown += onScreen;
    }
    CHECK(typesShown == 3);                                        // E, C, S
    CHECK(types.rfind(interest.scales[4].name.get(lang), 0) == 0); // E first

    d.tap("tab_strengths");
    const std::string strong = qrLine(d, qr, "qr_strengths");
    REQUIRE_FALSE(strong.empty());
    int strengthsShown = 0;
    for (const auto& sc : strengths.scales) {
        const bool onScreen = d.shows(sc.description.get(lang));
        INFO(sc.id << " explained on screen " << onScreen << ", in the QR code: " << strong);
        CHECK(onScreen == listed(strong, sc.name.get(lang)));
        strengthsShown += onScreen;
    }
    CHECK(strengthsShown > 0);

    d.tap("tab_occupations");
    std::vector<ui::HitItem> matches;
    for (const auto& it : d.app().ui().items())
        if (it.key.rfind("match_", 0) == 0 && it.key.rfind("match_field_", 0) != 0) matches.push_back(it);
    std::sort(matches.begin(), matches.end(), [](auto& a, auto& b) { return a.rawMin.y < b.rawMin.y; });
    REQUIRE(matches.size() >= 3);
    std::string firstTitles;
    const auto& c = *d.app().encyclopedia();
    for (size_t i = 0; i < matches.size() && i < 5; ++i) {
        const auto& o = c.occupations[size_t(c.occupationIndex(matches[i].key.substr(6)))];
        CHECK(d.shows(o.title.get(lang)));
        firstTitles += (i ? ", " : "") + o.title.get(lang);
    }
    const std::string occupations = qrLine(d, qr, "qr_occupations");
    CHECK(occupations.rfind(firstTitles, 0) == 0); // the same occupations, in the order shown
}
} // namespace

TEST_CASE("the QR code of a visit tapped through the screens says what the screens show, in Kyrgyz") {
    qrOfTappedVisit(Lang::ky);
}
TEST_CASE("the QR code of a visit tapped through the screens says what the screens show, in Russian") {
    qrOfTappedVisit(Lang::ru);
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
