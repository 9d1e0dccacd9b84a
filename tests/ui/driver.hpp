#pragma once
// Headless UI driver: runs real frames of the real app (dummy video driver, software renderer), taps
// items by their stable key, and advances a fake clock for timeouts.
#include <algorithm>
#include <catch2/catch.hpp>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <functional>
#include <random>
#include <string>
#include <thread>

#include "../unit/helpers.hpp"
#include "app/app.hpp"
#include "store/access.hpp"
#include "util/paths.hpp"

namespace kesip::test {

class Driver {
  public:
    explicit Driver(int w = 1920, int h = 1080, float textScale = 1.f, const std::string& resources = {},
                    const std::string& dataDir = {}, std::vector<std::string> stickRoots = {},
                    bool noRaster = false) {
        app::Options o;
        o.headless = true;
        o.width = w;
        o.height = h;
        o.textScale = textScale;
        o.dataDir = dataDir.empty() ? dir.str() : dataDir;
        o.stickRoots = std::move(stickRoots);
        o.noRaster = noRaster;
        o.resourceDir = resources;
        app_ = std::make_unique<app::App>(o, clock);
        std::string err;
        int code = 0;
        INFO(err);
        REQUIRE(app_->init(err, code));
        frames(2);
    }
    app::App& app() { return *app_; }

    void frames(int n = 1) {
        for (int i = 0; i < n; ++i) app_->frame(&mouse_);
    }

    bool has(const std::string& key) const { return find(key) != nullptr; }
    // Tap: press on the item's centre in one frame, release in the next (ImGui clicks on release).
    // Taps an item of a scrolling page (region "<name>" with its "<name>_down" button), paging down until
    // the item is on screen.
    void tapIn(const std::string& key, const std::string& region) {
        for (int i = 0; i < 12 && !has(key); ++i) {
            INFO("paging " << region << " to find " << key);
            REQUIRE(has(region + "_down"));
            tap(region + "_down");
            frames(1);
        }
        tap(key);
    }

    void tap(const std::string& key) {
        const ui::HitItem* it = find(key);
        INFO("tap " << key << " on screen " << flow::screenName(app_->router().current().id));
        REQUIRE(it);
        mouse_.pos = ImVec2((it->min.x + it->max.x) * 0.5f, (it->min.y + it->max.y) * 0.5f);
        mouse_.down = true;
        clock.advance(80);
        frames(1);
        mouse_.down = false;
        clock.advance(80);
        frames(1);
        mouse_.pos = ImVec2(-1000, -1000); // lift the finger off-screen: no lingering hover
        frames(1);
    }
    void tapAt(ImVec2 pos) {
        mouse_.pos = pos;
        mouse_.down = true;
        clock.advance(60);
        frames(1);
        mouse_.down = false;
        clock.advance(60);
        frames(1);
        mouse_.pos = ImVec2(-1000, -1000);
        frames(1);
    }
    void drag(ImVec2 from, ImVec2 to) {
        mouse_.pos = from;
        mouse_.down = true;
        frames(1);
        for (int k = 1; k <= 4; ++k) {
            mouse_.pos =
                ImVec2(from.x + (to.x - from.x) * float(k) / 4.f, from.y + (to.y - from.y) * float(k) / 4.f);
            clock.advance(30);
            frames(1);
        }
        mouse_.down = false;
        frames(1);
        mouse_.pos = ImVec2(-1000, -1000);
        frames(1);
    }
    // Press and hold (the hidden staff entry), frame by frame as a finger would.
    void hold(const std::string& key, int64_t ms) {
        const ui::HitItem* it = find(key);
        REQUIRE(it);
        mouse_.pos = ImVec2((it->min.x + it->max.x) * 0.5f, (it->min.y + it->max.y) * 0.5f);
        mouse_.down = true;
        for (int64_t t = 0; t <= ms; t += 250) {
            clock.advance(250);
            frames(1);
        }
        mouse_.down = false;
        frames(1);
        mouse_.pos = ImVec2(-1000, -1000);
        frames(1);
    }
    // From a visit in progress to the staff screen: finish the visit, hold the logo, type the PIN
    // (set here first).
    void loginAsStaff(const std::string& pin = "246813") {
        store::AccessControl(*app_->db(), clock).setPin(store::Grant::commandLine(), store::Role::Staff, pin);
        if (app_->visitActive()) {
            tap("nav_home");
            tap("home_finish");
            tap("finish_done");
        }
        hold("logo", 3200);
        typePin(pin);
    }
    void typePin(const std::string& pin) {
        for (char c : pin) tap(std::string("pin_") + c);
        tap("pin_ok");
    }
    void wait(int64_t ms) {
        clock.advance(ms);
        frames(1);
    }
    // Waits in real time (a worker thread is at work) until `done` holds, running frames meanwhile; an
    // expired deadline fails naming the condition.
    void waitFor(const std::function<bool()>& done, const std::string& condition, int seconds = 120) {
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(seconds);
        while (!done()) {
            if (std::chrono::steady_clock::now() > deadline)
                FAIL("not within " << seconds << " s: " << condition);
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
            frames(1);
        }
        frames(2);
    }
    flow::ScreenId screen() const { return app_->router().current().id; }
    // Is this text on screen (any string drawn by our widgets in the last frame contains it)?
    bool shows(const std::string& text) const {
        const auto& t = app_->ui().texts();
        return std::any_of(t.begin(), t.end(),
                           [&](const std::string& s) { return s.find(text) != std::string::npos; });
    }

    FakeClock clock;
    TempDir dir;

  private:
    const ui::HitItem* find(const std::string& key) const {
        for (const auto& i : app_->ui().items())
            if (i.key == key) return &i;
        return nullptr;
    }
    std::unique_ptr<app::App> app_;
    app::MouseOverride mouse_{ImVec2(-1000, -1000), false};
};

} // namespace kesip::test
