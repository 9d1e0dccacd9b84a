#include "speech/text.hpp"

// Russian: the case an abbreviation or a year takes from the word in front, and ordinals in words.
namespace kesip::speech::detail {

// Case governed by the preposition in front (lower-case); Nom when there is none.
RuCase ruCaseAfter(const Rules& R, const U& w) {
    for (size_t c = 1; c < 6; ++c)
        if (contains(R.ru.prepositions[c], w)) return RuCase(c);
    return RuCase::Nom;
}

// Case of an abbreviation expanded in Russian, from the word in front: a preposition decides; after a verb
// the object (accusative); after another word a genitive attribute; else nominative.
RuCase ruCaseOfAbbr(const Rules& R, const U& prev) {
    if (prev.empty()) return RuCase::Nom;
    RuCase c = ruCaseAfter(R, prev);
    if (c != RuCase::Nom) return c;
    if (contains(R.ru.nominativeAfter, prev)) return RuCase::Nom;
    for (const U& e : R.ru.verbEndings)
        if (prev.size() > e.size() + 1 && prev.compare(prev.size() - e.size(), U::npos, e) == 0)
            return RuCase::Acc;
    return RuCase::Gen;
}

// Russian ordinal in words, 1..9999, e.g. 2026 in MGen: "two thousand twenty-sixth" in the genitive.
U ruOrdinal(const Rules& R, uint64_t n, RuForm f) {
    const RuRules& r = R.ru;
    uint64_t t = n / 1000, h = n / 100 % 10, rem = n % 100;
    U prefix;
    auto add = [&](const U& w) { prefix += (prefix.empty() ? U() : U(U" ")) + w; };
    RuRules::Stem st;
    if (n % 1000 == 0)
        st = r.thousands[t];
    else {
        if (t) add(r.cardThousands[t]);
        if (rem == 0)
            st = r.hundreds[h];
        else {
            if (h) add(r.cardHundreds[h]);
            if (rem < 20)
                st = r.units[rem];
            else if (rem % 10 == 0)
                st = r.tens[rem / 10];
            else
                add(r.cardTens[rem / 10]), st = r.units[rem % 10];
        }
    }
    size_t fi = size_t(f);
    U word = st.s;
    if (st.decl == 2)
        word += r.soft[fi];
    else if (st.decl == 1 && !r.stressed[fi].empty())
        word += r.stressed[fi];
    else
        word += r.hard[fi];
    return prefix.empty() ? word : prefix + U" " + word;
}

// The ending written after "N-" in Russian.
bool ruFormFromEnding(const Rules& R, const U& e, uint64_t n, RuForm& f) {
    for (const auto& w : R.ru.written)
        if (contains(w.endings, e)) {
            f = (w.hasAfterTens && n % 10 == 0 && n >= 10) ? w.formAfterTens : w.form;
            return true;
        }
    return false;
}

} // namespace kesip::speech::detail
