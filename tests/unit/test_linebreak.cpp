// Line breaking for the screens (l10n/linebreak): lines end only where ICU allows, never inside a word.
#include <catch2/catch.hpp>
#include <unicode/utf8.h>

#include "l10n/linebreak.hpp"

using namespace kesip::l10n;

namespace {
// A monospace "font": every code point is one unit wide.
float codePoints(std::string_view s) {
    float n = 0;
    for (size_t i = 0; i < s.size(); ++i)
        if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) n += 1;
    return n;
}
std::vector<std::string> lines(std::string_view text, float width, bool* broke = nullptr) {
    const Wrapped w = wrapText(text, width, codePoints);
    if (broke) *broke = w.brokeWord;
    std::vector<std::string> out;
    for (const auto& l : w.lines) out.emplace_back(text.substr(l.begin, l.end - l.begin));
    return out;
}
} // namespace

TEST_CASE("a two-word title that does not fit breaks between the words, not inside one") {
    // ImGui 1.86 wrapped "Кызыгуулар тести" one syllable per line on a narrow card.
    bool broke = true;
    CHECK(lines("Кызыгуулар тести", 12, &broke) == std::vector<std::string>{"Кызыгуулар", "тести"});
    CHECK_FALSE(broke);
    CHECK(lines("Кызыгуулар тести", 16) == std::vector<std::string>{"Кызыгуулар тести"});
}

TEST_CASE("greedy: as many words on a line as fit, trailing spaces not counted") {
    CHECK(lines("aa bb cc dd", 5) == std::vector<std::string>{"aa bb", "cc dd"});
    CHECK(lines("aa bb cc dd", 8) == std::vector<std::string>{"aa bb cc", "dd"});
    // "aa bb " is 6 wide with its space, 5 without: it still fits in 5.
    CHECK(lines("aa bb   cc", 5) == std::vector<std::string>{"aa bb", "cc"});
}

TEST_CASE("explicit newlines end lines, empty lines kept") {
    CHECK(lines("up\ndown", 100) == std::vector<std::string>{"up", "down"});
    CHECK(lines("a\n\nb", 100) == std::vector<std::string>{"a", "", "b"});
    CHECK(lines("", 10).empty());
}

TEST_CASE("a hyphenated compound may break after its hyphen") {
    CHECK(lines("медико-социальный", 10) == std::vector<std::string>{"медико-", "социальный"});
}

TEST_CASE("no break before closing punctuation or after an opening quote") {
    // A line never starts with the comma or the closing guillemet that belongs to the word before it.
    for (float w : {4.f, 5.f, 6.f, 7.f, 8.f, 9.f}) { // the longest unbreakable run is 4
        for (const auto& l : lines("«ab cd», ef gh", w)) {
            INFO(w << " [" << l << "]");
            CHECK(l.rfind(",", 0) != 0);
            CHECK(l.rfind("\xC2\xBB", 0) != 0);
        }
    }
}

TEST_CASE("a word wider than the box is cut between letters and reported") {
    bool broke = false;
    const auto l = lines("abcdefgh ij", 3, &broke);
    CHECK(broke);
    CHECK(l == std::vector<std::string>{"abc", "def", "gh", "ij"});
    // A single glyph wider than the box stays whole (nothing to cut).
    CHECK(lines("x", 0.5f) == std::vector<std::string>{"x"});
}

TEST_CASE("cuts inside a too-long word keep combining marks with their letter") {
    // "й" written as и + combining breve: a grapheme of two code points (width 2 here).
    bool broke = false;
    const auto l = lines("\xD0\xB8\xCC\x86\xD0\xB8\xCC\x86\xD0\xB8\xCC\x86", 3, &broke);
    CHECK(broke);
    for (const auto& s : l) CHECK(s.rfind("\xCC\x86", 0) != 0); // no line starts with the mark
}

TEST_CASE("break opportunities are ICU's: after spaces and hyphens, never inside a word") {
    const std::string s = "ab cd-ef";
    CHECK(lineBreakOpportunities(s) == std::vector<size_t>{3, 6, 8});
    CHECK(lineBreakOpportunities("").empty());
}

TEST_CASE("every line of a long Kyrgyz paragraph ends at an ICU opportunity and fits") {
    const std::string text = "Кесиптер: эмне иш кылышат, кайда окуса болот, канча убакыт окуу керек жана "
                             "кайсы жерде иштесе болот. Маалымат кыргыз жана орус тилдеринде.";
    const auto ops = lineBreakOpportunities(text);
    for (float width : {12.f, 13.f, 21.f, 34.f}) { // its longest word is 11
        const Wrapped w = wrapText(text, width, codePoints);
        CHECK_FALSE(w.brokeWord);
        for (size_t i = 0; i + 1 < w.lines.size(); ++i) {
            INFO(width << " line " << i);
            CHECK(w.lines[i].width <= width);
            CHECK(std::find(ops.begin(), ops.end(), w.lines[i + 1].begin) != ops.end());
        }
    }
}
