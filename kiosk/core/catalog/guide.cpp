// "Getting a job": assets/guide/jobs.json -> validated guide pages. Every problem names the file and the line
// of the value it is about (jsonValueLines), so an author can jump to it.
#include "catalog/guide.hpp"

#include <algorithm>
#include <cctype>
#include <cstring>
#include <filesystem>
#include <regex>
#include <set>
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include "catalog/source_util.hpp"

namespace kesip::catalog {

using content::Problem;
using nlohmann::json;

namespace detail {

std::map<std::string, int> jsonValueLines(const std::string& text) {
    struct Frame {
        bool array;
        size_t index;
        std::string key;
        bool expectKey;
    };
    std::map<std::string, int> lines;
    std::vector<Frame> stack;
    auto path = [&] {
        std::string p;
        for (const Frame& f : stack) p += "/" + (f.array ? std::to_string(f.index) : f.key);
        return p;
    };
    int line = 1;
    bool inString = false, escaped = false, isKey = false, inLiteral = false;
    std::string key;
    for (char ch : text) {
        if (inString) {
            if (!escaped && ch == '"') {
                inString = false;
                if (isKey) stack.back().key = key; // isKey implies an enclosing object
            } else {
                escaped = !escaped && ch == '\\';
                if (isKey && !escaped) key += ch;
            }
            continue;
        }
        if (ch == '\n') ++line;
        const bool space = std::isspace(static_cast<unsigned char>(ch)) != 0;
        if (inLiteral && !space && !std::strchr(",:]}[{\"", ch)) continue;
        inLiteral = false;
        if (space) continue;
        const bool keyPosition = !stack.empty() && !stack.back().array && stack.back().expectKey;
        switch (ch) {
        case '"':
            inString = true;
            isKey = keyPosition;
            key.clear();
            if (!isKey) lines.emplace(path(), line);
            break;
        case '{':
        case '[':
            lines.emplace(path(), line);
            stack.push_back({ch == '[', 0, "", ch == '{'});
            break;
        case '}':
        case ']':
            if (!stack.empty()) stack.pop_back();
            break;
        case ':':
            if (!stack.empty()) stack.back().expectKey = false;
            break;
        case ',':
            if (!stack.empty() && stack.back().array) ++stack.back().index;
            if (!stack.empty() && !stack.back().array) stack.back().expectKey = true;
            break;
        default: // a number, true, false or null
            lines.emplace(path(), line);
            inLiteral = true;
        }
    }
    return lines;
}

} // namespace detail

namespace {

using namespace detail;

constexpr size_t kMaxBullet = 300, kMaxSource = 500, kMaxLink = 300, kMaxBullets = 8;
constexpr size_t kMinSections = 3, kMaxSections = 6, kMinWords = 80, kMaxWords = 250;

// Words of a text: runs of letters and digits; a hyphen or apostrophe between two of them joins them.
size_t countWords(const std::string& text) {
    const auto* s = reinterpret_cast<const uint8_t*>(text.data());
    const int32_t n = int32_t(text.size());
    size_t words = 0;
    bool inWord = false, joiner = false;
    for (int32_t i = 0; i < n;) {
        UChar32 c;
        U8_NEXT(s, i, n, c);
        if (c >= 0 && u_isalnum(c)) {
            if (!inWord && !joiner) ++words;
            inWord = true;
            joiner = false;
        } else {
            joiner = inWord && (c == '-' || c == '\'');
            inWord = false;
        }
    }
    return words;
}

std::string str(const json& o, const char* key) {
    auto it = o.find(key);
    return it != o.end() && it->is_string() ? it->get<std::string>() : std::string();
}

bool validId(const std::string& id) {
    static const std::regex re("[a-z][a-z0-9_]*");
    return std::regex_match(id, re);
}

std::string joined(const std::vector<std::string>& v) {
    std::string s;
    for (const auto& x : v) s += (s.empty() ? "" : ", ") + x;
    return s;
}

struct Reader {
    Ctx& c;
    std::map<std::string, int> lines;
    std::string today;

    // The line of the value at `path`, else of the nearest enclosing value (a missing key: its object).
    int lineAt(std::string path) const {
        for (;;) {
            auto it = lines.find(path);
            if (it != lines.end()) return it->second;
            const size_t cut = path.rfind('/');
            if (cut == std::string::npos) return 0;
            path.erase(cut);
        }
    }
    void add(const std::string& path, const std::string& id, const std::string& msg) {
        c.line = std::max(1, lineAt(path)); // never Ctx's search by id: page and fact ids may repeat in text
        c.add(id, msg);
        c.line = 0;
    }
    void unknownKeys(const json& o, const std::string& path, const std::string& id,
                     const std::vector<std::string>& keys) {
        for (auto it = o.begin(); it != o.end(); ++it)
            if (std::find(keys.begin(), keys.end(), it.key()) == keys.end() && it.key().rfind('_', 0) != 0)
                add(path + "/" + it.key(), id,
                    "unknown key \"" + it.key() + "\" (expected: " + joined(keys) + ")");
    }

    // A {ky, ru} text at o[key]; each language checked with content::checkText, reported at its own line.
    Text2 text(const json& o, const char* key, const std::string& path, const std::string& id,
               size_t maxChars) {
        Text2 t;
        const std::string at = path + "/" + key;
        if (!o.contains(key)) {
            add(path, id, std::string("missing \"") + key + "\" {ky, ru}");
            return t;
        }
        const json& v = o.at(key);
        if (!v.is_object()) {
            add(at, id, std::string(key) + ": expected {\"ky\": \"...\", \"ru\": \"...\"}");
            return t;
        }
        for (Lang l : kLangs) {
            const std::string s = str(v, langCode(l));
            for (const auto& m : content::checkText(s, l, maxChars))
                add(at + "/" + langCode(l), id, std::string(key) + ": " + m);
            (l == Lang::ky ? t.ky : t.ru) = s;
        }
        return t;
    }

    void bullets(const json& o, const std::string& path, const std::string& id, GuideSection& s) {
        if (!o.contains("bullets")) return;
        const json& b = o.at("bullets");
        const std::string at = path + "/bullets";
        if (!b.is_object()) {
            add(at, id, "bullets: expected {\"ky\": [...], \"ru\": [...]}");
            return;
        }
        for (Lang l : kLangs) {
            auto& out = l == Lang::ky ? s.bulletsKy : s.bulletsRu;
            const std::string lp = at + "/" + langCode(l);
            const auto it = b.find(langCode(l));
            if (it == b.end() || !it->is_array()) {
                add(lp, id, std::string("bullets: missing the ") + langCode(l) + " list");
                continue;
            }
            for (size_t i = 0; i < it->size(); ++i) {
                const json& x = (*it)[i];
                const std::string v = x.is_string() ? x.get<std::string>() : "";
                for (const auto& m : content::checkText(v, l, kMaxBullet))
                    add(lp + "/" + std::to_string(i), id, "bullets: " + m);
                out.push_back(v);
            }
        }
        if (s.bulletsKy.size() != s.bulletsRu.size())
            add(at, id,
                "bullets: ky has " + std::to_string(s.bulletsKy.size()) + ", ru has " +
                    std::to_string(s.bulletsRu.size()) + " (one ru bullet for each ky bullet)");
        if (std::max(s.bulletsKy.size(), s.bulletsRu.size()) > kMaxBullets)
            add(at, id, "bullets: at most " + std::to_string(kMaxBullets));
    }

    GuideSection section(const json& o, const std::string& path, const std::string& id,
                         const std::set<std::string>& facts, std::set<std::string>& used) {
        GuideSection s;
        if (!o.is_object()) {
            add(path, id, "a section must be an object");
            return s;
        }
        unknownKeys(o, path, id, {"heading", "text", "bullets", "facts"});
        s.heading = text(o, "heading", path, id, kMaxTitle);
        if (o.contains("text")) s.text = text(o, "text", path, id, kMaxDescription);
        bullets(o, path, id, s);
        if (!o.contains("text") && s.bulletsKy.empty() && s.bulletsRu.empty())
            add(path, id, "empty section: it needs a \"text\" or \"bullets\" in ky and ru");
        if (o.contains("facts")) {
            const json& f = o.at("facts");
            if (!f.is_array()) add(path + "/facts", id, "facts: expected an array of fact ids");
            for (size_t i = 0; f.is_array() && i < f.size(); ++i) {
                const std::string ref = f[i].is_string() ? f[i].get<std::string>() : "";
                if (!facts.count(ref))
                    add(path + "/facts/" + std::to_string(i), id,
                        "facts: \"" + ref + "\" is not a fact of this page");
                used.insert(ref);
                s.facts.push_back(ref);
            }
        }
        return s;
    }

    // Source and date, required: a legal statement nobody can trace is not shown.
    GuideFact fact(const json& o, const std::string& path, const std::string& pageId,
                   std::set<std::string>& allIds) {
        GuideFact f;
        if (!o.is_object()) {
            add(path, pageId, "a fact must be an object");
            return f;
        }
        f.id = str(o, "id");
        const std::string id = pageId + "/" + (f.id.empty() ? "facts" : f.id);
        if (!validId(f.id))
            add(path + "/id", id, "missing or malformed fact id (lowercase latin, digits, _)");
        else if (!allIds.insert(f.id).second)
            add(path + "/id", id, "duplicate fact id (fact ids are unique in the whole guide)");
        unknownKeys(o, path, id, {"id", "statement", "source", "links", "checked"});
        f.statement = text(o, "statement", path, id, kMaxShort);
        if (!o.contains("source"))
            add(path, id,
                "missing \"source\" {ky, ru}: the law, article or publication the statement comes from");
        else
            f.source = text(o, "source", path, id, kMaxSource);
        if (o.contains("links")) {
            const json& l = o.at("links");
            if (!l.is_array()) add(path + "/links", id, "links: expected an array of addresses");
            for (size_t i = 0; l.is_array() && i < l.size(); ++i) {
                const std::string s = l[i].is_string() ? l[i].get<std::string>() : "";
                if ((s.rfind("https://", 0) != 0 && s.rfind("http://", 0) != 0) || s.size() > kMaxLink)
                    add(path + "/links/" + std::to_string(i), id,
                        "links: an address starting with https:// or http:// (at most " +
                            std::to_string(kMaxLink) + " characters)");
                f.links.push_back(s);
            }
        }
        f.checked = str(o, "checked");
        if (f.checked.empty())
            add(path, id, "missing \"checked\" (the date the source was read, YYYY-MM-DD)");
        else if (!realDate(f.checked))
            add(path + "/checked", id, "checked \"" + f.checked + "\" is not a real date YYYY-MM-DD");
        else if (f.checked > today)
            add(path + "/checked", id, "checked " + f.checked + " is in the future (today is " + today + ")");
        return f;
    }

    GuidePage page(const json& o, size_t index, std::set<std::string>& pageIds,
                   std::set<std::string>& factIds) {
        const std::string path = "/pages/" + std::to_string(index);
        GuidePage p;
        if (!o.is_object()) {
            add(path, "pages[" + std::to_string(index) + "]", "a page must be an object");
            return p;
        }
        p.id = str(o, "id");
        const std::string id = p.id.empty() ? "pages[" + std::to_string(index) + "]" : p.id;
        if (!validId(p.id))
            add(path + "/id", id, "missing or malformed page id (lowercase latin, digits, _)");
        else if (!pageIds.insert(p.id).second)
            add(path + "/id", id, "duplicate page id");
        unknownKeys(o, path, id, {"id", "title", "sections", "facts"});
        p.title = text(o, "title", path, id, kMaxTitle);
        std::set<std::string> mine, used;
        if (o.contains("facts")) {
            const json& f = o.at("facts");
            if (!f.is_array()) add(path + "/facts", id, "facts: expected an array of facts");
            for (size_t i = 0; f.is_array() && i < f.size(); ++i) {
                p.facts.push_back(fact(f[i], path + "/facts/" + std::to_string(i), id, factIds));
                mine.insert(p.facts.back().id);
            }
        }
        const auto sec = o.find("sections");
        if (sec == o.end() || !sec->is_array()) {
            add(path, id, "missing \"sections\": an array of 3-6 sections");
        } else {
            for (size_t i = 0; i < sec->size(); ++i)
                p.sections.push_back(section((*sec)[i], path + "/sections/" + std::to_string(i),
                                             id + "/sections[" + std::to_string(i) + "]", mine, used));
            if (sec->size() < kMinSections || sec->size() > kMaxSections)
                add(path + "/sections", id, "expected 3-6 sections, found " + std::to_string(sec->size()));
        }
        for (size_t i = 0; i < p.facts.size(); ++i)
            if (!p.facts[i].id.empty() && !used.count(p.facts[i].id))
                add(path + "/facts/" + std::to_string(i), id + "/" + p.facts[i].id,
                    "no section states this fact (list its id in the \"facts\" of a section)");
        // A page is read on a kiosk screen, standing: a screen or two, not an article.
        for (Lang l : kLangs) {
            size_t words = countWords(p.title.get(l));
            for (const GuideSection& s : p.sections) {
                words += countWords(s.heading.get(l)) + countWords(s.text.get(l));
                for (const auto& b : s.bullets(l)) words += countWords(b);
            }
            if (words < kMinWords || words > kMaxWords)
                add(path, id,
                    std::string(langCode(l)) + ": " + std::to_string(words) + " words; a page has " +
                        std::to_string(kMinWords) + "-" + std::to_string(kMaxWords) + " in each language");
        }
        return p;
    }

    void guide(const json& j, std::vector<GuidePage>& out) {
        if (!j.is_object()) {
            add("", "", "top level must be an object {\"pages\": [...]}");
            return;
        }
        unknownKeys(j, "", "", {"pages"});
        const auto pages = j.find("pages");
        if (pages == j.end() || !pages->is_array() || pages->empty()) {
            add("", "", "\"pages\" must be a non-empty array of pages");
            return;
        }
        std::set<std::string> pageIds, factIds;
        for (size_t i = 0; i < pages->size(); ++i) out.push_back(page((*pages)[i], i, pageIds, factIds));
    }
};

} // namespace

bool readGuide(const std::string& dir, std::vector<GuidePage>& pages, std::vector<Problem>& problems,
               const std::string& today) {
    std::error_code ec;
    // Optional: without it the kiosk has no "Getting a job" pages to show.
    if (!std::filesystem::is_directory(dir, ec)) return true;
    const size_t before = problems.size();
    const std::string file = dir + "/jobs.json";
    Ctx c{file, {}, problems};
    std::vector<GuidePage> out;
    // The checks above avoid throwing; this is the same safety net as readSources and readEducation.
    try {
        if (auto j = parseFile(file, c)) {
            Reader r{c, jsonValueLines(c.text), today.empty() ? localDate() : today};
            r.guide(*j, out);
        }
    } catch (const json::exception& e) {
        problems.push_back({file, 0, "", std::string("value of the wrong type: ") + e.what()});
    }
    if (problems.size() != before) return false;
    pages = std::move(out);
    return true;
}

namespace detail {

void appendGuideTexts(const Content& c, std::vector<std::string>& out) {
    auto add = [&](const Text2& t) {
        out.push_back(t.ky);
        out.push_back(t.ru);
    };
    for (const GuidePage& p : c.guide) {
        add(p.title);
        for (const GuideSection& s : p.sections) {
            add(s.heading);
            add(s.text);
            out.insert(out.end(), s.bulletsKy.begin(), s.bulletsKy.end());
            out.insert(out.end(), s.bulletsRu.begin(), s.bulletsRu.end());
        }
        for (const GuideFact& f : p.facts) {
            add(f.statement);
            add(f.source);
        }
    }
}

} // namespace detail

} // namespace kesip::catalog
