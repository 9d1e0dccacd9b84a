#pragma once
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "store/db.hpp"

namespace kesip::diary {

// What the export may carry about diaries: counts per local day, and nothing else (never codes, PIN
// hashes, notes or what a trial was). The counts are added when the event happens (diary_daily), so they
// survive "forget me" and the retention purge like the visits' daily_stats, and hold no diary id.
//  - diariesStarted:  diaries created that day
//  - returningVisits: visits in which a diary was opened again with code + PIN
//  - trialsByType:    trials logged as done that day, by trial type (vocab trialTypes()); a planned
//                     trial is counted the day it is completed, not when planned (it may not happen)
//  - decisions:       decisions made: a diary's first choice, or a changed one
// Small-cell suppression is the export's job (the same rules as for visits).
struct DiaryDayCounts {
    std::string day; // YYYY-MM-DD
    int64_t diariesStarted = 0, returningVisits = 0, decisions = 0;
    std::map<std::string, int64_t> trialsByType;
    int64_t trials() const;
};

// Days in [fromDay, toDay] (inclusive, "" = unbounded) that have any count, oldest first.
std::vector<DiaryDayCounts> diaryDailyCounts(store::Database& db, const std::string& fromDay = {},
                                             const std::string& toDay = {});

} // namespace kesip::diary
