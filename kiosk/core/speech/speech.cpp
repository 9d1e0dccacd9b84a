#include "speech/speech.hpp"

#include <espeak-ng/speak_lib.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <condition_variable>
#include <cstring>
#include <deque>
#include <future>
#include <mutex>
#include <thread>

namespace kesip::speech {

// =====================================================================================================
// Text preparation
// =====================================================================================================
namespace {

using U = std::u32string;

U decode(const std::string& s) {
    U out;
    out.reserve(s.size());
    size_t i = 0;
    while (i < s.size()) {
        unsigned char c = static_cast<unsigned char>(s[i]);
        char32_t cp = 0;
        int len = 0;
        if (c < 0x80)
            cp = c, len = 1;
        else if ((c >> 5) == 0x6)
            cp = c & 0x1F, len = 2;
        else if ((c >> 4) == 0xE)
            cp = c & 0x0F, len = 3;
        else if ((c >> 3) == 0x1E)
            cp = c & 0x07, len = 4;
        else {
            ++i; // invalid lead byte: dropped
            continue;
        }
        if (i + size_t(len) > s.size()) break;
        bool bad = false;
        for (int k = 1; k < len; ++k) {
            unsigned char cc = static_cast<unsigned char>(s[i + size_t(k)]);
            if ((cc >> 6) != 0x2) bad = true;
            cp = (cp << 6) | (cc & 0x3F);
        }
        i += bad ? 1 : size_t(len);
        if (!bad) out.push_back(cp);
    }
    return out;
}

std::string encode(const U& s) {
    std::string out;
    out.reserve(s.size() * 2);
    for (char32_t c : s) {
        if (c < 0x80)
            out.push_back(char(c));
        else if (c < 0x800) {
            out.push_back(char(0xC0 | (c >> 6)));
            out.push_back(char(0x80 | (c & 0x3F)));
        } else if (c < 0x10000) {
            out.push_back(char(0xE0 | (c >> 12)));
            out.push_back(char(0x80 | ((c >> 6) & 0x3F)));
            out.push_back(char(0x80 | (c & 0x3F)));
        } else {
            out.push_back(char(0xF0 | (c >> 18)));
            out.push_back(char(0x80 | ((c >> 12) & 0x3F)));
            out.push_back(char(0x80 | ((c >> 6) & 0x3F)));
            out.push_back(char(0x80 | (c & 0x3F)));
        }
    }
    return out;
}

bool isUpperCyr(char32_t c) {
    return (c >= 0x410 && c <= 0x42F) || c == 0x401 || c == 0x4A2 || c == 0x4AE || c == 0x4E8;
}
bool isLowerCyr(char32_t c) {
    return (c >= 0x430 && c <= 0x44F) || c == 0x451 || c == 0x4A3 || c == 0x4AF || c == 0x4E9;
}
char32_t lowerCyr(char32_t c) {
    if (c >= 0x410 && c <= 0x42F) return c + 0x20;
    if (c == 0x401) return 0x451;
    if (c == 0x4A2 || c == 0x4AE || c == 0x4E8) return c + 1;
    return c;
}
bool isLatin(char32_t c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
           (c >= 0xC0 && c <= 0x24F && c != 0xD7 && c != 0xF7);
}
bool isLetter(char32_t c) {
    return isUpperCyr(c) || isLowerCyr(c) || isLatin(c);
}
bool isDigit(char32_t c) {
    return c >= '0' && c <= '9';
}
bool isWordChar(char32_t c) {
    return isLetter(c) || isDigit(c);
}
bool in(char32_t c, const char32_t* set) {
    for (; *set; ++set)
        if (*set == c) return true;
    return false;
}
bool isVowel(char32_t c) {
    return in(lowerCyr(c), U"аеёиоуыэюяөү");
}
U lower(U s) {
    for (auto& c : s) c = lowerCyr(c);
    return s;
}
bool startsWith(const U& t, size_t i, const U& p) {
    return t.compare(i, p.size(), p) == 0;
}

// ----- Kyrgyz morphology: just enough to move a case ending from an abbreviation to its expansion -----

// Low (а е о ө) and high (ы и у ү) suffix vowels agree with the last vowel of the stem; after у the low
// vowel is а (уулдар), after ү it is ө (күндөр).
char32_t lastVowel(const U& s) {
    for (size_t i = s.size(); i-- > 0;)
        if (isVowel(s[i])) return lowerCyr(s[i]);
    return U'а';
}
char32_t lowV(const U& s) {
    char32_t v = lastVowel(s);
    if (in(v, U"еиэ")) return U'е';
    if (in(v, U"оё")) return U'о';
    if (in(v, U"өү")) return U'ө';
    return U'а';
}
char32_t hiV(const U& s) {
    char32_t v = lastVowel(s);
    if (in(v, U"еиэ")) return U'и';
    if (in(v, U"оуёю")) return U'у';
    if (in(v, U"өү")) return U'ү';
    return U'ы';
}
enum class Sound { Vowel, Voiced, Voiceless };
Sound finalSound(const U& s) {
    char32_t c = s.empty() ? U'а' : lowerCyr(s.back());
    if (isVowel(c)) return Sound::Vowel;
    if (in(c, U"пфктсшщчцх")) return Sound::Voiceless;
    return Sound::Voiced;
}

enum class KyCase { Nom, Gen, Dat, Acc, Loc, Abl, LocAttr };

// A Kyrgyz ending as written after an abbreviation ("дон", "го", "дор", "тердеги"...), any allomorph.
bool kyParseSuffix(const U& s, KyCase& c, bool& plural) {
    const char32_t* LO = U"аеоө";
    const char32_t* HI = U"ыиуү";
    size_t p = 0;
    plural = false;
    if (s.size() >= 3 && in(s[0], U"лдт") && in(s[1], LO) && s[2] == U'р') plural = true, p = 3;
    U r = s.substr(p);
    size_t n = r.size();
    if (n == 0)
        c = KyCase::Nom;
    else if (n == 3 && in(r[0], U"ндт") && in(r[1], HI) && r[2] == U'н')
        c = KyCase::Gen;
    else if (n == 2 && in(r[0], U"ндт") && in(r[1], HI))
        c = KyCase::Acc;
    else if (n == 2 && in(r[0], U"гк") && in(r[1], LO))
        c = KyCase::Dat;
    else if (n == 2 && in(r[0], U"дт") && in(r[1], LO))
        c = KyCase::Loc;
    else if (n == 3 && in(r[0], U"дт") && in(r[1], LO) && r[2] == U'н')
        c = KyCase::Abl;
    else if (n == 4 && in(r[0], U"дт") && in(r[1], LO) && r[2] == U'г' && in(r[3], HI))
        c = KyCase::LocAttr;
    else
        return false;
    return true;
}

U kyPlural(const U& w) {
    Sound s = finalSound(w);
    char32_t last = w.empty() ? 0 : lowerCyr(w.back());
    char32_t c0 = (s == Sound::Vowel || last == U'й' || last == U'р') ? U'л'
                  : s == Sound::Voiced                                ? U'д'
                                                                      : U'т';
    return U{c0, lowV(w), U'р'};
}

// Case ending of a plain noun.
U kyCase(const U& w, KyCase c) {
    Sound s = finalSound(w);
    char32_t n = s == Sound::Vowel ? U'н' : s == Sound::Voiced ? U'д' : U'т';
    char32_t d = s == Sound::Voiceless ? U'т' : U'д';
    switch (c) {
    case KyCase::Nom:
        return U"";
    case KyCase::Gen:
        return U{n, hiV(w), U'н'};
    case KyCase::Acc:
        return U{n, hiV(w)};
    case KyCase::Dat:
        return U{s == Sound::Voiceless ? U'к' : U'г', lowV(w)};
    case KyCase::Loc:
        return U{d, lowV(w)};
    case KyCase::Abl:
        return U{d, lowV(w), U'н'};
    case KyCase::LocAttr: {
        U e{d, lowV(w), U'г'};
        e += hiV(w + e);
        return e;
    }
    }
    return U"";
}

// `stem` with the 3rd-person possessive ("жай" -> "жайы", "Республика" -> "Республикасы"), then the case
// with the pronominal n ("жайынан", "жайларында").
U kyPossessive(const U& stem, KyCase c, bool plural) {
    U w = stem;
    if (plural) w += kyPlural(w);
    if (finalSound(w) == Sound::Vowel) w += U'с';
    w += hiV(w);
    switch (c) {
    case KyCase::Nom:
        break;
    case KyCase::Gen:
        w += U'н', w += hiV(w), w += U'н';
        break;
    case KyCase::Acc:
        w += U'н';
        break;
    case KyCase::Dat:
        w += U'н', w += lowV(w);
        break;
    case KyCase::Loc:
        w += U"нд", w += lowV(w);
        break;
    case KyCase::Abl:
        w += U'н', w += lowV(w), w += U'н';
        break;
    case KyCase::LocAttr:
        w += U"нд", w += lowV(w), w += U'г', w += hiV(w);
        break;
    }
    return w;
}

// ----- numbers -----

const char32_t* const kKyUnits[] = {U"бир",  U"эки",  U"үч",    U"төрт", U"беш",
                                    U"алты", U"жети", U"сегиз", U"тогуз"};
const char32_t* const kKyTens[] = {U"он",      U"жыйырма", U"отуз",   U"кырк",  U"элүү",
                                   U"алтымыш", U"жетимиш", U"сексен", U"токсон"};

void kyBelowThousand(uint64_t n, std::vector<U>& w) {
    if (n / 100) {
        if (n / 100 > 1) w.push_back(kKyUnits[n / 100 - 1]);
        w.push_back(U"жүз");
    }
    if (n % 100 >= 10) w.push_back(kKyTens[n % 100 / 10 - 1]);
    if (n % 10) w.push_back(kKyUnits[n % 10 - 1]);
}

// Kyrgyz ordinal in words, n < 10^9: 2026 -> "эки миң жыйырма алтынчы".
U kyOrdinal(uint64_t n) {
    std::vector<U> w;
    if (n == 0) w.push_back(U"нөл");
    if (n / 1000000) {
        kyBelowThousand(n / 1000000, w);
        w.push_back(U"миллион");
    }
    if (uint64_t t = n / 1000 % 1000) {
        if (t > 1) kyBelowThousand(t, w);
        w.push_back(U"миң");
    }
    kyBelowThousand(n % 1000, w);
    static const std::pair<const char32_t*, const char32_t*> ord[] = {
        {U"бир", U"биринчи"},         {U"эки", U"экинчи"},         {U"үч", U"үчүнчү"},
        {U"төрт", U"төртүнчү"},       {U"беш", U"бешинчи"},        {U"алты", U"алтынчы"},
        {U"жети", U"жетинчи"},        {U"сегиз", U"сегизинчи"},    {U"тогуз", U"тогузунчу"},
        {U"он", U"онунчу"},           {U"жыйырма", U"жыйырманчы"}, {U"отуз", U"отузунчу"},
        {U"кырк", U"кыркынчы"},       {U"элүү", U"элүүнчү"},       {U"алтымыш", U"алтымышынчы"},
        {U"жетимиш", U"жетимишинчи"}, {U"сексен", U"сексенинчи"},  {U"токсон", U"токсонунчу"},
        {U"жүз", U"жүзүнчү"},         {U"миң", U"миңинчи"},        {U"миллион", U"миллионунчу"},
        {U"нөл", U"нөлүнчү"}};
    for (auto& [card, o] : ord)
        if (w.back() == card) w.back() = o;
    U out;
    for (auto& x : w) out += (out.empty() ? U"" : U" ") + x;
    return out;
}

enum class RuCase { Nom, Gen, Dat, Acc, Ins, Prep };
enum class RuForm { MNom, MGen, MDat, MIns, MPrep, FNom, FAcc, NNom, PlNom, PlGen, PlIns };

// Case governed by the preposition in front (lower-case); Nom when there is none.
RuCase ruCaseAfter(const U& w) {
    static const char32_t* const gen[] = {U"без",   U"для",    U"до",    U"из",    U"от",     U"у",
                                          U"после", U"около",  U"кроме", U"среди", U"вместо", U"ради",
                                          U"возле", U"против", U"из-за", U"помимо"};
    static const char32_t* const dat[] = {U"к", U"ко", U"по", U"благодаря", U"согласно"};
    static const char32_t* const ins[] = {U"с", U"со", U"над", U"под", U"перед", U"между", U"за"};
    static const char32_t* const prep[] = {U"о", U"об", U"обо", U"при", U"в", U"во", U"на"};
    for (auto p : gen)
        if (w == p) return RuCase::Gen;
    for (auto p : dat)
        if (w == p) return RuCase::Dat;
    for (auto p : ins)
        if (w == p) return RuCase::Ins;
    for (auto p : prep)
        if (w == p) return RuCase::Prep;
    return RuCase::Nom;
}

// Case of an abbreviation expanded in Russian, from the word in front: a preposition decides; after a verb
// the object (accusative); after another word a genitive attribute ("результаты ОРТ"); else nominative.
RuCase ruCaseOfAbbr(const U& prev) {
    if (prev.empty()) return RuCase::Nom;
    RuCase c = ruCaseAfter(prev);
    if (c != RuCase::Nom) return c;
    for (auto w : {U"и", U"или", U"а", U"но", U"да", U"либо", U"что", U"как", U"это"})
        if (prev == w) return RuCase::Nom;
    for (auto e : {U"ть", U"ти", U"чь", U"л",   U"ла",  U"ло",  U"ли",  U"ет", U"ёт", U"ит", U"ут",
                   U"ют", U"ат", U"ят", U"ешь", U"ишь", U"ете", U"ите", U"ем", U"ём", U"им"})
        if (prev.size() > U(e).size() + 1 && prev.compare(prev.size() - U(e).size(), U::npos, e) == 0)
            return RuCase::Acc;
    return RuCase::Gen;
}

// Russian ordinal in words, 1..9999: (2026, MGen) -> "две тысячи двадцать шестого".
U ruOrdinal(uint64_t n, RuForm f) {
    struct Stem {
        const char32_t* s;
        int type; // 0: -ый, 1: stressed -ой, 2: третий
    };
    static const Stem units[] = {
        {U"", 0},          {U"перв", 0},       {U"втор", 1},      {U"трет", 2},        {U"четвёрт", 0},
        {U"пят", 0},       {U"шест", 1},       {U"седьм", 1},     {U"восьм", 1},       {U"девят", 0},
        {U"десят", 0},     {U"одиннадцат", 0}, {U"двенадцат", 0}, {U"тринадцат", 0},   {U"четырнадцат", 0},
        {U"пятнадцат", 0}, {U"шестнадцат", 0}, {U"семнадцат", 0}, {U"восемнадцат", 0}, {U"девятнадцат", 0}};
    static const Stem tens[] = {
        {U"", 0},          {U"", 0},           {U"двадцат", 0},   {U"тридцат", 0},     {U"сороков", 1},
        {U"пятидесят", 0}, {U"шестидесят", 0}, {U"семидесят", 0}, {U"восьмидесят", 0}, {U"девяност", 0}};
    static const Stem hundreds[] = {{U"", 0},           {U"сот", 0},      {U"двухсот", 0},  {U"трёхсот", 0},
                                    {U"четырёхсот", 0}, {U"пятисот", 0},  {U"шестисот", 0}, {U"семисот", 0},
                                    {U"восьмисот", 0},  {U"девятисот", 0}};
    static const Stem thousands[] = {{U"", 0},
                                     {U"тысячн", 0},
                                     {U"двухтысячн", 0},
                                     {U"трёхтысячн", 0},
                                     {U"четырёхтысячн", 0},
                                     {U"пятитысячн", 0},
                                     {U"шеститысячн", 0},
                                     {U"семитысячн", 0},
                                     {U"восьмитысячн", 0},
                                     {U"девятитысячн", 0}};
    static const char32_t* const cardTens[] = {
        U"",          U"",           U"двадцать",  U"тридцать",    U"сорок",
        U"пятьдесят", U"шестьдесят", U"семьдесят", U"восемьдесят", U"девяносто"};
    static const char32_t* const cardHundreds[] = {U"",          U"сто",      U"двести",   U"триста",
                                                   U"четыреста", U"пятьсот",  U"шестьсот", U"семьсот",
                                                   U"восемьсот", U"девятьсот"};
    static const char32_t* const cardThousands[] = {
        U"",           U"тысяча",      U"две тысячи", U"три тысячи",   U"четыре тысячи",
        U"пять тысяч", U"шесть тысяч", U"семь тысяч", U"восемь тысяч", U"девять тысяч"};
    static const char32_t* const hard[] = {U"ый", U"ого", U"ому", U"ым", U"ом", U"ая",
                                           U"ую", U"ое",  U"ые",  U"ых", U"ыми"};
    static const char32_t* const soft[] = {U"ий", U"ьего", U"ьему", U"ьим", U"ьем", U"ья",
                                           U"ью", U"ье",   U"ьи",   U"ьих", U"ьими"};
    uint64_t t = n / 1000, h = n / 100 % 10, r = n % 100;
    U prefix;
    auto add = [&](const char32_t* w) { prefix += (prefix.empty() ? U"" : U" ") + U(w); };
    Stem st{};
    if (n % 1000 == 0)
        st = thousands[t];
    else {
        if (t) add(cardThousands[t]);
        if (r == 0)
            st = hundreds[h];
        else {
            if (h) add(cardHundreds[h]);
            if (r < 20)
                st = units[r];
            else if (r % 10 == 0)
                st = tens[r / 10];
            else
                add(cardTens[r / 10]), st = units[r % 10];
        }
    }
    size_t fi = size_t(f);
    U word = st.s;
    if (st.type == 2)
        word += soft[fi];
    else if (st.type == 1 && f == RuForm::MNom)
        word += U"ой";
    else
        word += hard[fi];
    return prefix.empty() ? word : prefix + U" " + word;
}

// The ending written after "N-" in Russian: "й" "го" "му" "м" "я" "ю" "е" "х" "ми" and their long forms.
bool ruFormFromEnding(const U& e, uint64_t n, RuForm& f) {
    auto is = [&](std::initializer_list<const char32_t*> l) {
        for (auto x : l)
            if (e == x) return true;
        return false;
    };
    if (is({U"й", U"ый", U"ий", U"ой"}))
        f = RuForm::MNom;
    else if (is({U"го", U"ого", U"его"}))
        f = RuForm::MGen;
    else if (is({U"му", U"ому", U"ему"}))
        f = RuForm::MDat;
    else if (is({U"м", U"ом", U"ем"}))
        f = RuForm::MPrep;
    else if (is({U"ым", U"им"}))
        f = RuForm::MIns;
    else if (is({U"я", U"ая", U"ья"}))
        f = RuForm::FNom;
    else if (is({U"ю", U"ую", U"ью"}))
        f = RuForm::FAcc;
    else if (is({U"е", U"ое", U"ье"}))
        f = (n % 10 == 0 && n >= 10) ? RuForm::PlNom : RuForm::NNom; // 90-е годы
    else if (is({U"ые", U"ие", U"ьи"}))
        f = RuForm::PlNom;
    else if (is({U"х", U"ых", U"их", U"ьих"}))
        f = RuForm::PlGen;
    else if (is({U"ми", U"ыми", U"ими"}))
        f = RuForm::PlIns;
    else
        return false;
    return true;
}

U ruPercent(uint64_t n, bool fraction) {
    if (fraction) return U"процента";
    if (n % 100 >= 11 && n % 100 <= 14) return U"процентов";
    if (n % 10 == 1) return U"процент";
    if (n % 10 >= 2 && n % 10 <= 4) return U"процента";
    return U"процентов";
}

// ----- abbreviation tables -----

const char32_t* letterName(char32_t c) {
    static const std::pair<char32_t, const char32_t*> names[] = {
        {U'А', U"а"},  {U'Б', U"бэ"}, {U'В', U"вэ"}, {U'Г', U"гэ"}, {U'Д', U"дэ"}, {U'Е', U"е"},
        {U'Ё', U"ё"},  {U'Ж', U"жэ"}, {U'З', U"зэ"}, {U'И', U"и"},  {U'Й', U"й"},  {U'К', U"ка"},
        {U'Л', U"эл"}, {U'М', U"эм"}, {U'Н', U"эн"}, {U'Ң', U"эң"}, {U'О', U"о"},  {U'Ө', U"ө"},
        {U'П', U"пэ"}, {U'Р', U"эр"}, {U'С', U"эс"}, {U'Т', U"тэ"}, {U'У', U"у"},  {U'Ү', U"ү"},
        {U'Ф', U"эф"}, {U'Х', U"ха"}, {U'Ц', U"цэ"}, {U'Ч', U"чэ"}, {U'Ш', U"ша"}, {U'Щ', U"ща"},
        {U'Ъ', U""},   {U'Ы', U"ы"},  {U'Ь', U""},   {U'Э', U"э"},  {U'Ю', U"ю"},  {U'Я', U"я"}};
    for (auto& [k, v] : names)
        if (k == c) return v;
    return U"";
}
// "АЗС" -> "а-зэ-эс": how letter abbreviations are said.
U spell(const U& abbr) {
    U out;
    for (char32_t c : abbr) {
        U n = letterName(c);
        if (n.empty()) continue;
        if (!out.empty()) out += U'-';
        out += n;
    }
    return out;
}

enum class Kind {
    Letters,   // spelled: "а-зэ-эс" (or `say` when given); a written ending is appended
    Word,      // read as a word, lower-cased; a written ending is appended
    Phrase,    // expanded: Kyrgyz `say` + `last` inflected; Russian `forms` by case
    Possessive // Kyrgyz: `say` + `last` with the 3rd-person possessive ("жогорку окуу жайы")
};
struct Abbr {
    const char32_t* abbr;
    Kind kind;
    const char32_t* say = U""; // Letters: the spoken form when not spelled; Phrase/Possessive (ky): head
    const char32_t* last = U"";
    const char32_t* forms[6] = {}; // Russian Phrase: nom gen dat acc ins prep
};

// Kyrgyz: ЖОЖ and ЖРТ are expanded (the case ending moves to the expansion); word-like abbreviations are
// read as words; the rest are spelled as Kyrgyz speakers say them.
const std::vector<Abbr>& kyAbbr() {
    static const std::vector<Abbr> t = {
        {U"ЖОЖ", Kind::Possessive, U"жогорку окуу", U"жай"},
        {U"ЖРТ", Kind::Phrase, U"жалпы республикалык", U"тестирлөө"},
        {U"ОРТ", Kind::Phrase, U"жалпы республикалык", U"тестирлөө"},
        {U"КР", Kind::Possessive, U"Кыргыз", U"Республика"},
        {U"ИТ", Kind::Letters, U"ай-ти"},
        {U"ГЭС", Kind::Word},
        {U"ФАП", Kind::Word},
        {U"ЛЭП", Kind::Word},
        {U"АЗС", Kind::Letters},
        {U"ЧПУ", Kind::Letters},
        {U"СТО", Kind::Letters},
        {U"ОТК", Kind::Letters},
        {U"ЭВМ", Kind::Letters},
        {U"СММ", Kind::Letters},
        {U"МЧС", Kind::Letters},
        {U"ПГС", Kind::Letters},
        {U"ПК", Kind::Letters},
        {U"АКШ", Kind::Letters, U"а-ка-ша"},
    };
    return t;
}

// Russian: ОРТ and КР are expanded in the case the preposition in front asks for; the rest as spoken.
const std::vector<Abbr>& ruAbbr() {
    static const std::vector<Abbr> t = {
        {U"ОРТ",
         Kind::Phrase,
         U"",
         U"",
         {U"общереспубликанское тестирование", U"общереспубликанского тестирования",
          U"общереспубликанскому тестированию", U"общереспубликанское тестирование",
          U"общереспубликанским тестированием", U"общереспубликанском тестировании"}},
        {U"КР",
         Kind::Phrase,
         U"",
         U"",
         {U"Кыргызская Республика", U"Кыргызской Республики", U"Кыргызской Республике",
          U"Кыргызскую Республику", U"Кыргызской Республикой", U"Кыргызской Республике"}},
        {U"ИТ", Kind::Letters, U"ай-ти"},
        {U"ВУЗ", Kind::Word},
        {U"ГЭС", Kind::Word},
        {U"ФАП", Kind::Word},
        {U"ЛЭП", Kind::Word},
        {U"ЖОЖ", Kind::Word}, // a Kyrgyz word in Russian text: "жож"
        {U"АЗС", Kind::Letters},
        {U"ЧПУ", Kind::Letters},
        {U"СТО", Kind::Letters},
        {U"ОТК", Kind::Letters},
        {U"ЭВМ", Kind::Letters},
        {U"СММ", Kind::Letters},
        {U"МЧС", Kind::Letters},
        {U"ПГС", Kind::Letters},
        {U"ПК", Kind::Letters},
        {U"ЖРТ", Kind::Letters},
        {U"США", Kind::Letters, U"сэ-шэ-а"},
    };
    return t;
}

// Dotted abbreviations (matched at a word start; "." included).
struct Dotted {
    const char32_t* from;
    const char32_t* to;
    bool canEnd = false; // may end a sentence ("и т.д."): keep the full stop when a capital follows
};
const std::vector<Dotted>& dotted(Lang l) {
    static const std::vector<Dotted> ky = {
        {U"ж.б.у.с.", U"жана башка ушул сыяктуу", true},
        {U"ж. б. у. с.", U"жана башка ушул сыяктуу", true},
        {U"ж.б.", U"жана башка", true},
        {U"ж. б.", U"жана башка", true},
        {U"б.а.", U"башкача айтканда"},
        {U"б. а.", U"башкача айтканда"},
        {U"мис.", U"мисалы"},
        {U"Мис.", U"Мисалы"},
        {U"көч.", U"көчөсү", true},
    };
    static const std::vector<Dotted> ru = {
        {U"т.е.", U"то есть"},
        {U"т. е.", U"то есть"},
        {U"т.д.", U"так далее", true},
        {U"т. д.", U"так далее", true},
        {U"т.п.", U"тому подобное", true},
        {U"т. п.", U"тому подобное", true},
        {U"др.", U"другие", true},
        {U"напр.", U"например"},
        {U"Напр.", U"Например"},
        {U"ул.", U"улица"},
    };
    return l == Lang::ky ? ky : ru;
}

// ----- passes -----

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
U symbols(const U& src, Lang lang) {
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
                out += U'-'; // a range: "15–18"
            else
                out += U", ";
        } else if (c == 0x2026)
            out += U". ";
        else if (c == U'~' || c == 0x2248)
            out += lang == Lang::ky ? U" болжол менен " : U" примерно ";
        else if (c == 0x2116)
            out += U" номер ";
        else if (c == U'&')
            out += lang == Lang::ky ? U" жана " : U" и ";
        else if (c == U'/') {
            if (isDigit(nonSpace(i, -1)) && isDigit(nonSpace(i, +1)))
                out += lang == Lang::ky ? U", жалпы " : U", всего ";
            else
                out += lang == Lang::ky ? U" же " : U" или ";
        } else if (in(c, U"#*_=<>|\\^{}[]@$+"))
            out += U' ';
        else if ((c >= 0x2190 && c <= 0x21FF) || (c >= 0x2300 && c <= 0x23FF) ||
                 (c >= 0x2500 && c <= 0x27BF) || (c >= 0x2900 && c <= 0x2BFF) ||
                 (c >= 0x1F000 && c <= 0x1FAFF) || (c >= 0xE000 && c <= 0xF8FF))
            out += U' '; // arrows, technical, box drawing, geometric shapes, dingbats (✓), emoji, private use
        else
            out += c;
    }
    return out;
}

// Pass 2: words and numbers.
U words(const U& t, Lang lang) {
    U out;
    const size_t n = t.size();
    size_t i = 0;
    auto lowerRun = [&](size_t k) {
        size_t e = k;
        while (e < n && isLowerCyr(t[e])) ++e;
        return e;
    };
    while (i < n) {
        char32_t c = t[i];
        bool atStart = i == 0 || !isWordChar(t[i - 1]);

        // dotted abbreviations
        if (atStart && isLetter(c)) {
            bool done = false;
            for (auto& d : dotted(lang)) {
                U from = d.from;
                if (!startsWith(t, i, from) || (i + from.size() < n && isLetter(t[i + from.size()])))
                    continue;
                if (U(d.from) == U"др." && prevWord(out) != U"и") continue; // "и др." only
                out += d.to;
                i += from.size();
                if (d.canEnd && sentenceEndsAt(t, i)) out += U'.';
                done = true;
                break;
            }
            if (done) continue;
            // "г. Бишкек" (город), "Бишкек ш." (шаары)
            if (lang == Lang::ru && c == U'г' && i + 1 < n && t[i + 1] == U'.') {
                size_t k = i + 2;
                while (k < n && t[k] == U' ') ++k;
                if (k < n && isUpperCyr(t[k])) {
                    out += U"город";
                    i += 2;
                    continue;
                }
            }
            if (lang == Lang::ky && c == U'ш' && i + 1 < n && t[i + 1] == U'.' && prevWordCapitalised(out)) {
                out += U"шаары";
                i += 2;
                if (sentenceEndsAt(t, i)) out += U'.';
                continue;
            }
        }

        // numbers
        if (isDigit(c) && atStart) {
            size_t j = i;
            U digits;
            while (j < n && isDigit(t[j])) digits += t[j++];
            // thousands groups: "30 000" -> "30000"
            if (digits.size() <= 3)
                while (j + 3 < n && t[j] == U' ' && isDigit(t[j + 1]) && isDigit(t[j + 2]) &&
                       isDigit(t[j + 3]) && (j + 4 >= n || !isWordChar(t[j + 4]))) {
                    digits += t.substr(j + 1, 3);
                    j += 4;
                }
            bool fraction = false;
            U number = digits;
            if (j + 1 < n && (t[j] == U',' || t[j] == U'.') && isDigit(t[j + 1])) {
                fraction = true;
                number += t[j++];
                while (j < n && isDigit(t[j])) number += t[j++];
            }
            uint64_t v = 0;
            bool small = digits.size() <= 9;
            if (small)
                for (char32_t d : digits) v = v * 10 + uint64_t(d - U'0');
            size_t k = j;
            while (k < n && t[k] == U' ') ++k;
            // percent
            if (k < n && t[k] == U'%') {
                out += number + U" " + (lang == Lang::ky ? U"пайыз" : ruPercent(v, fraction || !small));
                i = k + 1;
                continue;
            }
            if (small && !fraction && j + 1 < n && t[j] == U'-' && isLowerCyr(t[j + 1])) {
                size_t e = lowerRun(j + 1);
                U w = t.substr(j + 1, e - j - 1);
                if (lang == Lang::ky) {
                    KyCase kc;
                    bool pl;
                    if (w == U"ж" && (e >= n || !isLetter(t[e]))) { // "2026-ж."
                        out += kyOrdinal(v) + U" жылы";
                        i = e < n && t[e] == U'.' ? e + 1 : e;
                        if (e < n && t[e] == U'.' && sentenceEndsAt(t, i)) out += U'.';
                        continue;
                    }
                    if (kyParseSuffix(w, kc, pl) || w.compare(0, 6, U"жылдык") == 0) {
                        // "18-ге": a case ending, the number stays cardinal; "100-жылдык": an anniversary
                        out += number + U"-" + w;
                        i = e;
                        continue;
                    }
                    bool marker =
                        w.size() <= 4 && w.size() >= 2 && in(w.back(), U"ыиуү") && w[w.size() - 2] == U'ч';
                    out += kyOrdinal(v);
                    if (!marker) out += U" " + w; // "5-класс" -> "бешинчи класс"; "5-чи" -> "бешинчи"
                    i = e;
                    continue;
                }
                RuForm f;
                if (v >= 1 && v <= 9999 && (e >= n || !isLetter(t[e])) && ruFormFromEnding(w, v, f)) {
                    out += ruOrdinal(v, f);
                    i = e;
                    continue;
                }
            }
            if (small && !fraction && lang == Lang::ky && k + 1 < n && t[k] == U'ж' && t[k + 1] == U'.' &&
                (k + 2 >= n || !isLetter(t[k + 2]))) { // "2026 ж."
                out += kyOrdinal(v) + U" жылы";
                i = k + 2;
                if (sentenceEndsAt(t, i)) out += U'.';
                continue;
            }
            if (small && !fraction && lang == Lang::ru && v >= 1 && v <= 9999 && k < n && t[k] == U'г') {
                size_t e = lowerRun(k);
                U w = t.substr(k, e - k);
                U pre = prevWord(out);
                RuCase pc = ruCaseAfter(pre);
                bool isYearWord = v >= 1000 && v <= 2999 && (e >= n || !isLetter(t[e]));
                if (w == U"г" && e < n && t[e] == U'.' && !(e + 1 < n && t[e + 1] == U'г')) {
                    // "г." after a number: the year, in the case of the preposition; "года" when none
                    if (pre == U"с" || pre == U"со") pc = RuCase::Gen; // "с 2020 г." = since
                    if (pre == U"по" || pre == U"за" || pre == U"на") pc = RuCase::Acc;
                    RuForm f = RuForm::MGen;
                    U noun = U"года";
                    if (pc == RuCase::Prep)
                        f = RuForm::MPrep, noun = U"году";
                    else if (pc == RuCase::Dat)
                        f = RuForm::MDat, noun = U"году";
                    else if (pc == RuCase::Acc)
                        f = RuForm::MNom, noun = U"год";
                    else if (pc == RuCase::Ins)
                        f = RuForm::MIns, noun = U"годом";
                    out += ruOrdinal(v, f) + U" " + noun;
                    i = e + 1;
                    if (sentenceEndsAt(t, i)) out += U'.';
                    continue;
                }
                if (isYearWord && (w == U"год" || w == U"года" || w == U"году" || w == U"годом")) {
                    RuForm f = w == U"год"     ? RuForm::MNom
                               : w == U"года"  ? RuForm::MGen
                               : w == U"годом" ? RuForm::MIns
                                               : (pc == RuCase::Dat ? RuForm::MDat : RuForm::MPrep);
                    out += ruOrdinal(v, f) + U" " + w;
                    i = e;
                    continue;
                }
            }
            out += number;
            i = j;
            continue;
        }

        // capitals: abbreviations
        if (isUpperCyr(c) && atStart) {
            size_t j = i;
            while (j < n && isUpperCyr(t[j])) ++j;
            U abbr = t.substr(i, j - i);
            bool single = abbr.size() == 1;
            if (single || (j < n && (isDigit(t[j]) || isLatin(t[j])))) {
                // an ordinary word (or something like "Т9"): copied whole
                size_t e = j;
                while (e < n && isWordChar(t[e])) ++e;
                out += t.substr(i, e - i);
                i = e;
                continue;
            }
            U suffix;
            size_t e = j;
            bool compound = false; // "ИТ-менеджер": the abbreviation, then the word
            if (j < n && isLowerCyr(t[j])) {
                e = lowerRun(j);
                suffix = t.substr(j, e - j);
            } else if (j + 1 < n && t[j] == U'-' && isLowerCyr(t[j + 1])) {
                size_t we = lowerRun(j + 1);
                U w = t.substr(j + 1, we - j - 1);
                KyCase kc;
                bool pl;
                if (lang == Lang::ky && kyParseSuffix(w, kc, pl))
                    suffix = w, e = we;
                else
                    compound = true;
            }
            const Abbr* a = nullptr;
            for (auto& x : lang == Lang::ky ? kyAbbr() : ruAbbr())
                if (abbr == x.abbr) a = &x;
            U said;
            if (a) {
                KyCase kc = KyCase::Nom;
                bool pl = false;
                bool parsed = lang == Lang::ky && kyParseSuffix(suffix, kc, pl);
                switch (a->kind) {
                case Kind::Letters:
                    said = (U(a->say).empty() ? spell(abbr) : U(a->say)) + suffix;
                    break;
                case Kind::Word:
                    said = lower(abbr) + suffix;
                    break;
                case Kind::Phrase:
                    if (lang == Lang::ru)
                        said = suffix.empty() ? U(a->forms[size_t(ruCaseOfAbbr(prevWord(out)))])
                                              : spell(abbr) + suffix;
                    else if (parsed) {
                        U w = a->last;
                        if (pl) w += kyPlural(w);
                        said = U(a->say) + U" " + w + kyCase(w, kc);
                    } else
                        said = spell(abbr) + suffix;
                    break;
                case Kind::Possessive:
                    said = parsed ? U(a->say) + U" " + kyPossessive(a->last, kc, pl) : spell(abbr) + suffix;
                    break;
                }
            } else {
                bool vowel = std::any_of(abbr.begin(), abbr.end(), isVowel);
                said = (abbr.size() <= 4 && !vowel) ? spell(abbr) + suffix : abbr + suffix;
            }
            out += said;
            if (compound) out += U' ';
            i = compound ? j + 1 : e;
            continue;
        }

        // any other word: copied whole (so its digits or capitals are not taken for numbers/abbreviations)
        if (isWordChar(c)) {
            size_t e = i;
            while (e < n && isWordChar(t[e])) ++e;
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

} // namespace

std::string prepareText(const std::string& utf8, Lang lang) {
    return encode(tidy(words(symbols(decode(utf8), lang), lang)));
}

// =====================================================================================================
// Synthesizer
// =====================================================================================================

// Per-Speech playback state, shared with the worker's jobs. Utterances are identified by increasing ids;
// `segs` lists the ones not yet fully played, in order, with how many of their samples sit in `ring`.
// stop() clears it: a job whose id is no longer listed aborts at its next chunk, so samples of a cancelled
// utterance never reach the ring.
struct Channel {
    struct Seg {
        uint64_t id;
        size_t samples;
        bool done; // synthesis finished (or failed)
    };
    mutable std::mutex m;
    std::condition_variable space;         // samples were pulled, or stop()
    mutable std::condition_variable avail; // samples were pushed, or an utterance finished
    std::vector<int16_t> ring;             // capacity = ring.size()
    size_t head = 0, size = 0;
    std::deque<Seg> segs;
    uint64_t nextId = 1;
    uint64_t pulled = 0; // total samples pulled (stall detection)
    std::atomic<float> volume{1.0f};
    std::atomic<int> rate{0};
    std::chrono::milliseconds stall{3000};

    Seg* find(uint64_t id) {
        for (auto& s : segs)
            if (s.id == id) return &s;
        return nullptr;
    }
    void dropFinished() { // caller holds m
        while (!segs.empty() && segs.front().done && segs.front().samples == 0) segs.pop_front();
    }
};

namespace {

struct Result {
    bool ok = false;
    std::string error;
    int sampleRate = 0;
    std::vector<int16_t> samples;
};

struct Job {
    enum class Kind { Check, Play, Collect } kind = Kind::Play;
    std::shared_ptr<Channel> ch;
    uint64_t id = 0;
    std::string text; // prepared
    std::string voice, voice2;
    int rate = 0;
    std::promise<Result> done; // Check, Collect
};

// espeak-ng global state; touched only by the worker thread that holds gEspeakOwner.
std::mutex gEspeakOwner; // held by a worker for its whole life: at most one thread ever calls espeak
bool gInitTried = false;
int gSampleRate = 0;
std::string gInitError;
std::string gVoice; // voice currently set ("" unknown)
int gRate = -1;

// The job being synthesised, for the espeak callback (runs synchronously on the worker thread).
struct Active {
    Job* job = nullptr;
    std::vector<int16_t>* collect = nullptr;
    const std::atomic<bool>* quit = nullptr;
    bool aborted = false;
};
Active* gActive = nullptr;

} // namespace

class Engine {
  public:
    Engine() : thread_([this] { run(); }) {}
    ~Engine() {
        {
            std::lock_guard<std::mutex> lk(m_);
            quit_ = true;
        }
        cv_.notify_all();
        thread_.join();
    }
    void submit(Job j) {
        {
            std::lock_guard<std::mutex> lk(m_);
            q_.push_back(std::move(j));
        }
        cv_.notify_all();
    }
    // Drops queued playback jobs of `ch` (their utterances were cleared by stop()).
    void cancel(const Channel* ch) {
        std::lock_guard<std::mutex> lk(m_);
        q_.erase(std::remove_if(q_.begin(), q_.end(),
                                [&](const Job& j) { return j.kind == Job::Kind::Play && j.ch.get() == ch; }),
                 q_.end());
    }

  private:
    void run();
    void process(Job& j);
    std::mutex m_;
    std::condition_variable cv_;
    std::deque<Job> q_;
    std::atomic<bool> quit_{false};
    std::thread thread_;
};

namespace {

std::mutex gRegistry;
std::weak_ptr<Engine> gEngine;

std::shared_ptr<Engine> sharedEngine() {
    std::lock_guard<std::mutex> lk(gRegistry);
    auto e = gEngine.lock();
    if (!e) {
        e = std::make_shared<Engine>();
        gEngine = e;
    }
    return e;
}

// Pushes a chunk of the active utterance into its channel, waiting for room. false: abort synthesis
// (the utterance was stopped, the engine quits, or nobody has pulled audio for `stall`).
bool pushChunk(Active& a, const short* wav, size_t count) {
    Channel& ch = *a.job->ch;
    std::unique_lock<std::mutex> lk(ch.m);
    auto lastProgress = std::chrono::steady_clock::now();
    uint64_t lastPulled = ch.pulled;
    const size_t cap = ch.ring.size();
    while (ch.size + count > cap && ch.size > 0) {
        if (!ch.find(a.job->id) || *a.quit) return false;
        ch.space.wait_for(lk, std::chrono::milliseconds(50));
        auto now = std::chrono::steady_clock::now();
        if (ch.pulled != lastPulled)
            lastPulled = ch.pulled, lastProgress = now;
        else if (now - lastProgress > ch.stall) {
            if (auto* s = ch.find(a.job->id)) s->done = true; // what was buffered may still be pulled
            ch.dropFinished();
            return false;
        }
    }
    Channel::Seg* seg = ch.find(a.job->id);
    if (!seg) return false;
    count = std::min(count, cap - ch.size);
    for (size_t k = 0; k < count; ++k) ch.ring[(ch.head + ch.size + k) % cap] = wav[k];
    ch.size += count;
    seg->samples += count;
    lk.unlock();
    ch.avail.notify_all();
    return true;
}

int synthCallback(short* wav, int numsamples, espeak_EVENT*) {
    Active* a = gActive;
    if (!a || a->aborted) return 1;
    if (*a->quit) return a->aborted = true, 1;
    if (!wav || numsamples <= 0) return 0;
    if (a->collect) {
        a->collect->insert(a->collect->end(), wav, wav + numsamples);
        return 0;
    }
    if (!pushChunk(*a, wav, size_t(numsamples))) return a->aborted = true, 1;
    return 0;
}

bool setVoice(const std::string& name) {
    if (name == gVoice) return true;
    if (espeak_SetVoiceByName(name.c_str()) != EE_OK) {
        gVoice.clear();
        return false;
    }
    gVoice = name;
    gRate = -1; // a voice change resets the parameters
    return true;
}
void setRate(int rate) {
    int r = rate > 0 ? std::clamp(rate, int(espeakRATE_MINIMUM), int(espeakRATE_MAXIMUM)) : espeakRATE_NORMAL;
    if (r == gRate) return;
    espeak_SetParameter(espeakRATE, r, 0);
    gRate = r;
}

// espeak_Synth of prepared UTF-8 text through the callback into `a`. Empty text is fine.
espeak_ERROR synthText(const std::string& text, Active& a) {
    gActive = &a;
    espeak_ERROR e =
        espeak_Synth(text.c_str(), text.size() + 1, 0, POS_CHARACTER, 0, espeakCHARS_UTF8, nullptr, nullptr);
    gActive = nullptr;
    return e;
}

} // namespace

void Engine::run() {
    std::lock_guard<std::mutex> owner(gEspeakOwner);
    if (!gInitTried) {
        gInitTried = true;
        // DONT_EXIT: without it espeak-ng calls exit() when its data is missing.
        int sr = espeak_Initialize(AUDIO_OUTPUT_SYNCHRONOUS, 100, nullptr, espeakINITIALIZE_DONT_EXIT);
        if (sr <= 0)
            gInitError = "espeak-ng could not be initialised (is espeak-ng-data installed?)";
        else {
            gSampleRate = sr;
            espeak_SetSynthCallback(synthCallback);
        }
    }
    for (;;) {
        Job job;
        {
            std::unique_lock<std::mutex> lk(m_);
            cv_.wait(lk, [&] { return quit_ || !q_.empty(); });
            if (quit_) {
                for (auto& j : q_)
                    if (j.kind != Job::Kind::Play)
                        j.done.set_value(Result{false, "speech engine stopped", 0, {}});
                q_.clear();
                return;
            }
            job = std::move(q_.front());
            q_.pop_front();
        }
        process(job);
    }
}

void Engine::process(Job& j) {
    Result r;
    r.sampleRate = gSampleRate;
    if (!gInitError.empty()) r.error = gInitError;
    std::vector<int16_t> probe;
    Active a;
    a.job = &j;
    a.quit = &quit_;
    switch (j.kind) {
    case Job::Kind::Check:
        // Both voices must load and actually produce audio.
        for (const std::string* v : {&j.voice, &j.voice2}) {
            if (!r.error.empty()) break;
            if (!setVoice(*v)) {
                r.error = "espeak-ng voice '" + *v + "' not found (package espeak-ng-data)";
                break;
            }
            setRate(0);
            probe.clear();
            a.collect = &probe;
            a.aborted = false;
            if (synthText("а", a) != EE_OK || probe.empty())
                r.error = "espeak-ng voice '" + *v + "' produced no audio";
        }
        r.ok = r.error.empty();
        j.done.set_value(std::move(r));
        return;
    case Job::Kind::Collect:
        if (r.error.empty() && !setVoice(j.voice)) r.error = "espeak-ng voice '" + j.voice + "' not found";
        if (r.error.empty()) {
            setRate(j.rate);
            a.collect = &r.samples;
            if (synthText(j.text, a) != EE_OK)
                r.error = "espeak-ng synthesis failed";
            else if (a.aborted)
                r.error = "speech engine stopped";
        }
        r.ok = r.error.empty();
        if (!r.ok) r.samples.clear();
        j.done.set_value(std::move(r));
        return;
    case Job::Kind::Play: {
        Channel& ch = *j.ch;
        bool live;
        {
            std::lock_guard<std::mutex> lk(ch.m);
            live = ch.find(j.id) != nullptr;
        }
        if (live && r.error.empty() && setVoice(j.voice)) {
            setRate(j.rate);
            synthText(j.text, a);
        }
        {
            std::lock_guard<std::mutex> lk(ch.m);
            if (auto* s = ch.find(j.id)) s->done = true;
            ch.dropFinished();
        }
        ch.avail.notify_all();
        return;
    }
    }
}

Speech::Speech(Options opt) : opt_(std::move(opt)) {
    ch_ = std::make_shared<Channel>();
    ch_->rate = opt_.rate;
    ch_->stall = std::chrono::milliseconds(std::max(opt_.stallMs, 100));
    engine_ = sharedEngine();
    Job j;
    j.kind = Job::Kind::Check;
    j.voice = opt_.voiceKy;
    j.voice2 = opt_.voiceRu;
    auto f = j.done.get_future();
    engine_->submit(std::move(j));
    if (f.wait_for(std::chrono::seconds(20)) != std::future_status::ready) {
        problem_ = "espeak-ng did not start within 20 s";
        return;
    }
    Result r = f.get();
    ok_ = r.ok;
    problem_ = r.error;
    sampleRate_ = r.ok ? r.sampleRate : 0;
    size_t cap = size_t(std::max(sampleRate_, 8000)) * size_t(std::max(opt_.maxBufferedMs, 500)) / 1000;
    std::lock_guard<std::mutex> lk(ch_->m);
    ch_->ring.assign(cap, 0);
}

Speech::~Speech() {
    stop();
}

uint64_t Speech::say(const std::string& text, Lang lang) {
    if (!ok_) return 0;
    std::string prepared = prepareText(text, lang);
    if (prepared.empty()) return 0;
    Job j;
    j.kind = Job::Kind::Play;
    j.ch = ch_;
    j.text = std::move(prepared);
    j.voice = lang == Lang::ky ? opt_.voiceKy : opt_.voiceRu;
    j.rate = ch_->rate;
    {
        std::lock_guard<std::mutex> lk(ch_->m);
        j.id = ch_->nextId++;
        ch_->segs.push_back({j.id, 0, false});
    }
    uint64_t id = j.id;
    engine_->submit(std::move(j));
    return id;
}

void Speech::stop() {
    {
        std::lock_guard<std::mutex> lk(ch_->m);
        ch_->segs.clear();
        ch_->head = ch_->size = 0;
    }
    ch_->space.notify_all();
    ch_->avail.notify_all();
    if (engine_) engine_->cancel(ch_.get());
}

bool Speech::busy() const {
    std::lock_guard<std::mutex> lk(ch_->m);
    return !ch_->segs.empty();
}

uint64_t Speech::current() const {
    std::lock_guard<std::mutex> lk(ch_->m);
    return ch_->segs.empty() ? 0 : ch_->segs.front().id;
}

size_t Speech::pullSamples(int16_t* out, size_t max) {
    Channel& ch = *ch_;
    size_t k;
    {
        std::lock_guard<std::mutex> lk(ch.m);
        k = std::min(max, ch.size);
        const size_t cap = ch.ring.size();
        const float vol = ch.volume.load();
        for (size_t i = 0; i < k; ++i) {
            int16_t s = ch.ring[(ch.head + i) % cap];
            out[i] = vol >= 0.999f ? s : int16_t(std::lround(float(s) * vol));
        }
        if (cap) ch.head = (ch.head + k) % cap;
        ch.size -= k;
        ch.pulled += k;
        size_t left = k;
        for (auto& s : ch.segs) { // the ring holds the segments' samples in order
            size_t take = std::min(left, s.samples);
            s.samples -= take;
            left -= take;
            if (!left) break;
        }
        ch.dropFinished();
    }
    if (k) ch.space.notify_all();
    return k;
}

bool Speech::waitForAudio(std::chrono::milliseconds timeout) const {
    std::unique_lock<std::mutex> lk(ch_->m);
    ch_->avail.wait_for(lk, timeout, [&] { return ch_->size > 0 || ch_->segs.empty(); });
    return ch_->size > 0;
}

void Speech::setVolume(float v) {
    ch_->volume = std::clamp(v, 0.0f, 1.0f);
}
float Speech::volume() const {
    return ch_->volume;
}
void Speech::setRate(int wordsPerMinute) {
    ch_->rate = std::max(0, wordsPerMinute);
}

std::vector<int16_t> Speech::synthesize(const std::string& text, Lang lang, std::string* error) {
    if (!ok_) {
        if (error) *error = problem_;
        return {};
    }
    Job j;
    j.kind = Job::Kind::Collect;
    j.text = prepareText(text, lang);
    j.voice = lang == Lang::ky ? opt_.voiceKy : opt_.voiceRu;
    j.rate = ch_->rate;
    auto f = j.done.get_future();
    engine_->submit(std::move(j));
    Result r = f.get();
    if (error) *error = r.error;
    return std::move(r.samples);
}

std::vector<int16_t> synthesizeAll(const std::string& text, Lang lang) {
    Speech s;
    return s.synthesize(text, lang);
}

double msToFirstSample(Speech& s, const std::string& text, Lang lang) {
    if (!s.ok()) return -1;
    s.stop();
    auto t0 = std::chrono::steady_clock::now();
    if (!s.say(text, lang)) return -1;
    bool got = s.waitForAudio(std::chrono::seconds(10));
    auto t1 = std::chrono::steady_clock::now();
    s.stop();
    return got ? std::chrono::duration<double, std::milli>(t1 - t0).count() : -1;
}

} // namespace kesip::speech
