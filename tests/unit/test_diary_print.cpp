// Printing without a printer: the background task, CUPS states mapped to messages, config keys.
// The real CUPS daemon is in tests/print/test_print_cups.cpp.
#include <catch2/catch.hpp>
#include <chrono>
#include <thread>

#include "print/printer.hpp"
#include "util/config.hpp"

using namespace kesip;
using namespace kesip::print;

namespace {
// Waits for a condition with a generous deadline; an expired deadline fails naming the condition.
template <class F> bool eventually(F cond) {
    const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    while (!cond()) {
        if (std::chrono::steady_clock::now() > until) return false;
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    return true;
}
} // namespace

TEST_CASE("print task: poll never waits for a blocked worker and reports the deadline", "[diary][print]") {
    // Fails if poll() or the destructor joins the worker (the UI thread would hang with the printer).
    FakeClock clock;
    auto release = std::make_shared<std::atomic<bool>>(false);
    auto sawStop = std::make_shared<std::atomic<bool>>(false);
    auto ended = std::make_shared<std::atomic<bool>>(false);
    {
        Task<int> t(clock, 1000, 0, [=](const Task<int>::Report& report, const std::atomic<bool>& stop) {
            report(1);
            while (!*release) {
                if (stop) *sawStop = true;
                std::this_thread::sleep_for(std::chrono::milliseconds(1));
            }
            *ended = true;
            return 2;
        });
        REQUIRE(eventually([&] { return t.poll().value == 1; })); // progress arrives before the end
        auto s = t.poll();
        CHECK_FALSE(s.done);
        CHECK_FALSE(s.timedOut);
        clock.advance(1000);
        s = t.poll();
        CHECK(s.timedOut);
        CHECK_FALSE(s.done);
        CHECK(eventually([&] { return sawStop->load(); })); // the worker is told to stop
    } // destroyed while the worker is still blocked: must return at once
    CHECK_FALSE(ended->load());
    *release = true;
    CHECK(eventually([&] { return ended->load(); }));
}

TEST_CASE("print task: a finished worker's result is final, even after the deadline", "[diary][print]") {
    FakeClock clock;
    Task<int> t(clock, 10, 0, [](const Task<int>::Report&, const std::atomic<bool>&) { return 7; });
    REQUIRE(eventually([&] { return t.poll().done; }));
    clock.advance(100);
    auto s = t.poll();
    CHECK(s.done);
    CHECK_FALSE(s.timedOut);
    CHECK(s.value == 7);
}

TEST_CASE("print: printer states and reasons map to the right message", "[diary][print]") {
    using P = PrintProblem;
    CHECK(problemFromPrinter(3, {"none"}, true) == P::None);
    CHECK(problemFromPrinter(4, {"media-low-warning", "toner-low-warning"}, true) ==
          P::None); // warnings only
    CHECK(problemFromPrinter(5, {"media-empty-error"}, true) == P::NoPaper);
    CHECK(problemFromPrinter(4, {"media-needed"}, true) == P::NoPaper);
    CHECK(problemFromPrinter(5, {"media-jam-error"}, true) == P::Jam);
    CHECK(problemFromPrinter(5, {"marker-supply-empty-error"}, true) == P::NoInk);
    CHECK(problemFromPrinter(5, {"offline-report"}, true) == P::Off);
    CHECK(problemFromPrinter(4, {"connecting-to-device"}, true) == P::Off);
    CHECK(problemFromPrinter(5, {"paused"}, true) == P::Paused);
    CHECK(problemFromPrinter(5, {"none"}, true) == P::Paused);
    CHECK(problemFromPrinter(3, {"none"}, false) == P::Rejected);
    CHECK(problemFromPrinter(5, {"paused", "media-empty-error"}, true) == P::NoPaper); // the cause first
    CHECK(std::string(problemKey(P::NoPaper)) == "print_err_no_paper");
    CHECK(std::string(problemKey(P::NoPrinter)) == "print_err_missing");
    CHECK(std::string(problemKey(P::Failed)) == "print_err_failed");
}

TEST_CASE("print: no CUPS daemon is a clear 'no service', not a hang", "[diary][print]") {
    PrinterTarget t;
    t.server = "/nonexistent/kesip-test/cups.sock";
    const PrinterStatus st = probePrinter(t);
    CHECK(st.problem == PrintProblem::NoService);
    CHECK_FALSE(st.detail.empty());
    std::atomic<bool> stop{false};
    const JobProgress p = printPdf(
        t, "%PDF-1.4", "x", [](const JobProgress&) {}, stop);
    CHECK(p.phase == JobPhase::Failed);
    CHECK(p.problem == PrintProblem::NoService);
    CHECK(std::string(p.statusKey()) == "print_err_no_service");
}

TEST_CASE("print: a timed-out job reports the last printer problem it saw", "[diary][print]") {
    PrintTask::Snapshot s;
    s.timedOut = true;
    s.value.phase = JobPhase::Queued;
    s.value.problem = PrintProblem::Off;
    CHECK(outcomeOf(s).problem == PrintProblem::Off);
    CHECK(outcomeOf(s).phase == JobPhase::Failed);
    s.value.problem = PrintProblem::None;
    CHECK(outcomeOf(s).problem == PrintProblem::TimedOut);
}

TEST_CASE("config: printer and diary retention keys", "[diary][config]") {
    auto c = parseConfig("printer = Kesip_HP-1\ndiary_retention_months = 6\n");
    CHECK(c.printer == "Kesip_HP-1");
    CHECK(c.diaryRetentionMonths == 6);
    CHECK(c.problems.empty());
    auto d = parseConfig("");
    CHECK(d.printer.empty());
    CHECK(d.diaryRetentionMonths == 12);
    auto bad = parseConfig("printer = my printer\ndiary_retention_months = 0\n");
    CHECK(bad.printer.empty());
    CHECK(bad.diaryRetentionMonths == 12);
    CHECK(bad.problems.size() == 2);
}
