// App: the diary's trials (issue 11): logged as done, or planned (a month ahead, an event coming) and
// completed on a later visit. Split from diary_mode.cpp, whose visit-scoped state they share.
#include <algorithm>

#include "app/app.hpp"
#include "diary/checks.hpp"
#include "diary/store.hpp"
#include "diary/vocab.hpp"
#include "events/repo.hpp"
#include "util/utf8.hpp"

namespace kesip::app {

using l10n::K;

namespace {

template <class V, class T> void toggle(V& list, const T& x) {
    auto it = std::find(list.begin(), list.end(), x);
    if (it == list.end())
        list.push_back(x);
    else
        list.erase(it);
}

// An event kind as a trial type (a job fair has none: the student picks).
std::string trialTypeOfEvent(const std::string& kind) {
    return diary::contains(diary::trialTypes(), kind) ? kind : std::string();
}

} // namespace

// --- a trial ---

void App::on(const ui::intent::DiaryTrialSet& in) {
    if (!views_ || !db_) return;
    ui::DiaryView& dv = views_->diary;
    diary::Trial& t = dv.trial;
    const std::string thisMonth = diary::currentMonth(clock_.wallMs());
    dv.messageKey = nullptr;
    dv.thisMonth = thisMonth;
    if (in.what == "routeevent") dv.eventParam = in.value;
    if (in.what == "complete" || in.what == "remove") return diaryPlanned(in);
    if (in.what == "new" || in.what == "event" || in.what == "routeevent") {
        t = diary::Trial{};
        t.month = thisMonth;
        dv.trialEvent = 0;
        dv.completing = 0;
        dv.noteTyping = false;
        dv.events.clear();
        saveGuard("coming events", [&] {
            events::EventRepo repo(*db_, clock_);
            for (const events::Event& e : repo.coming({}, 6))
                dv.events.push_back({e.id, e.titleIn(ui_->lang), e.start.substr(0, 7)});
            if (in.what == "new" || !encyclopedia()) return;
            const auto seed =
                repo.trialOf(std::atoll(in.value.c_str()), events::LinkVocabulary::of(*encyclopedia()));
            if (!seed) return;
            dv.trialEvent = seed->eventId;
            t.type = trialTypeOfEvent(seed->kind);
            t.month = seed->month;
            t.field = seed->field;
            t.occupation = seed->occupation;
            // A coming event: to go to, not gone to (this month the student may say otherwise). One that
            // began in an earlier month and still runs is logged as done, as before.
            t.planned = diary::monthIndex(t.month) >= diary::monthIndex(thisMonth);
        });
    } else if (in.what == "type") {
        t.type = in.value;
    } else if (in.what == "month") {
        const std::string m =
            diary::addMonths(t.month.empty() ? thisMonth : t.month, in.value == "+1" ? 1 : -1);
        // A future month makes it a plan (up to a year ahead); completing one, it is done: not ahead.
        const int mi = diary::monthIndex(m), now = diary::monthIndex(thisMonth);
        if (mi >= now - 12 * 6 && mi <= (dv.completing ? now : now + diary::DiaryStore::kPlanMonths)) {
            t.month = m;
            if (mi != now) t.planned = mi > now; // this month: either, as the student says
        }
    } else if (in.what == "planned") {
        if (!dv.completing && t.month == thisMonth) t.planned = in.value == "1";
    } else if (in.what == "field") {
        t.field = t.field == in.value ? std::string() : in.value;
    } else if (in.what == "occupation") {
        t.occupation = t.occupation == in.value ? std::string() : in.value;
    } else if (in.what == "liked") {
        toggle(t.liked, in.value);
    } else if (in.what == "disliked") {
        toggle(t.disliked, in.value);
    } else if (in.what == "again") {
        t.again = t.again == in.value ? std::string() : in.value;
    }
}

// A planned trial from the diary map: "I went" opens the form on it to tell how it went; "remove" drops it.
void App::diaryPlanned(const ui::intent::DiaryTrialSet& in) {
    ui::DiaryView& dv = views_->diary;
    const int64_t id = std::atoll(in.value.c_str());
    const diary::Trial* plan = nullptr;
    if (dv.loaded)
        for (const diary::Trial& x : dv.loaded->trials)
            if (x.id == id && x.planned) plan = &x;
    if (!plan || dv.id.empty()) return;
    if (in.what == "remove") {
        diary::WriteResult r;
        saveGuard("remove trial", [&] { r = diary::DiaryStore(*db_, clock_).removeTrial(dv.id, id); });
        diaryRefresh();
        return r.ok ? diaryMessage(K("diary_plan_removed"), false) : diaryMessage(K("diary_err_save"));
    }
    dv.trial = *plan;
    dv.trial.planned = false;
    dv.completing = id;
    dv.trialEvent = 0;
    dv.noteTyping = false;
    dv.events.clear();
}

void App::on(const ui::intent::DiaryNoteKeys& in) {
    if (views_) views_->diary.noteTyping = in.open;
}

void App::on(const ui::intent::DiaryNoteType& in) {
    if (!views_) return;
    std::string& n = views_->diary.trial.note;
    if (diary::countCharacters(n + in.text) <= diary::kMaxNoteChars)
        n += in.text;
    else
        diaryMessage(K("diary_err_note_long"));
}

void App::on(const ui::intent::DiaryNoteBack&) {
    if (views_) utf8::dropLast(views_->diary.trial.note);
}

void App::on(const ui::intent::DiaryNoteClear&) {
    if (views_) views_->diary.trial.note.clear();
}

void App::on(const ui::intent::DiaryNoteLayout& in) {
    if (views_) views_->diary.layout = in.layout;
}

void App::on(const ui::intent::DiaryTrialSave&) {
    if (!views_ || views_->diary.id.empty() || !db_) return;
    ui::DiaryView& dv = views_->diary;
    diary::Trial t = dv.trial;
    if (t.planned) { // how it went is not asked (nor shown) for a plan: chips tapped before are dropped
        t.liked.clear();
        t.disliked.clear();
        t.again.clear();
        t.note.clear();
    }
    diary::WriteResult r;
    saveGuard("save trial", [&] {
        diary::DiaryStore st(*db_, clock_);
        r = dv.completing ? st.completeTrial(dv.id, dv.completing, t) : st.addTrial(dv.id, t);
    });
    if (!r.ok) return diaryMessage(r.errorKey ? r.errorKey : K("diary_err_save"));
    dv.trial = diary::Trial{};
    dv.noteTyping = false;
    dv.completing = 0;
    diaryRefresh();
    diaryMessage(t.planned ? K("diary_plan_saved") : K("diary_trial_saved"), false);
    if (router_.current().id == flow::ScreenId::Trial) router_.back();
}

} // namespace kesip::app
