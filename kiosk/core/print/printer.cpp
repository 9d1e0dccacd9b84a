#include "print/printer.hpp"

#include <chrono>
#include <cups/cups.h>
#include <thread>

#include "l10n/catalog.hpp"

namespace kesip::print {

using l10n::K;

namespace {

constexpr int kPollMs = 200;

// Owns a CUPS connection; CUPS settings (cupsSetServer) are per thread, and every task has its own.
struct Connection {
    http_t* http = nullptr;
    ~Connection() {
        if (http) httpClose(http);
    }
};

// CUPS calls this when a request has waited `timeout` seconds; 0 gives up (the task was told to stop).
int keepWaiting(http_t*, void* stop) {
    return static_cast<const std::atomic<bool>*>(stop)->load() ? 0 : 1;
}

bool connect(const PrinterTarget& t, const std::atomic<bool>* stop, Connection& c, std::string& detail) {
    if (!t.server.empty()) cupsSetServer(t.server.c_str());
    int cancel = 0;
    c.http = httpConnect2(cupsServer(), ippPort(), nullptr, AF_UNSPEC, cupsEncryption(), 1,
                          t.connectTimeoutMs, &cancel);
    if (!c.http) {
        detail = std::string("cannot connect to CUPS at ") + cupsServer() + ": " + cupsLastErrorString();
        return false;
    }
    if (stop) httpSetTimeout(c.http, 1.0, keepWaiting, const_cast<std::atomic<bool>*>(stop));
    return true;
}

std::string resourceUri(const char* kind, const std::string& id) {
    char uri[HTTP_MAX_URI];
    httpAssembleURIf(HTTP_URI_CODING_ALL, uri, sizeof uri, "ipp", nullptr, "localhost", ippPort(), "/%s/%s",
                     kind, id.c_str());
    return uri;
}

struct PrinterAttrs {
    bool ok = false;
    int state = 0;
    std::vector<std::string> reasons;
    bool accepting = true;
};

PrinterAttrs printerAttrs(http_t* http, const std::string& name) {
    PrinterAttrs a;
    ipp_t* req = ippNewRequest(IPP_OP_GET_PRINTER_ATTRIBUTES);
    ippAddString(req, IPP_TAG_OPERATION, IPP_TAG_URI, "printer-uri", nullptr,
                 resourceUri("printers", name).c_str());
    static const char* const want[] = {"printer-state", "printer-state-reasons", "printer-is-accepting-jobs"};
    ippAddStrings(req, IPP_TAG_OPERATION, IPP_TAG_KEYWORD, "requested-attributes", 3, nullptr, want);
    ipp_t* resp = cupsDoRequest(http, req, "/");
    if (!resp) return a;
    if (ippGetStatusCode(resp) <= IPP_STATUS_OK_EVENTS_COMPLETE) {
        a.ok = true;
        if (ipp_attribute_t* s = ippFindAttribute(resp, "printer-state", IPP_TAG_ENUM))
            a.state = ippGetInteger(s, 0);
        if (ipp_attribute_t* r = ippFindAttribute(resp, "printer-state-reasons", IPP_TAG_KEYWORD))
            for (int i = 0; i < ippGetCount(r); ++i) a.reasons.push_back(ippGetString(r, i, nullptr));
        if (ipp_attribute_t* j = ippFindAttribute(resp, "printer-is-accepting-jobs", IPP_TAG_BOOLEAN))
            a.accepting = ippGetBoolean(j, 0);
    }
    ippDelete(resp);
    return a;
}

std::string describe(const PrinterAttrs& a) {
    std::string s = "state " + std::to_string(a.state) + ", reasons";
    for (const auto& r : a.reasons) s += " " + r;
    if (!a.accepting) s += ", not accepting jobs";
    return s;
}

PrinterStatus probe(http_t* http, const PrinterTarget& t) {
    PrinterStatus st;
    cups_dest_t* dest = cupsGetNamedDest(http, t.printer.empty() ? nullptr : t.printer.c_str(), nullptr);
    if (!dest) {
        st.problem = PrintProblem::NoPrinter;
        st.detail = t.printer.empty() ? "no default printer" : "no printer named '" + t.printer + "'";
        return st;
    }
    st.name = dest->name;
    cupsFreeDests(1, dest);
    const PrinterAttrs a = printerAttrs(http, st.name);
    if (!a.ok) {
        st.problem = PrintProblem::NoPrinter;
        st.detail = st.name + ": " + cupsLastErrorString();
        return st;
    }
    st.problem = problemFromPrinter(a.state, a.reasons, a.accepting);
    st.detail = st.name + ": " + describe(a);
    return st;
}

int jobState(http_t* http, int job) {
    ipp_t* req = ippNewRequest(IPP_OP_GET_JOB_ATTRIBUTES);
    ippAddString(req, IPP_TAG_OPERATION, IPP_TAG_URI, "job-uri", nullptr,
                 resourceUri("jobs", std::to_string(job)).c_str());
    ippAddString(req, IPP_TAG_OPERATION, IPP_TAG_NAME, "requesting-user-name", nullptr, cupsUser());
    ippAddString(req, IPP_TAG_OPERATION, IPP_TAG_KEYWORD, "requested-attributes", nullptr, "job-state");
    ipp_t* resp = cupsDoRequest(http, req, "/");
    int state = 0;
    if (resp)
        if (ipp_attribute_t* s = ippFindAttribute(resp, "job-state", IPP_TAG_ENUM))
            state = ippGetInteger(s, 0);
    ippDelete(resp);
    return state;
}

void sleepUnlessStopped(const std::atomic<bool>& stop, int ms) {
    for (int waited = 0; waited < ms && !stop; waited += 20)
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
}

JobProgress failed(PrintProblem p, std::string detail, int job = 0) {
    JobProgress r;
    r.phase = JobPhase::Failed;
    r.problem = p;
    r.jobId = job;
    r.detail = std::move(detail);
    return r;
}

} // namespace

const char* problemKey(PrintProblem p) {
    switch (p) {
    case PrintProblem::NoService:
        return K("print_err_no_service");
    case PrintProblem::NoPrinter:
        return K("print_err_missing");
    case PrintProblem::Off:
        return K("print_err_off");
    case PrintProblem::Paused:
        return K("print_err_paused");
    case PrintProblem::NoPaper:
        return K("print_err_no_paper");
    case PrintProblem::Jam:
        return K("print_err_jam");
    case PrintProblem::NoInk:
        return K("print_err_no_ink");
    case PrintProblem::Rejected:
        return K("print_err_rejected");
    case PrintProblem::TimedOut:
        return K("print_err_timeout");
    case PrintProblem::Failed:
    case PrintProblem::None:
        break;
    }
    return K("print_err_failed");
}

const char* JobProgress::statusKey() const {
    switch (phase) {
    case JobPhase::Checking:
    case JobPhase::Sending:
        return K("print_status_sending");
    case JobPhase::Queued:
        return K("print_status_queued");
    case JobPhase::Printed:
        return K("print_status_done");
    case JobPhase::Failed:
        break;
    }
    return problemKey(problem);
}

PrintProblem problemFromPrinter(int state, const std::vector<std::string>& reasons, bool accepting) {
    auto has = [&](const std::string& key) {
        for (const auto& r : reasons) {
            if (r.size() >= 8 && r.compare(r.size() - 8, 8, "-warning") == 0) continue; // only a warning
            if (r == key || r.rfind(key + "-", 0) == 0) return true;
        }
        return false;
    };
    if (has("media-empty") || has("media-needed")) return PrintProblem::NoPaper;
    if (has("media-jam")) return PrintProblem::Jam;
    if (has("toner-empty") || has("marker-supply-empty") || has("marker-ink-empty"))
        return PrintProblem::NoInk;
    if (has("offline") || has("shutdown") || has("connecting-to-device") || has("timed-out"))
        return PrintProblem::Off;
    if (state == IPP_PSTATE_STOPPED || has("paused")) return PrintProblem::Paused;
    if (!accepting) return PrintProblem::Rejected;
    return PrintProblem::None;
}

PrinterStatus probePrinter(const PrinterTarget& t) {
    Connection c;
    PrinterStatus st;
    if (!connect(t, nullptr, c, st.detail)) {
        st.problem = PrintProblem::NoService;
        return st;
    }
    return probe(c.http, t);
}

JobProgress printPdf(const PrinterTarget& t, const std::string& pdf, const std::string& title,
                     const std::function<void(const JobProgress&)>& report, const std::atomic<bool>& stop) {
    JobProgress p;
    report(p);
    Connection c;
    std::string detail;
    if (!connect(t, &stop, c, detail)) return failed(PrintProblem::NoService, detail);
    const PrinterStatus st = probe(c.http, t);
    if (st.problem != PrintProblem::None) return failed(st.problem, st.detail);
    if (stop) return failed(PrintProblem::TimedOut, "stopped before sending");

    p.phase = JobPhase::Sending;
    report(p);
    const char* name = st.name.c_str();
    const int job = cupsCreateJob(c.http, name, title.c_str(), 0, nullptr);
    if (job == 0) {
        const ipp_status_t e = cupsLastError();
        return failed(e == IPP_STATUS_ERROR_NOT_ACCEPTING_JOBS ? PrintProblem::Rejected
                      : e == IPP_STATUS_ERROR_NOT_FOUND        ? PrintProblem::NoPrinter
                                                               : PrintProblem::Failed,
                      st.name + ": " + cupsLastErrorString());
    }
    bool sent = cupsStartDocument(c.http, name, job, "kesip.pdf", CUPS_FORMAT_PDF, 1) == HTTP_STATUS_CONTINUE;
    for (size_t off = 0; sent && off < pdf.size(); off += 65536)
        sent = cupsWriteRequestData(c.http, pdf.data() + off, std::min<size_t>(65536, pdf.size() - off)) ==
               HTTP_STATUS_CONTINUE;
    if (cupsFinishDocument(c.http, name) != IPP_STATUS_OK || !sent) {
        const std::string why = cupsLastErrorString();
        cupsCancelJob2(c.http, name, job, 0);
        return failed(PrintProblem::Failed, st.name + ": " + why, job);
    }

    p.phase = JobPhase::Queued;
    p.jobId = job;
    report(p);
    using Steady = std::chrono::steady_clock;
    Steady::time_point offSince{};
    while (true) {
        const int js = jobState(c.http, job);
        if (js == IPP_JSTATE_COMPLETED) {
            p.phase = JobPhase::Printed;
            p.problem = PrintProblem::None;
            return p;
        }
        if (js == IPP_JSTATE_CANCELED || js == IPP_JSTATE_ABORTED)
            return failed(p.problem != PrintProblem::None ? p.problem : PrintProblem::Failed,
                          "job " + std::to_string(job) + " ended in state " + std::to_string(js), job);
        const PrinterAttrs a = printerAttrs(c.http, st.name);
        const PrintProblem now =
            a.ok ? problemFromPrinter(a.state, a.reasons, a.accepting) : PrintProblem::None;
        // A stopped queue or an empty tray will not print this job by itself: cancel it, or it would come
        // out later, when the paper is back, for whoever stands there.
        // A printer that stays off is given up on after a grace period.
        if (now != PrintProblem::Off)
            offSince = {};
        else if (offSince == Steady::time_point{})
            offSince = Steady::now();
        const bool offTooLong =
            now == PrintProblem::Off && Steady::now() - offSince >= std::chrono::milliseconds(t.offGraceMs);
        const bool stuck = now != PrintProblem::None && now != PrintProblem::Rejected &&
                           (a.state == IPP_PSTATE_STOPPED || now == PrintProblem::NoPaper ||
                            now == PrintProblem::Jam || now == PrintProblem::NoInk || offTooLong);
        if (stuck || stop) {
            cupsCancelJob2(c.http, name, job, 0);
            return failed(stuck ? now : PrintProblem::TimedOut, st.name + ": " + describe(a), job);
        }
        if (now != p.problem) {
            p.problem = now; // e.g. "connecting to device": may clear by itself
            p.detail = describe(a);
            report(p);
        }
        sleepUnlessStopped(stop, kPollMs);
    }
}

std::unique_ptr<PrintTask> startPrint(const Clock& clock, int64_t timeoutMs, const PrinterTarget& target,
                                      Document doc) {
    return std::make_unique<PrintTask>(
        clock, timeoutMs, JobProgress{},
        [target, doc = std::move(doc)](const PrintTask::Report& report, const std::atomic<bool>& stop) {
            std::string pdf, error;
            if (!renderPdf(doc, pdf, error)) return failed(PrintProblem::Failed, "render: " + error);
            return printPdf(target, pdf, doc.title, report, stop);
        });
}

std::unique_ptr<ProbeTask> startProbe(const Clock& clock, int64_t timeoutMs, const PrinterTarget& target) {
    return std::make_unique<ProbeTask>(
        clock, timeoutMs, PrinterStatus{},
        [target](const ProbeTask::Report&, const std::atomic<bool>&) { return probePrinter(target); });
}

JobProgress outcomeOf(const PrintTask::Snapshot& s) {
    if (!s.timedOut || s.done) return s.value;
    return failed(s.value.problem != PrintProblem::None ? s.value.problem : PrintProblem::TimedOut,
                  "no answer before the deadline", s.value.jobId);
}

} // namespace kesip::print
