#include "diary/store.hpp"

#include <algorithm>
#include <sodium.h>
#include <sqlite3.h>

#include "assess/scoring.hpp"
#include "diary/checks.hpp"
#include "diary/vocab.hpp"
#include "l10n/catalog.hpp"
#include "store/repo.hpp"
#include "util/ids.hpp"

namespace kesip::diary {

using l10n::K;
using store::Statement;
using store::Transaction;

namespace {

bool ensureSodium() {
    static const bool ok = sodium_init() >= 0;
    return ok;
}

// An unknown code is verified against this hash, so it costs the same time as a wrong PIN.
const std::string& dummyHash() {
    static const std::string h = DiaryStore::hashPin("0000000");
    return h;
}

std::string join(const std::vector<std::string>& v) {
    std::string s;
    for (const auto& x : v) s += (s.empty() ? "" : ",") + x;
    return s;
}

} // namespace

const char* unlockMessageKey(const UnlockResult& r) {
    switch (r.outcome) {
    case UnlockResult::Outcome::Ok:
        return nullptr;
    case UnlockResult::Outcome::BadCode:
        return codeEntryKey(r.codeProblem);
    case UnlockResult::Outcome::Denied:
        return K("diary_unlock_denied");
    case UnlockResult::Outcome::Locked:
        return K("diary_unlock_locked");
    }
    return K("diary_unlock_denied");
}

std::string DiaryStore::hashPin(std::string_view pin) {
    if (!ensureSodium()) return {};
    char out[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str(out, pin.data(), pin.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                          crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
        return {};
    return out;
}

CreateResult DiaryStore::create(std::string_view pin, Lang lang, const std::string& sessionId,
                                const Seed& seed) {
    if (PinCheck p = checkPin(pin); p != PinCheck::Ok) return {false, pinCheckKey(p), {}, {}};
    const std::string hash = hashPin(pin);
    if (hash.empty()) return {false, K("diary_err_save"), {}, {}};
    // A random code can clash with an existing one (rarely): retry with another.
    for (int attempt = 0;; ++attempt) {
        try {
            return createWithHash(hash, newDiaryCode(), lang, sessionId, seed);
        } catch (const store::DbError& e) {
            if ((e.code & 0xff) != SQLITE_CONSTRAINT || attempt > 20) throw;
        }
    }
}

CreateResult DiaryStore::createWithHash(const std::string& pinHash, const std::string& code, Lang lang,
                                        const std::string& sessionId, const Seed& seed) {
    if (!hasValidCheck(code) || pinHash.rfind("$argon2id$", 0) != 0)
        return {false, K("diary_err_save"), {}, {}};
    CreateResult r{true, nullptr, newUuid(), code};
    const int64_t now = clock_.wallMs();
    Transaction tx(db_);
    db_.prepare("INSERT INTO diaries(id, code, pin_hash, lang, created_at, last_used_at) VALUES(?,?,?,?,?,?)")
        .bind(1, r.id)
        .bind(2, code)
        .bind(3, pinHash)
        .bind(4, langCode(lang))
        .bind(5, now)
        .bind(6, now)
        .run();
    count("started");
    auto saved = db_.prepare("INSERT OR IGNORE INTO diary_saved(diary_id, occupation, source, saved_at) "
                             "VALUES(?,?,?,?)");
    for (const auto& [occ, source] : seed.saved) {
        if (!isContentId(occ) || !contains(savedSources(), source)) continue;
        saved.reset();
        saved.bind(1, r.id).bind(2, occ).bind(3, source).bind(4, now).run();
    }
    auto path = db_.prepare("INSERT OR IGNORE INTO diary_paths(diary_id, path, seen_at) VALUES(?,?,?)");
    for (const auto& p : seed.paths) {
        if (!isContentId(p)) continue;
        path.reset();
        path.bind(1, r.id).bind(2, p).bind(3, now).run();
    }
    if (!sessionId.empty()) link(r.id, sessionId, false);
    tx.commit();
    return r;
}

UnlockResult DiaryStore::unlock(std::string_view typedCode, std::string_view pin, Actor actor,
                                const std::string& sessionId) {
    UnlockResult r;
    std::string code;
    r.codeProblem = parseCode(typedCode, code);
    if (r.codeProblem != CodeEntry::Ok) {
        r.outcome = UnlockResult::Outcome::BadCode;
        return r;
    }
    const int64_t now = clock_.wallMs();
    int64_t failures = 0, lockouts = 0, lockedUntil = 0;
    {
        auto s = db_.prepare("SELECT failures, lockouts, locked_until FROM diary_locks WHERE code=?");
        s.bind(1, code);
        if (s.step()) failures = s.getInt(0), lockouts = s.getInt(1), lockedUntil = s.getInt(2);
    }
    if (lockedUntil > now) {
        r.outcome = UnlockResult::Outcome::Locked;
        r.lockedMs = lockedUntil - now;
        return r;
    }
    std::string id, hash;
    {
        auto s = db_.prepare("SELECT id, pin_hash FROM diaries WHERE code=?");
        s.bind(1, code);
        if (s.step()) id = s.getText(0), hash = s.getText(1);
    }
    // Argon2id outside the transaction: the verification takes a moment and must not hold the write lock.
    ensureSodium();
    const std::string& against = id.empty() ? dummyHash() : hash;
    const bool match = crypto_pwhash_str_verify(against.c_str(), pin.data(), pin.size()) == 0 && !id.empty();
    const char* who = actor == Actor::Counselor ? "counselor" : "system";
    if (match) {
        {
            Transaction tx(db_);
            db_.prepare("DELETE FROM diary_locks WHERE code=?").bind(1, code).run();
            touch(id);
            if (actor == Actor::Counselor) store::audit(db_, clock_, who, "diary_open");
            if (actor == Actor::Student && !sessionId.empty()) link(id, sessionId, true);
            tx.commit();
        }
        r.outcome = UnlockResult::Outcome::Ok;
        r.diaryId = id;
        return r;
    }
    ++failures;
    if (failures >= kMaxFailures) {
        ++lockouts;
        const int64_t lockMs = std::min(kMaxLockMs, kFirstLockMs << std::min<int64_t>(lockouts - 1, 20));
        lockedUntil = now + lockMs;
        failures = 0;
        r.outcome = UnlockResult::Outcome::Locked;
        r.lockedMs = lockMs;
    } else {
        r.outcome = UnlockResult::Outcome::Denied;
        r.attemptsLeft = int(kMaxFailures - failures);
    }
    Transaction tx(db_);
    db_.prepare(
           "INSERT INTO diary_locks(code, failures, lockouts, locked_until, updated_at) VALUES(?,?,?,?,?) "
           "ON CONFLICT(code) DO UPDATE SET failures=excluded.failures, lockouts=excluded.lockouts, "
           "locked_until=excluded.locked_until, updated_at=excluded.updated_at")
        .bind(1, code)
        .bind(2, failures)
        .bind(3, lockouts)
        .bind(4, lockedUntil)
        .bind(5, now)
        .run();
    if (actor == Actor::Counselor) store::audit(db_, clock_, who, "diary_open_failed");
    tx.commit();
    return r;
}

void DiaryStore::linkVisit(const std::string& diaryId, const std::string& sessionId, bool returning) {
    Transaction tx(db_);
    link(diaryId, sessionId, returning);
    tx.commit();
}

void DiaryStore::link(const std::string& diaryId, const std::string& sessionId, bool returning) {
    if (!exists(diaryId) || !db_.prepare("SELECT 1 FROM sessions WHERE id=?").bind(1, sessionId).step())
        return; // a visit that is not (or no longer) stored has nothing to link
    db_.prepare(
           "INSERT OR IGNORE INTO diary_visits(diary_id, session_id, opened_at, is_return) VALUES(?,?,?,?)")
        .bind(1, diaryId)
        .bind(2, sessionId)
        .bind(3, clock_.wallMs())
        .bind(4, returning ? 1 : 0)
        .run();
    if (db_.changes() == 1 && returning) count("returning");
    auto v = db_.prepare("SELECT id FROM diary_visits WHERE diary_id=? AND session_id=?");
    v.bind(1, diaryId).bind(2, sessionId);
    v.step();
    const int64_t visit = v.getInt(0);

    auto runs = db_.prepare("SELECT instrument, version, coalesce(completed_at, started_at) FROM test_runs "
                            "WHERE session_id=? AND state='completed'");
    runs.bind(1, sessionId);
    while (runs.step()) {
        const std::string ins = runs.getText(0);
        unsigned flags = 0;
        auto f = db_.prepare("SELECT flag FROM flags WHERE session_id=? AND instrument=?");
        f.bind(1, sessionId).bind(2, ins);
        while (f.step()) flags |= assess::flagFromName(f.getText(0));
        db_.prepare("INSERT INTO diary_tests(visit_id, instrument, version, completed_at, flags) "
                    "VALUES(?,?,?,?,?) "
                    "ON CONFLICT(visit_id, instrument) DO UPDATE SET version=excluded.version, "
                    "completed_at=excluded.completed_at, flags=excluded.flags")
            .bind(1, visit)
            .bind(2, ins)
            .bind(3, runs.getInt(1))
            .bind(4, runs.getInt(2))
            .bind(5, int64_t(flags))
            .run();
        db_.prepare("DELETE FROM diary_scores WHERE visit_id=? AND instrument=?")
            .bind(1, visit)
            .bind(2, ins)
            .run();
        db_.prepare("INSERT INTO diary_scores(visit_id, instrument, scale, percent) "
                    "SELECT ?, instrument, scale, percent FROM scores WHERE session_id=? AND instrument=?")
            .bind(1, visit)
            .bind(2, sessionId)
            .bind(3, ins)
            .run();
    }
    touch(diaryId);
}

WriteResult DiaryStore::saveOccupation(const std::string& diaryId, const std::string& occupation,
                                       const std::string& source) {
    if (!isContentId(occupation) || !contains(savedSources(), source))
        return WriteResult::fail(K("diary_err_save"));
    Transaction tx(db_);
    if (!exists(diaryId)) return WriteResult::fail(K("diary_err_gone"));
    db_.prepare("INSERT OR IGNORE INTO diary_saved(diary_id, occupation, source, saved_at) VALUES(?,?,?,?)")
        .bind(1, diaryId)
        .bind(2, occupation)
        .bind(3, source)
        .bind(4, clock_.wallMs())
        .run();
    touch(diaryId);
    tx.commit();
    return {true, nullptr, 0};
}

WriteResult DiaryStore::unsaveOccupation(const std::string& diaryId, const std::string& occupation) {
    Transaction tx(db_);
    if (!exists(diaryId)) return WriteResult::fail(K("diary_err_gone"));
    db_.prepare("DELETE FROM diary_saved WHERE diary_id=? AND occupation=?")
        .bind(1, diaryId)
        .bind(2, occupation)
        .run();
    touch(diaryId);
    tx.commit();
    return {true, nullptr, 0};
}

WriteResult DiaryStore::notePathSeen(const std::string& diaryId, const std::string& path) {
    if (!isContentId(path)) return WriteResult::fail(K("diary_err_save"));
    Transaction tx(db_);
    if (!exists(diaryId)) return WriteResult::fail(K("diary_err_gone"));
    db_.prepare("INSERT OR IGNORE INTO diary_paths(diary_id, path, seen_at) VALUES(?,?,?)")
        .bind(1, diaryId)
        .bind(2, path)
        .bind(3, clock_.wallMs())
        .run();
    touch(diaryId);
    tx.commit();
    return {true, nullptr, 0};
}

WriteResult DiaryStore::setReady(const std::string& diaryId, const std::string& item, bool yes) {
    if (!contains(readyItems(), item)) return WriteResult::fail(K("diary_err_save"));
    Transaction tx(db_);
    if (!exists(diaryId)) return WriteResult::fail(K("diary_err_gone"));
    db_.prepare(
           "INSERT INTO diary_ready(diary_id, item, yes, answered_at) VALUES(?,?,?,?) "
           "ON CONFLICT(diary_id, item) DO UPDATE SET yes=excluded.yes, answered_at=excluded.answered_at")
        .bind(1, diaryId)
        .bind(2, item)
        .bind(3, yes ? 1 : 0)
        .bind(4, clock_.wallMs())
        .run();
    touch(diaryId);
    tx.commit();
    return {true, nullptr, 0};
}

WriteResult DiaryStore::saveDecision(const std::string& diaryId, const Decision& d) {
    if (!isContentId(d.choice)) return WriteResult::fail(K("diary_err_choice"));
    if (!d.planB.empty() && !isContentId(d.planB)) return WriteResult::fail(K("diary_err_choice"));
    if (d.planB == d.choice) return WriteResult::fail(K("diary_err_plan_b_same"));
    if (!contains(routes(), d.route)) return WriteResult::fail(K("diary_err_route"));
    if (!d.institution.empty() && !isContentId(d.institution)) return WriteResult::fail(K("diary_err_route"));
    if (d.steps.size() > kMaxSteps) return WriteResult::fail(K("diary_err_steps"));
    const int thisMonth = monthIndex(currentMonth(clock_.wallMs()));
    for (const NextStep& s : d.steps) {
        if (!contains(stepKinds(), s.step)) return WriteResult::fail(K("diary_err_steps"));
        // A target month: from this month on, within five years.
        if (!isMonth(s.month) || monthIndex(s.month) < thisMonth || monthIndex(s.month) > thisMonth + 60)
            return WriteResult::fail(K("diary_err_step_month"));
    }
    Transaction tx(db_);
    if (!exists(diaryId)) return WriteResult::fail(K("diary_err_gone"));
    std::string previous;
    {
        auto s =
            db_.prepare("SELECT choice FROM diary_decisions WHERE diary_id=? ORDER BY made_at DESC, id DESC "
                        "LIMIT 1");
        s.bind(1, diaryId);
        if (s.step()) previous = s.getText(0);
    }
    auto opt = [](const std::string& s) { return s.empty() ? std::nullopt : std::optional<std::string>(s); };
    db_.prepare("INSERT INTO diary_decisions(diary_id, made_at, choice, plan_b, route, institution) "
                "VALUES(?,?,?,?,?,?)")
        .bind(1, diaryId)
        .bind(2, clock_.wallMs())
        .bind(3, d.choice)
        .bind(4, opt(d.planB))
        .bind(5, d.route)
        .bind(6, opt(d.institution))
        .run();
    const int64_t id = db_.lastInsertRowid();
    auto st = db_.prepare("INSERT INTO diary_steps(decision_id, seq, step, month, done) VALUES(?,?,?,?,?)");
    for (size_t i = 0; i < d.steps.size(); ++i) {
        st.reset();
        st.bind(1, id).bind(2, int64_t(i)).bind(3, d.steps[i].step).bind(4, d.steps[i].month);
        st.bind(5, d.steps[i].done ? 1 : 0).run();
    }
    // "Decisions made": a first choice or a changed one; new steps for the same choice are no new decision.
    if (previous != d.choice) count("decision");
    touch(diaryId);
    tx.commit();
    return {true, nullptr, id};
}

WriteResult DiaryStore::setStepDone(const std::string& diaryId, int64_t decisionId, int seq, bool done) {
    Transaction tx(db_);
    if (!exists(diaryId)) return WriteResult::fail(K("diary_err_gone"));
    db_.prepare("UPDATE diary_steps SET done=? WHERE decision_id=? AND seq=? AND decision_id IN "
                "(SELECT id FROM diary_decisions WHERE diary_id=?)")
        .bind(1, done ? 1 : 0)
        .bind(2, decisionId)
        .bind(3, seq)
        .bind(4, diaryId)
        .run();
    if (db_.changes() != 1) return WriteResult::fail(K("diary_err_save"));
    touch(diaryId);
    tx.commit();
    return {true, nullptr, 0};
}

WriteResult DiaryStore::addCounselorNote(const std::string& diaryId,
                                         const std::vector<std::string>& choices) {
    std::vector<std::string> kept;
    for (const auto& c : choices)
        if (contains(noteChoices(), c) && std::find(kept.begin(), kept.end(), c) == kept.end())
            kept.push_back(c);
    if (kept.empty()) return WriteResult::fail(K("diary_err_note_empty"));
    Transaction tx(db_);
    if (!exists(diaryId)) return WriteResult::fail(K("diary_err_gone"));
    db_.prepare("INSERT INTO diary_notes(diary_id, at, choices) VALUES(?,?,?)")
        .bind(1, diaryId)
        .bind(2, clock_.wallMs())
        .bind(3, join(kept))
        .run();
    const int64_t id = db_.lastInsertRowid();
    store::audit(db_, clock_, "counselor", "diary_note", join(kept));
    touch(diaryId);
    tx.commit();
    return {true, nullptr, id};
}

void DiaryStore::touch(const std::string& diaryId) {
    db_.prepare("UPDATE diaries SET last_used_at=? WHERE id=?")
        .bind(1, clock_.wallMs())
        .bind(2, diaryId)
        .run();
}

bool DiaryStore::exists(const std::string& diaryId) {
    return db_.prepare("SELECT 1 FROM diaries WHERE id=?").bind(1, diaryId).step();
}

void DiaryStore::count(const std::string& key) {
    db_.prepare(
           "INSERT INTO diary_daily(day, key, n) VALUES(?,?,1) ON CONFLICT(day, key) DO UPDATE SET n=n+1")
        .bind(1, localDate(clock_.wallMs()))
        .bind(2, key)
        .run();
}

} // namespace kesip::diary
