// App: staff and counselor mode (PIN entry, dashboard, USB export, counselor review).
#include <cmath>

#include "app/app.hpp"
#include "review/review.hpp"
#include "sync/content_pack.hpp"
#include "sync/labels.hpp"
#include "sync/usb.hpp"
#include "util/paths.hpp"

namespace kesip::app {

void App::enterStaffMode() {
    if (!db_ || !access_) return;
    // Whatever a visitor left open is closed first: staff never see a stranger's screen.
    if (visit_) endVisit("finished");
    staff_ = std::make_unique<StaffMode>();
    staff_->lastInputMs = clock_.monotonicMs();
    const bool any = access_->hasPin(store::Role::Staff) || access_->hasPin(store::Role::Counselor);
    staff_->view.pinMode = any ? ui::StaffView::PinMode::Login : ui::StaffView::PinMode::SetupStaff;
    if (int64_t left = access_->lockedRemainingMs(); left > 0) {
        staff_->view.message = ui_->tr("pin_locked", {{"minutes", int((left + 59'999) / 60'000)}});
        staff_->view.messageIsError = true;
    }
    router_.reset({flow::ScreenId::Pin, {}});
}

void App::leaveStaffMode(const char* why) {
    if (!staff_) return;
    if (staff_->role)
        saveGuard("audit", [&] {
            store::audit(*db_, clock_, *staff_->role == store::Role::Staff ? "staff" : "counselor", why);
        });
    staff_.reset(); // joins a running export first (the file operations must finish cleanly)
    resetToAttract("finished");
}

void App::onPinSubmit() {
    using M = ui::StaffView::PinMode;
    StaffMode& s = *staff_;
    ui::StaffView& v = s.view;
    const std::string pin = s.pin;
    s.pin.clear();
    v.messageIsError = true;
    switch (v.pinMode) {
    case M::Login: {
        auto a = access_->verify(pin);
        if (a.outcome == store::AccessControl::Outcome::Ok) {
            s.role = a.role;
            v.message.clear();
            v.isStaff = *a.role == store::Role::Staff;
            router_.reset({v.isStaff ? flow::ScreenId::Staff : flow::ScreenId::Counselor, {}});
            refreshStaffData();
        } else if (a.outcome == store::AccessControl::Outcome::Wrong) {
            v.message = ui_->tr("pin_wrong", {{"left", a.attemptsLeft}});
        } else if (a.outcome == store::AccessControl::Outcome::Locked) {
            v.message = ui_->tr("pin_locked", {{"minutes", int((a.lockedMs + 59'999) / 60'000)}});
        } else {
            v.pinMode = M::SetupStaff;
            v.message.clear();
        }
        break;
    }
    case M::SetupStaff:
    case M::SetCounselor:
        if (!store::isValidPin(pin)) {
            v.message = ui_->tr(v.pinMode == M::SetupStaff ? "pin_setup_title" : "pin_set_counselor");
            break;
        }
        s.firstPin = pin;
        v.pinMode = v.pinMode == M::SetupStaff ? M::SetupStaffRepeat : M::SetCounselorRepeat;
        v.message.clear();
        break;
    case M::SetupStaffRepeat:
    case M::SetCounselorRepeat: {
        const bool staffPin = v.pinMode == M::SetupStaffRepeat;
        if (pin != s.firstPin) {
            v.message = ui_->tr("pin_setup_mismatch");
            v.pinMode = staffPin ? M::SetupStaff : M::SetCounselor;
            break;
        }
        bool ok = false;
        saveGuard("save PIN", [&] {
            ok = access_->setPin(staffPin ? store::Role::Staff : store::Role::Counselor, pin, "staff");
        });
        if (!ok) break;
        v.message = ui_->tr("pin_saved");
        v.messageIsError = false;
        v.pinMode = M::Login;
        if (!s.role) s.role = store::Role::Staff; // first run: the one who set the staff PIN is staff
        v.isStaff = true;
        router_.reset({flow::ScreenId::Staff, {}});
        refreshStaffData();
        break;
    }
    }
}

void App::refreshStaffData() {
    if (!staff_ || !db_) return;
    ui::StaffView& v = staff_->view;
    saveGuard("read dashboard", [&] {
        v.dashboard = review::loadDashboard(*db_, clock_);
        v.kioskId = store::ensureKioskId(*db_, config_.kioskId);
        v.centreId = store::centreId(*db_, config_.centreId);
        if (router_.current().id == flow::ScreenId::Counselor) v.today = review::todaysVisits(*db_, clock_);
    });
    v.sticks = sync::findSticks(opts_.stickRoots.empty() ? config_.stickRoots : opts_.stickRoots);
    v.problems.clear();
    for (const auto& p : contentProblems_) v.problems.push_back(p.str());
    if (!encyclopediaError_.empty()) v.problems.push_back(encyclopediaError_);
    for (const auto& p : config_.problems) v.problems.push_back(p);
    if (speech_ && !readAloudAvailable())
        v.problems.push_back(
            ui_->tr("staff_no_speech", {{"why", !speech_->ok() ? speech_->problem() : audio_->problem()}}));
    v.volumePercent = readAloudAvailable() ? int(std::lround(speech_->volume() * 100.f)) : -1;
    v.stickHasPack.clear();
    for (const auto& s : v.sticks) v.stickHasPack.push_back(sync::hasContentPack(s.path));
    staff_->sticksAt = clock_.monotonicMs();
}

void App::startExport(const std::string& stick) {
    StaffMode& s = *staff_;
    if (s.running || dataDir_.empty()) return;
    if (s.worker.joinable()) s.worker.join();
    sync::ExportOptions eo;
    eo.kioskId = s.view.kioskId;
    eo.centreId = s.view.centreId;
    eo.retentionDays = config_.retentionDays;
    eo.labels = sync::makeSummaryLabels(*catalog_, ui_->lang, instrument("interest"), encyclopedia(),
                                        "{from}", "{to}", clock_.wallMs());
    s.running = true;
    s.progress = 0;
    s.view.message.clear();
    const std::string dir = dataDir_;
    StaffMode* sp = &s;
    const Clock* clock = &clock_;
    // Its own connection: SQLite handles are not shared across threads here.
    s.worker = std::thread([sp, dir, stick, eo, clock] {
        sync::ExportReport r;
        try {
            store::Database local(dir + "/kesip.sqlite");
            local.exec("PRAGMA busy_timeout=5000");
            r = sync::exportToStick(local, dir + "/kesip.sqlite", dir, stick, eo, *clock,
                                    [sp](double f) { sp->progress = int(f * 100); });
        } catch (const std::exception& e) {
            r.error = sync::SyncError::Local;
            r.detail = e.what();
        }
        std::lock_guard<std::mutex> lock(sp->m);
        sp->result = r;
        sp->running = false;
    });
}

void App::pollExport() {
    if (!staff_) return;
    StaffMode& s = *staff_;
    s.view.exporting = s.running;
    s.view.exportPercent = s.progress;
    std::optional<sync::ExportReport> r;
    {
        std::lock_guard<std::mutex> lock(s.m);
        r.swap(s.result);
    }
    if (!r) return;
    if (s.worker.joinable()) s.worker.join();
    s.view.messageIsError = r->error != sync::SyncError::None;
    s.view.message =
        ui_->tr(sync::syncErrorKey(r->error), {{"added", r->added}, {"already", r->alreadyPresent}});
    if (r->error != sync::SyncError::None) std::fprintf(stderr, "kesip: export: %s\n", r->detail.c_str());
    refreshStaffData();
}

void App::reloadContent() {
    loadEncyclopedia(resourceDir_);
    // New content may bring letters the atlas lacks: rebuild it (between frames, so ImGui is idle).
    std::string err;
    if (!rebuildFonts(largeBuilt_, err)) std::fprintf(stderr, "kesip: fonts: %s\n", err.c_str());
}

void App::openCounselorCode(std::string code) { // by value: callers pass the entry field it clears
    StaffMode& s = *staff_;
    std::optional<review::VisitReview> v;
    saveGuard("open visit", [&] {
        v = review::loadVisit(*db_, code, config_.codeExpiryDays, clock_, instrument("interest"),
                              instrument("strengths"), encyclopedia());
    });
    if (!v) {
        s.view.message = ui_->tr("counselor_not_found");
        s.view.messageIsError = true;
        return;
    }
    saveGuard("audit", [&] { store::audit(*db_, clock_, "counselor", "open_visit"); });
    s.view.message.clear();
    s.view.noteChoices = v->noteChoices;
    s.view.visit = std::move(v);
    s.view.codeEntry.clear();
    router_.push({flow::ScreenId::Counselor, code});
}

void App::applyStaff(const ui::Intent& in) {
    if (!staff_) return;
    StaffMode& s = *staff_;
    ui::StaffView& v = s.view;
    if (in.logout) return leaveStaffMode("logout");
    if (in.exitApp && s.role == store::Role::Staff) {
        saveGuard("audit", [&] { store::audit(*db_, clock_, "staff", "exit_app"); });
        quit_ = true;
        return;
    }
    if (in.pinKey && s.pin.size() < 8) s.pin += *in.pinKey;
    if (in.pinBack && !s.pin.empty()) s.pin.pop_back();
    if (in.pinClear) s.pin.clear();
    if (in.pinSubmit) onPinSubmit();
    v.pinLength = s.pin.size();
    if (in.setCounselorPin || in.setStaffPin) {
        v.pinMode =
            in.setStaffPin ? ui::StaffView::PinMode::SetupStaff : ui::StaffView::PinMode::SetCounselor;
        v.message.clear();
        s.pin.clear();
        router_.push({flow::ScreenId::Pin, {}});
    }
    if (in.exportTo) startExport(*in.exportTo);
    if (in.volumeStep && readAloudAvailable() && s.role == store::Role::Staff) {
        const float vol = std::clamp(speech_->volume() + 0.1f * float(in.volumeStep), 0.f, 1.f);
        speech_->setVolume(vol);
        v.volumePercent = int(std::lround(vol * 100.f));
        saveGuard("save volume", [&] {
            store::SettingsRepo(*db_).set("volume", std::to_string(vol));
            store::audit(*db_, clock_, "staff", "setting", "volume=" + std::to_string(v.volumePercent));
        });
        if (audio_) audio_->beep(); // hear the new level
    }
    if ((in.installPack || in.rollbackPack) && s.role == store::Role::Staff && !dataDir_.empty()) {
        const sync::PackResult r =
            in.installPack ? sync::installContentPack(*in.installPack, dataDir_, config_.contentPublicKey,
                                                      {instrument("interest"), instrument("strengths")})
                           : sync::rollbackContentPack(dataDir_);
        const bool ok = r.error == sync::PackError::None;
        saveGuard("audit", [&] {
            store::audit(*db_, clock_, "staff", in.installPack ? "content_install" : "content_rollback",
                         ok ? "ok" : r.detail);
        });
        if (!ok) std::fprintf(stderr, "kesip: content pack: %s\n", r.detail.c_str());
        if (ok) reloadContent();
        v.message = ui_->tr(!ok              ? sync::packErrorKey(r.error)
                            : in.installPack ? "pack_ok"
                                             : "pack_rolled_back");
        v.messageIsError = !ok;
    }
    if (in.codeKey && v.codeEntry.size() < 6) v.codeEntry += *in.codeKey;
    if (in.codeBack && !v.codeEntry.empty()) v.codeEntry.pop_back();
    if (in.codeOpen) openCounselorCode(v.codeEntry);
    if (in.openCode) openCounselorCode(*in.openCode);
    if (in.toggleNote) {
        auto it = std::find(v.noteChoices.begin(), v.noteChoices.end(), *in.toggleNote);
        if (it == v.noteChoices.end())
            v.noteChoices.push_back(*in.toggleNote);
        else
            v.noteChoices.erase(it);
    }
    if (in.saveNote && v.visit) {
        bool ok = false;
        saveGuard("save note", [&] {
            review::saveNote(*db_, clock_, v.visit->session.id, v.noteChoices);
            ok = true;
        });
        v.message = ui_->tr(ok ? "counselor_note_saved" : "save_failed");
        v.messageIsError = !ok;
    }
}

} // namespace kesip::app
