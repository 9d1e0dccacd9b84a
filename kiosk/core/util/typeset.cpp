#include "util/typeset.hpp"

namespace kesip::typeset {

Typesetter::Typesetter(cairo_t* cr, Lang lang) : cr_(cr) {
    layout_ = pango_cairo_create_layout(cr_);
    // The language picks Kyrgyz/Russian shaping and fallback fonts for any glyph Noto lacks.
    pango_context_set_language(pango_layout_get_context(layout_), pango_language_from_string(langCode(lang)));
    pango_layout_set_wrap(layout_, PANGO_WRAP_WORD_CHAR);
}

Typesetter::~Typesetter() {
    g_object_unref(layout_);
    for (auto& [k, d] : fonts_) pango_font_description_free(d);
}

void Typesetter::prepare(const std::string& s, double size, bool bold, double width, Align align) {
    pango_layout_set_font_description(layout_, font(size, bold));
    pango_layout_set_width(layout_, width > 0 ? int(width * PANGO_SCALE) : -1);
    pango_layout_set_alignment(layout_, align == Align::Right    ? PANGO_ALIGN_RIGHT
                                        : align == Align::Center ? PANGO_ALIGN_CENTER
                                                                 : PANGO_ALIGN_LEFT);
    pango_layout_set_text(layout_, s.data(), int(s.size()));
}

double Typesetter::height() const {
    int w = 0, h = 0;
    pango_layout_get_size(layout_, &w, &h);
    return double(h) / PANGO_SCALE;
}

PangoFontDescription* Typesetter::font(double size, bool bold) {
    const auto key = std::make_pair(int(size * 10), bold);
    auto it = fonts_.find(key);
    if (it != fonts_.end()) return it->second;
    PangoFontDescription* d = pango_font_description_from_string("Noto Sans");
    pango_font_description_set_absolute_size(d, size * PANGO_SCALE);
    pango_font_description_set_weight(d, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
    fonts_.emplace(key, d);
    return d;
}

double Typesetter::text(const std::string& s, double size, bool bold, double x, double top, double width,
                        Align align, Ink c) {
    prepare(s, size, bold, width, align);
    cairo_set_source_rgb(cr_, c.r, c.g, c.b);
    cairo_move_to(cr_, x, top);
    pango_cairo_show_layout(cr_, layout_);
    return height();
}

double Typesetter::measure(const std::string& s, double size, bool bold, double width) {
    prepare(s, size, bold, width, Align::Left);
    return height();
}

void Typesetter::rect(double x, double top, double w, double h, Ink c) {
    cairo_set_source_rgb(cr_, c.r, c.g, c.b);
    cairo_rectangle(cr_, x, top, w, h);
    cairo_fill(cr_);
}

} // namespace kesip::typeset
