#include <cairo-pdf.h>
#include <cmath>
#include <filesystem>

#include "psychometrics/pdf_doc.hpp"
#include "psychometrics/report_out.hpp"

namespace kesip::psychometrics {

using namespace pdf;

namespace {

struct Out {
    const l10n::Catalog& cat;
    Lang lang;
    std::string tr(const char* key) const { return cat.tr(lang, key); }
    std::string tr(const char* key, std::initializer_list<l10n::Arg> args) const {
        return cat.tr(lang, key, args);
    }
    std::string num(double v, int decimals) const {
        if (std::fabs(v) < 0.5 * std::pow(10.0, -decimals)) v = 0; // never "-0,00"
        return cat.formatNumber(lang, v, decimals);
    }
    Cell val(const std::optional<double>& v, int decimals, double scale = 1,
             bool undefinedIsVariance = false) const {
        if (v) return {num(*v * scale, decimals)};
        return {tr(undefinedIsVariance ? "psy_no_variance" : "psy_too_few"), false, kMuted};
    }
    std::string band(const std::string& code) const {
        const std::string key = "demo_age_" + code;
        return cat.has(lang, key) ? cat.tr(lang, key) : code;
    }
};

// Smallest attained score whose percentile rank reaches p.
double scoreAt(const std::vector<std::pair<double, double>>& pts, double p) {
    for (const auto& [score, rank] : pts)
        if (rank >= p) return score;
    return pts.empty() ? 0 : pts.back().first;
}

void header(Doc& d, const Report& r, const Out& o) {
    d.y += d.text(o.tr("psy_title"), 17, true, kMargin, d.y, kContentW) + 6;
    d.para(o.tr("psy_source", {{"file", r.file},
                               {"sessions", r.sessions},
                               {"from", r.first.empty() ? "?" : r.first},
                               {"to", r.last.empty() ? "?" : r.last}}),
           9);
    d.para(o.tr("psy_generated", {{"date", r.generated}}), 9, false, kMuted, 6);
    if (r.simulatedSessions > 0)
        d.para(o.tr("psy_simulated", {{"n", r.simulatedSessions}}), 9.5, true, kRed, 6);
    if (!r.timesColumn) d.para(o.tr("psy_no_times"), 9, false, kInk, 6);
    d.rule();
    d.heading(o.tr("psy_methods_title"), 11);
    d.para(o.tr("psy_methods", {{"min", kMinNormRuns}}), 8.5);
    d.para(o.tr("psy_legend"), 8.5, false, kMuted, 8);
}

void scalesTable(Doc& d, const VersionReport& v, const Out& o) {
    d.heading(o.tr("psy_scales"), 11);
    std::vector<Column> cols = {{o.tr("psy_col_scale"), 122, Align::Left},
                                {o.tr("psy_col_items"), 50},
                                {o.tr("psy_col_n"), 44},
                                {o.tr("psy_col_alpha"), 44},
                                {o.tr("psy_col_ci"), 80},
                                {o.tr("psy_col_mean_pct"), 58},
                                {o.tr("psy_col_sd_pct"), 50}};
    double used = 0;
    for (const Column& c : cols) used += c.width;
    cols.push_back({o.tr("psy_col_d"), kContentW - used});
    std::vector<std::vector<Cell>> rows;
    for (const ScaleStats& s : v.scales) {
        const auto& sc = v.ins->scales[size_t(v.ins->scaleIndex(s.id))];
        Cell ci = s.ci ? Cell{o.num(s.ci->low, 2) + " – " + o.num(s.ci->high, 2)}
                       : Cell{o.tr(s.zeroVariance ? "psy_no_variance" : "psy_too_few"), false, kMuted};
        Cell dd = o.val(s.d, 2, 1, s.girls >= kMinGroupRuns && s.boys >= kMinGroupRuns);
        if (s.d && std::fabs(*s.d) >= kBiasFlag) dd = {dd.text, true, kRed};
        rows.push_back({{sc.name.get(o.lang)},
                        {std::to_string(s.k)},
                        {std::to_string(s.complete)},
                        s.alpha ? Cell{o.num(*s.alpha, 2), true} : Cell{ci.text, false, kMuted},
                        ci,
                        o.val(s.meanPercent, 1),
                        o.val(s.sdPercent, 1),
                        dd});
    }
    d.table(cols, rows, 8);
}

void itemTables(Doc& d, const VersionReport& v, const Out& o) {
    for (const ScaleStats& s : v.scales) {
        const auto& sc = v.ins->scales[size_t(v.ins->scaleIndex(s.id))];
        d.heading(o.tr("psy_items", {{"scale", sc.name.get(o.lang)}}), 9.5);
        std::vector<Column> cols = {{o.tr("psy_col_no"), 20},      {o.tr("psy_col_item"), 0, Align::Left},
                                    {o.tr("psy_col_n"), 28},       {o.tr("psy_col_mean"), 38},
                                    {o.tr("psy_col_sd"), 28},      {o.tr("psy_col_floor"), 42},
                                    {o.tr("psy_col_ceiling"), 42}, {o.tr("psy_col_rit"), 30},
                                    {o.tr("psy_col_skip"), 46},    {o.tr("psy_col_time"), 46},
                                    {o.tr("psy_col_d"), 50}};
        double used = 0;
        for (const Column& c : cols) used += c.width;
        cols[1].width = kContentW - used;
        std::vector<std::vector<Cell>> rows;
        for (const ItemStats& it : s.items) {
            const auto& item = v.ins->items[size_t(it.position - 1)];
            std::string text = item.text.get(o.lang);
            if (it.reverse) text += " " + o.tr("psy_reverse");
            Cell dd = o.val(it.d, 2, 1, it.girls >= kMinGroupRuns && it.boys >= kMinGroupRuns);
            if (it.flagged) dd = {dd.text, true, kRed};
            rows.push_back({{std::to_string(it.position)},
                            {it.id + " · " + text},
                            {std::to_string(it.answered)},
                            o.val(it.mean, 2),
                            o.val(it.sd, 2),
                            o.val(it.floor, 0, 100),
                            o.val(it.ceiling, 0, 100),
                            o.val(it.itemTotal, 2, 1, s.complete >= kMinCorrRuns),
                            o.val(it.skipRate, 1, 100),
                            o.val(it.medianSeconds, 1),
                            dd});
        }
        d.table(cols, rows, 7);
    }
}

void flagsTable(Doc& d, const VersionReport& v, const Out& o) {
    d.heading(o.tr("psy_flags"), 11);
    std::vector<std::vector<Cell>> rows;
    for (const char* f : {"flat", "same_answer", "too_fast", "too_many_skipped", "incomplete"}) {
        auto it = v.flags.find(f);
        const int64_t n = it == v.flags.end() ? 0 : it->second;
        const std::string key = std::string("flag_") + f;
        rows.push_back({{o.cat.tr(o.lang, key)},
                        {std::to_string(n)},
                        v.runs >= kMinItemRuns ? Cell{o.num(100.0 * double(n) / double(v.runs), 1)}
                                               : Cell{o.tr("psy_too_few"), false, kMuted}});
    }
    d.table({{o.tr("psy_col_flag"), 300, Align::Left},
             {o.tr("psy_col_runs"), 100},
             {o.tr("psy_col_share"), kContentW - 400}},
            rows, 8);
}

void normsSection(Doc& d, const VersionReport& v, const Out& o) {
    d.heading(o.tr("psy_norms"), 11);
    for (const char* band : {"under_15", "15_17", "18_20", "21_24", "25_plus"}) {
        auto it = v.usableByBand.find(band);
        if (it == v.usableByBand.end()) continue;
        const int64_t n = it->second;
        d.para(n >= kMinNormRuns
                   ? o.tr("psy_band_runs", {{"band", o.band(band)}, {"n", n}})
                   : o.tr("psy_band_too_few", {{"band", o.band(band)}, {"n", n}, {"min", kMinNormRuns}}),
               8.5, false, n >= kMinNormRuns ? kInk : kMuted, 1);
    }
    d.y += 4;
    if (!v.norms) {
        d.para(o.tr("psy_norms_none", {{"min", kMinNormRuns}}), 8.5);
        return;
    }
    const double ps[] = {10, 25, 50, 75, 90};
    std::vector<Column> cols = {{o.tr("psy_col_band"), 150, Align::Left},
                                {o.tr("psy_col_scale"), 110, Align::Left}};
    for (double p : ps) cols.push_back({o.tr("psy_col_p", {{"p", int(p)}}), (kContentW - 260) / 5});
    std::vector<std::vector<Cell>> rows;
    for (const NormBand& b : v.norms->bands)
        for (const auto& sc : v.ins->scales) {
            auto it = b.scales.find(sc.id);
            if (it == b.scales.end()) continue;
            std::vector<Cell> row = {{o.band(b.ageBand) + " (" + std::to_string(b.runs) + ")"},
                                     {sc.name.get(o.lang)}};
            for (double p : ps) row.push_back({o.num(scoreAt(it->second, p), 0)});
            rows.push_back(std::move(row));
        }
    d.table(cols, rows, 8);
    d.para(o.tr("psy_norm_note"), 8, false, kMuted);
}

cairo_status_t toString(void* closure, const unsigned char* data, unsigned int length) {
    static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
    return CAIRO_STATUS_SUCCESS;
}

} // namespace

bool writeReportPdf(const Report& r, const l10n::Catalog& cat, Lang lang, const std::string& path,
                    std::string& error) {
    std::error_code ec;
    if (std::filesystem::path(path).has_parent_path())
        std::filesystem::create_directories(std::filesystem::path(path).parent_path(), ec);
    const Out o{cat, lang};
    std::string bytes;
    cairo_surface_t* surface = cairo_pdf_surface_create_for_stream(toString, &bytes, kPageW, kPageH);
    const std::string title = o.tr("psy_title");
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, title.c_str());
    cairo_t* cr = cairo_create(surface);
    {
        Doc d(cr, lang);
        header(d, r, o);
        for (const VersionReport& v : r.versions) {
            if (&v != &r.versions.front()) d.breakPage(); // each version starts a page of its own
            d.y += 10;
            const std::string test = v.ins ? v.ins->title.get(lang) : v.instrument;
            d.heading(o.tr("psy_version", {{"test", test}, {"version", v.version}}), 14);
            d.para(o.tr("psy_sample", {{"runs", v.runs}, {"completed", v.completed}, {"timed", v.timed}}), 9);
            if (v.malformed) d.para(o.tr("psy_malformed", {{"n", v.malformed}}), 9, false, kRed);
            if (!v.ins) {
                d.para(o.tr("psy_no_file"), 9, true, kRed);
                continue;
            }
            d.y += 4;
            scalesTable(d, v, o);
            flagsTable(d, v, o);
            normsSection(d, v, o);
            itemTables(d, v, o);
        }
        d.finish();
    }
    cairo_status_t st = cairo_status(cr);
    cairo_destroy(cr);
    cairo_surface_finish(surface);
    if (st == CAIRO_STATUS_SUCCESS) st = cairo_surface_status(surface);
    cairo_surface_destroy(surface);
    if (st != CAIRO_STATUS_SUCCESS) {
        error = path + ": " + cairo_status_to_string(st);
        return false;
    }
    return writeFileAtomic(path, bytes, error);
}

} // namespace kesip::psychometrics
