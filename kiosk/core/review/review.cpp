#include "review/review.hpp"

#include <algorithm>
#include <sstream>

#include "store/runs.hpp"
#include "sync/disclosure.hpp"

namespace kesip::review {

std::string auditVisitId(const sync::KioskKey& auditKey, const std::string& sessionId) {
    return sync::keyedId(auditKey, "audit___", sessionId, 8);
}

std::optional<VisitReview> loadVisit(store::Database& db, const store::Grant& grant, const std::string& code,
                                     int expiryDays, const Clock& clock, const sync::KioskKey& auditKey,
                                     const assess::Instrument* interest, const assess::Instrument* strengths,
                                     const catalog::Content* content) {
    store::require(grant, store::Action::ReviewVisit);
    store::SessionRepo sessions(db, clock);
    auto s = sessions.byCode(code);
    if (!s || s->startedAt < clock.wallMs() - int64_t(expiryDays) * 86'400'000) {
        store::audit(db, clock, "counselor", "open_visit_not_found");
        return std::nullopt;
    }
    store::audit(db, clock, "counselor", "open_visit", "visit=" + auditVisitId(auditKey, s->id));
    VisitReview v;
    v.session = *s;
    store::RunRepo runs(db, clock);
    for (const assess::Instrument* current : {interest, strengths}) {
        if (!current) continue;
        auto state = runs.state(s->id, current->id);
        if (!state) continue;
        // Scored and shown with the version the run was stored with (its items, in its order).
        auto ver = db.prepare("SELECT version FROM test_runs WHERE session_id=? AND instrument=?");
        ver.bind(1, s->id).bind(2, current->id);
        const assess::Instrument* ins = ver.step() ? current->atVersion(int(ver.getInt(0))) : nullptr;
        if (!ins) continue; // a version this kiosk does not have: nothing it could score correctly
        TestReview t;
        t.ins = ins;
        t.state = *state;
        t.responses = runs.responses(s->id, ins->id);
        t.result = assess::score(*ins, t.responses);
        v.tests[ins->id] = std::move(t);
    }
    auto it = v.tests.find("interest");
    if (content && it != v.tests.end() && it->second.state == "completed" &&
        !(it->second.result.flags & assess::kFlagFlat) && !assess::unreliable(it->second.result.flags)) {
        auto st = v.tests.find("strengths");
        const bool withStrengths = st != v.tests.end() && st->second.state == "completed" &&
                                   !assess::unreliable(st->second.result.flags);
        const catalog::Profile p =
            catalog::profileFrom(*interest, it->second.result, withStrengths ? strengths : nullptr,
                                 withStrengths ? &st->second.result : nullptr);
        v.matches = catalog::matchOccupations(*content, p, 5);
    }
    auto n = db.prepare("SELECT choices FROM notes WHERE session_id=?");
    n.bind(1, s->id);
    if (n.step()) {
        std::istringstream in(n.getText(0));
        std::string c;
        while (std::getline(in, c, ','))
            if (!c.empty()) v.noteChoices.push_back(c);
    }
    return v;
}

const std::vector<std::string>& noteChoiceCodes() {
    static const std::vector<std::string> c = {"follow_up",      "lyceum",     "college",
                                               "university",     "work",       "rec_open_day",
                                               "rec_internship", "rec_course", "rec_retake"};
    return c;
}

void saveNote(store::Database& db, const store::Grant& grant, const Clock& clock,
              const sync::KioskKey& auditKey, const std::string& sessionId,
              const std::vector<std::string>& choices) {
    store::require(grant, store::Action::ReviewVisit);
    std::string joined;
    for (const auto& c : choices)
        if (std::find(noteChoiceCodes().begin(), noteChoiceCodes().end(), c) != noteChoiceCodes().end())
            joined += (joined.empty() ? "" : ",") + c;
    store::Transaction tx(db);
    db.prepare("INSERT INTO notes(session_id, updated_at, choices) VALUES(?,?,?) ON CONFLICT(session_id) DO "
               "UPDATE SET "
               "updated_at=excluded.updated_at, choices=excluded.choices")
        .bind(1, sessionId)
        .bind(2, clock.wallMs())
        .bind(3, joined)
        .run();
    store::audit(db, clock, "counselor", "note", "visit=" + auditVisitId(auditKey, sessionId) + " " + joined);
    tx.commit();
}

Dashboard loadDashboard(store::Database& db, const store::Grant& grant, const Clock& clock) {
    store::require(grant, store::Action::Dashboard);
    Dashboard d;
    const std::string today = localDate(clock.wallMs());
    const std::string weekStart = localDate(clock.wallMs() - 6 * 86'400'000);
    // Visits per day over all days, rounded cumulatively: today and the week are runs of that sequence,
    // so they agree with each other and with the per-day files on a stick.
    std::vector<std::string> days;
    std::vector<int64_t> counts;
    auto q = db.prepare("SELECT day, n FROM daily_stats WHERE key='sessions' ORDER BY day");
    while (q.step()) {
        days.push_back(q.getText(0));
        counts.push_back(q.getInt(1));
    }
    const std::vector<int64_t> p = sync::roundCumulative(counts);
    int64_t week = 0, now = 0;
    for (size_t i = 0; i < days.size(); ++i) {
        if (days[i] >= weekStart) week += p[i];
        if (days[i] == today) now = p[i];
    }
    d.today.byKey["sessions"] = now;
    d.week.byKey["sessions"] = week;
    const sync::Summary s = sync::publish(sync::rawSummary(db, "", today, ""));
    auto& t = d.total.byKey;
    t["sessions"] = s.total.sessions;
    t["done:interest"] = s.total.interestDone;
    t["done:strengths"] = s.total.strengthsDone;
    const std::pair<const char*, const std::map<std::string, int64_t>*> splits[] = {
        {"lang:", &s.total.lang},    {"type:", &s.total.topType},  {"field:", &s.total.topField},
        {"age:", &s.total.ageBand},  {"gender:", &s.total.gender}, {"status:", &s.total.status},
        {"oblast:", &s.total.oblast}};
    for (const auto& [prefix, m] : splits)
        for (const auto& [k, n] : *m) t[prefix + k] = n;
    return d;
}

} // namespace kesip::review
