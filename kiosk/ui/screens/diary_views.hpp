#pragma once
// What the career diary's screens (issue 11) draw: the open diary and the drafts of its forms. Lives in
// the visit's views (App::VisitViews), so it is dropped whole when the visit ends.
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "diary/model.hpp"

namespace kesip::ui {

// A coming event of the centre offered as a trial to log (events::TrialSeed, as the trial screen shows it).
struct TrialEvent {
    int64_t id = 0;
    std::string title, month; // title in the visitor's language
};

struct DiaryView {
    std::string id;                     // the open diary; empty: none (the next visitor sees nothing)
    std::optional<diary::Diary> loaded; // as last read from the store (after every write)
    // Occupations starred before a diary exists (occupation, source): seeded into the diary at its start.
    std::vector<std::pair<std::string, std::string>> pendingSaved;
    // What the last action said, on the screen that caused it: a locale key ({minutes} for a lockout).
    const char* messageKey = nullptr;
    int64_t minutes = 0;
    bool messageIsError = false;
    std::vector<std::string> pendingPaths; // study paths looked at before a diary exists
    std::vector<std::string> failedPaths;  // a path whose write failed: not retried on every frame

    // diary-start: a PIN picked twice, then the new code shown.
    std::string pin, firstPin;
    bool repeating = false;
    std::string newCode; // formatted, once the diary exists

    // diary-unlock: code on the code keypad, PIN on the digit pad.
    std::string codeEntry, pinEntry;

    bool forgetAsk = false; // "forget me" confirm dialog open

    // trial draft
    diary::Trial trial;
    int64_t trialEvent = 0; // the event it was prefilled from, 0 none
    std::string eventParam; // the route's "event:<id>" already applied (once per route)
    bool noteTyping = false;
    int layout = 0; // on-screen keyboard layout for the note
    std::vector<TrialEvent> events;
    // trialplan: the planned trial being completed (its id; 0: a new trial), and this month (YYYY-MM) for
    // "planned" vs "did you go?".
    int64_t completing = 0;
    std::string thisMonth;

    // decision draft
    diary::Decision decision;
    int picking = 0; // 0 choice, 1 plan B (which one the occupation chips fill)
};

} // namespace kesip::ui
