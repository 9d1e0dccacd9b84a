// The disclosure checker: takes what the kiosk publishes (the per-day and total CSVs on a stick and the
// staff dashboard), writes down everything an analyst knows about the true counts, and tries to solve for
// every cell with linear programming (the tightest bounds arithmetic can give). A cell is recovered when
// only one whole number fits.
#include <catch2/catch.hpp>
#include <cmath>
#include <filesystem>
#include <set>
#include <sstream>

#include "review/review.hpp"
#include "sync/disclosure.hpp"
#include "sync_helpers.hpp"

using namespace kesip;
namespace fs = std::filesystem;

namespace {

// ---- a small dense two-phase simplex (Bland's rule): min c.x subject to rows, x >= 0 ----------------
struct Row {
    std::vector<double> a;
    int sense; // -1: <=, 0: =, +1: >=
    double b;
};

std::optional<double> simplexMin(const std::vector<double>& c, std::vector<Row> rows, size_t n) {
    const double eps = 1e-9;
    for (auto& r : rows)
        if (r.b < 0) {
            for (auto& v : r.a) v = -v;
            r.b = -r.b;
            r.sense = -r.sense;
        }
    const size_t m = rows.size();
    size_t slacks = 0, arts = 0;
    for (auto& r : rows) {
        slacks += r.sense != 0;
        arts += r.sense >= 0;
    }
    const size_t cols = n + slacks + arts;
    std::vector<std::vector<double>> t(m + 1, std::vector<double>(cols + 1, 0.0));
    std::vector<size_t> basis(m);
    size_t s = n, a = n + slacks;
    for (size_t i = 0; i < m; ++i) {
        for (size_t j = 0; j < n; ++j) t[i][j] = rows[i].a[j];
        t[i][cols] = rows[i].b;
        if (rows[i].sense == -1) {
            t[i][s] = 1;
            basis[i] = s++;
        } else {
            if (rows[i].sense == 1) t[i][s++] = -1;
            t[i][a] = 1;
            basis[i] = a++;
        }
    }
    auto pivot = [&](size_t r, size_t col) {
        const double p = t[r][col];
        for (auto& v : t[r]) v /= p;
        for (size_t i = 0; i <= m; ++i)
            if (i != r && std::fabs(t[i][col]) > eps) {
                const double f = t[i][col];
                for (size_t j = 0; j <= cols; ++j) t[i][j] -= f * t[r][j];
            }
        basis[r] = col;
    };
    auto run = [&](size_t allowed) {
        for (int it = 0; it < 100000; ++it) {
            size_t col = cols;
            for (size_t j = 0; j < allowed; ++j)
                if (t[m][j] < -eps) {
                    col = j;
                    break;
                }
            if (col == cols) return true;
            size_t r = m;
            double best = 0;
            for (size_t i = 0; i < m; ++i)
                if (t[i][col] > eps) {
                    const double ratio = t[i][cols] / t[i][col];
                    if (r == m || ratio < best - eps ||
                        (std::fabs(ratio - best) <= eps && basis[i] < basis[r])) {
                        r = i;
                        best = ratio;
                    }
                }
            if (r == m) return false; // unbounded
            pivot(r, col);
        }
        return false;
    };
    // Phase 1: drive the artificials out.
    for (size_t j = 0; j <= cols; ++j) t[m][j] = 0;
    for (size_t i = 0; i < m; ++i)
        if (basis[i] >= n + slacks)
            for (size_t j = 0; j <= cols; ++j) t[m][j] -= t[i][j];
    for (size_t j = n + slacks; j < cols; ++j) t[m][j] = 0;
    run(cols);
    if (t[m][cols] < -1e-7) return std::nullopt; // infeasible
    for (size_t i = 0; i < m; ++i)
        if (basis[i] >= n + slacks)
            for (size_t j = 0; j < n + slacks; ++j)
                if (std::fabs(t[i][j]) > eps) {
                    pivot(i, j);
                    break;
                }
    // Phase 2.
    for (size_t j = 0; j <= cols; ++j) t[m][j] = j < n ? c[j] : 0;
    for (size_t i = 0; i < m; ++i) {
        const double f = t[m][basis[i]];
        if (std::fabs(f) > eps)
            for (size_t j = 0; j <= cols; ++j) t[m][j] -= f * t[i][j];
    }
    if (!run(n + slacks)) return std::nullopt;
    return -t[m][cols];
}

// ---- what an analyst knows ------------------------------------------------------------------------
struct Model {
    std::map<std::string, size_t> var;
    std::vector<Row> rows;
    struct Cell {
        std::string name;
        std::vector<double> a; // the cell as a sum of variables
        int64_t published, truth;
    };
    std::vector<Cell> cells;
    size_t v(const std::string& name) {
        auto it = var.find(name);
        if (it != var.end()) return it->second;
        const size_t i = var.size();
        var[name] = i;
        return i;
    }
    std::vector<double> vec(const std::vector<std::pair<std::string, double>>& terms) {
        for (auto& t : terms) v(t.first);
        std::vector<double> a(4096, 0.0);
        for (auto& t : terms) a[v(t.first)] += t.second;
        return a;
    }
    void rel(const std::vector<std::pair<std::string, double>>& terms, int sense, double b) {
        rows.push_back({vec(terms), sense, b});
    }
    // A published count: the true one is within `w` of it (the documented promise) and not negative.
    void published(const std::string& name, const std::vector<std::pair<std::string, double>>& terms,
                   int64_t p, int64_t truth, int64_t w) {
        rows.push_back({vec(terms), +1, double(std::max<int64_t>(0, p - w))});
        rows.push_back({vec(terms), -1, double(p + w)});
        cells.push_back({name, vec(terms), p, truth});
    }
    // Exactly known (the naive scheme's counts of 5 and more, its zeros).
    void exact(const std::string& name, const std::vector<std::pair<std::string, double>>& terms, int64_t p,
               int64_t truth) {
        rows.push_back({vec(terms), 0, double(p)});
        cells.push_back({name, vec(terms), p, truth});
    }
};

struct Outcome {
    int cells = 0, smallCells = 0, recovered = 0;
    std::vector<std::string> which;
};

Outcome attack(Model& m) {
    const size_t n = m.var.size();
    for (auto& r : m.rows) r.a.resize(n);
    Outcome o;
    for (auto& c : m.cells) {
        c.a.resize(n);
        std::vector<double> neg(c.a);
        for (auto& x : neg) x = -x;
        auto lo = simplexMin(c.a, m.rows, n);
        auto hi = simplexMin(neg, m.rows, n);
        REQUIRE(lo); // the true counts always fit: an empty model is a wrong model
        REQUIRE(hi);
        const int64_t minV = int64_t(std::ceil(*lo - 1e-6)), maxV = int64_t(std::floor(-*hi + 1e-6));
        ++o.cells;
        const bool small = c.truth >= 1 && c.truth <= 4;
        o.smallCells += small;
        if (minV == maxV && (small || c.published < sync::kSmallCell)) {
            ++o.recovered;
            o.which.push_back(c.name + " = " + std::to_string(minV));
        }
    }
    return o;
}

std::map<std::string, std::string> readCsv(const std::string& path) {
    std::map<std::string, std::string> out;
    std::string text = test::slurp(path);
    if (text.rfind("\xEF\xBB\xBF", 0) == 0) text = text.substr(3);
    std::istringstream in(text);
    std::string line;
    std::getline(in, line); // header
    while (std::getline(in, line)) {
        if (!line.empty() && line.back() == '\r') line.pop_back();
        const auto c1 = line.find(','), c2 = line.find(',', c1 + 1);
        const std::string section = line.substr(0, c1), key = line.substr(c1 + 1, c2 - c1 - 1);
        out[section + ":" + key] = line.substr(line.rfind(',') + 1);
    }
    return out;
}
int64_t countOf(const std::string& s) {
    return s == "<5" ? 0 : std::stoll(s);
}

const std::vector<std::pair<std::string, bool>> kSplits = {
    {"lang", true},   {"age_band", true},  {"gender", true},    {"status", true},
    {"oblast", true}, {"top_type", false}, {"top_field", false}}; // false: only visits with a result
const std::map<std::string, std::string> kStatsPrefix = {
    {"lang", "lang:"},     {"age_band", "age:"},  {"gender", "gender:"},  {"status", "status:"},
    {"oblast", "oblast:"}, {"top_type", "type:"}, {"top_field", "field:"}};

struct Published {
    std::vector<std::string> days;        // with a per-day file
    std::map<std::string, int64_t> truth; // "day:D", "total:sessions", "lang:ky"...
};

// True counts of the complete days, from the kiosk's daily counts.
Published truthOf(store::Database& db, const std::string& today) {
    Published p;
    auto q = db.prepare("SELECT day, key, n FROM daily_stats WHERE day < ?");
    q.bind(1, today);
    std::set<std::string> days;
    while (q.step()) {
        const std::string day = q.getText(0), key = q.getText(1);
        const int64_t n = q.getInt(2);
        days.insert(day);
        if (key == "sessions") {
            p.truth["day:" + day] += n;
            p.truth["total:sessions"] += n;
        } else if (key == "done:interest") {
            p.truth["total:interest_done"] += n;
        } else if (key == "done:strengths") {
            p.truth["total:strengths_done"] += n;
        } else {
            for (auto& [section, prefix] : kStatsPrefix)
                if (key.rfind(prefix, 0) == 0) p.truth[section + ":" + key.substr(prefix.size())] += n;
        }
    }
    p.days.assign(days.begin(), days.end());
    return p;
}

// The relations every analyst knows: the splits partition the visits, the tests are at most the visits.
void structure(Model& m, const std::vector<std::string>& days,
               const std::map<std::string, std::string>& total) {
    std::vector<std::pair<std::string, double>> allDays;
    for (auto& d : days) allDays.push_back({"s:" + d, 1.0});
    for (auto& [section, complete] : kSplits) {
        std::vector<std::pair<std::string, double>> terms;
        for (auto& [k, v] : total)
            if (k.rfind(section + ":", 0) == 0) terms.push_back({k, 1.0});
        if (complete) {
            auto t = terms;
            for (auto& d : allDays) t.push_back({d.first, -1.0});
            m.rel(t, 0, 0); // every visit has a language, an age band (or unknown)...
        } else {
            terms.push_back({"I", -1.0});
            m.rel(terms, -1, 0); // a type or field only with a completed interest test
        }
    }
    auto le = allDays;
    le.push_back({"I", -1.0});
    m.rel(le, +1, 0);
    auto ge = allDays;
    ge.push_back({"G", -1.0});
    m.rel(ge, +1, 0);
}

struct Scenario {
    test::Kiosk kiosk;
    test::TempDir stick;
    std::string dir, today;
    review::Dashboard dash;
    Scenario(int perDay, int days, uint32_t seed) : kiosk(0, seed, "K-SDC") {
        FakeClock simClock(kiosk.clock.wallMs() - 86'400'000); // every visit on a complete day
        sync::SimulateOptions o;
        o.sessions = int64_t(perDay) * days;
        o.days = days;
        o.seed = seed;
        o.perItemResponses = false;
        sync::simulate(*kiosk.db, test::instrument("interest"), test::instrument("strengths"), nullptr, o,
                       simClock);
        // A few visits today too: the dashboard's today and week cards.
        store::SessionRepo repo(*kiosk.db, kiosk.clock);
        for (int i = 0; i < std::min(perDay, 3); ++i) repo.end(repo.begin(Lang::ky).id, "finished");
        sync::ExportOptions eo = kiosk.options("");
        eo.writeSummaries = true;
        const auto r = sync::exportToStick(*kiosk.db, store::Grant::commandLine(), kiosk.path(),
                                           kiosk.dir.str(), stick.str(), eo, kiosk.clock);
        REQUIRE(r.error == sync::SyncError::NoKey);
        dir = stick.str() + "/kesip/summaries/K-SDC";
        today = localDate(kiosk.clock.wallMs());
        dash = review::loadDashboard(*kiosk.db, store::Grant::commandLine(), kiosk.clock);
    }
};

Outcome checkPublished(Scenario& sc) {
    const Published truth = truthOf(*sc.kiosk.db, sc.today);
    const auto total = readCsv(sc.dir + "/summary-total.csv");
    Model m;
    const int64_t w = sync::kRoundBase - 1; // documented: within 4 of the true count
    auto t = [&](const std::string& k) {
        auto it = truth.truth.find(k);
        return it == truth.truth.end() ? int64_t(0) : it->second;
    };
    for (const auto& d : truth.days) {
        const std::string f = sc.dir + "/summary-" + d + ".csv";
        REQUIRE(fs::exists(f));
        m.published("day " + d, {{"s:" + d, 1.0}}, countOf(readCsv(f).at("sessions:")), t("day:" + d), w);
    }
    std::vector<std::pair<std::string, double>> allDays;
    for (auto& d : truth.days) allDays.push_back({"s:" + d, 1.0});
    m.published("total sessions", allDays, countOf(total.at("sessions:")), t("total:sessions"), w);
    m.published("total interest", {{"I", 1.0}}, countOf(total.at("interest_done:")), t("total:interest_done"),
                w);
    m.published("total strengths", {{"G", 1.0}}, countOf(total.at("strengths_done:")),
                t("total:strengths_done"), w);
    for (auto& [k, v] : total)
        if (k.find(':') != k.size() - 1) m.published("total " + k, {{k, 1.0}}, countOf(v), t(k), w);
    structure(m, truth.days, total);
    // The dashboard: today and the week (today's visits are not in any file), all-time figures equal to
    // the total file (checked below, so they add nothing).
    std::vector<std::pair<std::string, double>> week;
    for (int i = 0; i < 7; ++i) {
        const std::string d = localDate(sc.kiosk.clock.wallMs() - int64_t(i) * 86'400'000);
        if (d == sc.today) continue;
        if (std::find(truth.days.begin(), truth.days.end(), d) != truth.days.end())
            week.push_back({"s:" + d, 1.0});
    }
    const int64_t todayTrue =
        sc.kiosk.db->queryInt("SELECT coalesce(sum(n), 0) FROM daily_stats WHERE key='sessions' "
                              "AND day='" +
                              sc.today + "'");
    m.published("dashboard today", {{"s:today", 1.0}}, sc.dash.today.get("sessions"), todayTrue, w);
    auto weekTerms = week;
    weekTerms.push_back({"s:today", 1.0});
    int64_t weekTrue = todayTrue;
    for (auto& [name, k] : week) weekTrue += t("day:" + name.substr(2));
    m.published("dashboard week", weekTerms, sc.dash.week.get("sessions"), weekTrue, w);
    CHECK(sc.dash.total.get("sessions") == countOf(total.at("sessions:")));
    for (auto& [section, prefix] : kStatsPrefix)
        for (auto& [k, v] : total)
            if (k.rfind(section + ":", 0) == 0)
                CHECK(sc.dash.total.get(prefix + k.substr(section.size() + 1)) == countOf(v));
    return attack(m);
}

} // namespace

TEST_CASE(
    "disclosure checker: no hidden cell is recovered from the files and dashboard, 1 to 300 visits a day") {
    for (int perDay : {1, 3, 12, 300}) {
        Scenario sc(perDay, 10, uint32_t(100 + perDay));
        const Outcome o = checkPublished(sc);
        INFO(perDay << " visits a day: recovered "
                    << (o.which.empty() ? std::string("none") : o.which.front()));
        CHECK(o.recovered == 0);
        CHECK(o.cells > 20);
        WARN("disclosure checker, " << perDay << " visits a day over 10 days: " << o.cells
                                    << " published cells, " << o.smallCells << " with a true count of 1-4, "
                                    << o.recovered << " recovered");
    }
}

TEST_CASE("disclosure checker finds what the old suppression gave away (exact totals beside <5)") {
    // The same kind of data published the old way: counts of 5 and more exact, 1-4 as "<5", 0 as 0.
    Scenario sc(3, 10, 103);
    const Published truth = truthOf(*sc.kiosk.db, sc.today);
    Model m;
    auto old = [&](const std::string& name, const std::vector<std::pair<std::string, double>>& terms,
                   int64_t n) {
        if (n == 0 || n >= 5)
            m.exact(name, terms, n, n);
        else
            m.published(name, terms, 0, n, 0), m.rows.back().b = 4, m.rows[m.rows.size() - 2].b = 1;
    };
    std::map<std::string, std::string> total;
    for (auto& [k, n] : truth.truth)
        if (k.rfind("day:", 0) != 0 && k.rfind("total:", 0) != 0) total[k] = std::to_string(n);
    std::vector<std::pair<std::string, double>> allDays;
    for (auto& d : truth.days) {
        old("day " + d, {{"s:" + d, 1.0}}, truth.truth.at("day:" + d));
        allDays.push_back({"s:" + d, 1.0});
    }
    old("total", allDays, truth.truth.at("total:sessions"));
    for (auto& [k, v] : total) old(k, {{k, 1.0}}, std::stoll(v));
    structure(m, truth.days, total);
    const Outcome o = attack(m);
    CHECK(o.recovered > 0);
    WARN("the old scheme on the same data: " << o.recovered << " of " << o.smallCells
                                             << " small cells recovered");
}

TEST_CASE("controlled rounding: multiples of 5, within 4, and every run of days adds up") {
    const std::vector<int64_t> days = {1, 1, 1, 1, 3, 0, 12, 2, 7, 300, 4};
    const auto p = sync::roundCumulative(days);
    int64_t c = 0, cp = 0;
    for (size_t i = 0; i < days.size(); ++i) {
        CHECK(p[i] % 5 == 0);
        CHECK(std::abs(p[i] - days[i]) <= 4);
        c += days[i];
        cp += p[i];
        CHECK(cp == sync::round5(c));
        if (days[i] == 0) CHECK(p[i] == 0); // an empty day never shows visits
    }
    // Four days of one visit: not "<5, <5, <5, <5" beside a total of exactly 4.
    CHECK(sync::roundCumulative({1, 1, 1, 1}) == std::vector<int64_t>{0, 0, 5, 0});
}
