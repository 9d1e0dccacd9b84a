#include "psychometrics/pdf_doc.hpp"

#include <algorithm>

namespace kesip::psychometrics::pdf {

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
    cairo_show_page(cairo());
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
