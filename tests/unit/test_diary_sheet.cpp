// The printed sheet and the blank CV form (kiosk/core/print): rendered to PDF and read back as text.
// The PDFs are kept in build/print-samples/ for looking at (pdftoppm -png).
#include <catch2/catch.hpp>
#include <cstdio>
#include <filesystem>

#include "assess/instrument.hpp"
#include "catalog/content.hpp"
#include "diary/checks.hpp"
#include "diary/code.hpp"
#include "helpers.hpp"
#include "l10n/catalog.hpp"
#include "print/sample.hpp"

using namespace kesip;
namespace fs = std::filesystem;

namespace {
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
bool haveTool(const char* t) {
    return std::system((std::string("command -v ") + t + " >/dev/null 2>&1").c_str()) == 0;
}
// pdftotext without -layout joins wrapped lines with newlines: compare with whitespace folded.
std::string fold(const std::string& s) {
    std::string out;
    for (char c : s) {
        const bool ws = c == ' ' || c == '\n' || c == '\r' || c == '\f' || c == '\t';
        if (ws && (out.empty() || out.back() == ' ')) continue;
        out += ws ? ' ' : c;
    }
    return out;
}

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
        REQUIRE(i);
        REQUIRE(s);
        REQUIRE(c);
        x.interest = *i;
        x.strengths = *s;
        x.content = *c;
        return x;
    }();
    return w;
}

std::string samplesDir() {
    const std::string d = executableDir() + "/../print-samples";
    fs::create_directories(d);
    return d;
}

const int64_t kNow = 1795000000000; // 2026-11-18
} // namespace

TEST_CASE("sheet: the printed sheet holds the code, occupations and the parents' page in its language",
          "[diary][print]") {
    REQUIRE(haveTool("pdftotext"));
    REQUIRE(haveTool("pdfinfo"));
    const World& w = world();
    for (Lang lang : kLangs) {
        INFO(langCode(lang));
        diary::Diary storage;
        const print::SheetInput in =
            print::sampleSheetInput(w.interest, w.strengths, w.content, lang, kNow, storage);
        REQUIRE(in.diary);
        REQUIRE(in.matches.size() == print::kSheetOccupations);
        const std::string path = samplesDir() + "/sheet-" + langCode(lang) + ".pdf";
        std::string err;
        REQUIRE(print::writePdfFile(print::studentSheet(*w.cat, in), path, err));
        const std::string p1 = fold(run("pdftotext -f 1 -l 1 '" + path + "' -"));
        const std::string all = fold(run("pdftotext '" + path + "' -"));
        const auto& cat = *w.cat;
        CHECK(p1.find(diary::formatCode(storage.code)) != std::string::npos);
        for (const auto& m : in.matches)
            CHECK(all.find(fold(w.content.occupations[size_t(m.occupation)].title.get(lang))) !=
                  std::string::npos);
        CHECK(all.find(cat.tr(lang, "sheet_saved")) != std::string::npos);
        CHECK(all.find(cat.tr(lang, "sheet_choice")) != std::string::npos);
        CHECK(all.find(fold(cat.tr(lang, "diary_step_documents"))) != std::string::npos);
        // The parents' section, on a page of its own (the last), in the same language.
        const std::string pages = run("pdfinfo '" + path + "' | sed -n 's/^Pages: *//p'");
        const int n = std::atoi(pages.c_str());
        REQUIRE(n >= 2);
        const std::string last =
            fold(run("pdftotext -f " + std::to_string(n) + " -l " + std::to_string(n) + " '" + path + "' -"));
        const std::string before = fold(run("pdftotext -l " + std::to_string(n - 1) + " '" + path + "' -"));
        CHECK(before.find(cat.tr(lang, "parents_title")) == std::string::npos);
        CHECK(last.find(cat.tr(lang, "parents_title")) != std::string::npos);
        CHECK(last.find(fold(cat.tr(lang, "parents_talk_2"))) != std::string::npos);
        CHECK(last.find(fold(w.content.occupations[size_t(in.matches[0].occupation)].title.get(lang))) !=
              std::string::npos);
        const Lang other = lang == Lang::ky ? Lang::ru : Lang::ky;
        CHECK(all.find(cat.tr(other, "parents_title")) == std::string::npos);
        // What must never be printed: the trial's note (the student's own words).
        CHECK(all.find("PRIVATE-NOTE") == std::string::npos);
        if (lang == Lang::ky) CHECK(all.find("\xD3\xA9") != std::string::npos); // ө came through as text
    }
}

TEST_CASE("sheet: its QR code reads back as the summary with the diary code", "[diary][print]") {
    // Fails if the QR is drawn too small, clipped, or holds something else than the take-away text.
    REQUIRE(haveTool("pdftoppm"));
    REQUIRE(haveTool("zbarimg"));
    const World& w = world();
    diary::Diary storage;
    const auto in = print::sampleSheetInput(w.interest, w.strengths, w.content, Lang::ru, kNow, storage);
    test::TempDir d;
    const std::string pdf = d.str() + "/s.pdf";
    std::string err;
    REQUIRE(print::writePdfFile(print::studentSheet(*w.cat, in), pdf, err));
    run("pdftoppm -r 200 -f 1 -l 1 -png '" + pdf + "' '" + d.str() + "/p'");
    std::string png;
    for (auto& e : fs::directory_iterator(d.path))
        if (e.path().extension() == ".png") png = e.path().string();
    REQUIRE(!png.empty());
    const std::string qr = run("zbarimg -q --raw '" + png + "' 2>/dev/null");
    CHECK(qr.find(diary::formatCode(storage.code)) != std::string::npos);
    CHECK(qr.find("ABC234") != std::string::npos);
}

TEST_CASE("sheet: without a diary it shows the visit code and no diary parts", "[diary][print]") {
    REQUIRE(haveTool("pdftotext"));
    const World& w = world();
    diary::Diary storage;
    print::SheetInput in =
        print::sampleSheetInput(w.interest, w.strengths, w.content, Lang::ky, kNow, storage);
    in.diary = nullptr;
    test::TempDir d;
    std::string err;
    REQUIRE(print::writePdfFile(print::studentSheet(*w.cat, in), d.str() + "/s.pdf", err));
    const std::string all = fold(run("pdftotext '" + d.str() + "/s.pdf' -"));
    CHECK(all.find("ABC234") != std::string::npos);
    CHECK(all.find(diary::formatCode(storage.code)) == std::string::npos);
    CHECK(all.find(w.cat->tr(Lang::ky, "sheet_plan")) == std::string::npos);
    CHECK(all.find(w.cat->tr(Lang::ky, "parents_title")) != std::string::npos);
}

TEST_CASE("sheet: a returning visit without new tests charts the diary's last results", "[diary][print]") {
    const World& w = world();
    diary::Diary storage;
    print::SheetInput in =
        print::sampleSheetInput(w.interest, w.strengths, w.content, Lang::ru, kNow, storage);
    in.interestResult.reset();
    in.strengthsResult.reset();
    in.matches.clear();
    const print::Document doc = print::studentSheet(*w.cat, in);
    const print::Block* bars = nullptr;
    const print::Block* numbered = nullptr;
    for (const auto& b : doc.blocks) {
        if (b.kind == print::Block::Kind::Bars) bars = &b;
        if (b.kind == print::Block::Kind::Numbered) numbered = &b;
    }
    REQUIRE(bars);
    CHECK(bars->rows.size() == 6);
    REQUIRE(numbered); // matched again from the diary's percentages
    CHECK(numbered->rows.size() == print::kSheetOccupations);
}

TEST_CASE("sheet: the blank CV form has its fields and guidance in the language", "[diary][print]") {
    REQUIRE(haveTool("pdftotext"));
    const World& w = world();
    for (Lang lang : kLangs) {
        const std::string path = samplesDir() + "/cv-" + langCode(lang) + ".pdf";
        std::string err;
        REQUIRE(print::writePdfFile(print::cvForm(*w.cat, lang, kNow), path, err));
        const std::string all = fold(run("pdftotext '" + path + "' -"));
        for (const char* k : {"cv_title", "cv_name", "cv_experience", "cv_languages_hint", "cv_tip_5"}) {
            INFO(langCode(lang) << " " << k);
            CHECK(all.find(fold(w.cat->tr(lang, k))) != std::string::npos);
        }
    }
}

TEST_CASE("sheet: a PDF that cannot be written is reported and leaves no file", "[diary][print]") {
    const World& w = world();
    test::TempDir d;
    std::string err;
    CHECK_FALSE(
        print::writePdfFile(print::cvForm(*w.cat, Lang::ru, kNow), d.str() + "/missing/dir/cv.pdf", err));
    CHECK_FALSE(err.empty());
    std::string bytes;
    REQUIRE(print::renderPdf(print::cvForm(*w.cat, Lang::ru, kNow), bytes, err));
    CHECK(bytes.rfind("%PDF-", 0) == 0);
}

TEST_CASE("sheet: months are written out in the language", "[diary][print]") {
    const std::string ru = print::monthText(Lang::ru, "2027-02"), ky = print::monthText(Lang::ky, "2027-02");
    CHECK(ru.find("2027") != std::string::npos);
    CHECK(ru.find("\xD1\x84\xD0\xB5\xD0\xB2\xD1\x80\xD0\xB0\xD0\xBB\xD1\x8C") !=
          std::string::npos); // февраль
    CHECK(ky.find("2027") != std::string::npos);
    CHECK(ky != ru);
    CHECK(print::monthText(Lang::ru, "not a month") == "not a month");
    CHECK(diary::addMonths("2026-11", 3) == "2027-02");
    CHECK(diary::addMonths("2026-01", -1) == "2025-12");
}

TEST_CASE("sheet: a planned trial is listed as planned, never as one done", "[diary][print]") {
    // Fails if the sheet lists a plan like a trial done (no "planned" line), so parents would read that
    // the student went to an open day not gone to yet.
    const World& w = world();
    for (Lang lang : kLangs) {
        INFO(langCode(lang));
        diary::Diary storage;
        print::SheetInput in =
            print::sampleSheetInput(w.interest, w.strengths, w.content, lang, kNow, storage);
        REQUIRE(!storage.trials.empty());
        diary::Trial plan = storage.trials[0];
        plan.planned = true;
        plan.month = "2026-12";
        plan.liked.clear(), plan.disliked.clear(), plan.again.clear(), plan.note.clear();
        storage.trials.push_back(plan);
        const print::Document doc = print::studentSheet(*w.cat, in);
        const std::string planned = w.cat->tr(lang, "sheet_planned");
        int plannedRows = 0, rowsOfPlanMonth = 0;
        for (const auto& b : doc.blocks)
            for (const auto& r : b.rows) {
                plannedRows += r.c == planned;
                rowsOfPlanMonth += r.a == print::monthText(lang, "2026-12");
            }
        CHECK(plannedRows == 1);
        CHECK(rowsOfPlanMonth == 1);
    }
}
