// App: headless tooling (--screenshot, --self-test, the sample visit): what tests, the bench and a
// technician use to look at every screen without a person at the kiosk.
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <unistd.h>

#include "app/app.hpp"
#include "store/local_store.hpp"
#include "sync/simulate.hpp"
#include "util/paths.hpp"

namespace kesip::app {

int App::screenshot() {
    flow::Route r;
    flow::parseRoute(opts_.screen, r);
    using flow::ScreenId;
    ui_->lang = opts_.lang;
    if (!maintenanceKey_.empty()) {
    } else if (opts_.screen == "export" || r.id == ScreenId::Staff || r.id == ScreenId::Counselor ||
               r.id == ScreenId::Pin || r.id == ScreenId::CounselorDiary || r.id == ScreenId::EventEditor) {
        screenshotStaff(r);
    } else {
        seedSampleEvents(); // eventsui: home, field, occupation and events pages show some
        prepareScreen(r);
    }
    if (r.id == ScreenId::Finish) finishShownAt_ = clock_.monotonicMs();
    // A few frames so layout that depends on the previous frame (item sizes) settles.
    for (int i = 0; i < 3; ++i) frame();
    std::string err;
    if (!platform_->writeScreenshot(opts_.screenshot, err)) {
        std::fprintf(stderr, "kesip: %s\n", err.c_str());
        return kExitCannotStart;
    }
    return maintenanceKey_.empty() ? kExitOk : kExitMaintenance;
}

void App::prepareScreen(const flow::Route& r) {
    using flow::ScreenId;
    const Lang lang = ui_->lang;
    if (r.id == ScreenId::Results || r.id == ScreenId::Occupation || r.id == ScreenId::Field ||
        r.id == ScreenId::PrintPreview) // printjobs
        loadSampleVisit(lang);
    else if (r.id != ScreenId::Attract && r.id != ScreenId::Language && r.id != ScreenId::Finish && db_)
        startVisit(lang);
    else
        router_.reset({ScreenId::Attract, {}});
    ui_->lang = lang;
    if (r.id == ScreenId::Test && visitActive()) {
        visits_->skipDemographics();
        if (instrument(r.param)) visits_->beginTest(r.param);
    }
    if (r.id != ScreenId::Home && r.id != ScreenId::Attract) router_.push(r);
    if (r.id == ScreenId::Search && views_) {
        views_->search.query = r.param;
        runSearch();
    }
    if (r.id == ScreenId::Finish) finishShownAt_ = clock_.monotonicMs();
    prepareDiaryScreen(r); // diaryui
}

int App::selfTest() {
    // Every screen, both languages, real frames: what a technician runs after installing.
    flow::RouteParams params; // one field and one occupation page: enough to prove they draw
    if (encyclopedia_ && !encyclopedia_->fields.empty()) params.fields.push_back(encyclopedia_->fields[0].id);
    if (encyclopedia_ && !encyclopedia_->occupations.empty())
        params.occupations.push_back(encyclopedia_->occupations[0].id);
    std::vector<flow::Route> routes;
    for (const auto& r : flow::routes(params))
        if (!flow::isStaffScreen(r.id) && r.id != flow::ScreenId::Maintenance) routes.push_back(r);
    std::printf("self-test: kiosk %s\n", KESIP_VERSION);
    std::printf("locale: ok (%zu keys)\n", catalog_->keys(Lang::ky).size());
    std::printf("fonts: ok (%.0f px body)\n", ui_->fonts.bodyPx);
    std::printf("instruments: %s\n", interest_ && strengths_ ? "ok (interest, strengths)" : "PROBLEM");
    std::printf("content: %s\n",
                encyclopedia_
                    ? ("ok (" + std::to_string(encyclopedia_->occupations.size()) + " occupations)").c_str()
                    : encyclopediaError_.c_str());
    std::printf("database: %s\n", db_ ? (dataDir_ + "/kesip.sqlite ok").c_str() : maintenanceKey_.c_str());
    if (!db_) return kExitMaintenance;
    int screens = 0;
    for (Lang l : kLangs) {
        loadSampleVisit(l);
        for (const auto& r : routes) {
            if (r.id == flow::ScreenId::Finish || r.id == flow::ScreenId::Attract ||
                r.id == flow::ScreenId::Language)
                router_.reset(r);
            else {
                if (!visitActive()) loadSampleVisit(l);
                router_.reset({flow::ScreenId::Home, {}});
                if (r.id != flow::ScreenId::Home) router_.push(r);
                if (r.id == flow::ScreenId::Test && visitActive()) visits_->beginTest(r.param);
            }
            ui_->lang = l;
            frame();
            frame();
            ++screens;
        }
        // The sample visit must not stay in a real kiosk's statistics: remove it.
        if (visitActive()) {
            const std::string id = visits_->discard();
            views_.reset();
            saveGuard("remove self-test visit",
                      [&] { db_->prepare("DELETE FROM sessions WHERE id=?").bind(1, id).run(); });
        }
    }
    std::printf("screens: %d rendered (ky, ru)\n", screens);
    std::printf("self-test: ok\n");
    return kExitOk;
}

// Staff screens need data: a throwaway data dir with simulated visits (and, for "export", a stick).
void App::screenshotStaff(const flow::Route& r) {
    namespace fs = std::filesystem;
    // Removed on every way out (the PIN screen returns early); open files stay usable after the unlink.
    const TempDir scratch("kesip-shot-");
    if (!scratch.ok()) return;
    const fs::path tmp = scratch.path();
    fs::create_directories(tmp / "stick");
    { std::ofstream(tmp / "stick" / "kesip-stick") << ""; }
    dataDir_ = tmp.string();
    opts_.stickRoots = {(tmp / "stick").string()};
    auto st = store::openLocalStore(dataDir_);
    if (!st.db) return;
    db_ = std::move(st.db);
    openVisits();
    access_ = std::make_unique<store::AccessControl>(*db_, clock_);
    kioskKey_ = sync::makeKioskKey();
    if (interest_ && strengths_) {
        sync::SimulateOptions so;
        so.sessions = 400;
        so.seed = 26;
        sync::simulate(*db_, *interest_, *strengths_, encyclopedia(), so, clock_);
    }
    if (r.id == flow::ScreenId::Counselor || r.id == flow::ScreenId::CounselorDiary)
        loadSampleVisit(opts_.lang);
    const std::string sample = sessionCode().value_or(std::string());
    const std::string sampleSession = sessionId().value_or(std::string()); // printjobs
    if (visitActive()) endVisit("finished");
    staff_ = std::make_unique<StaffMode>();
    staff_->lastInputMs = clock_.monotonicMs();
    if (r.id == flow::ScreenId::Pin) {
        router_.reset({flow::ScreenId::Pin, {}});
        return;
    }
    {
        // A screenshot's own throwaway kiosk: its counselor or staff PIN, set and used here.
        const store::Role role = r.id == flow::ScreenId::Counselor || r.id == flow::ScreenId::CounselorDiary
                                     ? store::Role::Counselor
                                     : store::Role::Staff;
        access_->setPin(store::Grant::commandLine(), role, "135790");
        staff_->grant = access_->verify(role, "135790").grant;
        staff_->role = role;
    }
    staff_->view.isStaff = staff_->role == store::Role::Staff;
    router_.reset({staff_->view.isStaff ? flow::ScreenId::Staff : flow::ScreenId::Counselor, {}});
    refreshStaffData();
    if (!sample.empty() && r.id == flow::ScreenId::Counselor) openCounselorCode(sample);
    if (r.id == flow::ScreenId::CounselorDiary) screenshotCounselorDiary(sampleSession); // printjobs
    if (r.id == flow::ScreenId::EventEditor) { // eventsui: the list, or with ":edit" the first event's form
        seedSampleEvents();
        onStaff(ui::intent::EventsOpenEditor{});
        if (r.param == "edit" && events_) onStaff(ui::intent::EventEdit{firstEventId()});
        if (r.param == "new") onStaff(ui::intent::EventNew{});
    }
    if (opts_.screen == "export" && !staff_->view.sticks.empty()) {
        startExport(staff_->view.sticks.front().path);
        while (staff_->job && staff_->job->running) std::this_thread::sleep_for(std::chrono::milliseconds(5));
        pollExport();
    }
}

void App::loadSampleVisit(Lang l) {
    // Fixed code and answers: a sociable, creative profile with clear strengths (deterministic screenshots).
    startVisit(l, "ABC234");
    if (!visitActive()) return;
    visits_->skipDemographics("15_17"); // the norms line shows where norms are installed
    for (const char* id : {"interest", "strengths"}) {
        const assess::Instrument* ins = instrument(id);
        if (!ins) continue;
        router_.push({flow::ScreenId::Test, id});
        visits_->beginTest(id);
        int64_t t = clock_.monotonicMs();
        for (size_t i = 0; i < ins->items.size(); ++i) {
            const assess::Item& item = ins->items[i];
            int v;
            if (ins->maxValue() == 5)
                v = item.scale == "S"   ? 5
                    : item.scale == "A" ? 4 + int(i % 2)
                    : item.scale == "E" ? 3 + int(i % 3 == 0)
                                        : 1 + int(i % 3);
            else
                v = item.scale == "teamwork" || item.scale == "communication" || item.scale == "helpfulness"
                        ? 4
                    : item.scale == "leadership" ? 1
                                                 : 2 + int(i % 2);
            if (item.reverse) v = ins->minValue() + ins->maxValue() - v;
            t += 2500 + int64_t(i % 7) * 300; // plausible reading times
            visits_->answerItem(v, t);
        }
    }
    router_.reset({flow::ScreenId::Home, {}});
}

} // namespace kesip::app
