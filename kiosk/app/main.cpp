#include <cstdio>

#include "app/app.hpp"
#include "app/headless_export.hpp"
#include "app/print_sample.hpp"

int main(int argc, char** argv) {
    using namespace kesip;
    app::Options opts;
    std::string error;
    if (!app::parseOptions(argc, argv, opts, error)) {
        std::fprintf(stderr, "kiosk: %s\n", error.c_str());
        return app::kExitUsage;
    }
    if (opts.help) {
        std::fputs(app::helpText().c_str(), stdout);
        return app::kExitOk;
    }
    if (!opts.exportTo.empty()) return app::runHeadlessExport(opts);
    if (!opts.printSample.empty()) return app::runPrintSample(opts);
    SystemClock clock;
    app::App a(opts, clock);
    int code = 0;
    if (!a.init(error, code)) {
        std::fprintf(stderr, "kiosk: cannot start: %s\n", error.c_str());
        return code;
    }
    if (opts.selfTest) return a.selfTest();
    if (opts.exitAfterFirstFrame) {
        // Start-up benchmarks: the screen as a visitor would first see it, one presented frame, exit.
        flow::Route r;
        flow::parseRoute(opts.screen, r);
        a.prepareScreen(r);
        a.frame();
        return app::kExitOk;
    }
    return opts.screenshot.empty() ? a.run() : a.screenshot();
}
