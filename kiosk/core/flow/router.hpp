#pragma once
#include <string>
#include <vector>

namespace kesip::flow {

// Every screen of the kiosk. The names (screenName) are what `kiosk --screen` and the UI tests use.
enum class ScreenId {
    Attract,
    Language,
    Home,
    Finish,
    Maintenance,
    Demographics, // param: the test that follows
    Test,         // param: instrument id
    Results,      // param: tab (interest | strengths | occupations | takeaway)
    Encyclopedia, // fields grid
    Field,        // param: field id
    Occupation,   // param: occupation id
    Search,       // param: initial query (screenshots)
    Pin,          // PIN pad (staff and counselor entry; first-run PIN setup)
    Staff,        // staff dashboard, USB export, settings
    Counselor,    // param: "" code entry and today's list, else the visit's code
    // The five-stage journey (issues 11, 12).
    Diary,          // the open diary's stage map
    DiaryStart,     // pick a PIN, get the diary code
    DiaryUnlock,    // "Continue my diary": code + PIN
    Trial,          // log a trial; param: "" or "event:<id>" (a coming event as a planned trial)
    Decision,       // my choice, plan B, study path, next steps, ready check
    Jobs,           // "Getting a job" guide; param: "" contents, else a page id
    PrintPreview,   // what the printed sheet holds, and Print
    Study,          // where to study; param: occupation id
    Institutions,   // param: "" all oblasts, else an oblast id
    Events,         // the centre's coming events
    EventEditor,    // staff: add or edit an event, import events.csv
    CounselorDiary, // counselor: the student's diary (opened with code + PIN)
};

struct Route {
    ScreenId id = ScreenId::Attract;
    std::string param;
    bool operator==(const Route& o) const { return id == o.id && param == o.param; }
};

const char* screenName(ScreenId id);
// Parses "home", "field:it", "occupation:nurse", ...; false for an unknown name.
bool parseRoute(const std::string& text, Route& out);
std::vector<std::string> screenNamesForHelp();

// Parameters of screens that depend on the content (flow knows none): field and occupation ids,
// maintenance reasons (locale keys).
struct RouteParams {
    std::vector<std::string> fields, occupations, maintenanceReasons;
    std::vector<std::string> guidePages; // printjobs: "Getting a job" page ids
    // studyui: occupations whose "where to study" page to show; empty: the first of `occupations`
    std::vector<std::string> studyOccupations = {};
};
// Every screen the kiosk can show, each with every parameter it takes: both tests (demographics, the
// test, its results), every results tab, the encyclopedia with one page per field and occupation given,
// search, the staff, counselor and PIN screens, maintenance once per reason given. One list for the
// self-test, the layout test and anything else that must visit every screen.
std::vector<Route> routes(const RouteParams& p = {});
// Staff and counselor screens (never shown to a visitor).
bool isStaffScreen(ScreenId id);

// An explicit back stack. reset() drops every earlier route, so "back" can never reach a previous
// visitor's screens.
class Router {
  public:
    explicit Router(Route root = {}) : stack_{std::move(root)} {}
    const Route& current() const { return stack_.back(); }
    void push(Route r);
    void replace(Route r) { stack_.back() = std::move(r); }
    bool back(); // false (and stays) at the root
    void reset(Route root);
    size_t depth() const { return stack_.size(); }
    const std::vector<Route>& stack() const { return stack_; }

  private:
    std::vector<Route> stack_;
};

} // namespace kesip::flow
