// Ministry side of the USB export: open sealed files from many kiosks into one central database.
#include <dirent.h>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <unistd.h>

#include "sync/diary_export.hpp"
#include "sync/export.hpp"
#include "sync/sealed.hpp"
#include "util/paths.hpp"

namespace kesip::sync {

namespace fs = std::filesystem;
using store::Database;
using store::DbError;

void createExportSchema(Database& db) {
    createExportSchemaV2(db);
    createDiaryCountsTable(db);
    db.exec("PRAGMA user_version = " + std::to_string(kExportVersion));
}

void createExportSchemaV2(Database& db) {
    db.exec("PRAGMA application_id = " + std::to_string(kExportAppId));
    db.exec("PRAGMA user_version = 2");
    db.exec(R"sql(
CREATE TABLE IF NOT EXISTS sessions(
  uuid TEXT PRIMARY KEY,
  source TEXT NOT NULL,              -- public key of the kiosk that signed the record
  centre_id TEXT NOT NULL,
  kiosk_id TEXT,                     -- only when the kiosk's config exports it
  week TEXT NOT NULL,                -- ISO week of the visit, YYYY-Www
  day TEXT,                          -- only when the kiosk's config exports it
  lang TEXT NOT NULL, end_reason TEXT,
  age_band TEXT, gender TEXT, status TEXT, oblast TEXT,
  interest_code TEXT, top_field TEXT, strengths TEXT
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS tests(
  uuid TEXT NOT NULL REFERENCES sessions(uuid), instrument TEXT NOT NULL, version INTEGER NOT NULL,
  state TEXT NOT NULL,
  answers TEXT,                      -- item order of that instrument version: '1'..'5', '-' skipped, '.' not reached
  scores TEXT,                       -- JSON {scale: percent}
  flags TEXT,                        -- comma-separated quality flags
  times TEXT,                        -- per item in answers' order: tenths of a second (capped), '' not reached
  PRIMARY KEY(uuid, instrument)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS kiosks(kiosk_key TEXT PRIMARY KEY, centre_id TEXT, kiosk_id TEXT) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS sessions_week ON sessions(week);
)sql");
}

namespace {

struct Input {
    std::string dir, name; // read through StickDir: never a link, FIFO or oversized file
};

// Sealed files named by the inputs: a file, or a folder (a stick's root: kesip/export/, or the folder
// itself) whose *.sealed files are taken.
std::vector<Input> expand(const std::vector<std::string>& inputs, std::vector<std::string>& messages) {
    std::vector<Input> out;
    for (const std::string& in : inputs) {
        std::error_code ec;
        if (!fs::is_directory(fs::symlink_status(in, ec))) {
            const fs::path p(in);
            out.push_back({p.has_parent_path() ? p.parent_path().string() : ".", p.filename().string()});
            continue;
        }
        const std::string dir =
            fs::is_directory(fs::symlink_status(in + "/kesip/export", ec)) ? in + "/kesip/export" : in;
        std::vector<std::string> names;
        if (DIR* d = ::opendir(dir.c_str())) {
            while (dirent* e = ::readdir(d)) {
                const std::string n = e->d_name;
                if (n.size() > 7 && n.compare(n.size() - 7, 7, kSealedExt) == 0 && n[0] != '.')
                    names.push_back(n);
            }
            ::closedir(d);
        }
        std::sort(names.begin(), names.end());
        if (names.empty()) messages.push_back(in + ": no sealed export files");
        for (auto& n : names) out.push_back({dir, n});
    }
    return out;
}

std::string str(const nlohmann::json& j, const char* k) {
    auto it = j.find(k);
    return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}
std::optional<std::string> opt(const nlohmann::json& j, const char* k) {
    std::string s = str(j, k);
    return s.empty() ? std::nullopt : std::optional(s);
}

bool plausibleUuid(const std::string& s) {
    if (s.size() != 36) return false;
    for (size_t i = 0; i < s.size(); ++i)
        if ((i == 8 || i == 13 || i == 18 || i == 23) ? s[i] != '-'
                                                      : !std::isxdigit(static_cast<unsigned char>(s[i])))
            return false;
    return true;
}

} // namespace

MergeReport mergeInto(const std::string& centralPath, const std::vector<std::string>& inputs,
                      const MergeOptions& opts) {
    MergeReport m;
    const std::string ourPublic = sealingPublicOf(opts.secretKeyHex);
    if (ourPublic.empty()) {
        m.error = SyncError::Local;
        m.detail = "the secret key must be 64 hex digits (kiosk-sync keygen)";
        return m;
    }
    std::error_code ec;
    const std::string workDir = !opts.workDir.empty() ? opts.workDir
                                : fs::path(centralPath).has_parent_path()
                                    ? fs::path(centralPath).parent_path().string()
                                    : ".";
    const std::string tmp = workDir + "/.kesip-merge-input.sqlite";
    struct Cleanup {
        std::string p;
        ~Cleanup() { ::unlink(p.c_str()); }
    } cleanup{tmp};
    try {
        const bool existed = fs::exists(centralPath, ec);
        Database c(centralPath);
        if (existed) {
            std::string why;
            if (c.queryInt("PRAGMA application_id") != kExportAppId) {
                m.error = SyncError::Foreign;
                m.detail = centralPath + ": not a Kesip central database";
                return m;
            }
            if (c.queryInt("PRAGMA user_version") == 2 &&
                store::foreignSchemaMatches(c, createExportSchemaV2, why)) {
                store::Transaction up(c); // version 2 lacks only the diary counts
                createExportSchema(c);
                up.commit();
            }
            if (c.queryInt("PRAGMA user_version") != kExportVersion) {
                m.error = c.queryInt("PRAGMA user_version") > kExportVersion ? SyncError::Newer
                                                                             : SyncError::Foreign;
                m.detail = centralPath + ": central format " +
                           std::to_string(c.queryInt("PRAGMA user_version")) + " (this program writes " +
                           std::to_string(kExportVersion) + "); start a new file";
                return m;
            }
            if (!store::foreignSchemaMatches(c, createExportSchema, why)) {
                m.error = SyncError::Tampered;
                m.detail = centralPath + ": " + why;
                return m;
            }
        } else {
            c.exec("PRAGMA journal_mode=DELETE");
            createExportSchema(c);
        }
        std::set<std::string> known(opts.knownKiosks.begin(), opts.knownKiosks.end());
        {
            auto k = c.prepare("SELECT kiosk_key FROM kiosks");
            while (k.step()) known.insert(k.getText(0));
        }
        for (const Input& in : expand(inputs, m.messages)) {
            const std::string label = in.dir + "/" + in.name;
            auto reject = [&](const std::string& why) {
                ++m.filesRejected;
                m.messages.push_back("rejected " + label + ": " + why);
            };
            StickStatus st;
            StickDir d = StickDir::openRoot(in.dir, st);
            StickLimits lim;
            lim.maxFileBytes = opts.maxFileBytes;
            if (!d.valid() || !d.copyOut(in.name, tmp, lim, st)) {
                reject(st.detail);
                continue;
            }
            try {
                Database f(tmp, Database::Mode::Foreign);
                const SealedCheck chk = checkSealed(f);
                if (!chk.ok) {
                    reject(chk.badSignature ? "forged or changed: " + chk.why : chk.why);
                    continue;
                }
                const std::string who = "kiosk " + chk.meta.kioskKey.substr(0, 16) + " (centre " +
                                        chk.meta.centreId + ", kiosk " + chk.meta.kioskId + ")";
                if (!known.count(chk.meta.kioskKey)) {
                    ++m.filesUnknown;
                    m.messages.push_back("unknown " + label + ": signed by " + who + ", key " +
                                         chk.meta.kioskKey +
                                         ", not merged; if this kiosk is yours, add its key with --kiosks");
                    continue;
                }
                if (chk.meta.recipient != ourPublic) {
                    reject("sealed to another key (" + chk.meta.recipient.substr(0, 16) + "...)");
                    continue;
                }
                std::map<int64_t, DataKey> keys;
                bool keysOk = true;
                auto kq = f.prepare("SELECT kid, sealed FROM keys");
                while (kq.step()) {
                    DataKey dk{};
                    keysOk = keysOk && openDataKey(kq.getBlob(1), opts.secretKeyHex, dk);
                    keys[kq.getInt(0)] = dk;
                }
                if (!keysOk) {
                    reject("a data key does not open with this secret key");
                    continue;
                }
                store::Transaction tx(c);
                c.prepare("INSERT OR IGNORE INTO kiosks(kiosk_key, centre_id, kiosk_id) VALUES(?,?,?)")
                    .bind(1, chk.meta.kioskKey)
                    .bind(2, chk.meta.centreId)
                    .bind(3, chk.meta.kioskId)
                    .run();
                auto ses = c.prepare("INSERT OR IGNORE INTO sessions(uuid, source, centre_id, kiosk_id, "
                                     "week, day, lang, end_reason, "
                                     "age_band, gender, status, oblast, interest_code, top_field, strengths) "
                                     "VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
                auto owner = c.prepare("SELECT source FROM sessions WHERE uuid=?");
                auto tst = c.prepare(
                    "INSERT OR IGNORE INTO tests(uuid, instrument, version, state, answers, scores, "
                    "flags, times) VALUES(?,?,?,?,?,?,?,?)");
                int64_t added = 0, already = 0, conflicts = 0, diaryPeriods = -1;
                std::string bad;
                auto q = f.prepare("SELECT rid, kid, nonce, box FROM records");
                while (bad.empty() && q.step()) {
                    auto k = keys.find(q.getInt(1));
                    std::string plain;
                    if (k == keys.end() || !decryptRecord(k->second, q.getInt(1), q.getBlob(0), q.getBlob(2),
                                                          q.getBlob(3), plain)) {
                        bad = "a record does not open";
                        break;
                    }
                    if (isDiaryCountsRecord(plain)) {
                        if (!mergeDiaryCounts(c, plain, chk.meta.kioskKey, diaryPeriods))
                            bad = "the diary counts record is malformed";
                        continue;
                    }
                    const auto j = nlohmann::json::parse(plain, nullptr, false);
                    const std::string uuid = str(j, "uuid"), lang = str(j, "lang"), week = str(j, "week");
                    if (j.is_discarded() || !plausibleUuid(uuid) || (lang != "ky" && lang != "ru") ||
                        week.size() != 8) {
                        bad = "a record is malformed";
                        break;
                    }
                    ses.reset();
                    ses.bind(1, uuid).bind(2, chk.meta.kioskKey).bind(3, str(j, "centre_id"));
                    ses.bind(4, opt(j, "kiosk_id")).bind(5, week).bind(6, opt(j, "day")).bind(7, lang);
                    ses.bind(8, opt(j, "end_reason")).bind(9, opt(j, "age_band")).bind(10, opt(j, "gender"));
                    ses.bind(11, opt(j, "status"))
                        .bind(12, opt(j, "oblast"))
                        .bind(13, opt(j, "interest_code"));
                    ses.bind(14, opt(j, "top_field")).bind(15, opt(j, "strengths")).run();
                    if (c.changes() == 0) {
                        owner.reset();
                        owner.bind(1, uuid);
                        // Same uuid from another kiosk: a conflict, not a duplicate; rejected and reported.
                        if (owner.step() && owner.getText(0) != chk.meta.kioskKey) {
                            ++conflicts;
                            continue;
                        }
                        ++already;
                    } else {
                        ++added;
                    }
                    auto tests = j.find("tests");
                    if (tests == j.end() || !tests->is_array()) continue;
                    for (const auto& t : *tests) {
                        auto v = t.find("version");
                        if (!t.is_object() || str(t, "instrument").empty() || v == t.end() ||
                            !v->is_number_integer())
                            continue;
                        tst.reset();
                        tst.bind(1, uuid).bind(2, str(t, "instrument")).bind(3, v->get<int64_t>());
                        tst.bind(4, str(t, "state")).bind(5, opt(t, "answers")).bind(6, opt(t, "scores"));
                        tst.bind(7, opt(t, "flags")).bind(8, opt(t, "times")).run();
                    }
                }
                if (!bad.empty()) {
                    reject(bad); // the transaction rolls back: this file adds nothing
                    continue;
                }
                tx.commit();
                m.added += added;
                m.alreadyPresent += already;
                m.rejected += conflicts;
                m.messages.push_back(
                    label + ": " + who + ": added " + std::to_string(added) + ", already present " +
                    std::to_string(already) + ", rejected " + std::to_string(conflicts) +
                    (diaryPeriods >= 0 ? ", diary counts of " + std::to_string(diaryPeriods) + " period(s)"
                                       : std::string()));
            } catch (const DbError& e) {
                reject(e.what()); // this input only: its transaction rolled back, the others still merge
            }
        }
        if (c.queryText("PRAGMA integrity_check") != "ok") {
            m.error = SyncError::Corrupt;
            m.detail = centralPath + ": integrity check failed after merge";
        }
    } catch (const DbError& e) {
        m.error = SyncError::Local;
        m.detail = e.what();
    }
    return m;
}

VerifyResult verifyExportFile(const std::string& path) {
    VerifyResult v;
    const fs::path p(path);
    StickStatus st;
    StickDir d = StickDir::openRoot(p.has_parent_path() ? p.parent_path().string() : ".", st);
    const TempDir scratch("kesip-verify-");
    if (!scratch.ok()) {
        v.error = SyncError::Local;
        v.detail = "no private temporary directory";
        return v;
    }
    const std::string tmp = scratch.path() + "/export.sqlite";
    StickLimits lim;
    lim.maxFileBytes = 1ull << 30;
    if (!d.valid() || !d.copyOut(p.filename().string(), tmp, lim, st)) {
        v.error = syncErrorOf(st.fault);
        v.detail = st.detail;
        return v;
    }
    try {
        Database db(tmp, Database::Mode::Foreign);
        const int64_t app = db.queryInt("PRAGMA application_id");
        if (app == kSealedAppId) {
            const SealedCheck c = checkSealed(db);
            if (!c.ok) {
                v.error = c.badSignature ? SyncError::Tampered : SyncError::Foreign;
                v.detail = path + ": " + c.why;
                return v;
            }
            v.sessions = c.records;
            v.kioskKey = c.meta.kioskKey;
            v.kioskId = c.meta.kioskId;
            v.centreId = c.meta.centreId;
            return v;
        }
        std::string why;
        if (app != kExportAppId || !store::foreignSchemaMatches(db, createExportSchema, why)) {
            v.error = app == kExportAppId && db.queryInt("PRAGMA user_version") > kExportVersion
                          ? SyncError::Newer
                          : SyncError::Foreign;
            v.detail = path + ": not a Kesip export or central database " + why;
            return v;
        }
        if (db.queryText("PRAGMA integrity_check") != "ok") {
            v.error = SyncError::Corrupt;
            v.detail = path + ": integrity check failed";
            return v;
        }
        v.sessions = db.queryInt("SELECT count(*) FROM sessions");
        v.tests = db.queryInt("SELECT count(*) FROM tests");
    } catch (const DbError& e) {
        v.error = (e.code & 0xff) == 26 /*SQLITE_NOTADB*/ ? SyncError::Foreign : SyncError::Corrupt;
        v.detail = path + ": " + e.what();
    }
    return v;
}

Summary buildSummary(Database& db, const std::string& scope) {
    Summary s;
    s.scope = scope;
    std::map<std::string, DaySummary> weeks;
    auto weekOf = [&](const std::string& w) -> DaySummary& {
        auto& x = weeks[w];
        x.day = w;
        return x;
    };
    auto q = db.prepare("SELECT week, count(*) FROM sessions GROUP BY week");
    while (q.step()) weekOf(q.getText(0)).sessions = q.getInt(1);
    auto t =
        db.prepare("SELECT s.week, t.instrument, count(*) FROM tests t JOIN sessions s ON s.uuid = t.uuid "
                   "WHERE t.state = 'completed' GROUP BY 1, 2");
    while (t.step()) {
        auto& d = weekOf(t.getText(0));
        (t.getText(1) == "interest" ? d.interestDone : d.strengthsDone) += t.getInt(2);
    }
    struct Dim {
        const char* expr;
        std::map<std::string, int64_t> DaySummary::*member;
    };
    const Dim dims[] = {{"lang", &DaySummary::lang},
                        {"substr(interest_code, 1, 1)", &DaySummary::topType},
                        {"top_field", &DaySummary::topField},
                        {"coalesce(age_band, 'unknown')", &DaySummary::ageBand},
                        {"coalesce(gender, 'unknown')", &DaySummary::gender},
                        {"coalesce(status, 'unknown')", &DaySummary::status},
                        {"coalesce(oblast, 'unknown')", &DaySummary::oblast}};
    for (const Dim& dim : dims) {
        auto g = db.prepare(std::string("SELECT week, ") + dim.expr + ", count(*) FROM sessions WHERE " +
                            dim.expr + " IS NOT NULL AND " + dim.expr + " <> '' GROUP BY 1, 2");
        while (g.step()) (weekOf(g.getText(0)).*dim.member)[g.getText(1)] += g.getInt(2);
    }
    // Diary counts (rounded by each kiosk): per ISO week; a kiosk that exports exact days gives days.
    auto dq = db.prepare("SELECT period, measure, sum(n) FROM diary_counts GROUP BY 1, 2");
    while (dq.step()) {
        const std::string period = dq.getText(0), measure = dq.getText(1);
        DaySummary& d = weekOf(period.size() == 10 ? isoWeek(period) : period);
        const int64_t n = dq.getInt(2);
        if (measure == "started")
            d.diariesStarted += n;
        else if (measure == "returning")
            d.diaryReturning += n;
        else if (measure == "decision")
            d.diaryDecisions += n;
        else if (measure.rfind("trial:", 0) == 0) {
            d.trialType[measure.substr(6)] += n;
            d.trials += n;
        }
    }
    for (auto& [week, d] : weeks) {
        s.days.push_back(d);
        s.total.sessions += d.sessions;
        s.total.interestDone += d.interestDone;
        s.total.strengthsDone += d.strengthsDone;
        for (const Dim& dim : dims)
            for (auto& [k, n] : d.*dim.member) (s.total.*dim.member)[k] += n;
        s.total.diariesStarted += d.diariesStarted;
        s.total.diaryReturning += d.diaryReturning;
        s.total.diaryDecisions += d.diaryDecisions;
        s.total.trials += d.trials;
        for (auto& [k, n] : d.trialType) s.total.trialType[k] += n;
    }
    return s;
}

} // namespace kesip::sync
