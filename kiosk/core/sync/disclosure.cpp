#include "sync/disclosure.hpp"

#include "diary/counts.hpp"

namespace kesip::sync {

int64_t round5(int64_t n) {
    // Nearest multiple; halves cannot occur for integers with an odd base.
    return (n + kRoundBase / 2) / kRoundBase * kRoundBase;
}

std::vector<int64_t> roundCumulative(const std::vector<int64_t>& counts) {
    std::vector<int64_t> out;
    out.reserve(counts.size());
    int64_t c = 0, prev = 0;
    for (int64_t n : counts) {
        c += n;
        const int64_t r = round5(c);
        out.push_back(r - prev);
        prev = r;
    }
    return out;
}

namespace {

// Diary counts of days in [fromDay, untilDay) are published for the whole period only, like the splits.
void addDiaryCounts(DaySummary& total, store::Database& db, const std::string& fromDay,
                    const std::string& untilDay) {
    for (const diary::DiaryDayCounts& c : diary::diaryDailyCounts(db, fromDay, untilDay)) {
        if (c.day >= untilDay) break;
        total.diariesStarted += c.diariesStarted;
        total.diaryReturning += c.returningVisits;
        total.diaryDecisions += c.decisions;
        total.trials += c.trials();
        for (const auto& [type, n] : c.trialsByType) total.trialType[type] += n;
    }
}

} // namespace

Summary rawSummary(store::Database& db, const std::string& fromDay, const std::string& untilDay,
                   const std::string& scope) {
    Summary s;
    s.scope = scope;
    auto q = db.prepare("SELECT day, key, n FROM daily_stats WHERE day >= ? AND day < ? ORDER BY day, key");
    q.bind(1, fromDay).bind(2, untilDay);
    DaySummary* d = nullptr;
    while (q.step()) {
        const std::string day = q.getText(0), key = q.getText(1);
        const int64_t n = q.getInt(2);
        if (!d || d->day != day) {
            s.days.push_back({});
            d = &s.days.back();
            d->day = day;
        }
        const auto colon = key.find(':');
        const std::string kind = key.substr(0, colon),
                          code = colon == std::string::npos ? "" : key.substr(colon + 1);
        if (key == "sessions")
            d->sessions += n;
        else if (key == "done:interest")
            d->interestDone += n;
        else if (key == "done:strengths")
            d->strengthsDone += n;
        else if (kind == "lang")
            d->lang[code] += n;
        else if (kind == "type")
            d->topType[code] += n;
        else if (kind == "field")
            d->topField[code] += n;
        else if (kind == "age")
            d->ageBand[code] += n;
        else if (kind == "gender")
            d->gender[code] += n;
        else if (kind == "status")
            d->status[code] += n;
        else if (kind == "oblast")
            d->oblast[code] += n;
    }
    for (const DaySummary& x : s.days) {
        s.total.sessions += x.sessions;
        s.total.interestDone += x.interestDone;
        s.total.strengthsDone += x.strengthsDone;
        for (auto m : {&DaySummary::lang, &DaySummary::topType, &DaySummary::topField, &DaySummary::ageBand,
                       &DaySummary::gender, &DaySummary::status, &DaySummary::oblast})
            for (const auto& [k, n] : x.*m) (s.total.*m)[k] += n;
    }
    addDiaryCounts(s.total, db, fromDay, untilDay);
    return s;
}

Summary publish(const Summary& raw) {
    Summary p;
    p.scope = raw.scope;
    std::vector<int64_t> days;
    for (const DaySummary& d : raw.days) days.push_back(d.sessions);
    const std::vector<int64_t> rounded = roundCumulative(days);
    for (size_t i = 0; i < raw.days.size(); ++i) {
        DaySummary d;
        d.day = raw.days[i].day;
        d.sessions = rounded[i];
        p.days.push_back(d);
    }
    p.total.sessions = round5(raw.total.sessions);
    p.total.interestDone = round5(raw.total.interestDone);
    p.total.strengthsDone = round5(raw.total.strengthsDone);
    p.total.diariesStarted = round5(raw.total.diariesStarted);
    p.total.diaryReturning = round5(raw.total.diaryReturning);
    p.total.diaryDecisions = round5(raw.total.diaryDecisions);
    p.total.trials = round5(raw.total.trials); // = the sum of the rounded types (cumulative rounding)
    for (auto m : {&DaySummary::lang, &DaySummary::topType, &DaySummary::topField, &DaySummary::ageBand,
                   &DaySummary::gender, &DaySummary::status, &DaySummary::oblast, &DaySummary::trialType}) {
        const auto& src = raw.total.*m;
        std::vector<int64_t> v;
        for (const auto& kv : src) v.push_back(kv.second);
        const auto r = roundCumulative(v);
        size_t i = 0;
        for (const auto& kv : src) (p.total.*m)[kv.first] = r[i++];
    }
    return p;
}

} // namespace kesip::sync
