// The career diary through its real screens (issue 11): started after a test with stars given before it
// existed, opened again in a later visit with code + PIN, a trial logged, a decision made; wrong PINs
// lock; "forget me" leaves no row; the next visitor sees nothing of it.
#include <regex>

#include "diary/checks.hpp"
#include "diary/store.hpp"
#include "diary/vocab.hpp"
#include "diary_steps.hpp"
#include "driver.hpp"

using namespace kesip;
using flow::ScreenId;
using test::shownCode;
using test::typeDigits;

namespace {

std::string tr(test::Driver& d, const char* key, std::initializer_list<l10n::Arg> args = {}) {
    return d.app().ui().catalog().tr(d.app().lang(), key, args);
}

std::vector<std::string> keysWithPrefix(test::Driver& d, const std::string& prefix) {
    std::vector<std::string> out;
    for (const auto& it : d.app().ui().items())
        if (it.key.rfind(prefix, 0) == 0 && it.key.rfind(prefix + "field_", 0) != 0) // not a field chip
            out.push_back(it.key.substr(prefix.size()));
    return out;
}

int64_t count(test::Driver& d, const std::string& sql) {
    return d.app().db()->queryInt(sql);
}

void typeCode(test::Driver& d, const std::string& code) {
    for (char c : code)
        if (c != '-') d.tap(std::string("dcode_") + c);
}

void answerInterest(test::Driver& d) {
    d.tap("home_interest");
    REQUIRE(d.screen() == ScreenId::Demographics);
    for (int i = 0; i < 4; ++i) d.tap("demo_na");
    const assess::Instrument* ins = d.app().instrument("interest");
    REQUIRE(ins);
    for (const auto& item : ins->items) {
        REQUIRE(d.screen() == ScreenId::Test);
        d.clock.advance(2000);
        d.tap(std::string("answer_") + (item.scale == "S" ? "5" : item.scale == "A" ? "4" : "2"));
    }
    REQUIRE(d.screen() == ScreenId::Results);
}

void idleReset(test::Driver& d) {
    d.wait(91'000);
    REQUIRE(d.app().idleWarningShown());
    d.wait(20'000);
    REQUIRE(d.screen() == ScreenId::Attract);
    REQUIRE_FALSE(d.app().visitActive());
}

// Starts a diary on the start screen with this PIN (typed twice); returns the code shown.
std::string startDiary(test::Driver& d, const std::string& pin) {
    d.tap("home_diary_start");
    REQUIRE(d.screen() == ScreenId::DiaryStart);
    typeDigits(d, pin);
    d.tap("dpin_ok");
    typeDigits(d, pin);
    d.tap("dpin_ok");
    const std::string code = shownCode(d);
    REQUIRE(!code.empty());
    CHECK(d.shows(tr(d, "diary_start_write_down")));
    d.tap("diary_open");
    REQUIRE(d.screen() == ScreenId::Diary);
    return code;
}

void unlock(test::Driver& d, const std::string& code, const std::string& pin) {
    d.tap("home_diary_continue");
    REQUIRE(d.screen() == ScreenId::DiaryUnlock);
    typeCode(d, code);
    typeDigits(d, pin);
    d.tap("dpin_ok");
}

// The next visitor: no diary open, no code anywhere, the stars of the last one not lit.
void nextVisitorSeesNothing(test::Driver& d, const std::string& code, const std::string& occupation) {
    d.tap("attract_ru");
    REQUIRE(d.screen() == ScreenId::Home);
    CHECK(d.has("home_diary_start"));
    CHECK(d.has("home_diary_continue"));
    CHECK_FALSE(d.has("home_diary_open"));
    CHECK_FALSE(d.shows(code));
    d.app().navigate({ScreenId::Occupation, occupation});
    d.frames(2);
    CHECK(d.shows(tr(d, "diary_star_save")));
    CHECK_FALSE(d.shows(tr(d, "diary_star_saved")));
    d.app().navigate({ScreenId::DiaryUnlock, {}});
    d.frames(2);
    CHECK_FALSE(d.shows(code.substr(0, 3) + " "));
}

} // namespace

TEST_CASE("diary: test, 3 stars, a diary, idle reset, back with code + PIN, a trial and a decision") {
    // Fails if stars given before the diary are not seeded into it, if the open diary survives the idle
    // reset, if code + PIN do not reopen it in a new visit (linked as a returning visit), or if the trial
    // or decision screens do not write what was tapped.
    test::Driver d;
    d.tap("attract_ky");
    answerInterest(d);
    d.tap("tab_occupations");
    const auto matches = keysWithPrefix(d, "match_");
    REQUIRE(matches.size() >= 3);
    for (size_t i = 0; i < 3; ++i) {
        d.tap("match_" + matches[i]);
        REQUIRE(d.screen() == ScreenId::Occupation);
        d.tap("star_" + matches[i]);
        CHECK(d.shows(tr(d, "diary_star_saved")));
        d.tap("nav_back");
    }
    d.tap("nav_home");
    const std::string code = startDiary(d, "2580");
    CHECK(count(d, "SELECT count(*) FROM diaries") == 1);
    CHECK(count(d, "SELECT count(*) FROM diary_saved") == 3);
    CHECK(count(d, "SELECT count(*) FROM diary_tests WHERE instrument='interest'") == 1);
    for (size_t i = 0; i < 3; ++i) {
        const int o = d.app().encyclopedia()->occupationIndex(matches[i]);
        CHECK(d.shows(d.app().encyclopedia()->occupations[size_t(o)].title.get(Lang::ky)));
    }

    idleReset(d);
    nextVisitorSeesNothing(d, code, matches[0]);

    // The student again, in a new visit: code + PIN.
    d.tap("nav_home");
    unlock(d, code, "2580");
    REQUIRE(d.screen() == ScreenId::Diary);
    CHECK(count(d, "SELECT count(*) FROM diary_visits") == 2);
    CHECK(count(d, "SELECT count(*) FROM diary_visits WHERE is_return=1") == 1);
    CHECK(d.shows(code));

    d.tap("diary_log_trial");
    REQUIRE(d.screen() == ScreenId::Trial);
    d.tap("ttype_company_visit");
    d.tapIn("tocc_" + matches[0], "trial_page");
    d.tapIn("tliked_people", "trial_page");
    d.tapIn("tagain_yes", "trial_page");
    d.tapIn("note_write", "trial_page");
    for (const char* k : {"key_7", "kb_space", "key_2"}) d.tap(k);
    CHECK(d.shows("7 2|"));
    d.tap("note_done");
    d.tapIn("trial_save", "trial_page");
    REQUIRE(d.screen() == ScreenId::Diary);
    CHECK(count(d, "SELECT count(*) FROM diary_trials WHERE type='company_visit' AND occupation='" +
                       matches[0] + "' AND liked='people' AND again='yes' AND note='7 2'") == 1);

    d.tap("diary_make_decision");
    REQUIRE(d.screen() == ScreenId::Decision);
    d.tap("dchoice_" + matches[1]);
    d.tapIn("dplanb_" + matches[2], "decision_page");
    d.tapIn("droute_college", "decision_page");
    d.tapIn("dstepkind_documents", "decision_page");
    d.tapIn("dready_yes_family", "decision_page");
    CHECK(count(d, "SELECT count(*) FROM diary_ready WHERE item='family' AND yes=1") == 1);
    d.tapIn("decision_save", "decision_page");
    REQUIRE(d.screen() == ScreenId::Diary);
    CHECK(count(d, "SELECT count(*) FROM diary_decisions WHERE choice='" + matches[1] + "' AND plan_b='" +
                       matches[2] + "' AND route='college'") == 1);
    CHECK(count(d, "SELECT count(*) FROM diary_steps WHERE step='documents'") == 1);
    const auto& chosen =
        d.app().encyclopedia()->occupations[size_t(d.app().encyclopedia()->occupationIndex(matches[1]))];
    CHECK(d.shows(tr(d, "diary_choice_line", {{"name", chosen.title.get(d.app().lang())}})));
}

TEST_CASE("diary: five wrong PINs lock that diary, and a typo and an unknown code are told apart") {
    // Fails if the unlock screen reveals whether a code exists (unknown code and wrong PIN must read the
    // same), if the check character's typo message is not shown, or if the fifth wrong PIN does not lock.
    test::Driver d;
    d.tap("attract_ky");
    diary::DiaryStore store(*d.app().db(), d.clock);
    const auto made = store.create("4826", Lang::ky, {});
    REQUIRE(made.ok);
    const std::string code = diary::formatCode(made.code);

    // A typo: one character changed; the check character catches it.
    std::string typo = made.code;
    typo[2] = typo[2] == 'A' ? 'B' : 'A';
    unlock(d, typo, "4826");
    CHECK(d.shows(tr(d, "diary_code_typo")));
    // An unknown (valid) code and a wrong PIN: one message.
    const std::string unknown = std::string("KSP23456") + diary::checkCharacter("KSP23456");
    for (int i = 0; i < 9; ++i) d.tap("dcode_back");
    typeCode(d, unknown);
    typeDigits(d, "4826");
    d.tap("dpin_ok");
    const std::string denied = tr(d, "diary_unlock_denied");
    CHECK(d.shows(denied));
    for (int i = 0; i < 9; ++i) d.tap("dcode_back");
    typeCode(d, code);
    for (int i = 0; i < 4; ++i) {
        typeDigits(d, "1357");
        d.tap("dpin_ok");
        CHECK(d.shows(denied));
        REQUIRE(d.screen() == ScreenId::DiaryUnlock);
    }
    typeDigits(d, "1357");
    d.tap("dpin_ok");
    const std::string locked = tr(d, "diary_unlock_locked", {{"minutes", 5}});
    CHECK(d.shows(locked));
    // Now even the right PIN waits.
    typeDigits(d, "4826");
    d.tap("dpin_ok");
    CHECK(d.screen() == ScreenId::DiaryUnlock);
    CHECK(d.shows(tr(d, "diary_unlock_locked", {{"minutes", 5}})));
    CHECK(count(d, "SELECT count(*) FROM diary_locks WHERE locked_until > 0") == 1);
}

TEST_CASE("diary: forget me removes every row of the diary, and the next visitor sees nothing of it") {
    // Fails if "forget me" leaves a row in any diary table (trials, decisions, steps, ready answers,
    // counselor notes, visits, tests, stars, paths, the wrong-PIN counter), or if the screens keep the
    // forgotten diary open.
    test::Driver d;
    d.tap("attract_ru");
    answerInterest(d);
    d.tap("tab_occupations");
    const auto matches = keysWithPrefix(d, "match_");
    REQUIRE(matches.size() >= 2);
    d.tap("match_" + matches[0]);
    d.tap("star_" + matches[0]);
    d.tap("nav_home");
    const std::string code = startDiary(d, "8642");
    // Everything else a diary can hold, through the store (the screens for these are tested above).
    diary::DiaryStore store(*d.app().db(), d.clock);
    const std::string id = d.app().db()->queryText("SELECT id FROM diaries");
    store.notePathSeen(id, "college");
    diary::Trial t;
    t.type = "open_day";
    t.month = diary::currentMonth(d.clock.wallMs());
    t.field = d.app().encyclopedia()->fields.front().id;
    t.note = "PRIVATE";
    REQUIRE(store.addTrial(id, t).ok);
    REQUIRE(store.setReady(id, "family", true).ok);
    diary::Decision dec;
    dec.choice = matches[0];
    dec.route = "college";
    dec.steps = {{"documents", diary::addMonths(t.month, 2), false}};
    REQUIRE(store.saveDecision(id, dec).ok);
    REQUIRE(store.addCounselorNote(id, {"follow_up"}).ok);
    store.unlock(code, "0000", diary::Actor::Student, {}); // a wrong-PIN counter for the code
    std::vector<std::string> tables;
    {
        auto s = d.app().db()->prepare("SELECT name FROM sqlite_master WHERE type='table' AND name LIKE "
                                       "'diary%' AND name <> 'diary_daily'");
        while (s.step()) tables.push_back(s.getText(0));
    }
    REQUIRE(tables.size() >= 10);
    for (const auto& table : tables) {
        INFO(table);
        CHECK(count(d, "SELECT count(*) FROM " + table) > 0);
    }

    // The diary screen's "forget me", confirmed.
    d.app().navigate({ScreenId::Home, {}});
    d.frames(1);
    d.tap("home_diary_open");
    REQUIRE(d.screen() == ScreenId::Diary);
    d.tap("diary_forget");
    CHECK(d.shows(tr(d, "diary_forget_body")));
    d.tap("diary_forget_yes");
    REQUIRE(d.screen() == ScreenId::Home);
    for (const auto& table : tables) {
        INFO(table);
        CHECK(count(d, "SELECT count(*) FROM " + table) == 0);
    }
    CHECK_FALSE(d.has("home_diary_open"));
    // The same visitor's code does not open anything any more.
    unlock(d, code, "8642");
    CHECK(d.screen() == ScreenId::DiaryUnlock);
    CHECK(d.shows(tr(d, "diary_unlock_denied")));

    d.tap("nav_home");
    d.tap("home_finish");
    d.tap("finish_done");
    REQUIRE(d.screen() == ScreenId::Attract);
    nextVisitorSeesNothing(d, code, matches[0]);
}

// --- star: the star on every occupation row, and study paths seen (issue 11, stage 2-3) ---

namespace {

// Is the star of this occupation lit, as drawn in the last frame: the lit glyph inside its button.
bool starLit(test::Driver& d, const std::string& occupation) {
    const std::string lit = tr(d, "diary_star_row_on"), key = "star_" + occupation;
    const auto& items = d.app().ui().items();
    const auto it =
        std::find_if(items.begin(), items.end(), [&](const ui::HitItem& i) { return i.key == key; });
    REQUIRE(it != items.end());
    const auto& rects = d.app().ui().textRects();
    return std::any_of(rects.begin(), rects.end(), [&](const ui::Ui::TextRect& r) {
        return r.text == lit && r.min.x >= it->rawMin.x && r.max.x <= it->rawMax.x &&
               r.min.y >= it->rawMin.y && r.max.y <= it->rawMax.y;
    });
}

// The interest test from home, answered for a nurse (S, then I, then C): the nurse comes first in the
// matches, on screen without scrolling.
void answerAsNurse(test::Driver& d) {
    d.tap("home_interest");
    for (int i = 0; i < 4; ++i) d.tap("demo_na");
    for (const auto& item : d.app().instrument("interest")->items) {
        const int like = item.scale == "S" ? 5 : item.scale == "I" ? 4 : item.scale == "C" ? 3 : 1;
        d.clock.advance(2000);
        d.tap("answer_" + std::to_string(item.reverse ? 6 - like : like));
    }
    REQUIRE(d.screen() == ScreenId::Results);
}

void goHome(test::Driver& d) {
    if (d.screen() != ScreenId::Home) d.tap("nav_home");
}

// The search screen from home, the query typed on the keyboard's first layout.
void searchFor(test::Driver& d, const std::vector<std::string>& letters) {
    goHome(d);
    d.tap("home_encyclopedia");
    d.tap("enc_search");
    REQUIRE(d.screen() == ScreenId::Search);
    d.tap("kb_clear");
    for (const auto& k : letters) d.tap("key_" + k);
}

// "Where to study" of an occupation, through the encyclopedia, its field's list and its page.
void openStudy(test::Driver& d, const std::string& occupation) {
    const catalog::Content& c = *d.app().encyclopedia();
    goHome(d);
    d.tap("home_encyclopedia");
    d.tap("field_" + c.occupations[size_t(c.occupationIndex(occupation))].field);
    d.tapIn("occ_" + occupation, "field_list");
    REQUIRE(d.screen() == ScreenId::Occupation);
    d.tapIn("occ_study", "occ_page");
    REQUIRE(d.app().router().current() == flow::Route{ScreenId::Study, occupation});
    d.frames(2);
}

// The diary map's line of study paths looked at ("" when it shows none).
std::string pathsLine(test::Driver& d) {
    const std::string prefix = tr(d, "diary_paths", {{"list", ""}});
    for (const auto& t : d.app().ui().texts())
        if (t.rfind(prefix, 0) == 0) return t;
    return {};
}

} // namespace

TEST_CASE("diary stars: lit on results, the same on the occupation page, the field list and the map, unlit "
          "on search") {
    // Fails if a row's star keeps its own state (the occupation page, the field list or search would not
    // show a star given on the results), if the results or search star does not toggle the visit's
    // stars, or if a star taken back on search still goes into the diary started afterwards.
    test::Driver d;
    d.tap("attract_ky");
    answerAsNurse(d);
    d.tap("tab_occupations");
    const auto matches = keysWithPrefix(d, "match_");
    REQUIRE(std::count(matches.begin(), matches.end(), "nurse") == 1);
    const std::string other = matches[0] == "nurse" ? matches[1] : matches[0];
    for (const auto& m : matches)
        if (d.has("star_" + m)) CHECK_FALSE(starLit(d, m)); // not a row cut at the list's bottom
    d.tap("star_nurse");
    d.tap("star_" + other);
    CHECK(starLit(d, "nurse"));
    CHECK(starLit(d, other));

    d.tap("match_nurse");
    REQUIRE(d.screen() == ScreenId::Occupation);
    CHECK(d.shows(tr(d, "diary_star_saved")));
    CHECK_FALSE(d.shows(tr(d, "diary_star_save")));
    d.tap("nav_home");
    d.tap("home_encyclopedia");
    d.tap("field_health");
    d.tapIn("star_nurse", "field_list"); // on screen now; this tap takes the star back...
    CHECK_FALSE(starLit(d, "nurse"));
    d.tap("star_nurse"); // ...and this gives it again, on the field's list
    CHECK(starLit(d, "nurse"));

    searchFor(d, {"м", "е", "д", "а", "й"});
    REQUIRE(d.has("result_nurse"));
    CHECK(starLit(d, "nurse"));
    d.tap("star_nurse");
    CHECK_FALSE(starLit(d, "nurse"));
    d.tap("result_nurse");
    CHECK(d.shows(tr(d, "diary_star_save")));

    d.tap("nav_home");
    startDiary(d, "1470");
    CHECK(d.has("dsaved_" + other));
    CHECK_FALSE(d.has("dsaved_nurse"));
    CHECK(count(d, "SELECT count(*) FROM diary_saved") == 1);
    CHECK(count(d, "SELECT count(*) FROM diary_saved WHERE occupation='" + other +
                       "' AND source='results'") == 1);

    // With the diary open, a star on search goes straight into it.
    searchFor(d, {"м", "е", "д", "а", "й"});
    d.tap("star_nurse");
    CHECK(starLit(d, "nurse"));
    CHECK(count(d, "SELECT count(*) FROM diary_saved WHERE occupation='nurse' AND source='search'") == 1);
    d.tap("nav_home");
    d.tap("home_diary_open");
    CHECK(d.has("dsaved_nurse"));
}

TEST_CASE("diary paths: the study routes seen before a diary is started are on its map, later ones go "
          "straight in") {
    // Fails if the study screen never sends DiaryPathSeen, if the paths remembered for the visit are not
    // written into the diary started afterwards, or if the diary map does not show them.
    test::Driver d;
    d.tap("attract_ky");
    openStudy(d, "nurse"); // routes: college (after grade 9 or 11), university
    d.tap("nav_home");
    startDiary(d, "3690");
    CHECK(count(d, "SELECT count(*) FROM diary_paths") == 2);
    std::string line = pathsLine(d);
    CHECK(line.find(tr(d, "edu_college")) != std::string::npos);
    CHECK(line.find(tr(d, "edu_university")) != std::string::npos);

    // An occupation with a route the nurse lacks, looked at with the diary open.
    const catalog::Content& c = *d.app().encyclopedia();
    std::string occupation, path;
    for (const auto& o : c.occupations)
        for (const auto& e : o.education)
            if (path.empty() && e.path != "college" && e.path != "university" && !e.entry.empty())
                occupation = o.id, path = e.path;
    REQUIRE(!path.empty());
    openStudy(d, occupation);
    CHECK(count(d, "SELECT count(*) FROM diary_paths WHERE path='" + path + "'") == 1);
    d.tap("nav_home");
    d.tap("home_diary_open");
    line = pathsLine(d);
    const char* key = diary::keyOf(diary::routes(), path);
    REQUIRE(key);
    CHECK(line.find(tr(d, key)) != std::string::npos);
}

TEST_CASE("diary stars and paths: the idle reset forgets what the last visitor starred and looked at") {
    // Fails if the stars or study paths remembered before a diary outlive the visit: the next visitor
    // would see the star lit and find them in a diary of their own.
    test::Driver d;
    d.tap("attract_ky");
    searchFor(d, {"м", "е", "д", "а", "й"});
    d.tap("star_nurse");
    REQUIRE(starLit(d, "nurse"));
    openStudy(d, "nurse");
    idleReset(d);

    d.tap("attract_ru");
    searchFor(d, {"м", "е", "д", "а", "й"});
    REQUIRE(d.has("star_nurse"));
    CHECK_FALSE(starLit(d, "nurse"));
    d.tap("nav_home");
    startDiary(d, "2581");
    CHECK(count(d, "SELECT count(*) FROM diary_saved") == 0);
    CHECK(count(d, "SELECT count(*) FROM diary_paths") == 0);
    CHECK(pathsLine(d).empty());
    CHECK(d.shows(tr(d, "diary_saved_none")));
}

TEST_CASE("diary stars on results and search rows are touch-sized in ky and ru, in high contrast too") {
    // Fails if a row's star is smaller than UX.md's 64 px target, if it is not drawn on every row of the
    // results' matches and of the search hits, or if read-aloud does not say that an occupation is saved.
    // Saves the screenshots looked at.
    for (Lang lang : kLangs) {
        test::Driver d;
        d.tap(lang == Lang::ky ? "attract_ky" : "attract_ru");
        answerAsNurse(d);
        d.tap("tab_occupations");
        d.tap("star_nurse");
        auto checkStars = [&](const std::string& rowPrefix) {
            size_t rows = 0, stars = 0;
            for (const auto& it : d.app().ui().items()) {
                if (it.key.rfind(rowPrefix, 0) == 0 && it.key.rfind("match_field_", 0) != 0 &&
                    it.max.y - it.min.y >= 64.f) // a row cut at the list's bottom may show no star
                    ++rows;
                if (it.key.rfind("star_", 0) != 0 || it.max.y - it.min.y < 2.f) continue; // half scrolled out
                ++stars;
                INFO(it.key);
                CHECK(it.rawMax.x - it.rawMin.x >= 64.f);
                CHECK(it.rawMax.y - it.rawMin.y >= 64.f);
            }
            CHECK(rows > 0);
            CHECK(stars >= rows);
        };
        checkStars("match_");
        CHECK(starLit(d, "nurse"));
        // Read aloud, the star's state follows the title, in the visitor's language.
        REQUIRE(d.app().readAloudAvailable()); // ctest runs these with SDL's dummy audio driver
        const catalog::Content& c = *d.app().encyclopedia();
        const std::string nurse = c.occupations[size_t(c.occupationIndex("nurse"))].title.get(lang);
        CHECK(d.app().speakTextForTest().find(nurse + ". " + tr(d, "star_readout_saved")) !=
              std::string::npos);
        std::filesystem::create_directories(KESIP_SCREENSHOT_DIR);
        const std::string dir = std::string(KESIP_SCREENSHOT_DIR) + "/", l = lang == Lang::ky ? "ky" : "ru";
        std::string err;
        CHECK(d.app().platform().writeScreenshot(dir + "star-results-" + l + ".png", err));
        searchFor(d, {"м", "е", "д"});
        checkStars("result_");
        CHECK(starLit(d, "nurse"));
        CHECK(d.app().platform().writeScreenshot(dir + "star-search-" + l + ".png", err));
        d.tap("a11y_contrast");
        CHECK(starLit(d, "nurse"));
        CHECK(d.app().platform().writeScreenshot(dir + "star-search-contrast-" + l + ".png", err));
    }
}
