#include <catch2/catch.hpp>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <vector>

#include "helpers.hpp"
#include "sync/summary.hpp"

using namespace kesip;
using namespace kesip::sync;
namespace fs = std::filesystem;

namespace {

std::string slurp(const fs::path& p) {
    std::string s;
    readFile(p.string(), s);
    return s;
}

std::vector<std::string> lines(const std::string& s) {
    std::vector<std::string> out;
    size_t pos = 0;
    while (pos < s.size()) {
        size_t e = s.find("\r\n", pos);
        if (e == std::string::npos) e = s.size();
        out.push_back(s.substr(pos, e - pos));
        pos = e + 2;
    }
    return out;
}

// Kyrgyz labels with ң ө ү so the PDF check proves those glyphs survive the text pipeline.
SummaryLabels kyLabels() {
    SummaryLabels l;
    l.lang = Lang::ky;
    l.types = {{"R", "Практикалык"}, {"S", "Социалдык"}};
    l.fields = {{"it", "Маалыматтык технологиялар, байланыш"}, {"med", "Саламаттык \"сактоо\""}};
    l.demo = {{"ky", "Кыргызча"},
              {"ru", "Орусча"},
              {"f", "Кыз"},
              {"m", "Уул"},
              {"na", "Айткысы келген жок"},
              {"chui", "Чүй облусу"},
              {"osh", "Ош облусу"},
              {"14-17", "14–17 жаш"},
              {"18-24", "18–24 жаш"},
              {"student", "Окуучу"},
              {"unemployed", "Жумушсуз"}};
    l.title = "Кесиптик багыт берүү: жыйынтык";
    l.period = "2024-05-01 — 2024-05-03";
    l.sessions = "Сеанстар";
    l.interestDone = "Кызыкчылык тести бүттү";
    l.strengthsDone = "Күчтүү жактар тести бүттү";
    l.languages = "Тилдер";
    l.topTypes = "Негизги типтер";
    l.topFields = "Негизги тармактар";
    l.ageBands = "Курак топтору";
    l.genders = "Жынысы";
    l.statuses = "Абалы";
    l.oblasts = "Облустар";
    l.diariesStarted = "Күндөлүктөр";
    l.diaryReturning = "Кайра келгендер";
    l.diaryDecisions = "Чечимдер";
    l.trials = "Сыноолор";
    l.trialTypes = "Сыноолордун түрлөрү";
    l.trialTypeNames = {{"job", "Жумуш"}};
    l.smallCellNote = "5тен аз болгон сандар «<5» деп көрсөтүлөт: эч ким таанылбашы үчүн.";
    l.generated = "Түзүлдү: 2024-05-04 09:30";
    return l;
}

Summary sample() {
    Summary s;
    s.scope = "Бишкек борбору, киоск 2";
    DaySummary d1;
    d1.day = "2024-05-01";
    d1.sessions = 12;
    d1.interestDone = 9;
    d1.strengthsDone = 3;
    d1.lang = {{"ky", 8}, {"ru", 4}};
    d1.topType = {{"R", 5}, {"S", 4}};
    d1.topField = {{"it", 6}, {"med", 3}};
    d1.gender = {{"f", 7}, {"m", 5}};
    DaySummary d2;
    d2.day = "2024-05-02";
    d2.sessions = 1;
    d2.interestDone = 0;
    d2.strengthsDone = 0;
    d2.lang = {{"ky", 1}};
    s.days = {d1, d2};
    DaySummary& t = s.total;
    t.sessions = 13;
    t.interestDone = 9;
    t.strengthsDone = 3;
    t.lang = {{"ky", 9}, {"ru", 4}};
    t.topType = {{"R", 5}, {"S", 4}, {"E", 0}};
    t.topField = {{"it", 6}, {"med", 3}};
    t.ageBand = {{"14-17", 8}, {"18-24", 5}};
    t.gender = {{"f", 7}, {"m", 5}, {"na", 1}};
    t.status = {{"student", 11}, {"unemployed", 2}};
    t.oblast = {{"chui", 10}, {"osh", 3}};
    t.diariesStarted = 10;
    t.diaryReturning = 0;
    t.diaryDecisions = 5;
    t.trials = 5;
    t.trialType = {{"job", 5}, {"open_day", 0}};
    return s;
}

bool haveTool(const char* name) {
    return std::system((std::string("command -v ") + name + " >/dev/null 2>&1").c_str()) == 0;
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

} // namespace

TEST_CASE("summary cell shows fewer than five as <5, zero included", "[summary]") {
    CHECK(cell(0) == "<5");
    CHECK(cell(1) == "<5");
    CHECK(cell(4) == "<5");
    CHECK(cell(5) == "5");
    CHECK(cell(1234) == "1234");
}

TEST_CASE("summary csv has a BOM and exact rows with quoting and suppression", "[summary]") {
    test::TempDir tmp;
    const std::string dir = (tmp.path / "usb" / "kesip").string(); // created on demand
    std::string error;
    REQUIRE(writeCsv(sample(), kyLabels(), dir, error));
    CHECK(error.empty());

    const std::string total = slurp(fs::path(dir) / "summary-total.csv");
    REQUIRE(total.substr(0, 3) == "\xEF\xBB\xBF");
    const std::vector<std::string> expected = {
        "section,key,label,count",
        "sessions,,Сеанстар,13",
        "interest_done,,Кызыкчылык тести бүттү,9",
        "strengths_done,,Күчтүү жактар тести бүттү,<5",
        "diaries_started,,Күндөлүктөр,10",
        "diary_returning,,Кайра келгендер,<5",
        "diary_decisions,,Чечимдер,5",
        "trials,,Сыноолор,5",
        "lang,ky,Кыргызча,9",
        "lang,ru,Орусча,<5",
        "top_type,E,E,<5", // no label: the code stands in; 0 is "fewer than five" too
        "top_type,R,Практикалык,5",
        "top_type,S,Социалдык,<5",
        "top_field,it,\"Маалыматтык технологиялар, байланыш\",6",
        "top_field,med,\"Саламаттык \"\"сактоо\"\"\",<5",
        "age_band,14-17,14–17 жаш,8",
        "age_band,18-24,18–24 жаш,5",
        "gender,f,Кыз,7",
        "gender,m,Уул,5",
        "gender,na,Айткысы келген жок,<5",
        "status,student,Окуучу,11",
        "status,unemployed,Жумушсуз,<5",
        "oblast,chui,Чүй облусу,10",
        "oblast,osh,Ош облусу,<5",
        "trial_type,job,Жумуш,5",
        "trial_type,open_day,open_day,<5", // no label: the code stands in
    };
    CHECK(lines(total.substr(3)) == expected);
    CHECK(total.size() >= 2);
    CHECK(total.substr(total.size() - 2) == "\r\n");

    const std::string day2 = slurp(fs::path(dir) / "summary-2024-05-02.csv");
    // A day's file: its visits only (the splits are published for the whole period).
    CHECK(lines(day2.substr(3)) ==
          std::vector<std::string>{"section,key,label,count", "sessions,,Сеанстар,<5"});
    CHECK(fs::exists(fs::path(dir) / "summary-2024-05-01.csv"));

    // Only the final names are left: no temp files after a successful write.
    size_t n = 0;
    for (const auto& e : fs::directory_iterator(dir)) {
        INFO(e.path().filename().string());
        CHECK(e.path().filename().string().rfind("summary-", 0) == 0);
        ++n;
    }
    CHECK(n == 3);

    // A second export over the first replaces the files.
    Summary s2 = sample();
    s2.total.sessions = 99;
    REQUIRE(writeCsv(s2, kyLabels(), dir, error));
    CHECK(lines(slurp(fs::path(dir) / "summary-total.csv").substr(3))[1] == "sessions,,Сеанстар,99");
}

TEST_CASE("summary csv neutralises formula cells and strips control and bidi characters", "[summary]") {
    test::TempDir tmp;
    Summary s = sample();
    s.days.clear();
    s.total.topField = {{"=cmd|' /C calc'!A0", 10}, {"+1", 5}, {"-2", 5}, {"@sum", 5}};
    SummaryLabels l = kyLabels();
    l.fields = {{"=cmd|' /C calc'!A0", "=HYPERLINK(\"x\")"},
                {"+1", "\xE2\x80\xAE"
                       "evil"},
                {"-2", "ok\x01\x1b[31m"}};
    std::string error;
    REQUIRE(writeCsv(s, l, tmp.str(), error));
    const std::string total = slurp(tmp.path / "summary-total.csv");
    for (const std::string& line : lines(total.substr(3))) {
        INFO(line);
        // No field of a row starts with a formula character (a quote mark is put in front).
        std::string field;
        bool inQuotes = false;
        for (size_t i = 0; i <= line.size(); ++i) {
            const char c = i < line.size() ? line[i] : ',';
            if (c == '"') inQuotes = !inQuotes;
            if (c == ',' && !inQuotes) {
                const std::string f = !field.empty() && field[0] == '"' ? field.substr(1) : field;
                CHECK((f.empty() || std::string("=+-@").find(f[0]) == std::string::npos));
                field.clear();
            } else {
                field += c;
            }
        }
        CHECK(line.find("\xE2\x80\xAE") == std::string::npos); // no right-to-left override
        CHECK(line.find('\x1b') == std::string::npos);
    }
    CHECK(total.find("'=HYPERLINK") != std::string::npos);
}

TEST_CASE("summary csv refuses a day that is not a date", "[summary]") {
    test::TempDir tmp;
    Summary s = sample();
    s.days[0].day = "../evil";
    std::string error;
    CHECK_FALSE(writeCsv(s, kyLabels(), tmp.str(), error));
    CHECK(error.find("../evil") != std::string::npos);
    s.days[0].day = "2026-W10"; // an ISO week is a period too (the ministry's summaries)
    CHECK(writeCsv(s, kyLabels(), tmp.str(), error));
}

TEST_CASE("summary pdf is written with Kyrgyz text and suppressed small cells", "[summary]") {
    test::TempDir tmp;
    const fs::path pdf = tmp.path / "summary.pdf";
    std::string error;
    REQUIRE(writePdf(sample(), kyLabels(), pdf.string(), error));
    CHECK(error.empty());
    const std::string bytes = slurp(pdf);
    REQUIRE(bytes.size() > 1000);
    CHECK(bytes.substr(0, 4) == "%PDF");
    CHECK(!fs::exists(tmp.path / ".summary.pdf.part"));

    if (!haveTool("pdftotext")) {
        KESIP_SKIP("pdftotext (poppler-utils) not installed: PDF text not checked");
    }
    const std::string text = run("pdftotext -layout '" + pdf.string() + "' -");
    INFO(text);
    CHECK(text.find("Кесиптик багыт берүү") != std::string::npos);
    CHECK(text.find("Сеанстар") != std::string::npos);
    CHECK(text.find("Чүй облусу") != std::string::npos);
    CHECK(text.find("Күчтүү жактар") != std::string::npos); // ү
    // The career-diary figures and the trials chart (bug caught: the PDF leaves them out).
    CHECK(text.find("Күндөлүктөр") != std::string::npos);
    CHECK(text.find("Сыноолордун түрлөрү") != std::string::npos);
    CHECK(text.find("Жумуш") != std::string::npos);
    CHECK(text.find("Бишкек борбору") != std::string::npos);
    CHECK(text.find("2024-05-02") != std::string::npos); // per-day table
    CHECK(text.find("<5") != std::string::npos);
    // Each suppressed row shows "<5" on its line (-layout keeps label and count on one line), never
    // the true count.
    for (const char* label : {"Орусча", "Социалдык", "Айткысы келген жок", "Жумушсуз", "Ош облусу"}) {
        INFO(label);
        size_t at = text.find(label);
        REQUIRE(at != std::string::npos);
        size_t bol = text.rfind('\n', at), eol = text.find('\n', at);
        const std::string line = text.substr(bol + 1, eol - bol - 1);
        INFO(line);
        CHECK(line.find("<5") != std::string::npos);
        for (const char* digit : {"1", "2", "3", "4"}) CHECK(line.find(digit) == std::string::npos);
    }
    // 3 and 4 are small counts of the sample and cannot be a page number of this short PDF.
    std::istringstream words(text);
    for (std::string w; words >> w;) {
        INFO(w);
        CHECK((w != "3" && w != "4"));
    }
}

TEST_CASE("summary pdf renders the Kyrgyz letters", "[summary]") {
    test::TempDir tmp;
    SummaryLabels l = kyLabels();
    l.title = "Өңүү көрсөткүчтөрү";
    const fs::path pdf = tmp.path / "ky.pdf";
    std::string error;
    REQUIRE(writePdf(sample(), l, pdf.string(), error));
    if (!haveTool("pdftotext")) {
        KESIP_SKIP("pdftotext (poppler-utils) not installed: PDF text not checked");
    }
    const std::string text = run("pdftotext '" + pdf.string() + "' -");
    CHECK(text.find("Өңүү көрсөткүчтөрү") != std::string::npos);
}

TEST_CASE("summary pdf spans pages when there are many days", "[summary]") {
    test::TempDir tmp;
    Summary s = sample();
    s.days.clear();
    for (int i = 1; i <= 60; ++i) {
        DaySummary d;
        char day[16];
        std::snprintf(day, sizeof day, "2024-%02d-%02d", 3 + (i - 1) / 28, 1 + (i - 1) % 28);
        d.day = day;
        d.sessions = i;
        s.days.push_back(d);
    }
    for (int i = 0; i < 30; ++i) s.total.topField["f" + std::to_string(i)] = 5 + i;
    const fs::path pdf = tmp.path / "long.pdf";
    std::string error;
    REQUIRE(writePdf(s, kyLabels(), pdf.string(), error));
    if (!haveTool("pdfinfo")) {
        KESIP_SKIP("pdfinfo (poppler-utils) not installed: page count not checked");
    }
    const std::string info = run("pdfinfo '" + pdf.string() + "'");
    INFO(info);
    CHECK(info.find("Pages:          1\n") == std::string::npos);
    CHECK(info.find("A4") != std::string::npos);
}

TEST_CASE("summary writers report an unwritable target", "[summary]") {
    test::TempDir tmp;
    // Tests run as root, so permissions do not stop a write: a path under a regular file always fails.
    const fs::path file = tmp.path / "file";
    std::ofstream(file) << "x";
    std::string error;
    CHECK_FALSE(writeCsv(sample(), kyLabels(), (file / "sub").string(), error));
    CHECK(error.find((file / "sub").string()) != std::string::npos);
    CHECK(error.size() > (file / "sub").string().size() + 2); // a reason follows the path

    error.clear();
    CHECK_FALSE(writePdf(sample(), kyLabels(), (file / "sub" / "summary.pdf").string(), error));
    CHECK(error.find("file") != std::string::npos);
    CHECK(error.size() > (file / "sub").string().size() + 2);
}
