// App: printing the student's sheet and the blank CV form (issue 11). CUPS is asked on a worker thread
// (print::Task): the UI thread only polls, so a slow, missing or jammed printer never stops a frame.
#include "app/app.hpp"
#include "print/sheet.hpp"

namespace kesip::app {

namespace {
constexpr int64_t kProbeTimeoutMs = 8'000;   // connect (3 s) and one IPP request, with room
constexpr int64_t kProbeAgainMs = 30'000;    // a known printer state is trusted this long
constexpr int64_t kPrintTimeoutMs = 120'000; // rendering, sending and printing one sheet
} // namespace

struct App::PrintState {
    std::string sessionId; // the visit this state belongs to ("" outside a visit: staff screen)
    std::unique_ptr<print::ProbeTask> probe;
    int64_t probedAt = -1;
    std::optional<print::PrinterStatus> status;
    std::unique_ptr<print::PrintTask> job;
    print::Document sheet;
    std::string sheetKey; // language and tests done the sheet was built for
    ui::PrintView view;
    void refreshProbe(const Clock& clock, const std::string& printer);
};

// The printer's state, from a probe at most kProbeAgainMs old; starts a new probe when it is older.
void App::PrintState::refreshProbe(const Clock& clock, const std::string& printer) {
    PrintState& s = *this;
    const int64_t now = clock.monotonicMs();
    if (s.probe) {
        auto snap = s.probe->poll();
        if (snap.done || snap.timedOut) {
            s.status = snap.value;
            if (snap.timedOut) s.status->problem = print::PrintProblem::TimedOut;
            s.probe.reset();
            s.probedAt = now;
        }
    }
    if (!s.probe && (s.probedAt < 0 || now - s.probedAt >= kProbeAgainMs)) {
        print::PrinterTarget t;
        t.printer = printer;
        s.probe = print::startProbe(clock, kProbeTimeoutMs, t);
        if (s.probedAt < 0) s.probedAt = now; // a first probe: "checking" until it answers
    }
}

const ui::PrintView* App::pollPrint(flow::ScreenId screen) {
    // A job or probe of a visit that ended (idle reset, finish, staff) is dropped at once: its task is
    // told to stop, and CUPS cancels a job still waiting, so no sheet comes out for the next visitor.
    const std::string sid = sessionId().value_or(std::string());
    if (print_ && print_->sessionId != sid) print_.reset();
    if (screen != flow::ScreenId::Jobs && screen != flow::ScreenId::PrintPreview && (!print_ || !print_->job))
        return nullptr;
    if (!print_) {
        print_ = std::make_shared<PrintState>();
        print_->sessionId = sid;
    }
    PrintState& s = *print_;
    ui::PrintView& v = s.view;
    s.refreshProbe(clock_, config_.printer);
    if (s.job) {
        auto snap = s.job->poll();
        if (snap.done || snap.timedOut) {
            const print::JobProgress out = print::outcomeOf(snap);
            v.status = ui_->tr(out.statusKey());
            v.statusError = out.phase != print::JobPhase::Printed;
            v.printing = false;
            if (v.statusError) {
                std::fprintf(stderr, "kesip: print: %s\n", out.detail.c_str());
                saveGuard("audit", [&] { store::audit(*db_, clock_, "system", "print_failed", out.detail); });
                s.probedAt = -1; // the printer's state changed: ask again before offering Print
                s.status.reset();
            }
            s.job.reset();
        } else {
            v.printing = true;
            v.status = ui_->tr(snap.value.statusKey());
            v.statusError = false;
        }
    }
    using P = ui::PrintView::Printer;
    if (!s.status)
        v.printer = P::Checking;
    else if (s.status->problem == print::PrintProblem::None)
        v.printer = P::Ready;
    else {
        v.printer = P::Unavailable;
        v.unavailable = ui_->tr(print::problemKey(s.status->problem));
    }
    v.sheet = nullptr;
    if (screen == flow::ScreenId::PrintPreview && visitActive()) {
        const flow::Visit& vs = *visit();
        // The open diary (saved occupations, trials, plan and its code) joins the sheet.
        const diary::Diary* open =
            views_ && !views_->diary.id.empty() && views_->diary.loaded ? &*views_->diary.loaded : nullptr;
        const std::string key = std::string(langCode(ui_->lang)) + std::to_string(vs.completed.size()) +
                                (open ? open->id + std::to_string(open->trials.size()) +
                                            std::to_string(open->saved.size()) + (open->decision ? "d" : "")
                                      : std::string());
        if (key != s.sheetKey) {
            const ui::ResultsView& rv = resultsView();
            print::SheetInput in;
            in.lang = ui_->lang;
            in.wallMs = clock_.wallMs();
            in.sessionCode = vs.session.code;
            in.interest = rv.interest;
            in.interestResult = rv.interestResult;
            in.strengths = rv.strengths;
            in.strengthsResult = rv.strengthsResult;
            in.content = encyclopedia();
            in.matches = rv.matches;
            in.diary = open;
            const Lang lang = ui_->lang;
            const catalog::Content* c = encyclopedia();
            in.institutionName = [c, lang](const std::string& id) {
                if (c)
                    for (const auto& i : c->institutions)
                        if (i.id == id) return i.name.get(lang);
                return std::string();
            };
            s.sheet = print::studentSheet(*catalog_, in);
            s.sheetKey = key;
        }
        v.sheet = &s.sheet;
    }
    return &v;
}

void App::startPrintJob(print::Document doc) {
    if (!print_ || print_->job || !print_->status || print_->status->problem != print::PrintProblem::None)
        return; // Print is shown only for a printer that answered; one job at a time
    saveGuard("audit", [&] { store::audit(*db_, clock_, "system", "print", doc.title); });
    print::PrinterTarget t;
    t.printer = config_.printer;
    print_->job = print::startPrint(clock_, kPrintTimeoutMs, t, std::move(doc));
    print_->view.printing = true;
    print_->view.status = ui_->tr("print_status_sending");
    print_->view.statusError = false;
}

void App::on(const ui::intent::PrintSheet&) {
    if (!print_ || print_->sheetKey.empty() || !visitActive()) return;
    startPrintJob(print_->sheet);
}

void App::on(const ui::intent::PrintCvForm&) {
    // A blank form: nothing the visitor typed goes into it (there is nothing to type).
    startPrintJob(print::cvForm(*catalog_, ui_->lang, clock_.wallMs()));
}

// The staff screen says why the Print button is hidden from visitors.
void App::printerProblems(std::vector<std::string>& problems) {
    if (!print_) {
        print_ = std::make_shared<PrintState>();
        print_->sessionId = sessionId().value_or(std::string());
    }
    print_->refreshProbe(clock_, config_.printer);
    const auto& st = print_->status;
    if (!st || st->problem == print::PrintProblem::None) return;
    problems.push_back(
        ui_->tr("staff_print_unavailable",
                {{"queue", config_.printer.empty() ? std::string("-") : config_.printer},
                 // The localized reason first; CUPS's own text (English) after it for whoever fixes it.
                 {"detail", ui_->tr(print::problemKey(st->problem)) +
                                (st->detail.empty() ? std::string() : " (" + st->detail + ")")}}));
}

} // namespace kesip::app
