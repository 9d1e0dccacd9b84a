// App: the career diary of a visit (issue 11). The open diary's id and every draft live in the visit's
// views, so a visit's end (finish, idle reset) drops them: the next visitor starts with nothing.
#include <algorithm>

#include "app/app.hpp"
#include "diary/checks.hpp"
#include "diary/code.hpp"
#include "diary/store.hpp"
#include "diary/vocab.hpp"
#include "print/sample.hpp"

namespace kesip::app {

using l10n::K;
using ui::intent::Scope;

void App::diaryMessage(const char* key, bool error) {
    if (!views_) return;
    views_->diary.messageKey = key;
    views_->diary.minutes = 0;
    views_->diary.messageIsError = error;
}

void App::diaryLinkVisit() {
    if (!views_ || views_->diary.id.empty() || !visit() || !db_) return;
    saveGuard("link diary visit", [&] {
        diary::DiaryStore(*db_, clock_).linkVisit(views_->diary.id, visit()->session.id, false);
    });
}

void App::diaryRefresh() {
    if (!views_) return;
    ui::DiaryView& dv = views_->diary;
    dv.loaded.reset();
    if (dv.id.empty() || !db_) return;
    diaryLinkVisit();                                    // tests finished since the diary was opened
    dv.thisMonth = diary::currentMonth(clock_.wallMs()); // trialplan: planned trials due or ahead
    saveGuard("load diary", [&] { dv.loaded = diary::DiaryStore(*db_, clock_).load(dv.id); });
    if (!dv.loaded) dv.id.clear(); // forgotten or purged meanwhile
}

// --- stars and paths: in the open diary, else remembered for the diary the visitor may start ---

void App::on(const ui::intent::DiaryStar& in) {
    if (!views_ || !db_) return;
    ui::DiaryView& dv = views_->diary;
    if (dv.id.empty()) {
        auto it = std::find_if(dv.pendingSaved.begin(), dv.pendingSaved.end(),
                               [&](const auto& p) { return p.first == in.occupation; });
        if (it == dv.pendingSaved.end())
            dv.pendingSaved.push_back({in.occupation, in.source});
        else
            dv.pendingSaved.erase(it);
        return;
    }
    const bool saved = dv.loaded && std::any_of(dv.loaded->saved.begin(), dv.loaded->saved.end(),
                                                [&](const auto& s) { return s.occupation == in.occupation; });
    diary::WriteResult r;
    saveGuard("save occupation", [&] {
        diary::DiaryStore st(*db_, clock_);
        r = saved ? st.unsaveOccupation(dv.id, in.occupation)
                  : st.saveOccupation(dv.id, in.occupation, in.source);
    });
    if (!r.ok) diaryMessage(r.errorKey ? r.errorKey : K("diary_err_save"));
    diaryRefresh();
}

void App::on(const ui::intent::DiaryPathSeen& in) {
    if (!views_ || !db_) return;
    ui::DiaryView& dv = views_->diary;
    if (dv.id.empty()) {
        if (std::find(dv.pendingPaths.begin(), dv.pendingPaths.end(), in.path) == dv.pendingPaths.end())
            dv.pendingPaths.push_back(in.path);
        return;
    }
    if (dv.loaded && std::count(dv.loaded->paths.begin(), dv.loaded->paths.end(), in.path)) return;
    bool ok = false;
    saveGuard("note path", [&] { ok = diary::DiaryStore(*db_, clock_).notePathSeen(dv.id, in.path).ok; });
    if (!ok) dv.failedPaths.push_back(in.path); // the screen sends it every frame until it is seen
    diaryRefresh();
}

// --- start: a PIN twice, then the code ---

void App::on(const ui::intent::DiaryStart&) {
    if (!views_) return;
    ui::DiaryView& dv = views_->diary;
    dv.messageKey = nullptr;
    if (!dv.id.empty()) {
        diaryRefresh();
        router_.push({flow::ScreenId::Diary, {}});
        return;
    }
    dv.pin.clear();
    dv.firstPin.clear();
    dv.repeating = false;
    dv.newCode.clear();
    router_.push({flow::ScreenId::DiaryStart, {}});
}

void App::on(const ui::intent::DiaryPinKey& in) {
    if (!views_ || in.key < '0' || in.key > '9') return;
    ui::DiaryView& dv = views_->diary;
    std::string& pin = router_.current().id == flow::ScreenId::DiaryUnlock ? dv.pinEntry : dv.pin;
    if (pin.size() < 6) pin += in.key;
}

void App::on(const ui::intent::DiaryPinBack&) {
    if (!views_) return;
    ui::DiaryView& dv = views_->diary;
    std::string& pin = router_.current().id == flow::ScreenId::DiaryUnlock ? dv.pinEntry : dv.pin;
    if (!pin.empty()) pin.pop_back();
}

void App::on(const ui::intent::DiaryPinOk&) {
    if (!views_ || !db_ || !visit()) return;
    ui::DiaryView& dv = views_->diary;
    if (!dv.newCode.empty()) return;
    if (!dv.repeating) {
        if (diary::PinCheck c = diary::checkPin(dv.pin); c != diary::PinCheck::Ok) {
            diaryMessage(diary::pinCheckKey(c));
            dv.pin.clear();
            return;
        }
        dv.firstPin = dv.pin;
        dv.pin.clear();
        dv.repeating = true;
        dv.messageKey = nullptr;
        return;
    }
    if (dv.pin != dv.firstPin) {
        diaryMessage(K("diary_pin_mismatch"));
        dv.pin.clear();
        dv.firstPin.clear();
        dv.repeating = false;
        return;
    }
    diary::Seed seed;
    seed.saved = dv.pendingSaved;
    seed.paths = dv.pendingPaths;
    diary::CreateResult r;
    saveGuard("start diary", [&] {
        r = diary::DiaryStore(*db_, clock_).create(dv.pin, ui_->lang, visit()->session.id, seed);
    });
    dv.pin.clear();
    dv.firstPin.clear();
    dv.repeating = false;
    if (!r.ok) return diaryMessage(r.errorKey ? r.errorKey : K("diary_err_save"));
    dv.id = r.id;
    dv.newCode = diary::formatCode(r.code);
    dv.pendingSaved.clear();
    dv.pendingPaths.clear();
    dv.messageKey = nullptr;
    diaryRefresh();
}

void App::on(const ui::intent::DiaryOpen&) {
    if (!views_ || views_->diary.id.empty()) return;
    views_->diary.newCode.clear(); // shown once, on the start screen
    views_->diary.messageKey = nullptr;
    diaryRefresh();
    router_.reset({flow::ScreenId::Home, {}});
    router_.push({flow::ScreenId::Diary, {}});
}

// --- continue: code + PIN ---

void App::on(const ui::intent::DiaryCodeKey& in) {
    if (!views_) return;
    std::string& c = views_->diary.codeEntry;
    if (c.size() < size_t(diary::kCodeLength)) c += in.key;
    views_->diary.messageKey = nullptr;
}

void App::on(const ui::intent::DiaryCodeBack&) {
    if (views_ && !views_->diary.codeEntry.empty()) views_->diary.codeEntry.pop_back();
}

void App::on(const ui::intent::DiaryUnlock&) {
    if (!views_ || !db_ || !visit()) return;
    ui::DiaryView& dv = views_->diary;
    diary::UnlockResult r;
    saveGuard("open diary", [&] {
        r = diary::DiaryStore(*db_, clock_)
                .unlock(dv.codeEntry, dv.pinEntry, diary::Actor::Student, visit()->session.id);
    });
    dv.pinEntry.clear(); // never kept after a try
    if (r.outcome != diary::UnlockResult::Outcome::Ok) {
        diaryMessage(diary::unlockMessageKey(r));
        dv.minutes = r.lockedMinutes();
        return;
    }
    dv.id = r.diaryId;
    dv.codeEntry.clear();
    // Stars given before the diary was opened go into it.
    saveGuard("save occupations", [&] {
        diary::DiaryStore st(*db_, clock_);
        for (const auto& [occ, source] : dv.pendingSaved) st.saveOccupation(dv.id, occ, source);
        for (const auto& p : dv.pendingPaths) st.notePathSeen(dv.id, p);
    });
    dv.pendingSaved.clear();
    dv.pendingPaths.clear();
    dv.messageKey = nullptr;
    diaryRefresh();
    router_.reset({flow::ScreenId::Home, {}});
    router_.push({flow::ScreenId::Diary, {}});
}

// --- forget me ---

void App::on(const ui::intent::DiaryForget& in) {
    if (!views_ || views_->diary.id.empty() || !db_) return;
    ui::DiaryView& dv = views_->diary;
    if (in.step != 2) {
        dv.forgetAsk = in.step == 1;
        return;
    }
    bool done = false;
    saveGuard("forget diary", [&] {
        diary::DiaryStore(*db_, clock_).forget(dv.id);
        done = true;
    });
    if (!done) return diaryMessage(K("diary_err_save"));
    dv = ui::DiaryView{};
    router_.reset({flow::ScreenId::Home, {}});
}

// --- the decision ---

void App::on(const ui::intent::DiaryDecisionSet& in) {
    if (!views_ || !db_) return;
    ui::DiaryView& dv = views_->diary;
    diary::Decision& d = dv.decision;
    const std::string thisMonth = diary::currentMonth(clock_.wallMs());
    dv.messageKey = nullptr;
    if (in.what == "new") {
        d = dv.loaded && dv.loaded->decision ? *dv.loaded->decision : diary::Decision{};
        for (auto& s : d.steps) // a step whose month has passed is moved to this month
            if (diary::monthIndex(s.month) < diary::monthIndex(thisMonth)) s.month = thisMonth;
        if (d.route.empty()) d.route = "college";
        dv.picking = 0;
    } else if (in.what == "picking") {
        dv.picking = in.value == "1" ? 1 : 0;
    } else if (in.what == "choice") {
        d.choice = in.value;
        if (d.planB == d.choice) d.planB.clear();
        d.institution.clear(); // the places teach the occupation chosen
    } else if (in.what == "planb") {
        d.planB = d.planB == in.value || in.value == d.choice ? std::string() : in.value;
    } else if (in.what == "route") {
        d.route = in.value;
    } else if (in.what == "institution") {
        d.institution = d.institution == in.value ? std::string() : in.value;
    } else if (in.what == "step") {
        auto it =
            std::find_if(d.steps.begin(), d.steps.end(), [&](const auto& s) { return s.step == in.value; });
        if (it != d.steps.end())
            d.steps.erase(it);
        else if (d.steps.size() < diary::DiaryStore::kMaxSteps)
            d.steps.push_back({in.value, diary::addMonths(thisMonth, 1), false});
    } else if (in.what == "stepmonth") {
        const size_t colon = in.value.find(':');
        const size_t i = size_t(std::atoi(in.value.substr(0, colon).c_str()));
        if (colon == std::string::npos || i >= d.steps.size()) return;
        const std::string m = diary::addMonths(d.steps[i].month, in.value.substr(colon + 1) == "+1" ? 1 : -1);
        const int mi = diary::monthIndex(m), now = diary::monthIndex(thisMonth);
        if (mi >= now && mi <= now + 60) d.steps[i].month = m;
    } else if (in.what == "ready" && !dv.id.empty()) {
        const size_t colon = in.value.find(':');
        if (colon == std::string::npos) return;
        diary::WriteResult r;
        saveGuard("ready check", [&] {
            r = diary::DiaryStore(*db_, clock_)
                    .setReady(dv.id, in.value.substr(0, colon), in.value.substr(colon + 1) == "1");
        });
        if (!r.ok) diaryMessage(r.errorKey ? r.errorKey : K("diary_err_save"));
        diaryRefresh();
    }
}

void App::on(const ui::intent::DiaryDecisionSave&) {
    if (!views_ || views_->diary.id.empty() || !db_) return;
    ui::DiaryView& dv = views_->diary;
    diary::WriteResult r;
    saveGuard("save decision", [&] { r = diary::DiaryStore(*db_, clock_).saveDecision(dv.id, dv.decision); });
    if (!r.ok) return diaryMessage(r.errorKey ? r.errorKey : K("diary_err_save"));
    diaryRefresh();
    diaryMessage(K("diary_decision_saved"), false);
    if (router_.current().id == flow::ScreenId::Decision) router_.back();
}

void App::on(const ui::intent::DiaryStepDone& in) {
    if (!views_ || views_->diary.id.empty() || !db_) return;
    ui::DiaryView& dv = views_->diary;
    if (!dv.loaded || !dv.loaded->decision) return;
    diary::WriteResult r;
    saveGuard("step done", [&] {
        r = diary::DiaryStore(*db_, clock_).setStepDone(dv.id, dv.loaded->decision->id, in.seq, in.done);
    });
    if (!r.ok) diaryMessage(r.errorKey ? r.errorKey : K("diary_err_save"));
    diaryRefresh();
}

// --- screenshots: a filled sample diary (the printed sheet's sample), shown without a code or PIN ---

void App::prepareDiaryScreen(const flow::Route& r) {
    using flow::ScreenId;
    const bool mine = r.id == ScreenId::Diary || r.id == ScreenId::DiaryStart ||
                      r.id == ScreenId::DiaryUnlock || r.id == ScreenId::Trial || r.id == ScreenId::Decision;
    if (!mine || !views_ || !interest_ || !strengths_ || !encyclopedia_) return;
    ui::DiaryView& dv = views_->diary;
    if (r.id == ScreenId::DiaryStart) {
        if (r.param == "code") // the code the sample diary would get, shown once
            dv.newCode = diary::formatCode(std::string("KSP23456") + diary::checkCharacter("KSP23456"));
        else
            dv.pin = "25";
        return;
    }
    if (r.id == ScreenId::DiaryUnlock) {
        dv.codeEntry = "KSP2345";
        dv.pinEntry = "12";
        return;
    }
    diary::Diary sample;
    print::sampleSheetInput(*interest_, *strengths_, *encyclopedia_, ui_->lang, clock_.wallMs(), sample);
    sample.trials[0].note.clear(); // shown only with code + PIN: not in a screenshot either
    dv.thisMonth = diary::currentMonth(clock_.wallMs());
    if (r.id == ScreenId::Diary && r.param == "planned") { // trialplan: one plan due, one ahead
        for (int ahead : {-1, 1}) {
            diary::Trial plan = sample.trials[0];
            plan.id = 100 + ahead;
            plan.month = diary::addMonths(dv.thisMonth, ahead);
            plan.planned = true;
            plan.liked.clear(), plan.disliked.clear(), plan.again.clear();
            sample.trials.push_back(plan);
        }
    }
    dv.id = sample.id;
    dv.loaded = sample;
    if (r.id == ScreenId::Trial) {
        on(ui::intent::DiaryTrialSet{"new", {}});
        if (r.param.rfind("event:", 0) == 0) on(ui::intent::DiaryTrialSet{"routeevent", r.param.substr(6)});
        dv.trial.type = "company_visit";
        if (!sample.saved.empty()) dv.trial.occupation = sample.saved.front().occupation;
        dv.trial.liked = {"people", "team"};
        dv.trial.again = "yes";
        if (r.param == "planned") { // trialplan: an open day next month
            dv.trial.type = "open_day";
            dv.trial.liked.clear(), dv.trial.again.clear();
            on(ui::intent::DiaryTrialSet{"month", "+1"});
            if (!sample.saved.empty()) dv.trial.occupation = sample.saved.front().occupation;
        }
    }
    if (r.id == ScreenId::Decision) on(ui::intent::DiaryDecisionSet{"new", {}});
}

} // namespace kesip::app
