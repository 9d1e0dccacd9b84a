#pragma once
#include <string>
#include <string_view>

namespace kesip::diary {

// A diary code: 8 random characters from kCodeAlphabet (31 letters and digits, no 0/O/1/I/L) and a check
// character, shown as "ABC-DEF-GH7". 31^8 = 8.5e11 codes: with 100,000 diaries on a kiosk a guessed code
// hits one with p = 1.2e-7, and a hit still needs the PIN, which locks after five wrong tries.
//
// Check character: with the nine characters as values v1..v9 (their index in the alphabet), a code is
// valid when sum(i * vi) = 0 (mod 31). 31 is prime and every weight i (1..9) is non-zero mod 31, so
//  - a single substitution at position i changes the sum by i*(v'-v), a product of two non-zero
//    residues of a prime: never 0, always caught;
//  - swapping positions i and j (adjacent or not) with vi != vj changes it by (i-j)*(vj-vi), and
//    0 < |i-j| <= 8 < 31: never 0, always caught.
// (tests/unit/test_diary_code.cpp checks both exhaustively.)
inline constexpr int kPayloadLength = 8;
inline constexpr int kCodeLength = kPayloadLength + 1;

std::string newDiaryCode();                    // random payload (libsodium) + check character
char checkCharacter(std::string_view payload); // payload: 8 alphabet characters
bool hasValidCheck(std::string_view code);     // 9 alphabet characters whose check holds

// What a typed code is. Only Ok codes are looked up; the rest are told to the visitor without asking the
// database, so a typo is told apart from an unknown code without revealing which codes exist.
enum class CodeEntry { Ok, Empty, TooShort, TooLong, BadCharacter, Typo };
// Reads what a visitor typed: spaces and '-' are ignored, Latin letters upper-cased, and the Cyrillic
// letters that look like Latin ones (typed on the ky/ru keyboard) taken as those. `normalized` gets the
// 9-character code when the result is Ok.
CodeEntry parseCode(std::string_view typed, std::string& normalized);
const char* codeEntryKey(CodeEntry e);         // locale key of the message for anything but Ok
std::string formatCode(std::string_view code); // "ABC-DEF-GH7"

// A PIN the student picks: 4 to 6 digits, not all the same digit and not a run (1234, 9876).
enum class PinCheck { Ok, Format, TooSimple };
PinCheck checkPin(std::string_view pin);
const char* pinCheckKey(PinCheck p);

} // namespace kesip::diary
