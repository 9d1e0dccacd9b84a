#pragma once
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "l10n/catalog.hpp"
#include "sync/stick_io.hpp"

namespace kesip::sync {

// Counts are published rounded to multiples of 5 (sync/disclosure.hpp); a published 0 means fewer than five
// (possibly none) and is shown as "<5" in every summary (CSV, PDF, dashboard).
inline constexpr int64_t kSmallCell = 5;
std::string cell(int64_t n);
bool isPeriodKey(const std::string& key); // YYYY-MM-DD or YYYY-Www

// Counts for one day (or the whole period). Keys of the maps are stored codes: languages "ky"/"ru",
// interest types "R".."C" (first letter of the code), field ids, demographic codes ("na" = declined,
// "unknown" = not asked).
struct DaySummary {
    std::string day; // YYYY-MM-DD, or "" for the total
    int64_t sessions = 0, interestDone = 0, strengthsDone = 0;
    std::map<std::string, int64_t> lang, topType, topField, ageBand, gender, status, oblast;
    // Career diaries (diary/counts.hpp): counts only, never a code, PIN, note or what a trial was.
    int64_t diariesStarted = 0, diaryReturning = 0, diaryDecisions = 0, trials = 0;
    std::map<std::string, int64_t> trialType; // trial type code (diary::trialTypes()) -> trials
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
    std::string diariesStarted, diaryReturning, diaryDecisions, trials, trialTypes;
    std::map<std::string, std::string> trialTypeNames; // trial type code -> label
};

// labels.period may hold "{from}" and "{to}": replaced with the first and last day of the summary.
void fillPeriod(SummaryLabels& labels, const Summary& s);

// The writers print what they are given: pass a published summary (sync::publish), never raw counts.
// CSV: <dir>/summary-<period>.csv per day or week (its visits only) plus summary-total.csv (UTF-8 with BOM,
// comma separated, one row per measure: section,key,label,count; formula cells neutralised).
bool writeCsv(const Summary& s, const SummaryLabels& labels, const std::string& dir, std::string& error);
// A printable A4 PDF with bar charts (cairo) and text (pango), in labels.lang.
bool writePdf(const Summary& s, const SummaryLabels& labels, const std::string& path, std::string& error);
bool renderPdf(const Summary& s, const SummaryLabels& labels, std::string& pdf, std::string& error);
// Both into a folder on a stick (CSVs and summary.pdf), each written atomically through StickDir.
bool writeSummaryFiles(const Summary& s, const SummaryLabels& labels, const StickDir& dir, StickIo& io,
                       const StickLimits& lim, std::string& error);

} // namespace kesip::sync
