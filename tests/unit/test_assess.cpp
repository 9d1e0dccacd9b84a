#include <catch2/catch.hpp>
#include <random>

#include "assess/instrument.hpp"
#include "assess/runner.hpp"
#include "assess/scoring.hpp"
#include "helpers.hpp"
#include "store/repo.hpp"
#include "store/runs.hpp"
#include "store/schema.hpp"

using namespace kesip;
using namespace kesip::assess;

namespace {

std::string dump(const std::vector<content::Problem>& ps) {
    std::string s;
    for (auto& p : ps) s += p.str() + "\n";
    return s;
}

Instrument loadReal(const char* name, const InstrumentSpec& spec) {
    std::vector<content::Problem> ps;
    auto ins = loadInstrument(test::sourceDir() + "/assets/instruments/" + name, spec, ps);
    INFO(dump(ps));
    REQUIRE(ins);
    return *ins;
}

// A tiny RIASEC instrument built in code: two items per scale, second one reverse-keyed for R.
Instrument tiny() {
    Instrument ins;
    ins.id = "tiny";
    ins.version = 1;
    for (int v = 1; v <= 5; ++v) ins.answers.push_back({v, "", {}});
    for (const char* s : {"R", "I", "A", "S", "E", "C"}) ins.scales.push_back({s, {}, {}, {}, {}});
    for (int k = 0; k < 2; ++k)
        for (int s = 0; s < 6; ++s)
            ins.items.push_back({ins.scales[size_t(s)].id + std::to_string(k),
                                 ins.scales[size_t(s)].id,
                                 s,
                                 s == 0 && k == 1,
                                 {}});
    return ins;
}

std::vector<Response> answers(const Instrument& ins, std::initializer_list<std::pair<const char*, int>> v,
                              int64_t ms = 3000) {
    std::vector<Response> r;
    for (auto& [id, val] : v) r.push_back({id, val, ms});
    (void)ins;
    return r;
}

} // namespace

TEST_CASE("the real instruments load and validate") {
    auto interest = loadReal("interest.json", interestSpec());
    CHECK(interest.items.size() == 60);
    CHECK(interest.answers.size() == 5);
    auto strengths = loadReal("strengths.json", strengthsSpec());
    CHECK(strengths.items.size() == 48);
    CHECK(strengths.scales.size() == 12);
    int reverse = 0;
    for (auto& i : strengths.items) reverse += i.reverse;
    CHECK(reverse == 16);
}

TEST_CASE("the validator names file and item for every problem in a seeded bad file") {
    std::string text;
    std::vector<content::Problem> ps;
    text = R"({"id": "interest", "version": 1, "title": {"ky": "Тест", "ru": "Тест"},
 "answers": [{"value": 1, "label": {"ky": "а", "ru": "а"}}],
 "scales": [{"id": "R", "name": {"ky": "Практик", "ru": "Практик"}, "short": {"ky": "а", "ru": "а"},
             "description": {"ky": "а", "ru": "а"}, "likes": {"ky": "а", "ru": "а"}}],
 "items": [
  {"id": "R01", "scale": "R", "text": {"ky": "Мoтоцикл оңдоо", "ru": "Ремонтировать мотоцикл"}},
  {"id": "R02", "scale": "X", "text": {"ky": "Көмүр ташуу", "ru": "Возить уголь"}},
  {"id": "R03", "scale": "R", "text": {"ky": "J\u00f6r казуу", "ru": ""}},
  {"id": "R03", "scale": "R", "text": {"ky": "Үй куруу", "ru": "Строить дом"}}
 ]})";
    CHECK_FALSE(parseInstrument(text, "bad.json", interestSpec(), ps));
    const std::string all = dump(ps);
    INFO(all);
    CHECK_THAT(all, Catch::Contains("bad.json:6: R01: text: Latin letter inside Cyrillic word \"Мoтоцикл\""));
    CHECK_THAT(all, Catch::Contains("R02: unknown scale \"X\""));
    CHECK_THAT(all, Catch::Contains("R03: text: empty ru text"));
    CHECK_THAT(all, Catch::Contains("R03: duplicate item id"));
    CHECK_THAT(all, Catch::Contains("look-alike U+00F6"));
    CHECK_THAT(all, Catch::Contains("expected 5 answers"));
    CHECK_THAT(all, Catch::Contains("unbalanced"));
    CHECK_THAT(all, Catch::Contains("scales must be"));

    ps.clear();
    CHECK_FALSE(parseInstrument("{\"id\": \n\n  oops", "broken.json", interestSpec(), ps));
    REQUIRE(ps.size() == 1);
    CHECK(ps[0].line == 3);
}

TEST_CASE("text checks: scripts and look-alikes") {
    CHECK(content::checkText("Мотоцикл оңдоо", Lang::ky).empty());
    CHECK(content::checkText("ИТ жана 3D-принтер", Lang::ky).size() == 0); // separate Latin word is allowed
    CHECK(content::checkText("Мотоцикл ондоо", Lang::ky).empty());
    CHECK(content::checkText("Жӧр", Lang::ky).size() == 1);   // Altai ӧ
    CHECK(content::checkText("кeсип", Lang::ru).size() == 1); // Latin e
    // Greek omicron (U+03BF) and alpha (U+03B1) look like Cyrillic о and а.
    CHECK(content::checkText("м\xCE\xBFтоцикл", Lang::ru) ==
          std::vector<std::string>{"Greek letter inside Cyrillic word \"м\xCE\xBFтоцикл\""});
    CHECK(content::checkText("ж\xCE\xB1на", Lang::ky).size() == 1);
    CHECK(content::checkText("\xCE\xB1\xCE\xB2 жана", Lang::ky).empty()); // a separate Greek word is allowed
    CHECK(content::checkText("   ", Lang::ru).size() == 1);
    CHECK(content::checkText("абв", Lang::ru, 2).size() == 1);
}

TEST_CASE("scoring on a hand-computed case with a reverse-keyed item") {
    Instrument ins = tiny();
    // R0=5, R1=2 (reverse -> 4): raw 9, mean 4.5 -> 87.5 %. I: 1,1 -> 0 %. A: 3,4 -> 62.5 %.
    // S: 5,5 -> 100 %. E: 4,4 -> 75 %. C: 2,3 -> 37.5 %.
    auto r = score(ins, answers(ins, {{"R0", 5},
                                      {"R1", 2},
                                      {"I0", 1},
                                      {"I1", 1},
                                      {"A0", 3},
                                      {"A1", 4},
                                      {"S0", 5},
                                      {"S1", 5},
                                      {"E0", 4},
                                      {"E1", 4},
                                      {"C0", 2},
                                      {"C1", 3}}));
    CHECK(r.scales[0].raw == 9);
    CHECK(r.scales[0].percent == Approx(87.5));
    CHECK(r.scales[1].percent == Approx(0));
    CHECK(r.scales[2].percent == Approx(62.5));
    CHECK(r.scales[3].percent == Approx(100));
    CHECK(r.code == "S-R-E");
    CHECK(r.differentiation == Approx(100 - (87.5 + 0 + 62.5 + 75 + 37.5) / 5));
    CHECK(r.consistency == 1); // S and R are opposite on the hexagon
}

TEST_CASE("near-ties are grouped and shown together") {
    Instrument ins = tiny();
    // S 100, E 87.5, A 87.5 (tie within 5), R 62.5, ...
    auto r = score(ins, answers(ins, {{"R0", 4},
                                      {"R1", 3},
                                      {"I0", 1},
                                      {"I1", 1},
                                      {"A0", 5},
                                      {"A1", 4},
                                      {"S0", 5},
                                      {"S1", 5},
                                      {"E0", 4},
                                      {"E1", 5},
                                      {"C0", 1},
                                      {"C1", 2}}));
    CHECK(r.code == "S-AE");
    REQUIRE(r.codeGroups.size() == 2);
    CHECK(r.codeGroups[1].size() == 2);
    CHECK(r.consistency == 3); // S then A (A before E in instrument order): adjacent
}

TEST_CASE("hexagon consistency") {
    CHECK(hexagonConsistency('R', 'I') == 3);
    CHECK(hexagonConsistency('C', 'R') == 3);
    CHECK(hexagonConsistency('R', 'A') == 2);
    CHECK(hexagonConsistency('R', 'S') == 1);
    CHECK(hexagonConsistency('E', 'I') == 1);
}

TEST_CASE("quality flags: same answer, too fast, too many skipped, flat, incomplete") {
    Instrument ins = tiny();
    std::vector<Response> same;
    for (auto& it : ins.items) same.push_back({it.id, 3, 400});
    auto r = score(ins, same);
    CHECK((r.flags & kFlagSameAnswer));
    CHECK((r.flags & kFlagTooFast));
    CHECK(unreliable(r.flags));

    std::vector<Response> skipped;
    for (size_t i = 0; i < ins.items.size(); ++i)
        skipped.push_back(
            {ins.items[i].id, i % 3 == 0 ? std::optional<int>() : std::optional<int>(int(i % 5) + 1), 3000});
    r = score(ins, skipped);
    CHECK((r.flags & kFlagTooManySkipped));
    CHECK_FALSE((r.flags & kFlagTooFast));

    std::vector<Response> partial = {{"R0", 5, 3000}, {"I0", 1, 3000}};
    r = score(ins, partial);
    CHECK((r.flags & kFlagIncomplete));

    // All 3 except one S item at 4: S 62.5 %, the rest 50 % -> differentiation 12.5... just above 12.
    // With S at 62.5 and one more scale at 62.5 it drops to 10: flat, yet reliable.
    std::vector<Response> flat;
    for (auto& it : ins.items) flat.push_back({it.id, it.id == "S0" || it.id == "E0" ? 4 : 3, 3000});
    r = score(ins, flat);
    CHECK(r.differentiation == Approx(62.5 - (4 * 50 + 62.5) / 5));
    CHECK((r.flags & kFlagFlat));
    // S fully liked: S 100 %, E 62.5 %, rest 50 % -> differentiation 47.5: differentiated.
    for (auto& f : flat)
        if (f.itemId == "S1" || f.itemId == "S0") f.value = 5;
    r = score(ins, flat);
    CHECK(r.differentiation == Approx(100 - (4 * 50 + 62.5) / 5));
    CHECK_FALSE((r.flags & kFlagFlat));
    CHECK_FALSE(unreliable(r.flags));
}

TEST_CASE("competence profile: strengths and areas to develop") {
    auto ins = loadReal("strengths.json", strengthsSpec());
    std::vector<Response> rs;
    for (auto& it : ins.items) {
        int v = 2;
        if (it.scale == "teamwork" || it.scale == "creativity") v = 4;
        if (it.scale == "leadership") v = 1;
        if (it.reverse) v = 5 - v;
        rs.push_back({it.id, v, 2500});
    }
    auto r = score(ins, rs);
    REQUIRE(r.strengths.size() == 2);
    CHECK(ins.scales[size_t(r.strengths[0])].id == "teamwork");
    CHECK(ins.scales[size_t(r.strengths[1])].id == "creativity");
    REQUIRE(r.toDevelop.size() == 2);
    CHECK(ins.scales[size_t(r.toDevelop[0])].id == "leadership");
    CHECK(r.code.empty()); // no letter code for competences
}

// Simulation: respondents whose latent interest is high (4.6) for a planted type, medium for its
// hexagon neighbours (3.2) and low elsewhere (2.0), answering with Gaussian noise sd 1.0 (a full answer
// step), rounded and clamped to 1..5. The planted type must be recovered in >= 95 % of cases: it is the
// top letter, or in a top tie group of at most two (a group of three or more says little).
// Flat planted profile: latent 3.0 ("neutral") for every type with noise sd 0.6; >= 90 % flagged flat.
TEST_CASE("simulation: planted top types are recovered and flat profiles are flagged") {
    auto ins = loadReal("interest.json", interestSpec());
    std::mt19937 rng(20261126);
    std::normal_distribution<double> noise(0.0, 1.0);
    const int n = 1000;
    int recovered = 0;
    for (int k = 0; k < n; ++k) {
        const int planted = k % 6;
        std::vector<Response> rs;
        for (auto& it : ins.items) {
            int d = std::abs(it.scaleIndex - planted);
            d = std::min(d, 6 - d);
            double latent = d == 0 ? 4.6 : d == 1 ? 3.2 : 2.0;
            int v = int(std::lround(latent + noise(rng)));
            rs.push_back({it.id, std::clamp(v, 1, 5), 2500});
        }
        auto r = score(ins, rs);
        const auto& top = r.codeGroups.front();
        recovered += top.size() <= 2 && std::find(top.begin(), top.end(), planted) != top.end();
    }
    INFO("recovered " << recovered << " of " << n);
    CHECK(recovered >= n * 95 / 100);

    int flagged = 0;
    for (int k = 0; k < n; ++k) {
        std::vector<Response> rs;
        for (auto& it : ins.items)
            rs.push_back({it.id, std::clamp(int(std::lround(3.0 + noise(rng) * 0.6)), 1, 5), 2500});
        flagged += (score(ins, rs).flags & kFlagFlat) != 0;
    }
    INFO("flat flagged " << flagged << " of " << n);
    CHECK(flagged >= n * 90 / 100);
}

TEST_CASE("runner: answer, back, skip, restore, response times") {
    Instrument ins = tiny();
    Runner run(ins);
    run.showItem(1000);
    auto r1 = run.answer(4, 3500);
    CHECK(r1.itemId == "R0");
    CHECK(r1.responseMs == 2500);
    CHECK(run.index() == 1);
    auto r2 = run.answer(std::nullopt, 4000);
    CHECK_FALSE(r2.value);
    CHECK(run.back());
    CHECK(run.back());
    CHECK_FALSE(run.back());
    CHECK(run.currentAnswer() == std::optional<int>(4));
    Runner again(ins);
    again.restore(run.responses());
    CHECK(again.index() == 2);
    CHECK(again.answeredCount() == 2);
}

TEST_CASE("answers, scores and flags are saved together, per item") {
    store::Database db(":memory:");
    store::migrate(db, store::localMigrations());
    FakeClock clock;
    store::SessionRepo sessions(db, clock);
    store::RunRepo runs(db, clock);
    auto s = sessions.begin(Lang::ky);
    Instrument ins = tiny();
    runs.start(s.id, ins.id, ins.version);
    Runner run(ins);
    run.showItem(0);
    for (int i = 0; i < 5; ++i) {
        auto resp = run.answer(5 - i % 5, (i + 1) * 2000);
        runs.saveAnswer(s.id, ins.id, resp, score(ins, run.responses()), packAnswers(ins, run.responses()));
    }
    CHECK(runs.state(s.id, ins.id) == std::optional<std::string>("in_progress"));
    auto saved = runs.responses(s.id, ins.id);
    REQUIRE(saved.size() == 5);
    CHECK(saved[0].responseMs == 2000);
    CHECK((runs.flags(s.id, ins.id) & kFlagIncomplete));
    // Answering the same item again replaces it.
    run.back();
    auto again = run.answer(1, 20000);
    runs.saveAnswer(s.id, ins.id, again, score(ins, run.responses()), packAnswers(ins, run.responses()));
    CHECK(runs.responses(s.id, ins.id).size() == 5);
    CHECK(runs.responses(s.id, ins.id).back().value == std::optional<int>(1));
    runs.abandonOpen(s.id);
    CHECK(runs.state(s.id, ins.id) == std::optional<std::string>("abandoned"));
    auto scores = runs.scores(s.id, ins.id);
    CHECK(scores.size() == 6);
}
