#include <catch2/catch.hpp>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <set>
#include <unistd.h>

#include "catalog/content.hpp"
#include "catalog/matching.hpp"
#include "catalog/search.hpp"
#include "helpers.hpp"

using namespace kesip;
using namespace kesip::catalog;

namespace {

std::string dump(const std::vector<content::Problem>& ps) {
    std::string s;
    for (auto& p : ps) s += p.str() + "\n";
    return s;
}

// The real content, compiled and loaded once (as the kiosk does).
const Content& real() {
    static const Content c = [] {
        std::vector<content::Problem> ps;
        auto src = readSources(test::sourceDir() + "/assets/encyclopedia", ps);
        INFO(dump(ps));
        REQUIRE(src);
        const std::string db = (std::filesystem::temp_directory_path() /
                                ("kesip-unit-content-" + std::to_string(::getpid()) + ".sqlite"))
                                   .string();
        std::string err;
        REQUIRE(writeContentDb(*src, db, err));
        auto loaded = loadContentDb(db, err);
        INFO(err);
        REQUIRE(loaded);
        return *loaded;
    }();
    return c;
}

const SearchIndex& index() {
    static const SearchIndex i(real(), std::make_shared<Normalizer>());
    return i;
}

std::vector<std::string> ids(const SearchResult& r, size_t n = 100) {
    std::vector<std::string> v;
    for (size_t i = 0; i < r.hits.size() && i < n; ++i)
        v.push_back(real().occupations[size_t(r.hits[i].occupation)].id);
    return v;
}

bool contains(const std::vector<std::string>& v, const std::string& s) {
    return std::find(v.begin(), v.end(), s) != v.end();
}

void copyTree(const std::string& from, const std::string& to) {
    std::filesystem::copy(from, to, std::filesystem::copy_options::recursive);
}

} // namespace

TEST_CASE("the real encyclopedia compiles: 16+ fields, 150+ occupations, all ISCO major groups") {
    const Content& c = real();
    CHECK(c.fields.size() >= 16);
    CHECK(c.occupations.size() >= 150);
    std::set<char> majors;
    for (auto& o : c.occupations) majors.insert(o.isco[0]);
    CHECK(majors.size() == 10);
    CHECK(c.version.size() == 32);
    for (auto& f : c.fields) CHECK(c.occupationsOfField(f.id).size() >= 5);
}

TEST_CASE("the content compiler reports seeded errors with file and line") {
    test::TempDir d;
    copyTree(test::sourceDir() + "/assets/encyclopedia", d.str() + "/enc");
    const std::string file = d.str() + "/enc/occupations/it.json";
    std::string text;
    REQUIRE(readFile(file, text));
    auto rep = [&](const std::string& a, const std::string& b) {
        auto p = text.find(a);
        REQUIRE(p != std::string::npos);
        text.replace(p, a.size(), b);
    };
    // ISCO malformed, RIASEC invalid, a related id that does not exist, Latin inside a Cyrillic word.
    rep("\"isco\": \"2512\"", "\"isco\": \"25X2\"");
    rep("\"riasec\": \"", "\"riasec\": \"Q");
    rep("\"related\": [", "\"related\": [\"no_such_job\", ");
    rep("\"ru\": \"Программист\"", "\"ru\": \"Прогpаммист\"");
    { std::ofstream(file) << text; }
    std::vector<content::Problem> ps;
    CHECK_FALSE(readSources(d.str() + "/enc", ps));
    const std::string all = dump(ps);
    INFO(all);
    CHECK_THAT(all, Catch::Contains("it.json:"));
    CHECK_THAT(all, Catch::Contains("isco must be a 4-digit"));
    CHECK_THAT(all, Catch::Contains("riasec must be"));
    CHECK_THAT(all, Catch::Contains("related id \"no_such_job\" does not exist"));
    CHECK_THAT(all, Catch::Contains("Latin letter inside Cyrillic word \"Прогpаммист\""));
    for (const auto& p : ps) CHECK(p.line > 0);

    // A syntax error: the line of the error.
    { std::ofstream(file) << "[\n  {\"id\": \"x\",\n  oops\n]"; }
    ps.clear();
    CHECK_FALSE(readSources(d.str() + "/enc", ps));
    REQUIRE_FALSE(ps.empty());
    CHECK(ps[0].line == 3);
    CHECK_THAT(ps[0].str(), Catch::Contains("not valid JSON"));
}

TEST_CASE("a corrupt or foreign content database is refused with a reason") {
    test::TempDir d;
    std::string err;
    CHECK_FALSE(loadContentDb(d.str() + "/none.sqlite", err));
    CHECK_THAT(err, Catch::Contains("missing"));
    { std::ofstream(d.path / "junk.sqlite") << std::string(5000, 'x'); }
    CHECK_FALSE(loadContentDb(d.str() + "/junk.sqlite", err));
    CHECK_FALSE(err.empty());
}

TEST_CASE("normalizer: case folding and transliteration to a common key") {
    Normalizer n;
    CHECK(n.key("Өнөр") == "onor");
    CHECK(n.key("ПРОГРАММИСТ") == "programmist");
    CHECK(n.key("programmist") == "programmist");
    CHECK(n.key("Тигүүчү") == n.key("tiguuchu"));
    CHECK(n.key("журналист") == n.key("zhurnalist"));
    CHECK(n.words("  ").empty());
    CHECK(n.words("\x01\x02 \xF0\x9F\x98\x80").empty()); // control characters and emoji: no words
}

TEST_CASE("search: Latin input finds Cyrillic titles") {
    const auto prog = ids(index().search("programmist", Lang::ru), 3);
    INFO(prog.size());
    CHECK((contains(prog, "software_developer") || contains(prog, "programmer")));
    auto onor = index().search("onor", Lang::ky);
    CHECK_FALSE(onor.hits.empty());
    CHECK(index().search("программист", Lang::ru).hits.size() ==
          index().search("programmist", Lang::ru).hits.size());
}

TEST_CASE("search: Kyrgyz letters, capitals, Russian and Kyrgyz find the same occupation") {
    const auto ky = ids(index().search("Тигүүчү", Lang::ky), 5);
    const auto ky2 = ids(index().search("тигүүчү", Lang::ky), 5);
    CHECK(ky == ky2);
    const auto ru = ids(index().search("ВЕТЕРИНАР", Lang::ru), 3);
    const auto kyv = ids(index().search("ветеринар", Lang::ky), 3);
    REQUIRE_FALSE(ru.empty());
    CHECK(contains(ru, "veterinarian"));
    CHECK(contains(kyv, "veterinarian"));
    // Same occupation through its Kyrgyz and its Russian title
    const Occupation& nurse = real().occupations[size_t(real().occupationIndex("nurse"))];
    CHECK(ids(index().search(nurse.title.ky, Lang::ky), 1) == std::vector<std::string>{"nurse"});
    CHECK(ids(index().search(nurse.title.ru, Lang::ru), 1) == std::vector<std::string>{"nurse"});
}

TEST_CASE("search: one typo in a word of five or more letters") {
    auto exact = ids(index().search("ветеринар", Lang::ru), 3);
    auto typo = ids(index().search("витеринар", Lang::ru), 3);
    CHECK(contains(typo, "veterinarian"));
    auto typoLatin = ids(index().search("veterinr", Lang::ru), 3);
    CHECK(contains(typoLatin, "veterinarian"));
    // Short words get no typo tolerance: "вар" must not match everything within one edit.
    CHECK(index().search("zzzz", Lang::ru).hits.empty());
}

TEST_CASE("search: ranking title prefix over title word over synonym over text") {
    // Build a tiny content with controlled titles.
    Content c;
    auto occ = [](const char* id, const char* title, std::vector<std::string> syn,
                  std::vector<std::string> tasks) {
        Occupation o;
        o.id = id;
        o.title = {title, title};
        o.synonymsKy = o.synonymsRu = syn;
        o.tasksKy = o.tasksRu = tasks;
        return o;
    };
    c.occupations = {occ("text", "Бухгалтер", {}, {"Сварка труб"}), occ("syn", "Монтажник", {"сварщик"}, {}),
                     occ("word", "Электро сварщик", {}, {}), occ("prefix", "Сварщик", {}, {})};
    auto n = std::make_shared<Normalizer>();
    SearchIndex i(c, computeTerms(c, *n), n);
    auto r = i.search("свар", Lang::ru);
    std::vector<std::string> got;
    for (auto& h : r.hits) got.push_back(c.occupations[size_t(h.occupation)].id);
    CHECK(got == std::vector<std::string>{"prefix", "word", "syn", "text"});
}

TEST_CASE("search: nothing found suggests nearby words") {
    auto r = index().search("ветеринарка-космонавт", Lang::ru);
    // both words must match: none does
    CHECK(r.hits.empty());
    auto r2 = index().search("ветиринарр", Lang::ru);
    if (r2.hits.empty()) CHECK_FALSE(r2.suggestions.empty());
    auto r3 = index().search("бугалтер", Lang::ru);
    CHECK_FALSE(r3.hits.empty()); // one typo
}

TEST_CASE("search: any query returns quickly without error") {
    std::string longQ(100000, 'a');
    std::string weird = "\xF0\x9F\x98\x80\x01\x02\x7F \t\n\xC3";
    for (const std::string& q : {longQ, weird, std::string("     "), std::string(""), std::string("\xD2"),
                                 std::string(300, '\xD3')}) {
        auto r = index().search(q, Lang::ky);
        CHECK(r.hits.size() <= 30);
    }
}

TEST_CASE("collation: Kyrgyz and Russian order of a fixed list") {
    // ky: ...н, ң, о, ө, ... у, ү ... (ң after н, ө after о, ү after у)
    CHECK(collate({"өрүк", "ордо", "үй", "уй", "ңы", "на"}, Lang::ky) ==
          std::vector<std::string>{"на", "ңы", "ордо", "өрүк", "уй", "үй"});
    CHECK(collate({"ёж", "еда", "жук", "яма", "Абай"}, Lang::ru) ==
          std::vector<std::string>{"Абай", "еда", "ёж", "жук", "яма"});
}

TEST_CASE("matching: pure planted profiles put occupations of that type on top, with the right reasons") {
    const Content& c = real();
    const std::string letters = "RIASEC";
    for (size_t k = 0; k < 6; ++k) {
        Profile p;
        for (size_t i = 0; i < 6; ++i) p.riasec[i] = i == k ? 100 : 20;
        p.topLetters = std::string(1, letters[k]);
        auto top = matchOccupations(c, p, 10);
        REQUIRE(top.size() == 10);
        for (const Match& m : top) {
            const Occupation& o = c.occupations[size_t(m.occupation)];
            INFO(letters[k] << " -> " << o.id << " " << o.riasec);
            CHECK(o.riasec[0] == letters[k]);
            CHECK(m.sharedLetters == std::string(1, letters[k]));
        }
        auto fields = matchFields(c, p, 3);
        REQUIRE(fields.size() == 3);
    }
}

TEST_CASE("matching: strengths refine the order and become reasons") {
    const Content& c = real();
    Profile p;
    p.riasec = {20, 20, 20, 100, 20, 20};
    p.topLetters = "S";
    auto plain = matchOccupations(c, p, 40);
    for (auto& o : c.occupations)
        for (auto& k : o.competences) p.competences[k] = 30;
    p.competences["helpfulness"] = 100;
    p.strengths = {"helpfulness"};
    auto refined = matchOccupations(c, p, 40);
    // The best S occupation needing helpfulness is ranked at least as high as without strengths.
    bool anyReason = false;
    for (auto& m : refined) anyReason |= !m.sharedStrengths.empty();
    CHECK(anyReason);
    CHECK(refined.front().strengthFit >= 0);
    CHECK(std::find(c.occupations[size_t(refined.front().occupation)].competences.begin(),
                    c.occupations[size_t(refined.front().occupation)].competences.end(),
                    "helpfulness") != c.occupations[size_t(refined.front().occupation)].competences.end());
}

TEST_CASE("pearson and code profiles") {
    CHECK(codeProfile("SAE") == std::array<double, 6>{0, 0, 2, 3, 1, 0});
    CHECK(pearson({1, 2, 3, 4, 5, 6}, {2, 4, 6, 8, 10, 12}) == Approx(1));
    CHECK(pearson({5, 5, 5, 5, 5, 5}, {1, 2, 3, 4, 5, 6}) == 0);
}
