#pragma once
#include <optional>
#include <string>

#include "flow/router.hpp"
#include "ui/ui.hpp"

namespace kesip::ui {

// What screens draw: a snapshot of app state. Screens never touch the database or the router.
struct View {
    flow::Route route;
    size_t depth = 1;
    bool visitActive = false;
    bool hasResults = false;
    bool idleWarning = false;
    int64_t idleRemainingMs = 0;
};

// What screens ask for; the app applies it after the frame.
struct Intent {
    std::optional<flow::Route> push;
    bool back = false;
    bool home = false;
    std::optional<Lang> setLang;
    std::optional<Lang> startVisit;
    bool finishVisit = false; // "Finish" on home: end the visit, show thanks
    bool closeVisit = false;  // leave the thanks screen now
    bool dismissIdle = false;
    bool any() const {
        return push || back || home || setLang || startVisit || finishVisit || closeVisit || dismissIdle;
    }
};

// Height of the top bar every student screen has.
float topBarHeight(const Ui& ui);
void drawTopBar(Ui& ui, const View& v, Intent& out);

void drawAttract(Ui& ui, const View& v, Intent& out);
void drawLanguage(Ui& ui, const View& v, Intent& out);
void drawHome(Ui& ui, const View& v, Intent& out);
void drawPlaceholder(Ui& ui, const View& v, Intent& out);
void drawFinish(Ui& ui, const View& v, Intent& out);
// Not a student screen: both languages at once, because the visitor's language is unknown.
void drawMaintenance(Ui& ui, const std::string& reasonKey);
void drawIdleOverlay(Ui& ui, const View& v, Intent& out);

} // namespace kesip::ui
