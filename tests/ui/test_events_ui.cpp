// The centre's events on screen (issue 12, stage 4), driven through the real screens: staff type an
// event with the on-screen keyboard, visitors see it where it is linked, past events hide themselves,
// and a stick's events.csv is imported all or nothing with its errors on screen.
#include <unicode/ucnv.h>
#include <unicode/unistr.h>

#include "driver.hpp"
#include "events/import.hpp"
#include "events/repo.hpp"

using namespace kesip;
using flow::ScreenId;
namespace fs = std::filesystem;

namespace {

std::vector<std::string> letters(const std::string& s) {
    std::vector<std::string> out;
    for (size_t i = 0; i < s.size();) {
        const unsigned char c = static_cast<unsigned char>(s[i]);
        const size_t n = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
        out.push_back(s.substr(i, n));
        i += n;
    }
    return out;
}

// Types on the editor's on-screen keyboard, key by key ("key_<letter>", "kb_space").
void type(test::Driver& d, const std::string& text) {
    for (const auto& k : letters(text)) d.tap(k == " " ? std::string("kb_space") : "key_" + k);
}

const ui::HitItem* item(test::Driver& d, const std::string& key) {
    for (const auto& i : d.app().ui().items())
        if (i.key == key) return &i;
    return nullptr;
}

// Pages the editor's form (a page takes effect at the end of the frame after the tap: one more frame
// so the items are where they are drawn).
void page(test::Driver& d, const char* key) {
    d.tap(key);
    d.frames(1);
}

// Taps an item of the editor's scrolling form, paging down to it first (from the top).
void tapInForm(test::Driver& d, const std::string& key) {
    for (int i = 0; i < 12 && d.has("event_editor_up"); ++i) page(d, "event_editor_up");
    for (int i = 0; i < 30; ++i) {
        const ui::HitItem* it = item(d, key);
        const bool whole = it && it->max.y - it->min.y > 4 && std::abs(it->min.y - it->rawMin.y) < 1 &&
                           std::abs(it->max.y - it->rawMax.y) < 1;
        if (whole) return d.tap(key);
        REQUIRE(d.has("event_editor_down"));
        page(d, "event_editor_down");
    }
    FAIL("not reachable by paging the form: " << key);
}

std::string toCp1251(const std::string& utf8) {
    icu::UnicodeString u = icu::UnicodeString::fromUTF8(utf8);
    UErrorCode st = U_ZERO_ERROR;
    UConverter* cv = ucnv_open("windows-1251", &st);
    REQUIRE(U_SUCCESS(st));
    ucnv_setSubstChars(cv, "?", 1, &st); // what Excel writes for ң ө ү
    std::string out(size_t(u.length()) * 4 + 8, '\0');
    const int32_t n = ucnv_fromUChars(cv, out.data(), int32_t(out.size()), u.getBuffer(), u.length(), &st);
    ucnv_close(cv);
    REQUIRE(U_SUCCESS(st));
    out.resize(size_t(n));
    return out;
}

// A stick the kiosk lists, with kesip/events.csv holding `bytes`.
struct EventsStick {
    test::TempDir dir;
    explicit EventsStick(const std::string& bytes) {
        std::ofstream(dir.path / "kesip-stick") << "";
        fs::create_directories(dir.path / "kesip");
        std::ofstream(dir.path / "kesip" / "events.csv", std::ios::binary) << bytes;
    }
};

std::string dotted(const std::string& iso) {
    return iso.substr(8, 2) + "." + iso.substr(5, 2) + "." + iso.substr(0, 4);
}

int64_t eventCount(test::Driver& d) {
    return d.app().db()->queryInt("SELECT count(*) FROM events");
}

// Staff open the events editor and import the stick's file; returns when the outcome is on screen.
void importFromStick(test::Driver& d) {
    d.loginAsStaff();
    REQUIRE(d.screen() == ScreenId::Staff);
    d.tap("staff_events");
    REQUIRE(d.screen() == ScreenId::EventEditor);
    d.tap("events_import_0");
    const std::string done =
        d.app().ui().tr("events_import_done", {{"added", 0}, {"updated", 0}, {"unchanged", 0}});
    const std::string refused = d.app().ui().tr("events_import_refused");
    d.waitFor([&] { return d.shows(refused) || d.shows(done.substr(0, 20)); },
              "the import's outcome on the events editor");
}

} // namespace

TEST_CASE("events: staff add an event with the on-screen keyboard, visitors see it on home and the linked "
          "field page, not a past one, and can add it to their diary") {
    test::Driver d(1920, 1080, 1.f, {}, {}, {}, /*noRaster=*/true);
    const catalog::Content* c = d.app().encyclopedia();
    REQUIRE(c);
    REQUIRE(c->fields.size() >= 2);
    const std::string field = c->fields[0].id;
    events::EventRepo repo(*d.app().db(), d.clock);
    const std::string today = repo.today();

    // An event that ended yesterday, linked to the same field: written directly, as an old import left it.
    events::Event past;
    past.kind = "open_day";
    past.title = {"өткөнкү эшик", "прошедший день"};
    past.start = past.end = events::addDays(today, -1);
    past.place = "Бишкек";
    past.oblast = "bishkek";
    past.fields = {field};
    repo.write(past, 0, "import");

    d.loginAsStaff();
    REQUIRE(d.screen() == ScreenId::Staff);
    d.tap("staff_events");
    REQUIRE(d.screen() == ScreenId::EventEditor);
    d.tap("event_new");
    REQUIRE(d.has("kb_space")); // the form is open, with its keyboard
    // The Kyrgyz title first (the form opens on it, with the Kyrgyz keyboard: ү is a key).
    type(d, "күз жарманкеси");
    tapInForm(d, "event_attr_1"); // Russian title: the Russian keyboard
    type(d, "осенняя ярмарка");
    tapInForm(d, "event_attr_3"); // place
    type(d, "ош");
    tapInForm(d, "event_kind_job_fair");
    tapInForm(d, "event_start_d_plus"); // a week and a day from today
    tapInForm(d, "event_oblast_osh_city");
    tapInForm(d, "event_pick_" + field);
    tapInForm(d, "event_link_field");
    tapInForm(d, "event_save");

    const auto saved = repo.list(false);
    REQUIRE(saved.size() == 1);
    const events::Event& e = saved[0];
    CHECK(e.title.ky == "күз жарманкеси");
    CHECK(e.title.ru == "осенняя ярмарка");
    CHECK(e.place == "ош");
    CHECK(e.kind == "job_fair");
    CHECK(e.oblast == "osh_city");
    CHECK(e.start == events::addDays(today, 8));
    CHECK(e.end == e.start);
    CHECK(e.fields == std::vector<std::string>{field});
    CHECK(d.shows("күз жарманкеси"));   // in the editor's list
    CHECK(repo.list(true).size() == 2); // the past one is still stored, only hidden

    // A visitor: home shows the coming event, never the past one (which would come first by date).
    d.tap("staff_logout");
    d.tap("attract_ky");
    REQUIRE(d.screen() == ScreenId::Home);
    CHECK(d.shows("күз жарманкеси"));
    CHECK_FALSE(d.shows("өткөнкү эшик"));
    // The linked field's page.
    d.tap("home_encyclopedia");
    d.tap("field_" + field);
    REQUIRE(d.screen() == ScreenId::Field);
    CHECK(d.shows("күз жарманкеси"));
    CHECK_FALSE(d.shows("өткөнкү эшик"));
    // An occupation of that field: "Coming events" near the end of its page.
    std::vector<int> occ = c->occupationsOfField(field);
    catalog::sortByTitle(*c, occ, Lang::ky);
    REQUIRE_FALSE(occ.empty());
    d.tap("occ_" + c->occupations[size_t(occ[0])].id);
    REQUIRE(d.screen() == ScreenId::Occupation);
    const std::string occEvent = "occ_event_" + std::to_string(e.id);
    for (int i = 0; i < 20 && !d.has(occEvent); ++i) {
        d.tap("occ_page_down");
        d.frames(1);
    }
    CHECK(d.has(occEvent));
    d.tap("nav_back");
    REQUIRE(d.screen() == ScreenId::Field);
    // Another field's page has no event strip.
    d.tap("nav_back");
    d.tap("field_" + c->fields[1].id);
    CHECK_FALSE(d.has("events_field"));
    d.tap("nav_back");
    d.tap("field_" + field);
    // The field's events, each with "Add to my diary": without a diary open, "continue or start my diary"
    // first; with one, the diary's trial screen, prefilled from the event.
    d.tap("events_field");
    REQUIRE(d.screen() == ScreenId::Events);
    CHECK(d.app().router().current().param == "field:" + field);
    CHECK(d.shows("күз жарманкеси"));
    CHECK_FALSE(d.shows("өткөнкү эшик"));
    d.tap("event_diary_" + std::to_string(e.id));
    CHECK(d.screen() == ScreenId::DiaryUnlock);
    d.tap("nav_back");
    // The day after it ends it is gone from home (the next visitor's: the idle visit has ended).
    d.clock.advance(int64_t(9) * 24 * 3600 * 1000);
    for (int i = 0; i < 10 && d.screen() != ScreenId::Attract; ++i) d.wait(30'000); // warning, then the end
    REQUIRE(d.screen() == ScreenId::Attract);
    d.tap("attract_ky");
    REQUIRE(d.screen() == ScreenId::Home);
    CHECK_FALSE(d.shows("күз жарманкеси"));
}

TEST_CASE("events: a CSV with one bad row is refused whole, that row's number on screen, nothing imported") {
    const std::string today = localDate(FakeClock().wallMs()); // the driver's fake clock starts there
    const std::string csv = "kind,title_ky,title_ru,start,place,oblast\n"
                            "open_day,Ачык эшиктер күнү,День открытых дверей," +
                            dotted(events::addDays(today, 5)) +
                            ",Колледж,bishkek\n"
                            "job_fair,Жарманке,Ярмарка," +
                            dotted(events::addDays(today, 6)) +
                            ",Дворец спорта,atlantis\n"
                            "course,Курс,Курс," +
                            dotted(events::addDays(today, 7)) + ",Центр,naryn\n";
    EventsStick stick(csv);
    test::Driver d(1920, 1080, 1.f, {}, {}, {stick.dir.str()}, true);
    importFromStick(d);
    CHECK(d.shows(d.app().ui().tr("events_import_refused")));
    // Row 3 of the spreadsheet (the header is row 1): the unknown oblast, in words, with its number.
    const std::string row3 = events::issueText(d.app().ui().catalog(), Lang::ky,
                                               events::Issue(3, "events_err_oblast", "oblast", "atlantis"));
    INFO(row3);
    CHECK(d.shows(row3));
    CHECK(eventCount(d) == 0); // the two good rows were not imported either

    // The same file corrected: all three are imported and counted.
    std::string fixed = csv;
    fixed.replace(fixed.find("atlantis"), 8, "chui");
    std::ofstream(stick.dir.path / "kesip" / "events.csv", std::ios::binary | std::ios::trunc) << fixed;
    d.tap("events_import_0");
    const std::string done =
        d.app().ui().tr("events_import_done", {{"added", 3}, {"updated", 0}, {"unchanged", 0}});
    d.waitFor([&] { return d.shows(done); }, "the corrected file imported with 3 added");
    CHECK(eventCount(d) == 3);
}

TEST_CASE("events: a CSV saved as plain cp1251 gives its clear message and imports nothing") {
    const std::string today = localDate(FakeClock().wallMs()); // the driver's fake clock starts there
    // Excel's "CSV" on a Russian Windows: semicolons, cp1251, and ү lost as "?".
    const std::string csv = "kind;title_ky;title_ru;start;place;oblast\r\nopen_day;Ачык эшиктер күнү;День "
                            "открытых дверей;" +
                            dotted(events::addDays(today, 3)) + ";Колледж;naryn\r\n";
    EventsStick stick(toCp1251(csv));
    test::Driver d(1920, 1080, 1.f, {}, {}, {stick.dir.str()}, true);
    importFromStick(d);
    const std::string msg = events::issueText(d.app().ui().catalog(), Lang::ky,
                                              events::Issue(2, "events_err_lost_letters", "title_ky"));
    INFO(msg);
    CHECK(d.shows(msg));
    CHECK(eventCount(d) == 0);
}

// evkbd
TEST_CASE("events: the form types with the shared keyboard, which hides to give a short window with large "
          "text the form and comes back on a text field") {
    // Fails if the editor's keyboard is not the shared one (no ң ө ү on the Kyrgyz layout, no Russian
    // layout, other key ids), if hiding it leaves the form its cramped height or the keys tappable, or if
    // tapping a text field does not bring the keys back to type into it.
    test::Driver d(1366, 768, 1.f, {}, {}, {}, /*noRaster=*/true);
    d.tap("a11y_large_text");
    REQUIRE(d.app().largeText());
    d.loginAsStaff();
    REQUIRE(d.screen() == ScreenId::Staff);
    d.tap("staff_events");
    d.tap("event_new");
    for (const char* k : {"key_ң", "key_ө", "key_ү", "key_1", "key_0", "kb_layout_0", "kb_layout_1",
                          "kb_layout_2", "kb_space", "kb_backspace", "kb_clear", "event_keyboard"})
        CHECK(d.has(k));
    CHECK(d.shows(d.app().ui().tr("events_kb_hide")));
    const ui::HitItem* toggle = item(d, "event_keyboard");
    REQUIRE(toggle);
    const float withKeys = toggle->min.y;

    d.tap("event_keyboard");
    CHECK_FALSE(d.has("kb_space"));
    CHECK_FALSE(d.has("key_ү"));
    CHECK(d.shows(d.app().ui().tr("events_kb_show")));
    toggle = item(d, "event_keyboard");
    REQUIRE(toggle);
    CHECK(toggle->min.y - withKeys > 768 * 0.3f); // the keyboard's height is the form's now
    CHECK(toggle->max.y <= 768);

    // A text field brings the keyboard back, in its language: the Russian title, the Russian layout.
    tapInForm(d, "event_attr_1");
    CHECK(d.has("kb_space"));
    CHECK(d.has("key_ъ"));
    CHECK_FALSE(d.has("key_ң"));
    type(d, "ярмарка");
    d.tap("kb_backspace");
    CHECK(d.shows("ярмарк|"));
    // Hidden and shown again by the button.
    d.tap("event_keyboard");
    CHECK_FALSE(d.has("key_ъ"));
    d.tap("event_keyboard");
    CHECK(d.has("key_ъ"));
    d.tap("kb_clear");
    CHECK_FALSE(d.shows("ярмарк|"));
}
