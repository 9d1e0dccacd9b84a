#pragma once
#include <string>

namespace kesip::diary {

// Input checks shared by the diary store and its screens.

inline constexpr size_t kMaxNoteChars = 280;

// Checks a trial note (after trimming): valid UTF-8, at most 280 characters, no control characters and
// none that hide or reorder text (zero-width, bidi overrides). Returns the locale key of the problem, or
// nullptr when it is fine.
const char* checkNote(const std::string& note);
size_t countCharacters(const std::string& utf8); // code points; invalid bytes count one each
std::string trimSpaces(const std::string& s);

// "YYYY-MM" with a month 01..12; monthIndex counts months from year 0 (for comparisons).
bool isMonth(const std::string& m);
int monthIndex(const std::string& m);
std::string currentMonth(int64_t wallMs);                // local time
std::string addMonths(const std::string& yyyyMm, int n); // "YYYY-MM" moved by n months

// Ids from the content (occupations, fields, paths, institutions): 1..64 of [A-Za-z0-9_.:/-].
bool isContentId(const std::string& s);

} // namespace kesip::diary
