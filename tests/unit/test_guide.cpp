// "Getting a job" (issue 11): the guide's compiler checks with file:line, the content database, and the real
// guide in both languages.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "catalog/content.hpp"
#include "catalog/guide.hpp"
#include "helpers.hpp"
#include "store/db.hpp"

using namespace kesip;
using namespace kesip::catalog;
using nlohmann::json;

namespace {

const char* kToday = "2026-03-01";

std::string dump(const std::vector<content::Problem>& ps) {
    std::string s;
    for (auto& p : ps) s += p.str() + "\n";
    return s;
}

std::string repeat(const std::string& word, int n) {
    std::string s;
    for (int i = 0; i < n; ++i) s += (i ? " " : "") + word;
    return s + ".";
}

json t2(const std::string& ky, const std::string& ru) {
    return {{"ky", ky}, {"ru", ru}};
}

json section(const std::string& tag) {
    return {{"heading", t2("Бөлүм " + tag, "Раздел " + tag)},
            {"text", t2(repeat("сөз", 30), repeat("слово", 30))}};
}

json fact(const std::string& id) {
    return {{"id", id},
            {"statement", t2("Мыйзам ушундай дейт.", "Так говорит закон.")},
            {"source", t2("Эмгек кодекси, 1-берене", "Трудовой кодекс, статья 1")},
            {"links", {"https://example.org/code"}},
            {"checked", "2026-01-15"}};
}

// A valid page of four sections (about 130 words in each language); the first section states `facts`.
json page(const std::string& id, std::vector<std::string> facts = {}) {
    json p = {{"id", id},
              {"title", t2("Барак " + id, "Страница " + id)},
              {"sections", {section("а"), section("б"), section("в"), section("г")}}};
    if (!facts.empty()) {
        p["sections"][0]["facts"] = facts;
        p["facts"] = json::array();
        for (const auto& f : facts) p["facts"].push_back(fact(f));
    }
    return p;
}

int lineAt(const std::string& text, size_t pos) {
    int line = 1;
    for (size_t i = 0; i < pos && i < text.size(); ++i) line += text[i] == '\n';
    return line;
}

// The line of the first `needle` after `anchor`.
int lineAfter(const std::string& text, const std::string& anchor, const std::string& needle) {
    const size_t a = text.find(anchor);
    REQUIRE(a != std::string::npos);
    const size_t p = text.find(needle, a);
    REQUIRE(p != std::string::npos);
    return lineAt(text, p);
}

// The line of the opening brace of the `level`-th object around `needle` (1 = the innermost). Scans back
// over nesting; the fixtures have no brackets inside strings.
int objectLine(const std::string& text, const std::string& needle, int level = 1) {
    const size_t p = text.find(needle);
    REQUIRE(p != std::string::npos);
    int depth = 0;
    for (size_t i = p; i-- > 0;) {
        const char ch = text[i];
        if (ch == '}' || ch == ']') ++depth;
        if (ch != '{' && ch != '[') continue;
        if (depth > 0) {
            --depth;
        } else if (ch == '{' && --level == 0) {
            return lineAt(text, i);
        }
    }
    FAIL("no enclosing object");
    return 0;
}

struct Guide {
    test::TempDir d;
    std::vector<GuidePage> pages;
    std::vector<content::Problem> ps;
    std::string text;
    std::string dir() const { return d.str() + "/guide"; }
    bool read(const std::vector<json>& list) {
        std::filesystem::create_directories(dir());
        text = json{{"pages", list}}.dump(2);
        std::ofstream(dir() + "/jobs.json") << text;
        return readGuide(dir(), pages, ps, kToday);
    }
    content::Problem find(const std::string& what) const {
        for (const auto& p : ps)
            if (p.message.find(what) != std::string::npos) return p;
        FAIL("no problem mentions \"" << what << "\" in:\n" << dump(ps));
        return {};
    }
};

bool endsWith(const std::string& s, const std::string& tail) {
    return s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
}

const Content& encyclopedia() {
    static const Content c = [] {
        std::vector<content::Problem> ps;
        auto src = readSources(test::sourceDir() + "/assets/encyclopedia", ps);
        INFO(dump(ps));
        REQUIRE(src);
        return *src;
    }();
    return c;
}

} // namespace

TEST_CASE("guide: value lines follow nesting, and brackets or quotes inside strings do not count") {
    const std::string text = "{\n  \"a\": [\n    {\"k\": \"x]}\\\"{\"},\n    7,\n    true\n  ],\n"
                             "  \"b\": {\n    \"c\": null\n  }\n}\n";
    const auto lines = detail::jsonValueLines(text);
    CHECK(lines.at("") == 1);
    CHECK(lines.at("/a") == 2);
    CHECK(lines.at("/a/0") == 3);
    CHECK(lines.at("/a/0/k") == 3);
    CHECK(lines.at("/a/1") == 4);
    CHECK(lines.at("/a/2") == 5);
    CHECK(lines.at("/b") == 7);
    CHECK(lines.at("/b/c") == 8);
    CHECK_FALSE(lines.count("/a/3"));
}

TEST_CASE("guide: a page missing ru is rejected with file:line") {
    Guide g;
    auto noRuTitle = page("no_ru_title");
    noRuTitle["title"].erase("ru");
    auto noRuBullets = page("no_ru_bullets");
    noRuBullets["sections"][2] = {{"heading", t2("Тизме", "Список")},
                                  {"bullets", {{"ky", {"Бир.", "Эки."}}}}};
    auto noRuText = page("no_ru_text");
    noRuText["sections"][1]["text"]["ru"] = "  ";
    CHECK_FALSE(g.read({page("fine"), noRuTitle, noRuBullets, noRuText}));
    const auto title = g.find("title: empty ru text");
    CHECK(endsWith(title.file, "guide/jobs.json"));
    CHECK(title.id == "no_ru_title");
    CHECK(title.line == lineAfter(g.text, "\"id\": \"no_ru_title\"", "\"title\": {"));
    const auto bullets = g.find("bullets: missing the ru list");
    CHECK(bullets.id == "no_ru_bullets/sections[2]");
    CHECK(bullets.line == lineAfter(g.text, "\"id\": \"no_ru_bullets\"", "\"bullets\": {"));
    const auto text = g.find("text: empty ru text");
    CHECK(text.id == "no_ru_text/sections[1]");
    CHECK(text.line == lineAfter(g.text, "\"Раздел б\"", "\"ru\": \"  \""));
    CHECK(g.pages.empty()); // nothing half-read
}

TEST_CASE("guide: a fact without source, or checked in the future, is rejected with file:line") {
    Guide g;
    auto p = page("rights", {"fine", "no_source", "no_date", "bad_date", "future", "blank_source"});
    p["facts"][1].erase("source");
    p["facts"][2].erase("checked");
    p["facts"][3]["checked"] = "2025-02-30";
    p["facts"][4]["checked"] = "2999-01-01";
    p["facts"][5]["source"] = t2("Эмгек кодекси", "");
    CHECK_FALSE(g.read({p}));
    const auto source = g.find("missing \"source\"");
    CHECK(endsWith(source.file, "guide/jobs.json"));
    CHECK(source.id == "rights/no_source");
    CHECK(source.line == objectLine(g.text, "\"id\": \"no_source\""));
    const auto date = g.find("missing \"checked\"");
    CHECK(date.id == "rights/no_date");
    CHECK(date.line == objectLine(g.text, "\"id\": \"no_date\""));
    CHECK(g.find("not a real date").line == lineAt(g.text, g.text.find("2025-02-30")));
    const auto future = g.find("is in the future");
    CHECK(future.id == "rights/future");
    CHECK(future.line == lineAt(g.text, g.text.find("2999-01-01")));
    CHECK(g.find("source: empty ru text").id == "rights/blank_source");
    CHECK(g.ps.size() == 5); // the valid fact adds nothing
}

TEST_CASE("guide: an empty section is rejected with file:line") {
    Guide g;
    auto p = page("interview");
    p["sections"][3] = {{"heading", t2("Бош бөлүм", "Пустой раздел")}};
    auto q = page("cv");
    q["sections"][0] = {{"heading", t2("Бош тизме", "Пустой список")},
                        {"bullets", {{"ky", json::array()}, {"ru", json::array()}}}};
    CHECK_FALSE(g.read({p, q}));
    REQUIRE(g.ps.size() == 2);
    CHECK(g.ps[0].message.find("empty section") != std::string::npos);
    CHECK(g.ps[0].id == "interview/sections[3]");
    CHECK(g.ps[0].line == objectLine(g.text, "\"Бош бөлүм\"", 2)); // the section, not its heading
    CHECK(g.ps[1].message.find("empty section") != std::string::npos);
    CHECK(g.ps[1].id == "cv/sections[0]");
    CHECK(g.ps[1].line == objectLine(g.text, "\"Пустой список\"", 2));
}

TEST_CASE("guide: facts and sections must refer to each other, ids are unique, pages stay short") {
    Guide g;
    auto orphan = page("orphan", {"stated"});
    orphan["facts"].push_back(fact("unstated"));
    auto citing = page("citing", {"own"});
    citing["sections"][1]["facts"] = {"stated"}; // a fact of another page
    auto twice = page("twice", {"own"});         // "own" again: fact ids are unique in the guide
    auto longPage = page("long");
    longPage["sections"][0]["text"] = t2(repeat("сөз", 200), repeat("слово", 200));
    auto fewSections = page("few");
    fewSections["sections"].erase(3);
    fewSections["sections"].erase(2);
    fewSections["title"]["ru"] = "Страниcа"; // a Latin c inside a Cyrillic word
    auto extra = page("extra");
    extra["summary"] = t2("Кыскача", "Кратко");
    CHECK_FALSE(g.read({orphan, citing, twice, longPage, fewSections, extra, page("orphan")}));
    CHECK(g.find("no section states this fact").id == "orphan/unstated");
    CHECK(g.find("\"stated\" is not a fact of this page").id == "citing/sections[1]");
    CHECK(g.find("duplicate fact id").id == "twice/own");
    CHECK(g.find("words; a page has 80-250").id == "long");
    CHECK(g.find("expected 3-6 sections, found 2").id == "few");
    CHECK(g.find("Latin letter inside Cyrillic word").id == "few");
    CHECK(g.find("unknown key \"summary\"").line == lineAfter(g.text, "\"id\": \"extra\"", "\"summary\""));
    CHECK(g.find("duplicate page id").line == lineAt(g.text, g.text.rfind("\"id\": \"orphan\"")));
}

TEST_CASE("guide: a value of the wrong type is a problem, not an exception") {
    Guide g;
    auto p = page("typed");
    p["sections"][0]["heading"] = 5;
    p["sections"][1]["bullets"] = {{"ky", {1, 2}}, {"ru", {"Бир.", "Эки."}}};
    p["title"]["ky"] = json::array();
    CHECK_FALSE(g.read({p, "not a page"}));
    CHECK(g.find("heading: expected {").id == "typed/sections[0]");
    CHECK(g.find("bullets: empty ky text").id == "typed/sections[1]");
    CHECK(g.find("title: empty ky text").id == "typed");
    CHECK(g.find("a page must be an object").id == "pages[1]");
}

TEST_CASE(
    "guide: without assets/guide there is nothing to show and nothing wrong; without jobs.json there is") {
    Guide g;
    CHECK(readGuide(g.dir(), g.pages, g.ps, kToday));
    CHECK(g.ps.empty());
    std::filesystem::create_directories(g.dir());
    CHECK_FALSE(readGuide(g.dir(), g.pages, g.ps, kToday));
    CHECK_THAT(dump(g.ps), Catch::Contains("jobs.json: cannot read file"));
}

TEST_CASE("guide: the real guide compiles and loads with all pages in both languages") {
    std::vector<GuidePage> pages;
    std::vector<content::Problem> ps;
    REQUIRE(readGuide(test::sourceDir() + "/assets/guide", pages, ps)); // today's date bounds `checked`
    INFO(dump(ps));
    // vacancies, scams, CV, example CV, cover letter, interview, rights, under 18, where to get help
    REQUIRE(pages.size() == 9);
    Content c = encyclopedia();
    c.guide = pages;
    test::TempDir d;
    const std::string db = d.str() + "/content.sqlite";
    std::string err;
    REQUIRE(writeContentDb(c, db, err));
    auto loaded = loadContentDb(db, err);
    INFO(err);
    REQUIRE(loaded);
    REQUIRE(loaded->guide.size() == pages.size());
    size_t facts = 0;
    for (size_t i = 0; i < pages.size(); ++i) {
        const GuidePage& p = loaded->guide[i];
        INFO(p.id);
        CHECK(p.id == pages[i].id);
        CHECK(p.sections.size() >= 3);
        CHECK(p.sections.size() <= 6);
        for (Lang l : kLangs) {
            CHECK_FALSE(p.title.get(l).empty());
            for (const GuideSection& s : p.sections) {
                CHECK_FALSE(s.heading.get(l).empty());
                CHECK((!s.text.get(l).empty() || !s.bullets(l).empty()));
            }
        }
        for (size_t k = 0; k < p.sections.size(); ++k) {
            CHECK(p.sections[k].text.ky == pages[i].sections[k].text.ky);
            CHECK(p.sections[k].bulletsRu == pages[i].sections[k].bulletsRu);
            CHECK(p.sections[k].facts == pages[i].sections[k].facts);
        }
        REQUIRE(p.facts.size() == pages[i].facts.size());
        for (const GuideFact& f : p.facts) {
            CHECK_FALSE(f.source.ky.empty());
            CHECK_FALSE(f.source.ru.empty());
            CHECK(f.checked.size() == 10);
            ++facts;
        }
    }
    // The legal page states its facts with sources.
    auto rights = std::find_if(loaded->guide.begin(), loaded->guide.end(),
                               [](const GuidePage& p) { return p.id == "rights"; });
    REQUIRE(rights != loaded->guide.end());
    CHECK(rights->facts.size() >= 4);
    CHECK(facts >= 10);
    // The font atlas covers the guide.
    const auto texts = loaded->allTexts();
    for (const std::string& t : {pages[0].title.ky, pages.back().sections[0].text.ru,
                                 rights->facts[0].source.ky, pages[1].sections[0].bulletsKy[0]})
        CHECK(std::find(texts.begin(), texts.end(), t) != texts.end());
}

TEST_CASE("guide: a content database compiled before the guide still loads, with no guide") {
    Guide g;
    REQUIRE(g.read({page("vacancies", {"fact_one"}), page("help")}));
    Content c = encyclopedia();
    c.guide = g.pages;
    const std::string db = g.d.str() + "/old.sqlite";
    std::string err;
    REQUIRE(writeContentDb(c, db, err));
    const std::string withGuide = loadContentDb(db, err)->version;
    {
        store::Database d(db);
        d.exec("DROP TABLE guide_facts; DROP TABLE guide_pages");
    }
    auto old = loadContentDb(db, err);
    INFO(err);
    REQUIRE(old);
    CHECK(old->guide.empty());
    CHECK(old->occupations.size() == c.occupations.size());
    // The guide is part of the content version: a pack with a changed guide is a new pack.
    c.guide[0].sections[0].text.ru += " Ещё.";
    REQUIRE(writeContentDb(c, db + "2", err));
    CHECK(loadContentDb(db + "2", err)->version != withGuide);
}

TEST_CASE("guide: a database whose guide rows do not fit together is refused") {
    Guide g;
    REQUIRE(g.read({page("vacancies", {"fact_one"}), page("help")}));
    Content c = encyclopedia();
    c.guide = g.pages;
    const std::string db = g.d.str() + "/bad.sqlite";
    std::string err;
    REQUIRE(writeContentDb(c, db, err));
    {
        store::Database d(db);
        d.exec("DELETE FROM guide_facts"); // the section still cites fact_one
    }
    CHECK_FALSE(loadContentDb(db, err));
    CHECK_THAT(err, Catch::Contains("cites an unknown fact"));
}
