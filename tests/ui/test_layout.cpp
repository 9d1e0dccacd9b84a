// Layout of every screen the kiosk can show (flow::routes(): student, PIN, staff, counselor with a visit
// open, maintenance, plus every demographics step, every item of both tests, the leave dialog and the
// idle warning), in ky and ru, normal and large text, at 1920x1080, 1366x768 and portrait 1080x1920.
// Every text the widgets draw is checked: paragraphs, buttons, cards, list rows, bar labels, tabs,
// keyboard keys, the top bar. Frames are built without rasterizing (noRaster).
#include <fstream>
#include <map>
#include <set>

#include "diary/store.hpp"
#include "driver.hpp"
#include "l10n/linebreak.hpp"
#include "sync/simulate.hpp"

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
std::string show(Box b) {
    return std::to_string(int(b.x0)) + "," + std::to_string(int(b.y0)) + "-" + std::to_string(int(b.x1)) +
           "," + std::to_string(int(b.y1));
}

struct Stats {
    int frames = 0;
    std::map<std::string, int> kinds;
};

// One frame's layout: every failure names the screen, the text and what is wrong with it.
void checkLayout(test::Driver& d, const std::string& where, Stats& st) {
    const auto& ui = d.app().ui();
    const ImVec2 ws = ImGui::GetIO().DisplaySize;
    ++st.frames;
    for (const auto& it : ui.items()) {
        INFO(where << " item " << it.key << " "
                   << show({it.rawMin.x, it.rawMin.y, it.rawMax.x, it.rawMax.y}));
        CHECK(it.rawMin.x >= -1);
        CHECK(it.rawMax.x <= ws.x + 1);
        if (!it.scrolled) { // outside a scroll region nothing may hang off the bottom
            CHECK(it.rawMin.y >= -1);
            CHECK(it.rawMax.y <= ws.y + 1);
        }
    }
    const auto& items = ui.items();
    for (size_t i = 0; i < items.size(); ++i)
        for (size_t j = i + 1; j < items.size(); ++j) {
            if (items[i].layer != items[j].layer) continue;
            const Box a{items[i].min.x, items[i].min.y, items[i].max.x, items[i].max.y};
            const Box b{items[j].min.x, items[j].min.y, items[j].max.x, items[j].max.y};
            INFO(where << " item " << items[i].key << " " << show(a) << " overlaps item " << items[j].key
                       << " " << show(b));
            CHECK(overlapArea(a, b) < 4.f);
        }
    const auto& texts = ui.textRects();
    for (size_t i = 0; i < texts.size(); ++i) {
        const auto& t = texts[i];
        if (t.text.empty()) continue;
        ++st.kinds[ui::textKindName(t.kind)];
        INFO(where << " " << ui::textKindName(t.kind) << " \"" << t.text.substr(0, 80) << "\" at "
                   << show({t.min.x, t.min.y, t.max.x, t.max.y}) << " box "
                   << show({t.boxMin.x, t.boxMin.y, t.boxMax.x, t.boxMax.y}) << " clip "
                   << show({t.clipMin.x, t.clipMin.y, t.clipMax.x, t.clipMax.y}));
        // Never clipped sideways, never wider than its box (a button, a card, a column).
        CHECK(t.min.x >= t.clipMin.x - 1);
        CHECK(t.max.x <= t.clipMax.x + 1);
        CHECK(t.min.x >= t.boxMin.x - 1);
        CHECK(t.max.x <= t.boxMax.x + 1);
        // Never taller than its box (a label spilling out of its button or card).
        CHECK(t.min.y >= t.boxMin.y - 1);
        CHECK(t.max.y <= t.boxMax.y + 1);
        // Outside a scroll region nothing is cut at the top or bottom.
        if (!t.scrolled) {
            CHECK(t.min.y >= t.clipMin.y - 1);
            CHECK(t.max.y <= t.clipMax.y + 1);
        }
        // No word broken across lines: every line starts where ICU allows a break.
        CHECK_FALSE(t.brokeWord);
        if (t.lines.size() > 1) {
            const auto ops = l10n::lineBreakOpportunities(t.text);
            for (size_t l = 1; l < t.lines.size(); ++l) {
                INFO("line " << l << " starts inside a word: \"" << t.text.substr(t.lines[l].first, 30)
                             << "\"");
                CHECK(std::binary_search(ops.begin(), ops.end(), t.lines[l].first));
            }
        }
        const Box a = visible(t);
        if (a.x1 <= a.x0 || a.y1 <= a.y0) continue;
        for (size_t j = i + 1; j < texts.size(); ++j) {
            if (texts[j].layer != t.layer || texts[j].text.empty()) continue;
            const Box b = visible(texts[j]);
            INFO("overlaps \"" << texts[j].text.substr(0, 60) << "\" at " << show(b));
            CHECK(overlapArea(a, b) < 4.f);
        }
        for (const auto& it : items) {
            if (it.layer != t.layer) continue;
            const Box ib{it.min.x, it.min.y, it.max.x, it.max.y};
            if (overlapArea(a, ib) < 4.f || inside(a, ib)) continue; // text inside its button is fine
            INFO("half over item " << it.key << " " << show(ib));
            CHECK(false);
        }
    }
}

// The database in memory-backed /dev/shm when there is one: thousands of answers are saved with fsync,
// and the layout is what is tested here, not the disk.
struct DataDir {
    std::filesystem::path path;
    DataDir() {
        std::random_device rd;
        const std::filesystem::path shm = "/dev/shm";
        path = (std::filesystem::is_directory(shm) ? shm : std::filesystem::temp_directory_path()) /
               ("kesip-layout-" + std::to_string(rd()) + std::to_string(rd()));
        std::filesystem::create_directories(path);
    }
    ~DataDir() {
        std::error_code ec;
        std::filesystem::remove_all(path, ec);
    }
};

// Every screen of one window size, language and text size.
class LayoutRun {
  public:
    LayoutRun(int w, int h, Lang lang, bool large)
        : d_(w, h, 1.f, {}, data_.path.string(), {stick_.str()}, /*noRaster=*/true), lang_(lang),
          large_(large) {
        std::ofstream(stick_.path / "kesip-stick") << "";
        tag_ = std::to_string(w) + "x" + std::to_string(h) + " " + langCode(lang) + (large ? " large" : "");
        setLarge();
    }

    void all() {
        const catalog::Content* c = d_.app().encyclopedia();
        REQUIRE(c);
        flow::RouteParams p;
        for (const auto& f : c->fields) p.fields.push_back(f.id);
        for (const auto& o : c->occupations) p.occupations.push_back(o.id);
        for (const auto& g : c->guide) p.guidePages.push_back(g.id); // printjobs
        // studyui: institutions in 3 oblasts; min age, no institutions; min age, note and "requires"
        p.studyOccupations = {"mining_engineer", "veterinarian", "truck_driver", "blaster"};
        for (const auto& k : d_.app().ui().catalog().keys(Lang::ky))
            if (k.rfind("maint_", 0) == 0 && k != "maint_title" && k != "maint_call_staff")
                p.maintenanceReasons.push_back(k);
        REQUIRE(p.maintenanceReasons.size() >= 5);
        REQUIRE(d_.app().seedSampleEvents() > 0); // eventsui: the events screens with events on them
        const auto routes = flow::routes(p);
        std::set<ScreenId> seen;
        for (const Route& r : routes) {
            seen.insert(r.id);
            if (flow::isStaffScreen(r.id)) continue; // below, through the real PIN entry
            student(r);
        }
        CHECK(seen.size() == 27); // every ScreenId (15 + 5 diary, 3 printjobs, 2 studyui, 2 eventsui)
        staffScreens();
        INFO(tag_);
        CHECK(stats.frames > 300);
    }

    Stats stats;

  private:
    void setLarge() {
        if (d_.app().largeText() != large_) d_.tap("a11y_large_text");
        REQUIRE(d_.app().largeText() == large_);
    }
    void check(const std::string& what) {
        d_.frames(3); // layouts that depend on the last frame (scroll overflow) settle
        checkLayout(d_, what + " " + tag_, stats);
    }
    std::string name(const Route& r) { return std::string(flow::screenName(r.id)) + ":" + r.param; }
    void prepare(const Route& r) {
        d_.app().setLanguageForTest(lang_);
        d_.app().prepareScreen(r);
        d_.frames(1);
        REQUIRE(d_.screen() == r.id);
    }

    void student(const Route& r) {
        switch (r.id) {
        case ScreenId::Test:
            prepare(r);
            return testItems(r.param);
        case ScreenId::Demographics:
            prepare(r);
            for (int step = 0; step < 4 && d_.screen() == ScreenId::Demographics; ++step) {
                check(name(r) + " step " + std::to_string(step));
                d_.tap("demo_na");
            }
            return;
        case ScreenId::Field:
        case ScreenId::Occupation:
        case ScreenId::Maintenance:
            // Pages of one visit: the encyclopedia's route is prepared once, pages are opened from it.
            if (!d_.app().visitActive()) prepare({ScreenId::Encyclopedia, {}});
            d_.app().navigate(r);
            d_.frames(1);
            REQUIRE(d_.screen() == r.id);
            return check(name(r));
        case ScreenId::Results:
            if (r.param == "interest")
                prepare(r); // one sample visit for all four tabs
            else
                d_.app().navigate(r);
            d_.frames(1);
            REQUIRE(d_.screen() == r.id);
            return check(name(r));
        case ScreenId::Search: {
            prepare(r);
            check("search (empty)");
            // A query that finds occupations (the first word of a title), one that finds nothing.
            const auto& o = d_.app().encyclopedia()->occupations.front();
            const std::string title = o.title.get(lang_);
            prepare({ScreenId::Search, title.substr(0, title.find(' '))});
            CHECK(d_.app().searchQuery().size() > 0);
            check("search: found");
            prepare({ScreenId::Search, "qqqqqq"});
            return check("search: nothing");
        }
        case ScreenId::Study: // studyui: and with an oblast picked, its institutions first
            prepare(r);
            check(name(r));
            for (int i = 0; i < 8 && !d_.has("study_oblast_osh_city") && d_.has("study_page_down"); ++i) {
                d_.tap("study_page_down");
                d_.frames(2); // the page request, then the scroll, each take a frame
            }
            if (d_.has("study_oblast_osh_city")) {
                d_.tap("study_oblast_osh_city");
                check(name(r) + " osh_city first");
            }
            return;
        case ScreenId::Home:
            prepare(r);
            check("home");
            // The idle warning over the home screen.
            d_.wait(91'000);
            REQUIRE(d_.app().idleWarningShown());
            check("idle warning");
            d_.tap("idle_continue");
            return;
        default:
            prepare(r);
            return check(name(r));
        }
    }

    void testItems(const std::string& id) {
        const assess::Instrument* ins = d_.app().instrument(id);
        REQUIRE(ins);
        for (size_t i = 0; i < ins->items.size(); ++i) {
            REQUIRE(d_.screen() == ScreenId::Test);
            check("test:" + id + " item " + std::to_string(i + 1));
            if (i == 0) { // the leave dialog, once per test
                d_.tap("test_pause");
                check("test:" + id + " leave dialog");
                d_.tap("leave_stay");
            }
            d_.tap("answer_" + std::to_string(ins->answers[i % ins->answers.size()].value));
        }
        CHECK(d_.screen() == ScreenId::Results);
        check("results after test:" + id);
    }

    void staffScreens() {
        // Visits for the dashboard, then the PIN pad (with a wrong PIN's message), the staff screen.
        auto* db = d_.app().db();
        REQUIRE(db);
        sync::SimulateOptions so;
        so.sessions = 40;
        so.seed = 7;
        sync::simulate(*db, *d_.app().instrument("interest"), *d_.app().instrument("strengths"),
                       d_.app().encyclopedia(), so, d_.clock);
        store::AccessControl(*db, d_.clock).setPin(store::Grant::commandLine(), store::Role::Staff, "246813");
        store::AccessControl(*db, d_.clock)
            .setPin(store::Grant::commandLine(), store::Role::Counselor, "135724");
        // A finished visit for the counselor to open.
        d_.app().setLanguageForTest(lang_);
        d_.app().loadSampleVisit(lang_);
        const std::string code = *d_.app().sessionCode();
        d_.frames(1);
        d_.tap("home_finish");
        d_.tap("finish_done");
        REQUIRE(d_.screen() == ScreenId::Attract);
        setLarge(); // the visit's end reset the text size

        d_.hold("logo", 3200);
        REQUIRE(d_.screen() == ScreenId::Pin);
        d_.app().setLanguageForTest(lang_);
        check("pin");
        d_.typePin("000000");
        REQUIRE(d_.screen() == ScreenId::Pin);
        check("pin: wrong");
        d_.typePin("246813");
        REQUIRE(d_.screen() == ScreenId::Staff);
        d_.wait(2500); // the stick list refreshes
        check("staff");
        // eventsui: the events editor, its list and an event's form with the keyboard
        d_.tap("staff_events");
        REQUIRE(d_.screen() == ScreenId::EventEditor);
        check("event-editor");
        d_.tap("event_new");
        REQUIRE(d_.has("kb_space")); // the form, with its keyboard
        check("event-editor: new event");
        // evkbd: the whole form, page by page, with the keyboard and with it hidden
        eventFormPages("event-editor: new event");
        d_.tap("event_keyboard");
        REQUIRE_FALSE(d_.has("kb_space"));
        check("event-editor: keyboard hidden");
        eventFormPages("event-editor: keyboard hidden");
        d_.tap("nav_back");
        REQUIRE(d_.screen() == ScreenId::Staff);
        d_.tap("staff_logout");
        REQUIRE(d_.screen() == ScreenId::Attract);
        setLarge();

        d_.hold("logo", 3200);
        d_.app().setLanguageForTest(lang_);
        d_.tap("pin_role_counselor");
        check("pin: counselor");
        d_.typePin("135724");
        REQUIRE(d_.screen() == ScreenId::Counselor);
        check("counselor");
        for (char ch : code) d_.tap(std::string("code_") + ch);
        d_.tap("code_open");
        REQUIRE(d_.app().staffView()->visit.has_value());
        check("counselor: visit " + code);
        // printjobs: the counselor's diary view, its entry and a diary opened with code and PIN.
        d_.tap("nav_back");
        d_.tap("cdiary_enter");
        REQUIRE(d_.screen() == ScreenId::CounselorDiary);
        check("counselor-diary: entry");
        diary::DiaryStore diaries(*db, d_.clock);
        const auto made = diaries.create("2580", lang_, "", {});
        REQUIRE(made.ok);
        d_.tap("cdiary_code_field");
        for (char ch : made.code) d_.tap(std::string("cdiary_key_") + ch);
        d_.tap("cdiary_pin_field");
        for (char ch : std::string("2580")) d_.tap(std::string("cdiary_key_") + ch);
        d_.tap("cdiary_open");
        REQUIRE(d_.has("cdiary_close"));
        check("counselor-diary: open");
    }

    // evkbd: pages the event form down to its end, checking each page (where the form is drawn).
    void eventFormPages(const std::string& what) {
        if (!d_.has("event_editor_down")) { // a short window: the keys and their field alone
            CHECK(d_.has("kb_space"));
            return;
        }
        auto saveShown = [&] {
            for (const auto& it : d_.app().ui().items())
                if (it.key == "event_save") return it.min.y == it.rawMin.y && it.max.y == it.rawMax.y;
            return false;
        };
        for (int i = 1; i <= 20 && !saveShown(); ++i) {
            d_.tap("event_editor_down");
            check(what + " page " + std::to_string(i));
        }
        INFO(what << " " << tag_);
        CHECK(saveShown());                                     // the form's end is reachable
        for (int i = 0; i < 20; ++i) d_.tap("event_editor_up"); // back to its top
        d_.frames(2);
    }

    test::TempDir stick_;
    DataDir data_;
    test::Driver d_;
    Lang lang_;
    bool large_;
    std::string tag_;
};

void allScreens(int w, int h, bool large) {
    for (Lang lang : kLangs) {
        LayoutRun run(w, h, lang, large);
        run.all();
        std::string kinds;
        for (const auto& [k, n] : run.stats.kinds) kinds += " " + k + "=" + std::to_string(n);
        WARN(w << "x" << h << " " << langCode(lang) << (large ? " large" : "") << ": " << run.stats.frames
               << " screens checked; texts:" << kinds);
        for (const char* k :
             {"paragraph", "button", "card", "list row", "bar label", "tab", "key", "top bar"})
            CHECK(run.stats.kinds[k] > 0); // every kind of text was drawn and checked
    }
}

} // namespace

TEST_CASE("layout 1920x1080: every screen, ky and ru") {
    allScreens(1920, 1080, false);
}
TEST_CASE("layout 1920x1080: every screen with large text, ky and ru") {
    allScreens(1920, 1080, true);
}
TEST_CASE("layout 1366x768: every screen, ky and ru") {
    allScreens(1366, 768, false);
}
TEST_CASE("layout 1366x768: every screen with large text, ky and ru") {
    allScreens(1366, 768, true);
}
TEST_CASE("layout portrait 1080x1920: every screen, ky and ru") {
    allScreens(1080, 1920, false);
}
TEST_CASE("layout portrait 1080x1920: every screen with large text, ky and ru") {
    allScreens(1080, 1920, true);
}

TEST_CASE("routes() lists every screen, and every route parses back from its name") {
    const auto r = flow::routes({{"f1", "f2"}, {"o1"}, {"maint_db_io"}, {"g1"}});
    std::set<ScreenId> ids;
    for (const Route& x : r) {
        ids.insert(x.id);
        Route back;
        REQUIRE(flow::parseRoute(std::string(flow::screenName(x.id)) + (x.param.empty() ? "" : ":" + x.param),
                                 back));
        CHECK(back == x);
    }
    CHECK(ids.size() == 27); // every ScreenId (15 + 5 diary, 3 printjobs, 2 studyui, 2 eventsui)
    CHECK(std::count_if(r.begin(), r.end(), [](const Route& x) { return x.id == ScreenId::Field; }) == 2);
    CHECK(std::count_if(r.begin(), r.end(), [](const Route& x) { return x.id == ScreenId::Results; }) == 4);
}

TEST_CASE("wrapped layouts are cached: more frames of the same screen wrap nothing new") {
    test::Driver d(1920, 1080, 1.f, {}, {}, {}, true);
    d.app().prepareScreen({ScreenId::Encyclopedia, {}});
    d.frames(3);
    const size_t n = d.app().ui().cachedLayouts();
    CHECK(n > 0);
    d.frames(5);
    CHECK(d.app().ui().cachedLayouts() == n);
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

TEST_CASE("text size follows the window's short side: portrait 1080x1920 reads like landscape 1920x1080") {
    // Sized from the height, a portrait screen got 50 px body text and 38 em no longer fit its width.
    { // one app at a time (one SDL window, one ImGui context)
        test::Driver portrait(1080, 1920, 1.f, {}, {}, {}, true);
        CHECK(portrait.app().ui().fonts.bodyPx == 28);
    }
    test::Driver small(1366, 768, 1.f, {}, {}, {}, true);
    CHECK(small.app().ui().fonts.bodyPx == 20);
}
