#include "assess/instrument.hpp"

#include <climits>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "util/paths.hpp"

namespace kesip::assess {

using content::Problem;
using nlohmann::json;

int Instrument::scaleIndex(const std::string& scaleId) const {
    for (size_t i = 0; i < scales.size(); ++i)
        if (scales[i].id == scaleId) return int(i);
    return -1;
}

int Instrument::itemIndex(const std::string& itemId) const {
    for (size_t i = 0; i < items.size(); ++i)
        if (items[i].id == itemId) return int(i);
    return -1;
}

const Instrument* Instrument::atVersion(int v) const {
    if (v == version) return this;
    for (const auto& o : older)
        if (o && o->version == v) return o.get();
    return nullptr;
}

InstrumentSpec interestSpec() {
    return {5, 6, 10, -1, {"R", "I", "A", "S", "E", "C"}};
}

InstrumentSpec strengthsSpec() {
    return {4,
            12,
            4,
            16,
            {"teamwork", "communication", "responsibility", "independence", "problem_solving", "creativity",
             "diligence", "initiative", "stress_resistance", "helpfulness", "leadership", "learning"}};
}

namespace {

struct Ctx {
    const std::string& file;
    const std::string& text;
    std::vector<Problem>& problems;
    void add(const std::string& id, const std::string& msg) {
        problems.push_back({file, id.empty() ? 0 : content::lineOf(text, "\"" + id + "\""), id, msg});
    }
};

Text2 readText(Ctx& c, const json& obj, const char* key, const std::string& id, size_t maxChars = 0) {
    Text2 t;
    if (!obj.contains(key) || !obj[key].is_object()) {
        c.add(id, std::string("missing text \"") + key + "\"");
        return t;
    }
    const json& o = obj[key];
    for (Lang l : kLangs) {
        const char* code = langCode(l);
        std::string v = o.contains(code) && o[code].is_string() ? o[code].get<std::string>() : std::string();
        for (const auto& m : content::checkText(v, l, maxChars)) c.add(id, std::string(key) + ": " + m);
        (l == Lang::ky ? t.ky : t.ru) = v;
    }
    return t;
}

// A number read as int; `fallback` (which the checks then report) for anything else or out of range.
// json::value<int>() would convert 1e300 to int: undefined behaviour.
int intValue(const json& obj, const char* key, int fallback) {
    auto it = obj.find(key);
    if (it == obj.end() || !it->is_number()) return fallback;
    const double d = it->get<double>();
    return d >= INT_MIN && d <= INT_MAX ? int(d) : fallback;
}

std::optional<Instrument> parseUnguarded(const std::string& text, const std::string& fileName,
                                         const InstrumentSpec& spec, std::vector<Problem>& problems) {
    const size_t before = problems.size();
    Ctx c{fileName, text, problems};
    json j;
    try {
        j = json::parse(text);
    } catch (const json::parse_error& e) {
        // nlohmann reports a byte offset; turn it into a line for the author.
        int line = 1;
        for (size_t i = 0; i < e.byte && i < text.size(); ++i)
            if (text[i] == '\n') ++line;
        problems.push_back({fileName, line, "", std::string("not valid JSON: ") + e.what()});
        return std::nullopt;
    }
    if (!j.is_object()) {
        c.add("", "top level must be an object");
        return std::nullopt;
    }
    Instrument ins;
    ins.id = j.value("id", "");
    ins.version = intValue(j, "version", 0);
    if (ins.id.empty()) c.add("", "missing \"id\"");
    if (ins.version <= 0) c.add("", "missing or invalid \"version\"");
    ins.title = readText(c, j, "title", "");
    if (j.contains("instruction")) ins.instruction = readText(c, j, "instruction", "", 300);

    for (const json& a : j.value("answers", json::array())) {
        Answer ans;
        ans.value = intValue(a, "value", 0);
        ans.icon = a.value("icon", "");
        ans.label = readText(c, a, "label", "answer " + std::to_string(ans.value));
        ins.answers.push_back(ans);
    }
    if (int(ins.answers.size()) != spec.answers)
        c.add("", "expected " + std::to_string(spec.answers) + " answers, found " +
                      std::to_string(ins.answers.size()));
    for (size_t i = 0; i < ins.answers.size(); ++i)
        if (ins.answers[i].value != int(i) + 1)
            c.add("", "answer values must be 1.." + std::to_string(spec.answers));

    std::set<std::string> scaleIds;
    for (const json& s : j.value("scales", json::array())) {
        Scale sc;
        sc.id = s.value("id", "");
        if (sc.id.empty() || !scaleIds.insert(sc.id).second) c.add(sc.id, "missing or duplicate scale id");
        sc.name = readText(c, s, "name", sc.id, 60);
        sc.shortName = readText(c, s, "short", sc.id, 60);
        sc.description = readText(c, s, "description", sc.id, 500);
        sc.likes = readText(c, s, "likes", sc.id, 120);
        ins.scales.push_back(sc);
    }
    if (!spec.scaleIds.empty()) {
        std::vector<std::string> got;
        for (auto& s : ins.scales) got.push_back(s.id);
        if (got != spec.scaleIds)
            c.add(
                "", "scales must be, in this order: " + [&] {
                    std::string all;
                    for (auto& s : spec.scaleIds) all += (all.empty() ? "" : " ") + s;
                    return all;
                }());
    }

    std::set<std::string> itemIds;
    std::map<std::string, int> perScale;
    int reverse = 0;
    for (const json& it : j.value("items", json::array())) {
        Item item;
        item.id = it.value("id", "");
        if (item.id.empty())
            c.add("", "item without id");
        else if (!itemIds.insert(item.id).second)
            c.add(item.id, "duplicate item id");
        item.scale = it.value("scale", "");
        item.scaleIndex = ins.scaleIndex(item.scale);
        if (item.scaleIndex < 0)
            c.add(item.id, "unknown scale \"" + item.scale + "\"");
        else
            ++perScale[item.scale];
        item.reverse = it.value("reverse", false);
        reverse += item.reverse;
        item.text = readText(c, it, "text", item.id, 160);
        if (!ins.items.empty() && ins.items.back().scale == item.scale)
            c.add(item.id, "same scale as the previous item (mix the order)");
        ins.items.push_back(item);
    }
    for (const auto& s : ins.scales)
        if (perScale[s.id] != spec.itemsPerScale)
            c.add(s.id, "unbalanced: scale has " + std::to_string(perScale[s.id]) + " items, expected " +
                            std::to_string(spec.itemsPerScale));
    if (spec.reverseItems >= 0 && reverse != spec.reverseItems)
        c.add("", "expected " + std::to_string(spec.reverseItems) + " reverse-keyed items, found " +
                      std::to_string(reverse));
    if (problems.size() != before) return std::nullopt;
    return ins;
}
} // namespace

std::optional<Instrument> parseInstrument(const std::string& text, const std::string& fileName,
                                          const InstrumentSpec& spec, std::vector<Problem>& problems) {
    // A value of the wrong type (a number where an object belongs, ...) makes nlohmann::json throw: it is
    // a problem in the file like any other, never an exception out of the loader (the kiosk would stop).
    try {
        return parseUnguarded(text, fileName, spec, problems);
    } catch (const json::exception& e) {
        problems.push_back({fileName, 0, "", std::string("value of the wrong type: ") + e.what()});
        return std::nullopt;
    }
}

std::optional<Instrument> loadInstrument(const std::string& path, const InstrumentSpec& spec,
                                         std::vector<Problem>& problems) {
    std::string text;
    if (!readFile(path, text)) {
        problems.push_back({path, 0, "", "cannot read file"});
        return std::nullopt;
    }
    return parseInstrument(text, path, spec, problems);
}

} // namespace kesip::assess
