#pragma once

namespace kesip::diary {

// The career diary's steps of the local schema (kiosk/core/store/schema.cpp lists them in order).
// kFirstSchemaVersion is the version the first step brings the database to; tests migrate a database to
// it, fill it, and migrate on, to show an upgrade loses nothing.
inline constexpr int kFirstSchemaVersion = 6;
const char*
schemaStepDiary1(); // diaries, visits and test snapshots, saved occupations, paths, trials, counts
const char* schemaStepDiary2(); // readiness self-check, decisions with next steps, counselor notes
inline constexpr int kPlannedSchemaVersion = 9; // the version schemaStepDiaryPlanned brings it to
const char* schemaStepDiaryPlanned();           // planned trials (diary_trials.planned)

} // namespace kesip::diary
