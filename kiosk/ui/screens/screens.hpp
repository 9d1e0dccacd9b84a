#pragma once
#include <optional>
#include <string>

#include "assess/instrument.hpp"
#include "assess/scoring.hpp"
#include "catalog/content.hpp"
#include "catalog/matching.hpp"
#include "catalog/search.hpp"
#include "flow/router.hpp"
#include "review/review.hpp"
#include "sync/usb.hpp"
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
    // Per scale: percentile rank among the visitor's age band, only where norms are installed.
    std::vector<std::optional<int>> interestNorms, strengthsNorms;
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

// Staff and counselor mode (never shown to a visitor).
struct StaffView {
    enum class PinMode { Login, SetupStaff, SetupStaffRepeat, SetCounselor, SetCounselorRepeat };
    PinMode pinMode = PinMode::Login;
    size_t pinLength = 0;
    std::string message; // localized, under the PIN pad or the export button
    bool messageIsError = false;
    review::Dashboard dashboard;
    std::vector<sync::Stick> sticks;
    std::vector<bool> stickHasPack;
    std::vector<std::string> problems; // content, config and device problems staff should know about
    int volumePercent = -1;            // read-aloud volume; -1: read-aloud unavailable
    bool exporting = false;
    int exportPercent = 0;
    std::string centreId, kioskId;
    bool isStaff = false; // counselor otherwise
    // counselor
    std::string codeEntry;
    std::vector<review::TodayEntry> today;
    std::optional<review::VisitReview> visit;
    std::vector<std::string> noteChoices;
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
    int demoStep = 0;                     // demographics question 0..3
    const TestView* test = nullptr;       // on the test screen
    const ResultsView* results = nullptr; // on the results screen
    bool largeText = false, highContrast = false;
    bool canSpeak = false, speakable = false, speaking = false; // read-aloud button: shown, has text, playing
    bool saveFailed = false;                                    // the last save did not reach the disk
    const catalog::Content* content = nullptr;                  // null: encyclopedia unavailable
    const assess::Instrument* strengths = nullptr;              // competence names for occupation pages
    const assess::Instrument* interest = nullptr;               // interest type names for occupation pages
    const SearchView* search = nullptr;
    const StaffView* staff = nullptr;
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
    bool holdingLogo = false; // the hidden staff entry: press and hold the logo
    std::optional<char> pinKey, codeKey;
    bool pinBack = false, pinClear = false, pinSubmit = false, codeBack = false, codeOpen = false;
    std::optional<std::string> openCode, exportTo, toggleNote, installPack;
    bool rollbackPack = false;
    bool toggleLargeText = false, toggleContrast = false, speak = false;
    int volumeStep = 0; // staff: -1 / +1
    bool saveNote = false, logout = false, exitApp = false, setCounselorPin = false, setStaffPin = false;
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
void drawPinPad(Ui& ui, const View& v, Intent& out);
void drawStaff(Ui& ui, const View& v, Intent& out);
void drawCounselor(Ui& ui, const View& v, Intent& out);
// The product name as a tappable logo (top bar, attract screen): holding it opens the PIN pad.
void logo(Ui& ui, ImFont* font, const std::string& text, Rgb color, Intent& out, float centreInWidth = 0);
void drawEncyclopedia(Ui& ui, const View& v, Intent& out);
void drawField(Ui& ui, const View& v, Intent& out);
void drawOccupation(Ui& ui, const View& v, Intent& out);
void drawSearch(Ui& ui, const View& v, Intent& out);
// "2-4 years", "6 months", "10 months - 3 years" in the visitor's language
std::string formatDuration(const Ui& ui, int minMonths, int maxMonths);

int demographicsQuestionCount();

// A modal panel over the screen (idle warning, leave dialog): dims everything, returns the panel's
// top-left corner and inner width for the caller to fill.
ImVec2 beginPanel(Ui& ui, ImVec2 panelSize);
// Not a student screen: both languages at once, because the visitor's language is unknown.
void drawMaintenance(Ui& ui, const std::string& reasonKey);
void drawIdleOverlay(Ui& ui, const View& v, Intent& out);

} // namespace kesip::ui
