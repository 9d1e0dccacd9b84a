#include "sync/summary.hpp"

#include "sync/labels.hpp"
#include "util/typeset.hpp"

#include <algorithm>
#include <cairo-pdf.h>
#include <cairo.h>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <sys/stat.h>
#include <unistd.h>
#include <utility>

namespace kesip::sync {

namespace fs = std::filesystem;

std::string cell(int64_t n) {
    if (n < kSmallCell) return "<" + std::to_string(kSmallCell);
    return std::to_string(n);
}

bool isPeriodKey(const std::string& d) {
    auto digits = [&](std::initializer_list<size_t> at) {
        for (size_t i : at)
            if (d[i] < '0' || d[i] > '9') return false;
        return true;
    };
    if (d.size() == 10 && d[4] == '-' && d[7] == '-') return digits({0, 1, 2, 3, 5, 6, 8, 9});
    if (d.size() == 8 && d[4] == '-' && d[5] == 'W') return digits({0, 1, 2, 3, 6, 7});
    return false;
}

namespace {

bool ensureDir(const std::string& dir, std::string& error) {
    if (dir.empty()) return true;
    std::error_code ec;
    fs::create_directories(dir, ec);
    if (ec) {
        error = dir + ": " + ec.message();
        return false;
    }
    if (!fs::is_directory(dir, ec)) {
        error = dir + ": " + std::strerror(ENOTDIR);
        return false;
    }
    return true;
}

// ---------------------------------------------------------------------------------------------------
// Sections shared by CSV and PDF: which map, its machine key, its heading and where its labels live.
struct Section {
    const char* key;                                  // CSV section name (machine key)
    const std::map<std::string, int64_t>* counts;     // code -> count
    const std::string* heading;                       // from SummaryLabels
    const std::map<std::string, std::string>* labels; // code -> label, may be null
    bool ranked;                                      // "top" lists read best largest first
};

std::vector<Section> sections(const DaySummary& d, const SummaryLabels& l) {
    // Language names are no separate map in SummaryLabels; the caller may put "ky"/"ru" in demo.
    return {
        {"lang", &d.lang, &l.languages, &l.demo, false},
        {"top_type", &d.topType, &l.topTypes, &l.types, true},
        {"top_field", &d.topField, &l.topFields, &l.fields, true},
        {"age_band", &d.ageBand, &l.ageBands, &l.demo, false},
        {"gender", &d.gender, &l.genders, &l.demo, false},
        {"status", &d.status, &l.statuses, &l.demo, false},
        {"oblast", &d.oblast, &l.oblasts, &l.demo, false},
        {"trial_type", &d.trialType, &l.trialTypes, &l.trialTypeNames, false},
    };
}

std::string labelOf(const Section& s, const std::string& code) {
    if (s.labels) {
        auto it = s.labels->find(code);
        if (it != s.labels->end() && !it->second.empty()) return it->second;
    }
    return code;
}

// Ordered rows of a section. Ranked lists sort by the *displayed* value: all suppressed cells compare
// equal, so their order (by code) reveals nothing about which of them is larger.
std::vector<std::pair<std::string, int64_t>> rowsOf(const Section& s) {
    std::vector<std::pair<std::string, int64_t>> rows(s.counts->begin(), s.counts->end());
    if (s.ranked) {
        auto bucket = [](int64_t n) { return n < kSmallCell ? int64_t(0) : n; };
        std::stable_sort(rows.begin(), rows.end(),
                         [&](const auto& a, const auto& b) { return bucket(a.second) > bucket(b.second); });
    }
    return rows;
}

// ---------------------------------------------------------------------------------------------------
// CSV (RFC 4180: CRLF line ends, fields with comma, quote or line break quoted, quotes doubled).
std::string csvField(const std::string& raw) {
    // A cell a spreadsheet would run as a formula starts with a quote mark instead; labels lose control
    // and bidi characters.
    std::string v = safeText(raw, 200);
    if (!v.empty() && std::string("=+-@\t\r").find(v[0]) != std::string::npos) v = "'" + v;
    if (v.find_first_of(",\"\r\n") == std::string::npos) return v;
    std::string out = "\"";
    for (char c : v) {
        if (c == '"') out += '"';
        out += c;
    }
    out += '"';
    return out;
}

void csvRow(std::string& out, const std::string& section, const std::string& key, const std::string& label,
            int64_t count) {
    out += csvField(section) + ',' + csvField(key) + ',' + csvField(label) + ',' + cell(count) + "\r\n";
}

std::string csvOf(const DaySummary& d, const SummaryLabels& l) {
    std::string out = "\xEF\xBB\xBF"; // BOM: Excel otherwise reads UTF-8 as the ANSI code page
    out += "section,key,label,count\r\n";
    csvRow(out, "sessions", "", l.sessions, d.sessions);
    if (!d.day.empty()) return out; // a period's file: its visits only (disclosure.hpp)
    csvRow(out, "interest_done", "", l.interestDone, d.interestDone);
    csvRow(out, "strengths_done", "", l.strengthsDone, d.strengthsDone);
    csvRow(out, "diaries_started", "", l.diariesStarted, d.diariesStarted);
    csvRow(out, "diary_returning", "", l.diaryReturning, d.diaryReturning);
    csvRow(out, "diary_decisions", "", l.diaryDecisions, d.diaryDecisions);
    csvRow(out, "trials", "", l.trials, d.trials);
    for (const Section& s : sections(d, l))
        for (const auto& [code, n] : *s.counts) csvRow(out, s.key, code, labelOf(s, code), n);
    return out;
}

// ---------------------------------------------------------------------------------------------------
// PDF layout. Units are PostScript points (1/72 in); A4 portrait.
constexpr double kPageW = 595.276, kPageH = 841.890;
constexpr double kMargin = 48;
constexpr double kContentW = kPageW - 2 * kMargin;
constexpr double kBottom = kPageH - kMargin - 18; // room for the page number

using Rgb = typeset::Ink;
using typeset::Align;
constexpr Rgb kText = typeset::kInk;
constexpr Rgb kBar{0xB0 / 255.0, 0x12 / 255.0, 0x1B / 255.0};
constexpr Rgb kRule{0xD5 / 255.0, 0xD9 / 255.0, 0xDE / 255.0};

// The shared typesetter with this document's page flow.
class PdfWriter : public typeset::Typesetter {
  public:
    using Typesetter::Typesetter;

    double y = kMargin;

    // Starts a new page when h more points do not fit on this one.
    void need(double h) {
        if (y + h <= kBottom) return;
        breakPage();
    }
    void breakPage() {
        footer();
        cairo_show_page(cairo());
        ++page_;
        y = kMargin;
    }
    void finish() { footer(); }

  private:
    void footer() {
        // A page number only: no words, so nothing to translate.
        text(std::to_string(page_), 8, false, kMargin, kPageH - kMargin, kContentW, Align::Right);
    }
    int page_ = 1;
};

void drawHeader(PdfWriter& w, const Summary& s, const SummaryLabels& l) {
    w.y += w.text(l.title, 20, true, kMargin, w.y, kContentW) + 6;
    for (const std::string* line : {&s.scope, &l.period, &l.generated}) {
        if (line->empty()) continue;
        w.y += w.text(*line, 10, false, kMargin, w.y, kContentW) + 2;
    }
    w.y += 8;
    w.rect(kMargin, w.y, kContentW, 0.8, kRule);
    w.y += 14;
}

using Figure = std::pair<const std::string*, int64_t>;

// A row of three big numbers with their labels.
void drawKeyFigures(PdfWriter& w, const Figure (&figs)[3]) {
    const double colW = kContentW / 3;
    double h = 0;
    for (const auto& f : figs) h = std::max(h, w.measure(*f.first, 9, false, colW - 12));
    w.need(34 + h);
    for (int i = 0; i < 3; ++i) {
        double x = kMargin + i * colW;
        w.text(cell(figs[i].second), 24, true, x, w.y, colW - 12);
        w.text(*figs[i].first, 9, false, x, w.y + 32, colW - 12);
    }
    w.y += 34 + h + 18;
}

void drawChart(PdfWriter& w, const Section& s) {
    const double labelW = kContentW * 0.36, gap = 8, countW = 40;
    const double barX = kMargin + labelW + gap, barMax = kContentW - labelW - gap - countW - 6;
    const double barH = 11, rowPad = 5;
    auto rows = rowsOf(s);

    // Scale to the largest shown value; suppressed cells are not drawn, so they must not set the scale.
    int64_t maxShown = 0;
    for (const auto& r : rows)
        if (r.second >= kSmallCell) maxShown = std::max(maxShown, r.second);

    const double headH = w.measure(*s.heading, 12, true, kContentW);
    double firstRow = rows.empty() ? 14 : w.measure(labelOf(s, rows[0].first), 9, false, labelW) + rowPad;
    w.need(headH + 6 + firstRow); // never a heading alone at the foot of a page
    w.y += w.text(*s.heading, 12, true, kMargin, w.y, kContentW) + 6;
    if (rows.empty()) {
        w.y += w.text("\u2014", 9, false, kMargin, w.y, labelW) + rowPad;
    }
    for (const auto& [code, n] : rows) {
        const std::string label = labelOf(s, code);
        const double th = w.measure(label, 9, false, labelW);
        const double rowH = std::max(th, barH) + rowPad;
        w.need(rowH);
        w.text(label, 9, false, kMargin, w.y, labelW);
        const double barTop = w.y + (std::max(th, barH) - barH) / 2;
        double len = 0;
        if (n >= kSmallCell && maxShown > 0) len = std::max(1.0, barMax * double(n) / double(maxShown));
        if (len > 0) w.rect(barX, barTop, len, barH, kBar);
        const double tx = barX + len + (len > 0 ? 4 : 0);
        w.text(cell(n), 9, n >= kSmallCell, tx, barTop - 1, countW + 6);
        w.y += rowH;
    }
    w.y += 14;
}

void drawDayTable(PdfWriter& w, const Summary& s, const SummaryLabels& l) {
    if (s.days.empty()) return;
    // Per period the visits only: the splits and test counts are for the whole period (disclosure.hpp).
    const double dayW = 90, colW = (kContentW - dayW) / 3, size = 9, rowH = 15;
    auto header = [&] {
        const double h = w.measure(l.sessions, size, true, colW - 8);
        w.text(l.sessions, size, true, kMargin + dayW, w.y, colW - 8, Align::Right);
        w.y += h + 4;
        w.rect(kMargin, w.y, kContentW, 0.8, kText);
        w.y += 4;
    };
    w.need(40 + 2 * rowH);
    header();
    for (size_t r = 0; r < s.days.size(); ++r) {
        const DaySummary& d = s.days[r];
        if (w.y + rowH > kBottom) {
            w.breakPage();
            header(); // repeated so a later page still reads on its own
        }
        if (r % 2 == 1) w.rect(kMargin, w.y - 1, kContentW, rowH, Rgb{0.96, 0.965, 0.97});
        w.text(d.day, size, false, kMargin + 2, w.y, dayW - 4);
        w.text(cell(d.sessions), size, false, kMargin + dayW, w.y, colW - 8, Align::Right);
        w.y += rowH;
    }
    w.rect(kMargin, w.y + 1, kContentW, 0.5, kRule);
    w.y += 16;
}

void drawNote(PdfWriter& w, const SummaryLabels& l) {
    if (l.smallCellNote.empty()) return;
    const double h = w.measure(l.smallCellNote, 8.5, false, kContentW);
    w.need(h + 8);
    w.rect(kMargin, w.y, kContentW, 0.5, kRule);
    w.y += 6;
    w.y += w.text(l.smallCellNote, 8.5, false, kMargin, w.y, kContentW);
}

cairo_status_t streamWrite(void* closure, const unsigned char* data, unsigned int length) {
    static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
    return CAIRO_STATUS_SUCCESS;
}

bool checkPeriods(const Summary& s, std::string& error) {
    for (const DaySummary& d : s.days) {
        // The period becomes part of a file name: accept nothing but a date or an ISO week.
        if (!isPeriodKey(d.day)) {
            error = "summary period '" + d.day + "' is not YYYY-MM-DD or YYYY-Www";
            return false;
        }
    }
    return true;
}

StickDir openLocalDir(const std::string& dir, std::string& error) {
    StickStatus st;
    if (!ensureDir(dir, error)) return {};
    StickDir d = StickDir::openRoot(dir.empty() ? "." : dir, st);
    if (!d.valid()) error = st.detail;
    return d;
}

bool put(const StickDir& dir, const std::string& name, const std::string& data, StickIo& io,
         const StickLimits& lim, std::string& error) {
    StickStatus st;
    if (dir.writeAtomic(name, data, io, lim, st)) return true;
    error = st.detail;
    return false;
}

} // namespace

bool renderPdf(const Summary& s, const SummaryLabels& labels, std::string& out, std::string& error) {
    out.clear();
    // Our own stream callback: the PDF is small and goes to the stick through StickDir in one piece.
    cairo_surface_t* surface = cairo_pdf_surface_create_for_stream(streamWrite, &out, kPageW, kPageH);
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, safeText(labels.title, 200).c_str());
    cairo_t* cr = cairo_create(surface);
    {
        PdfWriter w(cr, labels.lang);
        drawHeader(w, s, labels);
        const DaySummary& t = s.total;
        drawKeyFigures(w, {{&labels.sessions, t.sessions},
                           {&labels.interestDone, t.interestDone},
                           {&labels.strengthsDone, t.strengthsDone}});
        drawKeyFigures(w, {{&labels.diariesStarted, t.diariesStarted},
                           {&labels.diaryReturning, t.diaryReturning},
                           {&labels.diaryDecisions, t.diaryDecisions}});
        for (const Section& sec : sections(s.total, labels)) drawChart(w, sec);
        drawDayTable(w, s, labels);
        drawNote(w, labels);
        w.finish();
    }
    cairo_status_t st = cairo_status(cr);
    cairo_destroy(cr);
    cairo_surface_finish(surface); // flushes the last page through streamWrite
    if (st == CAIRO_STATUS_SUCCESS) st = cairo_surface_status(surface);
    cairo_surface_destroy(surface);
    if (st != CAIRO_STATUS_SUCCESS) {
        error = std::string("pdf: ") + cairo_status_to_string(st);
        return false;
    }
    return true;
}

bool writeSummaryFiles(const Summary& s, const SummaryLabels& labels, const StickDir& dir, StickIo& io,
                       const StickLimits& lim, std::string& error) {
    if (!checkPeriods(s, error)) return false;
    for (const DaySummary& d : s.days)
        if (!put(dir, "summary-" + d.day + ".csv", csvOf(d, labels), io, lim, error)) return false;
    if (!put(dir, "summary-total.csv", csvOf(s.total, labels), io, lim, error)) return false;
    std::string pdf;
    return renderPdf(s, labels, pdf, error) && put(dir, "summary.pdf", pdf, io, lim, error);
}

bool writeCsv(const Summary& s, const SummaryLabels& labels, const std::string& dir, std::string& error) {
    if (!checkPeriods(s, error)) return false;
    StickDir d = openLocalDir(dir, error);
    if (!d.valid()) return false;
    for (const DaySummary& x : s.days)
        if (!put(d, "summary-" + x.day + ".csv", csvOf(x, labels), systemStickIo(), {}, error)) return false;
    return put(d, "summary-total.csv", csvOf(s.total, labels), systemStickIo(), {}, error);
}

bool writePdf(const Summary& s, const SummaryLabels& labels, const std::string& path, std::string& error) {
    const fs::path p(path);
    StickDir d = openLocalDir(p.parent_path().string(), error);
    if (!d.valid()) return false;
    std::string pdf;
    return renderPdf(s, labels, pdf, error) && put(d, p.filename().string(), pdf, systemStickIo(), {}, error);
}

} // namespace kesip::sync
