#include "sync/export.hpp"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <sys/stat.h>
#include <unistd.h>

#include "l10n/catalog.hpp"
#include "store/repo.hpp"

namespace kesip::sync {

namespace fs = std::filesystem;
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
    }
    return l10n::K("sync_local");
}

void createExportSchema(Database& db) {
    db.exec("PRAGMA application_id = " + std::to_string(kExportAppId));
    db.exec("PRAGMA user_version = " + std::to_string(kExportVersion));
    db.exec(R"sql(
CREATE TABLE IF NOT EXISTS sessions(
  uuid TEXT PRIMARY KEY, kiosk_id TEXT NOT NULL, centre_id TEXT NOT NULL,
  day TEXT NOT NULL,                 -- local date only, never a time
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
CREATE INDEX IF NOT EXISTS sessions_day ON sessions(day);
)sql");
    // A file written before response times were exported: the column is added, its old rows stay NULL.
    if (db.queryInt("SELECT count(*) FROM pragma_table_info('tests') WHERE name='times'") == 0)
        db.exec("ALTER TABLE tests ADD COLUMN times TEXT");
}

namespace {

SyncError fromErrno(int e) {
    switch (e) {
    case ENOSPC:
    case EDQUOT:
    case EFBIG:
        return SyncError::StickFull;
    case EROFS:
    case EACCES:
    case EPERM:
        return SyncError::StickReadOnly;
    case ENOENT:
    case ENODEV:
    case ENXIO:
    case EIO:
    case ESTALE:
        return SyncError::StickRemoved;
    default:
        return SyncError::StickRemoved;
    }
}

WriteFault g_fault;
int g_writes = 0;

ssize_t faultyWrite(int fd, const char* p, size_t n, bool toStick) {
    if (!toStick) return ::write(fd, p, n);
    ++g_writes;
    if (g_fault.failAt && g_writes == g_fault.failAt) {
        errno = g_fault.err;
        return -1;
    }
    if (g_fault.shortWrites && n > 1) n /= 2;
    return ::write(fd, p, n);
}

// Copies src to dst and fsyncs it. Returns 0 or the errno of the first failure (dst is then removed).
int copyDurable(const std::string& src, const std::string& dst, bool toStick) {
    int in = ::open(src.c_str(), O_RDONLY | O_CLOEXEC);
    if (in < 0) return errno;
    if (toStick) g_writes = 0;
    int out = ::open(dst.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0644);
    if (out < 0) {
        int e = errno;
        ::close(in);
        return e;
    }
    int err = 0;
    char buf[1 << 16];
    for (;;) {
        ssize_t n = ::read(in, buf, sizeof buf);
        if (n < 0) {
            if (errno == EINTR) continue;
            err = errno;
            break;
        }
        if (n == 0) break;
        for (ssize_t off = 0; off < n;) {
            ssize_t w = faultyWrite(out, buf + off, size_t(n - off), toStick);
            if (w < 0) {
                if (errno == EINTR) continue;
                err = errno;
                break;
            }
            if (w == 0) {
                err = EIO;
                break;
            }
            off += w; // a short write: carry on with the rest
        }
        if (err) break;
    }
    if (!err && ::fsync(out) != 0) err = errno;
    if (::close(out) != 0 && !err) err = errno;
    ::close(in);
    if (err) ::unlink(dst.c_str());
    return err;
}

int fsyncDir(const std::string& dir) {
    int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) return errno;
    int e = ::fsync(fd) == 0 ? 0 : errno;
    ::close(fd);
    return e;
}

bool isSymlink(const std::string& p) {
    struct stat st {};
    return ::lstat(p.c_str(), &st) == 0 && S_ISLNK(st.st_mode);
}

std::string sqlQuote(const std::string& s) {
    std::string q = "'";
    for (char c : s) q += c == '\'' ? std::string("''") : std::string(1, c);
    return q + "'";
}

} // namespace

void setWriteFaultForTests(const WriteFault& f) {
    g_fault = f;
}
int writesOfLastCopyForTests() {
    return g_writes;
}

VerifyResult verifyExportFile(const std::string& path) {
    VerifyResult v;
    if (isSymlink(path)) {
        v.error = SyncError::Symlink;
        v.detail = path + ": is a symbolic link";
        return v;
    }
    char hdr[16] = {};
    {
        int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
        if (fd < 0) {
            v.error = fromErrno(errno);
            v.detail = path + ": " + std::strerror(errno);
            return v;
        }
        ssize_t n = ::read(fd, hdr, 16);
        ::close(fd);
        if (n != 16 || std::memcmp(hdr, "SQLite format 3\0", 16) != 0) {
            v.error = SyncError::Foreign;
            v.detail = path + ": not an SQLite database";
            return v;
        }
    }
    try {
        Database db(path, Database::Mode::ReadOnly);
        if (db.queryInt("PRAGMA application_id") != kExportAppId) {
            v.error = SyncError::Foreign;
            v.detail = path + ": not a Kesip export (application_id)";
            return v;
        }
        if (db.queryInt("PRAGMA user_version") > kExportVersion) {
            v.error = SyncError::Newer;
            v.detail =
                path + ": export schema " + std::to_string(db.queryInt("PRAGMA user_version")) + " is newer";
            return v;
        }
        if (db.queryText("PRAGMA integrity_check") != "ok") {
            v.error = SyncError::Corrupt;
            v.detail = path + ": integrity check failed";
            return v;
        }
        // Real tables with our columns: a look-alike file (views, other columns) is foreign.
        if (db.queryInt(
                "SELECT count(*) FROM sqlite_master WHERE type='table' AND name IN ('sessions','tests')") !=
                2 ||
            db.queryInt("SELECT count(*) FROM pragma_table_info('sessions') WHERE name IN "
                        "('uuid','kiosk_id','day')") != 3 ||
            db.queryInt("SELECT count(*) FROM pragma_table_info('tests') WHERE name IN "
                        "('uuid','instrument','answers')") != 3) {
            v.error = SyncError::Foreign;
            v.detail = path + ": not the Kesip export layout";
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

ExportReport exportToStick(Database& local, const std::string& localPath, const std::string& workDir,
                           const std::string& stickRoot, const ExportOptions& opts, const Clock& clock,
                           const std::function<void(double)>& progress) {
    ExportReport r;
    auto step = [&](double f) {
        if (progress) progress(f);
    };
    auto fail = [&](SyncError e, const std::string& d) {
        r.error = e;
        r.detail = d;
        return r;
    };
    step(0.02);
    std::error_code ec;
    if (!fs::is_directory(stickRoot, ec))
        return fail(SyncError::StickMissing, stickRoot + ": not a directory");
    const std::string dir = stickRoot + "/kesip";
    if (isSymlink(dir)) return fail(SyncError::Symlink, dir + ": is a symbolic link");
    if (!fs::exists(dir, ec) && ::mkdir(dir.c_str(), 0755) != 0)
        return fail(fromErrno(errno), dir + ": " + std::strerror(errno));
    if (::access(dir.c_str(), W_OK) != 0) return fail(fromErrno(errno), dir + ": " + std::strerror(errno));
    const std::string target = dir + "/export.sqlite";
    const std::string work = workDir + "/export-work.sqlite";
    fs::remove(work, ec);
    fs::remove(work + "-journal", ec);

    // Start from what the stick already holds (other kiosks' data is kept), after checking it is ours.
    int64_t before = 0;
    if (fs::exists(target, ec) || isSymlink(target)) {
        auto v = verifyExportFile(target);
        if (v.error != SyncError::None) return fail(v.error, v.detail);
        before = v.sessions;
        if (int e = copyDurable(target, work, false))
            return fail(fromErrno(e), target + ": " + std::strerror(e));
    }
    step(0.15);
    int64_t eligible = 0;
    try {
        Database w(work);
        w.exec("PRAGMA journal_mode=DELETE"); // a single file: safe to copy to FAT sticks
        createExportSchema(w);
        w.exec("ATTACH DATABASE " + sqlQuote(localPath) + " AS l");
        store::Transaction tx(w);
        eligible = w.queryInt("SELECT count(*) FROM l.sessions WHERE ended_at IS NOT NULL");
        w.exec("INSERT OR IGNORE INTO sessions SELECT s.id, " + sqlQuote(opts.kioskId) + ", " +
               sqlQuote(opts.centreId) +
               ", date(s.started_at / 1000, 'unixepoch', 'localtime'), s.lang, s.end_reason, s.age_band, "
               "s.gender, "
               "s.status, s.oblast, v.interest_code, v.top_field, v.strengths FROM l.sessions s "
               "LEFT JOIN l.visit_results v ON v.session_id = s.id WHERE s.ended_at IS NOT NULL");
        r.added = w.changes();
        r.alreadyPresent = eligible - r.added;
        step(0.35);
        w.exec(
            "INSERT OR IGNORE INTO tests(uuid, instrument, version, state, answers, scores, flags, times) "
            "SELECT t.session_id, t.instrument, t.version, t.state, t.answers, "
            "(SELECT json_group_object(sc.scale, round(sc.percent, 2)) FROM l.scores sc "
            " WHERE sc.session_id = t.session_id AND sc.instrument = t.instrument), "
            "(SELECT group_concat(f.flag) FROM l.flags f WHERE f.session_id = t.session_id AND f.instrument "
            "= t.instrument), t.times "
            "FROM l.test_runs t JOIN l.sessions s ON s.id = t.session_id WHERE s.ended_at IS NOT NULL");
        tx.commit();
        w.exec("DETACH DATABASE l");
        step(0.5);
        if (w.queryText("PRAGMA integrity_check") != "ok")
            return fail(SyncError::Local, "work file integrity check failed");
        r.onStick = w.queryInt("SELECT count(*) FROM sessions");
    } catch (const DbError& e) {
        fs::remove(work, ec);
        return fail(SyncError::Local, e.what());
    }
    step(0.6);

    // Temp file on the stick, fsync, atomic rename, fsync the folder, then read it back.
    const std::string tmp = dir + "/.export.sqlite.tmp";
    if (int e = copyDurable(work, tmp, true)) {
        fs::remove(work, ec);
        return fail(fromErrno(e), tmp + ": " + std::strerror(e));
    }
    step(0.85);
    if (::rename(tmp.c_str(), target.c_str()) != 0) {
        int e = errno;
        ::unlink(tmp.c_str());
        return fail(fromErrno(e), target + ": " + std::strerror(e));
    }
    if (int e = fsyncDir(dir)) return fail(fromErrno(e), dir + ": " + std::strerror(e));
    auto check = verifyExportFile(target);
    if (check.error != SyncError::None) return fail(check.error, check.detail);
    if (check.sessions != r.onStick || check.sessions < before)
        return fail(SyncError::Corrupt, "row counts differ after copy");
    step(0.9);

    // Verified: mark exported, purge old raw sessions (the audit keeps the record).
    try {
        store::Transaction tx(local);
        local.prepare("UPDATE sessions SET exported_at=? WHERE ended_at IS NOT NULL AND exported_at IS NULL")
            .bind(1, clock.wallMs())
            .run();
        local.prepare("DELETE FROM sessions WHERE exported_at IS NOT NULL AND started_at < ?")
            .bind(1, clock.wallMs() - int64_t(opts.retentionDays) * 86'400'000)
            .run();
        r.purged = local.changes();
        store::audit(local, clock, "staff", "export",
                     "added=" + std::to_string(r.added) + " already=" + std::to_string(r.alreadyPresent) +
                         " on_stick=" + std::to_string(r.onStick) +
                         " stick=" + fs::path(stickRoot).filename().string());
        if (r.purged) store::audit(local, clock, "system", "purge", "sessions=" + std::to_string(r.purged));
        tx.commit();
    } catch (const DbError& e) {
        return fail(SyncError::Local, e.what());
    }

    if (opts.writeSummaries) {
        try {
            Database w(work, Database::Mode::ReadOnly);
            Summary s = buildSummary(w, opts.centreId + " / " + opts.kioskId);
            SummaryLabels labels = opts.labels;
            fillPeriod(labels, s);
            std::string err;
            const std::string sumDir = dir + "/summaries";
            if (!writeCsv(s, labels, sumDir, err) || !writePdf(s, labels, sumDir + "/summary.pdf", err))
                return fail(SyncError::Summary, err);
        } catch (const DbError& e) {
            return fail(SyncError::Summary, e.what());
        }
    }
    fs::remove(work, ec);
    step(1.0);
    return r;
}

MergeReport mergeInto(const std::string& centralPath, const std::vector<std::string>& inputs) {
    MergeReport m;
    std::error_code ec;
    if (fs::exists(centralPath, ec)) {
        auto v = verifyExportFile(centralPath);
        if (v.error != SyncError::None) {
            m.error = v.error;
            m.detail = v.detail;
            return m;
        }
    }
    try {
        Database c(centralPath);
        c.exec("PRAGMA journal_mode=DELETE");
        createExportSchema(c);
        for (const std::string& in : inputs) {
            auto v = verifyExportFile(in);
            if (v.error != SyncError::None) {
                ++m.filesRejected;
                m.messages.push_back("rejected " + in + ": " + v.detail);
                continue;
            }
            try {
                c.exec("ATTACH DATABASE " + sqlQuote(in) + " AS s");
                store::Transaction tx(c);
                // Same uuid from another kiosk or day: a conflict, not a duplicate; rejected and reported.
                const int64_t conflicts =
                    c.queryInt("SELECT count(*) FROM s.sessions x JOIN main.sessions y ON y.uuid = x.uuid "
                               "WHERE y.kiosk_id <> x.kiosk_id OR y.day <> x.day");
                const int64_t total = c.queryInt("SELECT count(*) FROM s.sessions");
                c.exec("INSERT OR IGNORE INTO main.sessions SELECT * FROM s.sessions");
                const int64_t added = c.changes();
                // Named columns: an input written before `times` existed merges with NULL times.
                const bool hasTimes =
                    c.queryInt("SELECT count(*) FROM pragma_table_info('tests', 's') WHERE name='times'") > 0;
                c.exec(
                    std::string("INSERT OR IGNORE INTO main.tests(uuid, instrument, version, state, answers, "
                                "scores, flags, times) SELECT t.uuid, t.instrument, t.version, t.state, "
                                "t.answers, t.scores, t.flags, ") +
                    (hasTimes ? "t.times" : "NULL") +
                    " FROM s.tests t JOIN main.sessions y ON "
                    "y.uuid = t.uuid "
                    "JOIN s.sessions x ON x.uuid = t.uuid WHERE y.kiosk_id = x.kiosk_id AND y.day = x.day");
                tx.commit();
                c.exec("DETACH DATABASE s");
                m.added += added;
                m.rejected += conflicts;
                m.alreadyPresent += total - added - conflicts;
                m.messages.push_back(in + ": added " + std::to_string(added) + ", already present " +
                                     std::to_string(total - added - conflicts) + ", rejected " +
                                     std::to_string(conflicts));
            } catch (const DbError& e) {
                // This input only: its transaction rolled back, the others still merge.
                try {
                    c.exec("DETACH DATABASE s");
                } catch (const DbError&) {
                }
                ++m.filesRejected;
                m.messages.push_back("rejected " + in + ": " + e.what());
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

Summary buildSummary(Database& db, const std::string& scope) {
    Summary s;
    s.scope = scope;
    std::map<std::string, DaySummary> days;
    auto dayOf = [&](const std::string& d) -> DaySummary& {
        auto& x = days[d];
        x.day = d;
        return x;
    };
    auto q = db.prepare("SELECT day, count(*) FROM sessions GROUP BY day");
    while (q.step()) dayOf(q.getText(0)).sessions = q.getInt(1);
    auto t =
        db.prepare("SELECT s.day, t.instrument, count(*) FROM tests t JOIN sessions s ON s.uuid = t.uuid "
                   "WHERE t.state = 'completed' GROUP BY 1, 2");
    while (t.step()) {
        auto& d = dayOf(t.getText(0));
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
        auto g = db.prepare(std::string("SELECT day, ") + dim.expr + ", count(*) FROM sessions WHERE " +
                            dim.expr + " IS NOT NULL AND " + dim.expr + " <> '' GROUP BY 1, 2");
        while (g.step()) (dayOf(g.getText(0)).*dim.member)[g.getText(1)] += g.getInt(2);
    }
    for (auto& [day, d] : days) {
        s.days.push_back(d);
        s.total.sessions += d.sessions;
        s.total.interestDone += d.interestDone;
        s.total.strengthsDone += d.strengthsDone;
        for (const Dim& dim : dims)
            for (auto& [k, n] : d.*dim.member) (s.total.*dim.member)[k] += n;
    }
    return s;
}

} // namespace kesip::sync
