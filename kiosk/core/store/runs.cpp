#include "store/runs.hpp"

namespace kesip::store {

void RunRepo::start(const std::string& session, const std::string& instrument, int version) {
    db_.prepare("INSERT OR IGNORE INTO test_runs(session_id, instrument, version, state, started_at) "
                "VALUES(?,?,?,'in_progress',?)")
        .bind(1, session)
        .bind(2, instrument)
        .bind(3, version)
        .bind(4, clock_.wallMs())
        .run();
}

void RunRepo::saveAnswer(const std::string& session, const std::string& instrument, const assess::Response& r,
                         const assess::Result& res, const std::string& packed,
                         const std::optional<std::string>& packedTimes) {
    Transaction tx(db_);
    db_.prepare(
           "UPDATE test_runs SET answers=?, times=coalesce(?, times) WHERE session_id=? AND instrument=?")
        .bind(1, packed)
        .bind(2, packedTimes)
        .bind(3, session)
        .bind(4, instrument)
        .run();
    db_.prepare(
           "INSERT INTO responses(session_id, instrument, item_id, value, response_ms, seq) VALUES(?,?,?,?,?,"
           "(SELECT coalesce(max(seq),0)+1 FROM responses WHERE session_id=?1 AND instrument=?2)) "
           "ON CONFLICT(session_id, instrument, item_id) DO UPDATE SET value=excluded.value, "
           "response_ms=excluded.response_ms, seq=excluded.seq")
        .bind(1, session)
        .bind(2, instrument)
        .bind(3, r.itemId)
        .bind(4, r.value)
        .bind(5, r.responseMs)
        .run();
    auto sc = db_.prepare("INSERT INTO scores(session_id, instrument, scale, raw, percent) VALUES(?,?,?,?,?) "
                          "ON CONFLICT(session_id, instrument, scale) DO UPDATE SET raw=excluded.raw, "
                          "percent=excluded.percent");
    for (const auto& s : res.scales) {
        sc.reset();
        sc.bind(1, session).bind(2, instrument).bind(3, s.scale).bind(4, s.raw).bind(5, s.percent).run();
    }
    db_.prepare("DELETE FROM flags WHERE session_id=? AND instrument=?")
        .bind(1, session)
        .bind(2, instrument)
        .run();
    auto fl = db_.prepare("INSERT INTO flags(session_id, instrument, flag) VALUES(?,?,?)");
    for (const auto& f : assess::flagNames(res.flags)) {
        fl.reset();
        fl.bind(1, session).bind(2, instrument).bind(3, f).run();
    }
    tx.commit();
}

void RunRepo::saveVisitResult(const std::string& session, const std::string& interestCode,
                              const std::string& topField, const std::string& strengths) {
    auto opt = [](const std::string& s) { return s.empty() ? std::nullopt : std::optional<std::string>(s); };
    db_.prepare("INSERT INTO visit_results(session_id, interest_code, top_field, strengths) VALUES(?,?,?,?) "
                "ON CONFLICT(session_id) DO UPDATE SET interest_code=coalesce(excluded.interest_code, "
                "interest_code), "
                "top_field=coalesce(excluded.top_field, top_field), strengths=coalesce(excluded.strengths, "
                "strengths)")
        .bind(1, session)
        .bind(2, opt(interestCode))
        .bind(3, opt(topField))
        .bind(4, opt(strengths))
        .run();
}

void RunRepo::complete(const std::string& session, const std::string& instrument) {
    db_.prepare("UPDATE test_runs SET state='completed', completed_at=? WHERE session_id=? AND instrument=?")
        .bind(1, clock_.wallMs())
        .bind(2, session)
        .bind(3, instrument)
        .run();
}

void RunRepo::abandonOpen(const std::string& session) {
    db_.prepare("UPDATE test_runs SET state='abandoned' WHERE session_id=? AND state='in_progress'")
        .bind(1, session)
        .run();
}

std::optional<std::string> RunRepo::state(const std::string& session, const std::string& instrument) {
    auto s = db_.prepare("SELECT state FROM test_runs WHERE session_id=? AND instrument=?");
    s.bind(1, session).bind(2, instrument);
    if (!s.step()) return std::nullopt;
    return s.getText(0);
}

std::vector<assess::Response> RunRepo::responses(const std::string& session, const std::string& instrument) {
    std::vector<assess::Response> v;
    auto s =
        db_.prepare("SELECT item_id, value, response_ms FROM responses WHERE session_id=? AND instrument=? "
                    "ORDER BY seq");
    s.bind(1, session).bind(2, instrument);
    while (s.step()) {
        assess::Response r;
        r.itemId = s.getText(0);
        if (!s.isNull(1)) r.value = int(s.getInt(1));
        r.responseMs = s.getInt(2);
        v.push_back(r);
    }
    return v;
}

std::vector<assess::ScaleScore> RunRepo::scores(const std::string& session, const std::string& instrument) {
    std::vector<assess::ScaleScore> v;
    auto s = db_.prepare("SELECT scale, raw, percent FROM scores WHERE session_id=? AND instrument=?");
    s.bind(1, session).bind(2, instrument);
    while (s.step()) v.push_back({s.getText(0), s.getDouble(1), s.getDouble(2), 0});
    return v;
}

unsigned RunRepo::flags(const std::string& session, const std::string& instrument) {
    unsigned f = 0;
    auto s = db_.prepare("SELECT flag FROM flags WHERE session_id=? AND instrument=?");
    s.bind(1, session).bind(2, instrument);
    while (s.step()) f |= assess::flagFromName(s.getText(0));
    return f;
}

} // namespace kesip::store
