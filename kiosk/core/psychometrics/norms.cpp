#include "psychometrics/norms.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <set>

#include "assess/versions.hpp"
#include "util/paths.hpp"

namespace kesip::psychometrics {

using content::Problem;
using nlohmann::json;

namespace {

const std::set<std::string>& ageBands() {
    static const std::set<std::string> b = {"under_15", "15_17", "18_20", "21_24", "25_plus"};
    return b;
}

const assess::Instrument* findVersion(const std::vector<const assess::Instrument*>& instruments,
                                      const std::string& id, int version) {
    for (const assess::Instrument* cur : instruments)
        if (cur && cur->id == id) return cur->atVersion(version);
    return nullptr;
}

json pointsJson(const std::vector<std::pair<double, double>>& pts) {
    json a = json::array();
    for (const auto& [score, rank] : pts)
        a.push_back({std::round(score * 100) / 100, std::round(rank * 10) / 10});
    return a;
}

std::vector<std::pair<double, double>> pointsFrom(const json& a) {
    std::vector<std::pair<double, double>> pts;
    for (const json& p : a) pts.push_back({p.at(0).get<double>(), p.at(1).get<double>()});
    return pts;
}

} // namespace

const NormBand* NormsTable::band(const std::string& ageBand) const {
    for (const NormBand& b : bands)
        if (b.ageBand == ageBand) return &b;
    return nullptr;
}

std::optional<int> percentileOf(const NormsTable& t, const std::string& ageBand, const std::string& scale,
                                double percent) {
    const NormBand* b = t.band(ageBand);
    if (!b) return std::nullopt;
    auto it = b->scales.find(scale);
    if (it == b->scales.end() || it->second.empty()) return std::nullopt;
    const auto& pts = it->second;
    auto best = std::min_element(pts.begin(), pts.end(), [&](const auto& x, const auto& y) {
        return std::fabs(x.first - percent) < std::fabs(y.first - percent);
    });
    // 1..99: "about 100 of 100 are lower" would say nobody is level with the visitor.
    return std::clamp(int(std::lround(best->second)), 1, 99);
}

std::string normsToJson(const NormsTable& t) {
    json bands = json::array();
    for (const NormBand& b : t.bands) {
        json scales = json::object();
        for (const auto& [id, pts] : b.scales) scales[id] = pointsJson(pts);
        bands.push_back({{"age_band", b.ageBand}, {"runs", b.runs}, {"scales", scales}});
    }
    json j = {{"instrument", t.instrument},
              {"version", t.version},
              {"score", "percent"},
              {"source",
               {{"kind", t.source.kind},
                {"merged_file", t.source.mergedFile},
                {"runs", t.source.runs},
                {"first", t.source.first},
                {"last", t.source.last},
                {"generated", t.source.generated}}},
              {"bands", bands}};
    return j.dump(2, ' ', false) + "\n";
}

std::optional<NormsTable> parseNorms(const std::string& text, const std::string& file,
                                     std::vector<Problem>& problems) {
    try {
        const json j = json::parse(text);
        NormsTable t;
        t.instrument = j.at("instrument").get<std::string>();
        t.version = j.at("version").get<int>();
        if (j.value("score", "") != "percent") throw std::runtime_error("\"score\" must be \"percent\"");
        const json& s = j.at("source");
        t.source.kind = s.at("kind").get<std::string>();
        t.source.mergedFile = s.value("merged_file", "");
        t.source.runs = s.value("runs", int64_t(0));
        t.source.first = s.value("first", "");
        t.source.last = s.value("last", "");
        t.source.generated = s.value("generated", "");
        for (const json& b : j.at("bands")) {
            NormBand nb;
            nb.ageBand = b.at("age_band").get<std::string>();
            nb.runs = b.at("runs").get<int64_t>();
            for (const auto& [scale, pts] : b.at("scales").items()) nb.scales[scale] = pointsFrom(pts);
            t.bands.push_back(std::move(nb));
        }
        return t;
    } catch (const std::exception& e) {
        problems.push_back({file, 0, "", std::string("not a norms file: ") + e.what()});
        return std::nullopt;
    }
}

void checkNorms(const NormsTable& t, const std::vector<const assess::Instrument*>& instruments,
                const std::string& file, std::vector<Problem>& problems) {
    const std::string what = t.instrument + " v" + std::to_string(t.version);
    auto add = [&](const std::string& msg) { problems.push_back({file, 0, what, msg}); };
    if (t.source.kind == "simulated")
        add("norms made from simulated data are refused: only field data");
    else if (t.source.kind != "field")
        add("source.kind must be \"field\"");
    if (t.source.mergedFile.empty() || t.source.first.empty() || t.source.last.empty() ||
        t.source.generated.empty() || t.source.runs <= 0)
        add("source must name the merged file, the number of runs, the first and last period and the date");
    const assess::Instrument* ins = findVersion(instruments, t.instrument, t.version);
    if (!ins) {
        add("no such instrument version: norms must belong to an instrument version this build has");
        return;
    }
    if (t.bands.empty()) add("no age bands");
    std::set<std::string> seen;
    for (const NormBand& b : t.bands) {
        if (!ageBands().count(b.ageBand)) add("unknown age band \"" + b.ageBand + "\"");
        if (!seen.insert(b.ageBand).second) add("age band \"" + b.ageBand + "\" twice");
        if (b.runs < kMinNormRuns)
            add("age band \"" + b.ageBand + "\" has " + std::to_string(b.runs) + " runs, fewer than " +
                std::to_string(kMinNormRuns));
        if (b.scales.size() != ins->scales.size()) add("age band \"" + b.ageBand + "\" lacks scales");
        for (const auto& [scale, pts] : b.scales) {
            if (ins->scaleIndex(scale) < 0) add("unknown scale \"" + scale + "\"");
            bool ordered = !pts.empty();
            for (size_t i = 0; i < pts.size(); ++i) {
                if (pts[i].first < 0 || pts[i].first > 100 || pts[i].second < 0 || pts[i].second > 100)
                    ordered = false;
                if (i && (pts[i].first <= pts[i - 1].first || pts[i].second < pts[i - 1].second))
                    ordered = false;
            }
            if (!ordered) add("scale \"" + scale + "\": scores and ranks must rise, within 0..100");
        }
    }
}

std::vector<NormsTable> loadNormsDir(const std::string& dir,
                                     const std::vector<const assess::Instrument*>& instruments,
                                     std::vector<Problem>& problems) {
    std::vector<NormsTable> out;
    std::error_code ec;
    if (!std::filesystem::is_directory(dir, ec)) return out;
    std::vector<std::string> files;
    for (const auto& e : std::filesystem::directory_iterator(dir, ec))
        if (e.path().extension() == ".json") files.push_back(e.path().string());
    std::sort(files.begin(), files.end());
    std::set<std::pair<std::string, int>> seen;
    for (const std::string& f : files) {
        std::string text;
        if (!readFile(f, text)) {
            problems.push_back({f, 0, "", "cannot read file"});
            continue;
        }
        const size_t before = problems.size();
        auto t = parseNorms(text, f, problems);
        if (!t) continue;
        checkNorms(*t, instruments, f, problems);
        if (!seen.insert({t->instrument, t->version}).second)
            problems.push_back(
                {f, 0, "", "a second norms file for " + t->instrument + " v" + std::to_string(t->version)});
        if (problems.size() == before) out.push_back(std::move(*t));
    }
    return out;
}

void writeNormsTables(store::Database& db, const std::vector<NormsTable>& tables) {
    db.exec(R"sql(
CREATE TABLE IF NOT EXISTS norms_source(instrument TEXT NOT NULL, version INTEGER NOT NULL, kind TEXT NOT NULL,
  merged_file TEXT NOT NULL, runs INTEGER NOT NULL, first TEXT NOT NULL, last TEXT NOT NULL,
  generated TEXT NOT NULL, PRIMARY KEY(instrument, version));
CREATE TABLE IF NOT EXISTS norms(instrument TEXT NOT NULL, version INTEGER NOT NULL, age_band TEXT NOT NULL,
  scale TEXT NOT NULL, runs INTEGER NOT NULL, points TEXT NOT NULL,  -- JSON [[percent, rank], ...]
  PRIMARY KEY(instrument, version, age_band, scale));
)sql");
    auto src = db.prepare("INSERT INTO norms_source VALUES(?,?,?,?,?,?,?,?)");
    auto row = db.prepare("INSERT INTO norms VALUES(?,?,?,?,?,?)");
    for (const NormsTable& t : tables) {
        src.reset();
        src.bind(1, t.instrument).bind(2, t.version).bind(3, t.source.kind).bind(4, t.source.mergedFile);
        src.bind(5, t.source.runs).bind(6, t.source.first).bind(7, t.source.last).bind(8, t.source.generated);
        src.run();
        for (const NormBand& b : t.bands)
            for (const auto& [scale, pts] : b.scales) {
                row.reset();
                row.bind(1, t.instrument).bind(2, t.version).bind(3, b.ageBand).bind(4, scale);
                row.bind(5, b.runs).bind(6, pointsJson(pts).dump()).run();
            }
    }
}

std::vector<NormsTable> readNormsTables(store::Database& db) {
    std::vector<NormsTable> out;
    if (db.queryInt("SELECT count(*) FROM sqlite_master WHERE type='table' AND name IN "
                    "('norms','norms_source')") != 2)
        return out;
    auto s = db.prepare("SELECT instrument, version, kind, merged_file, runs, first, last, generated FROM "
                        "norms_source ORDER BY instrument, version");
    while (s.step()) {
        NormsTable t;
        t.instrument = s.getText(0);
        t.version = int(s.getInt(1));
        t.source = {s.getText(2), s.getText(3), s.getInt(4), s.getText(5), s.getText(6), s.getText(7)};
        auto r =
            db.prepare("SELECT age_band, scale, runs, points FROM norms WHERE instrument=? AND version=? "
                       "ORDER BY age_band, scale");
        r.bind(1, t.instrument).bind(2, t.version);
        while (r.step()) {
            const std::string band = r.getText(0);
            auto b = std::find_if(t.bands.begin(), t.bands.end(),
                                  [&](const NormBand& x) { return x.ageBand == band; });
            if (b == t.bands.end()) b = t.bands.insert(t.bands.end(), NormBand{band, r.getInt(2), {}});
            b->scales[r.getText(1)] = pointsFrom(json::parse(r.getText(3)));
        }
        out.push_back(std::move(t));
    }
    return out;
}

bool addNormsToContentDb(const std::string& path, const std::vector<NormsTable>& tables, std::string& error) {
    if (tables.empty()) return true;
    try {
        store::Database db(path);
        store::Transaction tx(db);
        writeNormsTables(db, tables);
        tx.commit();
    } catch (const std::exception& e) {
        error = path + ": " + e.what();
        return false;
    }
    return true;
}

std::vector<NormsTable> loadContentNorms(const std::string& path,
                                         const std::vector<const assess::Instrument*>& instruments,
                                         std::vector<Problem>& problems) {
    std::vector<NormsTable> out;
    try {
        store::Database db(path, store::Database::Mode::ReadOnly);
        for (NormsTable& t : readNormsTables(db)) {
            const size_t before = problems.size();
            checkNorms(t, instruments, path, problems);
            if (problems.size() == before) out.push_back(std::move(t));
        }
    } catch (const std::exception& e) {
        problems.push_back({path, 0, "", std::string("norms unreadable: ") + e.what()});
    }
    return out;
}

std::vector<std::optional<int>> percentilesFor(const std::vector<NormsTable>& norms,
                                               const assess::Instrument& ins,
                                               const std::vector<double>& scalePercents,
                                               const std::optional<std::string>& ageBand) {
    std::vector<std::optional<int>> out(ins.scales.size());
    if (!ageBand) return out;
    for (const NormsTable& t : norms) {
        if (t.instrument != ins.id || t.version != ins.version) continue;
        for (size_t s = 0; s < ins.scales.size() && s < scalePercents.size(); ++s)
            out[s] = percentileOf(t, *ageBand, ins.scales[s].id, scalePercents[s]);
    }
    return out;
}

NormsVerdict checkContentNorms(const std::string& path,
                               const std::vector<const assess::Instrument*>& instruments,
                               std::string& detail) {
    try {
        store::Database db(path, store::Database::Mode::ReadOnly);
        for (const NormsTable& t : readNormsTables(db)) {
            const std::string what = t.instrument + " v" + std::to_string(t.version);
            if (t.source.kind != "field") {
                detail = "norms for " + what + " are from " + t.source.kind + " data";
                return NormsVerdict::Simulated;
            }
            if (!findVersion(instruments, t.instrument, t.version)) {
                detail = "norms for " + what + ": this kiosk has no such instrument version";
                return NormsVerdict::UnknownVersion;
            }
            std::vector<Problem> ps;
            checkNorms(t, instruments, "content.sqlite", ps);
            if (!ps.empty()) {
                detail = ps.front().str();
                return NormsVerdict::Invalid;
            }
        }
    } catch (const std::exception& e) {
        detail = std::string("norms unreadable: ") + e.what();
        return NormsVerdict::Invalid;
    }
    return NormsVerdict::Ok;
}

} // namespace kesip::psychometrics
