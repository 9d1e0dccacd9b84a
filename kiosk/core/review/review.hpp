#pragma once
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "assess/instrument.hpp"
#include "assess/scoring.hpp"
#include "catalog/content.hpp"
#include "catalog/matching.hpp"
#include "store/db.hpp"
#include "store/repo.hpp"
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

// nullopt when the code is unknown or older than expiryDays (codes are for the days after a visit only).
std::optional<VisitReview> loadVisit(store::Database& db, const std::string& code, int expiryDays,
                                     const Clock& clock, const assess::Instrument* interest,
                                     const assess::Instrument* strengths, const catalog::Content* content);

struct TodayEntry {
    std::string code;
    int64_t startedAt = 0;
    std::vector<std::string> completed; // instrument ids
};
std::vector<TodayEntry> todaysVisits(store::Database& db, const Clock& clock);

// Structured note: only these choice codes are stored (no free text about a person).
const std::vector<std::string>& noteChoiceCodes();
void saveNote(store::Database& db, const Clock& clock, const std::string& sessionId,
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
struct Dashboard {
    Counts today, week, total;
};
Dashboard loadDashboard(store::Database& db, const Clock& clock);

} // namespace kesip::review
