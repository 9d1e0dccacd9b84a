// Power-cut test: kesip-crash-child saves visits in a loop and is killed with SIGKILL at random moments;
// after every kill the database is reopened as the kiosk does on start and checked against what the child
// reported as saved. KESIP_POWER_CUT_KILLS and KESIP_POWER_CUT_SEED override the defaults.
//
// What SIGKILL models: the process dies between any two instructions, with SQLite's files as the kernel
// has them. It does not drop the page cache, so it cannot show that synchronous=FULL reaches the disk;
// that part is SQLite's own (tested) promise.
#include <algorithm>
#include <catch2/catch.hpp>
#include <chrono>
#include <cmath>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <fcntl.h>
#include <map>
#include <optional>
#include <poll.h>
#include <random>
#include <spawn.h>
#include <sstream>
#include <sys/wait.h>
#include <unistd.h>

#include "../unit/helpers.hpp"
#include "assess/instrument.hpp"
#include "assess/runner.hpp"
#include "assess/scoring.hpp"
#include "store/access.hpp"
#include "store/local_store.hpp"
#include "store/repo.hpp"
#include "sync/export.hpp"
#include "sync/keys.hpp"

extern char** environ;

using namespace kesip;
using namespace kesip::store;

namespace {

int envInt(const char* name, int fallback) {
    const char* v = std::getenv(name);
    return v && *v ? std::atoi(v) : fallback;
}

struct ChildRun {
    std::vector<std::string> lines;
    int status = 0;
};

// Starts the child and kills it with SIGKILL, then returns what it printed. afterLines < 0: killAfterMs after
// the start (the kill may hit the start-up); otherwise killAfterMs after the child has printed "ready" and
// then afterLines more lines, so that the kill lands while it saves however slow the machine is (a loaded
// CI machine, a sanitizer build).
ChildRun runChild(const std::string& dataDir, const std::string& instrument, uint32_t seed, int killAfterMs,
                  int afterLines) {
    int fds[2];
    REQUIRE(::pipe2(fds, O_CLOEXEC) == 0);
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_adddup2(&fa, fds[1], STDOUT_FILENO);
    const std::string seedText = std::to_string(seed);
    const char* argv[] = {KESIP_CRASH_CHILD, dataDir.c_str(), instrument.c_str(), seedText.c_str(), nullptr};
    pid_t pid = 0;
    const int rc =
        posix_spawn(&pid, KESIP_CRASH_CHILD, &fa, nullptr, const_cast<char* const*>(argv), environ);
    posix_spawn_file_actions_destroy(&fa);
    ::close(fds[1]);
    REQUIRE(rc == 0);

    std::string out;
    char buf[4096];
    auto drain = [&](int timeoutMs) {
        pollfd p{fds[0], POLLIN, 0};
        if (::poll(&p, 1, timeoutMs) <= 0) return false;
        const ssize_t n = ::read(fds[0], buf, sizeof buf);
        if (n > 0) out.append(buf, size_t(n));
        return n > 0;
    };
    using Clock = std::chrono::steady_clock;
    if (afterLines >= 0) {
        auto progressed = [&] {
            const size_t at = out.find("ready\n");
            return at != std::string::npos &&
                   std::count(out.begin() + long(at) + 6, out.end(), '\n') >= afterLines;
        };
        const auto by = Clock::now() + std::chrono::seconds(60);
        while (!progressed() && Clock::now() < by)
            if (!drain(100)) {
                pollfd p{fds[0], POLLIN, 0};
                if (::poll(&p, 1, 0) > 0 && (p.revents & POLLHUP)) break; // the child ended
            }
        if (!progressed()) {
            ::kill(pid, SIGKILL);
            ::waitpid(pid, nullptr, 0);
            ::close(fds[0]);
            FAIL("condition: the child opened the store and printed "
                 << afterLines << " more lines within 60 s; it printed: " << out);
        }
    }
    const auto deadline = Clock::now() + std::chrono::milliseconds(killAfterMs);
    for (auto now = Clock::now(); now < deadline; now = Clock::now()) {
        const int left = int(std::chrono::duration_cast<std::chrono::milliseconds>(deadline - now).count());
        if (!drain(std::max(left, 1)) && Clock::now() < deadline) {
            // EOF before the deadline: the child stopped by itself (an error); wait for it below.
            pollfd p{fds[0], POLLIN, 0};
            if (::poll(&p, 1, 0) > 0 && (p.revents & POLLHUP)) break;
        }
    }
    ::kill(pid, SIGKILL);
    while (drain(1000)) {
    }
    ::close(fds[0]);
    ChildRun r;
    REQUIRE(::waitpid(pid, &r.status, 0) == pid);
    std::istringstream in(out);
    for (std::string line; std::getline(in, line);) r.lines.push_back(line);
    return r;
}

std::vector<std::string> split(const std::string& s) {
    std::vector<std::string> v;
    std::istringstream in(s);
    for (std::string w; in >> w;) v.push_back(w);
    return v;
}

std::optional<int> parseValue(const std::string& s) {
    return s == "-" ? std::nullopt : std::optional<int>(std::stoi(s));
}

// What the children reported as saved, accumulated over all kills.
struct Visit {
    bool run = false, completed = false, abandoned = false;
    std::optional<std::string> endReason; // set = ended
    std::map<std::string, std::optional<int>> answers;
};

struct Stats {
    int kills = 0, beforeReady = 0, inFlight = 0, inFlightLanded = 0, staleClosed = 0;
    int64_t answersReported = 0, answersChecked = 0;
};

// Checks the reopened database against the model. `pending` is the write that was in flight when the
// child died (its "try" line without a confirmation), or empty: it may or may not have landed, and is
// adopted into the model when it did.
void verify(Database& db, const assess::Instrument& ins, std::map<std::string, Visit>& model,
            const std::vector<std::string>& pending, Stats& st) {
    REQUIRE(db.queryText("PRAGMA integrity_check") == "ok");
    const std::string op = pending.empty() ? "" : pending[1];
    bool landed = false;

    // Sessions: every reported one is there; an unreported one only from the begin in flight.
    std::map<std::string, std::pair<std::optional<int64_t>, std::optional<std::string>>> sessions;
    {
        auto s = db.prepare("SELECT id, ended_at, end_reason FROM sessions");
        while (s.step())
            sessions[s.getText(0)] = {s.isNull(1) ? std::nullopt : std::optional<int64_t>(s.getInt(1)),
                                      s.isNull(2) ? std::nullopt : std::optional<std::string>(s.getText(2))};
    }
    for (const auto& [id, row] : sessions) {
        if (model.count(id)) continue;
        INFO("unreported session " << id);
        REQUIRE(op == "session");
        REQUIRE_FALSE(landed);
        model[id] = Visit{};
        landed = true;
    }
    REQUIRE(sessions.size() == model.size());
    int64_t ended = 0;
    for (auto& [id, v] : model) {
        INFO("session " << id);
        REQUIRE(sessions.count(id));
        const auto& [endedAt, reason] = sessions[id];
        // Either open or fully ended: the time and the reason are written together.
        REQUIRE(endedAt.has_value() == reason.has_value());
        if (v.endReason) {
            REQUIRE(reason == v.endReason);
        } else if (reason) {
            REQUIRE((op == "end" && pending[2] == id));
            v.endReason = reason;
            landed = true;
        }
        ended += v.endReason.has_value();
    }
    // Ending a visit and counting it in daily_stats is one transaction.
    REQUIRE(db.queryInt("SELECT coalesce(sum(n),0) FROM daily_stats WHERE key='sessions'") == ended);
    REQUIRE(db.queryInt("SELECT coalesce(sum(n),0) FROM daily_stats WHERE key LIKE 'lang:%'") == ended);

    // Test runs and their answers.
    std::map<std::string, std::pair<std::string, std::optional<std::string>>> runs;
    {
        auto s = db.prepare("SELECT session_id, state, answers FROM test_runs WHERE instrument=?");
        s.bind(1, ins.id);
        while (s.step())
            runs[s.getText(0)] = {s.getText(1),
                                  s.isNull(2) ? std::nullopt : std::optional<std::string>(s.getText(2))};
    }
    REQUIRE(db.queryInt("SELECT count(*) FROM test_runs WHERE instrument<>'interest'") == 0);
    std::map<std::string, std::vector<assess::Response>> responses;
    {
        auto s = db.prepare("SELECT session_id, item_id, value, response_ms FROM responses ORDER BY seq");
        while (s.step())
            responses[s.getText(0)].push_back(
                {s.getText(1), s.isNull(2) ? std::nullopt : std::optional<int>(int(s.getInt(2))),
                 s.getInt(3)});
    }
    for (auto& [id, v] : model) {
        INFO("session " << id);
        const bool hasRun = runs.count(id) > 0;
        if (hasRun && !v.run) {
            REQUIRE((op == "run" && pending[2] == id));
            v.run = true;
            landed = true;
        }
        REQUIRE(hasRun == v.run);
        std::map<std::string, std::optional<int>> stored;
        for (const auto& r : responses[id]) stored[r.itemId] = r.value;
        if (!v.run) {
            REQUIRE(stored.empty());
            continue;
        }
        // Every reported answer is there with its value; the only other change is the answer in flight.
        for (const auto& [item, value] : stored) {
            INFO("item " << item);
            auto it = v.answers.find(item);
            const bool isPending = op == "answer" && pending[2] == id && pending[3] == item;
            if (it != v.answers.end() && it->second == value) continue;
            REQUIRE(isPending);
            REQUIRE(value == parseValue(pending[4]));
            v.answers[item] = value;
            landed = true;
        }
        REQUIRE(stored.size() == v.answers.size());
        st.answersChecked += int64_t(stored.size());

        const auto& [state, packed] = runs[id];
        if (state == "completed" && !v.completed) {
            REQUIRE((op == "complete" && pending[2] == id));
            v.completed = true;
            landed = true;
        }
        if (state == "abandoned" && !v.abandoned) {
            REQUIRE((op == "abandon" && pending[2] == id));
            v.abandoned = true;
            landed = true;
        }
        const std::string expected = v.completed ? "completed" : v.abandoned ? "abandoned" : "in_progress";
        REQUIRE(state == expected);
        if (v.completed) REQUIRE(stored.size() == ins.items.size());

        // Scores, flags and packed answers were written with the answers: they agree with them.
        const auto& rs = responses[id];
        if (rs.empty()) {
            REQUIRE_FALSE(packed.has_value());
            REQUIRE(db.prepare("SELECT 1 FROM scores WHERE session_id=?").bind(1, id).step() == false);
            continue;
        }
        REQUIRE(packed == assess::packAnswers(ins, rs));
        const assess::Result want = assess::score(ins, rs);
        std::map<std::string, std::pair<double, double>> got;
        auto sc = db.prepare("SELECT scale, raw, percent FROM scores WHERE session_id=? AND instrument=?");
        sc.bind(1, id).bind(2, ins.id);
        while (sc.step()) got[sc.getText(0)] = {sc.getDouble(1), sc.getDouble(2)};
        REQUIRE(got.size() == want.scales.size());
        for (const auto& s : want.scales) {
            INFO("scale " << s.scale);
            REQUIRE(got.count(s.scale));
            CHECK(got[s.scale].first == Approx(s.raw).margin(1e-9));
            CHECK(got[s.scale].second == Approx(s.percent).margin(1e-9));
        }
        unsigned flags = 0;
        auto fl = db.prepare("SELECT flag FROM flags WHERE session_id=? AND instrument=?");
        fl.bind(1, id).bind(2, ins.id);
        while (fl.step()) flags |= assess::flagFromName(fl.getText(0));
        REQUIRE(flags == want.flags);
    }
    if (!pending.empty() && op != "open") ++st.inFlight;
    if (landed) ++st.inFlightLanded;
}

} // namespace

TEST_CASE("power cut - SIGKILL at random moments loses no reported answer") {
    const int kills = envInt("KESIP_POWER_CUT_KILLS", 200);
    const uint32_t seed = uint32_t(envInt("KESIP_POWER_CUT_SEED", 6));
    const std::string instrumentPath = std::string(KESIP_SOURCE_DIR) + "/assets/instruments/interest.json";
    std::vector<content::Problem> problems;
    const auto ins = assess::loadInstrument(instrumentPath, assess::interestSpec(), problems);
    REQUIRE(ins);

    test::TempDir dir;
    std::mt19937 rng(seed);
    std::map<std::string, Visit> model;
    Stats st;
    const auto t0 = std::chrono::steady_clock::now();
    for (int k = 0; k < kills; ++k) {
        // Every fourth kill at 1-40 ms from the start (it may hit the start-up); the others 0-3 ms after the
        // child's 0-15th line after opening the store.
        const bool early = k % 4 == 0;
        const int delay = std::uniform_int_distribution<int>(early ? 1 : 0, early ? 40 : 3)(rng);
        const int afterLines = early ? -1 : std::uniform_int_distribution<int>(0, 15)(rng);
        const uint32_t childSeed = uint32_t(rng());
        INFO("kill " << k << " after " << delay << " ms, " << afterLines << " lines (seed " << seed << ")");
        const ChildRun run = runChild(dir.str(), instrumentPath, childSeed, delay, afterLines);
        REQUIRE(WIFSIGNALED(run.status));
        REQUIRE(WTERMSIG(run.status) == SIGKILL);

        // Replay what the child reported; the last "try" without its confirmation was in flight.
        std::vector<std::string> pending;
        bool ready = false;
        for (const std::string& line : run.lines) {
            auto w = split(line);
            REQUIRE_FALSE(w.empty());
            if (w[0] == "try") {
                pending = w;
                continue;
            }
            pending.clear();
            if (w[0] == "ready") {
                ready = true;
            } else if (w[0] == "session") {
                REQUIRE(model.count(w[1]) == 0);
                model[w[1]] = Visit{};
            } else if (w[0] == "run") {
                model.at(w[1]).run = true;
            } else if (w[0] == "answer") {
                model.at(w[1]).answers[w[2]] = parseValue(w[3]);
                ++st.answersReported;
            } else if (w[0] == "complete") {
                model.at(w[1]).completed = true;
            } else if (w[0] == "abandon") {
                Visit& v = model.at(w[1]);
                v.abandoned = v.run && !v.completed;
            } else if (w[0] == "end") {
                model.at(w[1]).endReason = w[2];
            } else {
                FAIL("unexpected line from the child: " << line);
            }
        }
        st.beforeReady += !ready;

        // The next start: the kiosk's own open (quick_check, WAL recovery, migrations), then the checks,
        // then the stale visits are closed as the kiosk does.
        auto opened = openLocalStore(dir.str());
        INFO(opened.detail);
        REQUIRE(opened.db);
        verify(*opened.db, *ins, model, pending, st);

        FakeClock later(SystemClock().wallMs() + 2 * 3'600'000);
        SessionRepo sessions(*opened.db, later);
        const int open = int(opened.db->queryInt("SELECT count(*) FROM sessions WHERE ended_at IS NULL"));
        REQUIRE(sessions.closeStale(3'600'000) == open);
        st.staleClosed += open;
        REQUIRE(opened.db->queryInt("SELECT count(*) FROM sessions WHERE ended_at IS NULL") == 0);
        for (auto& [id, v] : model) {
            if (v.endReason) continue;
            v.endReason = "shutdown";
            v.abandoned = v.run && !v.completed;
        }
        verify(*opened.db, *ins, model, {}, st);
        ++st.kills;
    }
    // What survived is what the export reads: every visit (all ended now) with its answers reaches the stick.
    {
        auto opened = openLocalStore(dir.str());
        REQUIRE(opened.db);
        test::TempDir stick, work;
        std::string pub, sec;
        REQUIRE(sync::makeSealingPair(pub, sec));
        sync::ExportOptions opts;
        opts.kioskId = "K-POWER1";
        opts.centreId = "test";
        opts.writeSummaries = false;
        opts.exportPublicKey = pub;
        opts.kioskKey = sync::makeKioskKey();
        const auto r =
            sync::exportToStick(*opened.db, store::Grant::commandLine(), dir.str() + "/kesip.sqlite",
                                work.str(), stick.str(), opts, SystemClock());
        INFO(r.detail);
        REQUIRE(r.error == sync::SyncError::None);
        CHECK(r.onStick == int64_t(model.size()));
        // Opened with the ministry's key, as the central merge does.
        sync::MergeOptions mo;
        mo.secretKeyHex = sec;
        mo.knownKiosks = {opts.kioskKey->publicHex()};
        REQUIRE(sync::mergeInto(work.str() + "/central.sqlite", {stick.str()}, mo).added ==
                int64_t(model.size()));
        Database exported(work.str() + "/central.sqlite", Database::Mode::ReadOnly);
        exported.exec("ATTACH DATABASE '" + dir.str() + "/kesip.sqlite' AS l");
        CHECK(exported.queryInt("SELECT count(*) FROM tests") ==
              opened.db->queryInt("SELECT count(*) FROM test_runs"));
        CHECK(exported.queryInt(
                  "SELECT count(*) FROM tests t JOIN l.test_runs r ON r.session_id = t.uuid AND "
                  "r.instrument = t.instrument WHERE t.answers IS NOT r.answers OR t.state <> r.state") == 0);
    }
    const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    std::printf("power-cut: %d kills survived, %lld answers verified\n", st.kills,
                static_cast<long long>(st.answersReported));
    std::printf("power-cut: %zu visits, %d kills before the store was open, %d with a write in flight "
                "(%d of those landed), %d stale visits closed, %lld answer checks, %.1f s (seed %u)\n",
                model.size(), st.beforeReady, st.inFlight, st.inFlightLanded, st.staleClosed,
                static_cast<long long>(st.answersChecked), secs, seed);
    // The kills must have hit the saving, not only the start-up: most land after the store is open, the
    // children reported many answers (all verified present above), and many kills cut a write in flight
    // (some landed, some not: which is left to chance). A slower start or a child that saves nothing fails
    // here.
    CHECK(kills - st.beforeReady >= kills * 3 / 4);
    CHECK(st.answersReported >= int64_t(kills));
    CHECK(st.answersChecked >= st.answersReported);
    if (kills >= 50) CHECK(st.inFlight >= kills / 4);
}
