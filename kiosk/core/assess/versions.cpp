#include "assess/versions.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <map>
#include <memory>

#include "util/paths.hpp"

namespace kesip::assess {

using content::Problem;
namespace fs = std::filesystem;

namespace {

bool allDigits(const std::string& s) {
    return std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::string scaleList(const Instrument& ins) {
    std::string s;
    for (const auto& sc : ins.scales) s += (s.empty() ? "" : " ") + sc.id;
    return s;
}

// "<id>-v<digits>.json": the version number, else -1.
int archivedVersion(const std::string& name, const std::string& id) {
    const std::string prefix = id + "-v", suffix = ".json";
    if (name.size() <= prefix.size() + suffix.size() || name.compare(0, prefix.size(), prefix) != 0 ||
        name.compare(name.size() - suffix.size(), suffix.size(), suffix) != 0)
        return -1;
    const std::string digits = name.substr(prefix.size(), name.size() - prefix.size() - suffix.size());
    if (digits.empty() || digits.size() > 6 || !allDigits(digits)) return -1;
    return std::stoi(digits);
}

} // namespace

void checkVersions(const std::vector<VersionFile>& versions, std::vector<Problem>& problems) {
    if (versions.empty()) return;
    const VersionFile& cur = versions.back();
    auto add = [&](const VersionFile& v, const std::string& id, const std::string& msg) {
        const int line = id.empty() ? 0 : content::lineOf(v.text, "\"" + id + "\"");
        problems.push_back({v.file, line, id, msg});
    };
    std::map<int, const VersionFile*> byNumber;
    for (const VersionFile& v : versions) {
        auto [it, fresh] = byNumber.emplace(v.ins->version, &v);
        if (!fresh)
            add(v, "",
                "version " + std::to_string(v.ins->version) + " appears twice (also in " + it->second->file +
                    ")");
        if (&v != &cur && v.ins->version >= cur.ins->version)
            add(v, "",
                "archived version " + std::to_string(v.ins->version) +
                    " is not older than the current version " + std::to_string(cur.ins->version));
        if (v.ins->id != cur.ins->id)
            add(v, "", "instrument id \"" + v.ins->id + "\" differs from \"" + cur.ins->id + "\"");
        if (&v != &cur && scaleList(*v.ins) != scaleList(*cur.ins))
            add(v, "", "scales differ from the current version (" + scaleList(*cur.ins) + ")");
        if (&v != &cur && v.ins->answers.size() != cur.ins->answers.size())
            add(v, "", "answer options differ from the current version");
    }
    // An item id means one item forever. Compare each occurrence with the first version that has it.
    std::map<std::string, std::pair<const VersionFile*, const Item*>> first;
    for (const VersionFile& v : versions)
        for (const Item& it : v.ins->items) {
            auto [f, fresh] = first.emplace(it.id, std::make_pair(&v, &it));
            if (fresh) continue;
            const Item& was = *f->second.second;
            const std::string where = " in " + f->second.first->file + " (version " +
                                      std::to_string(f->second.first->ins->version) + ")";
            if (was.text.ky != it.text.ky || was.text.ru != it.text.ru)
                add(v, it.id,
                    "item id reused with a different text than" + where + ": a changed item needs a new id");
            else if (was.scale != it.scale || was.reverse != it.reverse)
                add(v, it.id, "item id reused with a different scale or keying than" + where);
        }
}

std::optional<Instrument> loadInstrumentVersions(const std::string& dir, const std::string& id,
                                                 const InstrumentSpec& spec, std::vector<Problem>& problems) {
    const size_t before = problems.size();
    const std::string currentPath = dir + "/" + id + ".json";
    std::string currentText;
    if (!readFile(currentPath, currentText)) {
        problems.push_back({currentPath, 0, "", "cannot read file"});
        return std::nullopt;
    }
    auto current = parseInstrument(currentText, currentPath, spec, problems);

    // Archived versions, oldest first.
    struct Archived {
        int number;
        std::string path, text;
    };
    std::vector<Archived> files;
    std::error_code ec;
    const std::string archive = dir + "/archive";
    if (fs::is_directory(archive, ec))
        for (const auto& e : fs::directory_iterator(archive, ec)) {
            const std::string name = e.path().filename().string();
            if (name.rfind(id + "-", 0) != 0 || e.path().extension() != ".json") continue;
            Archived a{archivedVersion(name, id), e.path().string(), {}};
            if (a.number < 0) {
                problems.push_back({a.path, 0, "", "archived versions are named " + id + "-v<N>.json"});
                continue;
            }
            if (!readFile(a.path, a.text)) {
                problems.push_back({a.path, 0, "", "cannot read file"});
                continue;
            }
            files.push_back(std::move(a));
        }
    std::sort(files.begin(), files.end(),
              [](const Archived& a, const Archived& b) { return a.number < b.number; });

    std::vector<std::shared_ptr<const Instrument>> older;
    std::vector<VersionFile> all;
    for (const Archived& a : files) {
        auto ins = parseInstrument(a.text, a.path, spec, problems);
        if (!ins) continue;
        if (ins->version != a.number)
            problems.push_back({a.path, content::lineOf(a.text, "\"version\""), "",
                                "file name says version " + std::to_string(a.number) + ", the file says " +
                                    std::to_string(ins->version)});
        older.push_back(std::make_shared<const Instrument>(std::move(*ins)));
        all.push_back({older.back().get(), a.path, a.text});
    }
    if (!current) return std::nullopt;
    all.push_back({&*current, currentPath, currentText});
    checkVersions(all, problems);
    if (problems.size() != before) return std::nullopt;
    current->older = std::move(older);
    return current;
}

std::vector<const Instrument*> allVersions(const Instrument& current) {
    std::vector<const Instrument*> v;
    for (const auto& o : current.older) v.push_back(o.get());
    v.push_back(&current);
    return v;
}

std::string packTimes(const Instrument& ins, const std::vector<Response>& responses) {
    std::vector<int> tenths(ins.items.size(), -1);
    for (const Response& r : responses) {
        const int i = ins.itemIndex(r.itemId);
        if (i < 0) continue;
        const int64_t t = (std::max<int64_t>(0, r.responseMs) + 50) / 100;
        tenths[size_t(i)] = int(std::min<int64_t>(t, kTimeCapTenths));
    }
    std::string s;
    for (size_t i = 0; i < tenths.size(); ++i) {
        if (i) s += ',';
        if (tenths[i] >= 0) s += std::to_string(tenths[i]);
    }
    return s;
}

std::vector<std::optional<double>> unpackTimes(const std::string& packed, size_t items) {
    std::vector<std::optional<double>> out(items);
    size_t i = 0, start = 0;
    while (i < items && start <= packed.size()) {
        size_t end = packed.find(',', start);
        if (end == std::string::npos) end = packed.size();
        const std::string cell = packed.substr(start, end - start);
        if (!cell.empty() && cell.size() <= 4 && allDigits(cell)) out[i] = std::stoi(cell) / 10.0;
        ++i;
        start = end + 1;
    }
    return out;
}

} // namespace kesip::assess
