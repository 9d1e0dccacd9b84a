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

template <class T, class = void> struct ScopeOf { static constexpr Scope value = Scope::Student; };
template <class T> struct ScopeOf<T, std::void_t<decltype(T::scope)>> {
    static constexpr Scope value = T::scope;
};
template <class T> constexpr Scope scopeOf = ScopeOf<std::decay_t<T>>::value;

} // namespace intent

using Intent =
    std::variant<intent::Push, intent::Replace, intent::Back, intent::Home, intent::SetLang,
                 intent::ToggleLargeText, intent::ToggleContrast, intent::Speak, intent::HoldingLogo,
                 intent::StartVisit, intent::FinishVisit, intent::CloseVisit, intent::DismissIdle,
                 intent::OpenTest, intent::DemoAnswer, intent::Answer, intent::SkipItem, intent::Pause,
                 intent::LeaveLater, intent::LeaveStay, intent::Type, intent::SetQuery, intent::Backspace,
                 intent::ClearQuery, intent::KeyboardLayout, intent::PinKey, intent::PinBack,
                 intent::PinClear, intent::PinSubmit, intent::PinRole, intent::SetCounselorPin, intent::SetStaffPin,
                 intent::ExportTo, intent::InstallPack, intent::RollbackPack, intent::VolumeStep,
                 intent::CodeKey, intent::CodeBack, intent::CodeOpen, intent::ToggleNote,
                 intent::SaveNote, intent::Logout, intent::ExitApp,
                 // eventsui
                 intent::EventsOpenEditor, intent::EventNew, intent::EventEdit, intent::EventFocus,
                 intent::EventType, intent::EventBackspace, intent::EventClearText, intent::EventKbLayout,
                 intent::EventDateStep, intent::EventSetKind, intent::EventSetOblast, intent::EventPickField,
                 intent::EventToggleLink, intent::EventSave, intent::EventDelete, intent::EventCancel,
                 intent::EventsImport>;

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
