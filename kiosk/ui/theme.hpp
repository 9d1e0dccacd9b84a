#pragma once
#include <vector>

#include "util/color.hpp"

namespace kesip::ui {

// All colours of the kiosk in one place. Every text colour is listed with the backgrounds it is drawn
// on (contrastPairs), and a test holds each pair to WCAG AA (4.5:1).
struct Theme {
    Rgb bg{0xF4, 0xF1, 0xEA}; // warm paper
    Rgb card{0xFF, 0xFF, 0xFF};
    Rgb text{0x1B, 0x1F, 0x24};
    Rgb muted{0x4A, 0x4F, 0x57};
    Rgb primary{0xB0, 0x12, 0x1B}; // deep red of the flag
    Rgb primaryActive{0x82, 0x0C, 0x12};
    Rgb onPrimary{0xFF, 0xFF, 0xFF};
    Rgb secondary{0xE4, 0xDF, 0xD3};
    Rgb secondaryActive{0xC9, 0xC2, 0xB2};
    Rgb bar{0x1F, 0x3A, 0x5F}; // top bar (navy)
    Rgb onBar{0xFF, 0xFF, 0xFF};
    Rgb barButton{0x2E, 0x52, 0x82};
    Rgb accent{0xF2, 0xB7, 0x05}; // sun yellow: decoration only, never under text
    Rgb disabledText{0x63, 0x68, 0x70};
    Rgb overlayPanel{0xFF, 0xFF, 0xFF};

    struct Pair {
        const char* name;
        Rgb fg, bg;
    };
    std::vector<Pair> contrastPairs() const {
        return {{"text/bg", text, bg},
                {"text/card", text, card},
                {"muted/bg", muted, bg},
                {"muted/card", muted, card},
                {"onPrimary/primary", onPrimary, primary},
                {"onPrimary/primaryActive", onPrimary, primaryActive},
                {"text/secondary", text, secondary},
                {"text/secondaryActive", text, secondaryActive},
                {"onBar/bar", onBar, bar},
                {"onBar/barButton", onBar, barButton},
                {"disabled/card", disabledText, card},
                {"disabled/bg", disabledText, bg},
                {"text/overlayPanel", text, overlayPanel}};
    }
};

// White on black with yellow actions: every text pair at least 7:1 (WCAG AAA), for low vision.
inline Theme highContrastTheme() {
    Theme t;
    t.bg = {0x00, 0x00, 0x00};
    t.card = {0x0A, 0x0A, 0x0A};
    t.text = {0xFF, 0xFF, 0xFF};
    t.muted = {0xE6, 0xE6, 0xE6};
    t.primary = {0xFF, 0xD6, 0x00};
    t.primaryActive = {0xFF, 0xF0, 0x80};
    t.onPrimary = {0x00, 0x00, 0x00};
    t.secondary = {0x26, 0x26, 0x26};
    t.secondaryActive = {0x40, 0x40, 0x40};
    t.bar = {0x00, 0x00, 0x00};
    t.onBar = {0xFF, 0xFF, 0xFF};
    t.barButton = {0x26, 0x26, 0x26};
    t.accent = {0xFF, 0xD6, 0x00};
    t.disabledText = {0xB0, 0xB0, 0xB0};
    t.overlayPanel = {0x12, 0x12, 0x12};
    return t;
}

} // namespace kesip::ui
