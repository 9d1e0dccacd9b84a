#pragma once
#include <SDL.h>
#include <memory>
#include <string>
#include <vector>

#include "ui/ui.hpp"

namespace kesip::app {

class SoftRenderer;

// Mouse state forced for one frame: the UI tests and the bench tap items through this (ImGui 1.86's SDL
// backend reads SDL_GetMouseState, so pushed SDL events would not click).
struct MouseOverride {
    ImVec2 pos;
    bool down = false;
};

// How frames reach the screen. Software (SDL's software renderer) is the default: on this 2-core machine
// it starts faster and uses far less memory than OpenGL on Mesa's llvmpipe, which is what a kiosk PC
// without a GPU driver gets (kiosk-bench prints both). OpenGL is there for PCs with a working GPU driver.
enum class Renderer { Software, OpenGL };
bool parseRenderer(const std::string& s, Renderer& out); // "software" | "opengl"
const char* rendererName(Renderer r);

struct PlatformConfig {
    bool headless = false;  // dummy video driver, software renderer, fixed size (screenshots, tests)
    bool fullscreen = true; // fullscreen-desktop; otherwise a window of width x height
    bool hideCursor = true;
    Renderer renderer = Renderer::Software; // headless is always software (the dummy driver has no GL)
    int width = 1920, height = 1080;
};

// SDL window + renderer (SDL software or OpenGL 3) + ImGui context and backends.
class Platform {
  public:
    static std::unique_ptr<Platform> create(const PlatformConfig& cfg, std::string& error);
    ~Platform();

    // (Re)builds the font atlas: Noto Sans regular/bold from fontDir at bodyPx, glyphs for every code
    // point in `texts` plus Cyrillic and Latin-1 (the on-screen keyboards), symbols merged from Noto
    // Sans Symbols for icons. Each font file is read once; the atlas keeps only the texture.
    bool buildFonts(const std::string& fontDir, const std::vector<std::string>& texts,
                    const std::vector<std::pair<float, ui::Fonts*>>& sets, std::string& error);
    void newFrame(const MouseOverride* mouse);
    // Rasterises and shows the frame ImGui::Render() produced; skips both (returns false) when the draw
    // data is exactly what is already on screen, unless invalidate() was called since.
    bool present(Rgb clear);
    void invalidate() { dirty_ = true; }                    // the window lost its content (exposed, resized)
    void setSkipUnchanged(bool on) { skipUnchanged_ = on; } // the bench measures every frame
    bool writeScreenshot(const std::string& path, std::string& error);
    ImVec2 size() const;
    SDL_Window* window() const { return window_; }
    Renderer renderer() const { return renderer_; }
    ImVec2 atlasSize() const { return atlasSize_; }

  private:
    Platform() = default;
    bool openWindow(const PlatformConfig& cfg, bool useGl, std::string& error);
    void draw(Rgb clear); // rasterise the current draw data into the back buffer
    SDL_Window* window_ = nullptr;
    SDL_Renderer* sdlRenderer_ = nullptr;
    void* gl_ = nullptr; // SDL_GLContext
    Renderer renderer_ = Renderer::Software;
    std::unique_ptr<SoftRenderer> soft_;
    bool imguiReady_ = false;
    ImVector<ImWchar> rangesText_, rangesAll_;
    ImVec2 atlasSize_;
    size_t lastHash_ = 0;
    Rgb lastClear_{0, 0, 0};
    bool dirty_ = true, skipUnchanged_ = true;
};

} // namespace kesip::app
