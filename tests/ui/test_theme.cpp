#include <catch2/catch.hpp>

#include "ui/theme.hpp"

using namespace kesip;

TEST_CASE("every text and background pair meets its contrast ratio in both themes") {
    // Normal theme: WCAG AA (4.5:1). High contrast: 7:1 (AAA), issue 8.
    for (const auto& p : ui::Theme{}.contrastPairs()) {
        INFO("normal " << p.name << " " << contrastRatio(p.fg, p.bg));
        CHECK(contrastRatio(p.fg, p.bg) >= 4.5);
    }
    for (const auto& p : ui::highContrastTheme().contrastPairs()) {
        INFO("high contrast " << p.name << " " << contrastRatio(p.fg, p.bg));
        CHECK(contrastRatio(p.fg, p.bg) >= 7.0);
    }
}
