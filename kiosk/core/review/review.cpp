#include "review/review.hpp"

#include <algorithm>
#include <sstream>

#include "store/runs.hpp"

namespace kesip::review {

std::optional<VisitReview> loadVisit(store::Database& db, const std::string& code, int expiryDays,
                                     const Clock& clock, const assess::Instrument* interest,
                                     const assess::Instrument* strengths, const catalog::Content* content) {
    store::SessionRepo sessions(db, clock);
    auto s = sessions.byCode(code);
    if (!s || s->startedAt < clock.wallMs() - int64_t(expiryDays) * 86'400'000) return std::nullopt;
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

std::vector<TodayEntry> todaysVisits(store::Database& db, const Clock& clock) {
    std::vector<TodayEntry> out;
    const std::string today = localDate(clock.wallMs());
    // Visits of the last 24 h whose local date is today (index on started_at keeps this cheap).
    auto q = db.prepare(
        "SELECT id, code, started_at FROM sessions WHERE started_at >= ? ORDER BY started_at DESC");
    q.bind(1, clock.wallMs() - 86'400'000);
    while (q.step()) {
        if (localDate(q.getInt(2)) != today) continue;
        TodayEntry e;
        e.code = q.getText(1);
        e.startedAt = q.getInt(2);
        auto r = db.prepare(
            "SELECT instrument FROM test_runs WHERE session_id=? AND state='completed' ORDER BY instrument");
        r.bind(1, q.getText(0));
        while (r.step()) e.completed.push_back(r.getText(0));
        out.push_back(e);
    }
    return out;
}

const std::vector<std::string>& noteChoiceCodes() {
    static const std::vector<std::string> c = {"follow_up",      "lyceum",     "college",
                                               "university",     "work",       "rec_open_day",
                                               "rec_internship", "rec_course", "rec_retake"};
    return c;
}

void saveNote(store::Database& db, const Clock& clock, const std::string& sessionId,
              const std::vector<std::string>& choices) {
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
    store::audit(db, clock, "counselor", "note", joined);
    tx.commit();
}

Dashboard loadDashboard(store::Database& db, const Clock& clock) {
    Dashboard d;
    const std::string today = localDate(clock.wallMs());
    const std::string weekAgo = localDate(clock.wallMs() - 6 * 86'400'000);
    auto fill = [&](Counts& c, const std::string& from) {
        auto q = db.prepare("SELECT key, sum(n) FROM daily_stats WHERE day >= ? GROUP BY key");
        q.bind(1, from);
        while (q.step()) c.byKey[q.getText(0)] = q.getInt(1);
    };
    fill(d.today, today);
    fill(d.week, weekAgo);
    fill(d.total, "");
    return d;
}

} // namespace kesip::review
