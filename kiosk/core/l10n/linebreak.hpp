#pragma once
#include <cstddef>
#include <functional>
#include <string_view>
#include <vector>

namespace kesip::l10n {

// One laid-out line: bytes [begin, end) of the text (trailing spaces and the newline left out) and
// its measured width.
struct LineSpan {
    size_t begin = 0, end = 0;
    float width = 0;
};

struct Wrapped {
    std::vector<LineSpan> lines;
    float widest = 0;
    // A single word was wider than the box and had to be cut between letters. Never intended: the
    // layout test fails on it, and the screen should choose a wider box or fewer columns.
    bool brokeWord = false;
};

// Width of a piece of UTF-8 text in the caller's units (pixels of some font).
using MeasureFn = std::function<float(std::string_view)>;

// Greedy line breaking at the places ICU's line break iterator allows (UAX #14: after spaces, after
// hyphens, at explicit newlines; never inside a word). A word wider than the box is cut at a grapheme
// boundary as a last resort, and `brokeWord` says so.
Wrapped wrapText(std::string_view utf8, float width, const MeasureFn& measure);

// Byte offsets where ICU allows a new line to start (excluding 0, including the end of the text):
// what the layout test checks every drawn line break against.
std::vector<size_t> lineBreakOpportunities(std::string_view utf8);

} // namespace kesip::l10n
