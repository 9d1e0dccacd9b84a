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
#include "events/event.hpp"
#include "flow/idle.hpp"
#include "flow/router.hpp"
#include "flow/visit.hpp"
#include "l10n/catalog.hpp"
#include "print/printer.hpp"
#include "psychometrics/norms.hpp"
#include "speech/speech.hpp"
#include "store/access.hpp"
#include "store/db.hpp"
#include "store/repo.hpp"
#include "store/runs.hpp"
#include "sync/content_pack.hpp"
#include "sync/export.hpp"
#include "sync/keys.hpp"
#include "ui/screens/screens.hpp"
#include "util/clock.hpp"
#include "util/config.hpp"

namespace kesip::app {

enum ExitCode { kExitOk = 0, kExitUsage = 2, kExitCannotStart = 3, kExitMaintenance = 4 };

// How long the thank-you screen stays before the kiosk returns to the attract screen by itself.
constexpr int64_t kFinishScreenMs = 15'000;
constexpr int64_t kStaffIdleLogoutMs = 180'000; // UX.md: staff and counselor log out after 3 min idle

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
    bool visitActive() const { return visit() != nullptr; }
    std::optional<std::string> sessionId() const {
        return visit() ? std::optional(visit()->session.id) : std::nullopt;
    }
    std::optional<std::string> sessionCode() const {
        return visit() ? std::optional(visit()->session.code) : std::nullopt;
    }
    const assess::Instrument* instrument(const std::string& id) const;
    // Every string the kiosk can show (locale, content, UI symbols): the font atlas covers all of them.
    std::vector<std::string> displayTexts() const;
    const std::vector<content::Problem>& contentProblems() const { return contentProblems_; }
    const catalog::Content* encyclopedia() const { return encyclopedia_ ? &*encyclopedia_ : nullptr; }
    const std::string& encyclopediaError() const { return encyclopediaError_; }
    const std::vector<psychometrics::NormsTable>& norms() const { return norms_; } // installed, fitting
    std::string searchQuery() const { return views_ ? views_->search.query : std::string(); }
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
    bool exportRunning() const { return staff_ && staff_->job && staff_->job->running; }
    // Stick writes of later exports go through this (tests: failing, short or blocking writes).
    void setStickIo(std::shared_ptr<sync::StickIo> io) { stickIo_ = std::move(io); }
    // Is an export or content-pack thread of this app still running (even after staff left)?
    bool workerRunning() const { return lastJob_ && lastJob_->running; }
    const KioskConfig& config() const { return config_; }
    // Tests: the settings a kiosk.conf would give (export key, setup code file...), after init().
    void overrideConfigForTest(KioskConfig c) { config_ = std::move(c); }
    bool speaking() const { return speech_ && speech_->busy(); }
    bool readAloudAvailable() const { return speech_ && speech_->ok() && audio_ && audio_->ok(); }
    speech::Speech* speech() { return speech_.get(); }
    std::string speakTextForTest() const { return speakText_; }
    // Starts a visit the way a tap on a language does (screenshots, bench).
    void startVisit(Lang l, const std::string& code = {});
    // A deterministic sample visit with both tests completed (screenshots of results, bench).
    void loadSampleVisit(Lang l);
    void navigate(const flow::Route& r) { router_.push(r); }
    // Test only: a planted privacy leak (the next visitor starts with the last one's search query), which
    // the monkey test's privacy probe must catch.
    void plantQueryLeakForTest(bool on) { plantQueryLeak_ = on; }

  private:
    // Applies a frame's intents in the order the screens emitted them: each to its handler, the student
    // ones (on, app/intents.cpp) outside staff mode, the staff ones (onStaff, app/staff_mode.cpp) in it.
    void apply(const ui::Intents& intents);
    void on(const ui::intent::Push& in);
    void on(const ui::intent::Replace& in);
    void on(const ui::intent::Back& in);
    void on(const ui::intent::Home& in);
    void on(const ui::intent::SetLang& in);
    void on(const ui::intent::ToggleLargeText& in);
    void on(const ui::intent::ToggleContrast& in);
    void on(const ui::intent::Speak& in);
    void on(const ui::intent::HoldingLogo& in);
    void on(const ui::intent::StartVisit& in);
    void on(const ui::intent::FinishVisit& in);
    void on(const ui::intent::CloseVisit& in);
    void on(const ui::intent::DismissIdle& in);
    void on(const ui::intent::OpenTest& in);
    void on(const ui::intent::DemoAnswer& in);
    void on(const ui::intent::Answer& in);
    void on(const ui::intent::SkipItem& in);
    void on(const ui::intent::Pause& in);
    void on(const ui::intent::LeaveLater& in);
    void on(const ui::intent::LeaveStay& in);
    void on(const ui::intent::Type& in);
    void on(const ui::intent::SetQuery& in);
    void on(const ui::intent::Backspace& in);
    void on(const ui::intent::ClearQuery& in);
    void on(const ui::intent::KeyboardLayout& in);
    // diaryui: the career diary (app/diary_mode.cpp)
    void on(const ui::intent::DiaryStar& in);
    void on(const ui::intent::DiaryStart& in);
    void on(const ui::intent::DiaryPinKey& in);
    void on(const ui::intent::DiaryPinBack& in);
    void on(const ui::intent::DiaryPinOk& in);
    void on(const ui::intent::DiaryCodeKey& in);
    void on(const ui::intent::DiaryCodeBack& in);
    void on(const ui::intent::DiaryUnlock& in);
    void on(const ui::intent::DiaryOpen& in);
    void on(const ui::intent::DiaryForget& in);
    void on(const ui::intent::DiaryTrialSet& in);
    void on(const ui::intent::DiaryNoteKeys& in);
    void on(const ui::intent::DiaryNoteType& in);
    void on(const ui::intent::DiaryNoteBack& in);
    void on(const ui::intent::DiaryNoteClear& in);
    void on(const ui::intent::DiaryNoteLayout& in);
    void on(const ui::intent::DiaryTrialSave& in);
    void on(const ui::intent::DiaryDecisionSet& in);
    void on(const ui::intent::DiaryDecisionSave& in);
    void on(const ui::intent::DiaryStepDone& in);
    void on(const ui::intent::DiaryPathSeen& in);
    void diaryRefresh();                           // reload the open diary after a write
    void diaryLinkVisit();                         // tests finished in this visit, into the open diary
    void diaryEnter(const flow::Route& r);         // drafts for the screen being opened
    void prepareDiaryScreen(const flow::Route& r); // screenshots: the sample diary
    void diaryMessage(const char* key, bool error = true);
    // trialplan
    void diaryPlanned(const ui::intent::DiaryTrialSet& in); // complete or remove a planned trial
    void openVisits();
    void endVisit(const char* reason);
    void resetToAttract(const char* reason);
    void setLang(Lang l);
    bool inTest() const { return router_.current().id == flow::ScreenId::Test; }
    void loadInstruments(const std::string& resourceDir);
    void loadEncyclopedia(const std::string& resourceDir);
    void runSearch();
    void back();
    const flow::Visit* visit() const { return visits_ ? visits_->visit() : nullptr; }
    // Staff and counselor mode.
    void enterStaffMode();
    void leaveStaffMode(const char* why);
    void onPinSubmit();
    void startExport(const std::string& stick);
    void pollExport();
    void refreshStaffData();
    void openCounselorCode(std::string code);
    void applyStaff(const ui::Intents& intents);
    void onStaff(const ui::intent::Back& in);
    void onStaff(const ui::intent::SetLang& in);
    void onStaff(const ui::intent::Logout& in);
    void onStaff(const ui::intent::ExitApp& in);
    void onStaff(const ui::intent::PinRole& in);
    void onStaff(const ui::intent::PinKey& in);
    void onStaff(const ui::intent::PinBack& in);
    void onStaff(const ui::intent::PinClear& in);
    void onStaff(const ui::intent::PinSubmit& in);
    void onStaff(const ui::intent::SetCounselorPin& in);
    void onStaff(const ui::intent::SetStaffPin& in);
    void onStaff(const ui::intent::ExportTo& in);
    void onStaff(const ui::intent::VolumeStep& in);
    void onStaff(const ui::intent::InstallPack& in);
    void onStaff(const ui::intent::RollbackPack& in);
    void onStaff(const ui::intent::CodeKey& in);
    void onStaff(const ui::intent::CodeBack& in);
    void onStaff(const ui::intent::CodeOpen& in);
    void onStaff(const ui::intent::ToggleNote& in);
    void onStaff(const ui::intent::SaveNote& in);
    void startPinChange(bool staffPin); // SetStaffPin, SetCounselorPin
    void screenshotStaff(const flow::Route& r);
    void reloadContent(); // after a content pack install or rollback
    bool rebuildFonts(bool withLarge, std::string& error);
    void setAccessibility(bool largeText, bool highContrast);
    bool staffRoute() const {
        auto id = router_.current().id;
        return id == flow::ScreenId::Pin || id == flow::ScreenId::Staff || id == flow::ScreenId::Counselor;
    }
    ui::TestCard testCard(const std::string& id) const;
    const ui::ResultsView& resultsView();
    ui::View buildView();
    int64_t msUntilNextDeadline() const;
    void drawScreen(ui::Intents& out, const ui::View& v);
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
    flow::Router router_;
    flow::IdleMonitor idle_;
    std::unique_ptr<flow::VisitController> visits_; // the visit's logic; none without a database
    std::optional<assess::Instrument> interest_, strengths_;
    std::vector<content::Problem> contentProblems_;
    std::optional<catalog::Content> encyclopedia_;
    std::string encyclopediaError_;
    std::vector<psychometrics::NormsTable> norms_; // from the content database: "compared with your age"
    std::unique_ptr<catalog::SearchIndex> searchIndex_;

    // What screens show of the current visit (the query typed, the results page): the visitor's too, so
    // it exists exactly while the visit does (startVisit, endVisit) and is dropped whole with it.
    struct VisitViews {
        ui::TestView testView;
        ui::ResultsView resultsView;
        std::string resultsKey; // what resultsView was built for (language, tests done)
        ui::SearchView search;
        ui::DiaryView diary; // diaryui: the open diary and its drafts, dropped with the visit
    };
    std::optional<VisitViews> views_;

    // Work on the export thread (export, content pack). Shared with the thread: staff leaving (logout,
    // auto-logout) only sets `cancel` and drops its share; the UI thread never joins or waits for it.
    struct StaffJob {
        std::atomic<int> progress{0};
        std::atomic<bool> running{true};
        std::shared_ptr<std::atomic<bool>> cancel = std::make_shared<std::atomic<bool>>(false);
        std::mutex m;
        std::optional<sync::ExportReport> exportResult;
        std::optional<sync::PackResult> packResult;
        bool install = false; // packResult: install (or rollback)
    };
    struct StaffMode {
        std::optional<store::Role> role;
        std::optional<store::Grant> grant, setupGrant; // setupGrant: the setup code was right
        ui::StaffView view;
        std::string pin, firstPin;
        bool changingOwnPin = false;
        int64_t lastInputMs = 0;
        int64_t sticksAt = -1;
        std::shared_ptr<StaffJob> job;
        ~StaffMode() {
            if (job) job->cancel->store(true); // the thread stops at its next check; nobody waits here
        }
    };
    std::unique_ptr<StaffMode> staff_;
    std::shared_ptr<StaffJob> lastJob_;      // the newest worker, also after staff left
    std::shared_ptr<sync::StickIo> stickIo_; // tests; nullptr: the system's
    std::optional<sync::KioskKey> kioskKey_; // signs exports; names visits in the audit
    void startJob(std::function<void(StaffJob&)> work);
    void startContentJob(bool install, const std::string& stick);
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
    bool plantQueryLeak_ = false;
    std::string leakedQuery_;

    // printjobs
    // Printing (app/print_mode.cpp): the printer's state and the running job, kept for the visit only.
    struct PrintState;
    std::shared_ptr<PrintState> print_;
    const ui::PrintView* pollPrint(flow::ScreenId screen); // every frame; the view for jobs/print-preview
    void startPrintJob(print::Document doc);
    void printerProblems(std::vector<std::string>& problems); // for the staff screen
    void on(const ui::intent::PrintSheet& in);
    void on(const ui::intent::PrintCvForm& in);
    // The counselor's diary view (app/counselor_diary_mode.cpp): forgotten when its screen is left.
    struct CounselorDiaryMode {
        ui::CounselorDiaryView view;
        std::string pin, diaryId;
    };
    std::optional<CounselorDiaryMode> cdiary_;
    const ui::CounselorDiaryView* counselorDiaryView(flow::ScreenId screen);
    void onStaff(const ui::intent::CounselorDiaryEnter& in);
    void onStaff(const ui::intent::CounselorDiaryKey& in);
    void onStaff(const ui::intent::CounselorDiaryBack& in);
    void onStaff(const ui::intent::CounselorDiaryField& in);
    void onStaff(const ui::intent::CounselorDiaryOpen& in);
    void onStaff(const ui::intent::CounselorDiaryNote& in);
    void onStaff(const ui::intent::CounselorDiarySaveNote& in);
    void onStaff(const ui::intent::CounselorDiaryClose& in);
    void screenshotCounselorDiary(const std::string& sessionId); // the sample diary, opened by a counselor
    // studyui
    void on(const ui::intent::PickOblast& in);
    ui::StudyView studyView() const; // app/study_mode.cpp
    struct StudyPick {
        std::string session, oblast; // the oblast picked on "where to study" and the visit it belongs to
    } studyPick_;

    // eventsui: the centre's events (app/events_mode.cpp)
  public:
    // Screenshots and the layout test: the sample events file, dates moved to the coming weeks. Returns
    // how many were written.
    int seedSampleEvents();

  private:
    struct EventsState;
    std::shared_ptr<EventsState> events_; // shared_ptr: EventsState is complete only in events_mode.cpp
    EventsState& eventsState();
    const events::LinkVocabulary& eventVocabulary();
    void eventsView(ui::View& v); // buildView: coming events for this screen, the staff editor
    bool mayEditEvents() const;
    void reloadEventList();
    int64_t firstEventId(); // the editor list's first event (screenshots), 0 when none
    void pollEventsImport();
    void onStaff(const ui::intent::EventsOpenEditor& in);
    void onStaff(const ui::intent::EventNew& in);
    void onStaff(const ui::intent::EventEdit& in);
    void onStaff(const ui::intent::EventFocus& in);
    void onStaff(const ui::intent::EventType& in);
    void onStaff(const ui::intent::EventBackspace& in);
    void onStaff(const ui::intent::EventClearText& in);
    void onStaff(const ui::intent::EventKbLayout& in);
    void onStaff(const ui::intent::EventDateStep& in);
    void onStaff(const ui::intent::EventSetKind& in);
    void onStaff(const ui::intent::EventSetOblast& in);
    void onStaff(const ui::intent::EventPickField& in);
    void onStaff(const ui::intent::EventToggleLink& in);
    void onStaff(const ui::intent::EventSave& in);
    void onStaff(const ui::intent::EventDelete& in);
    void onStaff(const ui::intent::EventCancel& in);
    void onStaff(const ui::intent::EventsImport& in);
    // evkbd
    void onStaff(const ui::intent::EventKeyboard& in);
};

} // namespace kesip::app
