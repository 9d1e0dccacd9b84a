#pragma once
#include <optional>
#include <string>

#include "assess/instrument.hpp"
#include "assess/scoring.hpp"
#include "catalog/content.hpp"
#include "catalog/matching.hpp"
#include "catalog/search.hpp"
#include "flow/router.hpp"
#include "ui/ui.hpp"
#include "util/qr.hpp"

namespace kesip::ui {

// State of one test as the home card shows it.
struct TestCard {
    bool available = false; // instrument loaded and valid
    bool completed = false;
    int done = 0, total = 0;
};

struct TestView {
    const assess::Instrument* ins = nullptr;
    int index = 0, total = 0;
    std::optional<int> chosen; // earlier answer when the visitor went back
    bool leaveDialog = false;
};

struct ResultsView {
    const assess::Instrument* interest = nullptr;
    std::optional<assess::Result> interestResult;
    const assess::Instrument* strengths = nullptr;
    std::optional<assess::Result> strengthsResult;
    std::string code;
    std::string qrText;
    QrModules qr;
    std::vector<catalog::Match> matches;     // top occupations with reasons
    std::vector<catalog::FieldMatch> fields; // fields that fit
};

struct SearchView {
    std::string query;
    catalog::SearchResult result;
    int layout = 0; // 0 Kyrgyz, 1 Russian, 2 Latin
};

// What screens draw: a snapshot of app state. Screens never touch the database or the router.
struct View {
    flow::Route route;
    size_t depth = 1;
    bool visitActive = false;
    bool hasResults = false;
    bool idleWarning = false;
    int64_t idleRemainingMs = 0;
    TestCard interestCard, strengthsCard;
    int demoStep = 0;                              // demographics question 0..3
    const TestView* test = nullptr;                // on the test screen
    const ResultsView* results = nullptr;          // on the results screen
    bool saveFailed = false;                       // the last save did not reach the disk
    const catalog::Content* content = nullptr;     // null: encyclopedia unavailable
    const assess::Instrument* strengths = nullptr; // competence names for occupation pages
    const assess::Instrument* interest = nullptr;  // interest type names for occupation pages
    const SearchView* search = nullptr;
};

// What screens ask for; the app applies it after the frame.
struct Intent {
    std::optional<flow::Route> push;
    std::optional<flow::Route> replace; // same place in the back stack (tabs)
    bool back = false;
    bool home = false;
    std::optional<Lang> setLang;
    std::optional<Lang> startVisit;
    bool finishVisit = false; // "Finish" on home: end the visit, show thanks
    bool closeVisit = false;  // leave the thanks screen now
    bool dismissIdle = false;
    std::optional<std::string> openTest; // "interest" | "strengths": demographics, test or its results
    std::optional<std::string>
        demoAnswer;            // value code for the current demographics question ("na": declined)
    std::optional<int> answer; // answer value for the current test item
    bool skipItem = false, pause = false, leaveLater = false, leaveStay = false;
    std::optional<std::string> type;     // on-screen keyboard: text to append
    std::optional<std::string> setQuery; // a suggestion tapped
    bool backspace = false, clearQuery = false;
    std::optional<int> keyboardLayout;
};

// Height of the top bar every student screen has.
float topBarHeight(const Ui& ui);
void drawTopBar(Ui& ui, const View& v, Intent& out);

void drawAttract(Ui& ui, const View& v, Intent& out);
void drawLanguage(Ui& ui, const View& v, Intent& out);
void drawHome(Ui& ui, const View& v, Intent& out);
void drawFinish(Ui& ui, const View& v, Intent& out);
void drawDemographics(Ui& ui, const View& v, Intent& out);
void drawTest(Ui& ui, const View& v, Intent& out);
void drawLeaveDialog(Ui& ui, const View& v, Intent& out);
void drawResults(Ui& ui, const View& v, Intent& out);
void drawEncyclopedia(Ui& ui, const View& v, Intent& out);
void drawField(Ui& ui, const View& v, Intent& out);
void drawOccupation(Ui& ui, const View& v, Intent& out);
void drawSearch(Ui& ui, const View& v, Intent& out);
// "2–4 жыл", "6 ай", "10 ай – 3 жыл"
std::string formatDuration(const Ui& ui, int minMonths, int maxMonths);

int demographicsQuestionCount();

// A modal panel over the screen (idle warning, leave dialog): dims everything, returns the panel's
// top-left corner and inner width for the caller to fill.
ImVec2 beginPanel(Ui& ui, ImVec2 panelSize);
// Not a student screen: both languages at once, because the visitor's language is unknown.
void drawMaintenance(Ui& ui, const std::string& reasonKey);
void drawIdleOverlay(Ui& ui, const View& v, Intent& out);

} // namespace kesip::ui
