#pragma once
#include <cairo.h>
#include <map>
#include <pango/pangocairo.h>
#include <string>
#include <vector>

#include "l10n/lang.hpp"

// A small page-flowing text and table writer on cairo + pango for the psychometrics PDF (A4 portrait,
// points). Kept apart from sync/summary.cpp's writer, which another branch is rewriting.
namespace kesip::psychometrics::pdf {

constexpr double kPageW = 595.276, kPageH = 841.890, kMargin = 40;
constexpr double kContentW = kPageW - 2 * kMargin;
constexpr double kBottom = kPageH - kMargin - 16;

struct Rgb {
    double r, g, b;
};
constexpr Rgb kInk{0x1B / 255.0, 0x1F / 255.0, 0x24 / 255.0};
constexpr Rgb kMuted{0x5A / 255.0, 0x62 / 255.0, 0x6B / 255.0};
constexpr Rgb kRed{0xB0 / 255.0, 0x12 / 255.0, 0x1B / 255.0};
constexpr Rgb kRule{0xD5 / 255.0, 0xD9 / 255.0, 0xDE / 255.0};
constexpr Rgb kStripe{0.955, 0.96, 0.965};

enum class Align { Left, Right, Center };

struct Cell {
    std::string text;
    bool bold = false;
    Rgb color = kInk;
};
struct Column {
    std::string title;
    double width;
    Align align = Align::Right;
};

class Doc {
  public:
    Doc(cairo_t* cr, Lang lang);
    ~Doc();
    Doc(const Doc&) = delete;
    Doc& operator=(const Doc&) = delete;

    double y = kMargin;
    double text(const std::string& s, double size, bool bold, double x, double top, double width,
                Align align = Align::Left, Rgb c = kInk);
    double measure(const std::string& s, double size, bool bold, double width);
    void rect(double x, double top, double w, double h, Rgb c);
    // A paragraph across the page at y; moves y below it.
    void para(const std::string& s, double size, bool bold = false, Rgb c = kInk, double after = 4);
    void heading(const std::string& s, double size); // never left alone at the foot of a page
    void rule();
    void need(double h); // a new page when h more points do not fit
    void breakPage();
    void finish();
    // A table with a header row, repeated on every page it runs onto; zebra rows.
    void table(const std::vector<Column>& cols, const std::vector<std::vector<Cell>>& rows, double size);

  private:
    void prepare(const std::string& s, double size, bool bold, double width, Align align);
    double height() const;
    PangoFontDescription* font(double size, bool bold);
    void footer();
    cairo_t* cr_;
    PangoLayout* layout_ = nullptr;
    std::map<std::pair<int, bool>, PangoFontDescription*> fonts_;
    int page_ = 1;
};

} // namespace kesip::psychometrics::pdf
