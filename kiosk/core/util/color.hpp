#pragma once
#include <cstdint>

namespace kesip {

struct Rgb {
    uint8_t r, g, b;
};

// WCAG 2.x relative luminance and contrast ratio (1..21).
double relativeLuminance(Rgb c);
double contrastRatio(Rgb a, Rgb b);

} // namespace kesip
