#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "bench.hpp"
#include "catalog/content.hpp"
#include "l10n/catalog.hpp"
#include "util/paths.hpp"
#include "util/utf8.hpp"

namespace kesip::bench {

namespace fs = std::filesystem;

namespace {

std::string html(const std::string& s) {
    std::string o;
    for (char c : s) o += c == '<' ? "&lt;" : c == '>' ? "&gt;" : c == '&' ? "&amp;" : std::string(1, c);
    return o;
}

// The encyclopedia screen as a web kiosk would serve it: the same strings (locale bundles and content),
// the same layout (top bar, title, search box, a 4-column grid of field tiles), the same fonts and colours.
bool writeEncyclopediaPage(const std::string& path, Lang L, std::string& error) {
    const std::string bin = executableDir();
    auto cat = l10n::Catalog::open(bin + "/locale", error);
    if (!cat) return false;
    auto content = catalog::loadContentDb(bin + "/content.sqlite", error);
    if (!content) return false;
    std::ofstream f(path);
    f << "<!doctype html><html lang=\"" << langCode(L) << "\"><head><meta charset=\"utf-8\"><title>"
      << html(cat->tr(L, "enc_title")) << "</title><style>\n"
      << "body{margin:0;background:#f4f1ea;font-family:'Noto "
         "Sans',sans-serif;color:#1b1f24;overflow:hidden}\n"
      << ".bar{height:96px;background:#1f3a5f;border-bottom:4px solid "
         "#f2b705;display:flex;align-items:center;"
         "padding:0 28px;gap:12px}\n"
      << ".logo{color:#fff;font-weight:700;font-size:34px;margin-right:80px}\n"
      << ".b{background:#2e5282;color:#fff;font-weight:700;font-size:22px;border-radius:12px;padding:18px "
         "40px}\n"
      << ".sp{flex:1}.sel{background:#b0121b}\n"
      << "main{padding:24px 56px}h1{font-size:40px;margin:0 0 24px;display:inline-block}\n"
      << ".search{float:right;width:720px;background:#e4dfd3;border-radius:12px;text-align:center;"
         "font-weight:700;font-size:22px;padding:26px 0}\n"
      << ".grid{clear:both;display:grid;grid-template-columns:repeat(4,1fr);gap:22px;margin-top:30px}\n"
      << ".tile{background:#fff;border:2px solid #c9c1b0;border-radius:16px;height:180px;display:flex;"
         "align-items:center;gap:20px;padding:0 18px}\n"
      << ".icon{width:84px;height:84px;border-radius:42px;background:#f4f1ea;color:#b0121b;font-size:40px;"
         "display:flex;align-items:center;justify-content:center;flex:none}\n"
      << ".name{font-weight:700;font-size:22px}.count{color:#4a4f57;font-size:22px}\n"
      << "</style></head><body>\n<div class=\"bar\"><span class=\"logo\">" << html(cat->tr(L, "app_name"))
      << "</span><span class=\"b\">&lsaquo; " << html(cat->tr(L, "nav_back")) << "</span><span class=\"b\">"
      << html(cat->tr(L, "nav_home")) << "</span><span class=\"sp\"></span><span class=\"b\">A+</span>"
      << "<span class=\"b\">&#x25D0;</span><span class=\"b\">" << html(cat->tr(L, "lang_ky"))
      << "</span><span class=\"b sel\">" << html(cat->tr(L, "lang_ru")) << "</span></div>\n<main><h1>"
      << html(cat->tr(L, "enc_title")) << "</h1><div class=\"search\">" << html(cat->tr(L, "enc_search_hint"))
      << "</div><div class=\"grid\">\n";
    for (const auto& fl : content->fields)
        f << "<div class=\"tile\"><div class=\"icon\">" << utf8::encode(char32_t(fl.icon))
          << "</div><div><div class=\"name\">" << html(fl.name.get(L)) << "</div><div class=\"count\">"
          << html(cat->tr(L, "enc_count", {{"n", int(content->occupationsOfField(fl.id).size())}}))
          << "</div></div></div>\n";
    f << "</div></main></body></html>\n";
    return bool(f);
}

// The kiosk binary measured: beside kiosk-bench, or $KESIP_KIOSK_BIN (an older build, for before/after).
std::string kioskBin() {
    const char* b = std::getenv("KESIP_KIOSK_BIN");
    return b ? b : executableDir() + "/kiosk";
}

// clang-format off
std::vector<std::string> kioskArgs(const std::string& dataDir, const char* renderer) {
    std::vector<std::string> a = {kioskBin(), "--windowed", "--exit-after-first-frame", "--screen", "encyclopedia",
                                  "--lang", "ru", "--size", "1920x1080", "--data-dir", dataDir};
    if (std::string(renderer) != "software") a.insert(a.end(), {"--renderer", renderer});
    return a;
}

std::vector<std::string> kioskShotArgs(const std::string& dataDir, const std::string& png) {
    return {kioskBin(), "--screenshot", png, "--screen", "encyclopedia", "--lang", "ru", "--data-dir", dataDir};
}
// clang-format on

const std::vector<std::string> kQuiet = {"SDL_AUDIODRIVER=dummy"};

bool hasDisplay() {
    return std::getenv("DISPLAY") != nullptr;
}

} // namespace

void benchStartup(const std::string& dir, int runs) {
    std::vector<const char*> renderers = {"software"};
    if (hasDisplay()) renderers.push_back("opengl");
    for (const char* r : renderers) {
        Spread wall, rss;
        for (int i = 0; i < runs; ++i) {
            const std::string d = dir + "/start-" + r + std::to_string(i);
            RunResult x = runMeasured(kioskArgs(d, r), kQuiet);
            fs::remove_all(d);
            if (!x.ok) {
                std::printf("start_first_frame_exit_%s: failed (exit %d)\n", r, x.exitCode);
                break;
            }
            wall.add(x.wallMs);
            rss.add(x.maxRssMb);
        }
        std::printf("start_first_frame_exit_%s: %s; peak RSS %s (encyclopedia, 1920x1080 window, %s)\n", r,
                    wall.str("ms").c_str(), rss.str("MB").c_str(), hasDisplay() ? "X11" : "no display");
        if (!hasDisplay()) break;
    }
    // The headless screenshot: what every UI test and "look at the screen" does.
    Spread wall, rss;
    for (int i = 0; i < runs; ++i) {
        const std::string d = dir + "/shot" + std::to_string(i);
        RunResult x = runMeasured(kioskShotArgs(d, dir + "/shot.png"), kQuiet);
        fs::remove_all(d);
        if (!x.ok) break;
        wall.add(x.wallMs);
        rss.add(x.maxRssMb);
    }
    std::printf(
        "screenshot_process: %s; peak RSS %s (kiosk --screenshot, encyclopedia, start to PNG written)\n",
        wall.str("ms").c_str(), rss.str("MB").c_str());
}

int benchCompare(const std::string& dir, int runs) {
    const char* chromium = std::getenv("KESIP_CHROMIUM") ? std::getenv("KESIP_CHROMIUM") : "chromium";
    const std::string page = dir + "/encyclopedia.html";
    std::string err;
    fs::create_directories(dir);
    if (!writeEncyclopediaPage(page, Lang::ru, err)) {
        std::fprintf(stderr, "kiosk-bench: cannot write the page: %s\n", err.c_str());
        return 1;
    }
    if (std::system((std::string("command -v ") + chromium + " >/dev/null").c_str()) != 0) {
        std::fprintf(stderr, "kiosk-bench --compare: %s not found: run tests/bench/setup-compare.sh\n",
                     chromium);
        return 1;
    }
    const bool display = hasDisplay();
    std::printf("compare: %d interleaved runs each; kiosk %s, Chromium headless screenshot of %s\n", runs,
                display ? "in an X11 window (software renderer)" : "headless --screenshot (no DISPLAY)",
                page.c_str());
    Spread kWall, kRss, kPss, kCpu, cWall, cRss, cPss, cMax, cCpu;
    for (int i = 0; i < runs; ++i) {
        const std::string kd = dir + "/kiosk-data" + std::to_string(i);
        RunResult k =
            runMeasured(display ? kioskArgs(kd, "software") : kioskShotArgs(kd, dir + "/k.png"), kQuiet, 5);
        fs::remove_all(kd);
        const std::string profile = dir + "/chromium-profile" + std::to_string(i);
        fs::remove_all(profile);
        RunResult c =
            runMeasured({chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                         "--disable-background-networking", "--disable-component-update", "--disable-sync",
                         "--hide-scrollbars", "--user-data-dir=" + profile, "--window-size=1920,1080",
                         "--screenshot=" + dir + "/chromium.png", "file://" + page},
                        {}, 5);
        fs::remove_all(profile);
        if (!k.ok || !c.ok) {
            std::fprintf(stderr, "kiosk-bench --compare: run %d failed (kiosk exit %d, chromium exit %d)\n",
                         i, k.exitCode, c.exitCode);
            return 1;
        }
        kWall.add(k.wallMs), kRss.add(k.treeRssMb), kPss.add(k.treePssMb), kCpu.add(k.cpuMs);
        cWall.add(c.wallMs), cRss.add(c.treeRssMb), cPss.add(c.treePssMb), cMax.add(c.maxRssMb),
            cCpu.add(c.cpuMs);
    }
    std::printf("compare_kiosk_start_first_frame_exit: %s\n", kWall.str("ms").c_str());
    std::printf("compare_chromium_start_screenshot_exit: %s\n", cWall.str("ms").c_str());
    std::printf("compare_kiosk_cpu: %s\n", kCpu.str("ms").c_str());
    std::printf("compare_chromium_cpu_all_processes: %s\n", cCpu.str("ms").c_str());
    std::printf("compare_kiosk_peak_rss: %s (PSS %s)\n", kRss.str("MB").c_str(), kPss.str("MB").c_str());
    std::printf("compare_chromium_peak_rss_all_processes: %s (PSS %s; largest process %s)\n",
                cRss.str("MB").c_str(), cPss.str("MB").c_str(), cMax.str("MB").c_str());
    std::printf("compare_ratio_time: %.1fx faster (medians; goal >= 5x)\n", cWall.median() / kWall.median());
    std::printf("compare_ratio_cpu: %.1fx less CPU time (user + system, medians)\n",
                cCpu.median() / kCpu.median());
    std::printf("compare_ratio_memory: %.1fx smaller by summed RSS, %.1fx by PSS (medians; goal >= 8x)\n",
                cRss.median() / kRss.median(), cPss.median() / kPss.median());
    return 0;
}

} // namespace kesip::bench
