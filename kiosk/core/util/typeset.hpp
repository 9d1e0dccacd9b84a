#pragma once
#include <cairo.h>
#include <map>
#include <pango/pangocairo.h>
#include <string>
#include <utility>

#include "l10n/lang.hpp"

// Text on a cairo surface through one pango layout (Noto Sans, fonts cached by size and weight), shared by
// the PDF writers (summaries, psychometrics report); each adds its own page flow on top.
namespace kesip::typeset {

struct Ink {
    double r, g, b;
};
constexpr Ink kInk{0x1B / 255.0, 0x1F / 255.0, 0x24 / 255.0};

enum class Align { Left, Right, Center };

class Typesetter {
  public:
    Typesetter(cairo_t* cr, Lang lang);
    ~Typesetter();
    Typesetter(const Typesetter&) = delete;
    Typesetter& operator=(const Typesetter&) = delete;

    // Draws text in a box of the given width at (x, top); returns its height.
    double text(const std::string& s, double size, bool bold, double x, double top, double width,
                Align align = Align::Left, Ink c = kInk);
    double measure(const std::string& s, double size, bool bold, double width);
    void rect(double x, double top, double w, double h, Ink c);
    cairo_t* cairo() const { return cr_; }

  private:
    void prepare(const std::string& s, double size, bool bold, double width, Align align);
    double height() const;
    PangoFontDescription* font(double size, bool bold);
    cairo_t* cr_;
    PangoLayout* layout_ = nullptr;
    std::map<std::pair<int, bool>, PangoFontDescription*> fonts_;
};

} // namespace kesip::typeset
