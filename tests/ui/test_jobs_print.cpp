// "Getting a job", print-preview and the counselor's diary view (issue 11), driven through the real screens.
#include <cstdlib>

#include <sys/wait.h>

#include "diary/checks.hpp"
#include "diary/code.hpp"
#include "diary/counselor.hpp"
#include "diary/vocab.hpp"
#include "driver.hpp"
#include "l10n/catalog.hpp"

using namespace kesip;
using flow::ScreenId;

namespace {

// Printing goes to a CUPS server at a socket nobody listens on: the "no print service" case, without
// touching the machine's own CUPS. libcups reads CUPS_SERVER in each new thread (the probe's worker).
struct NoCups {
    test::TempDir dir;
    NoCups() { ::setenv("CUPS_SERVER", (dir.path / "no-cupsd.sock").c_str(), 1); }
    ~NoCups() { ::unsetenv("CUPS_SERVER"); }
};

std::string tr(test::Driver& d, const char* key) {
    return d.app().ui().tr(key);
}

} // namespace

TEST_CASE("jobs guide: from home, the contents, then a page in Kyrgyz and in Russian") {
    for (Lang lang : kLangs) {
        test::Driver d;
        d.tap(lang == Lang::ky ? "attract_ky" : "attract_ru");
        d.tap("home_jobs");
        REQUIRE(d.screen() == ScreenId::Jobs);
        const catalog::Content* c = d.app().encyclopedia();
        REQUIRE(c);
        REQUIRE(c->guide.size() >= 2);
        CHECK(d.shows(tr(d, "jobs_title")));
        // The list starts with the first page; a drag up brings the last one into view (rows off screen
        // are not tappable).
        CHECK(d.has("jobs_page_" + c->guide.front().id));
        d.drag(ImVec2(700, 900), ImVec2(700, 150));
        d.drag(ImVec2(700, 900), ImVec2(700, 150));
        CHECK(d.has("jobs_page_" + c->guide.back().id));
        CHECK(d.screen() == ScreenId::Jobs);
        CHECK(d.app().router().current().param.empty()); // a drag opens nothing
        d.drag(ImVec2(700, 200), ImVec2(700, 1000));
        d.drag(ImVec2(700, 200), ImVec2(700, 1000));
        // The second page is opened (not just the first row under the finger).
        const catalog::GuidePage& page = c->guide[1];
        d.tap("jobs_page_" + page.id);
        REQUIRE(d.screen() == ScreenId::Jobs);
        CHECK(d.app().router().current().param == page.id);
        CHECK(d.shows(page.title.get(lang)));
        REQUIRE(!page.sections.empty());
        CHECK(d.shows(page.sections.front().heading.get(lang)));
        // The other language's title is nowhere: the page follows the visitor's language.
        CHECK_FALSE(d.shows(page.title.get(lang == Lang::ky ? Lang::ru : Lang::ky)));
        // A drag scrolls the page and opens nothing.
        d.drag(ImVec2(900, 900), ImVec2(900, 300));
        CHECK(d.screen() == ScreenId::Jobs);
        CHECK(d.app().router().current().param == page.id);
        d.tap("nav_back");
        CHECK(d.app().router().current().param.empty());
    }
}

TEST_CASE("print-preview without a print service: the sheet is shown, Print is hidden with the reason, the "
          "visit goes on, the staff screen says why") {
    NoCups noCups;
    test::Driver d;
    d.app().loadSampleVisit(Lang::ru);
    d.frames(1);
    d.app().navigate({ScreenId::Results, "takeaway"});
    d.frames(2);
    d.tap("results_print");
    REQUIRE(d.screen() == ScreenId::PrintPreview);
    // The sheet of this visit: its code and the parents' section, in Russian.
    CHECK(d.shows("ABC234"));
    CHECK(d.shows(tr(d, "parents_title")));
    const std::string reason = tr(d, "print_err_no_service");
    d.waitFor([&] { return d.shows(reason); }, "the probe reports no print service");
    CHECK_FALSE(d.has("print_sheet"));
    // The visit goes on.
    d.tap("nav_home");
    CHECK(d.screen() == ScreenId::Home);
    CHECK(d.app().visitActive());
    // The CV form button is hidden too, for the same reason.
    d.tap("home_jobs");
    d.waitFor([&] { return d.shows(reason); }, "the jobs screen shows why it cannot print");
    CHECK_FALSE(d.has("jobs_print_cv"));

    d.loginAsStaff();
    REQUIRE(d.screen() == ScreenId::Staff);
    const std::string prefix = tr(d, "staff_print_unavailable").substr(0, 20);
    for (int i = 0; i < 200 && !d.shows(prefix); ++i) d.wait(2100); // each refresh polls the probe
    CHECK(d.shows(prefix));
    // The reason in the staff's language, not a raw message key.
    CHECK(d.shows(tr(d, "print_err_no_service")));
    CHECK_FALSE(d.shows("print_err_"));
}

TEST_CASE("counselor diary: the student's code and PIN open the whole diary, a note is saved, closing "
          "forgets it, a wrong PIN is refused, the staff role has no way in") {
    test::Driver d;
    store::Database& db = *d.app().db();
    const catalog::Content* c = d.app().encyclopedia();
    REQUIRE(c);
    diary::DiaryStore store(db, d.clock);
    const auto made = store.create("2580", Lang::ky, "", {});
    REQUIRE(made.ok);
    diary::Trial trial;
    trial.type = "company_visit";
    trial.month = diary::addMonths(diary::currentMonth(d.clock.wallMs()), -1);
    trial.occupation = c->occupations.front().id;
    trial.liked = {"people"};
    trial.again = "yes";
    REQUIRE(store.addTrial(made.id, trial).ok);

    store::AccessControl(db, d.clock).setPin(store::Grant::commandLine(), store::Role::Counselor, "135724");
    d.hold("logo", 3200);
    d.tap("pin_role_counselor");
    d.typePin("135724");
    REQUIRE(d.screen() == ScreenId::Counselor);
    d.tap("cdiary_enter");
    REQUIRE(d.screen() == ScreenId::CounselorDiary);
    auto typeCode = [&] {
        d.tap("cdiary_code_field");
        for (char ch : made.code) d.tap(std::string("cdiary_key_") + ch);
        d.tap("cdiary_pin_field");
    };
    // A wrong PIN: the diary's own message, nothing shown.
    typeCode();
    for (char ch : std::string("1111")) d.tap(std::string("cdiary_key_") + ch);
    d.tap("cdiary_open");
    CHECK(d.shows(tr(d, "diary_unlock_denied").substr(0, 12)));
    CHECK_FALSE(d.has("cdiary_close"));
    // The right one (the code stays typed; the PIN was cleared).
    for (char ch : std::string("2580")) d.tap(std::string("cdiary_key_") + ch);
    d.tap("cdiary_open");
    REQUIRE(d.has("cdiary_close"));
    const std::string trialType = d.app().ui().tr(diary::keyOf(diary::trialTypes(), "company_visit"));
    CHECK(d.shows(trialType));
    CHECK(d.shows(c->occupations.front().title.get(Lang::ky)));
    CHECK(d.shows(d.app().ui().tr(diary::keyOf(diary::likedChips(), "people"))));
    // A structured note reaches the diary.
    d.tap("cdiary_note_rec_internship");
    d.tap("cdiary_save_note");
    auto after = store.load(made.id);
    REQUIRE(after);
    REQUIRE(after->notes.size() == 1);
    CHECK(after->notes[0].choices == std::vector<std::string>{"rec_internship"});
    // Closing forgets it: back on the counselor screen, and the diary screen starts empty again.
    d.tap("cdiary_close");
    CHECK(d.screen() == ScreenId::Counselor);
    d.tap("cdiary_enter");
    CHECK_FALSE(d.has("cdiary_close"));
    CHECK_FALSE(d.shows(trialType));
    CHECK(d.shows(tr(d, "cdiary_code")));
    d.tap("staff_logout");

    // Staff: no entry on their screens, and core refuses a staff grant.
    d.loginAsStaff();
    REQUIRE(d.screen() == ScreenId::Staff);
    CHECK_FALSE(d.has("cdiary_enter"));
    CHECK_THROWS_AS(diary::openAsCounselor(store, store::Grant::commandLine(), made.code, "2580"),
                    store::Forbidden);
    CHECK_THROWS_AS(diary::noteAsCounselor(store, store::Grant::commandLine(), made.id, {"follow_up"}),
                    store::Forbidden);
}

namespace {
std::string runOut(const std::string& cmd) {
    std::string out;
    if (FILE* p = ::popen(cmd.c_str(), "r")) {
        char buf[4096];
        size_t n;
        while ((n = std::fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
        ::pclose(p);
    }
    return out;
}
// pdftotext joins wrapped lines with newlines: compare with whitespace folded.
std::string fold(const std::string& s) {
    std::string out;
    for (char ch : s) {
        const bool ws = ch == ' ' || ch == '\n' || ch == '\r' || ch == '\f' || ch == '\t';
        if (ws && (out.empty() || out.back() == ' ')) continue;
        out += ws ? ' ' : ch;
    }
    return out;
}
int exitOf(int rc) {
    return WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
}
} // namespace

TEST_CASE("kiosk --print-sample writes the sample sheet as a PDF with the diary code and the parents' "
          "section in the language asked, and exit 5 for a path it cannot write") {
    REQUIRE(std::system("command -v pdftotext >/dev/null 2>&1") == 0);
    test::TempDir dir;
    const std::string kiosk = executableDir() + "/kiosk";
    std::string err;
    auto cat = l10n::Catalog::open(test::localeDir(), err);
    REQUIRE(cat);
    for (Lang lang : kLangs) {
        INFO(langCode(lang));
        const std::string pdf = dir.str() + "/sheet-" + langCode(lang) + ".pdf";
        REQUIRE(exitOf(std::system(
                    (kiosk + " --print-sample " + pdf + " --lang " + langCode(lang) + " >/dev/null 2>&1")
                        .c_str())) == 0);
        const std::string text = fold(runOut("pdftotext '" + pdf + "' -"));
        // The sample diary's code (print/sample.cpp), as the sheet prints it.
        const std::string code = std::string("KSP23456") + diary::checkCharacter("KSP23456");
        CHECK(text.find(diary::formatCode(code)) != std::string::npos);
        CHECK(text.find(cat->tr(lang, "parents_title")) != std::string::npos);
        CHECK(text.find(fold(cat->tr(lang, "parents_intro")).substr(0, 40)) != std::string::npos);
        const Lang other = lang == Lang::ky ? Lang::ru : Lang::ky;
        CHECK(text.find(cat->tr(other, "parents_title")) == std::string::npos);
    }
    CHECK(exitOf(std::system(
              (kiosk + " --print-sample " + dir.str() + "/no/such/dir/x.pdf >/dev/null 2>&1").c_str())) == 5);
    CHECK(exitOf(std::system((kiosk + " --help | grep -q -- --print-sample").c_str())) == 0);
}
