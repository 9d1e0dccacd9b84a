// App: the counselor's view of a student's diary (issue 11). The student types code and PIN on the
// counselor's screen; core (diary::openAsCounselor) checks the grant and the diary's own wrong-PIN limits.
// Nothing of the diary outlives the screen: leaving it (back, close, logout) forgets it.
#include "app/app.hpp"
#include "diary/code.hpp"
#include "diary/counselor.hpp"
#include "print/sample.hpp"

namespace kesip::app {

const ui::CounselorDiaryView* App::counselorDiaryView(flow::ScreenId screen) {
    if (!staff_ || screen != flow::ScreenId::CounselorDiary) {
        cdiary_.reset();
        return nullptr;
    }
    if (!cdiary_) cdiary_.emplace();
    cdiary_->view.pinLength = cdiary_->pin.size();
    return &cdiary_->view;
}

void App::onStaff(const ui::intent::CounselorDiaryEnter&) {
    // The screen is the counselor's; the diary itself is opened only through core's grant check.
    if (!staff_->grant || !staff_->grant->may(store::Action::ReviewVisit)) return;
    cdiary_.reset();
    router_.push({flow::ScreenId::CounselorDiary, {}});
}

void App::onStaff(const ui::intent::CounselorDiaryKey& in) {
    if (!cdiary_ || cdiary_->view.diary) return;
    CounselorDiaryMode& m = *cdiary_;
    if (m.view.pinField) {
        if (in.key >= '0' && in.key <= '9' && m.pin.size() < 6) m.pin += in.key;
    } else if (m.view.code.size() < size_t(diary::kCodeLength)) {
        m.view.code += in.key;
    }
}

void App::onStaff(const ui::intent::CounselorDiaryBack&) {
    if (!cdiary_) return;
    CounselorDiaryMode& m = *cdiary_;
    if (m.view.pinField && !m.pin.empty())
        m.pin.pop_back();
    else if (!m.view.pinField && !m.view.code.empty())
        m.view.code.pop_back();
}

void App::onStaff(const ui::intent::CounselorDiaryField& in) {
    if (cdiary_) cdiary_->view.pinField = in.pin;
}

void App::onStaff(const ui::intent::CounselorDiaryOpen&) {
    if (!cdiary_ || !staff_->grant || !db_) return;
    CounselorDiaryMode& m = *cdiary_;
    const std::string pin = m.pin;
    m.pin.clear();
    m.view.messageIsError = true;
    bool failed = true;
    saveGuard("open diary", [&] {
        diary::DiaryStore store(*db_, clock_);
        diary::CounselorOpen r = diary::openAsCounselor(store, *staff_->grant, m.view.code, pin);
        failed = false;
        if (r.diary) {
            m.diaryId = r.unlock.diaryId;
            m.view.diary = std::move(r.diary);
            m.view.message.clear();
            m.view.noteChoices.clear();
            return;
        }
        const char* key = diary::unlockMessageKey(r.unlock);
        if (r.unlock.outcome == diary::UnlockResult::Outcome::BadCode)
            key = diary::codeEntryKey(r.unlock.codeProblem);
        m.view.message =
            ui_->tr(key ? key : "diary_unlock_denied",
                    {{"minutes", int(r.unlock.lockedMinutes())}, {"left", r.unlock.attemptsLeft}});
    });
    if (failed) m.view.message = ui_->tr("diary_err_save");
}

void App::onStaff(const ui::intent::CounselorDiaryNote& in) {
    if (!cdiary_ || !cdiary_->view.diary) return;
    auto& c = cdiary_->view.noteChoices;
    auto it = std::find(c.begin(), c.end(), in.code);
    if (it == c.end())
        c.push_back(in.code);
    else
        c.erase(it);
}

void App::onStaff(const ui::intent::CounselorDiarySaveNote&) {
    if (!cdiary_ || !cdiary_->view.diary || !staff_->grant) return;
    CounselorDiaryMode& m = *cdiary_;
    diary::WriteResult w;
    w.errorKey = "diary_err_save";
    saveGuard("save diary note", [&] {
        diary::DiaryStore store(*db_, clock_);
        w = diary::noteAsCounselor(store, *staff_->grant, m.diaryId, m.view.noteChoices);
        if (w.ok) m.view.diary = store.load(m.diaryId);
    });
    m.view.messageIsError = !w.ok;
    m.view.message = ui_->tr(w.ok ? "counselor_note_saved" : w.errorKey);
    if (w.ok) m.view.noteChoices.clear();
}

void App::onStaff(const ui::intent::CounselorDiaryClose&) {
    cdiary_.reset(); // the diary leaves memory here; the screen goes back to the counselor's
    router_.back();
}

// --screenshot --screen counselor-diary: the built-in sample diary stored in the screenshot's throwaway
// database (linked to the sample visit), then opened as a counselor would, with its code and PIN.
void App::screenshotCounselorDiary(const std::string& sessionId) {
    if (!db_ || !staff_ || !staff_->grant || !interest_ || !strengths_ || !encyclopedia_) return;
    diary::Diary sample;
    print::sampleSheetInput(*interest_, *strengths_, *encyclopedia_, ui_->lang, clock_.wallMs(), sample);
    const std::string pin = "2580";
    diary::DiaryStore store(*db_, clock_);
    diary::Seed seed;
    for (const auto& s : sample.saved) seed.saved.push_back({s.occupation, s.source});
    seed.paths = sample.paths;
    const diary::CreateResult c = store.create(pin, ui_->lang, sessionId, seed);
    if (!c.ok) return;
    for (auto t : sample.trials) {
        t.note.clear(); // the sample's marker note is for the print tests
        store.addTrial(c.id, t);
    }
    for (const auto& [item, yes] : sample.ready) store.setReady(c.id, item, yes);
    if (sample.decision) store.saveDecision(c.id, *sample.decision);
    store.addCounselorNote(c.id, {"follow_up", "rec_open_day"});
    router_.push({flow::ScreenId::CounselorDiary, {}});
    cdiary_.emplace();
    diary::CounselorOpen o = diary::openAsCounselor(store, *staff_->grant, c.code, pin);
    cdiary_->diaryId = o.unlock.diaryId;
    cdiary_->view.diary = std::move(o.diary);
}

} // namespace kesip::app
