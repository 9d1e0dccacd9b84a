// kesip-crash-child: saves visits the way the kiosk does, forever, until it is killed (tests/faults/
// test_power_cut.cpp kills it with SIGKILL at random moments).
//
// Usage: kesip-crash-child <data-dir> <interest.json> <seed>
//
// Protocol on stdout, one line per event, flushed at once (a line written to a pipe in one write() is
// never torn):
//   try <op> ...     before a write is attempted (at most one is in flight when the child dies)
//   ready            the local store is open (migrations done)
//   session <id>     SessionRepo::begin committed
//   run <id>         RunRepo::start committed
//   answer <id> <item> <value|->   RunRepo::saveAnswer committed ('-' = skipped)
//   complete <id>    RunRepo::complete committed
//   abandon <id>     RunRepo::abandonOpen committed
//   end <id> <reason>              SessionRepo::end committed
// Any failure prints "error ..." on stderr and exits with status 3 (the test then fails).
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "assess/instrument.hpp"
#include "assess/runner.hpp"
#include "assess/scoring.hpp"
#include "store/local_store.hpp"
#include "store/repo.hpp"
#include "store/runs.hpp"
#include "util/clock.hpp"

using namespace kesip;

namespace {

void say(const std::string& line) {
    std::fputs(line.c_str(), stdout);
    std::fputc('\n', stdout);
    std::fflush(stdout);
}

std::string valueText(const std::optional<int>& v) {
    return v ? std::to_string(*v) : std::string("-");
}

} // namespace

int main(int argc, char** argv) {
    if (argc != 4) {
        std::fprintf(stderr, "usage: %s <data-dir> <interest.json> <seed>\n", argv[0]);
        return 2;
    }
    std::vector<content::Problem> problems;
    const auto ins = assess::loadInstrument(argv[2], assess::interestSpec(), problems);
    if (!ins) {
        std::fprintf(stderr, "error: cannot load %s\n", argv[2]);
        return 3;
    }
    std::mt19937 rng(uint32_t(std::strtoul(argv[3], nullptr, 10)));
    auto chance = [&](double p) { return std::uniform_real_distribution<double>(0, 1)(rng) < p; };
    auto pick = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };

    say("try open");
    auto opened = store::openLocalStore(argv[1]);
    if (!opened.db) {
        std::fprintf(stderr, "error: open: %s\n", opened.detail.c_str());
        return 3;
    }
    say("ready");
    store::Database& db = *opened.db;
    SystemClock clock;
    store::SessionRepo sessions(db, clock);
    store::RunRepo runs(db, clock);
    const int nItems = int(ins->items.size());

    try {
        for (;;) {
            say("try session");
            const auto s = sessions.begin(chance(0.5) ? Lang::ky : Lang::ru);
            say("session " + s.id);

            say("try run " + s.id);
            runs.start(s.id, ins->id, ins->version);
            say("run " + s.id);

            // A third of the visitors finish the test; the others stop somewhere.
            const int target = chance(0.35) ? nItems : pick(0, nItems - 1);
            std::vector<assess::Response> answers; // in item order, as the runner keeps them
            auto save = [&](int index, std::optional<int> value) {
                assess::Response r{ins->items[size_t(index)].id, value, pick(300, 6000)};
                if (size_t(index) < answers.size())
                    answers[size_t(index)] = r;
                else
                    answers.push_back(r);
                const std::string what = s.id + " " + r.itemId + " " + valueText(value);
                say("try answer " + what);
                runs.saveAnswer(s.id, ins->id, r, assess::score(*ins, answers),
                                assess::packAnswers(*ins, answers));
                say("answer " + what);
            };
            for (int i = 0; i < target; ++i) {
                save(i, chance(0.08) ? std::nullopt : std::optional<int>(pick(1, 5)));
                // Sometimes the visitor goes back one item and changes the answer.
                if (i > 0 && chance(0.1)) save(i - 1, pick(1, 5));
            }
            if (target == nItems) {
                say("try complete " + s.id);
                runs.complete(s.id, ins->id);
                say("complete " + s.id);
            }
            // Most visits end (finished or idle timeout); the rest are left open, as a crash would.
            if (chance(0.8)) {
                const char* reason = target == nItems ? "finished" : "idle";
                // As App::endVisit: unfinished tests are marked abandoned, then the visit ends.
                say("try abandon " + s.id);
                runs.abandonOpen(s.id);
                say("abandon " + s.id);
                say("try end " + s.id);
                sessions.end(s.id, reason);
                say(std::string("end ") + s.id + " " + reason);
            }
        }
    } catch (const std::exception& e) {
        std::fprintf(stderr, "error: %s\n", e.what());
        return 3;
    }
}
