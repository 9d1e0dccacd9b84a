#include "speech/text.hpp"

// Kyrgyz: just enough morphology to move a case ending from an abbreviation to its expansion (vowel
// harmony and consonant assimilation driven by the placeholders in rules.json), and ordinals in words.
namespace kesip::speech::detail {

namespace {

// Last vowel (lower-case); 0 when there is none.
char32_t lastVowel(const Rules& R, const U& s) {
    for (size_t i = s.size(); i-- > 0;)
        if (isVowel(R, s[i])) return lowerCyr(s[i]);
    return 0;
}
enum class Sound { Vowel, Voiced, Voiceless };
Sound finalSound(const Rules& R, const U& s) {
    if (s.empty()) return Sound::Vowel;
    char32_t c = lowerCyr(s.back());
    if (isVowel(R, c)) return Sound::Vowel;
    if (in(c, R.ky.voiceless)) return Sound::Voiceless;
    return Sound::Voiced;
}

const Placeholder* placeholder(const Rules& R, char32_t c) {
    if (c < 'A' || c > 'Z') return nullptr;
    for (auto& [k, p] : R.ky.placeholders)
        if (k == c) return &p;
    return nullptr;
}

// What placeholder `p` is after `w`.
U sayPlaceholder(const Rules& R, const Placeholder& p, const U& w) {
    if (p.harmony) {
        char32_t v = lastVowel(R, w);
        for (auto& [set, out] : p.groups)
            if (v && in(v, set)) return out;
        return p.fallback;
    }
    char32_t last = w.empty() ? 0 : lowerCyr(w.back());
    for (auto& [set, out] : p.afterLetters)
        if (last && in(last, set)) return out;
    Sound s = finalSound(R, w);
    return s == Sound::Vowel ? p.vowel : s == Sound::Voiced ? p.voiced : p.voiceless;
}

void kyBelowThousand(const Rules& R, uint64_t n, std::vector<U>& w) {
    if (n / 100) {
        if (n / 100 > 1) w.push_back(R.ky.units[n / 100 - 1]);
        w.push_back(R.ky.hundred);
    }
    if (n % 100 >= 10) w.push_back(R.ky.tens[n % 100 / 10 - 1]);
    if (n % 10) w.push_back(R.ky.units[n % 10 - 1]);
}

} // namespace

// `w` followed by the ending template `t`, each placeholder chosen by what has been built so far.
U inflect(const Rules& R, U w, const U& t) {
    for (char32_t c : t) {
        if (const Placeholder* p = placeholder(R, c))
            w += sayPlaceholder(R, *p, w);
        else
            w += c;
    }
    return w;
}

// Does `s` at `pos` read as template `t` (each placeholder any of its letters)?
bool matchesAt(const Rules& R, const U& s, size_t pos, const U& t) {
    if (pos + t.size() > s.size()) return false;
    for (size_t k = 0; k < t.size(); ++k) {
        const Placeholder* p = placeholder(R, t[k]);
        if (p ? !in(s[pos + k], p->matches) : s[pos + k] != t[k]) return false;
    }
    return true;
}

// A Kyrgyz ending as written after an abbreviation (plural, then case), any allomorph.
bool kyParseSuffix(const Rules& R, const U& s, KyCase& c, bool& plural) {
    size_t p = 0;
    plural = false;
    if (!R.ky.plural.empty() && matchesAt(R, s, 0, R.ky.plural)) plural = true, p = R.ky.plural.size();
    const size_t rest = s.size() - p;
    for (KyCase k :
         {KyCase::Nom, KyCase::Gen, KyCase::Acc, KyCase::Dat, KyCase::Loc, KyCase::Abl, KyCase::LocAttr}) {
        const U& t = R.ky.cases[size_t(k)];
        if (t.size() == rest && matchesAt(R, s, p, t)) {
            c = k;
            return true;
        }
    }
    return false;
}

U kyPlural(const Rules& R, const U& w) {
    return inflect(R, w, R.ky.plural);
}

// `stem` with the 3rd-person possessive, then the case with the pronominal n.
U kyPossessive(const Rules& R, const U& stem, KyCase c, bool plural) {
    U w = plural ? kyPlural(R, stem) : stem;
    w = inflect(R, w, R.ky.possessive);
    return inflect(R, w, R.ky.possessiveCases[size_t(c)]);
}

// Kyrgyz ordinal in words, n < 10^9: the cardinal words with the last one made ordinal.
U kyOrdinal(const Rules& R, uint64_t n) {
    std::vector<U> w;
    if (n == 0) w.push_back(R.ky.zero);
    if (n / 1000000) {
        kyBelowThousand(R, n / 1000000, w);
        w.push_back(R.ky.million);
    }
    if (uint64_t t = n / 1000 % 1000) {
        if (t > 1) kyBelowThousand(R, t, w);
        w.push_back(R.ky.thousand);
    }
    kyBelowThousand(R, n % 1000, w);
    for (auto& [card, o] : R.ky.ordinals)
        if (w.back() == card) {
            w.back() = o;
            break;
        }
    U out;
    for (auto& x : w) out += (out.empty() ? U() : U(U" ")) + x;
    return out;
}

} // namespace kesip::speech::detail
