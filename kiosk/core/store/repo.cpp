#include "store/repo.hpp"

#include <sqlite3.h>

#include "util/ids.hpp"

namespace kesip::store {

namespace {
std::optional<std::string> optText(Statement& s, int c) {
    return s.isNull(c) ? std::nullopt : std::optional<std::string>(s.getText(c));
}
const char* kSelect = "SELECT id, code, lang, started_at, ended_at, end_reason, age_band, gender, status, "
                      "oblast FROM sessions ";
SessionRow readRow(Statement& s) {
    SessionRow r;
    r.id = s.getText(0);
    r.code = s.getText(1);
    r.lang = s.getText(2);
    r.startedAt = s.getInt(3);
    if (!s.isNull(4)) r.endedAt = s.getInt(4);
    r.endReason = optText(s, 5);
    r.demo = {optText(s, 6), optText(s, 7), optText(s, 8), optText(s, 9)};
    return r;
}
} // namespace

SessionRow SessionRepo::begin(Lang lang, const std::string& code) {
    SessionRow r;
    r.lang = langCode(lang);
    r.startedAt = clock_.wallMs();
    auto ins = db_.prepare("INSERT INTO sessions(id, code, lang, started_at) VALUES(?,?,?,?)");
    // Codes are random; a clash with an existing code is rare but possible, so retry.
    for (int attempt = 0;; ++attempt) {
        r.id = newUuid();
        r.code = code.empty() || attempt > 0 ? newSessionCode() : code;
        try {
            ins.reset();
            ins.bind(1, r.id).bind(2, r.code).bind(3, r.lang).bind(4, r.startedAt).run();
            return r;
        } catch (const DbError& e) {
            if ((e.code & 0xff) != SQLITE_CONSTRAINT || attempt > 20) throw;
        }
    }
}

void SessionRepo::setLang(const std::string& id, Lang lang) {
    db_.prepare("UPDATE sessions SET lang=? WHERE id=?").bind(1, langCode(lang)).bind(2, id).run();
}

void SessionRepo::setDemographics(const std::string& id, const Demographics& d) {
    db_.prepare("UPDATE sessions SET age_band=?, gender=?, status=?, oblast=? WHERE id=?")
        .bind(1, d.ageBand)
        .bind(2, d.gender)
        .bind(3, d.status)
        .bind(4, d.oblast)
        .bind(5, id)
        .run();
}

void SessionRepo::end(const std::string& id, const char* reason) {
    Transaction tx(db_);
    db_.prepare("UPDATE sessions SET ended_at=?, end_reason=? WHERE id=? AND ended_at IS NULL")
        .bind(1, clock_.wallMs())
        .bind(2, reason)
        .bind(3, id)
        .run();
    if (db_.changes() == 1) addVisitToDailyStats(db_, id);
    tx.commit();
}

int SessionRepo::closeStale(int64_t maxOpenMs) {
    std::vector<std::string> ids;
    auto s = db_.prepare("SELECT id FROM sessions WHERE ended_at IS NULL AND started_at < ?");
    s.bind(1, clock_.wallMs() - maxOpenMs);
    while (s.step()) ids.push_back(s.getText(0));
    for (const auto& id : ids) {
        db_.prepare("UPDATE test_runs SET state='abandoned' WHERE session_id=? AND state='in_progress'")
            .bind(1, id)
            .run();
        end(id, "shutdown");
    }
    return int(ids.size());
}

void addVisitToDailyStats(Database& db, const std::string& id) {
    auto s = db.prepare("SELECT started_at, lang, age_band, gender, status, oblast FROM sessions WHERE id=?");
    s.bind(1, id);
    if (!s.step()) return;
    std::vector<std::string> keys = {"sessions", "lang:" + s.getText(1)};
    const char* demo[] = {"age:", "gender:", "status:", "oblast:"};
    for (int i = 0; i < 4; ++i)
        keys.push_back(demo[i] + (s.isNull(2 + i) ? std::string("unknown") : s.getText(2 + i)));
    const std::string day = localDate(s.getInt(0));
    auto runs = db.prepare("SELECT instrument FROM test_runs WHERE session_id=? AND state='completed'");
    runs.bind(1, id);
    while (runs.step()) keys.push_back("done:" + runs.getText(0));
    auto vr = db.prepare("SELECT substr(interest_code,1,1), top_field FROM visit_results WHERE session_id=?");
    vr.bind(1, id);
    if (vr.step()) {
        if (!vr.isNull(0) && !vr.getText(0).empty()) keys.push_back("type:" + vr.getText(0));
        if (!vr.isNull(1)) keys.push_back("field:" + vr.getText(1));
    }
    auto up = db.prepare(
        "INSERT INTO daily_stats(day, key, n) VALUES(?,?,1) ON CONFLICT(day, key) DO UPDATE SET n=n+1");
    for (const auto& k : keys) {
        up.reset();
        up.bind(1, day).bind(2, k).run();
    }
}

std::optional<SessionRow> SessionRepo::get(const std::string& id) {
    auto s = db_.prepare(std::string(kSelect) + "WHERE id=?");
    s.bind(1, id);
    if (!s.step()) return std::nullopt;
    return readRow(s);
}

std::optional<SessionRow> SessionRepo::byCode(const std::string& code) {
    auto s = db_.prepare(std::string(kSelect) + "WHERE code=?");
    s.bind(1, code);
    if (!s.step()) return std::nullopt;
    return readRow(s);
}

int64_t SessionRepo::count() {
    return db_.queryInt("SELECT count(*) FROM sessions");
}

std::optional<std::string> SettingsRepo::get(const std::string& key) {
    auto s = db_.prepare("SELECT value FROM settings WHERE key=?");
    s.bind(1, key);
    if (!s.step()) return std::nullopt;
    return s.getText(0);
}

void SettingsRepo::set(const std::string& key, const std::string& value) {
    db_.prepare(
           "INSERT INTO settings(key, value) VALUES(?,?) ON CONFLICT(key) DO UPDATE SET value=excluded.value")
        .bind(1, key)
        .bind(2, value)
        .run();
}

std::string ensureKioskId(Database& db, const std::string& configured) {
    SettingsRepo s(db);
    if (!configured.empty()) {
        if (s.get("kiosk_id") != configured) s.set("kiosk_id", configured);
        return configured;
    }
    if (auto id = s.get("kiosk_id")) return *id;
    const std::string id = "K-" + newSessionCode();
    s.set("kiosk_id", id);
    return id;
}

std::string centreId(Database& db, const std::string& configured) {
    if (auto c = SettingsRepo(db).get("centre_id")) return *c;
    return configured;
}

void audit(Database& db, const Clock& clock, const char* actor, const char* action,
           const std::string& detail) {
    db.prepare("INSERT INTO audit(at, actor, action, detail) VALUES(?,?,?,?)")
        .bind(1, clock.wallMs())
        .bind(2, actor)
        .bind(3, action)
        .bind(4, detail)
        .run();
}

} // namespace kesip::store
