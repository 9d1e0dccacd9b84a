#include "speech/text.hpp"

// The number handler of the words pass: thousands groups, percent, Kyrgyz ordinals and years
// ("2026-zh.", "5-klass"), Russian years and hyphenated ordinals ("2026 g.", "5-y").
namespace kesip::speech::detail {

namespace {

// The word after "N %" (plural category one / few / many / fraction, else "other"); empty: none.
U percentWord(const LangRules& L, uint64_t n, bool fraction) {
    const char* cat = fraction                           ? "fraction"
                      : (n % 100 >= 11 && n % 100 <= 14) ? "many"
                      : n % 10 == 1                      ? "one"
                      : (n % 10 >= 2 && n % 10 <= 4)     ? "few"
                                                         : "many";
    for (const char* key : {cat, "other"})
        for (auto& [k, v] : L.percent)
            if (k == key) return v;
    return U();
}

// A number read from the text: `number` as written (digits, groups joined, a fraction), `v` its value
// when `small` (at most 9 digits before any fraction); [j, k): what follows it, k after spaces.
struct Num {
    U number;
    uint64_t v = 0;
    bool small = false, fraction = false;
    size_t j = 0, k = 0;
    bool plain() const { return small && !fraction; }
};

// "N-word": Kyrgyz ordinals and years, Russian hyphenated ordinals.
bool hyphenated(Cursor& c, const Num& x) {
    const Rules& R = c.R;
    const U& t = c.t;
    const size_t n = t.size(), j = x.j;
    if (!(R.ok && x.plain() && j + 1 < n && t[j] == U'-' && isLowerCyr(t[j + 1]))) return false;
    const size_t e = lowerRun(t, j + 1);
    const U w = t.substr(j + 1, e - j - 1);
    if (c.lang == Lang::ky) {
        const KyRules& K = R.ky;
        KyCase kc;
        bool pl;
        if (w == K.yearAbbr && (e >= n || !isLetter(t[e]))) { // "2026-zh."
            c.out += kyOrdinal(R, x.v) + U" " + K.yearWord;
            c.i = e < n && t[e] == U'.' ? e + 1 : e;
            if (e < n && t[e] == U'.' && sentenceEndsAt(t, c.i)) c.out += U'.';
            return true;
        }
        if (kyParseSuffix(R, w, kc, pl) || startsWith(w, 0, K.anniversaryPrefix)) {
            // a case ending: the number stays cardinal; or an anniversary ("100-zhyldyk")
            c.out += x.number + U"-" + w;
            c.i = e;
            return true;
        }
        const bool marker = w.size() <= K.markerMax && w.size() >= K.markerEnd.size() &&
                            matchesAt(R, w, w.size() - K.markerEnd.size(), K.markerEnd);
        c.out += kyOrdinal(R, x.v);
        if (!marker) c.out += U" " + w; // "5-klass" -> "beshinchi klass"; "5-chi" -> "beshinchi"
        c.i = e;
        return true;
    }
    RuForm f;
    if (x.v >= 1 && x.v <= 9999 && (e >= n || !isLetter(t[e])) && ruFormFromEnding(R, w, x.v, f)) {
        c.out += ruOrdinal(R, x.v, f);
        c.i = e;
        return true;
    }
    return false;
}

// Kyrgyz "2026 zh.": the ordinal and the year word.
bool kyYear(Cursor& c, const Num& x) {
    const Rules& R = c.R;
    const U& t = c.t;
    const size_t n = t.size(), k = x.k, after = k + R.ky.yearAbbr.size() + 1;
    if (!(R.ok && x.plain() && c.lang == Lang::ky && startsWith(t, k, R.ky.yearAbbr + U".") &&
          (after >= n || !isLetter(t[after]))))
        return false;
    c.out += kyOrdinal(R, x.v) + U" " + R.ky.yearWord;
    c.i = after;
    if (sentenceEndsAt(t, c.i)) c.out += U'.';
    return true;
}

// Russian "N g." and "N god/goda/godu": the year as an ordinal in the case of the preposition in front.
bool ruYear(Cursor& c, const Num& x) {
    const Rules& R = c.R;
    const U& t = c.t;
    const size_t n = t.size(), k = x.k;
    if (!(R.ok && x.plain() && c.lang == Lang::ru && x.v >= 1 && x.v <= 9999 && k < n)) return false;
    const RuRules& Ru = R.ru;
    const size_t e = lowerRun(t, k);
    const U w = t.substr(k, e - k);
    const U pre = prevWord(c.out);
    RuCase pc = ruCaseAfter(R, pre);
    const bool isYearWord = x.v >= 1000 && x.v <= 2999 && (e >= n || !isLetter(t[e]));
    if (w == Ru.yearAbbr && e < n && t[e] == U'.' && !startsWith(t, e + 1, Ru.yearAbbr)) {
        // "N g." after a number: the year, in the case of the preposition; genitive when none
        for (auto& [p, yc] : Ru.yearPrepositionCase)
            if (pre == p) pc = yc;
        const auto& [f, noun] = Ru.yearByCase[size_t(pc)];
        c.out += ruOrdinal(R, x.v, f) + U" " + noun;
        c.i = e + 1;
        if (sentenceEndsAt(t, c.i)) c.out += U'.';
        return true;
    }
    const RuRules::YearWord* yw = nullptr;
    for (auto& y : Ru.yearWords)
        if (w == y.word) yw = &y;
    if (!isYearWord || !yw) return false;
    RuForm f = yw->form;
    for (auto& [bc, bf] : yw->byCase)
        if (pc == bc) f = bf;
    c.out += ruOrdinal(R, x.v, f) + U" " + w;
    c.i = e;
    return true;
}

} // namespace

bool number(Cursor& c) {
    const Rules& R = c.R;
    const U& t = c.t;
    const size_t n = t.size();
    Num x;
    size_t j = c.i;
    U digits;
    while (j < n && isDigit(t[j])) digits += t[j++];
    // thousands groups: "30 000" -> "30000"
    if (digits.size() <= 3)
        while (j + 3 < n && t[j] == U' ' && isDigit(t[j + 1]) && isDigit(t[j + 2]) && isDigit(t[j + 3]) &&
               (j + 4 >= n || !isWordChar(t[j + 4]))) {
            digits += t.substr(j + 1, 3);
            j += 4;
        }
    x.number = digits;
    if (j + 1 < n && (t[j] == U',' || t[j] == U'.') && isDigit(t[j + 1])) {
        x.fraction = true;
        x.number += t[j++];
        while (j < n && isDigit(t[j])) x.number += t[j++];
    }
    x.small = digits.size() <= 9;
    if (x.small)
        for (char32_t d : digits) x.v = x.v * 10 + uint64_t(d - U'0');
    x.j = j;
    x.k = j;
    while (x.k < n && t[x.k] == U' ') ++x.k;
    if (x.k < n && t[x.k] == U'%' && R.ok) {
        U word = percentWord(R.of(c.lang), x.v, x.fraction || !x.small);
        if (!word.empty()) {
            c.out += x.number + U" " + word;
            c.i = x.k + 1;
            return true;
        }
    }
    if (hyphenated(c, x) || kyYear(c, x) || ruYear(c, x)) return true;
    c.out += x.number;
    c.i = j;
    return true;
}

} // namespace kesip::speech::detail
