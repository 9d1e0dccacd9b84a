// "Where to study" and the institutions screen (issue 12), driven through the real screens: from the
// results to the study page with the visitor's oblast first, the oblast picker, an occupation nobody
// teaches yet, and browsing institutions by oblast and kind.
#include <imgui_internal.h>

#include "catalog/study.hpp"
#include "driver.hpp"
#include "shots.hpp"

using namespace kesip;
using flow::ScreenId;

namespace {

// Where a text was first drawn, whole, in the last frame (draw order is top to bottom on these pages);
// npos when it was not drawn. Whole texts: one institution's name can begin another's.
size_t drawnAt(test::Driver& d, const std::string& text) {
    const auto& t = d.app().ui().texts();
    for (size_t i = 0; i < t.size(); ++i)
        if (t[i] == text) return i;
    return std::string::npos;
}

const catalog::Content& contentOf(test::Driver& d) {
    const catalog::Content* c = d.app().encyclopedia();
    REQUIRE(c);
    return *c;
}

std::string institutionName(test::Driver& d, const std::string& id) {
    const catalog::Content& c = contentOf(d);
    const int i = c.institutionIndex(id);
    REQUIRE(i >= 0);
    return c.institutions[size_t(i)].name.get(d.app().lang());
}

// The interest test answered so that the occupation's own interest types score highest.
void answerLike(test::Driver& d, const std::string& occupationId) {
    const catalog::Content& c = contentOf(d);
    const std::string code = c.occupations[size_t(c.occupationIndex(occupationId))].riasec;
    const assess::Instrument* ins = d.app().instrument("interest");
    REQUIRE(ins);
    for (size_t i = 0; i < ins->items.size(); ++i) {
        REQUIRE(d.screen() == ScreenId::Test);
        const size_t rank = code.find(ins->items[i].scale);
        const int v = rank == 0 ? 5 : rank == 1 ? 4 : rank == 2 ? 3 : 1;
        d.clock.advance(2500); // reading time: answers faster than reading mark the result unreliable
        d.tap("answer_" + std::to_string(ins->items[i].reverse ? 6 - v : v));
    }
}

// Pages a scroll region down until the item is on screen. A page request is applied one frame after the
// tap and the scroll one frame after that: the frames in between let the item positions settle.
void pageTo(test::Driver& d, const std::string& region, const std::string& key) {
    for (int i = 0; i < 10 && !d.has(key); ++i) {
        d.tap(region + "_down");
        d.frames(2);
    }
}

void openStudyFromEncyclopedia(test::Driver& d, const std::string& occupationId) {
    d.tap("home_encyclopedia");
    const catalog::Content& c = contentOf(d);
    d.tap("field_" + c.occupations[size_t(c.occupationIndex(occupationId))].field);
    pageTo(d, "field_list", "occ_" + occupationId);
    d.tap("occ_" + occupationId);
    REQUIRE(d.screen() == ScreenId::Occupation);
    pageTo(d, "occ_page", "occ_study");
    d.tap("occ_study");
    REQUIRE(d.screen() == ScreenId::Study);
    CHECK(d.app().router().current().param == occupationId);
}

void screenshot(test::Driver& d, const std::string& name) {
    std::filesystem::create_directories(KESIP_SCREENSHOT_DIR);
    std::string err;
    INFO(err);
    CHECK(d.app().platform().writeScreenshot(std::string(KESIP_SCREENSHOT_DIR) + "/" + name + ".png", err));
}

} // namespace

TEST_CASE("from the results to where to study: the oblast answered in the demographics comes first") {
    // Fails if the study page ignores the demographics answer (Bishkek's KNAU would come first), or if
    // the results' "where to study" button opens the occupation page instead.
    for (Lang lang : kLangs) {
        test::Driver d;
        d.tap(lang == Lang::ky ? "attract_ky" : "attract_ru");
        d.tap("home_interest");
        REQUIRE(d.screen() == ScreenId::Demographics);
        for (const char* k : {"demo_15_17", "demo_na", "demo_school_11", "demo_osh_city"}) d.tap(k);
        answerLike(d, "veterinarian");
        REQUIRE(d.screen() == ScreenId::Results);
        d.tap("tab_occupations");
        REQUIRE(d.has("results_study_veterinarian"));
        d.tap("results_study_veterinarian");
        REQUIRE(d.screen() == ScreenId::Study);
        CHECK(d.app().router().current().param == "veterinarian");
        // Osh State University (Osh city) before the Bishkek universities that teach it.
        const size_t osh = drawnAt(d, institutionName(d, "oshsu")),
                     bishkek = drawnAt(d, institutionName(d, "knau"));
        REQUIRE(osh != std::string::npos);
        REQUIRE(bishkek != std::string::npos);
        CHECK(osh < bishkek);
        CHECK(d.shows(d.app().ui().tr("study_your_oblast")));
        CHECK(d.shows(d.app().ui().tr("study_other_oblasts")));
        // Each card says when its facts were read, in the visitor's language (ICU's long date, its narrow
        // no-break space made a plain one).
        const catalog::Institution& oshsu =
            contentOf(d).institutions[size_t(contentOf(d).institutionIndex("oshsu"))];
        std::string date = d.app().ui().catalog().formatDate(lang, catalog::checkedDateMs(oshsu.checked));
        REQUIRE(date.find(oshsu.checked.substr(0, 4)) != std::string::npos);
        for (size_t p; (p = date.find("\u202F")) != std::string::npos;) date.replace(p, 3, "\u00A0");
        CHECK(d.shows(d.app().ui().tr("study_as_of", {{"date", date}})));
        // Every code point drawn has a glyph (ICU's dates bring spaces the atlas may not have).
        for (const std::string& text : d.app().ui().texts()) {
            const char* p = text.c_str();
            while (p < text.c_str() + text.size()) {
                unsigned int cp = 0;
                p += ImTextCharFromUtf8(&cp, p, text.c_str() + text.size());
                INFO(text << ": U+" << std::hex << cp);
                if (cp != '\n') CHECK(d.app().ui().fonts.body->FindGlyphNoFallback(ImWchar(cp)) != nullptr);
            }
        }
        screenshot(d, std::string("study-visitor-oblast-") + langCode(lang));
        // The row itself still opens the occupation, whose page leads to the same study page.
        d.tap("nav_back");
        d.tap("match_veterinarian");
        REQUIRE(d.screen() == ScreenId::Occupation);
        pageTo(d, "occ_page", "occ_study");
        d.tap("occ_study");
        CHECK(d.app().router().current() == flow::Route{ScreenId::Study, "veterinarian"});
    }
}

TEST_CASE("the oblast picker on the study page puts that oblast first, for the rest of the visit only") {
    // Fails if a pick does not reorder, if it is forgotten on the next occupation, or if the next visitor
    // inherits it.
    test::Driver d;
    d.tap("attract_ru");
    openStudyFromEncyclopedia(d, "mining_engineer");
    // Taught in Bishkek (KRSU among others), Osh and Batken (Kyzyl-Kiya).
    const std::string krsu = institutionName(d, "krsu"),
                      batken = institutionName(d, "kyzyl_kiya_natural_resources_institute");
    CHECK(d.shows(d.app().ui().tr("study_pick_oblast"))); // no demographics answered: nothing first
    REQUIRE(drawnAt(d, batken) != std::string::npos);
    CHECK(drawnAt(d, krsu) < drawnAt(d, batken)); // Bishkek, then the oblasts in order
    d.tap("study_oblast_batken");
    CHECK(d.screen() == ScreenId::Study);
    CHECK(drawnAt(d, batken) < drawnAt(d, krsu));
    CHECK(d.shows(d.app().ui().tr("study_your_oblast")));
    screenshot(d, "study-picked-ru");
    // Another occupation of the same visit: Batken still first (the veterinarian's list has no Batken
    // institution, so the page says so and shows the others).
    d.tap("nav_home");
    openStudyFromEncyclopedia(d, "veterinarian");
    CHECK(
        d.shows(d.app().ui().tr("study_none_in_oblast", {{"name", d.app().ui().tr("demo_oblast_batken")}})));
    // The next visitor starts without it.
    d.tap("nav_home");
    d.tap("home_finish");
    d.tap("finish_done");
    d.tap("attract_ru");
    openStudyFromEncyclopedia(d, "mining_engineer");
    CHECK(d.shows(d.app().ui().tr("study_pick_oblast")));
    CHECK(drawnAt(d, krsu) < drawnAt(d, batken));
}

TEST_CASE("an occupation no institution in the list teaches says ask the centre, with its routes and age") {
    // Fails if the page shows an empty list, or drops the minimum age and the under-18 note.
    for (Lang lang : kLangs) {
        test::Driver d;
        d.tap(lang == Lang::ky ? "attract_ky" : "attract_ru");
        const catalog::Content& c = contentOf(d);
        const catalog::Occupation& o = c.occupations[size_t(c.occupationIndex("truck_driver"))];
        REQUIRE(c.institutionsTeaching(o.id).empty());
        REQUIRE(o.minAge == 18);
        REQUIRE(o.ageNote);
        openStudyFromEncyclopedia(d, o.id);
        CHECK(d.shows(d.app().ui().tr("study_no_institutions")));
        CHECK(d.shows(d.app().ui().tr("study_min_age", {{"n", 18}})));
        CHECK(d.shows(o.ageNote->get(lang)));
        CHECK(d.shows(d.app().ui().tr("study_group_course")));
        CHECK(d.shows(d.app().ui().tr("study_group_grade11")));
        CHECK_FALSE(d.has("study_oblast_osh")); // no picker over an empty list
        // The way on: the list of all institutions.
        d.tap("study_all_institutions");
        CHECK(d.app().router().current() == flow::Route{ScreenId::Institutions, ""});
    }
}

TEST_CASE("the institutions screen filters by oblast and by kind") {
    // Fails if a filter is ignored (another oblast's or kind's institution still listed) or if choosing
    // one filter drops the other.
    test::Driver d;
    d.tap("attract_ky");
    d.tap("home_encyclopedia");
    d.tap("enc_institutions");
    REQUIRE(d.screen() == ScreenId::Institutions);
    const catalog::Content& c = contentOf(d);
    const auto& ui = d.app().ui();
    CHECK(d.shows(ui.tr("inst_count", {{"n", int(c.institutions.size())}})));
    for (const auto& in : c.institutions) CHECK(drawnAt(d, in.name.ky) != std::string::npos);

    d.tap("inst_oblast_naryn");
    CHECK(d.app().router().current() == flow::Route{ScreenId::Institutions, "naryn"});
    const auto shownExactly = [&](const std::string& oblast, const std::string& kind) {
        int n = 0;
        for (const auto& in : c.institutions) {
            const bool in_ = in.oblast == oblast && (kind.empty() || in.kind == kind);
            INFO(in.id << " " << in.oblast << " " << in.kind);
            CHECK((drawnAt(d, in.name.ky) != std::string::npos) == in_);
            n += in_;
        }
        return n;
    };
    const int naryn = shownExactly("naryn", "");
    CHECK(naryn > 0);
    CHECK(d.shows(ui.tr("inst_count", {{"n", naryn}})));

    d.tap("inst_kind_lyceum");
    CHECK(d.app().router().current() == flow::Route{ScreenId::Institutions, "naryn:lyceum"});
    CHECK(shownExactly("naryn", "lyceum") > 0);

    d.tap("inst_oblast_chui"); // the kind stays
    CHECK(d.app().router().current() == flow::Route{ScreenId::Institutions, "chui:lyceum"});
    CHECK(shownExactly("chui", "lyceum") > 0);

    d.tap("inst_kind_university"); // none in Chui: the screen says so and where to ask
    CHECK(shownExactly("chui", "university") == 0);
    CHECK(d.shows(ui.tr("inst_none")));

    d.tap("inst_oblast_all");
    CHECK(d.app().router().current() == flow::Route{ScreenId::Institutions, "all:university"});
    d.tap("inst_kind_all");
    CHECK(d.app().router().current() == flow::Route{ScreenId::Institutions, ""});
    // Back leaves the screen (filters replace it, they do not stack).
    d.tap("nav_back");
    CHECK(d.screen() == ScreenId::Encyclopedia);
}

TEST_CASE("where to study and the institutions screens in ky and ru") {
    test::screenshotsLookRight(
        {"study:mining_engineer", "study:truck_driver", "institutions", "institutions:naryn"});
}

// evkbd
TEST_CASE("read aloud on where to study and the institutions screen: the routes and institutions shown, in "
          "the visitor's language") {
    // Fails if the study or institutions screen has no read-aloud text (no speaker button), if the text
    // leaves out the routes with their durations or the institutions, or if it is read in the other
    // language than the one on screen.
    for (Lang lang : kLangs) {
        const Lang other = lang == Lang::ky ? Lang::ru : Lang::ky;
        test::Driver d;
        REQUIRE(d.app().readAloudAvailable());
        d.tap(lang == Lang::ky ? "attract_ky" : "attract_ru");
        openStudyFromEncyclopedia(d, "veterinarian");
        REQUIRE(d.has("a11y_speak"));
        const std::string said = d.app().speakTextForTest();
        INFO(langCode(lang) << ": " << said);
        const catalog::Content& c = contentOf(d);
        const catalog::Occupation& o = c.occupations[size_t(c.occupationIndex("veterinarian"))];
        CHECK(said.find(o.title.get(lang)) != std::string::npos);
        CHECK(said.find(o.title.get(other)) == std::string::npos);
        // Every route line the page draws ("· path — duration"), its path and duration, in that order.
        const std::string dot = "\xC2\xB7 ", dash = " \xE2\x80\x94 ";
        int routes = 0;
        for (const std::string& text : d.app().ui().texts()) {
            const size_t at = text.find(dash);
            if (text.rfind(dot, 0) != 0 || at == std::string::npos) continue;
            const std::string path = text.substr(dot.size(), at - dot.size());
            std::string duration = text.substr(at + dash.size());
            duration = duration.substr(0, duration.find(" \xC2\xB7 ")); // the national test follows
            INFO(text);
            CHECK(said.find(path + ", " + duration) != std::string::npos);
            ++routes;
        }
        size_t shown = 0; // every route of the occupation is drawn and read
        for (const auto& g : catalog::routeGroups(o)) shown += g.paths.size();
        CHECK(routes >= 1);
        CHECK(size_t(routes) == shown);
        // The institutions shown, each with its town: Bishkek's agrarian university among them.
        const catalog::Institution& knau = c.institutions[size_t(c.institutionIndex("knau"))];
        REQUIRE(drawnAt(d, knau.name.get(lang)) != std::string::npos);
        CHECK(said.find(knau.name.get(lang) + ", ") != std::string::npos);
        CHECK(said.find(knau.town.get(lang)) != std::string::npos);
        if (knau.name.get(other) != knau.name.get(lang))
            CHECK(said.find(knau.name.get(other)) == std::string::npos);

        // The institutions screen, filtered to Osh city: its title and each institution listed there.
        pageTo(d, "study_page", "study_oblast_osh_city");
        d.tap("study_oblast_osh_city");
        pageTo(d, "study_page", "study_all_institutions");
        d.tap("study_all_institutions");
        REQUIRE(d.screen() == ScreenId::Institutions);
        REQUIRE(d.has("a11y_speak"));
        const std::string list = d.app().speakTextForTest();
        INFO(list);
        CHECK(list.find(d.app().ui().tr("inst_title")) == 0);
        const std::vector<int> osh = c.institutionsIn("osh_city");
        REQUIRE(osh.size() >= 2);
        for (int i : osh) {
            const std::string name = c.institutions[size_t(i)].name.get(lang);
            CHECK(drawnAt(d, name) != std::string::npos);
            CHECK(list.find(name) != std::string::npos);
        }
        CHECK(list.find(institutionName(d, "knau")) == std::string::npos); // not in Osh city
    }
}
