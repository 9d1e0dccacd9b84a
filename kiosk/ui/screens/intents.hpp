#pragma once
// What screens ask for: one small type per action. A screen emits them in order into the frame's
// Intents; the app applies them after the frame, one handler per type (app/intents.cpp for student
// screens, app/staff_mode.cpp for staff screens). A new button is one new type here and one handler:
// std::visit does not compile until the handler exists.
#include <cstdint>
#include <string>
#include <type_traits>
#include <variant>
#include <vector>

#include "flow/router.hpp"
#include "l10n/lang.hpp"

namespace kesip::ui {

namespace intent {

// Where an intent acts. Student screens' intents are ignored in staff mode and staff screens' outside
// it; Back and SetLang (top bar, staff bar) act in both, differently. Student is the default.
enum class Scope { Student, Staff, Both };

// --- navigation and language (top bar, every screen) ---
struct Push {
    flow::Route route;
};
struct Replace { // same place in the back stack (tabs)
    flow::Route route;
};
struct Back {
    static constexpr Scope scope = Scope::Both;
};
struct Home {};
struct SetLang {
    Lang lang;
    static constexpr Scope scope = Scope::Both;
};
struct ToggleLargeText {};
struct ToggleContrast {};
struct Speak {};       // read aloud what the screen offers, or stop
struct HoldingLogo {}; // the hidden staff entry: the logo is pressed this frame (a state, not a tap)

// --- the visit ---
struct StartVisit {
    Lang lang;
};
struct FinishVisit {}; // "Finish" on home: end the visit, show thanks
struct CloseVisit {};  // leave the thanks screen now
struct DismissIdle {}; // "I'm still here" on the idle warning
struct OpenTest {      // demographics, the test or its results
    std::string test;  // "interest" | "strengths"
};
struct DemoAnswer {    // for the current demographics question
    std::string value; // value code; "na": declined
};
struct Answer { // for the current test item
    int value;
};
struct SkipItem {};
struct Pause {};      // opens the "leave the test?" dialog
struct LeaveLater {}; // ... leave now, continue later
struct LeaveStay {};  // ... stay in the test

// --- search (on-screen keyboard) ---
struct Type { // text to append
    std::string text;
};
struct SetQuery { // a suggestion tapped
    std::string query;
};
struct Backspace {};
struct ClearQuery {};
struct KeyboardLayout {
    int layout; // 0 Kyrgyz, 1 Russian, 2 Latin
};

// --- staff and counselor screens ---
struct PinKey {
    char key;
    static constexpr Scope scope = Scope::Staff;
};
struct PinBack {
    static constexpr Scope scope = Scope::Staff;
};
struct PinClear {
    static constexpr Scope scope = Scope::Staff;
};
struct PinSubmit {
    static constexpr Scope scope = Scope::Staff;
};
struct PinRole { // Login: whose PIN is typed (each role has its own lock)
    bool counselor;
    static constexpr Scope scope = Scope::Staff;
};
struct SetCounselorPin {
    static constexpr Scope scope = Scope::Staff;
};
struct SetStaffPin {
    static constexpr Scope scope = Scope::Staff;
};
struct ExportTo {
    std::string stick; // the stick's path
    static constexpr Scope scope = Scope::Staff;
};
struct InstallPack {
    std::string stick; // the stick's path
    static constexpr Scope scope = Scope::Staff;
};
struct RollbackPack {
    static constexpr Scope scope = Scope::Staff;
};
struct VolumeStep {
    int step; // -1 / +1
    static constexpr Scope scope = Scope::Staff;
};
struct CodeKey {
    char key;
    static constexpr Scope scope = Scope::Staff;
};
struct CodeBack {
    static constexpr Scope scope = Scope::Staff;
};
struct CodeOpen { // the code typed
    static constexpr Scope scope = Scope::Staff;
};
struct ToggleNote {
    std::string note;
    static constexpr Scope scope = Scope::Staff;
};
struct SaveNote {
    static constexpr Scope scope = Scope::Staff;
};
struct Logout {
    static constexpr Scope scope = Scope::Staff;
};
struct ExitApp {
    static constexpr Scope scope = Scope::Staff;
};

// printjobs
struct PrintSheet {};        // print-preview: print this visit's sheet
struct PrintCvForm {};       // jobs: print the blank CV form
struct CounselorDiaryEnter { // counselor screen: open the diary screen
    static constexpr Scope scope = Scope::Staff;
};
struct CounselorDiaryKey { // counselor-diary: a character of the code or a digit of the PIN
    char key;
    static constexpr Scope scope = Scope::Staff;
};
struct CounselorDiaryBack {
    static constexpr Scope scope = Scope::Staff;
};
struct CounselorDiaryField { // which entry the keys go to
    bool pin;
    static constexpr Scope scope = Scope::Staff;
};
struct CounselorDiaryOpen {
    static constexpr Scope scope = Scope::Staff;
};
struct CounselorDiaryNote { // toggles a note choice (a code of diary::noteChoices())
    std::string code;
    static constexpr Scope scope = Scope::Staff;
};
struct CounselorDiarySaveNote {
    static constexpr Scope scope = Scope::Staff;
};
struct CounselorDiaryClose { // forget the diary, back to the counselor screen
    static constexpr Scope scope = Scope::Staff;
};

// studyui
struct PickOblast { // "where to study": show this oblast's institutions first for the rest of the visit
    std::string oblast;
};

// diaryui
// --- the career diary (issue 11) ---
struct DiaryStar { // toggle an occupation's star: in the open diary, else in the visit's memory
    std::string occupation, source; // source: diary::savedSources()
};
struct DiaryStart {}; // "Start my diary" (home, diary-less screens)
struct DiaryPinKey {  // diary-start and diary-unlock digit pads
    char key;
};
struct DiaryPinBack {};
struct DiaryPinOk {}; // diary-start: the PIN typed (first time or repeated)
struct DiaryCodeKey { // diary-unlock code keypad
    char key;
};
struct DiaryCodeBack {};
struct DiaryUnlock {}; // open with code + PIN
struct DiaryOpen {};   // the diary code seen: on to the diary
struct DiaryForget {   // "forget me": ask (true), then confirm or cancel
    int step;          // 1 ask, 2 confirm, 0 cancel
};
struct DiaryTrialSet { // a field of the trial draft: type, month (+1/-1), field, occupation, liked,
    std::string what;  // disliked (toggles), again, event (prefill from an event id), planned (1/0),
                       // complete / remove (a planned trial's id, from the diary map)
    std::string value;
};
struct DiaryNoteKeys { // the note's on-screen keyboard: open (1) / close (0)
    bool open;
};
struct DiaryNoteType {
    std::string text;
};
struct DiaryNoteBack {};
struct DiaryNoteClear {};
struct DiaryNoteLayout {
    int layout;
};
struct DiaryTrialSave {};
struct DiaryDecisionSet { // choice, planb, picking (0/1), route, institution, step (toggle), stepmonth
    std::string what;     // (value "<seq>:+1|-1"), ready ("<item>:1|0")
    std::string value;
};
struct DiaryDecisionSave {};
struct DiaryPathSeen { // a study path looked at (the study screen): into the diary, or remembered
    std::string path;
};
struct DiaryStepDone { // a step of the current decision done / not done
    int seq;
    bool done;
};

// eventsui
// The centre's events: staff editor (add, edit, delete, import events.csv from a stick).
struct EventsOpenEditor { // the staff screen's "Events" button
    static constexpr Scope scope = Scope::Staff;
};
struct EventNew {
    static constexpr Scope scope = Scope::Staff;
};
struct EventEdit {
    int64_t id;
    static constexpr Scope scope = Scope::Staff;
};
struct EventFocus { // which text the on-screen keyboard types into (EventEditorView::Attr)
    int attr;
    static constexpr Scope scope = Scope::Staff;
};
struct EventType {
    std::string text;
    static constexpr Scope scope = Scope::Staff;
};
struct EventBackspace {
    static constexpr Scope scope = Scope::Staff;
};
struct EventClearText {
    static constexpr Scope scope = Scope::Staff;
};
struct EventKbLayout {
    int layout; // 0 Kyrgyz, 1 Russian, 2 Latin
    static constexpr Scope scope = Scope::Staff;
};
struct EventDateStep {
    bool end; // the end date, else the start
    int part; // 0 day, 1 month, 2 year
    int step; // -1 / +1
    static constexpr Scope scope = Scope::Staff;
};
struct EventSetKind {
    std::string kind;
    static constexpr Scope scope = Scope::Staff;
};
struct EventSetOblast {
    std::string oblast;
    static constexpr Scope scope = Scope::Staff;
};
struct EventPickField { // show this field's occupations in the links picker ("" closes it)
    std::string field;
    static constexpr Scope scope = Scope::Staff;
};
struct EventToggleLink {
    std::string id;
    bool occupation; // else a field
    static constexpr Scope scope = Scope::Staff;
};
struct EventSave {
    static constexpr Scope scope = Scope::Staff;
};
struct EventDelete {
    static constexpr Scope scope = Scope::Staff;
};
struct EventCancel { // close the form without saving
    static constexpr Scope scope = Scope::Staff;
};
struct EventsImport {
    std::string stick; // the stick's path: <stick>/kesip/events.csv
    static constexpr Scope scope = Scope::Staff;
};

// evkbd
struct EventKeyboard { // the event form's on-screen keyboard: shown under the form, or hidden
    bool shown;
    static constexpr Scope scope = Scope::Staff;
};

template <class T, class = void> struct ScopeOf { static constexpr Scope value = Scope::Student; };
template <class T> struct ScopeOf<T, std::void_t<decltype(T::scope)>> {
    static constexpr Scope value = T::scope;
};
template <class T> constexpr Scope scopeOf = ScopeOf<std::decay_t<T>>::value;

} // namespace intent

using Intent = std::variant<
    intent::Push, intent::Replace, intent::Back, intent::Home, intent::SetLang, intent::ToggleLargeText,
    intent::ToggleContrast, intent::Speak, intent::HoldingLogo, intent::StartVisit, intent::FinishVisit,
    intent::CloseVisit, intent::DismissIdle, intent::OpenTest, intent::DemoAnswer, intent::Answer,
    intent::SkipItem, intent::Pause, intent::LeaveLater, intent::LeaveStay, intent::Type, intent::SetQuery,
    intent::Backspace, intent::ClearQuery, intent::KeyboardLayout, intent::PinKey, intent::PinBack,
    intent::PinClear, intent::PinSubmit, intent::PinRole, intent::SetCounselorPin, intent::SetStaffPin,
    intent::ExportTo, intent::InstallPack, intent::RollbackPack, intent::VolumeStep, intent::CodeKey,
    intent::CodeBack, intent::CodeOpen, intent::ToggleNote, intent::SaveNote, intent::Logout, intent::ExitApp,
    // printjobs
    intent::PrintSheet, intent::PrintCvForm, intent::CounselorDiaryEnter, intent::CounselorDiaryKey,
    intent::CounselorDiaryBack, intent::CounselorDiaryField, intent::CounselorDiaryOpen,
    intent::CounselorDiaryNote, intent::CounselorDiarySaveNote, intent::CounselorDiaryClose,
    // studyui
    intent::PickOblast,
    // diaryui
    intent::DiaryStar, intent::DiaryStart, intent::DiaryPinKey, intent::DiaryPinBack, intent::DiaryPinOk,
    intent::DiaryCodeKey, intent::DiaryCodeBack, intent::DiaryUnlock, intent::DiaryOpen, intent::DiaryForget,
    intent::DiaryTrialSet, intent::DiaryNoteKeys, intent::DiaryNoteType, intent::DiaryNoteBack,
    intent::DiaryNoteClear, intent::DiaryNoteLayout, intent::DiaryTrialSave, intent::DiaryDecisionSet,
    intent::DiaryDecisionSave, intent::DiaryStepDone, intent::DiaryPathSeen,
    // eventsui
    intent::EventsOpenEditor, intent::EventNew, intent::EventEdit, intent::EventFocus, intent::EventType,
    intent::EventBackspace, intent::EventClearText, intent::EventKbLayout, intent::EventDateStep,
    intent::EventSetKind, intent::EventSetOblast, intent::EventPickField, intent::EventToggleLink,
    intent::EventSave, intent::EventDelete, intent::EventCancel, intent::EventsImport,
    // evkbd
    intent::EventKeyboard>;

// A frame's intents, in the order the screen emitted them.
class Intents {
  public:
    void emit(Intent i) { list_.push_back(std::move(i)); }
    template <class T> bool has() const {
        for (const Intent& i : list_)
            if (std::holds_alternative<T>(i)) return true;
        return false;
    }
    bool empty() const { return list_.empty(); }
    size_t size() const { return list_.size(); }
    std::vector<Intent>::const_iterator begin() const { return list_.begin(); }
    std::vector<Intent>::const_iterator end() const { return list_.end(); }

  private:
    std::vector<Intent> list_;
};

} // namespace kesip::ui
