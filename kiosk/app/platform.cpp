#include "app/platform.hpp"

#include <SDL_opengl.h>
#include <cstdio>
#include <functional>
#include <imgui_impl_opengl3.h>
#include <imgui_impl_sdl.h>
#include <string_view>

#include "app/png.hpp"
#include "app/render_soft.hpp"
#include "util/paths.hpp"

namespace kesip::app {

namespace {

// The few GL calls made here, through SDL (so the kiosk needs no link-time libGL).
struct Gl {
    void(APIENTRY* viewport)(GLint, GLint, GLsizei, GLsizei) = nullptr;
    void(APIENTRY* clearColor)(GLfloat, GLfloat, GLfloat, GLfloat) = nullptr;
    void(APIENTRY* clear)(GLbitfield) = nullptr;
    void(APIENTRY* readPixels)(GLint, GLint, GLsizei, GLsizei, GLenum, GLenum, void*) = nullptr;
    void(APIENTRY* pixelStorei)(GLenum, GLint) = nullptr;
    bool load() {
        viewport = reinterpret_cast<decltype(viewport)>(SDL_GL_GetProcAddress("glViewport"));
        clearColor = reinterpret_cast<decltype(clearColor)>(SDL_GL_GetProcAddress("glClearColor"));
        clear = reinterpret_cast<decltype(clear)>(SDL_GL_GetProcAddress("glClear"));
        readPixels = reinterpret_cast<decltype(readPixels)>(SDL_GL_GetProcAddress("glReadPixels"));
        pixelStorei = reinterpret_cast<decltype(pixelStorei)>(SDL_GL_GetProcAddress("glPixelStorei"));
        return viewport && clearColor && clear && readPixels && pixelStorei;
    }
} gl;

// Everything that decides the pixels of a frame: same hash, same picture (collisions aside).
size_t drawDataHash(const ImDrawData* dd, Rgb clear) {
    std::hash<std::string_view> h;
    auto mix = [](size_t seed, size_t v) {
        return seed ^ (v + 0x9e3779b97f4a7c15ull + (seed << 6) + (seed >> 2));
    };
    auto bytes = [&](const void* p, size_t n) { return h(std::string_view(static_cast<const char*>(p), n)); };
    size_t s = mix(size_t(dd->DisplaySize.x) * 65536 + size_t(dd->DisplaySize.y),
                   (size_t(clear.r) << 16) | (size_t(clear.g) << 8) | clear.b);
    for (int n = 0; n < dd->CmdListsCount; ++n) {
        const ImDrawList& l = *dd->CmdLists[n];
        s = mix(s, bytes(l.VtxBuffer.Data, size_t(l.VtxBuffer.Size) * sizeof(ImDrawVert)));
        s = mix(s, bytes(l.IdxBuffer.Data, size_t(l.IdxBuffer.Size) * sizeof(ImDrawIdx)));
        for (const ImDrawCmd& c : l.CmdBuffer) {
            s = mix(s, bytes(&c.ClipRect, sizeof c.ClipRect));
            s = mix(s, size_t(reinterpret_cast<uintptr_t>(c.TextureId)));
            s = mix(s,
                    (size_t(c.VtxOffset) << 32) ^ (size_t(c.IdxOffset) << 1) ^ (size_t(c.ElemCount) << 40));
            s = mix(s, size_t(reinterpret_cast<uintptr_t>(c.UserCallback)));
        }
    }
    return s;
}

} // namespace

bool parseRenderer(const std::string& s, Renderer& out) {
    if (s == "software") return out = Renderer::Software, true;
    if (s == "opengl") return out = Renderer::OpenGL, true;
    return false;
}

const char* rendererName(Renderer r) {
    return r == Renderer::OpenGL ? "opengl" : "software";
}

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
    p->renderer_ = cfg.headless ? Renderer::Software : cfg.renderer;
    // OpenGL that does not start (no GL driver at all) falls back to software: a setting never keeps the
    // kiosk from starting.
    if (p->renderer_ == Renderer::OpenGL && !p->openWindow(cfg, true, error)) {
        std::fprintf(stderr, "kesip: %s; using the software renderer\n", error.c_str());
        p->renderer_ = Renderer::Software;
    }
    if (p->renderer_ == Renderer::Software && !p->openWindow(cfg, false, error)) return nullptr;
    const bool useGl = p->renderer_ == Renderer::OpenGL;
    if (cfg.hideCursor) SDL_ShowCursor(SDL_DISABLE);

    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr; // nothing of a visit may be written next to the binary
    io.LogFilename = nullptr;
    io.ConfigFlags |= ImGuiConfigFlags_IsTouchScreen;
    if (useGl) {
        ImGui_ImplSDL2_InitForOpenGL(p->window_, p->gl_);
        ImGui_ImplOpenGL3_Init("#version 130");
    } else {
        ImGui_ImplSDL2_InitForSDLRenderer(p->window_);
    }
    p->imguiReady_ = true;

    ImGuiStyle& st = ImGui::GetStyle();
    st.WindowPadding = ImVec2(0, 0);
    st.WindowBorderSize = 0;
    st.FrameRounding = 12.f;
    st.FramePadding = ImVec2(16, 12);
    st.ScrollbarSize = 28.f;
    return p;
}

bool Platform::openWindow(const PlatformConfig& cfg, bool useGl, std::string& error) {
    Uint32 flags = SDL_WINDOW_ALLOW_HIGHDPI | (useGl ? SDL_WINDOW_OPENGL : 0);
    if (cfg.fullscreen && !cfg.headless) flags |= SDL_WINDOW_FULLSCREEN_DESKTOP | SDL_WINDOW_BORDERLESS;
    if (useGl) {
        SDL_GL_SetAttribute(SDL_GL_CONTEXT_MAJOR_VERSION, 3);
        SDL_GL_SetAttribute(SDL_GL_CONTEXT_MINOR_VERSION, 0);
        SDL_GL_SetAttribute(SDL_GL_DOUBLEBUFFER, 1);
        SDL_GL_SetAttribute(SDL_GL_DEPTH_SIZE, 0);
        SDL_GL_SetAttribute(SDL_GL_STENCIL_SIZE, 0);
    }
    window_ = SDL_CreateWindow("Kesip", SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED, cfg.width, cfg.height,
                               flags);
    if (!window_) {
        error = std::string("SDL_CreateWindow: ") + SDL_GetError();
        return false;
    }
    if (useGl) {
        gl_ = SDL_GL_CreateContext(window_);
        if (!gl_ || !gl.load()) {
            error = std::string("OpenGL 3.0 context: ") + SDL_GetError();
            if (gl_) SDL_GL_DeleteContext(gl_);
            gl_ = nullptr;
            SDL_DestroyWindow(window_);
            window_ = nullptr;
            return false;
        }
        SDL_GL_MakeCurrent(window_, gl_);
        SDL_GL_SetSwapInterval(0); // frames are drawn only when something changed; never wait for vblank
        return true;
    }
    sdlRenderer_ = SDL_CreateRenderer(window_, -1, SDL_RENDERER_SOFTWARE);
    if (!sdlRenderer_) {
        error = std::string("SDL_CreateRenderer: ") + SDL_GetError();
        return false;
    }
    soft_ = std::make_unique<SoftRenderer>(sdlRenderer_);
    return true;
}

Platform::~Platform() {
    soft_.reset();
    if (imguiReady_) {
        if (renderer_ == Renderer::OpenGL) ImGui_ImplOpenGL3_Shutdown();
        ImGui_ImplSDL2_Shutdown();
        ImGui::DestroyContext();
    }
    if (sdlRenderer_) SDL_DestroyRenderer(sdlRenderer_);
    if (gl_) SDL_GL_DeleteContext(gl_);
    if (window_) SDL_DestroyWindow(window_);
    SDL_Quit();
}

bool Platform::buildFonts(const std::string& fontDir, const std::vector<std::string>& texts,
                          const std::vector<std::pair<float, ui::Fonts*>>& sets, std::string& error) {
    const std::string regular = fontDir + "/NotoSans-Regular.ttf";
    const std::string bold = fontDir + "/NotoSans-Bold.ttf";
    const std::string sym1 = fontDir + "/NotoSansSymbols-Regular.ttf";
    const std::string sym2 = fontDir + "/NotoSansSymbols2-Regular.ttf";
    // Each file read once (ImGui would read it again for every size); the atlas only borrows the bytes.
    std::string regularTtf, boldTtf, sym1Ttf, sym2Ttf;
    if (!readFile(regular, regularTtf) || !readFile(bold, boldTtf)) {
        error = "font not found: " + (regularTtf.empty() ? regular : bold) + " (install fonts-noto-core)";
        return false;
    }
    readFile(sym1, sym1Ttf); // optional: icons fall back to the text font
    readFile(sym2, sym2Ttf);
    ImGuiIO& io = ImGui::GetIO();
    if (soft_) soft_->destroyFonts();
    io.Fonts->Clear();
    dirty_ = true;

    // Glyphs: every code point the UI and content can show (no "?" anywhere), and for body text also all of
    // Latin-1 and the Cyrillic block (ICU-formatted dates, numbers). The large sizes cost most to
    // rasterise (area grows with the square of the size): they get ASCII and the texts' code points only.
    static const ImWchar kAscii[] = {0x0020, 0x007E, 0};
    static const ImWchar kBody[] = {0x0020, 0x00FF, 0x0400, 0x04FF, 0};
    ImFontGlyphRangesBuilder textOnly;
    textOnly.AddRanges(kAscii);
    for (const auto& t : texts) textOnly.AddText(t.c_str(), t.c_str() + t.size());
    rangesText_.clear();
    textOnly.BuildRanges(&rangesText_);
    ImFontGlyphRangesBuilder all = textOnly;
    all.AddRanges(kBody);
    rangesAll_.clear();
    all.BuildRanges(&rangesAll_);

    ImFontConfig cfg;
    cfg.OversampleH = 1; // large sizes: oversampling only costs atlas memory
    cfg.OversampleV = 1;
    cfg.PixelSnapH = true;
    cfg.FontDataOwnedByAtlas = false;
    auto fromMemory = [&](std::string& ttf, float px, const ImFontConfig& c, const ImWchar* ranges) {
        return io.Fonts->AddFontFromMemoryTTF(ttf.data(), int(ttf.size()), px, &c, ranges);
    };
    auto add = [&](std::string& ttf, float px, const ImWchar* ranges) -> ImFont* {
        ImFont* f = fromMemory(ttf, px, cfg, ranges);
        // Merge icon/symbol glyphs the text font lacks (ImGui keeps glyphs already present).
        ImFontConfig m = cfg;
        m.MergeMode = true;
        if (!sym1Ttf.empty()) fromMemory(sym1Ttf, px, m, rangesText_.Data);
        if (!sym2Ttf.empty()) fromMemory(sym2Ttf, px, m, rangesText_.Data);
        return f;
    };
    // One atlas may hold several sizes (normal and large text), so switching is instant.
    for (const auto& [bodyPx, out] : sets) {
        out->bodyPx = bodyPx;
        out->body = add(regularTtf, bodyPx, rangesAll_.Data);
        out->bold = add(boldTtf, bodyPx, rangesAll_.Data);
        out->heading = add(boldTtf, std::round(bodyPx * 1.6f), rangesText_.Data);
        out->large = add(boldTtf, std::round(bodyPx * 2.2f), rangesText_.Data);
        out->title = add(boldTtf, std::round(bodyPx * 3.f), rangesText_.Data);
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
    atlasSize_ = ImVec2(float(io.Fonts->TexWidth), float(io.Fonts->TexHeight));
    bool uploaded;
    if (soft_)
        uploaded = soft_->uploadFonts(*io.Fonts);
    else {
        ImGui_ImplOpenGL3_DestroyDeviceObjects();
        uploaded = ImGui_ImplOpenGL3_CreateDeviceObjects(); // shaders and the font texture
        io.Fonts->ClearTexData();
    }
    // The glyphs are baked: the font files and the atlas' build inputs are no longer needed.
    io.Fonts->ClearInputData();
    if (!uploaded) {
        error = std::string("could not create the font texture: ") + SDL_GetError();
        return false;
    }
    return true;
}

void Platform::newFrame(const MouseOverride* mouse) {
    if (renderer_ == Renderer::OpenGL) ImGui_ImplOpenGL3_NewFrame();
    ImGui_ImplSDL2_NewFrame();
    if (mouse) {
        ImGuiIO& io = ImGui::GetIO();
        io.MousePos = mouse->pos;
        io.MouseDown[0] = mouse->down;
    }
}

void Platform::draw(Rgb c) {
    ImDrawData* dd = ImGui::GetDrawData();
    if (soft_) {
        soft_->render(dd, SDL_Color{c.r, c.g, c.b, 255});
        return;
    }
    int w = 0, h = 0;
    SDL_GL_GetDrawableSize(window_, &w, &h);
    gl.viewport(0, 0, w, h);
    gl.clearColor(float(c.r) / 255.f, float(c.g) / 255.f, float(c.b) / 255.f, 1.f);
    gl.clear(GL_COLOR_BUFFER_BIT);
    ImGui_ImplOpenGL3_RenderDrawData(dd);
}

bool Platform::present(Rgb c) {
    const size_t hash = drawDataHash(ImGui::GetDrawData(), c);
    if (skipUnchanged_ && !dirty_ && hash == lastHash_) return false;
    draw(c);
    if (soft_)
        SDL_RenderPresent(sdlRenderer_);
    else
        SDL_GL_SwapWindow(window_);
    lastHash_ = hash;
    lastClear_ = c;
    dirty_ = false;
    return true;
}

bool Platform::writeScreenshot(const std::string& path, std::string& error) {
    int w = 0, h = 0;
    std::vector<unsigned char> px;
    if (soft_) {
        SDL_GetRendererOutputSize(sdlRenderer_, &w, &h);
        px.resize(size_t(w) * size_t(h) * 4);
        if (SDL_RenderReadPixels(sdlRenderer_, nullptr, SDL_PIXELFORMAT_ABGR8888, px.data(), w * 4) != 0) {
            error = std::string("SDL_RenderReadPixels: ") + SDL_GetError();
            return false;
        }
    } else {
        // The back buffer is undefined after a swap: draw the last frame again and read it before swapping.
        draw(lastClear_);
        SDL_GL_GetDrawableSize(window_, &w, &h);
        std::vector<unsigned char> flipped(size_t(w) * size_t(h) * 4);
        gl.pixelStorei(GL_PACK_ALIGNMENT, 1);
        gl.readPixels(0, 0, w, h, GL_RGBA, GL_UNSIGNED_BYTE, flipped.data());
        px.resize(flipped.size());
        const size_t row = size_t(w) * 4;
        for (int y = 0; y < h; ++y) std::copy_n(&flipped[size_t(h - 1 - y) * row], row, &px[size_t(y) * row]);
        dirty_ = true;
    }
    return writePngFast(path, w, h, px.data(), w * 4, error);
}

ImVec2 Platform::size() const {
    int w = 0, h = 0;
    if (soft_)
        SDL_GetRendererOutputSize(sdlRenderer_, &w, &h);
    else
        SDL_GL_GetDrawableSize(window_, &w, &h);
    return ImVec2(float(w), float(h));
}

} // namespace kesip::app
