#pragma once
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>

#include "assess/instrument.hpp"
#include "assess/runner.hpp"
#include "assess/scoring.hpp"
#include "catalog/content.hpp"
#include "flow/router.hpp"
#include "l10n/lang.hpp"
#include "store/db.hpp"
#include "store/repo.hpp"
#include "store/runs.hpp"
#include "util/clock.hpp"

namespace kesip::flow {

// What a visit reads. Looked up on every use: staff can replace the encyclopedia (a content pack)
// while the kiosk runs.
struct VisitContent {
    std::function<const assess::Instrument*(const std::string& id)> instrument; // "interest" | "strengths"
    std::function<const catalog::Content*()> encyclopedia;                      // null: unavailable
};

// Everything of one visitor; dropped whole at the end of the visit.
struct Visit {
    store::SessionRow session;
    int demoStep = 0;
    bool demoDone = false;
    store::Demographics demo;
    std::map<std::string, std::unique_ptr<assess::Runner>> runners;
    std::map<std::string, assess::Result> completed;
    bool leaveDialog = false;
    bool saveFailed = false; // the last answer did not reach the disk
};

// One visitor's way through the kiosk: start, the demographics questions, each test item by item (back,
// skip, pause), results saved with the best field, end. Moves the router; knows nothing of SDL or ImGui.
// Every write is guarded: a failed save is reported (onSaveError, and saveFailed for an answer) and the
// visitor goes on; what was saved before stays saved (each write is its own transaction).
class VisitController {
  public:
    using SaveErrorSink = std::function<void(const char* what, const std::string& error)>;

    // demographicsQuestions: how many questions the demographics screen asks (one per field of
    // store::Demographics, in order). Without onSaveError, failures go to stderr.
    VisitController(store::Database& db, const Clock& clock, Router& router, VisitContent content,
                    int demographicsQuestions = 4, SaveErrorSink onSaveError = {});

    bool active() const { return visit_.has_value(); }
    const Visit* visit() const { return visit_ ? &*visit_ : nullptr; }

    // A new session (random code unless given) and the home screen; a visit still open is ended first.
    void start(Lang l, const std::string& code = {});
    // Unfinished tests stay in the database, marked abandoned; nothing of the visitor stays in memory.
    void end(const char* reason); // 'finished' | 'idle' | 'shutdown'
    // Drops the visit from memory without writing anything (the self-test removes its rows itself).
    // Returns the session id.
    std::string discard();
    void setLang(Lang l); // the visitor switched language: saved with the session

    // "interest" | "strengths" from home or results: its results when done, else the demographics
    // questions (once per visit), else the test.
    void openTest(const std::string& id);
    // Starts (or resumes) a test's runner and its response timer; the run is saved when first started.
    void beginTest(const std::string& id);
    // Screenshots and the sample visit; an age band lets the results show norms where installed.
    void skipDemographics(const std::optional<std::string>& ageBand = std::nullopt);
    // An answer to the current demographics question ("na": declined); after the last one the test
    // named by the current route follows.
    void onDemographicsAnswer(const std::string& value);
    // An answer (nullopt: skipped) to the current item of the test on screen; nowMs < 0: the clock's now.
    // The last item completes the test, saves the visit result and shows the results.
    void answerItem(std::optional<int> value, int64_t nowMs = -1);
    // Back within a test (previous item) or the demographics (previous question); false when there is
    // no step to go back within and the router should go back instead.
    bool back();
    void pause();            // the "leave the test?" dialog opens
    void closeLeaveDialog(); // ... and closes (stay, or home or back tapped)
    void continueLater();    // ... closes and home: the test keeps its answers for later

  private:
    void saveVisitResult(const std::string& instrument, const assess::Result& r);
    void saveGuard(const char* what, const std::function<void()>& fn);

    const Clock& clock_;
    Router& router_;
    VisitContent content_;
    int demographicsQuestions_;
    SaveErrorSink onSaveError_;
    store::SessionRepo sessions_;
    store::RunRepo runs_;
    std::optional<Visit> visit_;
};

} // namespace kesip::flow
