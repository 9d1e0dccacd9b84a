#pragma once
#include <cstdint>
#include <map>
#include <string>

#include "store/db.hpp"

namespace kesip::sync {

// Career-diary counts on their way to the ministry (issue 11): counts only (diaries started, returning
// diary visits, decisions, trials by type), never a code, PIN hash, note or what a trial was.
//
// The kiosk's sealed file carries one record of them, rebuilt and replaced at every export: per period (ISO
// week, or day when the config exports exact days), measure -> count, rounded like everything published
// (disclosure.hpp: each measure cumulatively along the periods, so every run of periods sums to a rounded
// total and a count of 1-4 is published as 0 or 5). diary_daily is never purged, so the series always starts
// at the same day and an older period's published count does not change from one export to the next.
// Measures: "started", "returning", "decision", "trial:<type>" (diary::trialTypes()): trials done, a
// planned one counted on the day it is completed, never while planned (the format did not change).
using PeriodCounts = std::map<std::string, std::map<std::string, int64_t>>; // period -> measure -> count

// The published counts of days before untilDay.
PeriodCounts publishedDiaryCounts(store::Database& local, const std::string& untilDay, bool exactDay);

// The record's plaintext; asOf is the first day not counted (a later file replaces an earlier one).
std::string diaryCountsRecord(const PeriodCounts& counts, const std::string& centreId,
                              const std::string& asOf);
// Whether a decrypted record is a diary counts record (not a visit).
bool isDiaryCountsRecord(const std::string& plain);

// Central side: the table (part of the central schema, export.hpp) and the merge of one record from the
// kiosk `source` (its public key). The newest record of a kiosk (by asOf) replaces all its earlier rows, so
// merging is idempotent in any order. False when the record is malformed (nothing written).
void createDiaryCountsTable(store::Database& central);
bool mergeDiaryCounts(store::Database& central, const std::string& plain, const std::string& source,
                      int64_t& periods);

} // namespace kesip::sync
