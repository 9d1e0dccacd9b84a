#pragma once
#include <atomic>
#include <functional>
#include <memory>
#include <string>

#include "print/document.hpp"
#include "print/task.hpp"
#include "util/clock.hpp"

namespace kesip::print {

// Why a sheet could not be printed, each with a localized message (problemKey).
enum class PrintProblem {
    None,
    NoService, // no CUPS daemon answers
    NoPrinter, // the configured queue does not exist, or there is no default destination
    Off,       // the printer is off or unreachable (offline, connecting to device)
    Paused,    // the queue is stopped (by staff, or after an error)
    NoPaper,
    Jam,
    NoInk,
    Rejected, // the queue does not accept jobs
    Failed,   // any other failure (reported with CUPS's words in detail)
    TimedOut, // no answer before the deadline
};
const char* problemKey(PrintProblem p); // print_err_*

struct PrinterTarget {
    std::string printer; // CUPS queue; empty = the default destination
    std::string server;  // CUPS server (host or socket path); empty = CUPS's own (CUPS_SERVER, client.conf)
    int connectTimeoutMs = 3000;
    // A queued job whose printer stays off (offline, connecting to device) this long is cancelled and the
    // printer reported off; shorter outages (a network printer waking up) are waited out.
    int offGraceMs = 10000;
};

// IPP printer-state (3 idle, 4 processing, 5 stopped), printer-state-reasons (keywords, with or without
// -report/-warning/-error) and printer-is-accepting-jobs, as a problem. Warnings (toner low) are none.
PrintProblem problemFromPrinter(int state, const std::vector<std::string>& reasons, bool accepting);

struct PrinterStatus {
    PrintProblem problem = PrintProblem::None;
    std::string name;   // the queue found (the default's name when none was configured)
    std::string detail; // CUPS's words, for the log and the staff screen
};

enum class JobPhase { Checking, Sending, Queued, Printed, Failed };
struct JobProgress {
    JobPhase phase = JobPhase::Checking;
    PrintProblem problem = PrintProblem::None; // with Failed; while Queued: a problem seen (may clear)
    int jobId = 0;
    std::string detail;
    const char* statusKey() const; // print_status_* for Checking..Printed, problemKey for Failed
};

// Blocking calls: run them on a worker (the tasks below do).
PrinterStatus probePrinter(const PrinterTarget& t);
// Checks the printer, sends the PDF (application/pdf), then follows the job until it is printed or fails.
// A job held up by a printer problem (no paper, jammed, paused, not accepting) is cancelled, and so is a
// job still waiting when `stop` turns true: a sheet must never come out later for the next visitor.
JobProgress printPdf(const PrinterTarget& t, const std::string& pdf, const std::string& title,
                     const std::function<void(const JobProgress&)>& report, const std::atomic<bool>& stop);

// For the UI thread: start, then poll each frame. The deadline covers rendering, sending and printing.
using PrintTask = Task<JobProgress>;
using ProbeTask = Task<PrinterStatus>;
std::unique_ptr<PrintTask> startPrint(const Clock& clock, int64_t timeoutMs, const PrinterTarget& target,
                                      Document doc);
std::unique_ptr<ProbeTask> startProbe(const Clock& clock, int64_t timeoutMs, const PrinterTarget& target);
// The outcome a UI shows for a snapshot: the job's own, or on timeout the last problem seen (else TimedOut).
JobProgress outcomeOf(const PrintTask::Snapshot& s);

} // namespace kesip::print
