#include "print/document.hpp"

#include <algorithm>
#include <cairo-pdf.h>
#include <cairo.h>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <map>
#include <pango/pangocairo.h>
#include <unistd.h>

#include "util/qr.hpp"

namespace kesip::print {

namespace {

// A4 portrait in PostScript points (1/72 in).
constexpr double kPageW = 595.276, kPageH = 841.890;
constexpr double kMargin = 44;
constexpr double kW = kPageW - 2 * kMargin;
constexpr double kBottom = kPageH - kMargin - 16; // room for the footer

struct Rgb {
    double r, g, b;
};
constexpr Rgb kText{0.106, 0.122, 0.141};
constexpr Rgb kGrey{0.353, 0.388, 0.439};
constexpr Rgb kAccent{0.043, 0.380, 0.486};
constexpr Rgb kTint{0.925, 0.953, 0.965};
constexpr Rgb kBarOff{0.733, 0.765, 0.800};
constexpr Rgb kRule{0.835, 0.851, 0.871};
constexpr Rgb kWhite{1, 1, 1};

enum class Align { Left, Right, Center };

class Writer {
  public:
    Writer(cairo_t* cr, const Document& doc) : cr_(cr), doc_(doc) {
        layout_ = pango_cairo_create_layout(cr_);
        // The language picks Kyrgyz or Russian shaping and the fallback fonts for glyphs Noto lacks.
        pango_context_set_language(pango_layout_get_context(layout_),
                                   pango_language_from_string(langCode(doc.lang)));
        pango_layout_set_wrap(layout_, PANGO_WRAP_WORD_CHAR);
    }
    ~Writer() {
        g_object_unref(layout_);
        for (auto& [k, d] : fonts_) pango_font_description_free(d);
    }
    Writer(const Writer&) = delete;
    Writer& operator=(const Writer&) = delete;

    double y = kMargin;

    double text(const std::string& s, double size, bool bold, double x, double top, double width,
                Rgb c = kText, Align align = Align::Left) {
        prepare(s, size, bold, width, align);
        cairo_set_source_rgb(cr_, c.r, c.g, c.b);
        cairo_move_to(cr_, x, top);
        pango_cairo_show_layout(cr_, layout_);
        return height();
    }
    double measure(const std::string& s, double size, bool bold, double width) {
        if (s.empty()) return 0;
        prepare(s, size, bold, width, Align::Left);
        return height();
    }
    void rect(double x, double top, double w, double h, Rgb c) {
        cairo_set_source_rgb(cr_, c.r, c.g, c.b);
        cairo_rectangle(cr_, x, top, w, h);
        cairo_fill(cr_);
    }
    void frame(double x, double top, double w, double h, Rgb c, double width) {
        cairo_set_source_rgb(cr_, c.r, c.g, c.b);
        cairo_set_line_width(cr_, width);
        cairo_rectangle(cr_, x, top, w, h);
        cairo_stroke(cr_);
    }
    void line(double x0, double y0, double x1, double y1, Rgb c, double width) {
        cairo_set_source_rgb(cr_, c.r, c.g, c.b);
        cairo_set_line_width(cr_, width);
        cairo_move_to(cr_, x0, y0);
        cairo_line_to(cr_, x1, y1);
        cairo_stroke(cr_);
    }
    bool atTop() const { return y <= kMargin + 0.5; }
    void need(double h) {
        if (y + h > kBottom && !atTop()) breakPage();
    }
    void breakPage() {
        footer();
        cairo_show_page(cr_);
        ++page_;
        y = kMargin;
    }
    void finish() { footer(); }

  private:
    void prepare(const std::string& s, double size, bool bold, double width, Align align) {
        pango_layout_set_font_description(layout_, font(size, bold));
        pango_layout_set_width(layout_, width > 0 ? int(width * PANGO_SCALE) : -1);
        pango_layout_set_alignment(layout_, align == Align::Right    ? PANGO_ALIGN_RIGHT
                                            : align == Align::Center ? PANGO_ALIGN_CENTER
                                                                     : PANGO_ALIGN_LEFT);
        pango_layout_set_text(layout_, s.data(), int(s.size()));
    }
    double height() const {
        int w = 0, h = 0;
        pango_layout_get_size(layout_, &w, &h);
        return double(h) / PANGO_SCALE;
    }
    PangoFontDescription* font(double size, bool bold) {
        const auto key = std::make_pair(int(size * 10), bold);
        auto it = fonts_.find(key);
        if (it != fonts_.end()) return it->second;
        PangoFontDescription* d = pango_font_description_from_string("Noto Sans");
        pango_font_description_set_absolute_size(d, size * PANGO_SCALE);
        pango_font_description_set_weight(d, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
        fonts_.emplace(key, d);
        return d;
    }
    void footer() {
        const double top = kPageH - kMargin + 2;
        if (!doc_.footer.empty()) text(doc_.footer, 8, false, kMargin, top, kW - 40, kGrey);
        text(std::to_string(page_), 8, false, kMargin, top, kW, kGrey, Align::Right);
    }

    cairo_t* cr_;
    const Document& doc_;
    PangoLayout* layout_ = nullptr;
    std::map<std::pair<int, bool>, PangoFontDescription*> fonts_;
    int page_ = 1;
};

void drawQr(Writer& w, cairo_t* cr, const QrModules& q, double x, double top, double side) {
    w.rect(x, top, side, side, kWhite);
    const double quiet = 2; // modules of margin inside the square (the box around adds more)
    const double m = side / (q.size + 2 * quiet);
    cairo_set_source_rgb(cr, 0, 0, 0);
    for (int r = 0; r < q.size; ++r)
        for (int c = 0; c < q.size; ++c)
            if (q.at(c, r)) cairo_rectangle(cr, x + (c + quiet) * m, top + (r + quiet) * m, m, m);
    cairo_fill(cr);
}

void title(Writer& w, const Block& b) {
    const double dateW = 150;
    const double h = w.text(b.text, 22, true, kMargin, w.y, kW - dateW, kAccent);
    if (!b.text3.empty())
        w.text(b.text3, 10, false, kMargin + kW - dateW, w.y + 8, dateW, kGrey, Align::Right);
    w.y += h + 2;
    if (!b.text2.empty()) w.y += w.text(b.text2, 10, false, kMargin, w.y, kW, kGrey) + 2;
    w.y += 6;
    w.rect(kMargin, w.y, kW, 1.2, kAccent);
    w.y += 12;
}

void codeBox(Writer& w, cairo_t* cr, const Block& b) {
    QrModules q;
    if (!b.qr.empty()) q = makeQr(b.qr);
    const double qrSide = q.size > 0 ? 132 : 0, pad = 12;
    const double textW = kW - 2 * pad - (qrSide > 0 ? qrSide + pad : 0);
    const double th = w.measure(b.text, 10, false, textW) + 4 + w.measure(b.text2, 26, true, textW) + 6 +
                      w.measure(b.text3, 9.5, false, textW);
    const double h = std::max(th, qrSide) + 2 * pad;
    w.need(h + 10);
    w.rect(kMargin, w.y, kW, h, kTint);
    double ty = w.y + pad;
    ty += w.text(b.text, 10, false, kMargin + pad, ty, textW, kGrey) + 4;
    ty += w.text(b.text2, 26, true, kMargin + pad, ty, textW, kText) + 6;
    w.text(b.text3, 9.5, false, kMargin + pad, ty, textW, kText);
    if (qrSide > 0) drawQr(w, cr, q, kMargin + kW - pad - qrSide, w.y + pad, qrSide);
    w.y += h + 14;
}

void heading(Writer& w, const Block& b) {
    const double h = w.measure(b.text, 14, true, kW);
    w.need(h + 50); // never a heading alone at the foot of a page
    w.y += 6;
    w.y += w.text(b.text, 14, true, kMargin, w.y, kW, kAccent) + 2;
    w.rect(kMargin, w.y, kW, 0.6, kRule);
    w.y += 7;
}

void subheading(Writer& w, const Block& b) {
    const double h = w.measure(b.text, 11.5, true, kW);
    w.need(h + 30);
    w.y += 2;
    w.y += w.text(b.text, 11.5, true, kMargin, w.y, kW) + 3;
}

void paragraph(Writer& w, const std::string& s, double size, Rgb c) {
    const double h = w.measure(s, size, false, kW);
    w.need(h);
    w.y += w.text(s, size, false, kMargin, w.y, kW, c) + 6;
}

void bars(Writer& w, const Block& b) {
    const double labelW = 160, gap = 8, pctW = 40, barH = 11;
    const double barMax = kW - labelW - gap - pctW;
    for (const Row& r : b.rows) {
        const double th = w.measure(r.a, 10, r.strong, labelW);
        const double rowH = std::max(th, barH) + 5;
        w.need(rowH);
        w.text(r.a, 10, r.strong, kMargin, w.y, labelW, r.strong ? kText : kGrey);
        const double top = w.y + (std::max(th, barH) - barH) / 2;
        const double v = std::clamp(r.value, 0.0, 100.0);
        w.rect(kMargin + labelW + gap, top, barMax, barH, kTint);
        if (v > 0)
            w.rect(kMargin + labelW + gap, top, std::max(1.0, barMax * v / 100), barH,
                   r.strong ? kAccent : kBarOff);
        w.text(r.b, 9.5, r.strong, kMargin + labelW + gap + barMax + 6, top - 1.5, pctW - 6, kText);
        w.y += rowH;
    }
    w.y += 6;
}

void numbered(Writer& w, const Block& b) {
    const double indent = 18, textW = kW - indent;
    for (size_t i = 0; i < b.rows.size(); ++i) {
        const Row& r = b.rows[i];
        const double h = w.measure(r.a, 10.5, true, textW) + w.measure(r.b, 9.5, false, textW) + 6;
        w.need(h);
        w.text(std::to_string(i + 1) + ".", 10.5, true, kMargin, w.y, indent, kAccent);
        w.y += w.text(r.a, 10.5, true, kMargin + indent, w.y, textW);
        if (!r.b.empty()) w.y += w.text(r.b, 9.5, false, kMargin + indent, w.y, textW, kGrey);
        w.y += 6;
    }
}

void bullets(Writer& w, const Block& b) {
    const double indent = 14, textW = kW - indent;
    for (const Row& r : b.rows) {
        const double h = w.measure(r.a, 10.5, false, textW) + 3;
        w.need(h);
        w.rect(kMargin + 3, w.y + 6, 4, 4, kAccent);
        w.y += w.text(r.a, 10.5, false, kMargin + indent, w.y, textW) + 3;
    }
    w.y += 4;
}

void pairs(Writer& w, const Block& b) {
    const double labelW = 150, valueW = kW - labelW - 10;
    for (const Row& r : b.rows) {
        const double bh = w.measure(r.b, 10.5, true, valueW);
        const double h =
            std::max(w.measure(r.a, 9.5, false, labelW), bh + w.measure(r.c, 9.5, false, valueW)) + 4;
        w.need(h);
        w.text(r.a, 9.5, false, kMargin, w.y + 1, labelW, kGrey);
        w.text(r.b, 10.5, true, kMargin + labelW + 10, w.y, valueW);
        if (!r.c.empty()) w.text(r.c, 9.5, false, kMargin + labelW + 10, w.y + bh, valueW, kGrey);
        w.y += h;
    }
    w.y += 4;
}

void checklist(Writer& w, const Block& b) {
    const double box = 10, whenW = 100, textW = kW - box - 10 - whenW;
    for (const Row& r : b.rows) {
        const double h = std::max(w.measure(r.b, 10.5, false, textW), box) + 6;
        w.need(h);
        w.frame(kMargin + 0.5, w.y + 2.5, box, box, kText, 0.8);
        if (r.strong) { // a tick drawn, not a glyph: no font needed
            w.line(kMargin + 2.5, w.y + 7.5, kMargin + 5, w.y + 10.5, kAccent, 1.6);
            w.line(kMargin + 5, w.y + 10.5, kMargin + 10, w.y + 3.5, kAccent, 1.6);
        }
        w.text(r.a, 10.5, true, kMargin + box + 10, w.y, whenW - 6);
        w.text(r.b, 10.5, false, kMargin + box + 10 + whenW, w.y, textW);
        w.y += h;
    }
    w.y += 4;
}

void stages(Writer& w, const Block& b) {
    if (b.rows.empty()) return;
    const double gap = 6, n = double(b.rows.size()), boxW = (kW - gap * (n - 1)) / n, pad = 6;
    double h = 0;
    for (const Row& r : b.rows)
        h = std::max(h, w.measure(r.a, 9.5, true, boxW - 2 * pad) + 3 +
                            w.measure(r.b, 9, false, boxW - 2 * pad));
    h += 2 * pad;
    w.need(h + 8);
    for (size_t i = 0; i < b.rows.size(); ++i) {
        const Row& r = b.rows[i];
        const double x = kMargin + double(i) * (boxW + gap);
        w.rect(x, w.y, boxW, h, r.value >= 2 ? kTint : kWhite);
        w.frame(x, w.y, boxW, h, r.strong ? kAccent : kRule, r.strong ? 2.0 : 0.8);
        const double nameH = w.text(r.a, 9.5, true, x + pad, w.y + pad, boxW - 2 * pad);
        w.text(r.b, 9, false, x + pad, w.y + pad + nameH + 3, boxW - 2 * pad, r.strong ? kAccent : kGrey);
    }
    w.y += h + 10;
}

void field(Writer& w, const Block& b) {
    const double lineGap = 21;
    const double head =
        w.measure(b.text, 10.5, true, kW) + (b.text2.empty() ? 0 : w.measure(b.text2, 8.5, false, kW) + 1);
    w.need(head + lineGap * std::min(b.lines, 3) + 6);
    w.y += w.text(b.text, 10.5, true, kMargin, w.y, kW);
    if (!b.text2.empty()) w.y += w.text(b.text2, 8.5, false, kMargin, w.y, kW, kGrey) + 1;
    for (int i = 0; i < b.lines; ++i) {
        w.need(lineGap);
        w.y += lineGap;
        w.line(kMargin, w.y, kMargin + kW, w.y, kBarOff, 0.6);
    }
    w.y += 10;
}

cairo_status_t appendTo(void* closure, const unsigned char* data, unsigned int length) {
    static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
    return CAIRO_STATUS_SUCCESS;
}

bool fail(const std::string& what, int e, std::string& error) {
    error = what + ": " + std::strerror(e);
    return false;
}

} // namespace

bool renderPdf(const Document& doc, std::string& pdf, std::string& error) {
    pdf.clear();
    cairo_surface_t* surface = cairo_pdf_surface_create_for_stream(appendTo, &pdf, kPageW, kPageH);
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, doc.title.c_str());
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "Kesip");
    cairo_t* cr = cairo_create(surface);
    {
        Writer w(cr, doc);
        for (const Block& b : doc.blocks) {
            switch (b.kind) {
            case Block::Kind::Title:
                title(w, b);
                break;
            case Block::Kind::CodeBox:
                codeBox(w, cr, b);
                break;
            case Block::Kind::Heading:
                heading(w, b);
                break;
            case Block::Kind::Subheading:
                subheading(w, b);
                break;
            case Block::Kind::Paragraph:
                paragraph(w, b.text, 10.5, kText);
                break;
            case Block::Kind::Small:
                paragraph(w, b.text, 9, kGrey);
                break;
            case Block::Kind::Bars:
                bars(w, b);
                break;
            case Block::Kind::Numbered:
                numbered(w, b);
                break;
            case Block::Kind::Bullets:
                bullets(w, b);
                break;
            case Block::Kind::Pairs:
                pairs(w, b);
                break;
            case Block::Kind::Checklist:
                checklist(w, b);
                break;
            case Block::Kind::Stages:
                stages(w, b);
                break;
            case Block::Kind::Field:
                field(w, b);
                break;
            case Block::Kind::PageBreak:
                if (!w.atTop()) w.breakPage();
                break;
            }
        }
        w.finish();
    }
    cairo_status_t st = cairo_status(cr);
    cairo_destroy(cr);
    cairo_surface_finish(surface);
    if (st == CAIRO_STATUS_SUCCESS) st = cairo_surface_status(surface);
    cairo_surface_destroy(surface);
    if (st != CAIRO_STATUS_SUCCESS) {
        error = cairo_status_to_string(st);
        pdf.clear();
        return false;
    }
    return true;
}

bool writePdfFile(const Document& doc, const std::string& path, std::string& error) {
    std::string pdf;
    if (!renderPdf(doc, pdf, error)) return false;
    namespace fs = std::filesystem;
    const fs::path p(path);
    const std::string dir = p.has_parent_path() ? p.parent_path().string() : std::string(".");
    const std::string tmp = (fs::path(dir) / ("." + p.filename().string() + ".part")).string();
    const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0644);
    if (fd < 0) return fail(tmp, errno, error);
    size_t off = 0;
    while (off < pdf.size()) {
        const ssize_t n = ::write(fd, pdf.data() + off, pdf.size() - off);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) {
            const int e = errno;
            ::close(fd);
            ::unlink(tmp.c_str());
            return fail(tmp, e, error);
        }
        off += size_t(n);
    }
    int e = ::fsync(fd) == 0 ? 0 : errno;
    if (::close(fd) != 0 && e == 0) e = errno; // close() can report a deferred write error
    if (e != 0) {
        ::unlink(tmp.c_str());
        return fail(tmp, e, error);
    }
    if (::rename(tmp.c_str(), path.c_str()) != 0) {
        const int e = errno;
        ::unlink(tmp.c_str());
        return fail(path, e, error);
    }
    const int dfd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dfd >= 0) {
        ::fsync(dfd); // as durable as the filesystem allows
        ::close(dfd);
    }
    return true;
}

} // namespace kesip::print
