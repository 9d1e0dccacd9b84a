#pragma once
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "assess/instrument.hpp"
#include "assess/scoring.hpp"
#include "catalog/content.hpp"
#include "catalog/matching.hpp"
#include "store/access.hpp"
#include "store/db.hpp"
#include "store/repo.hpp"
#include "sync/keys.hpp"
#include "util/clock.hpp"

namespace kesip::review {

// Everything a counselor sees for one visit, recomputed from the stored answers with the same scoring code.
struct TestReview {
    const assess::Instrument* ins = nullptr;
    std::string state; // completed | abandoned | in_progress
    std::vector<assess::Response> responses;
    assess::Result result;
};

struct VisitReview {
    store::SessionRow session;
    std::map<std::string, TestReview> tests; // by instrument id
    std::vector<catalog::Match> matches;
    std::vector<std::string> noteChoices;
};

// The counselor types a visitor's code; there is no list of codes or times to pick from (knowing who came
// at 10:42 must not open their answers). nullopt when the code is unknown or older than expiryDays.
// Needs a counselor's grant (store::Forbidden otherwise). Audited either way; the audit names the visit
// by a keyed hash of its id (auditKey), never by its code or id.
std::optional<VisitReview> loadVisit(store::Database& db, const store::Grant& grant, const std::string& code,
                                     int expiryDays, const Clock& clock, const sync::KioskKey& auditKey,
                                     const assess::Instrument* interest, const assess::Instrument* strengths,
                                     const catalog::Content* content);
// How the audit names a visit.
std::string auditVisitId(const sync::KioskKey& auditKey, const std::string& sessionId);

// Structured note: only these choice codes are stored (no free text about a person).
const std::vector<std::string>& noteChoiceCodes();
void saveNote(store::Database& db, const store::Grant& grant, const Clock& clock,
              const sync::KioskKey& auditKey, const std::string& sessionId,
              const std::vector<std::string>& choices);

// Staff dashboard from the daily counts: today, the last 7 days, all time.
struct Counts {
    std::map<std::string, int64_t>
        byKey; // "sessions", "lang:ky", "done:interest", "type:S", "field:it", "age:15_17"...
    int64_t get(const std::string& k) const {
        auto it = byKey.find(k);
        return it == byKey.end() ? 0 : it->second;
    }
};
// Published counts only (sync/disclosure.hpp: multiples of 5, consistent with the summaries on the stick):
// today and the last 7 days hold "sessions"; total holds every key over the complete days before today.
struct Dashboard {
    Counts today, week, total;
};
Dashboard loadDashboard(store::Database& db, const store::Grant& grant, const Clock& clock);

} // namespace kesip::review
