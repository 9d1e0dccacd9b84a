// Where to study: assets/education (institutions, programmes) -> validated Content, and the lookups the
// screens use. Every problem names the file and the line of the element (or key) it is about.
#include <algorithm>
#include <ctime>
#include <filesystem>
#include <regex>
#include <set>

#include "catalog/content.hpp"
#include "catalog/source_util.hpp"

namespace kesip::catalog {

using content::Problem;
using nlohmann::json;
using namespace detail;

const std::vector<std::string>& oblastIds() {
    static const std::vector<std::string> v = {"bishkek", "osh_city",   "chui", "issyk_kul", "naryn",
                                               "talas",   "jalal_abad", "osh",  "batken"};
    return v;
}
const std::vector<std::string>& institutionKinds() {
    static const std::vector<std::string> v = {"university", "college", "lyceum", "training_centre"};
    return v;
}
const std::vector<std::string>& entryIds() {
    static const std::vector<std::string> v = {"grade9", "grade11", "degree", "any"};
    return v;
}

namespace detail {

bool realDate(const std::string& s) {
    static const std::regex re("([0-9]{4})-([0-9]{2})-([0-9]{2})");
    std::smatch m;
    if (!std::regex_match(s, m, re)) return false;
    const int y = std::stoi(m[1]), mo = std::stoi(m[2]), d = std::stoi(m[3]);
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (y < 1991 || mo < 1 || mo > 12 || d < 1) return false; // no source predates the republic
    const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return d <= days[mo - 1] + (mo == 2 && leap ? 1 : 0);
}

std::string localDate() {
    std::time_t t = std::time(nullptr);
    std::tm lt{};
    localtime_r(&t, &lt);
    char buf[16];
    std::strftime(buf, sizeof buf, "%Y-%m-%d", &lt);
    return buf;
}

} // namespace detail

namespace {

constexpr size_t kMaxName = 200, kMaxSource = 500;

bool oneOf(const std::vector<std::string>& v, const std::string& s) {
    return std::find(v.begin(), v.end(), s) != v.end();
}

std::string joined(const std::vector<std::string>& v) {
    std::string s;
    for (const auto& x : v) s += (s.empty() ? "" : ", ") + x;
    return s;
}

// Byte offset where each element of the top-level array starts: nlohmann::json keeps no positions, and
// programmes have no id to search for, so the text is scanned once (strings and nesting respected).
std::vector<size_t> elementOffsets(const std::string& text) {
    std::vector<size_t> v;
    int depth = 0;
    bool inString = false, escaped = false, expect = false;
    for (size_t i = 0; i < text.size(); ++i) {
        const char ch = text[i];
        if (inString) {
            if (escaped)
                escaped = false;
            else if (ch == '\\')
                escaped = true;
            else if (ch == '"')
                inString = false;
            continue;
        }
        if (depth == 1 && expect && !std::isspace(static_cast<unsigned char>(ch)) && ch != ']') {
            v.push_back(i);
            expect = false;
        }
        if (ch == '"') {
            inString = true;
        } else if (ch == '[' || ch == '{') {
            if (depth == 0) expect = true;
            ++depth;
        } else if (ch == ']' || ch == '}') {
            --depth;
        } else if (ch == ',' && depth == 1) {
            expect = true;
        }
    }
    return v;
}

int lineAt(const std::string& text, size_t offset) {
    int line = 1;
    for (size_t i = 0; i < offset && i < text.size(); ++i) line += text[i] == '\n';
    return line;
}

// Reads one source file's elements: sets c.line to each element's line while `each` validates it, and
// to the line of a key when a problem is about that key (see at()).
struct Elements {
    Ctx& c;
    std::vector<size_t> offsets;
    size_t current = 0;
    // The line of `key` inside the current element, else the element's line.
    int at(const char* key) const {
        if (current >= offsets.size()) return 0;
        const size_t end = current + 1 < offsets.size() ? offsets[current + 1] : c.text.size();
        const size_t p = c.text.find(std::string("\"") + key + "\"", offsets[current]);
        return lineAt(c.text, p != std::string::npos && p < end ? p : offsets[current]);
    }
    void add(const char* key, const std::string& id, const std::string& msg) {
        const int keep = c.line;
        c.line = at(key);
        c.add(id, msg);
        c.line = keep;
    }
};

// `source` and `checked`, required on every institution and programme.
void readProvenance(Elements& el, const json& o, const std::string& id, const std::string& today,
                    std::string& source, std::string& checked) {
    const json& s = o.value("source", json());
    source = s.is_string() ? s.get<std::string>() : "";
    if (source.find_first_not_of(" \t") == std::string::npos)
        el.add("source", id, "missing \"source\" (the public document or site the facts come from)");
    else if (content::utf8Length(source) > kMaxSource)
        el.add("source", id, "source: longer than " + std::to_string(kMaxSource) + " characters");
    const json& d = o.value("checked", json());
    checked = d.is_string() ? d.get<std::string>() : "";
    if (checked.empty())
        el.add("checked", id, "missing \"checked\" (the date the source was read, YYYY-MM-DD)");
    else if (!realDate(checked))
        el.add("checked", id, "checked \"" + checked + "\" is not a real date YYYY-MM-DD");
    else if (checked > today)
        el.add("checked", id, "checked " + checked + " is in the future (today is " + today + ")");
}

void unknownKeys(Elements& el, const json& o, const std::string& id, const std::vector<std::string>& keys) {
    for (auto it = o.begin(); it != o.end(); ++it)
        if (!oneOf(keys, it.key()) && it.key().rfind('_', 0) != 0)
            el.add(it.key().c_str(), id, "unknown key \"" + it.key() + "\" (expected: " + joined(keys) + ")");
}

// `months` [min, max] when present; "duration out of range" otherwise.
void readMonths(Elements& el, const json& o, const std::string& id, int& lo, int& hi) {
    if (!o.contains("months")) return;
    const json& m = o["months"];
    if (m.is_array() && m.size() == 2 && m[0].is_number_integer() && m[1].is_number_integer()) {
        lo = m[0].get<int>();
        hi = m[1].get<int>();
    }
    if (lo <= 0 || hi < lo || hi > 120) {
        el.add("months", id, "months must be [min, max] with 0 < min <= max <= 120");
        lo = hi = 0;
    }
}

std::optional<json> readArray(const std::string& path, Ctx& c, Elements& el) {
    auto j = parseFile(path, c);
    if (!j) return std::nullopt;
    if (!j->is_array()) {
        c.add("", "top level must be an array");
        return std::nullopt;
    }
    el.offsets = elementOffsets(c.text);
    return j;
}

void readInstitutions(const std::string& path, Content& out, std::vector<Problem>& problems,
                      const std::string& today) {
    Ctx c{path, {}, problems};
    Elements el{c, {}};
    auto j = readArray(path, c, el);
    if (!j) return;
    static const std::vector<std::string> keys = {"id",        "name",      "kind",    "oblast", "town",
                                                  "ownership", "languages", "address", "source", "checked"};
    std::set<std::string> ids;
    for (size_t i = 0; i < j->size(); ++i) {
        el.current = i;
        c.line = el.at("id");
        const json& o = (*j)[i];
        Institution x;
        if (!o.is_object()) {
            c.add("", "an institution must be an object");
            continue;
        }
        x.id = o.value("id", "");
        if (!std::regex_match(x.id, std::regex("[a-z][a-z0-9_]*")))
            c.add(x.id, "missing or malformed id (lowercase latin, digits, _)");
        else if (!ids.insert(x.id).second)
            c.add(x.id, "duplicate institution id");
        unknownKeys(el, o, x.id, keys);
        c.line = el.at("name");
        x.name = text2(c, o, "name", x.id, kMaxName);
        c.line = el.at("town");
        x.town = text2(c, o, "town", x.id, kMaxTitle);
        c.line = el.at("address");
        if (o.contains("address")) x.address = text2(c, o, "address", x.id, kMaxShort);
        x.kind = o.value("kind", "");
        if (!oneOf(institutionKinds(), x.kind))
            el.add("kind", x.id,
                   "unknown kind \"" + x.kind + "\" (expected: " + joined(institutionKinds()) + ")");
        x.oblast = o.value("oblast", "");
        if (!oneOf(oblastIds(), x.oblast))
            el.add("oblast", x.id,
                   "unknown oblast \"" + x.oblast + "\" (expected: " + joined(oblastIds()) + ")");
        x.ownership = o.value("ownership", "unknown");
        if (!oneOf({"public", "private", "unknown"}, x.ownership))
            el.add("ownership", x.id, "ownership must be public, private or unknown");
        for (const auto& l : o.value("languages", json::array())) {
            const std::string s = l.is_string() ? l.get<std::string>() : "";
            if (!std::regex_match(s, std::regex("[a-z]{2}")))
                el.add("languages", x.id, "languages: two-letter codes such as \"ky\", \"ru\"");
            x.languages.push_back(s);
        }
        readProvenance(el, o, x.id, today, x.source, x.checked);
        out.institutions.push_back(std::move(x));
    }
    c.line = 0;
}

void readProgrammes(const std::string& path, Content& out, std::vector<Problem>& problems,
                    const std::string& today) {
    Ctx c{path, {}, problems};
    Elements el{c, {}};
    auto j = readArray(path, c, el);
    if (!j) return;
    static const std::vector<std::string> keys = {"institution", "occupations",  "isco", "entry",
                                                  "months",      "state_funded", "ort",  "min_age",
                                                  "source",      "checked"};
    static const std::regex iscoRe("[0-9]{4}");
    for (size_t i = 0; i < j->size(); ++i) {
        el.current = i;
        const json& o = (*j)[i];
        const std::string id = "programmes[" + std::to_string(i) + "]";
        c.line = el.at("institution");
        if (!o.is_object()) {
            c.add(id, "a programme must be an object");
            continue;
        }
        Programme p;
        unknownKeys(el, o, id, keys);
        const std::string inst = o.value("institution", "");
        p.institution = out.institutionIndex(inst);
        if (p.institution < 0) el.add("institution", id, "unknown institution \"" + inst + "\"");
        for (const auto& x : o.value("occupations", json::array())) {
            const std::string s = x.is_string() ? x.get<std::string>() : "";
            if (out.occupationIndex(s) < 0) el.add("occupations", id, "unknown occupation id \"" + s + "\"");
            p.occupations.push_back(s);
        }
        for (const auto& x : o.value("isco", json::array())) {
            const std::string s = x.is_string() ? x.get<std::string>() : "";
            if (!std::regex_match(s, iscoRe))
                el.add("isco", id, "isco \"" + s + "\" is not a 4-digit ISCO-08 unit group");
            p.isco.push_back(s);
        }
        if (p.occupations.empty() && p.isco.empty())
            c.add(id, "a programme names at least one occupation id or ISCO unit group");
        p.entry = o.value("entry", "");
        if (!oneOf(entryIds(), p.entry))
            el.add("entry", id, "unknown entry \"" + p.entry + "\" (expected: " + joined(entryIds()) + ")");
        readMonths(el, o, id, p.minMonths, p.maxMonths);
        p.stateFunded = o.value("state_funded", "unknown");
        if (!oneOf({"yes", "no", "unknown"}, p.stateFunded))
            el.add("state_funded", id, "state_funded must be yes, no or unknown");
        if (o.contains("ort")) {
            if (!o["ort"].is_boolean()) el.add("ort", id, "ort must be true or false");
            p.ort = o["ort"].is_boolean() && o["ort"].get<bool>();
        }
        if (o.contains("min_age")) {
            p.minAge = o["min_age"].is_number_integer() ? o["min_age"].get<int>() : -1;
            if (p.minAge < 14 || p.minAge > 25)
                el.add("min_age", id, "min_age must be a whole number 14..25");
        }
        readProvenance(el, o, id, today, p.source, p.checked);
        out.programmes.push_back(std::move(p));
    }
    c.line = 0;
}

} // namespace

bool readEducation(const std::string& dir, Content& c, std::vector<Problem>& problems,
                   const std::string& today) {
    const size_t before = problems.size();
    const std::string day = today.empty() ? localDate() : today;
    std::error_code ec;
    // Optional: without it the kiosk shows the routes only, and "ask the centre" for institutions.
    if (!std::filesystem::is_directory(dir, ec)) return true;
    const std::string inst = dir + "/institutions.json", prog = dir + "/programmes.json";
    std::string current = inst;
    // A value of the wrong type makes nlohmann::json throw: reported against its file, like readSources.
    try {
        if (std::filesystem::exists(inst, ec)) readInstitutions(inst, c, problems, day);
        current = prog;
        if (std::filesystem::exists(prog, ec)) {
            if (!std::filesystem::exists(inst, ec))
                problems.push_back({prog, 0, "", "programmes.json needs institutions.json beside it"});
            readProgrammes(prog, c, problems, day);
        }
    } catch (const json::exception& e) {
        problems.push_back({current, 0, "", std::string("value of the wrong type: ") + e.what()});
    }
    if (problems.size() != before) {
        c.institutions.clear();
        c.programmes.clear();
        return false;
    }
    return true;
}

int Content::institutionIndex(const std::string& id) const {
    for (size_t i = 0; i < institutions.size(); ++i)
        if (institutions[i].id == id) return int(i);
    return -1;
}

std::vector<EducationPath> Content::routesOf(const std::string& occupationId) const {
    const int i = occupationIndex(occupationId);
    return i < 0 ? std::vector<EducationPath>{} : occupations[size_t(i)].education;
}

std::vector<int> Content::programmesFor(const std::string& occupationId) const {
    std::vector<int> v;
    const int oi = occupationIndex(occupationId);
    if (oi < 0) return v;
    const std::string& isco = occupations[size_t(oi)].isco;
    for (size_t i = 0; i < programmes.size(); ++i) {
        const Programme& p = programmes[i];
        if (oneOf(p.occupations, occupationId) || oneOf(p.isco, isco)) v.push_back(int(i));
    }
    return v;
}

std::vector<int> Content::institutionsTeaching(const std::string& occupationId,
                                               const std::string& oblastFirst) const {
    std::vector<int> v;
    for (int p : programmesFor(occupationId)) {
        const int inst = programmes[size_t(p)].institution;
        if (inst >= 0 && std::find(v.begin(), v.end(), inst) == v.end()) v.push_back(inst);
    }
    std::sort(v.begin(), v.end());
    const auto& order = oblastIds();
    auto rank = [&](int i) {
        const std::string& o = institutions[size_t(i)].oblast;
        if (!oblastFirst.empty() && o == oblastFirst) return -1;
        return int(std::find(order.begin(), order.end(), o) - order.begin());
    };
    std::stable_sort(v.begin(), v.end(), [&](int a, int b) { return rank(a) < rank(b); });
    return v;
}

std::vector<int> Content::institutionsIn(const std::string& oblast, const std::string& kind) const {
    std::vector<int> v;
    for (size_t i = 0; i < institutions.size(); ++i)
        if ((oblast.empty() || institutions[i].oblast == oblast) &&
            (kind.empty() || institutions[i].kind == kind))
            v.push_back(int(i));
    return v;
}

std::vector<std::pair<std::string, long>> contentStats(const Content& c) {
    std::set<std::string> units, subMajors, oblasts;
    long withInstitutions = 0, withMinAge = 0, withRequires = 0, routes = 0;
    for (const Occupation& o : c.occupations) {
        units.insert(o.isco);
        subMajors.insert(o.isco.substr(0, 2));
        if (!c.institutionsTeaching(o.id).empty()) ++withInstitutions;
        if (o.minAge > 0) ++withMinAge;
        if (o.requirement) ++withRequires;
        routes += long(o.education.size());
    }
    for (const Institution& i : c.institutions) oblasts.insert(i.oblast);
    return {{"occupations", long(c.occupations.size())},
            {"fields", long(c.fields.size())},
            {"isco_unit_groups", long(units.size())},
            {"isco_sub_major_groups", long(subMajors.size())},
            {"institutions", long(c.institutions.size())},
            {"oblasts_with_institutions", long(oblasts.size())},
            {"programmes", long(c.programmes.size())},
            {"occupations_with_institutions", withInstitutions},
            {"occupations_with_min_age", withMinAge},
            {"occupations_with_requires", withRequires},
            {"education_routes", routes}};
}

namespace detail {

void appendEducationTexts(const Content& c, std::vector<std::string>& out) {
    auto add = [&](const Text2& t) {
        out.push_back(t.ky);
        out.push_back(t.ru);
    };
    for (const Occupation& o : c.occupations) {
        if (o.ageNote) add(*o.ageNote);
        if (o.requirement) add(*o.requirement);
    }
    for (const Institution& i : c.institutions) {
        add(i.name);
        add(i.town);
        if (i.address) add(*i.address);
    }
}

} // namespace detail

} // namespace kesip::catalog
