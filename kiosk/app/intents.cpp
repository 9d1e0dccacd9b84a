// App: intent handling. What screens asked for in a frame becomes state changes after the frame.
#include "app/app.hpp"

namespace kesip::app {

void App::apply(const ui::Intent& in) {
    const int64_t now = clock_.monotonicMs();
    // Hidden staff entry: the logo held for 3 s.
    if (in.holdingLogo && !staff_) {
        if (logoHoldStart_ < 0)
            logoHoldStart_ = now;
        else if (now - logoHoldStart_ >= 3000) {
            logoHoldStart_ = -1;
            enterStaffMode();
            return;
        }
    } else {
        logoHoldStart_ = -1;
    }
    if (staff_) {
        if (in.setLang) ui_->lang = *in.setLang;
        if (in.back) {
            if (router_.current().id == flow::ScreenId::Counselor && !router_.current().param.empty())
                staff_->view.visit.reset();
            if (!router_.back()) leaveStaffMode("logout");
        }
        applyStaff(in);
        return;
    }
    if (in.dismissIdle) {
        idle_.dismiss(now);
        idleWarning_ = false;
        return; // the overlay was modal: nothing under it was tapped
    }
    if (in.setLang) setLang(*in.setLang);
    if (in.speak && speech_) {
        if (speech_->busy())
            speech_->stop();
        else if (!speakText_.empty())
            speech_->say(speakText_, ui_->lang);
    }
    if (in.toggleLargeText || in.toggleContrast)
        setAccessibility(largeText_ != in.toggleLargeText, highContrast_ != in.toggleContrast);
    if (in.startVisit) startVisit(*in.startVisit);
    if (in.push) router_.push(*in.push);
    if (in.replace) router_.replace(*in.replace);
    if (in.back) back();
    if (in.home) router_.reset({visitActive() ? flow::ScreenId::Home : flow::ScreenId::Attract, {}});
    if (visitActive()) {
        if (in.openTest) visits_->openTest(*in.openTest);
        if (in.demoAnswer) visits_->onDemographicsAnswer(*in.demoAnswer);
        if (in.answer) visits_->answerItem(*in.answer);
        if (in.skipItem) visits_->answerItem(std::nullopt);
        if (in.pause) visits_->pause();
        if (in.leaveStay) visits_->closeLeaveDialog();
        if (in.leaveLater) visits_->continueLater();
        if (in.home || in.back) visits_->closeLeaveDialog();
        ui::SearchView& sv = views_->search;
        if (in.keyboardLayout) sv.layout = *in.keyboardLayout;
        if (in.type || in.backspace || in.clearQuery || in.setQuery) {
            constexpr size_t kMaxQuery = 120; // bytes; about 60 Cyrillic letters
            if (in.type && sv.query.size() + in.type->size() <= kMaxQuery) sv.query += *in.type;
            if (in.backspace && !sv.query.empty()) {
                size_t n = sv.query.size() - 1; // drop one UTF-8 code point
                while (n > 0 && (static_cast<unsigned char>(sv.query[n]) & 0xC0) == 0x80) --n;
                sv.query.erase(n);
            }
            if (in.clearQuery) sv.query.clear();
            if (in.setQuery) sv.query = *in.setQuery;
            runSearch();
        }
        if (in.setLang) runSearch(); // tie order follows the language's collation
    }
    if (in.finishVisit) {
        endVisit("finished");
        router_.reset({flow::ScreenId::Finish, {}});
        finishShownAt_ = now;
    }
    if (in.closeVisit) resetToAttract("finished");
}

void App::setLang(Lang l) {
    ui_->lang = l;
    if (visits_) visits_->setLang(l);
}

void App::back() {
    if (visits_ && visits_->back()) return; // a step back within the test or the questions
    if (!router_.back() && router_.current().id == flow::ScreenId::Language)
        router_.reset({flow::ScreenId::Attract, {}});
}

} // namespace kesip::app
