#include "speech/text.hpp"

#include <algorithm>

// The abbreviation handlers of the words pass: dotted abbreviations and towns ("t.b.", "sh. Bishkek"),
// and runs of capitals (spelled, read as a word, or expanded with the case ending carried over).
namespace kesip::speech::detail {

namespace {

U letterName(const Rules& R, char32_t c) {
    for (auto& [k, v] : R.letterNames)
        if (k == c) return v;
    return U();
}
// How letter abbreviations are said: the letter names joined with '-'.
U spell(const Rules& R, const U& abbr) {
    U out;
    for (char32_t c : abbr) {
        U n = letterName(R, c);
        if (n.empty()) continue;
        if (!out.empty()) out += U'-';
        out += n;
    }
    return out;
}

// How a known abbreviation is said with the ending written after it.
U sayKnown(const Cursor& c, const Abbr& a, const U& abbr, const U& suffix) {
    const Rules& R = c.R;
    KyCase kc = KyCase::Nom;
    bool pl = false;
    const bool parsed = c.lang == Lang::ky && kyParseSuffix(R, suffix, kc, pl);
    switch (a.kind) {
    case Kind::Letters:
        return (a.say.empty() ? spell(R, abbr) : a.say) + suffix;
    case Kind::Word:
        return lower(abbr) + suffix;
    case Kind::Phrase:
        if (c.lang == Lang::ru)
            return suffix.empty() ? a.forms[size_t(ruCaseOfAbbr(R, prevWord(c.out)))]
                                  : spell(R, abbr) + suffix;
        if (parsed) {
            U w = pl ? kyPlural(R, a.last) : a.last;
            return a.say + U" " + inflect(R, w, R.ky.cases[size_t(kc)]);
        }
        return spell(R, abbr) + suffix;
    case Kind::Possessive:
        return parsed ? a.say + U" " + kyPossessive(R, a.last, kc, pl) : spell(R, abbr) + suffix;
    }
    return abbr + suffix;
}

} // namespace

bool dottedAbbreviation(Cursor& c) {
    const LangRules& L = c.R.of(c.lang);
    const U& t = c.t;
    const size_t n = t.size(), i = c.i;
    for (auto& d : L.dotted) {
        const U& from = d.from;
        if (!startsWith(t, i, from) || (i + from.size() < n && isLetter(t[i + from.size()]))) continue;
        if (!d.onlyAfter.empty() && prevWord(c.out) != d.onlyAfter) continue;
        c.out += d.to;
        c.i += from.size();
        if (d.canEnd && sentenceEndsAt(t, c.i)) c.out += U'.';
        return true;
    }
    // a town abbreviation before a capitalised name ...
    if (const U& a = L.townBefore.abbr; !a.empty() && startsWith(t, i, a + U".")) {
        size_t k = i + a.size() + 1;
        while (k < n && t[k] == U' ') ++k;
        if (k < n && isUpperCyr(t[k])) {
            c.out += L.townBefore.say;
            c.i += a.size() + 1;
            return true;
        }
    }
    // ... or after it
    if (const U& a = L.townAfter.abbr;
        !a.empty() && startsWith(t, i, a + U".") && prevWordCapitalised(c.out)) {
        c.out += L.townAfter.say;
        c.i += a.size() + 1;
        if (sentenceEndsAt(t, c.i)) c.out += U'.';
        return true;
    }
    return false;
}

bool capitals(Cursor& c) {
    const Rules& R = c.R;
    const U& t = c.t;
    const size_t n = t.size(), i = c.i;
    size_t j = i;
    while (j < n && isUpperCyr(t[j])) ++j;
    const U abbr = t.substr(i, j - i);
    if (abbr.size() == 1 || (j < n && (isDigit(t[j]) || isLatin(t[j])))) {
        // an ordinary word (or a letter followed by digits): copied whole
        size_t e = j;
        while (e < n && isWordChar(t[e])) ++e;
        c.out += t.substr(i, e - i);
        c.i = e;
        return true;
    }
    U suffix;
    size_t e = j;
    bool compound = false; // "IT-menedzher": the abbreviation, then the word
    if (j < n && isLowerCyr(t[j])) {
        e = lowerRun(t, j);
        suffix = t.substr(j, e - j);
    } else if (j + 1 < n && t[j] == U'-' && isLowerCyr(t[j + 1])) {
        const size_t we = lowerRun(t, j + 1);
        const U w = t.substr(j + 1, we - j - 1);
        KyCase kc;
        bool pl;
        if (c.lang == Lang::ky && kyParseSuffix(R, w, kc, pl))
            suffix = w, e = we;
        else
            compound = true;
    }
    const Abbr* a = nullptr;
    for (auto& x : R.of(c.lang).abbr)
        if (abbr == x.abbr) a = &x;
    if (a)
        c.out += sayKnown(c, *a, abbr, suffix);
    else {
        // unknown: spelled when short and without a vowel, else left for espeak to read
        const bool vowel = std::any_of(abbr.begin(), abbr.end(), [&](char32_t x) { return isVowel(R, x); });
        c.out += (abbr.size() <= 4 && !vowel) ? spell(R, abbr) + suffix : abbr + suffix;
    }
    if (compound) c.out += U' ';
    c.i = compound ? j + 1 : e;
    return true;
}

} // namespace kesip::speech::detail
