#pragma once
#include <memory>
#include <string>
#include <vector>

#include "events/csv.hpp"
#include "store/db.hpp"
#include "util/clock.hpp"

namespace kesip::l10n {
class Catalog;
}

namespace kesip::events {

// Where staff put the file: <stick>/kesip/events.csv.
inline constexpr const char* kStickDir = "kesip";
inline constexpr const char* kStickFile = "events.csv";
// How long reading and checking may take before the screen gives up (a stick that stopped answering).
constexpr int kImportTimeoutMs = 15000;

struct ImportResult {
    std::vector<Issue> issues; // why nothing was imported (the first kMaxIssues)
    int issueCount = 0;
    int added = 0, updated = 0, unchanged = 0;
    Encoding encoding = Encoding::Utf8;
    char delimiter = ',';
    bool ok() const { return issueCount == 0; }
};

// Reads <stickRoot>/kesip/events.csv (hostile input: readStickFile) and checks it; a read failure is a
// file-level issue. What ImportJob's worker runs; no database.
ParsedImport readAndParse(const std::string& stickRoot, const LinkVocabulary& v, const std::string& today,
                          int timeoutMs = kImportTimeoutMs);

// All or nothing, in one transaction: a file with any issue changes nothing. Each row is found by its
// match key: new -> added, same -> unchanged, different -> updated. A row already over is fine when the
// kiosk has that event from an earlier import (a file kept and re-imported month after month), else it
// is refused (events_err_past). Audited as one "events_import" with the counts.
ImportResult applyImport(store::Database& db, const Clock& clock, const ParsedImport& parsed,
                         const char* actor = "staff");

// For the staff screen: one line after an import (events_import_done), else the refusal
// (events_import_refused), each issue in words and "...and N more" when the list was cut.
std::vector<std::string> importSummary(const l10n::Catalog& cat, Lang lang, const ImportResult& r);

// Synchronous read + check + apply, for tools and tests. On the UI thread use ImportJob.
ImportResult importFromStick(store::Database& db, const Clock& clock, const LinkVocabulary& v,
                             const std::string& stickRoot);

// The import for a screen. Reading a stick can block for seconds in one read() (a failing device), so
// reading and checking run on a worker thread that owns copies of what it needs; the UI thread polls
// without ever blocking or joining, and after the deadline stops waiting (the worker's late result is
// dropped). The database write (applyImport) then runs on the UI thread: at most kMaxRows rows in one
// transaction (see kiosk-bench, events_import_apply).
class ImportJob {
  public:
    static std::unique_ptr<ImportJob> start(const std::string& stickRoot, LinkVocabulary v,
                                            const std::string& today, int64_t nowMs,
                                            int timeoutMs = kImportTimeoutMs);
    ~ImportJob();
    enum class State { Running, Ready, TimedOut };
    State poll(int64_t nowMs) const;
    // After Ready: the checked file. After TimedOut: a single events_err_timeout issue.
    ParsedImport take();

  private:
    struct Shared;
    ImportJob() = default;
    std::shared_ptr<Shared> shared_;
    int64_t deadlineMs_ = 0;
    mutable bool timedOut_ = false;
};

} // namespace kesip::events
