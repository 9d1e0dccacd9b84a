// App: staff and counselor mode (PIN entry, dashboard, USB export, counselor review).
#include <chrono>
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
    if (visitActive()) endVisit("finished");
    staff_ = std::make_unique<StaffMode>();
    staff_->lastInputMs = clock_.monotonicMs();
    using M = ui::StaffView::PinMode;
    // The installer's setup code: its hash, readable by the kiosk user (the code itself by root only).
    std::string setupHash;
    if (readFile(config_.setupCodeHashFile, setupHash))
        while (!setupHash.empty() && (setupHash.back() == '\n' || setupHash.back() == ' '))
            setupHash.pop_back();
    access_->setSetupCodeHash(setupHash.rfind("$argon2id$", 0) == 0 ? setupHash : std::string());
    // A fresh kiosk: the first staff PIN needs the installer's setup code; without one, nobody.
    const bool any = access_->hasPin(store::Role::Staff) || access_->hasPin(store::Role::Counselor);
    staff_->view.pinMode = access_->hasPin(store::Role::Staff) ? M::Login
                           : access_->setupAvailable()         ? M::SetupCode
                           : any                               ? M::Login
                                                               : M::NoSetup;
    if (int64_t left = access_->lockedRemainingMs(store::Role::Staff);
        left > 0 && staff_->view.pinMode == M::Login) {
        staff_->view.message = ui_->tr("pin_locked", {{"minutes", int((left + 59'999) / 60'000)}});
        staff_->view.messageIsError = true;
    }
    if (staff_->view.pinMode == M::NoSetup) {
        staff_->view.message = ui_->tr("pin_no_setup");
        staff_->view.messageIsError = true;
    }
    router_.reset({flow::ScreenId::Pin, {}});
}

void App::leaveStaffMode(const char* why) {
    if (!staff_) return;
    if (staff_->role)
        saveGuard("audit", [&] { store::audit(*db_, clock_, store::roleName(*staff_->role), why); });
    // Never waits for the export thread: it is told to stop and finishes (or gives up) on its own.
    staff_.reset();
    resetToAttract("finished");
}

void App::onPinSubmit() {
    using M = ui::StaffView::PinMode;
    StaffMode& s = *staff_;
    ui::StaffView& v = s.view;
    const std::string pin = s.pin;
    s.pin.clear();
    v.messageIsError = true;
    auto lockedText = [&](int64_t ms) {
        return ui_->tr("pin_locked", {{"minutes", int((ms + 59'999) / 60'000)}});
    };
    auto enter = [&](const store::Grant& g) {
        s.grant = g;
        s.role = g.role();
        v.message.clear();
        v.isStaff = g.role() == store::Role::Staff;
        router_.reset({v.isStaff ? flow::ScreenId::Staff : flow::ScreenId::Counselor, {}});
        refreshStaffData();
    };
    switch (v.pinMode) {
    case M::NoSetup:
        v.message = ui_->tr("pin_no_setup");
        break;
    case M::Login: {
        const store::Role role = v.pinAsCounselor ? store::Role::Counselor : store::Role::Staff;
        store::AccessControl::Attempt a{store::AccessControl::Outcome::NoPin, std::nullopt, 0, 0};
        saveGuard("check PIN", [&] { a = access_->verify(role, pin); });
        if (a.outcome == store::AccessControl::Outcome::Ok)
            enter(*a.grant);
        else if (a.outcome == store::AccessControl::Outcome::Wrong)
            v.message = ui_->tr("pin_wrong", {{"left", a.attemptsLeft}});
        else if (a.outcome == store::AccessControl::Outcome::Locked)
            v.message = lockedText(a.lockedMs);
        else
            v.message = ui_->tr("pin_no_pin");
        break;
    }
    case M::SetupCode: {
        store::AccessControl::Attempt a{store::AccessControl::Outcome::NoSetupCode, std::nullopt, 0, 0};
        saveGuard("check setup code", [&] { a = access_->verifySetupCode(pin); });
        if (a.outcome == store::AccessControl::Outcome::Ok) {
            s.setupGrant = a.grant;
            v.pinMode = M::SetupStaff;
            v.message.clear();
        } else if (a.outcome == store::AccessControl::Outcome::Wrong) {
            v.message = ui_->tr("pin_setup_code_wrong", {{"left", a.attemptsLeft}});
        } else if (a.outcome == store::AccessControl::Outcome::Locked) {
            v.message = lockedText(a.lockedMs);
        } else {
            v.pinMode = M::NoSetup;
            v.message = ui_->tr("pin_no_setup");
        }
        break;
    }
    case M::SetupStaff:
    case M::SetCounselor:
        if (!store::isValidPin(pin)) {
            v.message = ui_->tr("pin_too_short");
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
        // Role checks in core: only a staff grant (or the setup code's, for the first staff PIN) sets PINs.
        saveGuard("save PIN", [&] {
            if (s.grant)
                ok = access_->setPin(*s.grant, staffPin ? store::Role::Staff : store::Role::Counselor, pin);
            else if (s.setupGrant && staffPin)
                ok = access_->completeSetup(*s.setupGrant, pin);
        });
        if (!ok) break;
        v.message = ui_->tr("pin_saved");
        v.messageIsError = false;
        v.pinMode = M::Login;
        if (!s.grant && s.setupGrant) {
            s.grant = s.setupGrant; // the installer who set the first staff PIN is staff
            s.role = store::Role::Staff;
            s.setupGrant.reset();
        }
        v.isStaff = s.role == store::Role::Staff;
        router_.reset({v.isStaff ? flow::ScreenId::Staff : flow::ScreenId::Counselor, {}});
        refreshStaffData();
        break;
    }
    }
}

void App::refreshStaffData() {
    if (!staff_ || !db_) return;
    ui::StaffView& v = staff_->view;
    saveGuard("read dashboard", [&] {
        if (staff_->grant && staff_->grant->may(store::Action::Dashboard))
            v.dashboard = review::loadDashboard(*db_, *staff_->grant, clock_);
        v.kioskId = store::ensureKioskId(*db_, config_.kioskId);
        v.centreId = store::centreId(*db_, config_.centreId);
    });
    v.kioskKey = kioskKey_ ? kioskKey_->fingerprint() : std::string();
    v.sticks = sync::findSticks(opts_.stickRoots.empty() ? config_.stickRoots : opts_.stickRoots);
    v.refusedSticks = sync::refusedSticks();
    v.problems.clear();
    for (const auto& p : contentProblems_) v.problems.push_back(p.str());
    if (!encyclopediaError_.empty()) v.problems.push_back(encyclopediaError_);
    for (const auto& p : config_.problems) v.problems.push_back(p);
    if (config_.exportPublicKey.empty()) v.problems.push_back(ui_->tr("staff_no_export_key"));
    for (const auto& r : v.refusedSticks)
        v.problems.push_back(ui_->tr("staff_stick_refused", {{"label", r.label}, {"type", r.fsType}}));
    if (speech_ && !readAloudAvailable())
        v.problems.push_back(
            ui_->tr("staff_no_speech", {{"why", !speech_->ok() ? speech_->problem() : audio_->problem()}}));
    printerProblems(v.problems); // printjobs: why visitors see no Print button
    v.volumePercent = readAloudAvailable() ? int(std::lround(speech_->volume() * 100.f)) : -1;
    v.stickHasPack.clear();
    for (const auto& s : v.sticks) v.stickHasPack.push_back(sync::hasContentPack(s.path));
    staff_->sticksAt = clock_.monotonicMs();
}

void App::startJob(std::function<void(StaffJob&)> work) {
    StaffMode& s = *staff_;
    if ((s.job && s.job->running) || dataDir_.empty()) return;
    auto job = std::make_shared<StaffJob>();
    s.job = job;
    lastJob_ = job;
    s.view.message.clear();
    // Detached: the thread owns its share of the job and everything it uses (its own connection, a copy
    // of the options, a clock frozen at the start); staff leaving never waits for it.
    std::thread([job, work = std::move(work)] {
        work(*job);
        job->running = false;
    }).detach();
}

void App::startExport(const std::string& stick) {
    StaffMode& s = *staff_;
    if (!s.grant || !s.grant->may(store::Action::Export)) return;
    sync::ExportOptions eo;
    eo.kioskId = s.view.kioskId;
    eo.centreId = s.view.centreId;
    eo.retentionDays = config_.retentionDays;
    eo.labels = sync::makeSummaryLabels(*catalog_, ui_->lang, instrument("interest"), encyclopedia(),
                                        "{from}", "{to}", clock_.wallMs());
    eo.exportPublicKey = config_.exportPublicKey;
    eo.exactDay = config_.exportExactDay;
    eo.withKioskId = config_.exportKioskId;
    eo.kioskKey = kioskKey_;
    eo.maxFileBytes = uint64_t(config_.stickFileMaxMb) << 20;
    eo.deadlineMs = int64_t(config_.exportTimeoutSeconds) * 1000;
    const std::string dir = dataDir_;
    const auto io = stickIo_;
    const auto grant = *s.grant;
    const int64_t now = clock_.wallMs();
    startJob([dir, stick, eo, io, grant, now](StaffJob& job) mutable {
        eo.cancel = job.cancel;
        eo.io = io.get();
        const FakeClock frozen(now); // the export's time stamps: the moment staff tapped export
        sync::ExportReport r;
        try {
            store::Database local(dir + "/kesip.sqlite");
            local.exec("PRAGMA busy_timeout=5000");
            r = sync::exportToStick(local, grant, dir + "/kesip.sqlite", dir, stick, eo, frozen,
                                    [&job](double f) { job.progress = int(f * 100); });
        } catch (const std::exception& e) {
            r.error = sync::SyncError::Local;
            r.detail = e.what();
        }
        std::lock_guard<std::mutex> lock(job.m);
        job.exportResult = r;
    });
}

void App::startContentJob(bool install, const std::string& stick) {
    StaffMode& s = *staff_;
    if (!s.grant || !s.grant->may(store::Action::ContentPack)) return;
    const std::string dir = dataDir_, key = config_.contentPublicKey;
    const uint64_t cap = uint64_t(config_.contentPackMaxMb) << 20;
    const auto grant = *s.grant;
    const int64_t deadlineMs = int64_t(config_.exportTimeoutSeconds) * 1000;
    // Loaded once at start and never replaced: safe to read from the worker.
    const std::vector<const assess::Instrument*> instruments{instrument("interest"), instrument("strengths")};
    startJob([=](StaffJob& job) {
        const auto until = std::chrono::steady_clock::now() + std::chrono::milliseconds(deadlineMs);
        const auto cancel = job.cancel;
        auto stop = [cancel, until] { return cancel->load() || std::chrono::steady_clock::now() > until; };
        sync::PackResult r;
        try {
            r = install ? sync::installContentPack(grant, stick, dir, key, cap, stop, instruments)
                        : sync::rollbackContentPack(grant, dir);
        } catch (const std::exception& e) {
            r.error = sync::PackError::Io;
            r.detail = e.what();
        }
        std::lock_guard<std::mutex> lock(job.m);
        job.packResult = r;
        job.install = install;
    });
}

void App::pollExport() {
    if (!staff_) return;
    StaffMode& s = *staff_;
    s.view.exporting = s.job && s.job->running;
    s.view.exportPercent = s.job ? s.job->progress.load() : 0;
    if (!s.job) return;
    std::optional<sync::ExportReport> r;
    std::optional<sync::PackResult> p;
    bool install = false;
    {
        std::lock_guard<std::mutex> lock(s.job->m);
        r.swap(s.job->exportResult);
        p.swap(s.job->packResult);
        install = s.job->install;
    }
    if (r) {
        const bool ok = r->error == sync::SyncError::None || r->error == sync::SyncError::NoKey;
        s.view.messageIsError = !ok;
        s.view.message =
            ui_->tr(sync::syncErrorKey(r->error), {{"added", r->added}, {"already", r->alreadyPresent}});
        if (!ok) {
            std::fprintf(stderr, "kesip: export: %s\n", r->detail.c_str());
            saveGuard("audit", [&] { store::audit(*db_, clock_, "staff", "export_failed", r->detail); });
        }
        refreshStaffData();
    }
    if (p) {
        const bool ok = p->error == sync::PackError::None;
        saveGuard("audit", [&] {
            store::audit(*db_, clock_, "staff", install ? "content_install" : "content_rollback",
                         ok ? "ok version=" + std::to_string(p->version) : p->detail);
        });
        if (!ok) std::fprintf(stderr, "kesip: content pack: %s\n", p->detail.c_str());
        if (ok) reloadContent();
        s.view.message = ui_->tr(!ok       ? sync::packErrorKey(p->error)
                                 : install ? "pack_ok"
                                           : "pack_rolled_back");
        s.view.messageIsError = !ok;
    }
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
    if (!s.grant || !kioskKey_) return;
    saveGuard("open visit", [&] {
        v = review::loadVisit(*db_, *s.grant, code, config_.codeExpiryDays, clock_, *kioskKey_,
                              instrument("interest"), instrument("strengths"), encyclopedia());
    });
    if (!v) {
        s.view.message = ui_->tr("counselor_not_found");
        s.view.messageIsError = true;
        return;
    }
    s.view.message.clear();
    s.view.noteChoices = v->noteChoices;
    s.view.visit = std::move(v);
    s.view.codeEntry.clear();
    router_.push({flow::ScreenId::Counselor, code});
}

// The staff screens' intents in emission order, one handler each (as applyStaff's chain was).
void App::applyStaff(const ui::Intents& intents) {
    if (!staff_) return;
    for (const ui::Intent& in : intents) {
        std::visit(
            [this](const auto& i) {
                if constexpr (ui::intent::scopeOf<decltype(i)> != ui::intent::Scope::Student) onStaff(i);
            },
            in);
        if (!staff_ || quit_) return; // logged out or leaving: the rest was for a screen that is gone
    }
    staff_->view.pinLength = staff_->pin.size();
}

void App::onStaff(const ui::intent::Logout&) {
    leaveStaffMode("logout");
}

void App::onStaff(const ui::intent::ExitApp&) {
    StaffMode& s = *staff_;
    if (s.grant && s.grant->may(store::Action::ExitApp)) {
        saveGuard("audit", [&] { store::audit(*db_, clock_, "staff", "exit_app"); });
        quit_ = true;
    }
}

void App::onStaff(const ui::intent::PinRole& in) {
    StaffMode& s = *staff_;
    ui::StaffView& v = s.view;
    if (v.pinMode != ui::StaffView::PinMode::Login) return;
    v.pinAsCounselor = in.counselor;
    s.pin.clear();
    v.message.clear();
}

void App::onStaff(const ui::intent::PinKey& in) {
    StaffMode& s = *staff_;
    if (s.pin.size() < 12) s.pin += in.key;
}

void App::onStaff(const ui::intent::PinBack&) {
    StaffMode& s = *staff_;
    if (!s.pin.empty()) s.pin.pop_back();
}

void App::onStaff(const ui::intent::PinClear&) {
    staff_->pin.clear();
}

void App::onStaff(const ui::intent::PinSubmit&) {
    onPinSubmit();
}

void App::onStaff(const ui::intent::SetCounselorPin&) {
    startPinChange(false);
}

void App::onStaff(const ui::intent::SetStaffPin&) {
    startPinChange(true);
}

void App::startPinChange(bool staffPin) {
    StaffMode& s = *staff_;
    if (!s.grant || !s.grant->may(store::Action::SetPins)) return;
    ui::StaffView& v = s.view;
    v.pinMode = staffPin ? ui::StaffView::PinMode::SetupStaff : ui::StaffView::PinMode::SetCounselor;
    v.message.clear();
    s.pin.clear();
    router_.push({flow::ScreenId::Pin, {}});
}

void App::onStaff(const ui::intent::ExportTo& in) {
    startExport(in.stick);
}

void App::onStaff(const ui::intent::VolumeStep& in) {
    StaffMode& s = *staff_;
    ui::StaffView& v = s.view;
    if (in.step && readAloudAvailable() && s.grant && s.grant->may(store::Action::Settings)) {
        const float vol = std::clamp(speech_->volume() + 0.1f * float(in.step), 0.f, 1.f);
        speech_->setVolume(vol);
        v.volumePercent = int(std::lround(vol * 100.f));
        saveGuard("save volume", [&] {
            store::SettingsRepo(*db_).set("volume", std::to_string(vol));
            store::audit(*db_, clock_, "staff", "setting", "volume=" + std::to_string(v.volumePercent));
        });
        if (audio_) audio_->beep(); // hear the new level
    }
}

// Content packs are read from the stick on the worker thread: a stick can be slow or hostile.
void App::onStaff(const ui::intent::InstallPack& in) {
    startContentJob(true, in.stick);
}

void App::onStaff(const ui::intent::RollbackPack&) {
    startContentJob(false, "");
}

void App::onStaff(const ui::intent::CodeKey& in) {
    ui::StaffView& v = staff_->view;
    if (v.codeEntry.size() < 6) v.codeEntry += in.key;
}

void App::onStaff(const ui::intent::CodeBack&) {
    ui::StaffView& v = staff_->view;
    if (!v.codeEntry.empty()) v.codeEntry.pop_back();
}

void App::onStaff(const ui::intent::CodeOpen&) {
    openCounselorCode(staff_->view.codeEntry);
}

void App::onStaff(const ui::intent::ToggleNote& in) {
    ui::StaffView& v = staff_->view;
    auto it = std::find(v.noteChoices.begin(), v.noteChoices.end(), in.note);
    if (it == v.noteChoices.end())
        v.noteChoices.push_back(in.note);
    else
        v.noteChoices.erase(it);
}

void App::onStaff(const ui::intent::SaveNote&) {
    StaffMode& s = *staff_;
    ui::StaffView& v = s.view;
    if (v.visit) {
        bool ok = false;
        saveGuard("save note", [&] {
            if (!s.grant || !kioskKey_) return;
            review::saveNote(*db_, *s.grant, clock_, *kioskKey_, v.visit->session.id, v.noteChoices);
            ok = true;
        });
        v.message = ui_->tr(ok ? "counselor_note_saved" : "save_failed");
        v.messageIsError = !ok;
    }
}

} // namespace kesip::app
