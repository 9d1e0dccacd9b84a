// Printing the student's sheet through a real CUPS daemon started by this test (shared/DESIGN.md §5): a
// private cupsd with its own configuration, socket and spool, running backends as lp, and a "capture"
// backend that writes each job to a file. The job must arrive as the PDF the kiosk rendered, its text
// must hold the diary code, the occupations and the parents' page in the visitor's language, and a
// missing, stopped, paperless, offline or refusing printer must be told apart.
//
// cupsd refuses to run without root: without it (or without cupsd, lpadmin, pdftotext) the test exits 77,
// which ctest reports as skipped.
#define CATCH_CONFIG_RUNNER
#include <catch2/catch.hpp>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <sys/stat.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

#include "../ui/driver.hpp"
#include "../unit/helpers.hpp"
#include "assess/instrument.hpp"
#include "catalog/content.hpp"
#include "diary/code.hpp"
#include "l10n/catalog.hpp"
#include "print/printer.hpp"
#include "print/sample.hpp"

using namespace kesip;
using namespace kesip::print;
namespace fs = std::filesystem;

namespace {

constexpr int kSkip = 77;

bool haveTool(const char* t) {
    return std::system((std::string("command -v ") + t + " >/dev/null 2>&1").c_str()) == 0;
}

std::string run(const std::string& cmd) {
    std::string out;
    if (FILE* p = ::popen(cmd.c_str(), "r")) {
        char buf[4096];
        size_t n;
        while ((n = std::fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
        ::pclose(p);
    }
    return out;
}

std::string slurp(const std::string& path) {
    std::ifstream f(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(f), {});
}

std::string fold(const std::string& s) {
    std::string out;
    for (char c : s) {
        const bool ws = c == ' ' || c == '\n' || c == '\r' || c == '\f' || c == '\t';
        if (ws && (out.empty() || out.back() == ' ')) continue;
        out += ws ? ' ' : c;
    }
    return out;
}

// Waits for a condition with a generous deadline; false (the caller fails, naming it) when it expires.
template <class F> bool eventually(F cond, int seconds = 30) {
    const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(seconds);
    while (!cond()) {
        if (std::chrono::steady_clock::now() > until) return false;
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return true;
}

// The capture backend: discovery without arguments; otherwise copies the job ($6, or stdin) to the path
// in DEVICE_URI. Paths naming a fault act it out: no paper (the queue stops), or a printer switched off
// (the backend waits for it, as the usb backend does).
const char* kBackend = R"sh(#!/bin/sh
if [ $# -eq 0 ]; then echo 'direct capture "Unknown" "Kesip test capture"'; exit 0; fi
out="${DEVICE_URI#capture:}"
case "$out" in
  *nopaper*) echo "STATE: +media-empty-error" >&2; echo "ERROR: out of paper" >&2; exit 4 ;;
  *offline*) echo "STATE: +offline-report" >&2; echo "INFO: waiting for the printer" >&2; exec sleep 120 ;;
esac
if [ -n "$6" ]; then cat "$6" > "$out.part"; else cat > "$out.part"; fi
mv "$out.part" "$out"
exit 0
)sh";

class PrivateCups {
  public:
    PrivateCups() {
        dir_ = fs::temp_directory_path() / ("kesip-cups-" + std::to_string(::getpid()));
        fs::remove_all(dir_);
        for (const char* d : {"bin/backend", "spool", "cache", "state", "log", "out", "conf"})
            fs::create_directories(dir_ / d);
        fs::permissions(dir_, fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec |
                                  fs::perms::others_read | fs::perms::others_exec);
        fs::permissions(dir_ / "out", fs::perms::all); // the backend runs as lp
        for (auto& e : fs::directory_iterator("/usr/lib/cups"))
            if (e.path().filename() != "backend")
                fs::create_symlink(e.path(), dir_ / "bin" / e.path().filename());
        { std::ofstream(dir_ / "bin/backend/capture") << kBackend; }
        fs::permissions(dir_ / "bin/backend/capture", fs::perms::owner_all | fs::perms::group_read |
                                                          fs::perms::group_exec | fs::perms::others_read |
                                                          fs::perms::others_exec);
        const std::string d = dir_.string();
        std::ofstream(dir_ / "conf/cupsd.conf")
            << "Listen " << d << "/cups.sock\nLogLevel info\nWebInterface No\n"
            << "Browsing Off\nErrorPolicy stop-printer\n"
            << "<Location />\n  Order allow,deny\n  Allow all\n</Location>\n"
            << "<Policy default>\n  <Limit All>\n    Order deny,allow\n"
            << "  </Limit>\n</Policy>\n";
        std::ofstream(dir_ / "conf/cups-files.conf")
            << "User lp\nGroup lp\nSystemGroup root\nServerRoot " << d << "/conf\nServerBin " << d << "/bin\n"
            << "RequestRoot " << d << "/spool\nCacheDir " << d << "/cache\nStateDir " << d << "/state\n"
            << "TempDir " << d << "/spool\nErrorLog " << d << "/log/error_log\nAccessLog " << d
            << "/log/access_log\nPageLog " << d << "/log/page_log\nDataDir /usr/share/cups\n";
        start();
    }
    ~PrivateCups() {
        stop();
        std::error_code ec;
        fs::remove_all(dir_, ec);
    }

    void start() {
        const std::string conf = (dir_ / "conf/cupsd.conf").string(),
                          files = (dir_ / "conf/cups-files.conf").string();
        const std::string log = (dir_ / "log/cupsd.out").string();
        pid_ = ::fork();
        if (pid_ == 0) {
            const int fd = ::open(log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
            if (fd >= 0) ::dup2(fd, 1), ::dup2(fd, 2);
            ::execlp("cupsd", "cupsd", "-f", "-c", conf.c_str(), "-s", files.c_str(), (char*)nullptr);
            ::_exit(127);
        }
        ready_ = eventually([&] { return lp("lpstat -r").find("is running") != std::string::npos; });
    }
    void stop() {
        if (pid_ > 0) {
            ::kill(pid_, SIGTERM);
            int status = 0;
            if (!eventually([&] { return ::waitpid(pid_, &status, WNOHANG) == pid_; })) {
                ::kill(pid_, SIGKILL);
                ::waitpid(pid_, &status, 0);
            }
            pid_ = -1;
        }
    }
    bool ready() const { return ready_; }
    std::string socket() const { return (dir_ / "cups.sock").string(); }
    std::string out(const std::string& name) const { return (dir_ / "out" / name).string(); }
    std::string errorLog() const {
        return slurp((dir_ / "log/error_log").string()) + slurp((dir_ / "log/cupsd.out").string());
    }
    // Runs a CUPS command-line tool against this daemon.
    std::string lp(const std::string& cmd) const {
        return run("CUPS_SERVER='" + socket() + "' " + cmd + " 2>&1");
    }
    void addQueue(const std::string& name) const {
        REQUIRE(lp("lpadmin -p " + name + " -E -v capture:" + out(name)).empty());
    }

  private:
    fs::path dir_;
    pid_t pid_ = -1;
    bool ready_ = false;
};

PrivateCups* gCups = nullptr;

struct World {
    std::unique_ptr<l10n::Catalog> cat;
    assess::Instrument interest, strengths;
    catalog::Content content;
};
const World& world() {
    static const World w = [] {
        World x;
        std::string err;
        x.cat = l10n::Catalog::open(test::localeDir(), err);
        INFO(err);
        REQUIRE(x.cat);
        std::vector<content::Problem> ps;
        auto i = assess::loadInstrument(test::sourceDir() + "/assets/instruments/interest.json",
                                        assess::interestSpec(), ps);
        auto s = assess::loadInstrument(test::sourceDir() + "/assets/instruments/strengths.json",
                                        assess::strengthsSpec(), ps);
        auto c = catalog::readSources(test::sourceDir() + "/assets/encyclopedia", ps);
        REQUIRE((i && s && c));
        x.interest = *i;
        x.strengths = *s;
        x.content = *c;
        return x;
    }();
    return w;
}

PrinterTarget target(const std::string& printer) {
    PrinterTarget t;
    t.printer = printer;
    t.server = gCups->socket();
    return t;
}

// Prints through the task the UI uses and polls it as the UI does, until it is done.
JobProgress printAndWait(const PrinterTarget& t, Document doc) {
    SystemClock clock;
    auto task = startPrint(clock, 60'000, t, std::move(doc));
    PrintTask::Snapshot s;
    const bool finished = eventually(
        [&] {
            s = task->poll();
            return s.done || s.timedOut;
        },
        90);
    REQUIRE(finished);
    return outcomeOf(s);
}

Document sampleSheet(Lang lang, diary::Diary& storage, SheetInput* inOut = nullptr) {
    const World& w = world();
    SheetInput in = sampleSheetInput(w.interest, w.strengths, w.content, lang, 1795000000000, storage);
    if (inOut) *inOut = in;
    return studentSheet(*w.cat, in);
}

} // namespace

TEST_CASE("cups: the sheet arrives at the printer whole, in the visitor's language", "[print][cups]") {
    REQUIRE(gCups->ready());
    gCups->addQueue("kesip");
    const World& w = world();
    for (Lang lang : kLangs) {
        INFO(langCode(lang));
        fs::remove(gCups->out("kesip"));
        diary::Diary storage;
        SheetInput in;
        const Document doc = sampleSheet(lang, storage, &in);
        const JobProgress p = printAndWait(target("kesip"), doc);
        INFO(p.detail << "\n" << gCups->errorLog());
        REQUIRE(p.phase == JobPhase::Printed);
        CHECK(std::string(p.statusKey()) == "print_status_done");
        REQUIRE(eventually([&] { return fs::exists(gCups->out("kesip")); }));
        std::string rendered, err;
        REQUIRE(renderPdf(doc, rendered, err));
        const std::string got = slurp(gCups->out("kesip"));
        CHECK(got.rfind("%PDF-", 0) == 0);
        CHECK(got.size() == rendered.size()); // the same document, not a conversion of it
        const std::string text = fold(run("pdftotext '" + gCups->out("kesip") + "' -"));
        CHECK(text.find(diary::formatCode(storage.code)) != std::string::npos);
        for (const auto& m : in.matches)
            CHECK(text.find(fold(w.content.occupations[size_t(m.occupation)].title.get(lang))) !=
                  std::string::npos);
        CHECK(text.find(w.cat->tr(lang, "parents_title")) != std::string::npos);
        CHECK(text.find(w.cat->tr(lang == Lang::ky ? Lang::ru : Lang::ky, "parents_title")) ==
              std::string::npos);
    }
}

TEST_CASE("cups: with no printer configured the default destination prints", "[print][cups]") {
    REQUIRE(gCups->ready());
    gCups->addQueue("fallback");
    REQUIRE(gCups->lp("lpadmin -d fallback").empty());
    const PrinterStatus st = probePrinter(target(""));
    CHECK(st.problem == PrintProblem::None);
    CHECK(st.name == "fallback");
    const JobProgress p = printAndWait(target(""), cvForm(*world().cat, Lang::ru, 1795000000000));
    INFO(p.detail);
    CHECK(p.phase == JobPhase::Printed);
    CHECK(eventually([&] { return fs::exists(gCups->out("fallback")); }));
    CHECK(fold(run("pdftotext '" + gCups->out("fallback") + "' -"))
              .find(world().cat->tr(Lang::ru, "cv_name")) != std::string::npos);
}

TEST_CASE("cups: a missing printer is told as missing", "[print][cups]") {
    REQUIRE(gCups->ready());
    CHECK(probePrinter(target("no-such-printer")).problem == PrintProblem::NoPrinter);
    diary::Diary storage;
    const JobProgress p = printAndWait(target("no-such-printer"), sampleSheet(Lang::ky, storage));
    CHECK(p.phase == JobPhase::Failed);
    CHECK(p.problem == PrintProblem::NoPrinter);
    CHECK(std::string(p.statusKey()) == "print_err_missing");
}

TEST_CASE("cups: a stopped printer is told as stopped and nothing is queued", "[print][cups]") {
    REQUIRE(gCups->ready());
    gCups->addQueue("paused");
    REQUIRE(gCups->lp("cupsdisable paused").empty());
    CHECK(probePrinter(target("paused")).problem == PrintProblem::Paused);
    diary::Diary storage;
    const JobProgress p = printAndWait(target("paused"), sampleSheet(Lang::ru, storage));
    CHECK(p.problem == PrintProblem::Paused);
    CHECK(gCups->lp("lpstat -o paused").empty()); // no job left waiting to print later
    REQUIRE(gCups->lp("cupsenable paused").empty());
    CHECK(probePrinter(target("paused")).problem == PrintProblem::None);
}

TEST_CASE("cups: a printer that refuses jobs is told so", "[print][cups]") {
    REQUIRE(gCups->ready());
    gCups->addQueue("refusing");
    REQUIRE(gCups->lp("cupsreject refusing").empty());
    CHECK(probePrinter(target("refusing")).problem == PrintProblem::Rejected);
}

TEST_CASE("cups: out of paper is told as such and the job does not wait to print later", "[print][cups]") {
    REQUIRE(gCups->ready());
    gCups->addQueue("nopaper");
    diary::Diary storage;
    const JobProgress p = printAndWait(target("nopaper"), sampleSheet(Lang::ky, storage));
    INFO(p.detail << "\n" << gCups->errorLog());
    CHECK(p.phase == JobPhase::Failed);
    CHECK(p.problem == PrintProblem::NoPaper);
    CHECK(std::string(p.statusKey()) == "print_err_no_paper");
    CHECK(p.jobId > 0); // it was sent, then cancelled
    CHECK(eventually([&] { return gCups->lp("lpstat -o nopaper").empty(); }));
    CHECK(probePrinter(target("nopaper")).problem == PrintProblem::NoPaper); // and the next try knows at once
}

TEST_CASE("cups: a printer that is off is told as off", "[print][cups]") {
    REQUIRE(gCups->ready());
    gCups->addQueue("offline");
    diary::Diary storage;
    PrinterTarget t = target("offline");
    t.offGraceMs = 1000;
    const JobProgress p = printAndWait(t, sampleSheet(Lang::ru, storage));
    INFO(p.detail << "\n" << gCups->errorLog());
    CHECK(p.problem == PrintProblem::Off);
    CHECK(eventually([&] { return gCups->lp("lpstat -o offline").empty(); }));
}

// printjobs: the whole way a visitor prints, through the real screens: results -> print-preview -> Print,
// to this daemon's default destination (the app's kiosk.conf names no printer, so CUPS_SERVER's default).
TEST_CASE("cups: a visitor prints the sheet from print-preview, it arrives with the code and the parents' "
          "section, and the screen says it is done",
          "[print][cups][ui]") {
    REQUIRE(gCups->ready());
    gCups->addQueue("visitor");
    REQUIRE(gCups->lp("lpadmin -d visitor").empty());
    fs::remove(gCups->out("visitor"));
    ::setenv("CUPS_SERVER", gCups->socket().c_str(), 1);
    {
        test::Driver d;
        d.app().loadSampleVisit(Lang::ky);
        d.frames(1);
        d.app().navigate({flow::ScreenId::Results, "takeaway"});
        d.frames(2);
        d.tap("results_print");
        REQUIRE(d.screen() == flow::ScreenId::PrintPreview);
        d.waitFor([&] { return d.has("print_sheet"); }, "the probe finds the printer and Print appears");
        d.tap("print_sheet");
        const std::string done = d.app().ui().tr("print_status_done");
        d.waitFor([&] { return d.shows(done) || d.shows(d.app().ui().tr("print_err_failed")); },
                  "the job finishes and the screen says how");
        INFO(gCups->errorLog());
        CHECK(d.shows(done));
        CHECK(d.app().visitActive());
        REQUIRE(eventually([&] { return fs::exists(gCups->out("visitor")); }));
        const std::string text = fold(run("pdftotext '" + gCups->out("visitor") + "' -"));
        CHECK(text.find("ABC234") != std::string::npos); // this visit's code (no diary is open)
        CHECK(text.find(world().cat->tr(Lang::ky, "parents_title")) != std::string::npos);
        CHECK(text.find(world().cat->tr(Lang::ru, "parents_title")) == std::string::npos);
    }
    ::unsetenv("CUPS_SERVER");
}

TEST_CASE("cups: no daemon is told as no print service (last: stops the daemon)", "[print][cups]") {
    REQUIRE(gCups->ready());
    gCups->stop();
    const PrinterStatus st = probePrinter(target("kesip"));
    CHECK(st.problem == PrintProblem::NoService);
    diary::Diary storage;
    CHECK(printAndWait(target("kesip"), sampleSheet(Lang::ky, storage)).problem == PrintProblem::NoService);
}

int main(int argc, char** argv) {
    if (::geteuid() != 0) {
        std::printf("SKIP: the CUPS printing test starts its own cupsd, which needs root\n");
        return kSkip;
    }
    for (const char* tool : {"cupsd", "lpadmin", "lpstat", "cupsdisable", "pdftotext"})
        if (!haveTool(tool)) {
            std::printf("SKIP: %s is not installed (packages cups-daemon, cups-client, poppler-utils)\n",
                        tool);
            return kSkip;
        }
    PrivateCups cups;
    gCups = &cups;
    const int rc = Catch::Session().run(argc, argv);
    gCups = nullptr;
    return rc;
}
