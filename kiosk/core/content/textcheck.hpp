#pragma once
#include <string>
#include <vector>

#include "l10n/lang.hpp"

namespace kesip::content {

// A problem found in authored content, reported as "file:line: id: message".
struct Problem {
    std::string file;
    int line = 0;
    std::string id; // item or occupation id ("" for file-level problems)
    std::string message;
    std::string str() const;
};

// Checks one authored text: not empty, no Latin or Greek letter inside a Cyrillic word (Latin a e o p c x
// y, Greek omicron alpha rho look the same and break search), and in Kyrgyz no look-alikes of U+04A3 U+04E9
// U+04AF (Latin U+00F6 U+00FC, Altai/Mari U+04E7 U+04F1 U+04A5). Returns human-readable messages; empty when
// the text is fine.
std::vector<std::string> checkText(const std::string& text, Lang lang, size_t maxChars = 0);

// 1-based line of the first occurrence of needle in text (0 if absent). Used to point at "id": "...".
int lineOf(const std::string& text, const std::string& needle);

// Number of Unicode code points in UTF-8 text.
size_t utf8Length(const std::string& s);

} // namespace kesip::content
