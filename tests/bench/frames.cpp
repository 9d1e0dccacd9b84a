#include <SDL.h>
#include <cstdio>
#include <ctime>
#include <fstream>

#include "app/app.hpp"
#include "bench.hpp"

namespace kesip::bench {

namespace {

long rssKb() {
    std::ifstream f("/proc/self/status");
    std::string line;
    while (std::getline(f, line))
        if (line.rfind("VmRSS:", 0) == 0) return std::stol(line.substr(6));
    return -1;
}

// CPU time of the whole process (every thread), precise to the scheduler's accounting.
double cpuSeconds() {
    timespec ts{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return double(ts.tv_sec) + double(ts.tv_nsec) / 1e9;
}

// headless: SDL's dummy video driver (software only); otherwise a 1920x1080 window on $DISPLAY.
app::Options options(const std::string& dataDir, bool headless, const char* renderer) {
    app::Options o;
    o.headless = headless;
    o.windowed = true; // lets the idle measurement stop the loop with SDL_QUIT
    o.dataDir = dataDir;
    o.renderer = renderer;
    o.configPath = "";
    o.width = 1920;
    o.height = 1080;
    return o;
}

// Idle window: CPU from 1 s to 6 s after the loop starts, so the first frames after start do not count.
struct IdleProbe {
    double cpu0 = 0, cpu1 = 0;
    Clock_::time_point t0, t1;
};
Uint32 idleStart(Uint32, void* p) {
    auto* probe = static_cast<IdleProbe*>(p);
    probe->cpu0 = cpuSeconds();
    probe->t0 = Clock_::now();
    return 0;
}
Uint32 idleStop(Uint32, void* p) {
    auto* probe = static_cast<IdleProbe*>(p);
    probe->cpu1 = cpuSeconds();
    probe->t1 = Clock_::now();
    SDL_Event e{};
    e.type = SDL_QUIT;
    SDL_PushEvent(&e);
    return 0;
}

// Every student screen (staff screens need a PIN session and are left out).
std::vector<std::pair<std::string, std::string>> screens(const app::App& a) {
    std::vector<std::pair<std::string, std::string>> s = {
        {"attract", "attract"},
        {"language", "language"},
        {"home", "home"},
        {"demographics", "demographics:interest"},
        {"test", "test:interest"},
        {"encyclopedia", "encyclopedia"},
        {"field", ""},
        {"occupation", "occupation:nurse"},
        {"search", "search:\xD0\xBC\xD0\xB5\xD0\xB4"}, // "мед"
        {"results_interest", "results:interest"},
        {"results_occupations", "results:occupations"},
        {"results_takeaway", "results:takeaway"},
        {"finish", "finish"}};
    if (a.encyclopedia() && !a.encyclopedia()->fields.empty())
        s[6].second = "field:" + a.encyclopedia()->fields.front().id;
    return s;
}

void framesWith(const std::string& dir, bool headless, const char* renderer, int frames, bool first) {
    const std::string tag = std::string(renderer) + (headless ? "_dummy" : "_x11");
    SystemClock clock;
    const auto t0 = Clock_::now();
    app::App a(options(dir, headless, renderer), clock);
    std::string err;
    int code = 0;
    if (!a.init(err, code)) {
        std::printf("frames_%s: cannot start (%s)\n", tag.c_str(), err.c_str());
        return;
    }
    a.frame();
    std::printf("first_frame_in_process_%s: %.1f ms; RSS after it %.1f MB; font atlas %.0fx%.0f\n",
                tag.c_str(), since(t0), double(rssKb()) / 1024.0, a.platform().atlasSize().x,
                a.platform().atlasSize().y);
    for (const auto& [name, screen] : screens(a)) {
        if (screen.empty()) continue;
        flow::Route r;
        if (!flow::parseRoute(screen, r)) continue;
        a.setLanguageForTest(Lang::ru);
        a.prepareScreen(r);
        a.setLanguageForTest(Lang::ru);
        a.platform().setSkipUnchanged(false); // every frame rasterised and presented: the full cost
        std::vector<double> build, full, cpu;
        for (int i = 0; i < frames; ++i) {
            const double c0 = cpuSeconds();
            a.frame();
            cpu.push_back((cpuSeconds() - c0) * 1000.0);
            build.push_back(a.lastBuildMs());
            full.push_back(a.lastFrameMs());
        }
        a.platform().setSkipUnchanged(true);
        std::vector<double> same;
        for (int i = 0; i < 20; ++i) {
            a.frame();
            same.push_back(a.lastFrameMs());
        }
        // CPU time (all threads: llvmpipe rasterises on its own) is what a kiosk PC with nothing else to do
        // would see as wall time on one core; wall time here includes waiting for the shared machine.
        std::printf(
            "frame_%s_%s: full frame p50 %.2f ms, p95 %.2f ms (CPU p50 %.2f ms, p95 %.2f ms); UI build p50 "
            "%.3f ms, p95 %.3f ms; unchanged frame (not redrawn) p50 %.3f ms\n",
            tag.c_str(), name.c_str(), pct(full, .5), pct(full, .95), pct(cpu, .5), pct(cpu, .95),
            pct(build, .5), pct(build, .95), pct(same, .5));
    }
    if (first) {
        // Screenshot: read back and PNG encode of the last screen, in process.
        std::vector<double> shot;
        for (int i = 0; i < 5; ++i) {
            const auto s0 = Clock_::now();
            if (!a.platform().writeScreenshot(dir + "/bench-shot.png", err)) break;
            shot.push_back(since(s0));
        }
        std::printf("screenshot_write_png: p50 %.1f ms, max %.1f ms (1920x1080 read back + PNG, %zu runs)\n",
                    pct(shot, .5), pct(shot, 1), shot.size());
    }
}

} // namespace

void benchFrames(const std::string& dir, int frames) {
    framesWith(dir, true, "software", frames, true);
    if (std::getenv("DISPLAY")) {
        framesWith(dir, false, "software", frames, false);
        framesWith(dir, false, "opengl", frames, false);
    }
    // Idle: the real event loop on the home screen for 5 s with no input. Under a real display (DISPLAY
    // set, e.g. xvfb-run) SDL blocks in the window system; the dummy driver polls every ms.
    SystemClock clock;
    app::App a(options(dir, std::getenv("DISPLAY") == nullptr, "software"), clock);
    std::string err;
    int code = 0;
    if (!a.init(err, code)) return;
    a.startVisit(Lang::ky);
    IdleProbe probe;
    SDL_AddTimer(1000, idleStart, &probe);
    SDL_AddTimer(6000, idleStop, &probe);
    a.run();
    const double wall = ms(probe.t0, probe.t1) / 1000.0;
    std::printf("idle_cpu: %.2f %% over %.1f s (%s video driver)\n", 100.0 * (probe.cpu1 - probe.cpu0) / wall,
                wall, SDL_GetCurrentVideoDriver());
}

} // namespace kesip::bench
