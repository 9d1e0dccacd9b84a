#pragma once
#include <string>
#include <vector>

#include "util/typeset.hpp"

// A small page-flowing text and table writer on cairo + pango for the psychometrics PDF (A4 portrait,
// points), on the shared typesetter.
namespace kesip::psychometrics::pdf {

constexpr double kPageW = 595.276, kPageH = 841.890, kMargin = 40;
constexpr double kContentW = kPageW - 2 * kMargin;
constexpr double kBottom = kPageH - kMargin - 16;

using Rgb = typeset::Ink;
using typeset::Align;
using typeset::kInk;
constexpr Rgb kMuted{0x5A / 255.0, 0x62 / 255.0, 0x6B / 255.0};
constexpr Rgb kRed{0xB0 / 255.0, 0x12 / 255.0, 0x1B / 255.0};
constexpr Rgb kRule{0xD5 / 255.0, 0xD9 / 255.0, 0xDE / 255.0};
constexpr Rgb kStripe{0.955, 0.96, 0.965};

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

class Doc : public typeset::Typesetter {
  public:
    using Typesetter::Typesetter;

    double y = kMargin;
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
    void footer();
    int page_ = 1;
};

} // namespace kesip::psychometrics::pdf
