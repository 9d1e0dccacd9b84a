// The centre's events (issue 12, stage 4): the model and store, the CSV import from a stick (every bad
// input the issue names), and the queries the screens will call.
#include <catch2/catch.hpp>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <sys/stat.h>
#include <thread>
#include <unicode/ucnv.h>
#include <unicode/unistr.h>

#include "catalog/content.hpp"
#include "events/import.hpp"
#include "events/repo.hpp"
#include "helpers.hpp"
#include "l10n/catalog.hpp"
#include "store/schema.hpp"

using namespace kesip;
using namespace kesip::events;
namespace fs = std::filesystem;

namespace {

const int64_t kDayMs = 24 * 3600 * 1000;

// A small encyclopedia: two fields, a few occupations, one title with commas, one ambiguous title.
const catalog::Content& content() {
    static const catalog::Content c = [] {
        catalog::Content c;
        auto field = [&](const char* id, const char* ky, const char* ru) {
            catalog::Field f;
            f.id = id;
            f.name = {ky, ru};
            c.fields.push_back(f);
        };
        auto occ = [&](const char* id, const char* fieldId, const char* ky, const char* ru) {
            catalog::Occupation o;
            o.id = id;
            o.field = fieldId;
            o.title = {ky, ru};
            c.occupations.push_back(o);
        };
        field("it", "Маалыматтык технологиялар", "Информационные технологии");
        field("industry", "Өнөр жай", "Промышленность");
        field("finance", "Каржы", "Финансы");
        occ("software_developer", "it", "Программист", "Программист");
        occ("web_developer", "it", "Веб-программист", "Веб-разработчик");
        occ("lathe_machinist", "industry", "Станокчу (токарь, фрезеровщик)",
            "Станочник (токарь, фрезеровщик)");
        occ("industrial_welder", "industry", "Ширетүүчү", "Сварщик");
        occ("customs_broker", "finance", "Бажы декларанты", "Таможенный декларант");
        occ("customs_declarant", "finance", "Бажы декларанты", "Таможенный декларант (брокер)");
        return c;
    }();
    return c;
}

// A kiosk database on :memory: with the real migrations, and a fake clock (2026-11-18 in UTC).
struct Kiosk {
    store::Database db{":memory:"};
    FakeClock clock;
    LinkVocabulary vocab = LinkVocabulary::of(content());
    EventRepo repo{db, clock};
    Kiosk() {
        db.exec("PRAGMA foreign_keys=ON");
        store::migrate(db, store::localMigrations());
    }
    std::string today() const { return localDate(clock.wallMs()); }
    std::string day(int n) const { return addDays(today(), n); }
    int64_t count() { return db.queryInt("SELECT count(*) FROM events"); }
    int64_t links() { return db.queryInt("SELECT count(*) FROM event_links"); }
    ImportResult import(const std::string& bytes) {
        return applyImport(db, clock, parseEventsCsv(bytes, vocab, today()));
    }
    Event event(const std::string& kind, const std::string& ru, int from, int to, const std::string& oblast) {
        Event e;
        e.kind = kind;
        e.title.ru = ru;
        e.start = day(from);
        e.end = day(to);
        e.place = "Бишкек, ул. Токтогула, 1";
        e.oblast = oblast;
        return e;
    }
    int64_t add(Event e) {
        auto s = repo.add(std::move(e), vocab);
        INFO((s.issues.empty() ? "" : s.issues[0].key));
        REQUIRE(s.ok());
        return s.id;
    }
};

// "D.M.YYYY", as Excel writes a date under a Russian locale.
std::string dotted(const std::string& iso) {
    return iso.substr(8, 2) + "." + iso.substr(5, 2) + "." + iso.substr(0, 4);
}

const char* kHeader =
    "kind,title_ky,title_ru,organiser,start,end,place,oblast,fields,occupations,text_ky,text_ru\n";

// One good row (comma-separated, UTF-8), `n` days from today.
std::string row(const std::string& title, const std::string& start, const std::string& extra = "") {
    return "open_day,Ачык эшиктер күнү " + title + ",День открытых дверей " + title + ",Колледж," + start +
           ",," + "\"Бишкек, ул. Токтогула, 1\",bishkek,it,," + extra + "\n";
}

std::string toCodepage(const std::string& utf8, const char* codepage) {
    icu::UnicodeString u = icu::UnicodeString::fromUTF8(utf8);
    UErrorCode st = U_ZERO_ERROR;
    UConverter* cv = ucnv_open(codepage, &st);
    REQUIRE(U_SUCCESS(st));
    // '?' for what the code page lacks, as Excel does for ң ө ү in "CSV" on a Russian Windows.
    if (std::string(codepage).rfind("UTF-16", 0) != 0) ucnv_setSubstChars(cv, "?", 1, &st);
    std::string out(size_t(u.length()) * 4 + 8, '\0');
    const int32_t n = ucnv_fromUChars(cv, out.data(), int32_t(out.size()), u.getBuffer(), u.length(), &st);
    ucnv_close(cv);
    REQUIRE(U_SUCCESS(st));
    out.resize(size_t(n));
    return out;
}

void requireRefused(const ImportResult& r, int row, const char* key) {
    INFO("issues: " << r.issueCount << (r.issues.empty() ? "" : std::string(" first: ") + r.issues[0].key));
    REQUIRE_FALSE(r.ok());
    REQUIRE(r.issues.size() >= 1);
    CHECK(std::string(r.issues[0].key) == key);
    CHECK(r.issues[0].row == row);
    CHECK(r.added + r.updated + r.unchanged == 0);
}

// A stick directory with kesip/events.csv holding `bytes`.
struct Stick {
    test::TempDir dir;
    explicit Stick(const std::string& bytes) {
        fs::create_directories(dir.path / "kesip");
        std::ofstream(dir.path / "kesip" / "events.csv", std::ios::binary) << bytes;
    }
    Stick() { fs::create_directories(dir.path / "kesip"); }
    fs::path file() const { return dir.path / "kesip" / "events.csv"; }
};

} // namespace

TEST_CASE("events: a clean CSV imports every row with its links, dates and texts") {
    Kiosk k;
    const std::string csv =
        std::string(kHeader) +
        // dates as Excel writes them under a Russian locale; end empty = one day
        "open_day,Ачык эшиктер күнү,День открытых дверей,Колледж связи," + dotted(k.day(3)) +
        ",,\"Бишкек, ул. Токтогула, 1\",bishkek,it,\"software_developer; Веб-разработчик\"," +
        "\"Биринчи сап\nЭкинчи сап\",Текст\n" +
        // a title with commas names one occupation; names match case-insensitively
        "company_visit,,Экскурсия на завод,,\"" + k.day(10) + "\"," + k.day(11) +
        ",Завод,chui,,\"СТАНОЧНИК (ТОКАРЬ, ФРЕЗЕРОВЩИК), сварщик\",,\n";
    auto r = k.import(csv);
    INFO((r.issues.empty() ? "" : r.issues[0].key));
    REQUIRE(r.ok());
    CHECK(r.added == 2);
    CHECK(r.encoding == Encoding::Utf8);
    CHECK(r.delimiter == ',');
    auto all = k.repo.list(true);
    REQUIRE(all.size() == 2);
    const Event& a = all[0];
    CHECK(a.kind == "open_day");
    CHECK(a.title.ky == "Ачык эшиктер күнү");
    CHECK(a.start == k.day(3));
    CHECK(a.end == k.day(3));
    CHECK(a.place == "Бишкек, ул. Токтогула, 1");
    CHECK(a.fields == std::vector<std::string>{"it"});
    CHECK(a.occupations == std::vector<std::string>{"software_developer", "web_developer"});
    CHECK(a.text.ky == "Биринчи сап\nЭкинчи сап"); // Alt+Enter inside a cell keeps the paragraph
    CHECK(a.source == "import");
    const Event& b = all[1];
    CHECK(b.title.ky.empty());
    CHECK(b.titleIn(Lang::ky) == "Экскурсия на завод"); // the screen shows the other language
    CHECK(b.end == k.day(11));
    CHECK(b.occupations == std::vector<std::string>{"lathe_machinist", "industrial_welder"});
    // Audited as counts only: no titles, places or texts.
    const std::string audit = k.db.queryText("SELECT detail FROM audit WHERE action='events_import'");
    CHECK(audit == "added=2 updated=0 unchanged=0 encoding=utf-8");
}

TEST_CASE("events: the sample file in assets imports cleanly into the real encyclopedia") {
    std::vector<content::Problem> ps;
    auto real = catalog::readSources(test::sourceDir() + "/assets/encyclopedia", ps);
    REQUIRE(real);
    std::string bytes;
    REQUIRE(readFile(test::sourceDir() + "/assets/events/events-sample.csv", bytes));
    store::Database db(":memory:");
    store::migrate(db, store::localMigrations());
    FakeClock clock; // 2026-11-18: the sample's events lie ahead of it
    const auto parsed = parseEventsCsv(bytes, LinkVocabulary::of(*real), localDate(clock.wallMs()));
    for (const Issue& i : parsed.issues)
        FAIL_CHECK("row " << i.row << ": " << i.key << " " << i.column << " " << i.value);
    auto r = applyImport(db, clock, parsed);
    REQUIRE(r.ok());
    CHECK(r.added >= 5);
    CHECK(r.encoding == Encoding::Utf8Bom); // so Excel opens it as UTF-8
    CHECK(r.delimiter == ';');              // so Excel under a Russian locale splits it into columns
}

TEST_CASE("events: re-importing the same file adds nothing; a changed row is updated, not duplicated") {
    Kiosk k;
    const std::string csv = kHeader + row("A", k.day(5)) + row("B", k.day(6));
    REQUIRE(k.import(csv).added == 2);
    auto again = k.import(csv);
    REQUIRE(again.ok());
    CHECK(again.added == 0);
    CHECK(again.unchanged == 2);
    CHECK(k.count() == 2);
    CHECK(k.links() == 2);
    // The methodologist fixes a text: same event (kind, start, oblast, titles), new content.
    auto changed = k.import(kHeader + row("A", k.day(5), "Жаңы текст,") + row("B", k.day(6)));
    REQUIRE(changed.ok());
    CHECK(changed.updated == 1);
    CHECK(changed.unchanged == 1);
    CHECK(k.count() == 2);
    CHECK(k.repo.list(true)[0].text.ky == "Жаңы текст");
}

TEST_CASE("events: a kept file re-imported after some of its events passed still imports") {
    Kiosk k;
    REQUIRE(k.import(kHeader + row("A", k.day(1)) + row("B", k.day(20))).added == 2);
    k.clock.advance(10 * kDayMs); // A is over now
    auto r = k.import(kHeader + row("A", k.day(-9)) + row("B", k.day(10)) + row("C", k.day(12)));
    REQUIRE(r.ok());
    CHECK(r.added == 1);
    CHECK(r.unchanged == 2);
}

TEST_CASE("events: a row whose event is already over is refused with its row number, nothing imported") {
    Kiosk k;
    auto r = k.import(kHeader + row("A", k.day(2)) + row("B", k.day(-1)) + row("C", k.day(4)));
    requireRefused(r, 3, "events_err_past");
    CHECK(k.count() == 0);
    // Today itself is not the past.
    CHECK(k.import(kHeader + row("D", k.today())).ok());
}

TEST_CASE("events: an end before its start is refused with the row number, nothing imported") {
    Kiosk k;
    const std::string bad = "job_fair,Жарманке,Ярмарка,,\"" + k.day(9) + "\"," + k.day(8) + ",Зал,osh,,,,\n";
    auto r = k.import(kHeader + row("A", k.day(2)) + bad);
    requireRefused(r, 3, "events_err_end_before_start");
    CHECK(k.count() == 0);
}

TEST_CASE("events: a UTF-8 BOM (Excel's CSV UTF-8) is read, not taken into the first column's name") {
    Kiosk k;
    auto r = k.import("\xEF\xBB\xBF" + std::string(kHeader) + row("A", k.day(2)));
    REQUIRE(r.ok());
    CHECK(r.encoding == Encoding::Utf8Bom);
    CHECK(k.repo.list(true).at(0).kind == "open_day");
}

TEST_CASE("events: semicolons (Excel under a Russian locale) are detected from the header") {
    Kiosk k;
    const std::string csv = "kind;title_ky;title_ru;start;place;oblast;fields\n"
                            "course;Курс, кыска;Курс, короткий;" +
                            dotted(k.day(7)) + ";Бишкек, ЦОН;bishkek;it\n";
    auto r = k.import(csv);
    REQUIRE(r.ok());
    CHECK(r.delimiter == ';');
    CHECK(k.repo.list(true).at(0).title.ru == "Курс, короткий");
    CHECK(k.repo.list(true).at(0).place == "Бишкек, ЦОН");
}

TEST_CASE("events: UTF-16 with a BOM and tabs (Excel's Unicode text) is converted, Kyrgyz letters kept") {
    Kiosk k;
    const std::string text = "kind\ttitle_ky\tstart\tplace\toblast\r\ninternship\tҮй-бүлөлүк өнөр\t" +
                             k.day(4) + "\tТалас\ttalas\r\n";
    for (const char* cp : {"UTF-16LE", "UTF-16BE"}) {
        Kiosk kk;
        const std::string bom = std::string(cp) == "UTF-16LE" ? "\xFF\xFE" : "\xFE\xFF";
        auto r = kk.import(bom + toCodepage(text, cp));
        INFO(cp);
        REQUIRE(r.ok());
        CHECK(r.encoding == (std::string(cp) == "UTF-16LE" ? Encoding::Utf16LE : Encoding::Utf16BE));
        CHECK(r.delimiter == '\t');
        CHECK(kk.repo.list(true).at(0).title.ky == "Үй-бүлөлүк өнөр");
    }
}

TEST_CASE(
    "events: Windows-1251 (Excel's plain CSV on a Russian Windows) is converted when nothing was lost") {
    Kiosk k;
    const std::string text = "kind;title_ru;start;place;oblast\r\njob_fair;Ярмарка вакансий «Жаштар»;" +
                             dotted(k.day(3)) + ";Дворец спорта;bishkek\r\n";
    auto r = k.import(toCodepage(text, "windows-1251"));
    REQUIRE(r.ok());
    CHECK(r.encoding == Encoding::Cp1251);
    CHECK(k.repo.list(true).at(0).title.ru == "Ярмарка вакансий «Жаштар»");
}

TEST_CASE("events: Windows-1251 that lost the Kyrgyz letters is refused, naming row and column") {
    Kiosk k;
    // What Excel writes for "Ачык эшиктер күнү" in cp1251: ү becomes "?".
    const std::string text =
        "kind;title_ky;title_ru;start;place;oblast\r\nopen_day;Ачык эшиктер күнү;День открытых "
        "дверей;" +
        dotted(k.day(3)) + ";Колледж;naryn\r\n";
    const std::string bytes = toCodepage(text, "windows-1251");
    REQUIRE(bytes.find("\xEA?\xED?") != std::string::npos); // к?н? — the loss really happened
    auto r = k.import(bytes);
    requireRefused(r, 2, "events_err_lost_letters");
    CHECK(r.issues[0].column == "title_ky");
    CHECK(k.count() == 0);
    // Without a "?": Kyrgyz text in Windows-1251 cannot hold ң ө ү, so it is refused all the same.
    const std::string lookalike = "kind;title_ky;start;place;oblast\r\nopen_day;Ачык эшиктер куну;" +
                                  dotted(k.day(3)) + ";Колледж;naryn\r\n";
    auto r2 = k.import(toCodepage(lookalike, "windows-1251"));
    requireRefused(r2, 2, "events_err_cp1251_kyrgyz");
    CHECK(r2.issues[0].column == "title_ky");
    CHECK(k.count() == 0);
    // A question mark as punctuation is not a lost letter.
    CHECK(k.import(std::string(kHeader) + row("Эмне? Кайда?", k.day(2))).ok());
}

TEST_CASE("events: bytes that are not text in a known encoding are refused with a file-level message") {
    Kiosk k;
    SECTION("an Excel workbook saved under the .csv name") {
        requireRefused(k.import(std::string("PK\x03\x04", 4) + "xl/workbook.xml"), 0, "events_err_xlsx");
    }
    SECTION("UTF-16 without its BOM") {
        requireRefused(k.import(toCodepage(std::string(kHeader), "UTF-16LE")), 0, "events_err_binary");
    }
    SECTION("a byte Windows-1251 does not define") {
        // Plenty of ordinary Cyrillic around it, so only the undefined byte can be the reason.
        const std::string text =
            "kind;title_ru;start;place;oblast\r\njob_fair;Ярмарка вакансий для выпускников;" + k.day(2) +
            ";Дворец спорта;bishkek\r\n";
        REQUIRE(parseEventsCsv(toCodepage(text, "windows-1251"), k.vocab, k.today()).ok()); // fine without it
        requireRefused(k.import(toCodepage(text, "windows-1251") + "open_day;\x98\r\n"), 0,
                       "events_err_encoding");
    }
    SECTION("KOI8-R, which read as Windows-1251 would be gibberish") {
        const std::string text =
            std::string(kHeader) + row("Ярмарка вакансий для выпускников школ", k.day(2));
        requireRefused(k.import(toCodepage(text, "KOI8-R")), 0, "events_err_encoding");
    }
    SECTION("an empty file") {
        requireRefused(k.import(""), 0, "events_err_empty");
    }
    SECTION("a header only") {
        requireRefused(k.import(kHeader), 0, "events_err_empty");
    }
    CHECK(k.count() == 0);
}

TEST_CASE("events: a header that is not the documented one is refused on row 1") {
    Kiosk k;
    SECTION("no known column") {
        requireRefused(k.import("a,b,c\n1,2,3\n"), 1, "events_err_no_header");
    }
    SECTION("a required column missing") {
        auto r = k.import("kind,title_ru,start,place\nopen_day,День,2030-01-01,Зал\n");
        requireRefused(r, 1, "events_err_column_missing");
        CHECK(r.issues[0].column == "oblast");
    }
    SECTION("a misspelt column") {
        auto r = k.import("kind,titel_ru,title_ky,start,place,oblast\n");
        requireRefused(r, 1, "events_err_column_unknown");
        CHECK(r.issues[0].column == "titel_ru");
    }
    SECTION("a column twice") {
        requireRefused(k.import("kind,title_ru,start,place,oblast,place\n"), 1, "events_err_column_twice");
    }
    CHECK(k.count() == 0);
}

TEST_CASE("events: each bad cell is refused with its row, message key and column") {
    Kiosk k;
    struct Case {
        std::string line;
        const char* key;
        const char* column;
    };
    const std::string d = k.day(5);
    const std::vector<Case> cases = {
        {"party,,Вечеринка,," + d + ",,Зал,chui,,,,", "events_err_kind", "kind"},
        {"open_day,,,," + d + ",,Зал,chui,,,,", "events_err_no_title", ""},
        {"open_day,,День,,12/01/2030,,Зал,chui,,,,", "events_err_date", "start"},
        {"open_day,,День,,46357,,Зал,chui,,,,", "events_err_date", "start"}, // an Excel date serial
        {"open_day,,День,,31.02.2027,,Зал,chui,,,,", "events_err_date", "start"},
        {"open_day,,День,,,,Зал,chui,,,,", "events_err_required", "start"},
        {"open_day,,День,," + d + ",,,chui,,,,", "events_err_required", "place"},
        {"open_day,,День,," + d + ",,Зал,Чуй,,,,", "events_err_oblast", "oblast"},
        {"open_day,,День,," + d + ",,Зал,chui,medicine,,,", "events_err_field", "fields"},
        {"open_day,,День,," + d + ",,Зал,chui,,astronaut,,", "events_err_occupation", "occupations"},
        {"open_day,,День,," + d + ",,Зал,chui,,Бажы декларанты,,", "events_err_ambiguous", "occupations"},
        {"open_day,,День \xE2\x80\xAE"
         "abc,," +
             d + ",,Зал,chui,,,,",
         "events_err_hidden_char", "title_ru"},
        {"open_day,,День\x07,," + d + ",,Зал,chui,,,,", "events_err_hidden_char", "title_ru"},
        {"open_day,,День,," + d + ",,Зал,chui,,,," + std::string(601, 'x'), "events_err_too_long", "text_ru"},
        {"open_day,,День,," + addDays(k.today(), 800) + ",,Зал,chui,,,,", "events_err_too_far", "start"},
        {"open_day,,День,," + d + ",,Зал,chui,,,,,extra", "events_err_extra_cells", ""},
    };
    for (const Case& c : cases) {
        INFO(c.line);
        auto r = k.import(kHeader + row("OK", d) + c.line + "\n");
        requireRefused(r, 3, c.key);
        CHECK(r.issues[0].column == c.column);
    }
    CHECK(k.count() == 0);
}

TEST_CASE("events: the same event twice in one file names the first row") {
    Kiosk k;
    auto r = k.import(kHeader + row("A", k.day(5)) + row("B", k.day(6)) + row("A", k.day(5)));
    requireRefused(r, 4, "events_err_duplicate_row");
    CHECK(r.issues[0].number == 2);
    CHECK(k.count() == 0);
}

TEST_CASE("events: an unclosed quote is refused at the row where it starts") {
    Kiosk k;
    auto r = k.import(kHeader + row("A", k.day(5)) + "open_day,\"День,,," + k.day(5) + ",,Зал,chui\n" +
                      "course,,Курс,," + k.day(6) + ",,Зал,chui,,,,\n");
    requireRefused(r, 3, "events_err_quote");
    CHECK(k.count() == 0);
}

TEST_CASE("events: many bad rows list the first 50 issues and count them all") {
    Kiosk k;
    std::string csv = kHeader;
    for (int i = 0; i < 300; ++i)
        csv += "party,,X" + std::to_string(i) + ",," + k.day(5) + ",,Зал,chui,,,,\n";
    auto r = k.import(csv);
    CHECK(r.issues.size() == kMaxIssues);
    CHECK(r.issueCount == 300);
    CHECK(r.issues.back().row == 51);
}

TEST_CASE("events: a 10,000-row file is refused whole on a worker, the caller never blocking") {
    Kiosk k;
    std::string csv = kHeader;
    for (int i = 0; i < 10000; ++i)
        csv += "course,,К" + std::to_string(i) + ",," + k.day(5) + ",,Зал,osh,,,,\n";
    REQUIRE(csv.size() < kMaxFileBytes); // the row cap, not the size cap, is what refuses it
    Stick stick(csv);
    SystemClock wall;
    auto job = ImportJob::start(stick.dir.str(), k.vocab, k.today(), wall.monotonicMs());
    // poll() returns at once; wait for the worker with a generous deadline.
    const int64_t giveUp = wall.monotonicMs() + 60000;
    ImportJob::State st;
    while ((st = job->poll(wall.monotonicMs())) == ImportJob::State::Running && wall.monotonicMs() < giveUp)
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    INFO("the import worker did not finish within 60 s");
    REQUIRE(st == ImportJob::State::Ready);
    auto r = applyImport(k.db, k.clock, job->take());
    requireRefused(r, 0, "events_err_too_many_rows");
    CHECK(r.issues[0].number == kMaxRows);
    CHECK(r.issueCount == 1);
    CHECK(k.count() == 0);
    // Exactly the cap is fine.
    std::string cap = kHeader;
    for (int i = 0; i < kMaxRows; ++i)
        cap += "course,,К" + std::to_string(i) + ",," + k.day(5) + ",,Зал,osh,,,,\n";
    auto ok = k.import(cap);
    REQUIRE(ok.ok());
    CHECK(ok.added == kMaxRows);
}

TEST_CASE("events: the stick file is opened as hostile input") {
    Kiosk k;
    SECTION("missing") {
        Stick s;
        requireRefused(importFromStick(k.db, k.clock, k.vocab, s.dir.str()), 0, "events_err_missing");
    }
    SECTION("a symbolic link to a file elsewhere is not followed") {
        Stick s;
        std::ofstream(s.dir.path / "real.csv") << kHeader << row("A", k.day(2));
        fs::create_symlink(s.dir.path / "real.csv", s.file());
        requireRefused(importFromStick(k.db, k.clock, k.vocab, s.dir.str()), 0, "events_err_not_file");
    }
    SECTION("the kesip folder as a link is not followed") {
        test::TempDir d, elsewhere;
        fs::create_directories(elsewhere.path / "k");
        std::ofstream(elsewhere.path / "k" / "events.csv") << kHeader << row("A", k.day(2));
        fs::create_directory_symlink(elsewhere.path / "k", d.path / "kesip");
        requireRefused(importFromStick(k.db, k.clock, k.vocab, d.str()), 0, "events_err_not_file");
    }
    SECTION("a FIFO does not hang the reader") {
        Stick s;
        REQUIRE(::mkfifo(s.file().c_str(), 0600) == 0);
        requireRefused(importFromStick(k.db, k.clock, k.vocab, s.dir.str()), 0, "events_err_not_file");
    }
    SECTION("a folder named events.csv") {
        Stick s;
        fs::create_directory(s.file());
        requireRefused(importFromStick(k.db, k.clock, k.vocab, s.dir.str()), 0, "events_err_not_file");
    }
    SECTION("over the size cap") {
        Stick s(std::string(kHeader) + std::string(kMaxFileBytes, ' '));
        auto r = importFromStick(k.db, k.clock, k.vocab, s.dir.str());
        requireRefused(r, 0, "events_err_too_big");
        CHECK(r.issues[0].number == int(kMaxFileBytes / 1024));
    }
    SECTION("a good file imports") {
        Stick s(std::string(kHeader) + row("A", k.day(2)));
        CHECK(importFromStick(k.db, k.clock, k.vocab, s.dir.str()).added == 1);
    }
}

TEST_CASE("events: an event shows through its end date and hides itself the day after") {
    Kiosk k;
    k.add(k.event("job_fair", "Ярмарка", 0, 1, "osh"));
    CHECK(k.repo.forHome("").size() == 1);
    k.clock.advance(kDayMs); // the last day
    CHECK(k.repo.forHome("").size() == 1);
    k.clock.advance(kDayMs); // the day after
    CHECK(k.repo.forHome("").empty());
    CHECK(k.repo.coming({}).empty());
    CHECK(k.repo.list(false).empty());
    CHECK(k.repo.list(true).size() == 1); // staff still see it
}

TEST_CASE(
    "events: queries filter by oblast, field and occupation, soonest first, the visitor's oblast first") {
    Kiosk k;
    Event a = k.event("open_day", "A", 5, 5, "osh");
    a.fields = {"it"};
    Event b = k.event("company_visit", "B", 2, 3, "chui");
    b.occupations = {"industrial_welder"};
    Event c = k.event("course", "C", 9, 30, "osh");
    c.occupations = {"software_developer"};
    Event d = k.event("job_fair", "D", 1, 1, "bishkek");
    d.fields = {"industry"};
    const int64_t ia = k.add(a), ib = k.add(b), ic = k.add(c), id = k.add(d);
    auto ids = [](const std::vector<Event>& v) {
        std::vector<int64_t> out;
        for (auto& e : v) out.push_back(e.id);
        return out;
    };
    CHECK(ids(k.repo.coming({})) == std::vector<int64_t>{id, ib, ia, ic});
    CHECK(ids(k.repo.coming({"osh", "", "", ""})) == std::vector<int64_t>{ia, ic});
    CHECK(ids(k.repo.coming({"", "it", "", ""})) == std::vector<int64_t>{ia});
    CHECK(ids(k.repo.coming({"", "", "industrial_welder", ""})) == std::vector<int64_t>{ib});
    CHECK(ids(k.repo.coming({"", "", "", "course"})) == std::vector<int64_t>{ic});
    // Home: three, the visitor's oblast first, then the soonest of the rest.
    CHECK(ids(k.repo.forHome("osh")) == std::vector<int64_t>{ia, ic, id});
    CHECK(ids(k.repo.forHome("")) == std::vector<int64_t>{id, ib, ia});
    // A field page: linked to the field, or to one of its occupations.
    CHECK(ids(k.repo.forField(k.vocab, "it")) == std::vector<int64_t>{ia, ic});
    CHECK(ids(k.repo.forField(k.vocab, "industry")) == std::vector<int64_t>{id, ib});
    // An occupation page: linked to it first, then to its field.
    CHECK(ids(k.repo.forOccupation(k.vocab, "industrial_welder")) == std::vector<int64_t>{ib, id});
    CHECK(ids(k.repo.forOccupation(k.vocab, "web_developer")) == std::vector<int64_t>{ia});
    CHECK(ids(k.repo.forOccupation(k.vocab, "software_developer", "", 1)) == std::vector<int64_t>{ic});
}

TEST_CASE("events: a planned trial gets kind, month, field, occupation and a title in both languages") {
    Kiosk k;
    Event e = k.event("internship", "Стажировка в IT-парке", 40, 60, "bishkek");
    e.occupations = {"web_developer"};
    const int64_t id = k.add(e);
    auto t = k.repo.trialOf(id, k.vocab);
    REQUIRE(t);
    CHECK(t->eventId == id);
    CHECK(t->kind == "internship");
    CHECK(t->month == k.day(40).substr(0, 7));
    CHECK(t->occupation == "web_developer");
    CHECK(t->field == "it"); // from the occupation when no field is linked
    CHECK(t->title.ky == "Стажировка в IT-парке");
    CHECK(t->title.ru == "Стажировка в IT-парке");
    CHECK_FALSE(k.repo.trialOf(id + 100, k.vocab));
}

TEST_CASE("events: staff add, edit and delete are checked and audited without the event's text") {
    Kiosk k;
    Event e = k.event("open_day", "  День   открытых дверей ", 3, 3, "naryn");
    e.organiser = "Колледж\nискусств"; // a line break in a one-line field becomes a space
    const int64_t id = k.add(e);
    auto got = k.repo.get(id);
    REQUIRE(got);
    CHECK(got->title.ru == "День открытых дверей");
    CHECK(got->organiser == "Колледж искусств");
    CHECK(got->source == "staff");

    auto dup = k.repo.add(e, k.vocab);
    REQUIRE_FALSE(dup.ok());
    CHECK(std::string(dup.issues[0].key) == "events_err_exists");
    auto past = k.repo.add(k.event("course", "Курс", -5, -1, "naryn"), k.vocab);
    REQUIRE_FALSE(past.ok());
    CHECK(std::string(past.issues[0].key) == "events_err_past");
    Event bad = k.event("course", "Курс", 3, 3, "mars");
    bad.occupations = {"astronaut"};
    auto refused = k.repo.add(bad, k.vocab);
    REQUIRE(refused.issues.size() == 2);
    CHECK(std::string(refused.issues[0].key) == "events_err_oblast");
    CHECK(std::string(refused.issues[1].key) == "events_err_occupation");

    got->place = "Нарын, Ленин көч., 5";
    REQUIRE(k.repo.update(id, *got, k.vocab).ok());
    CHECK(k.repo.get(id)->place == "Нарын, Ленин көч., 5");
    CHECK_FALSE(k.repo.update(id + 100, *got, k.vocab).ok());
    CHECK(k.repo.remove(id));
    CHECK_FALSE(k.repo.get(id));
    CHECK_FALSE(k.repo.remove(id));

    auto s = k.db.prepare("SELECT actor, action, detail FROM audit WHERE action LIKE 'event_%' ORDER BY id");
    std::vector<std::string> actions;
    while (s.step()) {
        actions.push_back(s.getText(1));
        CHECK(s.getText(0) == "staff");
        CHECK(s.getText(2).find("id=" + std::to_string(id)) == 0);
        CHECK(s.getText(2).find("Нарын") == std::string::npos); // what, not the text
        CHECK(s.getText(2).find("День") == std::string::npos);
    }
    CHECK(actions == std::vector<std::string>{"event_add", "event_edit", "event_delete"});
    CHECK(k.links() == 0);
}

TEST_CASE("events: dates are read as YYYY-MM-DD or D.M.YYYY and nothing else") {
    CHECK(parseDate("2027-01-05") == "2027-01-05");
    CHECK(parseDate("5.1.2027") == "2027-01-05");
    CHECK(parseDate(" 05.01.2027 0:00 ") == "2027-01-05");
    CHECK(parseDate("29.02.2028") == "2028-02-29");
    CHECK(parseDate("29.02.2027").empty());
    CHECK(parseDate("2027-13-01").empty());
    CHECK(parseDate("01/05/2027").empty());
    CHECK(parseDate("05.01.27").empty());
    CHECK(parseDate("46357").empty());
    CHECK(addDays("2026-12-31", 1) == "2027-01-01");
    CHECK(addDays("2028-03-01", -1) == "2028-02-29");
}

TEST_CASE("events: messages read in both languages with the row number") {
    std::string err;
    auto cat = l10n::Catalog::open(test::localeDir(), err);
    REQUIRE(cat);
    const Issue past{7, "events_err_past", "end", "2026-01-01"};
    CHECK(issueText(*cat, Lang::ru, past) ==
          "Строка 7: Мероприятие уже прошло: дата окончания раньше сегодняшней.");
    CHECK(issueText(*cat, Lang::ky, past).rfind("7-сап: ", 0) == 0);
    const Issue lost{3, "events_err_lost_letters", "title_ky"};
    CHECK(issueText(*cat, Lang::ru, lost).find("title_ky") != std::string::npos);
    ImportResult r;
    r.issueCount = 60;
    r.issues.assign(kMaxIssues, past);
    auto lines = importSummary(*cat, Lang::ru, r);
    REQUIRE(lines.size() == kMaxIssues + 2);
    CHECK(lines.back() == "…и ещё 10 ошибок.");
    for (const auto& kind : eventKinds())
        for (Lang l : kLangs) CHECK(cat->has(l, kindNameKey(kind)));
    ImportResult done;
    done.added = 2;
    CHECK(importSummary(*cat, Lang::ky, done).at(0).find("жаңы — 2") != std::string::npos);
}
