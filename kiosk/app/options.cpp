#include "app/options.hpp"

#include <cstdlib>
#include <sstream>

namespace kesip::app {

bool parseOptions(int argc, char** argv, Options& o, std::string& error) {
    for (int i = 1; i < argc; ++i) {
        std::string a = argv[i];
        auto value = [&](std::string& out) {
            if (i + 1 >= argc) {
                error = a + " needs a value";
                return false;
            }
            out = argv[++i];
            return true;
        };
        std::string v;
        if (a == "--help" || a == "-h")
            o.help = true;
        else if (a == "--windowed")
            o.windowed = true;
        else if (a == "--self-test")
            o.selfTest = true;
        else if (a == "--large-text")
            o.largeText = true;
        else if (a == "--high-contrast")
            o.highContrast = true;
        else if (a == "--data-dir") {
            if (!value(o.dataDir)) return false;
        } else if (a == "--resources") {
            if (!value(o.resourceDir)) return false;
        } else if (a == "--font-dir") {
            if (!value(o.fontDir)) return false;
        } else if (a == "--screenshot") {
            if (!value(o.screenshot)) return false;
        } else if (a == "--export-to") {
            if (!value(o.exportTo)) return false;
        } else if (a == "--config") {
            if (!value(o.configPath)) return false;
        } else if (a == "--screen") {
            if (!value(o.screen)) return false;
        } else if (a == "--lang") {
            if (!value(v)) return false;
            if (!parseLang(v, o.lang)) {
                error = "--lang takes ky or ru";
                return false;
            }
        } else if (a == "--size") {
            if (!value(v)) return false;
            int w = 0, h = 0;
            char x = 0;
            std::istringstream ss(v);
            if (!(ss >> w >> x >> h) || x != 'x' || w < 320 || h < 240 || w > 8192 || h > 8192) {
                error = "--size takes WxH, e.g. 1920x1080";
                return false;
            }
            o.width = w, o.height = h, o.sizeGiven = true;
        } else if (a == "--text-scale") {
            if (!value(v)) return false;
            o.textScale = std::strtof(v.c_str(), nullptr);
            if (!(o.textScale >= 0.5f && o.textScale <= 3.f)) {
                error = "--text-scale takes 0.5 to 3";
                return false;
            }
        } else if (a == "--maintenance-seconds") {
            if (!value(v)) return false;
            o.maintenanceSeconds = std::atoi(v.c_str());
        } else {
            error = "unknown option " + a + " (see --help)";
            return false;
        }
    }
    flow::Route r;
    if (o.screen != "export" && !flow::parseRoute(o.screen, r)) {
        error = "unknown screen '" + o.screen + "' (see --help)";
        return false;
    }
    return true;
}

std::string helpText() {
    std::ostringstream s;
    s << "kiosk " << KESIP_VERSION << " - Kesip career-guidance kiosk\n\n"
      << "Usage: kiosk [options]\n\n"
      << "  --windowed               desktop window instead of fullscreen kiosk mode (exit shortcuts work)\n"
      << "  --data-dir DIR           local database directory (default: $XDG_DATA_HOME/kesip)\n"
      << "  --resources DIR          locale bundles and content (default: beside the binary)\n"
      << "  --font-dir DIR           Noto Sans fonts (default: /usr/share/fonts/truetype/noto)\n"
      << "  --text-scale F           large-text factor, 0.5 to 3 (default 1)\n"
      << "  --maintenance-seconds N  how long a startup error stays on screen before exit (default 30)\n"
      << "  --config FILE            settings file (default /etc/kesip/kiosk.conf; missing: defaults)\n"
      << "  --large-text             start with large text on (screenshots; visitors use the A+ button)\n"
      << "  --high-contrast          start with the high-contrast theme (screenshots; visitors use its "
         "button)\n"
      << "  --self-test              load locale, fonts, content and database, render every screen headless, "
         "exit\n"
      << "  --export-to DIR          export anonymized data to a stick directory (as the staff screen does), "
         "exit\n"
      << "  --screenshot OUT.png     render --screen headless (dummy video, software renderer), write PNG, "
         "exit\n"
      << "  --screen NAME            screen for --screenshot (default attract)\n"
      << "  --lang ky|ru             language for --screenshot (default ky)\n"
      << "  --size WxH               window size for --screenshot or --windowed (default 1920x1080)\n"
      << "  --help                   this text\n\n"
      << "Screens:";
    for (const auto& n : flow::screenNamesForHelp()) s << " " << n;
    s << " export";
    s << "\n\nExit codes: 0 ok, 2 bad arguments, 3 cannot start (locale/font/display), "
         "4 maintenance (database problem)\n";
    return s.str();
}

} // namespace kesip::app
