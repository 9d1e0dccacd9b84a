#pragma once
#include <cstdint>

#include "catalog/content.hpp"
#include "store/db.hpp"

namespace kesip::diary {

struct DiarySimOptions {
    int64_t diaries = 100;
    uint32_t seed = 1;
};

// What simulated notes begin with, so a leak check can look for them in an export.
inline constexpr const char* kSimNoteMarker = "SIMNOTE";

// Adds synthetic career diaries to a kiosk database that already holds visits (kiosk-sync simulate):
// each starts in one of the visits and is opened again in 0-3 later ones, with occupations saved, paths
// looked at, trials with chips and (often) a note of the student's own, self-check answers, decisions
// with next steps and counselor notes, all through DiaryStore at the time of the visit. Deterministic for
// a seed. Returns the number of diaries written (fewer when there are fewer visits).
int64_t simulateDiaries(store::Database& db, const catalog::Content* content, const DiarySimOptions& o);

} // namespace kesip::diary
