#include "psychometrics/pdf_doc.hpp"

#include <algorithm>

namespace kesip::psychometrics::pdf {

Doc::Doc(cairo_t* cr, Lang lang) : cr_(cr) {
    layout_ = pango_cairo_create_layout(cr_);
    // The language picks Kyrgyz/Russian shaping and fallback fonts for any glyph Noto lacks.
    pango_context_set_language(pango_layout_get_context(layout_), pango_language_from_string(langCode(lang)));
    pango_layout_set_wrap(layout_, PANGO_WRAP_WORD_CHAR);
}

Doc::~Doc() {
    g_object_unref(layout_);
    for (auto& [k, d] : fonts_) pango_font_description_free(d);
}

void Doc::prepare(const std::string& s, double size, bool bold, double width, Align align) {
    pango_layout_set_font_description(layout_, font(size, bold));
    pango_layout_set_width(layout_, width > 0 ? int(width * PANGO_SCALE) : -1);
    pango_layout_set_alignment(layout_, align == Align::Right    ? PANGO_ALIGN_RIGHT
                                        : align == Align::Center ? PANGO_ALIGN_CENTER
                                                                 : PANGO_ALIGN_LEFT);
    pango_layout_set_text(layout_, s.data(), int(s.size()));
}

double Doc::height() const {
    int w = 0, h = 0;
    pango_layout_get_size(layout_, &w, &h);
    return double(h) / PANGO_SCALE;
}

PangoFontDescription* Doc::font(double size, bool bold) {
    auto key = std::make_pair(int(size * 10), bold);
    auto it = fonts_.find(key);
    if (it != fonts_.end()) return it->second;
    PangoFontDescription* d = pango_font_description_from_string("Noto Sans");
    pango_font_description_set_absolute_size(d, size * PANGO_SCALE);
    pango_font_description_set_weight(d, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
    fonts_.emplace(key, d);
    return d;
}

double Doc::text(const std::string& s, double size, bool bold, double x, double top, double width,
                 Align align, Rgb c) {
    prepare(s, size, bold, width, align);
    cairo_set_source_rgb(cr_, c.r, c.g, c.b);
    cairo_move_to(cr_, x, top);
    pango_cairo_show_layout(cr_, layout_);
    return height();
}

double Doc::measure(const std::string& s, double size, bool bold, double width) {
    prepare(s, size, bold, width, Align::Left);
    return height();
}

void Doc::rect(double x, double top, double w, double h, Rgb c) {
    cairo_set_source_rgb(cr_, c.r, c.g, c.b);
    cairo_rectangle(cr_, x, top, w, h);
    cairo_fill(cr_);
}

void Doc::para(const std::string& s, double size, bool bold, Rgb c, double after) {
    if (s.empty()) return;
    need(measure(s, size, bold, kContentW));
    y += text(s, size, bold, kMargin, y, kContentW, Align::Left, c) + after;
}

void Doc::heading(const std::string& s, double size) {
    need(measure(s, size, true, kContentW) + 60);
    y += text(s, size, true, kMargin, y, kContentW) + 5;
}

void Doc::rule() {
    need(8);
    rect(kMargin, y + 2, kContentW, 0.6, kRule);
    y += 8;
}

void Doc::need(double h) {
    if (y + h > kBottom) breakPage();
}

void Doc::breakPage() {
    footer();
    cairo_show_page(cr_);
    ++page_;
    y = kMargin;
}

void Doc::finish() {
    footer();
}

void Doc::footer() {
    text(std::to_string(page_), 7.5, false, kMargin, kPageH - kMargin, kContentW, Align::Right, kMuted);
}

void Doc::table(const std::vector<Column>& cols, const std::vector<std::vector<Cell>>& rows, double size) {
    const double pad = 3;
    auto header = [&] {
        double h = 0;
        for (const Column& c : cols) h = std::max(h, measure(c.title, size, true, c.width - 2 * pad));
        need(h + 6 + size * 2);
        double x = kMargin;
        for (const Column& c : cols) {
            text(c.title, size, true, x + pad, y, c.width - 2 * pad, c.align, kMuted);
            x += c.width;
        }
        y += h + 2;
        rect(kMargin, y, kContentW, 0.7, kInk);
        y += 3;
    };
    header();
    for (size_t r = 0; r < rows.size(); ++r) {
        double h = 0;
        for (size_t i = 0; i < cols.size() && i < rows[r].size(); ++i)
            h = std::max(h, measure(rows[r][i].text, size, rows[r][i].bold, cols[i].width - 2 * pad));
        if (y + h + 2 > kBottom) {
            breakPage();
            header(); // repeated so every page reads on its own
        }
        if (r % 2 == 1) rect(kMargin, y - 1, kContentW, h + 2, kStripe);
        double x = kMargin;
        for (size_t i = 0; i < cols.size() && i < rows[r].size(); ++i) {
            const Cell& c = rows[r][i];
            text(c.text, size, c.bold, x + pad, y, cols[i].width - 2 * pad, cols[i].align, c.color);
            x += cols[i].width;
        }
        y += h + 2;
    }
    rect(kMargin, y + 1, kContentW, 0.5, kRule);
    y += 8;
}

} // namespace kesip::psychometrics::pdf
