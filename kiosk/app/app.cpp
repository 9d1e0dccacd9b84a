#include "app/app.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <functional>

#include "assess/versions.hpp"
#include "speech/speech.hpp"
#include "store/local_store.hpp"
#include "store/schema.hpp"
#include "sync/content_pack.hpp"
#include "ui/screens/events.hpp"
#include "util/paths.hpp"

namespace kesip::app {

namespace {

double msSince(std::chrono::steady_clock::time_point t0) {
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
}

} // namespace

App::App(Options opts, Clock& clock) : opts_(std::move(opts)), clock_(clock) {}

App::~App() {
    if (visitActive()) endVisit("shutdown");
    // Shutting down (not logging out): a worker still running is told to stop and given a few seconds to
    // leave the stick and its working copies clean; then the process goes on without it.
    staff_.reset();
    if (lastJob_) {
        lastJob_->cancel->store(true);
        for (int i = 0; i < 500 && lastJob_->running; ++i)
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
}

bool App::init(std::string& error, int& exitCode) {
    exitCode = kExitCannotStart;
    const std::string res = findResourceDir(opts_.resourceDir);
    speech::setRulesPath(res + "/speech/rules.json"); // read-aloud text rules follow --resources
    catalog_ = l10n::Catalog::open(res + "/locale", error);
    if (!catalog_) return false;
    // Screenshots and tests never read the machine's settings file.
    config_ = opts_.screenshot.empty() && !opts_.headless ? loadConfig(opts_.configPath) : KioskConfig{};
    for (const auto& p : config_.problems) std::fprintf(stderr, "kesip: config: %s\n", p.c_str());
    idle_.setPolicy({int64_t(config_.idleSeconds) * 1000, int64_t(config_.testIdleSeconds) * 1000,
                     int64_t(config_.warningSeconds) * 1000});

    PlatformConfig pc;
    // A screenshot is headless, except with --renderer opengl (needs a display; to look at GL output).
    pc.headless =
        (!opts_.screenshot.empty() && opts_.renderer != "opengl") || opts_.headless || opts_.selfTest;
    pc.fullscreen = !opts_.windowed;
    pc.hideCursor = !opts_.windowed && !pc.headless;
    pc.width = opts_.width;
    pc.height = opts_.height;
    parseRenderer(opts_.renderer.empty() ? config_.renderer : opts_.renderer, pc.renderer);
    platform_ = Platform::create(pc, error);
    if (!platform_) return false;

    ui_ = std::make_unique<ui::Ui>(*catalog_, theme_);
    ui_->lang = opts_.lang;
    // Body text scales with the screen: 28 px at 1080 px on the short side (UX.md asks >= 24), times
    // large-text. The short side: a portrait 1080x1920 screen is the same panel turned, same text size.
    const float bodyPx = std::round(ui::bodyPxFor(platform_->size(), opts_.textScale));
    const bool memoryDb = !opts_.screenshot.empty() && opts_.dataDir.empty();
    if (!memoryDb) dataDir_ = opts_.dataDir.empty() ? defaultDataDir() : opts_.dataDir;
    resourceDir_ = res;
    loadInstruments(res);
    loadEncyclopedia(res);
    normalFonts_.bodyPx = bodyPx;
    if (!rebuildFonts(opts_.largeText, error)) return false;
    setAccessibility(opts_.largeText, opts_.highContrast);

    // Storage: screenshots without an explicit data dir use a throwaway in-memory database.
    if (!opts_.screenshot.empty() && opts_.dataDir.empty()) {
        db_ = std::make_unique<store::Database>(":memory:");
        store::migrate(*db_, store::localMigrations());
    } else {
        auto r = store::openLocalStore(dataDir_);
        if (!r.db) {
            std::fprintf(stderr, "kesip: %s\n", r.detail.c_str());
            maintenanceKey_ = store::openErrorKey(r.error);
            maintenanceSince_ = clock_.monotonicMs();
            router_.reset({flow::ScreenId::Maintenance, maintenanceKey_});
        } else {
            db_ = std::move(r.db);
        }
    }
    if (db_) {
        openVisits();
        // Visits cut short by a power cut or crash: close them so they are counted and exported.
        saveGuard("close stale visits", [&] { store::SessionRepo(*db_, clock_).closeStale(3'600'000); });
        for (const auto& p : contentProblems_)
            saveGuard("log content problem",
                      [&] { store::audit(*db_, clock_, "system", "content_error", p.str()); });
        if (!encyclopediaError_.empty())
            saveGuard("log content problem",
                      [&] { store::audit(*db_, clock_, "system", "content_error", encyclopediaError_); });
        for (const auto& p : config_.problems)
            saveGuard("log config problem",
                      [&] { store::audit(*db_, clock_, "system", "config_ignored", p); });
        access_ = std::make_unique<store::AccessControl>(*db_, clock_);
        saveGuard("apply config", [&] {
            if (!config_.staffPinHash.empty() && !access_->hasPin(store::Role::Staff))
                access_->setPinHash(store::Role::Staff, config_.staffPinHash);
            if (!config_.counselorPinHash.empty() && !access_->hasPin(store::Role::Counselor))
                access_->setPinHash(store::Role::Counselor, config_.counselorPinHash);
            store::ensureKioskId(*db_, config_.kioskId);
        });
        std::string keyError;
        kioskKey_ = dataDir_.empty() ? sync::makeKioskKey() : sync::loadOrCreateKioskKey(dataDir_, keyError);
        if (!kioskKey_) {
            std::fprintf(stderr, "kesip: %s\n", keyError.c_str());
            saveGuard("audit", [&] { store::audit(*db_, clock_, "system", "kiosk_key_error", keyError); });
        }
    }
    // Read-aloud: no audio device or a missing voice only hides the speaker buttons (staff see why).
    if (opts_.screenshot.empty() && !opts_.selfTest) {
        speech_ = std::make_unique<speech::Speech>();
        audio_ = std::make_unique<AudioOut>(speech_.get());
        if (db_ && !readAloudAvailable()) {
            const std::string why = !speech_->ok() ? speech_->problem() : audio_->problem();
            std::fprintf(stderr, "kesip: read-aloud unavailable: %s\n", why.c_str());
            saveGuard("audit", [&] { store::audit(*db_, clock_, "system", "speech_unavailable", why); });
        }
        if (db_)
            saveGuard("volume", [&] {
                if (auto v = store::SettingsRepo(*db_).get("volume")) speech_->setVolume(std::stof(*v));
            });
    }
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

void App::loadInstruments(const std::string& res) {
    // A broken instrument hides that test only; the reasons go to stderr and the audit table (staff).
    contentProblems_.clear();
    // Every version (instruments/archive/): stored runs score and show with their own version's items.
    interest_ = assess::loadInstrumentVersions(res + "/instruments", "interest", assess::interestSpec(),
                                               contentProblems_);
    strengths_ = assess::loadInstrumentVersions(res + "/instruments", "strengths", assess::strengthsSpec(),
                                                contentProblems_);
    for (const auto& p : contentProblems_) std::fprintf(stderr, "kesip: content: %s\n", p.str().c_str());
}

std::vector<std::string> App::displayTexts() const {
    std::vector<std::string> texts = catalog_->allPatterns();
    texts.push_back(ui::kUiSymbols);
    auto add = [&](const Text2& t) {
        texts.push_back(t.ky);
        texts.push_back(t.ru);
    };
    for (const auto* ins : {instrument("interest"), instrument("strengths")}) {
        if (!ins) continue;
        add(ins->title);
        for (auto& a : ins->answers) add(a.label);
        for (auto& sc : ins->scales) {
            add(sc.name);
            add(sc.shortName);
            add(sc.description);
            add(sc.likes);
        }
        add(ins->instruction);
        // The counselor may open a visit stored with an earlier version: its item texts are shown too.
        for (const auto* v : assess::allVersions(*ins))
            for (auto& it : v->items) add(it.text);
    }
    if (encyclopedia_) {
        auto more = encyclopedia_->allTexts();
        texts.insert(texts.end(), more.begin(), more.end());
    }
    return texts;
}

void App::loadEncyclopedia(const std::string& res) {
    // A missing or corrupt content database: the encyclopedia shows a maintenance note, tests still work.
    encyclopediaError_.clear();
    searchIndex_.reset();
    const std::string contentPath = sync::activeContentPath(dataDir_, res);
    encyclopedia_ = catalog::loadContentDb(contentPath, encyclopediaError_);
    // Norms travel in the same database; any that do not fit this kiosk's test versions are left out.
    std::vector<content::Problem> normProblems;
    norms_.clear();
    if (encyclopedia_)
        norms_ = psychometrics::loadContentNorms(
            contentPath, {instrument("interest"), instrument("strengths")}, normProblems);
    for (const auto& p : normProblems) std::fprintf(stderr, "kesip: norms left out: %s\n", p.str().c_str());
    if (!encyclopedia_) {
        std::fprintf(stderr, "kesip: encyclopedia unavailable: %s\n", encyclopediaError_.c_str());
        return;
    }
    searchIndex_ =
        std::make_unique<catalog::SearchIndex>(*encyclopedia_, std::make_shared<catalog::Normalizer>());
}

void App::runSearch() {
    if (!views_ || !searchIndex_) return;
    views_->search.result = searchIndex_->search(views_->search.query, ui_->lang);
}

const assess::Instrument* App::instrument(const std::string& id) const {
    if (id == "interest" && interest_) return &*interest_;
    if (id == "strengths" && strengths_) return &*strengths_;
    return nullptr;
}

// The visit's logic on the database just opened (at start, or the screenshots' throwaway one).
void App::openVisits() {
    flow::VisitContent content;
    content.instrument = [this](const std::string& id) { return instrument(id); };
    content.encyclopedia = [this] { return encyclopedia(); };
    visits_ = std::make_unique<flow::VisitController>(*db_, clock_, router_, std::move(content),
                                                      ui::demographicsQuestionCount());
}

void App::startVisit(Lang l, const std::string& code) {
    if (!visits_) return; // maintenance: no database, no visits
    endVisit("finished");
    ui_->lang = l;
    visits_->start(l, code);
    views_.emplace();
    if (plantQueryLeak_ && visits_->active()) views_->search.query = leakedQuery_;
    idle_.restart(clock_.monotonicMs());
}

void App::endVisit(const char* reason) {
    if (plantQueryLeak_ && views_) leakedQuery_ = views_->search.query;
    diaryLinkVisit(); // diaryui: tests finished since the diary was last shown
    if (visits_) visits_->end(reason);
    views_.reset();
}

// Large text is 1.35 times the normal size (WCAG reflow practice: big enough to matter, small enough
// that em-based layouts still fit 1920x1080).
constexpr float kLargeTextFactor = 1.35f;

bool App::rebuildFonts(bool withLarge, std::string& error) {
    std::vector<std::pair<float, ui::Fonts*>> sets = {{normalFonts_.bodyPx, &normalFonts_}};
    if (withLarge) sets.push_back({std::round(normalFonts_.bodyPx * kLargeTextFactor), &largeFonts_});
    if (!platform_->buildFonts(opts_.fontDir, displayTexts(), sets, error)) return false;
    largeBuilt_ = withLarge;
    ui_->fonts = largeText_ && largeBuilt_ ? largeFonts_ : normalFonts_;
    return true;
}

void App::setAccessibility(bool largeText, bool highContrast) {
    std::string err;
    // The large set is built on first use and then kept: later toggles are instant.
    if (largeText && !largeBuilt_ && !rebuildFonts(true, err))
        std::fprintf(stderr, "kesip: fonts: %s\n", err.c_str());
    largeText_ = largeText && largeBuilt_;
    ui_->fonts = largeText_ ? largeFonts_ : normalFonts_;
    highContrast_ = highContrast;
    theme_ = highContrast ? ui::highContrastTheme() : ui::Theme{};
}

// Nothing of the visitor survives: visit state, language, back stack, overlays, text size, contrast,
// and whatever was being read aloud.
void App::resetToAttract(const char* reason) {
    if (speech_) speech_->stop();
    endVisit(reason);
    setAccessibility(false, false);
    router_.reset({flow::ScreenId::Attract, {}});
    ui_->lang = Lang::ky;
    idleWarning_ = false;
    finishShownAt_ = -1;
    idle_.restart(clock_.monotonicMs());
}

void App::drawScreen(ui::Intents& out, const ui::View& v) {
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
    case ScreenId::Finish:
        ui::drawFinish(*ui_, v, out);
        break;
    case ScreenId::Maintenance:
        ui::drawMaintenance(*ui_, v.route.param);
        break;
    case ScreenId::Demographics:
        ui::drawDemographics(*ui_, v, out);
        break;
    case ScreenId::Test:
        if (v.test) ui::drawTest(*ui_, v, out);
        break;
    case ScreenId::Results:
        if (v.results) ui::drawResults(*ui_, v, out);
        break;
    case ScreenId::Encyclopedia:
        ui::drawEncyclopedia(*ui_, v, out);
        break;
    case ScreenId::Field:
        ui::drawField(*ui_, v, out);
        break;
    case ScreenId::Occupation:
        ui::drawOccupation(*ui_, v, out);
        break;
    case ScreenId::Search:
        ui::drawSearch(*ui_, v, out);
        break;
    case ScreenId::Pin:
        if (v.staff) ui::drawPinPad(*ui_, v, out);
        break;
    case ScreenId::Staff:
        if (v.staff) ui::drawStaff(*ui_, v, out);
        break;
    case ScreenId::Counselor:
        if (v.staff) ui::drawCounselor(*ui_, v, out);
        break;
    // Journey screens (issues 11, 12): each branch replaces its line with its draw call.
    case ScreenId::Diary: // diaryui
        ui::drawDiary(*ui_, v, out);
        break;
    case ScreenId::DiaryStart:
        ui::drawDiaryStart(*ui_, v, out);
        break;
    case ScreenId::DiaryUnlock:
        ui::drawDiaryUnlock(*ui_, v, out);
        break;
    case ScreenId::Trial:
        ui::drawTrial(*ui_, v, out);
        break;
    case ScreenId::Decision:
        ui::drawDecision(*ui_, v, out);
        break;
    // printjobs
    case ScreenId::Jobs:
        ui::drawJobs(*ui_, v, out);
        break;
    case ScreenId::PrintPreview:
        ui::drawPrintPreview(*ui_, v, out);
        break;
    case ScreenId::CounselorDiary:
        if (v.counselorDiary) ui::drawCounselorDiary(*ui_, v, out);
        break;
    case ScreenId::Study:
        ui::drawStudy(*ui_, v, studyView(), out);
        break;
    case ScreenId::Institutions:
        ui::drawInstitutions(*ui_, v, out);
        break;
    // eventsui
    case ScreenId::Events:
        if (v.events) ui::drawEvents(*ui_, v, *v.events, out);
        break;
    case ScreenId::EventEditor:
        if (v.eventEditor) ui::drawEventEditor(*ui_, v, *v.eventEditor, out);
        break;
    }
}

void App::frame(const MouseOverride* mouse) {
    const auto t0 = std::chrono::steady_clock::now();
    const int64_t now = clock_.monotonicMs();
    if (mouse && mouse->down) idle_.input(now);

    // Idle policy applies whenever someone may have left something behind (any screen but attract).
    const auto cur = router_.current().id;
    if (staff_) {
        if (mouse && mouse->down) staff_->lastInputMs = now;
        if (now - staff_->lastInputMs >= kStaffIdleLogoutMs)
            leaveStaffMode("logout_idle");
        else {
            pollExport();
            if (staff_->sticksAt < 0 || now - staff_->sticksAt >= 2000) {
                if (router_.current().id == flow::ScreenId::Staff) refreshStaffData();
            }
        }
    }
    const bool engaged = !staff_ && cur != flow::ScreenId::Attract && cur != flow::ScreenId::Maintenance;
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

    if (resizePending_) {
        resizePending_ = false;
        const float px = std::round(ui::bodyPxFor(platform_->size(), opts_.textScale));
        if (px != normalFonts_.bodyPx && px >= 8.f) {
            normalFonts_.bodyPx = px;
            std::string err;
            if (!rebuildFonts(largeBuilt_, err)) std::fprintf(stderr, "kesip: fonts: %s\n", err.c_str());
        }
    }
    platform_->newFrame(mouse);
    ui_->beginFrame();
    ImGui::NewFrame();

    ui::View v = buildView();

    // Read-aloud: what this screen offers; anything still playing stops when the screen or item changes.
    speakText_ = v.canSpeak ? readAloudText(v) : std::string();
    v.speakable = !speakText_.empty();
    flow::Route here = v.route;
    if (v.test) here.param += "#" + std::to_string(v.test->index);
    if (!(here == lastRoute_) && speech_) speech_->stop();
    lastRoute_ = here;
    // The idle warning reaches a second sense: a short sound when it appears.
    if (idleWarning_ && !warnedIdle_ && audio_) audio_->beep();
    warnedIdle_ = idleWarning_;

    ui::Intents intents;
    const ImVec2 size = platform_->size();
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(size);
    // No window background: the frame is cleared to the theme's background anyway, and a full-screen
    // blended quad costs llvmpipe ~13 ms a frame.
    ImGui::PushStyleColor(ImGuiCol_WindowBg, ImVec4(0, 0, 0, 0));
    const ImGuiWindowFlags fullscreen = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                        ImGuiWindowFlags_NoSavedSettings |
                                        ImGuiWindowFlags_NoBringToFrontOnFocus;
    ImGui::Begin("##screen", nullptr, fullscreen);
    drawScreen(intents, v);
    ImGui::End();
    ImGui::PopStyleColor();

    if (visit() && visit()->leaveDialog && !idleWarning_ && router_.current().id == flow::ScreenId::Test) {
        ImGui::SetNextWindowPos(ImVec2(0, 0));
        ImGui::SetNextWindowSize(size);
        ImGui::SetNextWindowFocus();
        ImGui::PushStyleColor(ImGuiCol_WindowBg, ImVec4(0, 0, 0, 0));
        ImGui::Begin("##leave", nullptr, fullscreen & ~ImGuiWindowFlags_NoBringToFrontOnFocus);
        ui::Intents dialogIntents; // modal: replaces what the screen under it asked for
        ui::drawLeaveDialog(*ui_, v, dialogIntents);
        ImGui::End();
        ImGui::PopStyleColor();
        intents = std::move(dialogIntents);
    }
    if (idleWarning_) {
        // A separate window on top: it takes every tap, so nothing under it reacts.
        ui::Intents overlayIntents;
        ImGui::SetNextWindowPos(ImVec2(0, 0));
        ImGui::SetNextWindowSize(size);
        ImGui::SetNextWindowFocus();
        ImGui::PushStyleColor(ImGuiCol_WindowBg, ImVec4(0, 0, 0, 0));
        ImGui::Begin("##idle", nullptr, fullscreen & ~ImGuiWindowFlags_NoBringToFrontOnFocus);
        ui::drawIdleOverlay(*ui_, v, overlayIntents);
        ImGui::End();
        ImGui::PopStyleColor();
        intents = std::move(overlayIntents);
    }

    ImGui::Render();
    lastBuildMs_ = msSince(t0);
    if (!opts_.noRaster) platform_->present(theme_.bg);
    lastFrameMs_ = msSince(t0);
    apply(intents);
}

} // namespace kesip::app
