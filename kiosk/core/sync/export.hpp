#pragma once
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "store/db.hpp"
#include "sync/summary.hpp"
#include "util/clock.hpp"

namespace kesip::sync {

// The export database on a stick (<stick>/kesip/export.sqlite) and the ministry's central database share
// one schema, marked with PRAGMA application_id so a foreign file is never mistaken for ours.
inline constexpr int32_t kExportAppId = 0x4B455350; // "KESP"
inline constexpr int kExportVersion = 2;            // 2: tests.times (per-item response times, coarse)

enum class SyncError {
    None,
    StickMissing, // not mounted any more / not a directory
    StickReadOnly,
    StickFull,
    StickRemoved, // I/O error mid-copy
    Symlink,      // export file or folder is a symbolic link: refused
    Foreign,      // a database that is not a Kesip export
    Corrupt,
    Newer,   // written by a newer Kesip
    Local,   // the kiosk's own database failed
    Summary, // data exported, summaries could not be written
};
const char* syncErrorKey(SyncError e); // locale key of the staff message

struct ExportOptions {
    std::string kioskId, centreId;
    int retentionDays = 90;
    bool writeSummaries = true;
    SummaryLabels labels; // for the PDF/CSV in the staff language
};

struct ExportReport {
    SyncError error = SyncError::None;
    std::string detail; // for the log
    int64_t added = 0;  // sessions new on the stick
    int64_t alreadyPresent = 0;
    int64_t onStick = 0; // sessions in the stick's file after the export
    int64_t purged = 0;  // local sessions removed by retention
};

// Exports every ended local visit, anonymized (no codes, no notes, dates only; response times only per
// item, to a tenth of a second and capped), merged
// into the stick's export file. The file is built in workDir in rollback-journal mode, copied to the stick
// as a temp file, fsynced, renamed over the old one, the folder fsynced, then reopened and checked. On any
// failure the stick keeps its previous file and the local database is unchanged.
ExportReport exportToStick(store::Database& local, const std::string& localPath, const std::string& workDir,
                           const std::string& stickRoot, const ExportOptions& opts, const Clock& clock,
                           const std::function<void(double)>& progress = {});

struct VerifyResult {
    SyncError error = SyncError::None;
    std::string detail;
    int64_t sessions = 0, tests = 0;
};
// Checks that a file is a readable Kesip export (application id, schema version, integrity).
VerifyResult verifyExportFile(const std::string& path);

struct MergeReport {
    SyncError error = SyncError::None; // the central file itself is unusable
    std::string detail;
    int64_t added = 0, alreadyPresent = 0, rejected = 0; // sessions
    int filesRejected = 0;
    std::vector<std::string> messages; // one line per input
};
// Central merge for the ministry: idempotent, each input file in its own transaction (all or nothing).
MergeReport mergeInto(const std::string& centralPath, const std::vector<std::string>& inputs);

// Counts per day and in total from an export-format database.
Summary buildSummary(store::Database& exportDb, const std::string& scope);

// Fault injection for tests of failing sticks: the write number `failAt` (1-based) of the copy to the
// stick fails with `err` (0 = off); `shortWrites` makes every write write at most half its bytes.
struct WriteFault {
    int failAt = 0;
    int err = 0;
    bool shortWrites = false;
};
void setWriteFaultForTests(const WriteFault& f);
int writesOfLastCopyForTests();

// Creates the export schema in an empty database.
void createExportSchema(store::Database& db);

} // namespace kesip::sync
