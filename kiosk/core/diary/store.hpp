#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "diary/code.hpp"
#include "diary/model.hpp"
#include "l10n/lang.hpp"
#include "store/db.hpp"
#include "util/clock.hpp"

namespace kesip::diary {

// Outcome of a write: ok, or the locale key of what was wrong with the input (nothing was written).
struct WriteResult {
    bool ok = false;
    const char* errorKey = nullptr;
    int64_t id = 0; // new row id where the write makes one (trial, decision)
    static WriteResult fail(const char* key) { return {false, key, 0}; }
};

struct CreateResult {
    bool ok = false;
    const char* errorKey = nullptr; // PIN not acceptable (diary_pin_format / diary_pin_simple)
    std::string id, code;           // the new diary; code without separators (formatCode to show it)
};

// What a visit brings into a new diary: occupations already starred and paths already looked at.
struct Seed {
    std::vector<std::pair<std::string, std::string>> saved; // occupation id, source (savedSources())
    std::vector<std::string> paths;
};

enum class Actor { Student, Counselor };

struct UnlockResult {
    enum class Outcome {
        Ok,      // diaryId is set
        BadCode, // the typed code is malformed or fails its check character (codeProblem): not looked up
        Denied,  // unknown code or wrong PIN: the same answer for both
        Locked,  // too many wrong PINs for this code: lockedMs to wait (same for unknown codes)
    };
    Outcome outcome = Outcome::Denied;
    CodeEntry codeProblem = CodeEntry::Ok;
    std::string diaryId;
    int attemptsLeft = 0; // with Denied
    int64_t lockedMs = 0; // with Locked
    // Whole minutes to wait, rounded up, for the {minutes} of diary_unlock_locked.
    int64_t lockedMinutes() const { return (lockedMs + 59'999) / 60'000; }
};
const char* unlockMessageKey(const UnlockResult& r); // nullptr for Ok

// The career diary in the local database. Every write is one transaction (a power cut leaves it done or
// not done) and touches last_used_at, from which unused diaries are purged. Operations other than create
// and unlock take the diary id that those return; the screens hold it only while the visit lasts.
class DiaryStore {
  public:
    static constexpr int kMaxFailures = 5;
    static constexpr int64_t kFirstLockMs = 5 * 60 * 1000;     // doubles with every lockout in a row...
    static constexpr int64_t kMaxLockMs = 24 * 60 * 60 * 1000; // ...up to a day
    static constexpr size_t kMaxChips = 5;                     // per kind, per trial
    static constexpr size_t kMaxSteps = 8;

    DiaryStore(store::Database& db, const Clock& clock) : db_(db), clock_(clock) {}

    // Argon2id with libsodium's interactive limits.
    static std::string hashPin(std::string_view pin);

    // A new diary with a fresh code, linked to the visit sessionId (may be empty) with the visit's
    // finished tests, and the seed. The PIN must pass checkPin.
    CreateResult create(std::string_view pin, Lang lang, const std::string& sessionId, const Seed& seed = {});
    // The same with a ready hash (hashPin) and a given code: for simulation, which makes thousands.
    CreateResult createWithHash(const std::string& pinHash, const std::string& code, Lang lang,
                                const std::string& sessionId, const Seed& seed = {});

    // Opens a diary with its code and PIN. A student's unlock links the visit sessionId (a returning
    // visit); a counselor's is audited and links nothing.
    UnlockResult unlock(std::string_view typedCode, std::string_view pin, Actor actor,
                        const std::string& sessionId);

    // Links a visit and copies its finished tests into the diary. Idempotent: call it again after a test
    // is finished in the same visit.
    void linkVisit(const std::string& diaryId, const std::string& sessionId, bool returning);

    WriteResult saveOccupation(const std::string& diaryId, const std::string& occupation,
                               const std::string& source);
    WriteResult unsaveOccupation(const std::string& diaryId, const std::string& occupation);
    WriteResult notePathSeen(const std::string& diaryId, const std::string& path);

    // Trials (trials.cpp). A done trial: a month not in the future (within six years back), chips, answer
    // and note optional. A planned one (t.planned): this month up to kPlanMonths ahead, and nothing of how
    // it went. id and createdAt are set here.
    static constexpr int kPlanMonths = 12;
    WriteResult addTrial(const std::string& diaryId, const Trial& t);
    // A planned trial done: t (type, month, what, how it went) replaces it under the rules of a done trial,
    // so a month still in the future is refused. Counted for the export now, not when it was planned.
    WriteResult completeTrial(const std::string& diaryId, int64_t trialId, const Trial& t);
    WriteResult removeTrial(const std::string& diaryId, int64_t trialId);

    WriteResult setReady(const std::string& diaryId, const std::string& item, bool yes);
    WriteResult saveDecision(const std::string& diaryId, const Decision& d); // a new current decision
    WriteResult setStepDone(const std::string& diaryId, int64_t decisionId, int seq, bool done);

    WriteResult addCounselorNote(const std::string& diaryId, const std::vector<std::string>& choices);

    std::optional<Diary> load(const std::string& diaryId);

    // "Forget me": every row of the diary, and the wrong-PIN counter of its code. The visits stay as the
    // anonymous visits they were before the diary (they carry nothing of it).
    void forget(const std::string& diaryId);
    // Diaries not used for `months` months, and stale wrong-PIN counters. Returns diaries removed.
    int purgeUnused(int months);

  private:
    void link(const std::string& diaryId, const std::string& sessionId, bool returning); // in a transaction
    void touch(const std::string& diaryId);
    bool exists(const std::string& diaryId);
    void count(const std::string& key);
    store::Database& db_;
    const Clock& clock_;
};

} // namespace kesip::diary
