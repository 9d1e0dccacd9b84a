#include "app/platform.hpp"

#include <imgui_impl_sdl.h>
#include <imgui_impl_sdlrenderer.h>
#include <stb_image_write.h>

#include "util/paths.hpp"

namespace kesip::app {

std::unique_ptr<Platform> Platform::create(const PlatformConfig& cfg, std::string& error) {
    if (cfg.headless) SDL_SetHint(SDL_HINT_VIDEODRIVER, "dummy");
    // SIGINT/SIGTERM are ours (clean shutdown); SDL would turn them into SDL_QUIT, which kiosk mode ignores.
    SDL_SetHint(SDL_HINT_NO_SIGNAL_HANDLERS, "1");
    SDL_SetHint(SDL_HINT_FRAMEBUFFER_ACCELERATION, "0");
    SDL_SetHint(SDL_HINT_VIDEO_MINIMIZE_ON_FOCUS_LOSS, "0");
    if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_TIMER | SDL_INIT_EVENTS) != 0) {
        error = std::string("SDL_Init: ") + SDL_GetError();
        return nullptr;
    }
    std::unique_ptr<Platform> p(new Platform());
    Uint32 flags = SDL_WINDOW_ALLOW_HIGHDPI;
    if (cfg.fullscreen && !cfg.headless) flags |= SDL_WINDOW_FULLSCREEN_DESKTOP | SDL_WINDOW_BORDERLESS;
    p->window_ = SDL_CreateWindow("Kesip", SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED, cfg.width,
                                  cfg.height, flags);
    if (!p->window_) {
        error = std::string("SDL_CreateWindow: ") + SDL_GetError();
        return nullptr;
    }
    if (cfg.gpu && !cfg.headless)
        p->renderer_ =
            SDL_CreateRenderer(p->window_, -1, SDL_RENDERER_ACCELERATED | SDL_RENDERER_PRESENTVSYNC);
    if (!p->renderer_) p->renderer_ = SDL_CreateRenderer(p->window_, -1, SDL_RENDERER_SOFTWARE);
    if (!p->renderer_) {
        error = std::string("SDL_CreateRenderer: ") + SDL_GetError();
        return nullptr;
    }
    if (cfg.hideCursor) SDL_ShowCursor(SDL_DISABLE);

    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr; // nothing of a visit may be written next to the binary
    io.LogFilename = nullptr;
    io.ConfigFlags |= ImGuiConfigFlags_IsTouchScreen;
    ImGui_ImplSDL2_InitForSDLRenderer(p->window_);
    ImGui_ImplSDLRenderer_Init(p->renderer_);
    p->imguiReady_ = true;

    ImGuiStyle& st = ImGui::GetStyle();
    st.WindowPadding = ImVec2(0, 0);
    st.WindowBorderSize = 0;
    st.FrameRounding = 12.f;
    st.FramePadding = ImVec2(16, 12);
    st.ScrollbarSize = 28.f;
    return p;
}

Platform::~Platform() {
    if (imguiReady_) {
        ImGui_ImplSDLRenderer_Shutdown();
        ImGui_ImplSDL2_Shutdown();
        ImGui::DestroyContext();
    }
    if (renderer_) SDL_DestroyRenderer(renderer_);
    if (window_) SDL_DestroyWindow(window_);
    SDL_Quit();
}

bool Platform::buildFonts(const std::string& fontDir, const std::vector<std::string>& texts,
                          const std::vector<std::pair<float, ui::Fonts*>>& sets, std::string& error) {
    const std::string regular = fontDir + "/NotoSans-Regular.ttf";
    const std::string bold = fontDir + "/NotoSans-Bold.ttf";
    const std::string sym1 = fontDir + "/NotoSansSymbols-Regular.ttf";
    const std::string sym2 = fontDir + "/NotoSansSymbols2-Regular.ttf";
    for (const auto& f : {regular, bold}) {
        if (!fileExists(f)) {
            error = "font not found: " + f + " (install fonts-noto-core)";
            return false;
        }
    }
    ImGuiIO& io = ImGui::GetIO();
    ImGui_ImplSDLRenderer_DestroyFontsTexture();
    io.Fonts->Clear();

    // Glyphs: every code point the UI and content can show (no "?" anywhere).
    ImFontGlyphRangesBuilder textOnly;
    textOnly.AddRanges(io.Fonts->GetGlyphRangesDefault());
    for (const auto& t : texts) textOnly.AddText(t.c_str(), t.c_str() + t.size());
    rangesText_.clear();
    textOnly.BuildRanges(&rangesText_);
    ImFontGlyphRangesBuilder all = textOnly;
    all.AddRanges(io.Fonts->GetGlyphRangesCyrillic());
    rangesAll_.clear();
    all.BuildRanges(&rangesAll_);

    ImFontConfig cfg;
    cfg.OversampleH = 1; // large sizes: oversampling only costs atlas memory
    cfg.OversampleV = 1;
    cfg.PixelSnapH = true;
    auto add = [&](const std::string& file, float px, const ImWchar* ranges) -> ImFont* {
        ImFont* f = io.Fonts->AddFontFromFileTTF(file.c_str(), px, &cfg, ranges);
        // Merge icon/symbol glyphs the text font lacks (ImGui keeps glyphs already present).
        ImFontConfig m = cfg;
        m.MergeMode = true;
        if (fileExists(sym1)) io.Fonts->AddFontFromFileTTF(sym1.c_str(), px, &m, rangesText_.Data);
        if (fileExists(sym2)) io.Fonts->AddFontFromFileTTF(sym2.c_str(), px, &m, rangesText_.Data);
        return f;
    };
    // One atlas may hold several sizes (normal and large text), so switching is instant.
    for (const auto& [bodyPx, out] : sets) {
        out->bodyPx = bodyPx;
        out->body = add(regular, bodyPx, rangesAll_.Data);
        out->bold = add(bold, bodyPx, rangesAll_.Data);
        out->heading = add(bold, std::round(bodyPx * 1.6f), rangesText_.Data);
        out->large = add(bold, std::round(bodyPx * 2.2f), rangesText_.Data);
        out->title = add(bold, std::round(bodyPx * 3.f), rangesText_.Data);
        if (!out->body || !out->bold || !out->heading || !out->large || !out->title) {
            error = "could not load fonts from " + fontDir;
            return false;
        }
    }
    io.Fonts->Flags |= ImFontAtlasFlags_NoPowerOfTwoHeight;
    if (!io.Fonts->Build()) {
        error = "could not build the font atlas from " + fontDir;
        return false;
    }
    io.FontDefault = sets.front().second->body;
    ImGui_ImplSDLRenderer_CreateFontsTexture();
    return true;
}

void Platform::newFrame(const MouseOverride* mouse) {
    ImGui_ImplSDLRenderer_NewFrame();
    ImGui_ImplSDL2_NewFrame();
    if (mouse) {
        ImGuiIO& io = ImGui::GetIO();
        io.MousePos = mouse->pos;
        io.MouseDown[0] = mouse->down;
    }
}

void Platform::present(Rgb c) {
    SDL_SetRenderDrawColor(renderer_, c.r, c.g, c.b, 255);
    SDL_RenderClear(renderer_);
    ImGui_ImplSDLRenderer_RenderDrawData(ImGui::GetDrawData());
    SDL_RenderPresent(renderer_);
}

bool Platform::writeScreenshot(const std::string& path, std::string& error) {
    int w = 0, h = 0;
    SDL_GetRendererOutputSize(renderer_, &w, &h);
    std::vector<unsigned char> px(size_t(w) * size_t(h) * 4);
    if (SDL_RenderReadPixels(renderer_, nullptr, SDL_PIXELFORMAT_ABGR8888, px.data(), w * 4) != 0) {
        error = std::string("SDL_RenderReadPixels: ") + SDL_GetError();
        return false;
    }
    if (!stbi_write_png(path.c_str(), w, h, 4, px.data(), w * 4)) {
        error = "cannot write " + path;
        return false;
    }
    return true;
}

ImVec2 Platform::size() const {
    int w = 0, h = 0;
    SDL_GetRendererOutputSize(renderer_, &w, &h);
    return ImVec2(float(w), float(h));
}

} // namespace kesip::app
