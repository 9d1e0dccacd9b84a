// Kiosk side of the USB export: sealed visitor records and rounded summaries, written to a hostile stick.
#include "sync/export.hpp"

#include <chrono>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <unistd.h>

#include "l10n/catalog.hpp"
#include "store/repo.hpp"
#include "sync/diary_export.hpp"
#include "sync/disclosure.hpp"
#include "sync/sealed.hpp"

namespace kesip::sync {

using store::Database;
using store::DbError;

const char* syncErrorKey(SyncError e) {
    switch (e) {
    case SyncError::None:
        return l10n::K("sync_ok");
    case SyncError::StickMissing:
        return l10n::K("sync_stick_missing");
    case SyncError::StickReadOnly:
        return l10n::K("sync_stick_readonly");
    case SyncError::StickFull:
        return l10n::K("sync_stick_full");
    case SyncError::StickRemoved:
        return l10n::K("sync_stick_removed");
    case SyncError::Symlink:
        return l10n::K("sync_symlink");
    case SyncError::Foreign:
        return l10n::K("sync_foreign");
    case SyncError::Corrupt:
        return l10n::K("sync_corrupt");
    case SyncError::Newer:
        return l10n::K("sync_newer");
    case SyncError::Local:
        return l10n::K("sync_local");
    case SyncError::Summary:
        return l10n::K("sync_summary");
    case SyncError::NotRegular:
        return l10n::K("sync_not_regular");
    case SyncError::TooLarge:
        return l10n::K("sync_too_large");
    case SyncError::Tampered:
        return l10n::K("sync_tampered");
    case SyncError::Timeout:
        return l10n::K("sync_timeout");
    case SyncError::LocalDisk:
        return l10n::K("sync_local_disk");
    case SyncError::NoKey:
        return l10n::K("sync_no_key");
    }
    return l10n::K("sync_local");
}

SyncError syncErrorOf(StickFault f) {
    switch (f) {
    case StickFault::None:
        return SyncError::None;
    case StickFault::Missing:
        return SyncError::StickMissing;
    case StickFault::Symlink:
        return SyncError::Symlink;
    case StickFault::NotRegular:
    case StickFault::NotDirectory:
        return SyncError::NotRegular;
    case StickFault::TooLarge:
        return SyncError::TooLarge;
    case StickFault::ReadOnly:
        return SyncError::StickReadOnly;
    case StickFault::Full:
        return SyncError::StickFull;
    case StickFault::Removed:
        return SyncError::StickRemoved;
    case StickFault::Stopped:
        return SyncError::Timeout;
    case StickFault::LocalDisk:
        return SyncError::LocalDisk;
    }
    return SyncError::StickRemoved;
}

std::string isoWeek(const std::string& day) {
    if (day.size() != 10) return {};
    const int y = std::atoi(day.substr(0, 4).c_str()), m = std::atoi(day.substr(5, 2).c_str()),
              d = std::atoi(day.substr(8, 2).c_str());
    // Days since 1970-01-01 (civil calendar), then the ISO week of that day.
    auto days = [](int yy, int mm, int dd) {
        yy -= mm <= 2;
        const int era = (yy >= 0 ? yy : yy - 399) / 400;
        const int yoe = yy - era * 400;
        const int doy = (153 * (mm + (mm > 2 ? -3 : 9)) + 2) / 5 + dd - 1;
        const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        return era * 146097 + doe - 719468;
    };
    const int n = days(y, m, d);
    const int wd = ((n + 3) % 7 + 7) % 7; // 0 = Monday
    const int thursday = n - wd + 3;      // the week belongs to the year of its Thursday
    int wy = y;
    if (thursday < days(y, 1, 1))
        wy = y - 1;
    else if (thursday >= days(y + 1, 1, 1))
        wy = y + 1;
    const int week = (thursday - days(wy, 1, 1)) / 7 + 1;
    if (wy < 1000 || wy > 9999) return {};
    char out[32];
    std::snprintf(out, sizeof out, "%04d-W%02d", wy % 10000, week % 100);
    return out;
}

namespace {

// Working copies in the kiosk's data dir: removed when the export starts and on every way out.
struct WorkFiles {
    std::string prev, work, check;
    explicit WorkFiles(const std::string& dir)
        : prev(dir + "/export-prev.sqlite"), work(dir + "/export-work.sqlite"),
          check(dir + "/export-check.sqlite") {
        clear();
    }
    ~WorkFiles() { clear(); }
    void clear() {
        for (const std::string* p : {&prev, &work, &check}) {
            ::unlink(p->c_str());
            ::unlink((*p + "-journal").c_str());
        }
    }
};

struct Record {
    int64_t kid;
    std::string nonce, box;
};

// The record of one visit, as the ministry will read it.
struct VisitRow {
    std::string id, day, lang, endReason, age, gender, status, oblast, icode, field, strengths;
    nlohmann::json tests = nlohmann::json::array();
};

std::string textOrEmpty(store::Statement& q, int c) {
    return q.isNull(c) ? std::string() : q.getText(c);
}

// Every ended local visit with its tests, in id order (two sorted streams merged, no query per visit).
void forEachVisit(Database& local, const std::function<void(VisitRow&)>& fn) {
    auto s = local.prepare(
        "SELECT s.id, date(s.started_at / 1000, 'unixepoch', 'localtime'), s.lang, s.end_reason, s.age_band, "
        "s.gender, s.status, s.oblast, v.interest_code, v.top_field, v.strengths FROM sessions s "
        "LEFT JOIN visit_results v ON v.session_id = s.id WHERE s.ended_at IS NOT NULL ORDER BY s.id");
    auto t = local.prepare(
        "SELECT t.session_id, t.instrument, t.version, t.state, t.answers, "
        "(SELECT json_group_object(sc.scale, round(sc.percent, 2)) FROM scores sc "
        " WHERE sc.session_id = t.session_id AND sc.instrument = t.instrument), "
        "(SELECT group_concat(f.flag) FROM flags f WHERE f.session_id = t.session_id AND f.instrument = "
        "t.instrument), t.times "
        "FROM test_runs t JOIN sessions s ON s.id = t.session_id WHERE s.ended_at IS NOT NULL "
        "ORDER BY t.session_id, t.instrument");
    bool more = t.step();
    while (s.step()) {
        VisitRow v;
        v.id = s.getText(0);
        v.day = s.getText(1);
        v.lang = s.getText(2);
        v.endReason = textOrEmpty(s, 3);
        v.age = textOrEmpty(s, 4);
        v.gender = textOrEmpty(s, 5);
        v.status = textOrEmpty(s, 6);
        v.oblast = textOrEmpty(s, 7);
        v.icode = textOrEmpty(s, 8);
        v.field = textOrEmpty(s, 9);
        v.strengths = textOrEmpty(s, 10);
        while (more && t.getText(0) < v.id) more = t.step();
        while (more && t.getText(0) == v.id) {
            v.tests.push_back({{"instrument", t.getText(1)},
                               {"version", t.getInt(2)},
                               {"state", t.getText(3)},
                               {"answers", textOrEmpty(t, 4)},
                               {"scores", textOrEmpty(t, 5)},
                               {"flags", textOrEmpty(t, 6)},
                               {"times", textOrEmpty(t, 7)}}); // tenths of a second per item, capped
            more = t.step();
        }
        fn(v);
    }
}

// A record's id in the file (bytes): a keyed hash, so only this kiosk recognises its own records.
std::string recordId(const KioskKey& key, const char (&context)[9], const std::string& id) {
    const std::string hex = keyedId(key, context, id);
    std::string bytes(hex.size() / 2, '\0');
    fromHex(hex, reinterpret_cast<unsigned char*>(bytes.data()), bytes.size());
    return bytes;
}

std::string recordJson(const VisitRow& v, const ExportOptions& o) {
    nlohmann::json j = {{"v", 1},
                        {"uuid", v.id},
                        {"centre_id", o.centreId},
                        {"week", isoWeek(v.day)},
                        {"lang", v.lang},
                        {"end_reason", v.endReason},
                        {"age_band", v.age},
                        {"gender", v.gender},
                        {"status", v.status},
                        {"oblast", v.oblast},
                        {"interest_code", v.icode},
                        {"top_field", v.field},
                        {"strengths", v.strengths},
                        {"tests", v.tests}};
    if (o.exactDay) j["day"] = v.day;
    if (o.withKioskId) j["kiosk_id"] = o.kioskId;
    return j.dump();
}

} // namespace

ExportReport exportToStick(Database& local, const store::Grant& grant, const std::string& /*localPath*/,
                           const std::string& workDir, const std::string& stickRoot,
                           const ExportOptions& opts, const Clock& clock,
                           const std::function<void(double)>& progress) {
    ExportReport r;
    if (!grant.may(store::Action::Export)) {
        r.error = SyncError::Local;
        r.detail = "export is for staff only";
        return r;
    }
    const auto until = std::chrono::steady_clock::now() + std::chrono::milliseconds(opts.deadlineMs);
    const auto stop = [&opts, until] {
        return (opts.cancel && opts.cancel->load()) || std::chrono::steady_clock::now() > until;
    };
    auto step = [&](double f) {
        if (progress) progress(f);
    };
    auto fail = [&](SyncError e, const std::string& d) {
        r.error = e;
        r.detail = d;
        return r;
    };
    WorkFiles files(workDir);
    struct Unhook {
        Database& db;
        ~Unhook() { db.setInterrupt({}); }
    } unhook{local};
    local.setInterrupt(stop);
    const StickLimits lim{opts.maxFileBytes, stop};
    StickIo& io = opts.io ? *opts.io : systemStickIo();
    const KioskKey key = opts.kioskKey ? *opts.kioskKey : makeKioskKey();
    step(0.02);

    StickStatus st;
    StickDir root = StickDir::openRoot(stickRoot, st);
    if (!root.valid()) return fail(syncErrorOf(st.fault), st.detail);
    StickDir kdir = root.sub("kesip", true, st);
    if (!kdir.valid()) return fail(syncErrorOf(st.fault), st.detail);

    std::vector<std::string> verifiedIds;
    try {
        if (!opts.exportPublicKey.empty()) {
            r.sealed = true;
            const std::string name = opts.kioskId + kSealedExt;
            if (!plainName(name)) return fail(SyncError::Local, "kiosk id unusable as a file name");
            StickDir edir = kdir.sub("export", true, st);
            if (!edir.valid()) return fail(syncErrorOf(st.fault), st.detail);

            // What this kiosk's previous file holds is kept: records by id, keys by number. Only a file
            // of exactly our schema, signed by this kiosk's own key, is read (by named columns).
            std::map<std::string, Record> carried;
            std::map<int64_t, std::string> keys;
            if (edir.has(name)) {
                if (!edir.copyOut(name, files.prev, lim, st)) return fail(syncErrorOf(st.fault), st.detail);
                Database prev(files.prev, Database::Mode::Foreign);
                prev.setInterrupt(stop);
                const SealedCheck c = checkSealed(prev);
                if (!c.ok)
                    return fail(c.badSignature || c.why.rfind("unexpected", 0) == 0 ||
                                        c.why.rfind("missing", 0) == 0
                                    ? SyncError::Tampered
                                    : SyncError::Foreign,
                                edir.path() + "/" + name + ": " + c.why);
                if (c.meta.kioskKey != key.publicHex())
                    return fail(SyncError::Tampered, name + ": signed by another kiosk's key");
                auto k = prev.prepare("SELECT kid, sealed FROM keys");
                while (k.step()) keys[k.getInt(0)] = k.getBlob(1);
                auto q = prev.prepare("SELECT rid, kid, nonce, box FROM records");
                while (q.step()) carried[q.getBlob(0)] = {q.getInt(1), q.getBlob(2), q.getBlob(3)};
                prev.setInterrupt({});
            }
            step(0.2);

            // The new file, built afresh from our own schema in the kiosk's data dir.
            std::vector<std::pair<std::string, std::string>> wanted; // (visit id, record id)
            {
                Database w(files.work);
                w.setInterrupt(stop);
                w.exec("PRAGMA journal_mode=DELETE"); // one file: safe to copy to FAT sticks
                createSealedSchema(w);
                store::Transaction tx(w);
                auto meta = w.prepare("INSERT INTO meta(key, value) VALUES(?, ?)");
                const std::pair<const char*, std::string> metas[] = {
                    {"format", std::to_string(kSealedFormat)},
                    {"kiosk_key", key.publicHex()},
                    {"kiosk_id", opts.kioskId},
                    {"centre_id", opts.centreId},
                    {"recipient", opts.exportPublicKey}};
                for (const auto& [k, v] : metas) {
                    meta.reset();
                    meta.bind(1, k).bind(2, v).run();
                }
                auto ins = w.prepare("INSERT INTO keys(kid, sealed) VALUES(?, ?)");
                for (const auto& [kid, sealed] : keys) {
                    ins.reset();
                    ins.bind(1, kid).bindBlob(2, sealed).run();
                }
                const int64_t kid = keys.empty() ? 1 : keys.rbegin()->first + 1;
                DataKey dk{};
                std::string sealedKey;
                if (!newDataKey(opts.exportPublicKey, dk, sealedKey))
                    return fail(SyncError::Local, "export_public_key is not a valid key");
                bool usedKey = false;
                auto rec = w.prepare("INSERT INTO records(rid, kid, nonce, box) VALUES(?, ?, ?, ?)");
                forEachVisit(local, [&](VisitRow& v) {
                    const std::string ridBytes = recordId(key, "record__", v.id);
                    wanted.emplace_back(v.id, ridBytes);
                    if (carried.count(ridBytes)) {
                        ++r.alreadyPresent;
                        return;
                    }
                    Record x{kid, {}, {}};
                    encryptRecord(dk, kid, ridBytes, recordJson(v, opts), x.nonce, x.box);
                    carried.emplace(ridBytes, std::move(x));
                    usedKey = true;
                    ++r.added;
                });
                // The diary counts: one record, replaced at every export (diary_export.hpp).
                const std::string today = localDate(clock.wallMs());
                const PeriodCounts diaryCounts = publishedDiaryCounts(local, today, opts.exactDay);
                if (!diaryCounts.empty()) {
                    const std::string ridBytes = recordId(key, "diarycnt", "all");
                    Record x{kid, {}, {}};
                    encryptRecord(dk, kid, ridBytes, diaryCountsRecord(diaryCounts, opts.centreId, today),
                                  x.nonce, x.box);
                    carried[ridBytes] = std::move(x);
                    usedKey = true;
                    r.diaryPeriods = int64_t(diaryCounts.size());
                }
                step(0.45);
                if (usedKey)
                    w.prepare("INSERT INTO keys(kid, sealed) VALUES(?, ?)")
                        .bind(1, kid)
                        .bindBlob(2, sealedKey)
                        .run();
                for (const auto& [rid, x] : carried) {
                    rec.reset();
                    rec.bindBlob(1, rid).bind(2, x.kid).bindBlob(3, x.nonce).bindBlob(4, x.box).run();
                }
                tx.commit();
                signSealed(w, key);
                if (w.queryText("PRAGMA integrity_check") != "ok")
                    return fail(SyncError::Local, "work file integrity check failed");
            }
            step(0.6);
            if (!edir.writeFileAtomic(name, files.work, io, lim, st))
                return fail(syncErrorOf(st.fault), st.detail);
            step(0.8);

            // Read back what landed on the stick; only visits found there are marked.
            if (!edir.copyOut(name, files.check, lim, st)) return fail(syncErrorOf(st.fault), st.detail);
            Database chk(files.check, Database::Mode::Foreign);
            chk.setInterrupt(stop);
            const SealedCheck c = checkSealed(chk);
            if (!c.ok || c.meta.kioskKey != key.publicHex())
                return fail(SyncError::Corrupt, name + " read back: " + c.why);
            std::set<std::string> present;
            auto q = chk.prepare("SELECT rid FROM records");
            while (q.step()) present.insert(q.getBlob(0));
            for (const auto& [id, rid] : wanted)
                if (present.count(rid)) verifiedIds.push_back(id);
            r.onStick = c.records - int64_t(present.count(recordId(key, "diarycnt", "all"))); // visits only
            chk.setInterrupt({});
        }
        step(0.9);

        // Verified: mark exported, purge old raw visits (the audit keeps the record).
        store::Transaction tx(local);
        local.exec("CREATE TEMP TABLE IF NOT EXISTS verified(id TEXT PRIMARY KEY) WITHOUT ROWID");
        local.exec("DELETE FROM temp.verified");
        auto v = local.prepare("INSERT OR IGNORE INTO temp.verified(id) VALUES(?)");
        for (const auto& id : verifiedIds) {
            v.reset();
            v.bind(1, id).run();
        }
        local
            .prepare("UPDATE sessions SET exported_at=? WHERE exported_at IS NULL AND id IN (SELECT id FROM "
                     "temp.verified)")
            .bind(1, clock.wallMs())
            .run();
        r.marked = local.changes();
        local.exec("DELETE FROM temp.verified");
        local.prepare("DELETE FROM sessions WHERE exported_at IS NOT NULL AND started_at < ?")
            .bind(1, clock.wallMs() - int64_t(opts.retentionDays) * 86'400'000)
            .run();
        r.purged = local.changes();
        store::audit(local, clock, "staff", "export",
                     (r.sealed ? "sealed added=" + std::to_string(r.added) +
                                     " already=" + std::to_string(r.alreadyPresent) +
                                     " on_stick=" + std::to_string(r.onStick)
                               : std::string("summaries only (no export key)")));
        if (r.purged) store::audit(local, clock, "system", "purge", "sessions=" + std::to_string(r.purged));
        tx.commit();
    } catch (const DbError& e) {
        if (stop()) return fail(SyncError::Timeout, e.what());
        return fail(SyncError::Local, e.what());
    }

    if (opts.writeSummaries) {
        try {
            const std::string today = localDate(clock.wallMs());
            Summary s = publish(rawSummary(local, "", today, opts.centreId + " / " + opts.kioskId));
            SummaryLabels labels = opts.labels;
            fillPeriod(labels, s);
            StickDir sdir = kdir.sub("summaries", true, st);
            StickDir mine = sdir.valid() ? sdir.sub(opts.kioskId, true, st) : StickDir();
            if (!mine.valid()) return fail(SyncError::Summary, st.detail);
            std::string err;
            if (!writeSummaryFiles(s, labels, mine, io, lim, err)) return fail(SyncError::Summary, err);
        } catch (const DbError& e) {
            return fail(SyncError::Summary, e.what());
        }
    }
    step(1.0);
    if (!r.sealed) r.error = SyncError::NoKey;
    return r;
}

} // namespace kesip::sync
