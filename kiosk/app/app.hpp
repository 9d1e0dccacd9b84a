#pragma once
#include <atomic>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "app/audio.hpp"
#include "app/options.hpp"
#include "app/platform.hpp"
#include "assess/instrument.hpp"
#include "assess/runner.hpp"
#include "catalog/content.hpp"
#include "catalog/search.hpp"
#include "flow/idle.hpp"
#include "flow/router.hpp"
#include "l10n/catalog.hpp"
#include "psychometrics/norms.hpp"
#include "speech/speech.hpp"
#include "store/access.hpp"
#include "store/db.hpp"
#include "store/repo.hpp"
#include "store/runs.hpp"
#include "sync/export.hpp"
#include "ui/screens/screens.hpp"
#include "util/clock.hpp"
#include "util/config.hpp"

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
    int selfTest();   // --self-test
    // Puts the app on a screen with the state it needs (a sample visit for results, a started test...),
    // as --screenshot does. Student screens only.
    void prepareScreen(const flow::Route& r);
    void setLanguageForTest(Lang l) { ui_->lang = l; }

    // State, for tests and the bench.
    const flow::Router& router() const { return router_; }
    const ui::Ui& ui() const { return *ui_; }
    Lang lang() const { return ui_->lang; }
    bool visitActive() const { return visit_.has_value(); }
    std::optional<std::string> sessionId() const {
        return visit_ ? std::optional(visit_->session.id) : std::nullopt;
    }
    std::optional<std::string> sessionCode() const {
        return visit_ ? std::optional(visit_->session.code) : std::nullopt;
    }
    const assess::Instrument* instrument(const std::string& id) const;
    // Every string the kiosk can show (locale, content, UI symbols): the font atlas covers all of them.
    std::vector<std::string> displayTexts() const;
    const std::vector<content::Problem>& contentProblems() const { return contentProblems_; }
    const catalog::Content* encyclopedia() const { return encyclopedia_ ? &*encyclopedia_ : nullptr; }
    const std::string& encyclopediaError() const { return encyclopediaError_; }
    const std::vector<psychometrics::NormsTable>& norms() const { return norms_; } // installed, fitting
    std::string searchQuery() const { return visit_ ? visit_->search.query : std::string(); }
    bool idleWarningShown() const { return idleWarning_; }
    bool maintenance() const { return !maintenanceKey_.empty(); }
    store::Database* db() { return db_.get(); }
    Platform& platform() { return *platform_; }
    double lastBuildMs() const { return lastBuildMs_; } // NewFrame -> Render (UI CPU)
    double lastFrameMs() const { return lastFrameMs_; } // whole frame incl. rasterization
    void requestQuit() { quit_ = true; }
    bool quitRequested() const { return quit_; }
    bool largeText() const { return largeText_; }
    bool highContrast() const { return highContrast_; }
    const ui::Theme& theme() const { return theme_; }
    bool staffMode() const { return staff_ != nullptr; }
    std::optional<store::Role> staffRole() const { return staff_ ? staff_->role : std::nullopt; }
    const ui::StaffView* staffView() const { return staff_ ? &staff_->view : nullptr; }
    bool exportRunning() const { return staff_ && staff_->running; }
    const KioskConfig& config() const { return config_; }
    bool speaking() const { return speech_ && speech_->busy(); }
    bool readAloudAvailable() const { return speech_ && speech_->ok() && audio_ && audio_->ok(); }
    speech::Speech* speech() { return speech_.get(); }
    std::string speakTextForTest() const { return speakText_; }
    // Starts a visit the way a tap on a language does (screenshots, bench).
    void startVisit(Lang l, const std::string& code = {});
    // A deterministic sample visit with both tests completed (screenshots of results, bench).
    void loadSampleVisit(Lang l);
    void navigate(const flow::Route& r) { router_.push(r); }

  private:
    void apply(const ui::Intent& in);
    void endVisit(const char* reason);
    void resetToAttract(const char* reason);
    void setLang(Lang l);
    bool inTest() const { return router_.current().id == flow::ScreenId::Test; }
    void loadInstruments(const std::string& resourceDir);
    void loadEncyclopedia(const std::string& resourceDir);
    void runSearch();
    void openTest(const std::string& id);
    void beginTest(const std::string& id);
    void answerItem(std::optional<int> value, int64_t nowMs = -1);
    void onDemographicsAnswer(const std::string& value);
    void back();
    // Staff and counselor mode.
    void enterStaffMode();
    void leaveStaffMode(const char* why);
    void onPinSubmit();
    void startExport(const std::string& stick);
    void pollExport();
    void refreshStaffData();
    void openCounselorCode(std::string code);
    void applyStaff(const ui::Intent& in);
    void screenshotStaff(const flow::Route& r);
    void reloadContent(); // after a content pack install or rollback
    bool rebuildFonts(bool withLarge, std::string& error);
    void setAccessibility(bool largeText, bool highContrast);
    bool staffRoute() const {
        auto id = router_.current().id;
        return id == flow::ScreenId::Pin || id == flow::ScreenId::Staff || id == flow::ScreenId::Counselor;
    }
    void saveVisitResult(const std::string& instrument, const assess::Result& r);
    ui::TestCard testCard(const std::string& id) const;
    const ui::ResultsView& resultsView();
    int64_t msUntilNextDeadline() const;
    void drawScreen(ui::Intent& out, const ui::View& v);
    void saveGuard(const char* what, const std::function<void()>& fn);

    Options opts_;
    Clock& clock_;
    std::unique_ptr<l10n::Catalog> catalog_;
    std::unique_ptr<Platform> platform_;
    ui::Theme theme_;
    ui::Fonts normalFonts_, largeFonts_;
    bool largeBuilt_ = false, largeText_ = false, highContrast_ = false;
    std::unique_ptr<ui::Ui> ui_;
    std::unique_ptr<store::Database> db_;
    std::unique_ptr<store::SessionRepo> sessions_;
    flow::Router router_;
    flow::IdleMonitor idle_;
    std::unique_ptr<store::RunRepo> runs_;
    std::optional<assess::Instrument> interest_, strengths_;
    std::vector<content::Problem> contentProblems_;
    std::optional<catalog::Content> encyclopedia_;
    std::string encyclopediaError_;
    std::vector<psychometrics::NormsTable> norms_; // from the content database: "compared with your age"
    std::unique_ptr<catalog::SearchIndex> searchIndex_;

    // Everything of one visitor; dropped whole at the end of the visit.
    struct Visit {
        store::SessionRow session;
        int demoStep = 0;
        bool demoDone = false;
        store::Demographics demo;
        std::map<std::string, std::unique_ptr<assess::Runner>> runners;
        std::map<std::string, assess::Result> completed;
        bool leaveDialog = false;
        bool saveFailed = false;
        ui::TestView testView;
        ui::ResultsView resultsView;
        std::string resultsKey; // what resultsView was built for (language, tests done)
        ui::SearchView search;
    };
    std::optional<Visit> visit_;

    struct StaffMode {
        std::optional<store::Role> role;
        ui::StaffView view;
        std::string pin, firstPin;
        bool changingOwnPin = false;
        int64_t lastInputMs = 0;
        int64_t sticksAt = -1;
        std::thread worker;
        std::atomic<int> progress{0};
        std::atomic<bool> running{false};
        std::mutex m;
        std::optional<sync::ExportReport> result;
        ~StaffMode() {
            if (worker.joinable()) worker.join();
        }
    };
    std::unique_ptr<StaffMode> staff_;
    // Read-aloud. Declared after the platform so they are destroyed before SDL shuts down.
    std::unique_ptr<speech::Speech> speech_;
    std::unique_ptr<AudioOut> audio_;
    std::string speakText_;      // what the speaker button on the current screen reads
    flow::Route lastRoute_;      // speech stops when this changes
    bool warnedIdle_ = false;    // the idle cue sounds once per warning
    bool resizePending_ = false; // window size changed: rebuild fonts before the next frame
    std::string readAloudText(const ui::View& v) const;
    int64_t logoHoldStart_ = -1;
    KioskConfig config_;
    std::unique_ptr<store::AccessControl> access_;
    std::string dataDir_, resourceDir_;
    bool idleWarning_ = false;
    int64_t idleRemainingMs_ = 0;
    int64_t finishShownAt_ = -1;
    std::string maintenanceKey_;
    int64_t maintenanceSince_ = 0;
    bool quit_ = false;
    double lastBuildMs_ = 0, lastFrameMs_ = 0;
};

} // namespace kesip::app
