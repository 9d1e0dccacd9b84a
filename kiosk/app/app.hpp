#pragma once
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "app/options.hpp"
#include "app/platform.hpp"
#include "flow/idle.hpp"
#include "flow/router.hpp"
#include "l10n/catalog.hpp"
#include "store/db.hpp"
#include "store/repo.hpp"
#include "ui/screens/screens.hpp"
#include "util/clock.hpp"

namespace kesip::app {

enum ExitCode { kExitOk = 0, kExitUsage = 2, kExitCannotStart = 3, kExitMaintenance = 4 };

// Composition root: owns the platform, strings, storage, router and the current visit, and turns screen
// intents into state changes. main(), the UI tests and the bench all run this same object.
class App {
  public:
    App(Options opts, Clock& clock);
    ~App();

    // Loads locale, opens the window, builds fonts, opens the database. On a database problem the app
    // still starts, in maintenance mode. Returns false (with stderr text) when it cannot render at all.
    bool init(std::string& error, int& exitCode);

    void handleEvent(const SDL_Event& e); // real input
    void frame(const MouseOverride* mouse = nullptr);
    int run();        // event-driven loop until quit; returns exit code
    int screenshot(); // --screenshot

    // State, for tests and the bench.
    const flow::Router& router() const { return router_; }
    const ui::Ui& ui() const { return *ui_; }
    Lang lang() const { return ui_->lang; }
    bool visitActive() const { return visit_.has_value(); }
    std::optional<std::string> sessionId() const { return visit_ ? std::optional(visit_->id) : std::nullopt; }
    bool idleWarningShown() const { return idleWarning_; }
    bool maintenance() const { return !maintenanceKey_.empty(); }
    store::Database* db() { return db_.get(); }
    Platform& platform() { return *platform_; }
    double lastBuildMs() const { return lastBuildMs_; } // NewFrame -> Render (UI CPU)
    double lastFrameMs() const { return lastFrameMs_; } // whole frame incl. rasterization
    void requestQuit() { quit_ = true; }
    // Starts a visit the way a tap on a language does (screenshots, bench).
    void startVisit(Lang l);
    void navigate(const flow::Route& r) { router_.push(r); }

  private:
    void apply(const ui::Intent& in);
    void endVisit(const char* reason);
    void resetToAttract(const char* reason);
    void setLang(Lang l);
    bool inTest() const { return false; }
    int64_t msUntilNextDeadline() const;
    void drawScreen(ui::Intent& out, const ui::View& v);
    void saveGuard(const char* what, const std::function<void()>& fn);

    Options opts_;
    Clock& clock_;
    std::unique_ptr<l10n::Catalog> catalog_;
    std::unique_ptr<Platform> platform_;
    ui::Theme theme_;
    std::unique_ptr<ui::Ui> ui_;
    std::unique_ptr<store::Database> db_;
    std::unique_ptr<store::SessionRepo> sessions_;
    flow::Router router_;
    flow::IdleMonitor idle_;
    std::optional<store::SessionRow> visit_;
    bool idleWarning_ = false;
    int64_t idleRemainingMs_ = 0;
    int64_t finishShownAt_ = -1;
    std::string maintenanceKey_;
    int64_t maintenanceSince_ = 0;
    bool quit_ = false;
    double lastBuildMs_ = 0, lastFrameMs_ = 0;
};

} // namespace kesip::app
