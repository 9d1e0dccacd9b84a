#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>

#include "psychometrics/report_out.hpp"

namespace kesip::psychometrics {

namespace fs = std::filesystem;

namespace {

std::string field(const std::string& v) {
    if (v.find_first_of(",\"\r\n") == std::string::npos) return v;
    std::string out = "\"";
    for (char c : v) {
        if (c == '"') out += '"';
        out += c;
    }
    return out + '"';
}

std::string num(double v, int decimals) {
    char b[64];
    std::snprintf(b, sizeof b, "%.*f", decimals, v);
    return b;
}

std::string opt(const std::optional<double>& v, int decimals, const char* missing = "too_few") {
    return v ? num(*v, decimals) : std::string(missing);
}

struct Csv {
    std::string text = "\xEF\xBB\xBF"; // BOM: spreadsheets otherwise read UTF-8 as the ANSI code page
    void row(std::initializer_list<std::string> cells) {
        bool first = true;
        for (const auto& c : cells) {
            if (!first) text += ',';
            text += field(c);
            first = false;
        }
        text += "\r\n";
    }
};

std::string str(int64_t v) {
    return std::to_string(v);
}

} // namespace

bool writeFileAtomic(const std::string& path, const std::string& data, std::string& error) {
    const std::string tmp = path + ".part";
    {
        std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
        out.write(data.data(), std::streamsize(data.size()));
        out.flush();
        if (!out.good()) {
            error = tmp + ": " + std::strerror(errno ? errno : EIO);
            std::error_code ec;
            fs::remove(tmp, ec);
            return false;
        }
    }
    std::error_code ec;
    fs::rename(tmp, path, ec);
    if (ec) {
        error = path + ": " + ec.message();
        fs::remove(tmp, ec);
        return false;
    }
    return true;
}

bool writeReportCsv(const Report& r, Lang lang, const std::string& dir, std::string& error) {
    std::error_code ec;
    fs::create_directories(dir, ec);
    Csv sample, scales, items, flags, bands, norms;
    sample.row({"instrument", "version", "has_file", "runs", "completed", "malformed", "timed_runs",
                "merged_file", "first", "last", "simulated_sessions"});
    scales.row({"instrument", "version", "scale", "name", "items", "complete_runs", "alpha", "alpha_ci95_low",
                "alpha_ci95_high", "scored_runs", "mean_percent", "sd_percent", "girls", "boys",
                "d_girls_minus_boys"});
    items.row({"instrument",
               "version",
               "position",
               "item",
               "scale",
               "reverse",
               "text",
               "reached",
               "answered",
               "mean",
               "sd",
               "floor_share",
               "ceiling_share",
               "corrected_item_total_r",
               "skip_rate",
               "timed",
               "median_seconds",
               "girls",
               "boys",
               "d_girls_minus_boys",
               "flag_abs_d_ge_0_5"});
    flags.row({"instrument", "version", "flag", "runs_with_flag", "runs", "share"});
    bands.row({"instrument", "version", "age_band", "usable_complete_runs", "norms"});
    norms.row({"instrument", "version", "age_band", "band_runs", "scale", "score_percent", "percentile_rank",
               "source", "merged_file"});
    for (const VersionReport& v : r.versions) {
        const std::string id = v.instrument, ver = std::to_string(v.version);
        sample.row({id, ver, v.ins ? "yes" : "no", str(v.runs), str(v.completed), str(v.malformed),
                    str(v.timed), r.file, r.first, r.last, str(r.simulatedSessions)});
        for (const auto& [flag, n] : v.flags)
            flags.row({id, ver, flag, str(n), str(v.runs),
                       v.runs ? num(double(n) / double(v.runs), 4) : "too_few"});
        for (const auto& [band, n] : v.usableByBand)
            bands.row({id, ver, band, str(n), v.norms && v.norms->band(band) ? "yes" : "too_few"});
        if (!v.ins) continue;
        for (const ScaleStats& s : v.scales) {
            const assess::Scale& sc = v.ins->scales[size_t(v.ins->scaleIndex(s.id))];
            const char* noAlpha = s.zeroVariance ? "no_variance" : "too_few";
            scales.row(
                {id, ver, s.id, sc.name.get(lang), str(s.k), str(s.complete), opt(s.alpha, 4, noAlpha),
                 s.ci ? num(s.ci->low, 4) : noAlpha, s.ci ? num(s.ci->high, 4) : noAlpha, str(s.scored),
                 opt(s.meanPercent, 2), opt(s.sdPercent, 2), str(s.girls), str(s.boys),
                 opt(s.d, 3,
                     s.girls >= kMinGroupRuns && s.boys >= kMinGroupRuns ? "no_variance" : "too_few")});
            for (const ItemStats& it : s.items) {
                const assess::Item& item = v.ins->items[size_t(it.position - 1)];
                const bool groups = it.girls >= kMinGroupRuns && it.boys >= kMinGroupRuns;
                items.row({id,
                           ver,
                           str(it.position),
                           it.id,
                           s.id,
                           it.reverse ? "yes" : "no",
                           item.text.get(lang),
                           str(it.reached),
                           str(it.answered),
                           opt(it.mean, 3),
                           opt(it.sd, 3),
                           opt(it.floor, 4),
                           opt(it.ceiling, 4),
                           opt(it.itemTotal, 3, s.complete >= kMinCorrRuns ? "no_variance" : "too_few"),
                           opt(it.skipRate, 4),
                           str(it.timed),
                           opt(it.medianSeconds, 1),
                           str(it.girls),
                           str(it.boys),
                           opt(it.d, 3, groups ? "no_variance" : "too_few"),
                           it.d ? (it.flagged ? "yes" : "no") : ""});
            }
        }
        if (v.norms)
            for (const NormBand& b : v.norms->bands)
                for (const auto& [scale, pts] : b.scales)
                    for (const auto& [score, rank] : pts)
                        norms.row({id, ver, b.ageBand, str(b.runs), scale, num(score, 2), num(rank, 1),
                                   v.norms->source.kind, r.file});
    }
    const std::pair<const char*, Csv*> files[] = {{"psy-sample.csv", &sample}, {"psy-scales.csv", &scales},
                                                  {"psy-items.csv", &items},   {"psy-flags.csv", &flags},
                                                  {"psy-bands.csv", &bands},   {"psy-norms.csv", &norms}};
    for (const auto& [name, csv] : files)
        if (!writeFileAtomic((fs::path(dir) / name).string(), csv->text, error)) return false;
    return true;
}

int writeNormsFiles(const Report& r, const std::string& dir, std::string& error) {
    std::error_code ec;
    fs::create_directories(dir, ec);
    int n = 0;
    for (const VersionReport& v : r.versions) {
        if (!v.norms) continue;
        const std::string name = "norms-" + v.instrument + "-v" + std::to_string(v.version) + ".json";
        if (!writeFileAtomic((fs::path(dir) / name).string(), normsToJson(*v.norms), error)) return -1;
        ++n;
    }
    return n;
}

} // namespace kesip::psychometrics
