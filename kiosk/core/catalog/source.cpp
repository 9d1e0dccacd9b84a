// Authored encyclopedia sources -> validated Content.
#include <filesystem>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>

#include "assess/instrument.hpp"
#include "catalog/content.hpp"
#include "catalog/guide.hpp"
#include "catalog/source_util.hpp"
#include "util/paths.hpp"
#include "util/utf8.hpp"

namespace kesip::catalog {

using content::Problem;
using nlohmann::json;

namespace detail {

std::optional<json> parseFile(const std::string& path, Ctx& c) {
    if (!readFile(path, c.text)) {
        c.problems.push_back({path, 0, "", "cannot read file"});
        return std::nullopt;
    }
    try {
        return json::parse(c.text);
    } catch (const json::parse_error& e) {
        int line = 1;
        for (size_t i = 0; i < e.byte && i < c.text.size(); ++i) line += c.text[i] == '\n';
        c.problems.push_back({path, line, "", std::string("not valid JSON: ") + e.what()});
        return std::nullopt;
    }
}

Text2 text2(Ctx& c, const json& o, const char* key, const std::string& id, size_t maxChars, bool required) {
    Text2 t;
    if (!o.contains(key) || !o[key].is_object()) {
        if (required) c.add(id, std::string("missing \"") + key + "\" {ky, ru}");
        return t;
    }
    for (Lang l : kLangs) {
        const json& v = o[key].value(langCode(l), json());
        std::string s = v.is_string() ? v.get<std::string>() : std::string();
        for (auto& m : content::checkText(s, l, maxChars)) c.add(id, std::string(key) + ": " + m);
        (l == Lang::ky ? t.ky : t.ru) = s;
    }
    return t;
}

} // namespace detail

namespace {

using namespace detail;

std::vector<std::string> list(Ctx& c, const json& o, const char* key, Lang l, const std::string& id,
                              size_t maxChars, size_t minN, size_t maxN) {
    std::vector<std::string> v;
    const json& arr =
        o.contains(key) && o[key].is_object() ? o[key].value(langCode(l), json::array()) : json::array();
    for (const auto& x : arr) {
        std::string s = x.is_string() ? x.get<std::string>() : std::string();
        for (auto& m : content::checkText(s, l, maxChars)) c.add(id, std::string(key) + ": " + m);
        v.push_back(s);
    }
    if (v.size() < minN || v.size() > maxN)
        c.add(id, std::string(key) + "." + langCode(l) + ": expected " + std::to_string(minN) + "-" +
                      std::to_string(maxN) + " entries, found " + std::to_string(v.size()));
    return v;
}

bool validRiasec(const std::string& code, size_t maxLen) {
    if (code.empty() || code.size() > maxLen) return false;
    std::set<char> seen;
    for (char ch : code)
        if (std::string("RIASEC").find(ch) == std::string::npos || !seen.insert(ch).second) return false;
    return true;
}

// The route of one education entry: when one can enter it, and whether the national test decides.
void readRoute(Ctx& c, const json& e, const std::string& id, EducationPath& p) {
    p.entry = e.value("entry", "");
    const auto& entries = entryIds();
    if (std::find(entries.begin(), entries.end(), p.entry) == entries.end())
        c.add(id, "education: entry must be grade9, grade11, degree or any (found \"" + p.entry + "\")");
    if (e.contains("ort")) {
        if (!e["ort"].is_boolean()) c.add(id, "education: ort must be true or false");
        p.ort = e["ort"].is_boolean() && e["ort"].get<bool>();
        if (p.ort && p.path != "university") c.add(id, "education: ort applies to university entries only");
    }
}

// Age limit and what must come first (assets/README.md, "Education routes, ages and prerequisites").
void readLimits(Ctx& c, const json& o, Occupation& oc) {
    if (o.contains("min_age")) {
        const json& a = o["min_age"];
        oc.minAge = a.is_number_integer() ? a.get<int>() : -1;
        if (oc.minAge < 14 || oc.minAge > 25) c.add(oc.id, "min_age must be a whole number 14..25");
    }
    if (o.contains("age_note")) oc.ageNote = text2(c, o, "age_note", oc.id, kMaxShort);
    // The screen shows the age in words, so a bare number is not enough.
    if (oc.minAge && !oc.ageNote) c.add(oc.id, "min_age needs an age_note saying it plainly (ky, ru)");
    if (o.contains("requires")) oc.requirement = text2(c, o, "requires", oc.id, kMaxShort);
}

// `current` names the file being read, for a value of the wrong type (see readSources).
std::optional<Content> readUnguarded(const std::string& dir, std::vector<Problem>& problems,
                                     std::string& current) {
    const size_t before = problems.size();
    Content out;

    // ISCO-08 groups we accept.
    std::set<std::string> subMajor;
    {
        Ctx c{dir + "/isco08.json", {}, problems};
        current = c.file;
        if (auto j = parseFile(c.file, c)) {
            const json groups = j->value("sub_major", json::object());
            for (auto it = groups.begin(); it != groups.end(); ++it) subMajor.insert(it.key());
        }
    }

    // Fields.
    {
        Ctx c{dir + "/fields.json", {}, problems};
        current = c.file;
        auto j = parseFile(c.file, c);
        if (j && !j->is_array()) c.add("", "top level must be an array of fields");
        std::set<std::string> ids;
        for (const json& f : j && j->is_array() ? *j : json::array()) {
            Field fd;
            fd.id = f.value("id", "");
            if (!std::regex_match(fd.id, std::regex("[a-z][a-z0-9_]*")) || !ids.insert(fd.id).second)
                c.add(fd.id, "missing, malformed or duplicate field id");
            const std::string icon = f.value("icon", "");
            if (icon.size() < 3 || icon.rfind("U+", 0) != 0)
                c.add(fd.id, "icon must be \"U+XXXX\"");
            else
                fd.icon = uint32_t(std::strtoul(icon.c_str() + 2, nullptr, 16));
            if (fd.icon > 0xFFFF)
                c.add(fd.id, "icon must be in the Basic Multilingual Plane (ImGui 1.86 limit)");
            fd.riasec = f.value("riasec", "");
            if (!validRiasec(fd.riasec, 3)) c.add(fd.id, "riasec must be 1-3 distinct letters of RIASEC");
            fd.name = text2(c, f, "name", fd.id, kMaxTitle);
            fd.description = text2(c, f, "description", fd.id, kMaxShort);
            out.fields.push_back(fd);
        }
        if (out.fields.size() < 16)
            c.add("", "expected at least 16 fields, found " + std::to_string(out.fields.size()));
    }

    // Occupations: one file per field, named after it.
    const auto competences = assess::strengthsSpec().scaleIds;
    const std::set<std::string> paths = {"lyceum", "college", "university", "course", "on_the_job"};
    std::vector<std::string> files;
    std::error_code ec;
    for (auto& e : std::filesystem::directory_iterator(dir + "/occupations", ec))
        if (e.path().extension() == ".json") files.push_back(e.path().string());
    if (ec) problems.push_back({dir + "/occupations", 0, "", "cannot list folder: " + ec.message()});
    std::sort(files.begin(), files.end());
    std::map<std::string, std::string> idFile;
    for (const std::string& file : files) {
        Ctx c{file, {}, problems};
        current = file;
        const std::string field = std::filesystem::path(file).stem().string();
        if (out.fieldIndex(field) < 0)
            c.add("", "file name \"" + field + "\" is not a field id in fields.json");
        auto j = parseFile(file, c);
        if (j && !j->is_array()) c.add("", "top level must be an array of occupations");
        for (const json& o : j && j->is_array() ? *j : json::array()) {
            Occupation oc;
            oc.field = field;
            oc.id = o.value("id", "");
            if (!std::regex_match(oc.id, std::regex("[a-z][a-z0-9_]*")))
                c.add(oc.id, "missing or malformed id");
            else if (!idFile.emplace(oc.id, file).second)
                c.add(oc.id, "duplicate id (also in " + idFile[oc.id] + ")");
            oc.isco = o.value("isco", "");
            if (!std::regex_match(oc.isco, std::regex("[0-9]{4}")))
                c.add(oc.id, "isco must be a 4-digit ISCO-08 unit group");
            else if (!subMajor.count(oc.isco.substr(0, 2)))
                c.add(oc.id, "isco " + oc.isco + " is not in an ISCO-08 sub-major group (isco08.json)");
            oc.riasec = o.value("riasec", "");
            if (!validRiasec(oc.riasec, 3)) c.add(oc.id, "riasec must be 1-3 distinct letters of RIASEC");
            oc.title = text2(c, o, "title", oc.id, kMaxTitle);
            oc.description = text2(c, o, "description", oc.id, kMaxDescription);
            oc.environment = text2(c, o, "environment", oc.id, kMaxShort);
            oc.outlook = text2(c, o, "outlook", oc.id, kMaxShort);
            if (o.contains("abroad")) oc.abroad = text2(c, o, "abroad", oc.id, kMaxShort);
            oc.synonymsKy = list(c, o, "synonyms", Lang::ky, oc.id, kMaxTitle, 0, 8);
            oc.synonymsRu = list(c, o, "synonyms", Lang::ru, oc.id, kMaxTitle, 0, 8);
            oc.tasksKy = list(c, o, "tasks", Lang::ky, oc.id, kMaxTask, 3, 6);
            oc.tasksRu = list(c, o, "tasks", Lang::ru, oc.id, kMaxTask, 3, 6);
            if (oc.tasksKy.size() != oc.tasksRu.size())
                c.add(oc.id, "tasks: ky and ru have different counts");
            for (const auto& k : o.value("competences", json::array())) {
                std::string s = k.is_string() ? k.get<std::string>() : "";
                if (std::find(competences.begin(), competences.end(), s) == competences.end())
                    c.add(oc.id, "unknown competence \"" + s + "\" (strengths-test ids)");
                oc.competences.push_back(s);
            }
            if (oc.competences.empty() || oc.competences.size() > 4)
                c.add(oc.id, "competences: expected 1-4");
            for (const auto& e : o.value("education", json::array())) {
                EducationPath p;
                p.path = e.value("path", "");
                auto m = e.value("months", json::array());
                if (m.size() == 2 && m[0].is_number_integer() && m[1].is_number_integer()) {
                    p.minMonths = m[0].get<int>();
                    p.maxMonths = m[1].get<int>();
                }
                if (!paths.count(p.path)) c.add(oc.id, "education: unknown path \"" + p.path + "\"");
                if (p.minMonths <= 0 || p.maxMonths < p.minMonths || p.maxMonths > 120)
                    c.add(oc.id, "education: months must be [min, max] with 0 < min <= max <= 120");
                readRoute(c, e, oc.id, p);
                oc.education.push_back(p);
            }
            if (oc.education.empty()) c.add(oc.id, "education: at least one path");
            readLimits(c, o, oc);
            for (const auto& r : o.value("related", json::array()))
                oc.related.push_back(r.is_string() ? r.get<std::string>() : "");
            out.occupations.push_back(std::move(oc));
        }
    }
    // Cross-references once everything is read.
    for (const Occupation& oc : out.occupations) {
        for (const auto& r : oc.related)
            if (r == oc.id || out.occupationIndex(r) < 0) {
                Ctx c{idFile.count(oc.id) ? idFile[oc.id] : dir, {}, problems};
                readFile(c.file, c.text);
                c.add(oc.id, "related id \"" + r + "\" does not exist");
            }
    }
    if (problems.size() != before) return std::nullopt;
    return out;
}
} // namespace

std::optional<Content> readSources(const std::string& dir, std::vector<Problem>& problems) {
    // A value of the wrong type (a number where an object belongs, ...) makes nlohmann::json throw: it is
    // reported against its file like any other problem, never an exception out of the compiler.
    std::string current = dir;
    try {
        return readUnguarded(dir, problems, current);
    } catch (const json::exception& e) {
        problems.push_back({current, 0, "", std::string("value of the wrong type: ") + e.what()});
        return std::nullopt;
    }
}

int Content::fieldIndex(const std::string& id) const {
    for (size_t i = 0; i < fields.size(); ++i)
        if (fields[i].id == id) return int(i);
    return -1;
}

int Content::occupationIndex(const std::string& id) const {
    for (size_t i = 0; i < occupations.size(); ++i)
        if (occupations[i].id == id) return int(i);
    return -1;
}

std::vector<int> Content::occupationsOfField(const std::string& fieldId) const {
    std::vector<int> v;
    for (size_t i = 0; i < occupations.size(); ++i)
        if (occupations[i].field == fieldId) v.push_back(int(i));
    return v;
}

std::vector<std::string> Content::allTexts() const {
    std::vector<std::string> t;
    auto add2 = [&](const Text2& x) {
        t.push_back(x.ky);
        t.push_back(x.ru);
    };
    for (const Field& f : fields) {
        add2(f.name);
        add2(f.description);
        t.push_back(utf8::encode(char32_t(f.icon)));
    }
    for (const Occupation& o : occupations) {
        add2(o.title);
        add2(o.description);
        add2(o.environment);
        add2(o.outlook);
        if (o.abroad) add2(*o.abroad);
        for (auto* v : {&o.synonymsKy, &o.synonymsRu, &o.tasksKy, &o.tasksRu})
            t.insert(t.end(), v->begin(), v->end());
    }
    detail::appendEducationTexts(*this, t);
    detail::appendGuideTexts(*this, t);
    return t;
}

} // namespace kesip::catalog
