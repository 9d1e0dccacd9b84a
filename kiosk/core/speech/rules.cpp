#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>
#include <mutex>
#include <stdexcept>

#include "speech/text.hpp"
#include "util/paths.hpp"
#include "util/utf8.hpp"

// Loading assets/speech/rules.json (its schema is described in the file) into detail::Rules.
namespace kesip::speech::detail {

namespace {

constexpr const char* kKyCaseNames[] = {"nom", "gen", "dat", "acc", "loc", "abl", "locAttr"};
constexpr const char* kRuCaseNames[] = {"nom", "gen", "dat", "acc", "ins", "prep"};
constexpr const char* kRuFormNames[] = {"mNom", "mGen", "mDat",  "mIns",  "mPrep", "fNom",
                                        "fAcc", "nNom", "plNom", "plGen", "plIns"};

using nlohmann::json;

U str(const json& j) {
    return utf8::decode(j.get<std::string>());
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
        require(x.abbr.size() >= 2, "abbreviation '" + utf8::encode(x.abbr) + "': at least 2 letters");
        if (x.kind == Kind::Phrase || x.kind == Kind::Possessive)
            require(ru ? a.contains("forms") : !x.last.empty(), "abbreviation '" + utf8::encode(x.abbr) +
                                                                    "': " + (ru ? "'forms'" : "'last'") +
                                                                    " missing");
        require(std::all_of(x.abbr.begin(), x.abbr.end(), isUpperCyr),
                "abbreviation '" + utf8::encode(x.abbr) + "': capital Cyrillic letters only");
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
        require(v.size() <= 1, "placeholder value '" + utf8::encode(v) + "': one letter at most");
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
                        "ending '" + utf8::encode(u) + "': undefined placeholder");
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
    for (const auto& [k, v] : n.at("ordinals").items()) K.ordinals.emplace_back(utf8::decode(k), str(v));
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
        R.yearPrepositionCase.emplace_back(utf8::decode(k), ruCase(v.get<std::string>()));
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

struct RulesState {
    std::mutex m;
    std::string path; // "" : the default
    std::shared_ptr<const Rules> rules;
};
RulesState& rulesState() {
    static RulesState s;
    return s;
}

} // namespace

Rules parseRules(const std::string& text) {
    const json j = json::parse(text);
    Rules r;
    const json& a = j.at("alphabet");
    r.vowels = str(a.at("vowels"));
    for (const auto& [k, v] : a.at("letterNames").items()) {
        U key = utf8::decode(k);
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

void resetRules(const std::string& path) {
    RulesState& s = rulesState();
    std::lock_guard<std::mutex> lk(s.m);
    s.path = path;
    s.rules.reset(); // loaded again on next use
}

} // namespace kesip::speech::detail
