#include "psychometrics/report.hpp"

#include <algorithm>
#include <cmath>
#include <set>
#include <sstream>

#include "assess/scoring.hpp"
#include "assess/versions.hpp"
#include "sync/simulate.hpp"

namespace kesip::psychometrics {

namespace {

bool hasColumn(store::Database& db, const char* table, const char* column) {
    auto q = db.prepare("SELECT count(*) FROM pragma_table_info(?) WHERE name=?");
    q.bind(1, table).bind(2, column);
    return q.step() && q.getInt(0) > 0;
}

std::vector<std::string> split(const std::string& s) {
    std::vector<std::string> out;
    std::istringstream in(s);
    std::string x;
    while (std::getline(in, x, ','))
        if (!x.empty()) out.push_back(x);
    return out;
}

bool isBand(const std::string& b) {
    static const std::set<std::string> bands = {"under_15", "15_17", "18_20", "21_24", "25_plus"};
    return bands.count(b) > 0;
}

// Answers as values: 1..9 answered, 0 skipped, -1 not reached; nullopt when the string does not fit.
std::optional<std::vector<int>> decode(const std::string& packed, const assess::Instrument& ins) {
    if (packed.size() != ins.items.size()) return std::nullopt;
    std::vector<int> v(packed.size());
    for (size_t i = 0; i < packed.size(); ++i) {
        const char c = packed[i];
        if (c == '.')
            v[i] = -1;
        else if (c == '-')
            v[i] = 0;
        else if (c >= '1' && c - '0' <= ins.maxValue())
            v[i] = c - '0';
        else
            return std::nullopt;
    }
    return v;
}

struct ItemAcc {
    std::vector<double> values, girls, boys, times;
    int reached = 0;
};

void itemStats(ItemStats& st, const ItemAcc& a, int lo, int hi) {
    st.reached = a.reached;
    st.answered = int(a.values.size());
    st.timed = int(a.times.size());
    st.girls = int(a.girls.size());
    st.boys = int(a.boys.size());
    if (st.answered >= kMinItemRuns) {
        st.mean = mean(a.values);
        st.sd = std::sqrt(variance(a.values));
        const double n = double(a.values.size());
        st.floor = double(std::count(a.values.begin(), a.values.end(), double(lo))) / n;
        st.ceiling = double(std::count(a.values.begin(), a.values.end(), double(hi))) / n;
    }
    if (st.reached >= kMinItemRuns) st.skipRate = double(st.reached - st.answered) / double(st.reached);
    if (st.timed >= kMinItemRuns) st.medianSeconds = median(a.times);
    if (st.girls >= kMinGroupRuns && st.boys >= kMinGroupRuns) {
        st.d = cohenD(a.girls, a.boys);
        st.flagged = st.d && std::fabs(*st.d) >= kBiasFlag;
    }
}

VersionReport analyse(const std::string& instrument, int version, const assess::Instrument* ins,
                      const std::vector<const FieldRun*>& runs, const FieldData& data,
                      const std::string& today) {
    VersionReport vr;
    vr.instrument = instrument;
    vr.version = version;
    vr.ins = ins;
    vr.runs = int64_t(runs.size());
    for (const FieldRun* r : runs) {
        vr.completed += r->state == "completed";
        for (const std::string& f : split(r->flags)) ++vr.flags[f];
    }
    if (!ins) return vr;
    const size_t n = ins->items.size();
    const int lo = ins->minValue(), hi = ins->maxValue();
    std::vector<ItemAcc> acc(n);
    std::vector<std::vector<std::vector<double>>> rows(ins->scales.size()); // complete cases, keyed
    std::vector<std::vector<double>> pct(ins->scales.size()), pctGirls(ins->scales.size()),
        pctBoys(ins->scales.size());
    std::map<std::string, std::vector<std::vector<double>>> bandScores; // band -> scale -> percents
    for (const FieldRun* r : runs) {
        auto v = decode(r->answers, *ins);
        if (!v) {
            ++vr.malformed;
            continue;
        }
        const auto times = assess::unpackTimes(r->times, n);
        const bool girl = r->gender == "female", boy = r->gender == "male";
        bool timed = false;
        std::vector<assess::Response> rs;
        for (size_t i = 0; i < n; ++i) {
            if ((*v)[i] < 0) continue;
            ItemAcc& a = acc[i];
            ++a.reached;
            if (times[i]) {
                a.times.push_back(*times[i]);
                timed = true;
            }
            rs.push_back({ins->items[i].id, (*v)[i] > 0 ? std::optional<int>((*v)[i]) : std::nullopt, 0});
            if ((*v)[i] == 0) continue;
            a.values.push_back((*v)[i]);
            if (girl) a.girls.push_back((*v)[i]);
            if (boy) a.boys.push_back((*v)[i]);
        }
        vr.timed += timed;
        for (size_t s = 0; s < ins->scales.size(); ++s) {
            std::vector<double> row;
            bool complete = true;
            for (size_t i = 0; i < n && complete; ++i) {
                if (ins->items[i].scaleIndex != int(s)) continue;
                if ((*v)[i] <= 0)
                    complete = false;
                else
                    row.push_back(ins->items[i].reverse ? lo + hi - (*v)[i] : (*v)[i]);
            }
            if (complete) rows[s].push_back(std::move(row));
        }
        if (r->state != "completed") continue;
        const assess::Result res = assess::score(*ins, rs);
        std::vector<std::vector<double>>* band = nullptr; // this run's norms sample, if it is in one
        if (usableForNorms(*r, n) && isBand(r->ageBand)) {
            ++vr.usableByBand[r->ageBand];
            band = &bandScores[r->ageBand];
            band->resize(ins->scales.size());
        }
        for (size_t s = 0; s < ins->scales.size(); ++s) {
            if (!res.scales[s].answered) continue;
            const double p = res.scales[s].percent;
            pct[s].push_back(p);
            if (girl) pctGirls[s].push_back(p);
            if (boy) pctBoys[s].push_back(p);
            if (band) (*band)[s].push_back(p);
        }
    }

    for (size_t s = 0; s < ins->scales.size(); ++s) {
        ScaleStats sc;
        sc.id = ins->scales[s].id;
        sc.complete = int(rows[s].size());
        std::vector<size_t> idx; // items of this scale in presentation order
        for (size_t i = 0; i < n; ++i)
            if (ins->items[i].scaleIndex == int(s)) idx.push_back(i);
        sc.k = int(idx.size());
        if (sc.complete >= kMinCorrRuns) {
            sc.alpha = cronbachAlpha(rows[s]);
            if (sc.alpha)
                sc.ci = feldtInterval(*sc.alpha, sc.complete, sc.k);
            else
                sc.zeroVariance = true;
        }
        sc.scored = int(pct[s].size());
        sc.girls = int(pctGirls[s].size());
        sc.boys = int(pctBoys[s].size());
        if (sc.scored >= kMinItemRuns) {
            sc.meanPercent = mean(pct[s]);
            sc.sdPercent = std::sqrt(variance(pct[s]));
        }
        if (sc.girls >= kMinGroupRuns && sc.boys >= kMinGroupRuns) sc.d = cohenD(pctGirls[s], pctBoys[s]);
        for (size_t j = 0; j < idx.size(); ++j) {
            ItemStats it;
            it.id = ins->items[idx[j]].id;
            it.position = int(idx[j]) + 1;
            it.reverse = ins->items[idx[j]].reverse;
            itemStats(it, acc[idx[j]], lo, hi);
            if (sc.complete >= kMinCorrRuns) {
                std::vector<double> x, rest;
                for (const auto& row : rows[s]) {
                    x.push_back(row[j]);
                    double sum = 0;
                    for (size_t m = 0; m < row.size(); ++m)
                        if (m != j) sum += row[m];
                    rest.push_back(sum);
                }
                it.itemTotal = pearson(x, rest);
            }
            sc.items.push_back(std::move(it));
        }
        vr.scales.push_back(std::move(sc));
    }

    NormsTable t;
    t.instrument = instrument;
    t.version = version;
    t.source = {
        data.simulatedSessions > 0 ? "simulated" : "field", data.file, vr.runs, data.first, data.last, today};
    for (const char* band : {"under_15", "15_17", "18_20", "21_24", "25_plus"}) { // youngest first
        auto u = vr.usableByBand.find(band);
        if (u == vr.usableByBand.end() || u->second < kMinNormRuns) continue;
        const auto& scores = bandScores[band];
        NormBand b{band, u->second, {}};
        for (size_t s = 0; s < ins->scales.size(); ++s)
            b.scales[ins->scales[s].id] = percentileRanks(scores[s]);
        t.bands.push_back(std::move(b));
    }
    if (!t.bands.empty()) vr.norms = std::move(t);
    return vr;
}

} // namespace

bool usableForNorms(const FieldRun& r, size_t items) {
    if (r.state != "completed" || r.answers.size() != items || r.answers.find('.') != std::string::npos)
        return false;
    for (const std::string& f : split(r.flags))
        if (f == "same_answer" || f == "too_fast" || f == "too_many_skipped") return false;
    return true;
}

FieldData loadFieldData(store::Database& db, const std::string& fileName) {
    FieldData d;
    d.file = fileName;
    d.timesColumn = hasColumn(db, "tests", "times");
    // Harden's sealed exports carry ISO weeks and a day only where the centre allows it: use what exists.
    const bool day = hasColumn(db, "sessions", "day"), week = hasColumn(db, "sessions", "week");
    const std::string period = day && week ? "coalesce(s.day, s.week)"
                               : day       ? "s.day"
                               : week      ? "s.week"
                                           : "NULL";
    auto q = db.prepare("SELECT t.uuid, t.instrument, t.version, t.state, coalesce(t.answers, ''), "
                        "coalesce(t.flags, ''), " +
                        std::string(d.timesColumn ? "coalesce(t.times, '')" : "''") +
                        ", coalesce(s.age_band, ''), coalesce(s.gender, '') FROM tests t "
                        "JOIN sessions s ON s.uuid = t.uuid ORDER BY t.instrument, t.version, t.uuid");
    while (q.step()) {
        FieldRun r;
        r.uuid = q.getText(0);
        r.instrument = q.getText(1);
        r.version = int(q.getInt(2));
        r.state = q.getText(3);
        r.answers = q.getText(4);
        r.flags = q.getText(5);
        r.times = q.getText(6);
        r.ageBand = q.getText(7);
        r.gender = q.getText(8);
        d.runs.push_back(std::move(r));
    }
    auto s = db.prepare("SELECT uuid, " + period + " FROM sessions s");
    while (s.step()) {
        ++d.sessions;
        d.simulatedSessions += sync::isSimulatedUuid(s.getText(0));
        if (s.isNull(1)) continue;
        const std::string p = s.getText(1);
        if (d.first.empty() || p < d.first) d.first = p;
        if (d.last.empty() || p > d.last) d.last = p;
    }
    return d;
}

Report buildReport(const FieldData& data, const std::vector<const assess::Instrument*>& instruments,
                   const std::string& today) {
    Report rep;
    rep.file = data.file;
    rep.first = data.first;
    rep.last = data.last;
    rep.generated = today;
    rep.sessions = data.sessions;
    rep.simulatedSessions = data.simulatedSessions;
    rep.timesColumn = data.timesColumn;
    std::map<std::pair<std::string, int>, std::vector<const FieldRun*>> groups;
    for (const FieldRun& r : data.runs) groups[{r.instrument, r.version}].push_back(&r);
    // Instruments in the order given, unknown ones after them; versions ascending.
    std::vector<std::string> order;
    for (const assess::Instrument* i : instruments)
        if (i) order.push_back(i->id);
    for (const auto& [key, runs] : groups)
        if (std::find(order.begin(), order.end(), key.first) == order.end()) order.push_back(key.first);
    for (const std::string& id : order)
        for (const auto& [key, runs] : groups) {
            if (key.first != id) continue;
            const assess::Instrument* ins = nullptr;
            for (const assess::Instrument* cur : instruments)
                if (cur && cur->id == id) ins = cur->atVersion(key.second);
            rep.versions.push_back(analyse(key.first, key.second, ins, runs, data, today));
        }
    return rep;
}

} // namespace kesip::psychometrics
