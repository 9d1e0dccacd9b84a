#pragma once
#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "store/access.hpp"
#include "store/db.hpp"
#include "sync/keys.hpp"
#include "sync/stick_io.hpp"
#include "sync/summary.hpp"
#include "util/clock.hpp"

namespace kesip::sync {

// The ministry's central database (kiosk-sync merge --key) holds the opened records in plain tables a later
// analysis reads by name: sessions (one per visit) and tests (one per test of a visit), marked with
// PRAGMA application_id so a foreign file is never mistaken for ours.
inline constexpr int32_t kExportAppId = 0x4B455350; // "KESP"
// 2: ISO week instead of day, kiosk key per row; 3: diary_counts (a version 2 file is upgraded by merge)
inline constexpr int kExportVersion = 3;

enum class SyncError {
    None,
    StickMissing, // not mounted any more / not a directory
    StickReadOnly,
    StickFull,
    StickRemoved, // I/O error mid-copy
    Symlink,      // a file or folder on the stick is a symbolic link: refused
    Foreign,      // a database that is not a Kesip export
    Corrupt,
    Newer,      // written by a newer Kesip
    Local,      // the kiosk's own database failed
    Summary,    // data exported, summaries could not be written
    NotRegular, // a FIFO, device or folder where a file belongs
    TooLarge,   // a file on the stick is over the size limit
    Tampered,   // the stick's export file has code in it, or its signature is not this kiosk's
    Timeout,    // the deadline passed (or staff left): stopped cleanly, nothing marked
    LocalDisk,  // the kiosk's own disk cannot take a working copy
    NoKey,      // no export key configured: only the summaries were written (not a failure)
};
const char* syncErrorKey(SyncError e); // locale key of the staff message
SyncError syncErrorOf(StickFault f);

// What the kiosk needs to export, all of it decided before the worker thread starts.
struct ExportOptions {
    std::string kioskId, centreId;
    int retentionDays = 90;
    bool writeSummaries = true;
    SummaryLabels labels; // for the PDF/CSV in the staff language
    // The ministry's X25519 public key (hex, export_public_key). Empty: no visitor rows leave the kiosk.
    std::string exportPublicKey;
    // Microdata is coarsened unless the config asks for more: ISO week instead of the day, the centre
    // instead of the kiosk.
    bool exactDay = false, withKioskId = false;
    std::optional<KioskKey> kioskKey; // signs the file; made in memory when missing (tests)
    uint64_t maxFileBytes = 256ull << 20;
    int64_t deadlineMs = 10 * 60 * 1000;       // the whole export, in real time
    std::shared_ptr<std::atomic<bool>> cancel; // set by the UI thread when staff leave
    StickIo* io = nullptr;                     // nullptr: the system's
};

struct ExportReport {
    SyncError error = SyncError::None;
    std::string detail; // for the log
    int64_t added = 0;  // visits newly on the stick
    int64_t alreadyPresent = 0;
    int64_t onStick = 0;      // this kiosk's visits in its file on the stick after the export
    int64_t marked = 0;       // local visits marked exported (each verified in the file on the stick)
    int64_t purged = 0;       // local visits removed by retention
    bool sealed = false;      // visitor rows were written (a key is configured)
    int64_t diaryPeriods = 0; // periods in the diary counts record (sync/diary_export.hpp)
};

// Exports every ended local visit, sealed, into this kiosk's file on the stick, keeping what its previous
// file there held (the kiosk recognises its own records by their ids and checks its own signature); then
// the rounded summaries. Every stick path is opened by the rules of stick_io.hpp; the previous file is
// read from a capped working copy opened as a foreign database; the new file is built afresh in workDir,
// written to a temp name, fsynced, renamed, read back and checked; only visits found in the file read
// back are marked exported. Working copies are removed on every way out. Needs a staff grant. On failure the
// stick keeps its previous file and the local database is unchanged.
ExportReport exportToStick(store::Database& local, const store::Grant& grant, const std::string& localPath,
                           const std::string& workDir, const std::string& stickRoot,
                           const ExportOptions& opts, const Clock& clock,
                           const std::function<void(double)>& progress = {});

struct VerifyResult {
    SyncError error = SyncError::None;
    std::string detail;
    int64_t sessions = 0, tests = 0; // central: visits and tests; sealed file: records
    std::string kioskKey, kioskId, centreId;
};
// Checks a file without opening any record: a sealed export (structure, signature) or a central database.
VerifyResult verifyExportFile(const std::string& path);

struct MergeOptions {
    std::string secretKeyHex;             // the ministry's secret key (kiosk-sync keygen)
    std::vector<std::string> knownKiosks; // kiosk public keys (hex) whose files are accepted
    std::string workDir;                  // for working copies; "" = next to the central file
    uint64_t maxFileBytes = 1ull << 30;
};
struct MergeReport {
    SyncError error = SyncError::None; // the central file itself is unusable
    std::string detail;
    int64_t added = 0, alreadyPresent = 0, rejected = 0; // visits
    int filesRejected = 0, filesUnknown = 0;
    std::vector<std::string> messages; // one line per input
};
// Central merge for the ministry: idempotent, each input file in its own transaction (all or nothing).
// Inputs are sealed files or folders (a stick's root: its kesip/export/*.sealed). A file signed by a kiosk
// not in knownKiosks (nor registered in the central database by an earlier merge) is reported and not
// merged; a file whose signature fails is rejected as forged.
MergeReport mergeInto(const std::string& centralPath, const std::vector<std::string>& inputs,
                      const MergeOptions& opts);

// Creates the central schema in an empty database.
void createExportSchema(store::Database& db);
void createExportSchemaV2(store::Database& db); // what a version 2 central database holds

// Counts per ISO week and in total from a central database (the ministry's summaries).
Summary buildSummary(store::Database& central, const std::string& scope);

// ISO 8601 week of a local date "YYYY-MM-DD": "YYYY-Www".
std::string isoWeek(const std::string& day);

} // namespace kesip::sync
