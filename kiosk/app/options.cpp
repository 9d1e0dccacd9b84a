#include "app/options.hpp"

#include <CLI/CLI.hpp>
#include <sstream>

#include "util/suggest.hpp"

namespace kesip::app {

namespace {

// Flags whose values need checking beyond their type, parsed after CLI11.
struct Raw {
    std::string lang, size, textScale;
};

// One definition of every flag: the parser and --help both come from it.
void define(CLI::App& cli, Options& o, Raw& raw) {
    cli.name("kiosk");
    cli.description(std::string("kiosk ") + KESIP_VERSION + " - Kesip career-guidance kiosk");
    cli.set_help_flag("-h,--help", "this text");
    cli.allow_extras(); // reported by parseOptions, with a suggestion
    cli.option_defaults()->multi_option_policy(CLI::MultiOptionPolicy::TakeLast);
    cli.get_formatter()->column_width(30);
    cli.add_flag("--windowed", o.windowed,
                 "desktop window instead of fullscreen kiosk mode (exit shortcuts work)");
    cli.add_option("--data-dir", o.dataDir, "local database directory (default: $XDG_DATA_HOME/kesip)")
        ->type_name("DIR");
    cli.add_option("--resources", o.resourceDir, "locale bundles and content (default: beside the binary)")
        ->type_name("DIR");
    cli.add_option("--font-dir", o.fontDir, "Noto Sans fonts (default: /usr/share/fonts/truetype/noto)")
        ->type_name("DIR");
    cli.add_option("--text-scale", raw.textScale, "large-text factor, 0.5 to 3 (default 1)")->type_name("F");
    cli.add_option("--maintenance-seconds", o.maintenanceSeconds,
                   "how long a startup error stays on screen before exit (default 30)")
        ->type_name("N");
    cli.add_option("--config", o.configPath,
                   "settings file (default /etc/kesip/kiosk.conf; missing: defaults)")
        ->type_name("FILE");
    cli.add_option("--renderer", o.renderer, "default: the config's renderer (software unless set)")
        ->type_name("NAME")
        ->check(CLI::IsMember({"software", "opengl"}));
    cli.add_flag("--large-text", o.largeText,
                 "start with large text on (screenshots; visitors use the A+ button)");
    cli.add_flag("--high-contrast", o.highContrast,
                 "start with the high-contrast theme (screenshots; visitors use its button)");
    cli.add_flag("--self-test", o.selfTest,
                 "load locale, fonts, content and database, render every screen headless, exit");
    cli.add_option("--export-to", o.exportTo,
                   "export anonymized data to a stick directory (as the staff screen does), exit")
        ->type_name("DIR");
    cli.add_option("--print-sample", o.printSample,
                   "write the built-in sample visit's printed sheet in --lang to a PDF, exit")
        ->type_name("OUT.pdf");
    cli.add_option("--screenshot", o.screenshot,
                   "render --screen headless (dummy video, software renderer), write PNG, exit")
        ->type_name("OUT.png");
    cli.add_option("--screen", o.screen,
                   "screen for --screenshot or --exit-after-first-frame (default attract)")
        ->type_name("NAME");
    cli.add_flag("--exit-after-first-frame", o.exitAfterFirstFrame,
                 "open --screen in a window, present one frame, exit (start-up benchmarks)");
    cli.add_option("--lang", raw.lang, "language for --screenshot and --print-sample (default ky)")
        ->type_name("ky|ru");
    cli.add_option("--size", raw.size, "window size for --screenshot or --windowed (default 1920x1080)")
        ->type_name("WxH");
    std::string screens = "Screens:";
    for (const auto& n : flow::screenNamesForHelp()) screens += " " + n;
    cli.footer(screens +
               " export\n\nExit codes: 0 ok, 2 bad arguments, 3 cannot start (locale/font/display), " +
               "4 maintenance (database problem), 5 a tool flag's job failed (--export-to, --print-sample)");
}

std::vector<std::string> flagNames(const CLI::App& cli) {
    std::vector<std::string> names;
    for (const CLI::Option* opt : cli.get_options())
        for (const auto& n : opt->get_lnames()) names.push_back("--" + n);
    return names;
}

} // namespace

bool parseOptions(int argc, char** argv, Options& o, std::string& error) {
    CLI::App cli;
    Raw raw;
    define(cli, o, raw);
    try {
        cli.parse(argc, argv);
    } catch (const CLI::CallForHelp&) {
        o.help = true;
        return true;
    } catch (const CLI::ParseError& e) {
        error = e.what();
        return false;
    }
    if (!cli.remaining().empty()) {
        const std::string a = cli.remaining().front();
        if (a.empty() || a[0] != '-') {
            error = "unexpected argument '" + a + "' (see --help)";
            return false;
        }
        error = "unknown option " + a;
        const std::string hint = closestMatch(a, flagNames(cli));
        if (!hint.empty()) error += "; did you mean " + hint + "?";
        error += " (see --help)";
        return false;
    }
    if (!raw.lang.empty() && !parseLang(raw.lang, o.lang)) {
        error = "--lang takes ky or ru";
        return false;
    }
    if (!raw.size.empty()) {
        int w = 0, h = 0;
        char x = 0;
        std::istringstream ss(raw.size);
        if (!(ss >> w >> x >> h) || x != 'x' || w < 320 || h < 240 || w > 8192 || h > 8192) {
            error = "--size takes WxH, e.g. 1920x1080";
            return false;
        }
        o.width = w, o.height = h, o.sizeGiven = true;
    }
    if (!raw.textScale.empty()) {
        o.textScale = std::strtof(raw.textScale.c_str(), nullptr);
        if (!(o.textScale >= 0.5f && o.textScale <= 3.f)) {
            error = "--text-scale takes 0.5 to 3";
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
    CLI::App cli;
    Options o;
    Raw raw;
    define(cli, o, raw);
    return cli.help();
}

} // namespace kesip::app
