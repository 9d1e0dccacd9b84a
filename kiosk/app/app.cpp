#include "app/app.hpp"

#include <algorithm>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <functional>
#include <imgui_impl_sdl.h>

#include "store/local_store.hpp"
#include "store/schema.hpp"
#include "util/paths.hpp"

namespace kesip::app {

namespace {

volatile std::sig_atomic_t g_stopSignal = 0;
void onStopSignal(int) {
    g_stopSignal = 1;
}

// How long the thank-you screen stays before the kiosk returns to the attract screen by itself.
constexpr int64_t kFinishScreenMs = 15'000;

std::string findResourceDir(const std::string& given) {
    if (!given.empty()) return given;
    const std::string exe = executableDir();
    if (fileExists(exe + "/locale/root.res")) return exe;
    return exe + "/../share/kesip";
}

double msSince(std::chrono::steady_clock::time_point t0) {
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
}

} // namespace

App::App(Options opts, Clock& clock) : opts_(std::move(opts)), clock_(clock) {}

App::~App() {
    if (visit_ && db_) saveGuard("end visit", [&] { sessions_->end(visit_->id, "shutdown"); });
}

bool App::init(std::string& error, int& exitCode) {
    exitCode = kExitCannotStart;
    const std::string res = findResourceDir(opts_.resourceDir);
    catalog_ = l10n::Catalog::open(res + "/locale", error);
    if (!catalog_) return false;

    PlatformConfig pc;
    pc.headless = !opts_.screenshot.empty() || opts_.headless;
    pc.fullscreen = !opts_.windowed;
    pc.hideCursor = !opts_.windowed && !pc.headless;
    pc.width = opts_.width;
    pc.height = opts_.height;
    platform_ = Platform::create(pc, error);
    if (!platform_) return false;

    ui_ = std::make_unique<ui::Ui>(*catalog_, theme_);
    ui_->lang = opts_.lang;
    // Body text scales with the screen: 28 px at 1080 lines (UX.md asks >= 24), times large-text.
    const float bodyPx = std::round(platform_->size().y / 1080.f * 28.f * opts_.textScale);
    if (!platform_->buildFonts(opts_.fontDir, catalog_->allPatterns(), bodyPx, ui_->fonts, error))
        return false;

    // Storage: screenshots without an explicit data dir use a throwaway in-memory database.
    if (!opts_.screenshot.empty() && opts_.dataDir.empty()) {
        db_ = std::make_unique<store::Database>(":memory:");
        store::migrate(*db_, store::localMigrations());
    } else {
        auto r = store::openLocalStore(opts_.dataDir.empty() ? defaultDataDir() : opts_.dataDir);
        if (!r.db) {
            std::fprintf(stderr, "kesip: %s\n", r.detail.c_str());
            maintenanceKey_ = store::openErrorKey(r.error);
            maintenanceSince_ = clock_.monotonicMs();
            router_.reset({flow::ScreenId::Maintenance, maintenanceKey_});
        } else {
            db_ = std::move(r.db);
        }
    }
    if (db_) sessions_ = std::make_unique<store::SessionRepo>(*db_, clock_);
    idle_.restart(clock_.monotonicMs());
    exitCode = kExitOk;
    return true;
}

void App::saveGuard(const char* what, const std::function<void()>& fn) {
    try {
        fn();
    } catch (const std::exception& e) {
        // The visitor can go on; what was saved before stays saved (each write is its own transaction).
        std::fprintf(stderr, "kesip: could not %s: %s\n", what, e.what());
    }
}

void App::startVisit(Lang l) {
    if (visit_) endVisit("finished");
    ui_->lang = l;
    saveGuard("start visit", [&] { visit_ = sessions_->begin(l); });
    router_.reset({flow::ScreenId::Home, {}});
    idle_.restart(clock_.monotonicMs());
}

void App::setLang(Lang l) {
    ui_->lang = l;
    if (visit_) saveGuard("save language", [&] { sessions_->setLang(visit_->id, l); });
}

void App::endVisit(const char* reason) {
    if (visit_) saveGuard("end visit", [&] { sessions_->end(visit_->id, reason); });
    visit_.reset();
}

// Nothing of the visitor survives: visit state, language, back stack, overlays.
void App::resetToAttract(const char* reason) {
    endVisit(reason);
    router_.reset({flow::ScreenId::Attract, {}});
    ui_->lang = Lang::ky;
    idleWarning_ = false;
    finishShownAt_ = -1;
    idle_.restart(clock_.monotonicMs());
}

void App::apply(const ui::Intent& in) {
    const int64_t now = clock_.monotonicMs();
    if (in.dismissIdle) {
        idle_.dismiss(now);
        idleWarning_ = false;
        return; // the overlay was modal: nothing under it was tapped
    }
    if (in.setLang) setLang(*in.setLang);
    if (in.startVisit) startVisit(*in.startVisit);
    if (in.push) router_.push(*in.push);
    if (in.back && !router_.back() && router_.current().id == flow::ScreenId::Language)
        router_.reset({flow::ScreenId::Attract, {}});
    if (in.home) router_.reset({visit_ ? flow::ScreenId::Home : flow::ScreenId::Attract, {}});
    if (in.finishVisit) {
        endVisit("finished");
        router_.reset({flow::ScreenId::Finish, {}});
        finishShownAt_ = now;
    }
    if (in.closeVisit) resetToAttract("finished");
}

void App::drawScreen(ui::Intent& out, const ui::View& v) {
    using flow::ScreenId;
    switch (v.route.id) {
    case ScreenId::Attract:
        ui::drawAttract(*ui_, v, out);
        break;
    case ScreenId::Language:
        ui::drawLanguage(*ui_, v, out);
        break;
    case ScreenId::Home:
        ui::drawHome(*ui_, v, out);
        break;
    case ScreenId::Placeholder:
        ui::drawPlaceholder(*ui_, v, out);
        break;
    case ScreenId::Finish:
        ui::drawFinish(*ui_, v, out);
        break;
    case ScreenId::Maintenance:
        ui::drawMaintenance(*ui_, v.route.param);
        break;
    }
}

void App::frame(const MouseOverride* mouse) {
    const auto t0 = std::chrono::steady_clock::now();
    const int64_t now = clock_.monotonicMs();
    if (mouse && mouse->down) idle_.input(now);

    // Idle policy applies whenever someone may have left something behind (any screen but attract).
    const auto cur = router_.current().id;
    const bool engaged = cur != flow::ScreenId::Attract && cur != flow::ScreenId::Maintenance;
    idleWarning_ = false;
    if (engaged && cur != flow::ScreenId::Finish) {
        auto phase = idle_.update(now, inTest());
        if (phase == flow::IdleMonitor::Phase::Expired)
            resetToAttract("idle");
        else if (phase == flow::IdleMonitor::Phase::Warning) {
            idleWarning_ = true;
            idleRemainingMs_ = idle_.warningRemainingMs(now);
        }
    }
    if (cur == flow::ScreenId::Finish && finishShownAt_ >= 0 && now - finishShownAt_ >= kFinishScreenMs)
        resetToAttract("finished");

    platform_->newFrame(mouse);
    ui_->beginFrame();
    ImGui::NewFrame();

    ui::View v;
    v.route = router_.current();
    v.depth = router_.depth();
    v.visitActive = visit_.has_value();
    v.hasResults = false;
    v.idleWarning = idleWarning_;
    v.idleRemainingMs = idleRemainingMs_;

    ui::Intent intent;
    const ImVec2 size = platform_->size();
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(size);
    ImGui::PushStyleColor(ImGuiCol_WindowBg, ui::col4(theme_.bg));
    const ImGuiWindowFlags fullscreen = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                        ImGuiWindowFlags_NoSavedSettings |
                                        ImGuiWindowFlags_NoBringToFrontOnFocus;
    ImGui::Begin("##screen", nullptr, fullscreen);
    drawScreen(intent, v);
    ImGui::End();
    ImGui::PopStyleColor();

    if (idleWarning_) {
        // A separate window on top: it takes every tap, so nothing under it reacts.
        ui::Intent overlayIntent;
        ImGui::SetNextWindowPos(ImVec2(0, 0));
        ImGui::SetNextWindowSize(size);
        ImGui::SetNextWindowFocus();
        ImGui::PushStyleColor(ImGuiCol_WindowBg, ImVec4(0, 0, 0, 0));
        ImGui::Begin("##idle", nullptr, fullscreen & ~ImGuiWindowFlags_NoBringToFrontOnFocus);
        ui::drawIdleOverlay(*ui_, v, overlayIntent);
        ImGui::End();
        ImGui::PopStyleColor();
        intent = overlayIntent;
    }

    ImGui::Render();
    lastBuildMs_ = msSince(t0);
    platform_->present(theme_.bg);
    lastFrameMs_ = msSince(t0);
    apply(intent);
}

void App::handleEvent(const SDL_Event& e) {
    ImGui_ImplSDL2_ProcessEvent(&e);
    switch (e.type) {
    case SDL_MOUSEBUTTONDOWN:
    case SDL_FINGERDOWN:
    case SDL_KEYDOWN:
    case SDL_TEXTINPUT:
    case SDL_MOUSEWHEEL:
        idle_.input(clock_.monotonicMs());
        break;
    case SDL_QUIT:
        // Kiosk mode: window close, Alt+F4 and the like never leave the app (staff exit comes later).
        if (opts_.windowed) quit_ = true;
        break;
    case SDL_KEYUP:
        if (opts_.windowed && e.key.keysym.sym == SDLK_ESCAPE) quit_ = true;
        break;
    default:
        break;
    }
}

int64_t App::msUntilNextDeadline() const {
    const int64_t now = clock_.monotonicMs();
    int64_t wait = 3'600'000; // nothing scheduled: sleep until input
    const auto cur = router_.current().id;
    if (cur == flow::ScreenId::Finish && finishShownAt_ >= 0)
        wait = std::max<int64_t>(1, kFinishScreenMs - (now - finishShownAt_));
    else if (cur != flow::ScreenId::Attract && cur != flow::ScreenId::Maintenance)
        wait = idle_.msUntilNextChange(now, inTest());
    if (!maintenanceKey_.empty())
        wait = std::min(wait, std::max<int64_t>(1, opts_.maintenanceSeconds * 1000 - (now - maintenanceSince_)));
    return wait;
}

int App::run() {
    std::signal(SIGTERM, onStopSignal);
    std::signal(SIGINT, onStopSignal);
    // Redraw only after something happened: a few frames after input (ImGui settles hover/active
    // state over two frames), or when a deadline passes (countdown tick, idle reset). Otherwise block in
    // SDL_WaitEventTimeout; wake at least every 500 ms only to notice a stop signal.
    int framesLeft = 3;
    int64_t deadline = clock_.monotonicMs();
    while (!quit_ && !g_stopSignal) {
        SDL_Event e;
        const int64_t wait = std::clamp<int64_t>(deadline - clock_.monotonicMs(), 0, 500);
        const bool got = framesLeft > 0 ? SDL_PollEvent(&e) : SDL_WaitEventTimeout(&e, int(wait));
        if (got) {
            handleEvent(e);
            while (SDL_PollEvent(&e)) handleEvent(e);
            framesLeft = 3;
        }
        const int64_t now = clock_.monotonicMs();
        if (!maintenanceKey_.empty() && now - maintenanceSince_ >= int64_t(opts_.maintenanceSeconds) * 1000)
            return kExitMaintenance;
        if (framesLeft == 0 && now >= deadline) framesLeft = 1;
        if (framesLeft > 0) {
            frame();
            --framesLeft;
            deadline = clock_.monotonicMs() + msUntilNextDeadline();
        }
    }
    return maintenanceKey_.empty() ? kExitOk : kExitMaintenance;
}

int App::screenshot() {
    flow::Route r;
    flow::parseRoute(opts_.screen, r);
    const bool needsVisit = r.id == flow::ScreenId::Home || r.id == flow::ScreenId::Placeholder;
    if (needsVisit && db_) startVisit(opts_.lang);
    ui_->lang = opts_.lang;
    if (r.id != flow::ScreenId::Home && maintenanceKey_.empty()) router_.push(r);
    if (r.id == flow::ScreenId::Finish) finishShownAt_ = clock_.monotonicMs();
    // A few frames so layout that depends on the previous frame (item sizes) settles.
    for (int i = 0; i < 3; ++i) frame();
    std::string err;
    if (!platform_->writeScreenshot(opts_.screenshot, err)) {
        std::fprintf(stderr, "kesip: %s\n", err.c_str());
        return kExitCannotStart;
    }
    return maintenanceKey_.empty() ? kExitOk : kExitMaintenance;
}

} // namespace kesip::app
