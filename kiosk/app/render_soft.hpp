#pragma once
#include <SDL.h>
#include <imgui.h>
#include <vector>

namespace kesip::app {

// ImGui draw data through SDL's software renderer, faster than the generic SDL_RenderGeometry backend:
// axis-aligned quads (the bulk of a frame: backgrounds, rectangles, every glyph) become SDL_FillRect-class
// fills and 1:1 blits instead of rasterised textured triangles, convex filled shapes (rounded cards, circles)
// skip texture sampling and SDL's per-triangle bounding-box loops (filled shapes, one colour, become runs of
// rectangles, one per distinct span).
class SoftRenderer {
  public:
    explicit SoftRenderer(SDL_Renderer* r) : r_(r) {}
    ~SoftRenderer();
    // The font atlas as a texture, built from its 8-bit alpha (no RGBA copy); the atlas' CPU pixels are
    // freed afterwards.
    bool uploadFonts(ImFontAtlas& atlas);
    void destroyFonts();
    void render(const ImDrawData* dd, SDL_Color clear);

  private:
    void drawQuad(SDL_Texture* tex, const ImDrawVert& tl, const ImDrawVert& br);
    void drawTriangles(SDL_Texture* tex, const ImDrawList& list, const ImDrawCmd& cmd, unsigned from,
                       unsigned to);
    void geometry(SDL_Texture* tex, const ImDrawList& list, const ImDrawCmd& cmd, unsigned from, unsigned to);
    void fillFan(const ImDrawVert* v, const ImDrawIdx* ix, unsigned count);
    std::vector<SDL_Rect> spans_;
    SDL_Renderer* r_;
    SDL_Texture* font_ = nullptr;
    int texW_ = 0, texH_ = 0;
    ImVec2 white_; // UV of the atlas' white pixel: geometry sampling only it needs no texture
    Uint32 texColor_ = 0, drawColor_ = 0; // colour mods last set (ImU32), to skip redundant calls
    bool drawBlend_ = false;
};

} // namespace kesip::app
