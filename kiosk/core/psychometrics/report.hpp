#pragma once
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "assess/instrument.hpp"
#include "psychometrics/norms.hpp"
#include "psychometrics/stats.hpp"
#include "store/db.hpp"

// The psychometrics report for the centre's methodologist, computed from the merged field data
// (`kiosk-sync merge` output). Every instrument version is reported on its own: its items, its order.
namespace kesip::psychometrics {

// Fewest values behind each statistic; with fewer the report says "too few" instead of a number.
inline constexpr int kMinItemRuns = 10;  // item mean, SD, floor and ceiling shares, skip rate, median time
inline constexpr int kMinCorrRuns = 30;  // alpha with its interval, corrected item-total correlations
inline constexpr int kMinGroupRuns = 30; // in each group (girls, boys) for a standardised difference
inline constexpr double kBiasFlag = 0.5; // |d| at or above this is flagged for the methodologist

// One stored test run as merged: answers packed in that version's item order.
struct FieldRun {
    std::string uuid, instrument, state, answers, flags, times, ageBand, gender;
    int version = 0;
};

struct FieldData {
    std::string file; // the merged database's file name (recorded in norms)
    std::vector<FieldRun> runs;
    int64_t sessions = 0, simulatedSessions = 0; // simulated: sync::isSimulatedUuid
    std::string first, last;                     // period: days, or ISO weeks where only those exist
    bool timesColumn = false;                    // false: a merged file from before response times
};
// Reads sessions and tests of a merged database (the export schema; `times`, `day`/`week` optional).
FieldData loadFieldData(store::Database& central, const std::string& fileName);

struct ItemStats {
    std::string id;
    int position = 0; // 1-based, in the version's presentation order
    bool reverse = false;
    int reached = 0, answered = 0, timed = 0, girls = 0, boys = 0;
    // Raw answer values (1..K as chosen, reverse keying not applied) unless said otherwise.
    std::optional<double> mean, sd, floor, ceiling; // floor/ceiling: share choosing the lowest/highest
    std::optional<double> itemTotal;                // keyed, with the sum of the scale's other items
    std::optional<double> skipRate;                 // skipped / reached
    std::optional<double> medianSeconds;
    std::optional<double> d; // girls minus boys, pooled SD; positive: girls answered higher
    bool flagged = false;    // |d| >= kBiasFlag
};

struct ScaleStats {
    std::string id;
    int k = 0;
    int complete = 0; // runs with every item of this scale answered: the sample of alpha and r(it)
    std::optional<double> alpha;
    std::optional<Interval> ci;
    bool zeroVariance = false;           // enough runs, but every one had the same total: alpha undefined
    int scored = 0, girls = 0, boys = 0; // completed runs with a percent score
    std::optional<double> meanPercent, sdPercent, d;
    std::vector<ItemStats> items; // presentation order
};

struct VersionReport {
    std::string instrument;
    int version = 0;
    const assess::Instrument* ins = nullptr; // nullptr: no file for this version (nothing computed)
    int64_t runs = 0, completed = 0, malformed = 0, timed = 0;
    std::map<std::string, int64_t> flags;        // quality flag -> runs with it
    std::map<std::string, int64_t> usableByBand; // complete, usable runs per age band
    std::vector<ScaleStats> scales;
    std::optional<NormsTable> norms; // bands with at least kMinNormRuns usable runs; nullopt: none
};

struct Report {
    std::string file, first, last, generated;
    int64_t sessions = 0, simulatedSessions = 0;
    bool timesColumn = false;
    std::vector<VersionReport> versions; // by instrument (as given), then version
};

// `instruments`: the current instruments with their older versions. Runs of instruments not among them
// are reported as versions without a file. `today` (YYYY-MM-DD) dates the norms.
Report buildReport(const FieldData& data, const std::vector<const assess::Instrument*>& instruments,
                   const std::string& today);

// A run counts for norms when completed, every item reached, and not flagged as careless
// (same_answer, too_fast, too_many_skipped).
bool usableForNorms(const FieldRun& r, size_t items);

} // namespace kesip::psychometrics
