// The software renderer's fast paths (app/render_soft.cpp), the frame skip and the PNG writer, checked
// pixel by pixel against SDL's own triangle rasteriser and against what was written.
#include <SDL.h>
#include <catch2/catch.hpp>
#include <imgui.h>
#include <stb_image.h>
#include <vector>

#include "../unit/helpers.hpp"
#include "app/platform.hpp"
#include "app/png.hpp"
#include "app/render_soft.hpp"

using namespace kesip;

namespace {

constexpr int kW = 480, kH = 320;

// A dummy-driver window with SDL's software renderer and an ImGui context with the default font.
struct Canvas {
    SDL_Window* window = nullptr;
    SDL_Renderer* r = nullptr;
    Canvas() {
        SDL_SetHint(SDL_HINT_VIDEODRIVER, "dummy");
        REQUIRE(SDL_Init(SDL_INIT_VIDEO) == 0);
        window = SDL_CreateWindow("t", 0, 0, kW, kH, 0);
        REQUIRE(window);
        r = SDL_CreateRenderer(window, -1, SDL_RENDERER_SOFTWARE);
        REQUIRE(r);
        ImGui::CreateContext();
        ImGui::GetIO().DisplaySize = ImVec2(kW, kH);
        ImGui::GetIO().IniFilename = nullptr;
    }
    ~Canvas() {
        ImGui::DestroyContext();
        SDL_DestroyRenderer(r);
        SDL_DestroyWindow(window);
        SDL_Quit();
    }
    std::vector<Uint32> pixels() {
        std::vector<Uint32> px(size_t(kW) * kH);
        REQUIRE(SDL_RenderReadPixels(r, nullptr, SDL_PIXELFORMAT_ARGB8888, px.data(), kW * 4) == 0);
        return px;
    }
    // SDL's generic path: every triangle through SDL_RenderGeometry (what imgui_impl_sdlrenderer does).
    void renderGeneric(const ImDrawData* dd) {
        SDL_SetRenderDrawColor(r, 20, 30, 40, 255);
        SDL_RenderClear(r);
        for (int n = 0; n < dd->CmdListsCount; ++n) {
            const ImDrawList& l = *dd->CmdLists[n];
            for (const ImDrawCmd& c : l.CmdBuffer) {
                const SDL_Rect clip{int(c.ClipRect.x), int(c.ClipRect.y), int(c.ClipRect.z - c.ClipRect.x),
                                    int(c.ClipRect.w - c.ClipRect.y)};
                SDL_RenderSetClipRect(r, &clip);
                const ImDrawVert* v = l.VtxBuffer.Data + c.VtxOffset;
                SDL_RenderGeometryRaw(r, static_cast<SDL_Texture*>(c.GetTexID()), &v->pos.x,
                                      sizeof(ImDrawVert), reinterpret_cast<const SDL_Color*>(&v->col),
                                      sizeof(ImDrawVert), &v->uv.x, sizeof(ImDrawVert),
                                      l.VtxBuffer.Size - int(c.VtxOffset), l.IdxBuffer.Data + c.IdxOffset,
                                      int(c.ElemCount), sizeof(ImDrawIdx));
            }
        }
        SDL_RenderSetClipRect(r, nullptr);
    }
};

int channelDiff(Uint32 a, Uint32 b) {
    int d = 0;
    for (int s = 0; s < 24; s += 8) d = std::max(d, std::abs(int((a >> s) & 255) - int((b >> s) & 255)));
    return d;
}

void shapes(ImDrawList* dl) {
    const ImU32 red = IM_COL32(176, 18, 27, 255), card = IM_COL32(255, 255, 255, 255);
    dl->AddRectFilled(ImVec2(30.4f, 100.7f), ImVec2(140.2f, 140.5f), card, 9.3f); // rounded, fractional
    dl->AddRectFilled(ImVec2(170, 10), ImVec2(330, 120), card, 16.8f);            // rounded card
    dl->AddRectFilled(ImVec2(170, 10), ImVec2(182.6f, 120), red, 16.8f,
                      ImDrawFlags_RoundCornersLeft); // its bar
    dl->AddRect(ImVec2(170, 10), ImVec2(330, 120), IM_COL32(200, 193, 176, 255), 16.8f, 0, 2.f);
    dl->AddCircleFilled(ImVec2(400, 70), 50.f, red, 32);
    dl->AddRectFilled(ImVec2(20, 150), ImVec2(460, 300), IM_COL32(0, 0, 0, 150), 24.f); // translucent overlay
    dl->AddTriangleFilled(ImVec2(40, 170), ImVec2(200, 290), ImVec2(90, 300), IM_COL32(40, 200, 90, 255));
}

} // namespace

TEST_CASE("software fast paths fill the same pixels as SDL's triangle rasteriser", "[render]") {
    // Fails when a fill span is off by a pixel (a seam or a halo around rounded corners, as the first
    // version had where SDL-drawn anti-aliased fringes meet the spans) or a rectangle is rounded differently.
    Canvas c;
    ImGui::GetIO().Fonts->AddFontDefault();
    app::SoftRenderer soft(c.r);
    REQUIRE(soft.uploadFonts(*ImGui::GetIO().Fonts));
    ImGui::NewFrame();
    shapes(ImGui::GetForegroundDrawList());
    ImGui::Render();
    c.renderGeneric(ImGui::GetDrawData());
    const auto generic = c.pixels();
    soft.render(ImGui::GetDrawData(), SDL_Color{20, 30, 40, 255});
    const auto fast = c.pixels();
    int differ = 0, worst = 0;
    for (size_t i = 0; i < fast.size(); ++i) {
        const int d = channelDiff(fast[i], generic[i]);
        worst = std::max(worst, d);
        if (d > 8) ++differ;
    }
    INFO("pixels differing by more than 8 of 255: " << differ << ", worst " << worst);
    CHECK(differ == 0);
}

TEST_CASE("software fast path fills a rectangle's pixels exactly", "[render]") {
    // Fails when a fill is a pixel short or long. (SDL's own conversion of two triangles into a rectangle
    // leaves out the last row: the fast path covers what the triangles and OpenGL cover.)
    Canvas c;
    ImGui::GetIO().Fonts->AddFontDefault();
    app::SoftRenderer soft(c.r);
    REQUIRE(soft.uploadFonts(*ImGui::GetIO().Fonts));
    ImGui::NewFrame();
    ImGui::GetForegroundDrawList()->AddRectFilled(ImVec2(10, 10), ImVec2(150, 90), IM_COL32_WHITE);
    ImGui::GetForegroundDrawList()->AddRectFilled(ImVec2(200.4f, 10.6f), ImVec2(260.7f, 40.2f),
                                                  IM_COL32_WHITE);
    ImGui::Render();
    soft.render(ImGui::GetDrawData(), SDL_Color{0, 0, 0, 255});
    const auto px = c.pixels();
    auto white = [&](int x, int y) { return (px[size_t(y) * kW + size_t(x)] & 0xFFFFFF) == 0xFFFFFF; };
    CHECK(white(10, 10));
    CHECK(white(149, 89));
    CHECK_FALSE(white(150, 89));
    CHECK_FALSE(white(149, 90));
    CHECK_FALSE(white(9, 10));
    CHECK_FALSE(white(10, 9));
    // fractional corners: the pixels whose centres lie inside (after SDL's truncation of the corners)
    CHECK(white(200, 10));
    CHECK(white(259, 39));
    CHECK_FALSE(white(260, 39));
    CHECK_FALSE(white(259, 40));
}

TEST_CASE("software fast path draws glyphs texel for texel from the atlas", "[render]") {
    // Fails when glyph blits are shifted or scaled (SDL's triangle path drew glyphs one row low).
    Canvas c;
    ImFontAtlas& atlas = *ImGui::GetIO().Fonts;
    ImFont* font = atlas.AddFontDefault();
    unsigned char* alpha = nullptr;
    int aw = 0, ah = 0;
    atlas.GetTexDataAsAlpha8(&alpha, &aw, &ah);
    const std::vector<unsigned char> copy(alpha, alpha + size_t(aw) * size_t(ah)); // upload frees the atlas'
    app::SoftRenderer soft(c.r);
    REQUIRE(soft.uploadFonts(atlas));
    const ImFontGlyph* g = font->FindGlyph('H');
    REQUIRE(g);
    ImGui::NewFrame();
    const ImVec2 at(100, 100);
    ImGui::GetForegroundDrawList()->AddText(font, font->FontSize, at, IM_COL32_WHITE, "H");
    ImGui::Render();
    soft.render(ImGui::GetDrawData(), SDL_Color{0, 0, 0, 255});
    const auto px = c.pixels();
    const int x0 = int(at.x + g->X0), y0 = int(at.y + g->Y0), u0 = int(g->U0 * float(aw) + 0.5f),
              v0 = int(g->V0 * float(ah) + 0.5f);
    int mismatches = 0, ink = 0;
    for (int y = 0; y < int(g->Y1 - g->Y0); ++y)
        for (int x = 0; x < int(g->X1 - g->X0); ++x) {
            const int a = copy[size_t(v0 + y) * size_t(aw) + size_t(u0 + x)];
            const int got =
                int(px[size_t(y0 + y) * kW + size_t(x0 + x)] & 255); // white on black: blue == alpha
            ink += a > 0;
            if (std::abs(got - a) > 2) ++mismatches;
        }
    CHECK(ink > 10);
    CHECK(mismatches == 0);
}

TEST_CASE("an unchanged frame is not redrawn; a change or invalidate() redraws it", "[render]") {
    // Fails when every frame is rasterised again (the CPU cost of idle redraws after each tap) or when a
    // changed frame or a lost window content is not drawn.
    app::PlatformConfig cfg;
    cfg.headless = true;
    cfg.width = kW;
    cfg.height = kH;
    std::string err;
    auto p = app::Platform::create(cfg, err);
    REQUIRE(p);
    ImGui::GetIO().Fonts->AddFontDefault();
    ImGui::GetIO().Fonts->Build();
    auto frame = [&](float x) {
        p->newFrame(nullptr);
        ImGui::NewFrame();
        ImGui::GetForegroundDrawList()->AddRectFilled(ImVec2(x, 10), ImVec2(x + 50, 60),
                                                      IM_COL32(200, 0, 0, 255));
        ImGui::Render();
        return p->present(Rgb{1, 2, 3});
    };
    CHECK(frame(10));
    CHECK_FALSE(frame(10));
    CHECK_FALSE(frame(10));
    CHECK(frame(11));
    p->invalidate();
    CHECK(frame(11));
    CHECK_FALSE(frame(11));
    p->setSkipUnchanged(false);
    CHECK(frame(11));
}

TEST_CASE("fast PNG screenshots decode to exactly the pixels written", "[render]") {
    // Fails when the libpng writer drops the alpha channel, swaps channels or misplaces rows.
    test::TempDir d;
    std::vector<unsigned char> rgba(size_t(kW) * kH * 4);
    for (size_t i = 0; i < rgba.size(); ++i) rgba[i] = (unsigned char)((i * 7 + i / 977) & 255);
    const std::string path = d.str() + "/x.png";
    std::string err;
    REQUIRE(app::writePngFast(path, kW, kH, rgba.data(), kW * 4, err));
    int w = 0, h = 0, n = 0;
    unsigned char* back = stbi_load(path.c_str(), &w, &h, &n, 4);
    REQUIRE(back);
    CHECK(w == kW);
    CHECK(h == kH);
    CHECK(n == 4);
    CHECK(std::equal(rgba.begin(), rgba.end(), back));
    stbi_image_free(back);
    CHECK_FALSE(app::writePngFast(d.str() + "/missing/dir/x.png", kW, kH, rgba.data(), kW * 4, err));
    CHECK_FALSE(err.empty());
}
