#pragma once
#include <optional>
#include <string>

#include "assess/instrument.hpp"
#include "assess/scoring.hpp"
#include "catalog/content.hpp"
#include "catalog/matching.hpp"
#include "catalog/search.hpp"
#include "diary/model.hpp"
#include "flow/router.hpp"
#include "print/document.hpp"
#include "review/review.hpp"
#include "sync/usb.hpp"
#include "ui/screens/diary_views.hpp" // diaryui
#include "ui/screens/intents.hpp"
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
    // SetupCode: a fresh kiosk asks for the installer's one-time setup code before the first staff PIN;
    // NoSetup: no staff PIN and no setup code, nobody can become staff from the screen.
    enum class PinMode {
        Login,
        SetupStaff,
        SetupStaffRepeat,
        SetCounselor,
        SetCounselorRepeat,
        SetupCode,
        NoSetup
    };
    PinMode pinMode = PinMode::Login;
    bool pinAsCounselor = false; // Login: which role's PIN is typed (each role has its own lock)
    size_t pinLength = 0;
    std::string message; // localized, under the PIN pad or the export button
    bool messageIsError = false;
    review::Dashboard dashboard;
    std::vector<sync::Stick> sticks;
    std::vector<sync::RefusedStick> refusedSticks; // not mounted (ext4, NTFS...): staff see why
    std::vector<bool> stickHasPack;
    std::vector<std::string> problems; // content, config and device problems staff should know about
    int volumePercent = -1;            // read-aloud volume; -1: read-aloud unavailable
    bool exporting = false;
    int exportPercent = 0;
    std::string centreId, kioskId, kioskKey; // kioskKey: fingerprint of the signing key
    bool isStaff = false;                    // counselor otherwise
    // counselor: types a code; never a list of codes or times
    std::string codeEntry;
    std::optional<review::VisitReview> visit;
    std::vector<std::string> noteChoices;
};

// printjobs
// Printing as the jobs and print-preview screens show it: is a printer there, how the last job went.
struct PrintView {
    const print::Document* sheet = nullptr; // print-preview: the sheet of this visit
    enum class Printer { Checking, Ready, Unavailable };
    Printer printer = Printer::Checking;
    std::string unavailable; // localized: why Print is hidden (Unavailable)
    bool printing = false;   // a job is on its way: Print waits
    std::string status;      // localized progress or outcome of the last job; empty before any
    bool statusError = false;
};
// counselor-diary: code + PIN entry, then the whole diary (counselor role only).
struct CounselorDiaryView {
    std::string code;     // typed so far
    size_t pinLength = 0; // the PIN itself never reaches a screen
    bool pinField = false;
    std::string message; // localized: a bad code, wrong PIN, lock, note saved
    bool messageIsError = false;
    std::optional<diary::Diary> diary; // open: the whole diary
    std::vector<std::string> noteChoices;
};
struct View;
void drawJobs(Ui& ui, const View& v, Intents& out);
void drawPrintPreview(Ui& ui, const View& v, Intents& out);
void drawCounselorDiary(Ui& ui, const View& v, Intents& out);

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
    // printjobs
    const PrintView* print = nullptr;                   // jobs, print-preview
    const CounselorDiaryView* counselorDiary = nullptr; // counselor-diary
    const DiaryView* diary = nullptr;                   // diaryui: while a visit lasts
    // eventsui: coming events for this screen, and the staff events editor (ui/screens/events.hpp)
    const struct EventsView* events = nullptr;
    const struct EventEditorView* eventEditor = nullptr;
};

// Height of the top bar every student screen has.
float topBarHeight(const Ui& ui);
void drawTopBar(Ui& ui, const View& v, Intents& out);

void drawAttract(Ui& ui, const View& v, Intents& out);
void drawLanguage(Ui& ui, const View& v, Intents& out);
void drawHome(Ui& ui, const View& v, Intents& out);
void drawFinish(Ui& ui, const View& v, Intents& out);
void drawDemographics(Ui& ui, const View& v, Intents& out);
void drawTest(Ui& ui, const View& v, Intents& out);
void drawLeaveDialog(Ui& ui, const View& v, Intents& out);
void drawResults(Ui& ui, const View& v, Intents& out);
void drawPinPad(Ui& ui, const View& v, Intents& out);
void drawStaff(Ui& ui, const View& v, Intents& out);
void drawCounselor(Ui& ui, const View& v, Intents& out);
// The product name as a tappable logo (top bar, attract screen): holding it opens the PIN pad.
void logo(Ui& ui, ImFont* font, const std::string& text, Rgb color, Intents& out, float centreInWidth = 0);
void drawEncyclopedia(Ui& ui, const View& v, Intents& out);
void drawField(Ui& ui, const View& v, Intents& out);
void drawOccupation(Ui& ui, const View& v, Intents& out);
void drawSearch(Ui& ui, const View& v, Intents& out);
// "2-4 years", "6 months", "10 months - 3 years" in the visitor's language
std::string formatDuration(const Ui& ui, int minMonths, int maxMonths);

int demographicsQuestionCount();

// A modal panel over the screen (idle warning, leave dialog): dims everything, returns the panel's
// top-left corner and inner width for the caller to fill.
ImVec2 beginPanel(Ui& ui, ImVec2 panelSize);
// Not a student screen: both languages at once, because the visitor's language is unknown.
void drawMaintenance(Ui& ui, const std::string& reasonKey);
void drawIdleOverlay(Ui& ui, const View& v, Intents& out);

// studyui
// "Where to study": the visitor's oblast, picked on the screen during this visit or else answered in the
// demographics; "" when neither.
struct StudyView {
    std::string oblast;
};
void drawStudy(Ui& ui, const View& v, const StudyView& s, Intents& out);
void drawInstitutions(Ui& ui, const View& v, Intents& out);
// diaryui
// The career diary (issue 11): its five screens, the star of an occupation and the home buttons.
void drawDiary(Ui& ui, const View& v, Intents& out);
void drawDiaryStart(Ui& ui, const View& v, Intents& out);
void drawDiaryUnlock(Ui& ui, const View& v, Intents& out);
void drawTrial(Ui& ui, const View& v, Intents& out);
void drawDecision(Ui& ui, const View& v, Intents& out);
// "Save" with a star, at the cursor; source: diary::savedSources(). With rowHeight > 0 (star: a list row of
// results, search, a field) the star alone, diaryStarSide() wide and at least that tall. Key star_<id>.
void diaryStar(Ui& ui, const View& v, Intents& out, const std::string& occupation, const char* source,
               float rowHeight = 0.f);
float diaryStarSide(const Ui& ui);
// The home screen's diary buttons, left of "Finish" in its bottom bar (barTop, barH), or in a row above
// the bar when they do not fit beside it: homeDiaryExtra is that row's height (0 beside), kept free.
float homeDiaryExtra(Ui& ui, const View& v);
// Returns the x from which the bottom bar is free.
float homeDiaryButtons(Ui& ui, const View& v, Intents& out, float barTop, float barH);
// The search screen's on-screen keyboard (its intents: Type, Backspace, ClearQuery, KeyboardLayout).
void onScreenKeyboard(Ui& ui, int layout, ImVec2 origin, float width, Intents& out);
float onScreenKeyboardHeight(const Ui& ui);

} // namespace kesip::ui
