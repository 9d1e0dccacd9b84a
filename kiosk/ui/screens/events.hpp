#pragma once
// The centre's events on screen (issue 12, stage 4): what visitors see (home strip, field and occupation
// pages, the events screen) and the staff editor. Data comes from app/events_mode.cpp.
#include <string>
#include <vector>

#include "events/event.hpp"
#include "ui/screens/screens.hpp"

namespace kesip::ui {

// Coming events for the screen on show (home, a field or occupation page, the events screen), soonest
// first with the visitor's oblast first; past events are never in it.
struct EventsView {
    std::vector<events::Event> coming;
    // "Add to my diary" on each card: with a diary open it goes to the trial form (prefilled from the
    // event), else to "continue or start my diary" first.
    bool diaryOpen = false;
};

// The staff editor: the list, or the form of one event with the on-screen keyboard.
struct EventEditorView {
    enum Attr { TitleKy, TitleRu, Organiser, Place, TextKy, TextRu, AttrCount };
    std::vector<events::Event> list; // every coming event, soonest first
    bool editing = false;            // the form is open
    events::Event draft;             // id 0: a new event
    int focus = TitleKy;             // what the keyboard types into
    int layout = 0;                  // 0 Kyrgyz, 1 Russian, 2 Latin
    bool keyboard = true;            // shown under the form (tapping a text field shows it again)
    std::string linkField;           // the field whose occupations the links picker lists
    std::vector<std::string> lines;  // the last save's or import's outcome, localized, each issue a line
    bool linesAreError = false;
    bool importing = false;
    std::string today; // YYYY-MM-DD, for the form's dates
};

std::string& eventAttr(events::Event& e, int attr);
const std::string& eventAttr(const events::Event& e, int attr);
// "15.01.2027" or "10.03.2027 – 11.03.2027"
std::string eventDates(const events::Event& e);

void drawEvents(Ui& ui, const View& v, const EventsView& ev, Intents& out);
void drawEventEditor(Ui& ui, const View& v, const EventEditorView& ed, Intents& out);
// Small pieces for other screens, each drawn at the cursor, `width` wide; nothing when no events.
// Home: one line in the bottom bar (a button to the events screen), `height` high at most.
void homeEventsStrip(Ui& ui, const EventsView* ev, ImVec2 pos, float width, float height, Intents& out);
// A field page: the soonest linked event, a button to the events linked to the field.
void fieldEventsStrip(Ui& ui, const EventsView* ev, const std::string& fieldId, float width, Intents& out);
// An occupation page: a "Coming events" section with the linked ones.
void occupationEventsSection(Ui& ui, const EventsView* ev, const std::string& occupationId, float width,
                             Intents& out);

} // namespace kesip::ui
