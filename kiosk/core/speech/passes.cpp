#include "speech/text.hpp"

#include <algorithm>

// The passes of text preparation: symbols (what espeak would read out or mangle), words (numbers and
// abbreviations, by the handlers in numbers.cpp and abbreviations.cpp) and tidy (spaces, punctuation).
namespace kesip::speech::detail {

bool contains(const std::vector<U>& list, const U& w) {
    return std::find(list.begin(), list.end(), w) != list.end();
}
U lower(U s) {
    for (auto& c : s) c = lowerCyr(c);
    return s;
}
size_t lowerRun(const U& t, size_t k) {
    size_t e = k;
    while (e < t.size() && isLowerCyr(t[e])) ++e;
    return e;
}

// The last word of `out` when only spaces follow it (lower-case); empty otherwise.
U prevWord(const U& out) {
    size_t e = out.size();
    while (e > 0 && out[e - 1] == U' ') --e;
    size_t b = e;
    while (b > 0 && (isLetter(out[b - 1]) || out[b - 1] == U'-')) --b;
    return lower(out.substr(b, e - b));
}
bool prevWordCapitalised(const U& out) {
    size_t e = out.size();
    while (e > 0 && out[e - 1] == U' ') --e;
    size_t b = e;
    while (b > 0 && isLetter(out[b - 1])) --b;
    return b < e && isUpperCyr(out[b]);
}
// After an abbreviation's dot at `i`: does a sentence end here (end of text or a capital next)?
bool sentenceEndsAt(const U& t, size_t i) {
    while (i < t.size() && t[i] == U' ') ++i;
    return i >= t.size() || isUpperCyr(t[i]) || t[i] == U'\n';
}

// Pass 1: symbols. Quotes, check marks, arrows, bullets, emoji go; separators become pauses.
U symbols(const Rules& R, const U& src, Lang lang) {
    const LangRules& L = R.of(lang);
    U out;
    auto lastNonSpace = [&]() -> char32_t {
        for (size_t k = out.size(); k-- > 0;)
            if (out[k] != U' ') return out[k];
        return 0;
    };
    auto nonSpace = [&](size_t i, int dir) -> char32_t {
        for (long k = long(i) + dir; k >= 0 && size_t(k) < src.size(); k += dir)
            if (src[size_t(k)] != U' ') return src[size_t(k)];
        return 0;
    };
    for (size_t i = 0; i < src.size(); ++i) {
        char32_t c = src[i];
        char32_t prev = i ? src[i - 1] : 0, next = i + 1 < src.size() ? src[i + 1] : 0;
        if (c == U'\n') {
            char32_t p = lastNonSpace();
            out += (p == 0 || in(p, U".,;:!?")) ? U" " : U". ";
        } else if (c < 0x20 || c == 0x7F || c == 0xA0 || c == 0x202F || c == 0x2009 || c == 0x2007 ||
                   (c >= 0x2000 && c <= 0x200A))
            out += U' ';
        else if (c == 0x200B || c == 0x200C || c == 0x200D || c == 0xFE0F || c == 0x2060 || c == 0xAD ||
                 c == U'\'' || c == 0x2019 || c == 0x2018 || c == U'`')
            ; // invisible or an apostrophe
        else if (in(c, U"«»„“”\"‹›"))
            out += U' ';
        else if (c == 0xB7 || c == 0x2022 || c == 0x2219 || c == 0x22C5 || c == 0x25CF || c == 0x25E6 ||
                 c == 0x2023 || c == 0x2043)
            out += U", "; // middle dot, bullets: a pause
        else if (c == 0x2014 || c == 0x2013 || c == 0x2015 || c == 0x2212 ||
                 (c == U'-' && prev == U' ' && next == U' ')) {
            if (isDigit(prev) && isDigit(next))
                out += U'-'; // a range: "15-18"
            else
                out += U", ";
        } else if (c == 0x2026)
            out += U". ";
        else if (c == U'~' || c == 0x2248)
            out += U" " + L.approximately + U" ";
        else if (c == 0x2116) // numero sign
            out += U" " + L.numero + U" ";
        else if (c == U'&')
            out += U" " + L.conjAnd + U" ";
        else if (c == U'/') {
            if (isDigit(nonSpace(i, -1)) && isDigit(nonSpace(i, +1)))
                out += U", " + L.outOf + U" ";
            else
                out += U" " + L.conjOr + U" ";
        } else if (in(c, U"#*_=<>|\\^{}[]@$+") || c == 0xFFFD) // U+FFFD: ill-formed UTF-8 in the input
            out += U' ';
        else if ((c >= 0x2190 && c <= 0x21FF) || (c >= 0x2300 && c <= 0x23FF) ||
                 (c >= 0x2500 && c <= 0x27BF) || (c >= 0x2900 && c <= 0x2BFF) ||
                 (c >= 0x1F000 && c <= 0x1FAFF) || (c >= 0xE000 && c <= 0xF8FF))
            out += U' '; // arrows, technical, box drawing, geometric shapes, dingbats, emoji, private use
        else
            out += c;
    }
    return out;
}

// Pass 2: words and numbers. Each word start goes to the handlers in turn (dotted abbreviations, numbers,
// runs of capitals); any other word is copied whole, so its digits or capitals are not taken for numbers
// or abbreviations. Without rules only thousands groups are joined.
U words(const Rules& R, const U& t, Lang lang) {
    U out;
    size_t i = 0;
    Cursor cur{R, t, lang, out, i};
    while (i < t.size()) {
        const char32_t c = t[i];
        const bool atStart = i == 0 || !isWordChar(t[i - 1]);
        if (atStart && R.ok && isLetter(c) && dottedAbbreviation(cur)) continue;
        if (atStart && isDigit(c)) {
            number(cur);
            continue;
        }
        if (atStart && R.ok && isUpperCyr(c)) {
            capitals(cur);
            continue;
        }
        if (isWordChar(c)) {
            size_t e = i;
            while (e < t.size() && isWordChar(t[e])) ++e;
            out += t.substr(i, e - i);
            i = e;
            continue;
        }
        out += c;
        ++i;
    }
    return out;
}

// Pass 3: one space between words, none before punctuation, one punctuation mark where several meet
// (the strongest: . ! ? over ; : over ,), nothing leading or trailing.
U tidy(const U& t) {
    auto strength = [](char32_t c) { return in(c, U".!?") ? 3 : in(c, U";:") ? 2 : c == U',' ? 1 : 0; };
    U out;
    bool space = false;
    for (size_t i = 0; i < t.size(); ++i) {
        char32_t c = t[i];
        if (c == U' ') {
            space = true;
            continue;
        }
        int s = strength(c);
        bool separator = s > 0 && (i + 1 >= t.size() || !isDigit(t[i + 1]) || !isDigit(i ? t[i - 1] : 0));
        if (separator) {
            if (out.empty()) continue; // leading punctuation
            if (strength(out.back()) > 0) {
                if (s > strength(out.back())) out.back() = c;
            } else
                out += c;
            space = true;
            continue;
        }
        if (space && !out.empty()) out += U' ';
        space = false;
        out += c;
    }
    return out;
}

} // namespace kesip::speech::detail
