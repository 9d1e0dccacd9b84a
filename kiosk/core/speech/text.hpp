#pragma once
// Read-aloud text preparation, internal to kiosk/core/speech: character classes, the rules read from
// assets/speech/rules.json (rules.cpp), Kyrgyz (text_ky.cpp) and Russian (text_ru.cpp) morphology and
// numbers, and the passes over the text (passes.cpp, with the word handlers in numbers.cpp and
// abbreviations.cpp).
#include <array>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "l10n/lang.hpp"

namespace kesip::speech::detail {

using U = std::u32string;

// Cyrillic letters by code point: U+0410..U+042F and U+0401 (Yo), and the Kyrgyz U+04A2 (Ng), U+04AE
// (straight U), U+04E8 (barred O); lower case 0x20 (basic) or 1 (Kyrgyz) above.
inline bool isUpperCyr(char32_t c) {
    return (c >= 0x410 && c <= 0x42F) || c == 0x401 || c == 0x4A2 || c == 0x4AE || c == 0x4E8;
}
inline bool isLowerCyr(char32_t c) {
    return (c >= 0x430 && c <= 0x44F) || c == 0x451 || c == 0x4A3 || c == 0x4AF || c == 0x4E9;
}
inline char32_t lowerCyr(char32_t c) {
    if (c >= 0x410 && c <= 0x42F) return c + 0x20;
    if (c == 0x401) return 0x451;
    if (c == 0x4A2 || c == 0x4AE || c == 0x4E8) return c + 1;
    return c;
}
inline bool isLatin(char32_t c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
           (c >= 0xC0 && c <= 0x24F && c != 0xD7 && c != 0xF7);
}
inline bool isLetter(char32_t c) {
    return isUpperCyr(c) || isLowerCyr(c) || isLatin(c);
}
inline bool isDigit(char32_t c) {
    return c >= '0' && c <= '9';
}
inline bool isWordChar(char32_t c) {
    return isLetter(c) || isDigit(c);
}
inline bool in(char32_t c, const char32_t* set) {
    for (; *set; ++set)
        if (*set == c) return true;
    return false;
}
inline bool in(char32_t c, const U& set) {
    return set.find(c) != U::npos;
}
bool contains(const std::vector<U>& list, const U& w);
U lower(U s);
inline bool startsWith(const U& t, size_t i, const U& p) {
    return t.compare(i, p.size(), p) == 0;
}

// ----- the rules (assets/speech/rules.json) -----

enum class KyCase { Nom, Gen, Dat, Acc, Loc, Abl, LocAttr };
enum class RuCase { Nom, Gen, Dat, Acc, Ins, Prep };
enum class RuForm { MNom, MGen, MDat, MIns, MPrep, FNom, FAcc, NNom, PlNom, PlGen, PlIns };

enum class Kind {
    Letters,   // spelled with the letter names (or `say` when given); a written ending is appended
    Word,      // read as a word, lower-cased; a written ending is appended
    Phrase,    // expanded: Kyrgyz `say` + `last` inflected; Russian `forms` by case
    Possessive // Kyrgyz: `say` + `last` with the 3rd-person possessive
};
struct Abbr {
    U abbr;
    Kind kind = Kind::Letters;
    U say;                  // Letters: the spoken form when not spelled; Phrase/Possessive (ky): head
    U last;                 // Phrase/Possessive (ky): the inflected word
    std::array<U, 6> forms; // Russian Phrase: by RuCase
};
// Dotted abbreviations (matched at a word start; "." included).
struct Dotted {
    U from, to;
    bool canEnd = false; // may end a sentence: keep the full stop when a capital follows
    U onlyAfter;         // only after this word (lower-case) when given
};
// A town abbreviation with a dot, said as `say`, before or after a capitalised name.
struct Town {
    U abbr, say;
};

// A sound in a Kyrgyz ending template, chosen by the word built so far.
struct Placeholder {
    bool harmony = false;
    std::vector<std::pair<U, U>> groups;       // harmony: last vowel in .first -> .second
    U fallback;                                // harmony: no vowel or none of the groups
    U vowel, voiced, voiceless;                // sound: after a vowel / voiced / voiceless consonant
    std::vector<std::pair<U, U>> afterLetters; // sound: last letter in .first -> .second (checked first)
    U matches;                                 // every letter the placeholder can be (reading endings)
};

struct LangRules {
    std::vector<Abbr> abbr;
    std::vector<Dotted> dotted;
    Town townBefore, townAfter;
    std::vector<std::pair<std::string, U>> percent; // plural category -> word
    U approximately, numero, conjAnd, outOf, conjOr;
};

struct KyRules {
    U voiceless;
    std::vector<std::pair<char32_t, Placeholder>> placeholders;
    U plural, possessive;
    std::array<U, 7> cases, possessiveCases; // by KyCase
    std::vector<U> units, tens;              // 1..9, 10..90
    U zero, hundred, thousand, million;
    std::vector<std::pair<U, U>> ordinals; // cardinal word -> ordinal word
    U yearAbbr, yearWord, anniversaryPrefix, markerEnd;
    size_t markerMax = 0;
};

struct RuRules {
    std::array<std::vector<U>, 6> prepositions; // by RuCase (Nom unused)
    std::vector<U> nominativeAfter, verbEndings;
    struct Stem {
        U s;
        int decl = 0; // 0: hard, 1: stressed, 2: soft
    };
    std::vector<Stem> units, tens, hundreds, thousands;   // by value: 20, 10, 10, 10
    std::vector<U> cardTens, cardHundreds, cardThousands; // by value: 10 each
    std::array<U, 11> hard, soft, stressed;               // by RuForm; stressed: "" = hard
    struct Written {
        std::vector<U> endings;
        RuForm form = RuForm::MNom, formAfterTens = RuForm::MNom;
        bool hasAfterTens = false;
    };
    std::vector<Written> written;
    U yearAbbr;
    std::vector<std::pair<U, RuCase>> yearPrepositionCase;
    std::array<std::pair<RuForm, U>, 6> yearByCase; // by RuCase: form and noun after "N g."
    struct YearWord {
        U word;
        RuForm form = RuForm::MNom;
        std::vector<std::pair<RuCase, RuForm>> byCase;
    };
    std::vector<YearWord> yearWords;
};

struct Rules {
    bool ok = false; // loaded: when false nothing is expanded
    U vowels;
    std::vector<std::pair<char32_t, U>> letterNames;
    LangRules lang[2]; // by Lang
    KyRules ky;
    RuRules ru;
    const LangRules& of(Lang l) const { return lang[l == Lang::ky ? 0 : 1]; }
};

// rules.cpp. Throws on a missing key, a value of the wrong type or a table of the wrong size.
Rules parseRules(const std::string& text);
// The rules, loaded on first use (and again after setRulesPath). A missing or broken file is reported
// once on stderr; the text is then only cleaned up.
std::shared_ptr<const Rules> currentRules();
// Where the rules are read from ("" : the default); they are loaded again on next use.
void resetRules(const std::string& path);

inline bool isVowel(const Rules& R, char32_t c) {
    return in(lowerCyr(c), R.vowels);
}

// text_ky.cpp: just enough Kyrgyz morphology to move a case ending from an abbreviation to its expansion,
// and ordinals.
U inflect(const Rules& R, U w, const U& t);
bool matchesAt(const Rules& R, const U& s, size_t pos, const U& t);
bool kyParseSuffix(const Rules& R, const U& s, KyCase& c, bool& plural);
U kyPlural(const Rules& R, const U& w);
U kyPossessive(const Rules& R, const U& stem, KyCase c, bool plural);
U kyOrdinal(const Rules& R, uint64_t n);

// text_ru.cpp: Russian cases and ordinals.
RuCase ruCaseAfter(const Rules& R, const U& w);
RuCase ruCaseOfAbbr(const Rules& R, const U& prev);
U ruOrdinal(const Rules& R, uint64_t n, RuForm f);
bool ruFormFromEnding(const Rules& R, const U& e, uint64_t n, RuForm& f);

// passes.cpp: the pipeline symbols -> words -> tidy, and what the word handlers share.
U symbols(const Rules& R, const U& src, Lang lang);
U words(const Rules& R, const U& t, Lang lang);
U tidy(const U& t);
U prevWord(const U& out);
bool prevWordCapitalised(const U& out);
bool sentenceEndsAt(const U& t, size_t i);
size_t lowerRun(const U& t, size_t k); // end of the run of lower-case Cyrillic letters from k

// The word handlers of words(): each looks at t[i] (the start of a word) and, when it applies, appends
// to `out`, advances `i` and returns true.
struct Cursor {
    const Rules& R;
    const U& t;
    Lang lang;
    U& out;
    size_t& i;
};
bool dottedAbbreviation(Cursor& c); // abbreviations.cpp: "t.b.", town abbreviations
bool capitals(Cursor& c);           // abbreviations.cpp: runs of capitals
bool number(Cursor& c);             // numbers.cpp: ordinals, years, percent, thousands groups

} // namespace kesip::speech::detail
