#pragma once
#include <string>
#include <vector>

#include "flow/router.hpp"
#include "l10n/lang.hpp"

namespace kesip::app {

struct Options {
    bool windowed = false; // desktop window; exit shortcuts work (kiosk mode otherwise ignores them)
    int width = 1920, height = 1080;
    bool sizeGiven = false;
    std::string dataDir;     // empty: XDG data home
    std::string resourceDir; // empty: beside the binary, else ../share/kesip
    std::string fontDir = "/usr/share/fonts/truetype/noto";
    std::string screenshot; // write PNG of --screen and exit
    std::string screen = "attract";
    Lang lang = Lang::ky;
    float textScale = 1.f; // large-text factor
    bool help = false;
    bool headless = false;       // tests and bench: dummy video driver without --screenshot
    bool noRaster = false;       // tests: build every frame but skip the software rasterizer (monkey test)
    int maintenanceSeconds = 30; // how long the maintenance message stays before exit
    std::string exportTo;        // headless export to this stick directory, then exit
    bool selfTest = false;       // load everything, render every screen headless, report, exit
    bool largeText = false, highContrast = false; // start with these on (screenshots)
    std::string configPath = "/etc/kesip/kiosk.conf";
    std::vector<std::string> stickRoots; // tests: where sticks appear (default from the config)
    std::string renderer;                // "software" or "opengl"; empty: the config's (default software)
    bool exitAfterFirstFrame = false;    // benchmarks: show --screen, present one frame, exit
    std::string printSample;             // printjobs: write the sample visit's printed sheet (PDF), exit
};

// Returns false with a message in `error` on bad arguments: an unknown or misspelt flag is named, with
// the closest valid flag suggested ("unknown option --windowd; did you mean --windowed?").
bool parseOptions(int argc, char** argv, Options& o, std::string& error);
// Generated from the same definitions as the parser, plus the screen names and exit codes.
std::string helpText();

} // namespace kesip::app
