#pragma once
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "l10n/catalog.hpp"

namespace kesip::sync {

// Cells of fewer than kSmallCell visitors are shown as "<5" in every summary (CSV, PDF, dashboard), so a
// small centre's table cannot single out a person. Zero stays 0 (it identifies no one).
inline constexpr int64_t kSmallCell = 5;
std::string cell(int64_t n);

// Counts for one day (or the whole period). Keys of the maps are stored codes: languages "ky"/"ru",
// interest types "R".."C" (first letter of the code), field ids, demographic codes ("na" = declined,
// "unknown" = not asked).
struct DaySummary {
    std::string day; // YYYY-MM-DD, or "" for the total
    int64_t sessions = 0, interestDone = 0, strengthsDone = 0;
    std::map<std::string, int64_t> lang, topType, topField, ageBand, gender, status, oblast;
};

struct Summary {
    std::string scope;            // e.g. centre and kiosk ids, or "all sticks"
    std::vector<DaySummary> days; // oldest first
    DaySummary total;
};

// Human-readable labels for the codes above, in one language (from the locale, instruments, content).
struct SummaryLabels {
    Lang lang = Lang::ky;
    std::map<std::string, std::string> types, fields, demo; // code -> label
    std::string title, period, sessions, interestDone, strengthsDone, languages, topTypes, topFields,
        ageBands, genders, statuses, oblasts, smallCellNote, generated;
};

// labels.period may hold "{from}" and "{to}": replaced with the first and last day of the summary.
void fillPeriod(SummaryLabels& labels, const Summary& s);

// Writes <dir>/summary-YYYY-MM-DD.csv per day plus summary-total.csv (UTF-8, comma separated, one row per
// measure: section,key,label,count). Small cells suppressed. Returns false with a reason.
bool writeCsv(const Summary& s, const SummaryLabels& labels, const std::string& dir, std::string& error);
// Writes a printable A4 PDF with bar charts (cairo) and text (pango), in labels.lang.
bool writePdf(const Summary& s, const SummaryLabels& labels, const std::string& path, std::string& error);

} // namespace kesip::sync
