// Monkey test (issue 6): random taps, drags, keys and idle periods over the real app, with a fixed seed.
// KESIP_MONKEY_EVENTS sets the number of events (default 50,000).
#include <SDL.h>
#include <fstream>
#include <random>
#include <set>

#include "driver.hpp"
#include "privacy_probe.hpp"

using namespace kesip;

namespace {
long rssKb() {
    std::ifstream f("/proc/self/status");
    std::string line;
    while (std::getline(f, line))
        if (line.rfind("VmRSS:", 0) == 0) return std::stol(line.substr(6));
    return 0;
}
} // namespace

TEST_CASE("monkey test with random taps drags keys and idle timeouts", "[monkey]") {
    const char* env = std::getenv("KESIP_MONKEY_EVENTS");
    const int events = env ? std::atoi(env) : 50'000;
    test::Driver d(1920, 1080, 1.f, {}, {}, {}, /*noRaster=*/true);
    std::mt19937 rng(20261126);
    auto pick = [&](int n) { return int(rng() % uint32_t(n)); };
    test::PastVisitors past;
    test::PrivacyProbe probe(d);
    std::string currentCode, currentQuery;
    bool probePending = false;
    int probes = 0, taps = 0, drags = 0, keys = 0, idles = 0;
    const long rss0 = rssKb();
    long rssMax = rss0;
    for (int i = 0; i < events; ++i) {
        const int r = pick(100);
        const auto items = d.app().ui().items();
        if (r < 65 && !items.empty()) {
            const auto& it = items[size_t(pick(int(items.size())))];
            d.tapAt(ImVec2((it.min.x + it.max.x) * 0.5f, (it.min.y + it.max.y) * 0.5f));
            ++taps;
        } else if (r < 75) {
            d.tapAt(ImVec2(float(pick(1920)), float(pick(1080))));
            ++taps;
        } else if (r < 83) {
            d.drag(ImVec2(float(pick(1920)), float(pick(1080))),
                   ImVec2(float(pick(1920)), float(pick(1080))));
            ++drags;
        } else if (r < 88) {
            // Exit attempts a visitor might try: all ignored in kiosk mode.
            SDL_Event e{};
            switch (pick(4)) {
            case 0:
                e.type = SDL_QUIT;
                break;
            case 1:
                e.type = SDL_WINDOWEVENT;
                e.window.event = SDL_WINDOWEVENT_CLOSE;
                break;
            case 2:
                e.type = SDL_KEYDOWN;
                e.key.keysym.sym = SDLK_F4;
                e.key.keysym.mod = KMOD_LALT;
                break;
            default:
                e.type = SDL_KEYUP;
                e.key.keysym.sym = SDLK_ESCAPE;
            }
            d.app().handleEvent(e);
            d.frames(1);
            ++keys;
        } else if (r < 93) {
            d.wait(pick(2) ? 100'000 : 215'000); // warnings and resets (tests have a 180 s limit)
            ++idles;
        } else {
            d.wait(1000 + pick(4000));
        }
        // Track the visitor; after every reset the next visitor is walked through the screens and may
        // see nothing of any earlier one.
        if (auto code = d.app().sessionCode()) currentCode = *code;
        if (d.app().visitActive()) currentQuery = d.app().searchQuery();
        if (!d.app().visitActive() && !currentCode.empty()) {
            past.codes.insert(currentCode);
            if (!currentQuery.empty()) past.queries.insert(currentQuery);
            currentCode.clear();
            currentQuery.clear();
            probePending = true;
        }
        if (probePending && d.screen() == flow::ScreenId::Attract && !d.app().visitActive() &&
            !d.app().staffMode()) {
            REQUIRE(d.app().router().depth() == 1);
            const auto found = probe.run(past, probes % 2 ? Lang::ru : Lang::ky);
            INFO("event " << i << ", probe " << probes << ": " << test::joined(found));
            REQUIRE(found.empty());
            past.codes.insert(probe.lastCode()); // the probe was a visitor too
            ++probes;
            probePending = false;
        }
        if (!d.app().staffMode()) REQUIRE_FALSE(d.app().quitRequested()); // only staff may exit
        if (i % 2000 == 0) rssMax = std::max(rssMax, rssKb());
    }
    rssMax = std::max(rssMax, rssKb());
    const long growthMb = (rssMax - rss0) / 1024;
    WARN("monkey: " << events << " events (" << taps << " taps, " << drags << " drags, " << keys
                    << " exit attempts, " << idles << " idle periods), " << past.codes.size() << " visitors, "
                    << probes << " privacy probes, RSS growth " << growthMb << " MB");
    CHECK(probes > 10);
#if defined(__SANITIZE_ADDRESS__)
    // AddressSanitizer keeps freed memory in quarantine (256 MB by default): RSS is reported, not judged;
    // leaks are LeakSanitizer's job in this build.
#else
    CHECK(growthMb < 80);
#endif
}

namespace {
// A visitor who typed `latinKeys` into the search and walked away: the idle reset ends the visit.
test::PastVisitors searchAndLeave(test::Driver& d, const std::vector<std::string>& latinKeys) {
    d.tap("attract_ru");
    test::PastVisitors past;
    past.codes.insert(*d.app().sessionCode());
    d.tap("home_encyclopedia");
    d.tap("enc_search");
    d.tap("kb_layout_2");
    for (const auto& k : latinKeys) d.tap("key_" + k);
    past.queries.insert(d.app().searchQuery());
    REQUIRE(d.app().searchQuery() == "zxqj");
    d.wait(100'000); // idle: the warning ...
    d.wait(30'000);  // ... and the reset
    REQUIRE(d.screen() == flow::ScreenId::Attract);
    REQUIRE_FALSE(d.app().visitActive());
    return past;
}
} // namespace

// The probe is only worth something if it can fail: with a planted leak (App keeps the last search
// query into the next visit) it must report the query on the search screen, and without it nothing.
TEST_CASE("monkey privacy probe catches a planted leak of the last search query", "[monkey]") {
    {
        test::Driver d(1920, 1080, 1.f, {}, {}, {}, /*noRaster=*/true);
        d.app().plantQueryLeakForTest(true);
        const auto past = searchAndLeave(d, {"z", "x", "q", "j"});
        test::PrivacyProbe probe(d);
        const auto found = probe.run(past, Lang::ky);
        INFO(test::joined(found));
        std::printf("monkey: planted leak caught: %s\n", test::joined(found).c_str());
        CHECK_THAT(test::joined(found), Catch::Contains("search: query 'zxqj'"));
        CHECK_THAT(test::joined(found), Catch::Contains("search: query 'zxqj' in the new visit"));
    }
    {
        test::Driver d(1920, 1080, 1.f, {}, {}, {}, /*noRaster=*/true);
        const auto past = searchAndLeave(d, {"z", "x", "q", "j"});
        test::PrivacyProbe probe(d);
        const auto found = probe.run(past, Lang::ru);
        INFO(test::joined(found));
        CHECK(found.empty());
    }
}
