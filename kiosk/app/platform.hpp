#pragma once
#include <SDL.h>
#include <memory>
#include <string>
#include <vector>

#include "ui/ui.hpp"

namespace kesip::app {

// Mouse state forced for one frame: the UI tests and the bench tap items through this (ImGui 1.86's SDL
// backend reads SDL_GetMouseState, so pushed SDL events would not click).
struct MouseOverride {
    ImVec2 pos;
    bool down = false;
};

struct PlatformConfig {
    bool headless = false;  // dummy video driver, software renderer, fixed size (screenshots, tests)
    bool fullscreen = true; // fullscreen-desktop; otherwise a window of width x height
    bool hideCursor = true;
    bool gpu = false; // try an accelerated renderer first
    int width = 1920, height = 1080;
};

// SDL window + renderer + ImGui context with the SDL_Renderer backend.
class Platform {
  public:
    static std::unique_ptr<Platform> create(const PlatformConfig& cfg, std::string& error);
    ~Platform();

    // (Re)builds the font atlas: Noto Sans regular/bold from fontDir at bodyPx, glyphs for every code
    // point in `texts` plus Cyrillic and Latin-1 (the on-screen keyboards), symbols merged from Noto
    // Sans Symbols for icons.
    bool buildFonts(const std::string& fontDir, const std::vector<std::string>& texts,
                    const std::vector<std::pair<float, ui::Fonts*>>& sets, std::string& error);
    void newFrame(const MouseOverride* mouse);
    void present(Rgb clear);
    bool writeScreenshot(const std::string& path, std::string& error);
    ImVec2 size() const;
    SDL_Window* window() const { return window_; }

  private:
    Platform() = default;
    SDL_Window* window_ = nullptr;
    SDL_Renderer* renderer_ = nullptr;
    bool imguiReady_ = false;
    ImVector<ImWchar> rangesText_, rangesAll_;
};

} // namespace kesip::app
