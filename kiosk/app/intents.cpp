// App: intent handling. What screens asked for in a frame becomes state changes after the frame.
#include "app/app.hpp"
#include "util/utf8.hpp"

namespace kesip::app {

namespace {
constexpr size_t kMaxQuery = 120; // search query, bytes; about 60 Cyrillic letters
} // namespace

// Order, kept from the single Intent struct this replaced (every frame has at most one tap, so the list
// order matters only where one action does several things, and those stay together in one handler):
// - the logo hold is a state over frames, read first: a frame without it starts the count again, and
//   entering staff mode drops the rest of the frame's intents;
// - in staff mode every intent goes to the staff handlers, and one that ends staff mode (logout, back
//   from the first screen, exit) drops the rest;
// - the idle overlay and the leave dialog replace the screen's intents (App::frame): nothing under them
//   reacts to a tap.
void App::apply(const ui::Intents& intents) {
    const int64_t now = clock_.monotonicMs();
    // Hidden staff entry: the logo held for 3 s.
    if (intents.has<ui::intent::HoldingLogo>() && !staff_) {
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
    if (staff_) return applyStaff(intents);
    for (const ui::Intent& in : intents)
        std::visit(
            [this](const auto& i) {
                if constexpr (ui::intent::scopeOf<decltype(i)> != ui::intent::Scope::Staff) on(i);
            },
            in);
}

// --- navigation, language, accessibility ---

void App::on(const ui::intent::Push& in) {
    router_.push(in.route);
}

void App::on(const ui::intent::Replace& in) {
    router_.replace(in.route);
}

void App::on(const ui::intent::Back&) {
    back();
    if (visitActive()) visits_->closeLeaveDialog();
}

void App::on(const ui::intent::Home&) {
    router_.reset({visitActive() ? flow::ScreenId::Home : flow::ScreenId::Attract, {}});
    if (visitActive()) visits_->closeLeaveDialog();
}

void App::on(const ui::intent::SetLang& in) {
    setLang(in.lang);
    if (visitActive()) runSearch(); // tie order follows the language's collation
}

void App::on(const ui::intent::ToggleLargeText&) {
    setAccessibility(!largeText_, highContrast_);
}

void App::on(const ui::intent::ToggleContrast&) {
    setAccessibility(largeText_, !highContrast_);
}

void App::on(const ui::intent::Speak&) {
    if (!speech_) return;
    if (speech_->busy())
        speech_->stop();
    else if (!speakText_.empty())
        speech_->say(speakText_, ui_->lang);
}

void App::on(const ui::intent::HoldingLogo&) {} // a state, read by apply() before the taps

// --- the visit ---

void App::on(const ui::intent::StartVisit& in) {
    startVisit(in.lang);
}

void App::on(const ui::intent::FinishVisit&) {
    endVisit("finished");
    router_.reset({flow::ScreenId::Finish, {}});
    finishShownAt_ = clock_.monotonicMs();
}

void App::on(const ui::intent::CloseVisit&) {
    resetToAttract("finished");
}

void App::on(const ui::intent::DismissIdle&) {
    idle_.dismiss(clock_.monotonicMs());
    idleWarning_ = false;
}

void App::on(const ui::intent::OpenTest& in) {
    if (visitActive()) visits_->openTest(in.test);
}

void App::on(const ui::intent::DemoAnswer& in) {
    if (visitActive()) visits_->onDemographicsAnswer(in.value);
}

void App::on(const ui::intent::Answer& in) {
    if (visitActive()) visits_->answerItem(in.value);
}

void App::on(const ui::intent::SkipItem&) {
    if (visitActive()) visits_->answerItem(std::nullopt);
}

void App::on(const ui::intent::Pause&) {
    if (visitActive()) visits_->pause();
}

void App::on(const ui::intent::LeaveLater&) {
    if (visitActive()) visits_->continueLater();
}

void App::on(const ui::intent::LeaveStay&) {
    if (visitActive()) visits_->closeLeaveDialog();
}

// --- search: every change of the query searches again ---

void App::on(const ui::intent::Type& in) {
    if (!views_) return;
    std::string& q = views_->search.query;
    if (q.size() + in.text.size() <= kMaxQuery) q += in.text;
    runSearch();
}

void App::on(const ui::intent::SetQuery& in) {
    if (!views_) return;
    views_->search.query = in.query;
    runSearch();
}

void App::on(const ui::intent::Backspace&) {
    if (!views_) return;
    utf8::dropLast(views_->search.query); // one code point, not one byte
    runSearch();
}

void App::on(const ui::intent::ClearQuery&) {
    if (!views_) return;
    views_->search.query.clear();
    runSearch();
}

void App::on(const ui::intent::KeyboardLayout& in) {
    if (views_) views_->search.layout = in.layout;
}

// --- staff mode: the bars' Back and language (the staff screens' own intents: app/staff_mode.cpp) ---

void App::onStaff(const ui::intent::Back&) {
    if (router_.current().id == flow::ScreenId::Counselor && !router_.current().param.empty())
        staff_->view.visit.reset();
    if (!router_.back()) leaveStaffMode("logout");
}

void App::onStaff(const ui::intent::SetLang& in) {
    ui_->lang = in.lang;
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
