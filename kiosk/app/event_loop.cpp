// App: the event loop. Input goes to ImGui and the idle timers; a frame is drawn only after input or when
// a deadline (countdown, idle reset, staff logout, export progress) comes due.
#include <algorithm>
#include <csignal>
#include <imgui_impl_sdl.h>

#include "app/app.hpp"

namespace kesip::app {

namespace {

volatile std::sig_atomic_t g_stopSignal = 0;
void onStopSignal(int) {
    g_stopSignal = 1;
}

} // namespace

void App::handleEvent(const SDL_Event& e) {
    ImGui_ImplSDL2_ProcessEvent(&e);
    switch (e.type) {
    case SDL_MOUSEBUTTONDOWN:
    case SDL_FINGERDOWN:
    case SDL_KEYDOWN:
    case SDL_TEXTINPUT:
    case SDL_MOUSEWHEEL:
        idle_.input(clock_.monotonicMs());
        if (staff_) staff_->lastInputMs = clock_.monotonicMs();
        break;
    case SDL_WINDOWEVENT:
        // The compositor decides the real size (cage may give 1366x768 after we asked for 1920x1080):
        // sizes in em follow the window, so fonts are rebuilt for the new height.
        if (e.window.event == SDL_WINDOWEVENT_SIZE_CHANGED || e.window.event == SDL_WINDOWEVENT_RESIZED)
            resizePending_ = true;
        platform_->invalidate(); // exposed, resized, restored: draw again even if nothing changed
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
        wait =
            std::min(wait, std::max<int64_t>(1, opts_.maintenanceSeconds * 1000 - (now - maintenanceSince_)));
    if (staff_) {
        wait = std::min(wait, std::max<int64_t>(1, kStaffIdleLogoutMs - (now - staff_->lastInputMs)));
        wait = std::min<int64_t>(
            wait, staff_->job && staff_->job->running ? 100 : 2000); // progress bar, stick list
    }
    if (logoHoldStart_ >= 0) wait = std::min(wait, std::max<int64_t>(1, 3000 - (now - logoHoldStart_)));
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
            if (searchIndex_) searchIndex_->prepare(); // first frame shown: search's ICU rules compile now
            --framesLeft;
            deadline = clock_.monotonicMs() + msUntilNextDeadline();
        }
    }
    return maintenanceKey_.empty() ? kExitOk : kExitMaintenance;
}

} // namespace kesip::app
