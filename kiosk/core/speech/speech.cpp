#include "speech/speech.hpp"

#include <espeak-ng/speak_lib.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <atomic>
#include <cmath>
#include <condition_variable>
#include <cstdio>
#include <cstring>
#include <deque>
#include <future>
#include <mutex>
#include <stdexcept>
#include <thread>

#include "util/paths.hpp"

namespace kesip::speech {

// =====================================================================================================
// Text preparation. The language data (abbreviations, endings, number words, symbol words) lives in
// assets/speech/rules.json; see that file for its schema.
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

// Cyrillic letters by code point: U+0410..U+042F and U+0401 (Yo), and the Kyrgyz U+04A2 (Ng), U+04AE
// (straight U), U+04E8 (barred O); lower case 0x20 (basic) or 1 (Kyrgyz) above.
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
bool in(char32_t c, const U& set) {
    return set.find(c) != U::npos;
}
bool contains(const std::vector<U>& list, const U& w) {
    return std::find(list.begin(), list.end(), w) != list.end();
}
U lower(U s) {
    for (auto& c : s) c = lowerCyr(c);
    return s;
}
bool startsWith(const U& t, size_t i, const U& p) {
    return t.compare(i, p.size(), p) == 0;
}

// ----- the rules (assets/speech/rules.json) -----

enum class KyCase { Nom, Gen, Dat, Acc, Loc, Abl, LocAttr };
constexpr const char* kKyCaseNames[] = {"nom", "gen", "dat", "acc", "loc", "abl", "locAttr"};
enum class RuCase { Nom, Gen, Dat, Acc, Ins, Prep };
constexpr const char* kRuCaseNames[] = {"nom", "gen", "dat", "acc", "ins", "prep"};
enum class RuForm { MNom, MGen, MDat, MIns, MPrep, FNom, FAcc, NNom, PlNom, PlGen, PlIns };
constexpr const char* kRuFormNames[] = {"mNom", "mGen", "mDat",  "mIns",  "mPrep", "fNom",
                                        "fAcc", "nNom", "plNom", "plGen", "plIns"};

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

using nlohmann::json;

U str(const json& j) {
    return decode(j.get<std::string>());
}
U opt(const json& j, const char* key) {
    auto it = j.find(key);
    return it == j.end() ? U() : str(*it);
}
std::vector<U> strList(const json& j) {
    std::vector<U> out;
    for (const auto& x : j) out.push_back(str(x));
    return out;
}
void require(bool cond, const std::string& what) {
    if (!cond) throw std::runtime_error(what);
}
template <size_t N> size_t indexOf(const char* const (&names)[N], const std::string& name, const char* what) {
    for (size_t i = 0; i < N; ++i)
        if (name == names[i]) return i;
    throw std::runtime_error(std::string("unknown ") + what + " '" + name + "'");
}
RuForm ruForm(const json& j) {
    return RuForm(indexOf(kRuFormNames, j.get<std::string>(), "Russian ordinal form"));
}
RuCase ruCase(const std::string& s) {
    return RuCase(indexOf(kRuCaseNames, s, "Russian case"));
}

void loadLang(const json& j, LangRules& L, bool ru) {
    for (const auto& a : j.at("abbreviations")) {
        Abbr x;
        x.abbr = str(a.at("abbr"));
        const std::string kind = a.at("kind").get<std::string>();
        static const char* const kinds[] = {"letters", "word", "phrase", "possessive"};
        x.kind = Kind(indexOf(kinds, kind, "abbreviation kind"));
        x.say = opt(a, "say");
        x.last = opt(a, "last");
        if (a.contains("forms"))
            for (size_t c = 0; c < 6; ++c) x.forms[c] = str(a.at("forms").at(kRuCaseNames[c]));
        require(x.abbr.size() >= 2, "abbreviation '" + encode(x.abbr) + "': at least 2 letters");
        if (x.kind == Kind::Phrase || x.kind == Kind::Possessive)
            require(ru ? a.contains("forms") : !x.last.empty(),
                    "abbreviation '" + encode(x.abbr) + "': " + (ru ? "'forms'" : "'last'") + " missing");
        require(std::all_of(x.abbr.begin(), x.abbr.end(), isUpperCyr),
                "abbreviation '" + encode(x.abbr) + "': capital Cyrillic letters only");
        L.abbr.push_back(std::move(x));
    }
    for (const auto& d : j.at("dotted")) {
        Dotted x{str(d.at("from")), str(d.at("to")), d.value("canEnd", false), opt(d, "onlyAfter")};
        require(!x.from.empty(), "dotted: empty 'from'");
        L.dotted.push_back(std::move(x));
    }
    if (j.contains("townBeforeName"))
        L.townBefore = {str(j["townBeforeName"].at("abbr")), str(j["townBeforeName"].at("say"))};
    if (j.contains("townAfterName"))
        L.townAfter = {str(j["townAfterName"].at("abbr")), str(j["townAfterName"].at("say"))};
    for (const auto& [k, v] : j.at("percent").items()) L.percent.emplace_back(k, str(v));
    const json& s = j.at("symbols");
    L.approximately = str(s.at("approximately"));
    L.numero = str(s.at("number"));
    L.conjAnd = str(s.at("and"));
    L.outOf = str(s.at("outOf"));
    L.conjOr = str(s.at("or"));
}

void loadKy(const json& j, KyRules& K) {
    const json& m = j.at("morphology");
    K.voiceless = str(m.at("voiceless"));
    auto addMatch = [](Placeholder& p, const U& v) {
        require(v.size() <= 1, "placeholder value '" + encode(v) + "': one letter at most");
        if (!v.empty() && !in(v[0], p.matches)) p.matches += v[0];
    };
    for (const auto& [name, pj] : m.at("placeholders").items()) {
        require(name.size() == 1 && name[0] >= 'A' && name[0] <= 'Z', "placeholder '" + name + "': A-Z");
        Placeholder p;
        if (pj.contains("harmony")) {
            p.harmony = true;
            for (const auto& g : pj["harmony"]) p.groups.emplace_back(str(g.at(0)), str(g.at(1)));
            p.fallback = str(pj.at("default"));
            for (auto& g : p.groups) addMatch(p, g.second);
            addMatch(p, p.fallback);
        } else {
            const json& s = pj.at("sound");
            p.vowel = str(s.at("vowel"));
            p.voiced = str(s.at("voiced"));
            p.voiceless = str(s.at("voiceless"));
            if (pj.contains("afterLetters"))
                for (const auto& g : pj["afterLetters"])
                    p.afterLetters.emplace_back(str(g.at(0)), str(g.at(1)));
            for (const U* v : {&p.vowel, &p.voiced, &p.voiceless}) addMatch(p, *v);
            for (auto& g : p.afterLetters) addMatch(p, g.second);
        }
        K.placeholders.emplace_back(char32_t(name[0]), std::move(p));
    }
    auto tmpl = [&](const json& t) {
        U u = str(t);
        for (char32_t c : u)
            if (c >= 'A' && c <= 'Z')
                require(std::any_of(K.placeholders.begin(), K.placeholders.end(),
                                    [&](const auto& p) { return p.first == c; }),
                        "ending '" + encode(u) + "': undefined placeholder");
        return u;
    };
    K.plural = tmpl(m.at("plural"));
    K.possessive = tmpl(m.at("possessive"));
    for (size_t c = 0; c < 7; ++c) {
        K.cases[c] = tmpl(m.at("cases").at(kKyCaseNames[c]));
        K.possessiveCases[c] = tmpl(m.at("possessiveCases").at(kKyCaseNames[c]));
    }
    const json& n = j.at("numbers");
    K.units = strList(n.at("units"));
    K.tens = strList(n.at("tens"));
    require(K.units.size() == 9 && K.tens.size() == 9, "numbers: 9 units and 9 tens");
    K.zero = str(n.at("zero"));
    K.hundred = str(n.at("hundred"));
    K.thousand = str(n.at("thousand"));
    K.million = str(n.at("million"));
    for (const auto& [k, v] : n.at("ordinals").items()) K.ordinals.emplace_back(decode(k), str(v));
    K.yearAbbr = str(n.at("yearAbbr"));
    K.yearWord = str(n.at("yearWord"));
    K.anniversaryPrefix = str(n.at("anniversaryPrefix"));
    K.markerEnd = tmpl(n.at("ordinalMarker").at("endsWith"));
    K.markerMax = n.at("ordinalMarker").at("maxLength").get<size_t>();
    require(!K.yearAbbr.empty() && !K.anniversaryPrefix.empty() && !K.markerEnd.empty(),
            "numbers: empty yearAbbr, anniversaryPrefix or ordinalMarker");
}

void loadRu(const json& j, RuRules& R) {
    for (size_t c = 1; c < 6; ++c) {
        auto it = j.at("prepositions").find(kRuCaseNames[c]);
        if (it != j.at("prepositions").end()) R.prepositions[c] = strList(*it);
    }
    R.nominativeAfter = strList(j.at("abbreviationCase").at("nominativeAfter"));
    R.verbEndings = strList(j.at("abbreviationCase").at("verbEndings"));
    const json& o = j.at("ordinals");
    auto stems = [&](const char* key, size_t count) {
        std::vector<RuRules::Stem> out;
        static const char* const decls[] = {"hard", "stressed", "soft"};
        for (const auto& s : o.at(key))
            out.push_back({str(s.at(0)), int(indexOf(decls, s.at(1).get<std::string>(), "declension"))});
        require(out.size() == count, std::string("ordinals: ") + key + " needs " + std::to_string(count));
        return out;
    };
    R.units = stems("units", 20);
    R.tens = stems("tens", 10);
    R.hundreds = stems("hundreds", 10);
    R.thousands = stems("thousands", 10);
    R.cardTens = strList(o.at("cardinalTens"));
    R.cardHundreds = strList(o.at("cardinalHundreds"));
    R.cardThousands = strList(o.at("cardinalThousands"));
    require(R.cardTens.size() == 10 && R.cardHundreds.size() == 10 && R.cardThousands.size() == 10,
            "ordinals: 10 cardinal tens, hundreds and thousands");
    const json& e = o.at("endings");
    for (size_t f = 0; f < 11; ++f) {
        R.hard[f] = str(e.at("hard").at(kRuFormNames[f]));
        R.soft[f] = str(e.at("soft").at(kRuFormNames[f]));
        if (e.contains("stressed")) R.stressed[f] = opt(e["stressed"], kRuFormNames[f]);
    }
    for (const auto& w : o.at("written")) {
        RuRules::Written x;
        x.endings = strList(w.at("endings"));
        x.form = ruForm(w.at("form"));
        if (w.contains("formAfterTens")) x.hasAfterTens = true, x.formAfterTens = ruForm(w["formAfterTens"]);
        R.written.push_back(std::move(x));
    }
    const json& y = j.at("years");
    R.yearAbbr = str(y.at("abbr"));
    require(!R.yearAbbr.empty(), "years: empty abbr");
    for (const auto& [k, v] : y.at("prepositionCase").items())
        R.yearPrepositionCase.emplace_back(decode(k), ruCase(v.get<std::string>()));
    for (size_t c = 0; c < 6; ++c) {
        const json& b = y.at("abbrByCase").at(kRuCaseNames[c]);
        R.yearByCase[c] = {ruForm(b.at("form")), str(b.at("noun"))};
    }
    for (const auto& w : y.at("words")) {
        RuRules::YearWord x;
        x.word = str(w.at("word"));
        x.form = ruForm(w.at("form"));
        if (w.contains("formByCase"))
            for (const auto& [k, v] : w["formByCase"].items()) x.byCase.emplace_back(ruCase(k), ruForm(v));
        R.yearWords.push_back(std::move(x));
    }
}

// Throws on a missing key, a value of the wrong type or a table of the wrong size.
Rules parseRules(const std::string& text) {
    const json j = json::parse(text);
    Rules r;
    const json& a = j.at("alphabet");
    r.vowels = str(a.at("vowels"));
    for (const auto& [k, v] : a.at("letterNames").items()) {
        U key = decode(k);
        require(key.size() == 1 && isUpperCyr(key[0]), "letterNames: '" + k + "' is not one capital letter");
        r.letterNames.emplace_back(key[0], str(v));
    }
    loadLang(j.at("ky"), r.lang[0], false);
    loadLang(j.at("ru"), r.lang[1], true);
    loadKy(j.at("ky"), r.ky);
    loadRu(j.at("ru"), r.ru);
    r.ok = true;
    return r;
}

struct RulesState {
    std::mutex m;
    std::string path; // "" : the default
    std::shared_ptr<const Rules> rules;
};
RulesState& rulesState() {
    static RulesState s;
    return s;
}

// The rules, loaded on first use (and again after setRulesPath). A missing or broken file is reported
// once on stderr; the text is then only cleaned up.
std::shared_ptr<const Rules> currentRules() {
    RulesState& s = rulesState();
    std::lock_guard<std::mutex> lk(s.m);
    if (s.rules) return s.rules;
    const std::string path = s.path.empty() ? findResourceDir({}) + "/speech/rules.json" : s.path;
    auto r = std::make_shared<Rules>();
    std::string text, error;
    if (!readFile(path, text))
        error = "cannot be read";
    else
        try {
            *r = parseRules(text);
        } catch (const std::exception& e) {
            *r = Rules{};
            error = e.what();
        }
    if (!error.empty())
        std::fprintf(stderr, "kesip: speech rules %s: %s (read-aloud text is not expanded)\n", path.c_str(),
                     error.c_str());
    s.rules = std::move(r);
    return s.rules;
}

bool isVowel(const Rules& R, char32_t c) {
    return in(lowerCyr(c), R.vowels);
}

// ----- Kyrgyz morphology: just enough to move a case ending from an abbreviation to its expansion -----

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

// ----- numbers -----

void kyBelowThousand(const Rules& R, uint64_t n, std::vector<U>& w) {
    if (n / 100) {
        if (n / 100 > 1) w.push_back(R.ky.units[n / 100 - 1]);
        w.push_back(R.ky.hundred);
    }
    if (n % 100 >= 10) w.push_back(R.ky.tens[n % 100 / 10 - 1]);
    if (n % 10) w.push_back(R.ky.units[n % 10 - 1]);
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

// ----- abbreviations -----

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
        } else if (in(c, U"#*_=<>|\\^{}[]@$+"))
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

// Pass 2: words and numbers. Without rules only thousands groups are joined.
U words(const Rules& R, const U& t, Lang lang) {
    const LangRules& L = R.of(lang);
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
        if (R.ok && atStart && isLetter(c)) {
            bool done = false;
            for (auto& d : L.dotted) {
                const U& from = d.from;
                if (!startsWith(t, i, from) || (i + from.size() < n && isLetter(t[i + from.size()])))
                    continue;
                if (!d.onlyAfter.empty() && prevWord(out) != d.onlyAfter) continue;
                out += d.to;
                i += from.size();
                if (d.canEnd && sentenceEndsAt(t, i)) out += U'.';
                done = true;
                break;
            }
            if (done) continue;
            // a town abbreviation before a capitalised name ...
            if (const U& a = L.townBefore.abbr; !a.empty() && startsWith(t, i, a + U".")) {
                size_t k = i + a.size() + 1;
                while (k < n && t[k] == U' ') ++k;
                if (k < n && isUpperCyr(t[k])) {
                    out += L.townBefore.say;
                    i += a.size() + 1;
                    continue;
                }
            }
            // ... or after it
            if (const U& a = L.townAfter.abbr;
                !a.empty() && startsWith(t, i, a + U".") && prevWordCapitalised(out)) {
                out += L.townAfter.say;
                i += a.size() + 1;
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
            if (k < n && t[k] == U'%' && R.ok) {
                U word = percentWord(L, v, fraction || !small);
                if (!word.empty()) {
                    out += number + U" " + word;
                    i = k + 1;
                    continue;
                }
            }
            if (R.ok && small && !fraction && j + 1 < n && t[j] == U'-' && isLowerCyr(t[j + 1])) {
                size_t e = lowerRun(j + 1);
                U w = t.substr(j + 1, e - j - 1);
                if (lang == Lang::ky) {
                    const KyRules& K = R.ky;
                    KyCase kc;
                    bool pl;
                    if (w == K.yearAbbr && (e >= n || !isLetter(t[e]))) { // "2026-zh."
                        out += kyOrdinal(R, v) + U" " + K.yearWord;
                        i = e < n && t[e] == U'.' ? e + 1 : e;
                        if (e < n && t[e] == U'.' && sentenceEndsAt(t, i)) out += U'.';
                        continue;
                    }
                    if (kyParseSuffix(R, w, kc, pl) || startsWith(w, 0, K.anniversaryPrefix)) {
                        // a case ending: the number stays cardinal; or an anniversary ("100-zhyldyk")
                        out += number + U"-" + w;
                        i = e;
                        continue;
                    }
                    bool marker = w.size() <= K.markerMax && w.size() >= K.markerEnd.size() &&
                                  matchesAt(R, w, w.size() - K.markerEnd.size(), K.markerEnd);
                    out += kyOrdinal(R, v);
                    if (!marker) out += U" " + w; // "5-klass" -> "beshinchi klass"; "5-chi" -> "beshinchi"
                    i = e;
                    continue;
                }
                RuForm f;
                if (v >= 1 && v <= 9999 && (e >= n || !isLetter(t[e])) && ruFormFromEnding(R, w, v, f)) {
                    out += ruOrdinal(R, v, f);
                    i = e;
                    continue;
                }
            }
            if (R.ok && small && !fraction && lang == Lang::ky && startsWith(t, k, R.ky.yearAbbr + U".") &&
                (k + R.ky.yearAbbr.size() + 1 >= n || !isLetter(t[k + R.ky.yearAbbr.size() + 1]))) {
                out += kyOrdinal(R, v) + U" " + R.ky.yearWord; // "2026 zh."
                i = k + R.ky.yearAbbr.size() + 1;
                if (sentenceEndsAt(t, i)) out += U'.';
                continue;
            }
            if (R.ok && small && !fraction && lang == Lang::ru && v >= 1 && v <= 9999 && k < n) {
                const RuRules& Ru = R.ru;
                size_t e = lowerRun(k);
                U w = t.substr(k, e - k);
                U pre = prevWord(out);
                RuCase pc = ruCaseAfter(R, pre);
                bool isYearWord = v >= 1000 && v <= 2999 && (e >= n || !isLetter(t[e]));
                if (w == Ru.yearAbbr && e < n && t[e] == U'.' && !startsWith(t, e + 1, Ru.yearAbbr)) {
                    // "N g." after a number: the year, in the case of the preposition; genitive when none
                    for (auto& [p, yc] : Ru.yearPrepositionCase)
                        if (pre == p) pc = yc;
                    const auto& [f, noun] = Ru.yearByCase[size_t(pc)];
                    out += ruOrdinal(R, v, f) + U" " + noun;
                    i = e + 1;
                    if (sentenceEndsAt(t, i)) out += U'.';
                    continue;
                }
                const RuRules::YearWord* yw = nullptr;
                for (auto& x : Ru.yearWords)
                    if (w == x.word) yw = &x;
                if (isYearWord && yw) {
                    RuForm f = yw->form;
                    for (auto& [bc, bf] : yw->byCase)
                        if (pc == bc) f = bf;
                    out += ruOrdinal(R, v, f) + U" " + w;
                    i = e;
                    continue;
                }
            }
            out += number;
            i = j;
            continue;
        }

        // capitals: abbreviations
        if (R.ok && isUpperCyr(c) && atStart) {
            size_t j = i;
            while (j < n && isUpperCyr(t[j])) ++j;
            U abbr = t.substr(i, j - i);
            bool single = abbr.size() == 1;
            if (single || (j < n && (isDigit(t[j]) || isLatin(t[j])))) {
                // an ordinary word (or a letter followed by digits): copied whole
                size_t e = j;
                while (e < n && isWordChar(t[e])) ++e;
                out += t.substr(i, e - i);
                i = e;
                continue;
            }
            U suffix;
            size_t e = j;
            bool compound = false; // "IT-menedzher": the abbreviation, then the word
            if (j < n && isLowerCyr(t[j])) {
                e = lowerRun(j);
                suffix = t.substr(j, e - j);
            } else if (j + 1 < n && t[j] == U'-' && isLowerCyr(t[j + 1])) {
                size_t we = lowerRun(j + 1);
                U w = t.substr(j + 1, we - j - 1);
                KyCase kc;
                bool pl;
                if (lang == Lang::ky && kyParseSuffix(R, w, kc, pl))
                    suffix = w, e = we;
                else
                    compound = true;
            }
            const Abbr* a = nullptr;
            for (auto& x : L.abbr)
                if (abbr == x.abbr) a = &x;
            U said;
            if (a) {
                KyCase kc = KyCase::Nom;
                bool pl = false;
                bool parsed = lang == Lang::ky && kyParseSuffix(R, suffix, kc, pl);
                switch (a->kind) {
                case Kind::Letters:
                    said = (a->say.empty() ? spell(R, abbr) : a->say) + suffix;
                    break;
                case Kind::Word:
                    said = lower(abbr) + suffix;
                    break;
                case Kind::Phrase:
                    if (lang == Lang::ru)
                        said = suffix.empty() ? a->forms[size_t(ruCaseOfAbbr(R, prevWord(out)))]
                                              : spell(R, abbr) + suffix;
                    else if (parsed) {
                        U w = pl ? kyPlural(R, a->last) : a->last;
                        said = a->say + U" " + inflect(R, w, R.ky.cases[size_t(kc)]);
                    } else
                        said = spell(R, abbr) + suffix;
                    break;
                case Kind::Possessive:
                    said =
                        parsed ? a->say + U" " + kyPossessive(R, a->last, kc, pl) : spell(R, abbr) + suffix;
                    break;
                }
            } else {
                bool vowel = std::any_of(abbr.begin(), abbr.end(), [&](char32_t x) { return isVowel(R, x); });
                said = (abbr.size() <= 4 && !vowel) ? spell(R, abbr) + suffix : abbr + suffix;
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

void setRulesPath(const std::string& path) {
    RulesState& s = rulesState();
    std::lock_guard<std::mutex> lk(s.m);
    s.path = path;
    s.rules.reset(); // loaded again on next use
}

std::string prepareText(const std::string& utf8, Lang lang) {
    std::shared_ptr<const Rules> rules = currentRules();
    return encode(tidy(words(*rules, symbols(*rules, decode(utf8), lang), lang)));
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
            if (synthText("a", a) != EE_OK || probe.empty())
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
