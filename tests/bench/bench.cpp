// kiosk-bench: prints "name: value unit" lines. Figures, not pass/fail: the machines are shared and noisy.
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include "app/app.hpp"
#include "assess/runner.hpp"
#include "bench.hpp"
#include "catalog/matching.hpp"
#include "catalog/search.hpp"
#include "events/import.hpp"
#include "first_sample.hpp"
#include "review/review.hpp"
#include "speech/speech.hpp"
#include "store/local_store.hpp"
#include "store/repo.hpp"
#include "store/runs.hpp"
#include "sync/export.hpp"
#include "sync/simulate.hpp"
#include "util/paths.hpp"

using namespace kesip;
using namespace kesip::bench;

namespace {

app::Options headless(const std::string& dataDir) {
    app::Options o;
    o.headless = true;
    o.dataDir = dataDir;
    return o;
}

// Core figures without the UI: scoring + saving per answer, content open, search per keystroke, matching.
void benchCore(const std::string& dir) {
    const std::string res = executableDir();
    std::vector<content::Problem> problems;
    auto interest =
        assess::loadInstrument(res + "/instruments/interest.json", assess::interestSpec(), problems);
    if (!interest) return;
    {
        auto r = store::openLocalStore(dir + "/answers");
        if (!r.db) return;
        SystemClock clock;
        store::SessionRepo sessions(*r.db, clock);
        store::RunRepo runs(*r.db, clock);
        std::vector<double> per;
        for (int visit = 0; visit < 20; ++visit) {
            auto s = sessions.begin(Lang::ky);
            runs.start(s.id, interest->id, interest->version);
            assess::Runner run(*interest);
            run.showItem(0);
            for (size_t i = 0; i < interest->items.size(); ++i) {
                const auto t0 = Clock_::now();
                auto resp = run.answer(int(1 + (i * 7 + size_t(visit)) % 5), int64_t(i + 1) * 2500);
                runs.saveAnswer(s.id, interest->id, resp, assess::score(*interest, run.responses()),
                                assess::packAnswers(*interest, run.responses()));
                per.push_back(since(t0));
            }
        }
        std::printf(
            "score_and_save_per_answer: p50 %.3f ms, p95 %.3f ms (WAL, synchronous=FULL, %zu answers)\n",
            pct(per, .5), pct(per, .95), per.size());
    }
    std::string err;
    std::vector<double> opens, idx;
    std::optional<catalog::Content> c;
    for (int i = 0; i < 20; ++i) {
        auto t0 = Clock_::now();
        c = catalog::loadContentDb(res + "/content.sqlite", err);
        opens.push_back(since(t0));
    }
    if (!c) return;
    auto t0 = Clock_::now();
    auto norm = std::make_shared<catalog::Normalizer>();
    const double normMs = since(t0);
    std::unique_ptr<catalog::SearchIndex> index;
    for (int i = 0; i < 20; ++i) {
        t0 = Clock_::now();
        index = std::make_unique<catalog::SearchIndex>(*c, norm);
        idx.push_back(since(t0));
    }
    std::printf("content_db_open: p50 %.2f ms, p95 %.2f ms (%zu occupations, %zu search terms)\n",
                pct(opens, .5), pct(opens, .95), c->occupations.size(), c->terms.size());
    std::printf("search_index_build: p50 %.2f ms (+ transliterator %.1f ms once)\n", pct(idx, .5), normMs);
    // Every prefix of realistic queries, as typed key by key.
    std::vector<double> keys;
    for (const std::string q : {"программист", "медайым", "veterinar", "тигүүчү", "бухгалтер", "shofer",
                                "электрик", "ашпозчу", "курулуш", "onor"}) {
        std::string typed;
        for (size_t i = 0; i < q.size();) {
            size_t n = (static_cast<unsigned char>(q[i]) >= 0xC0) ? 2 : 1;
            typed += q.substr(i, n);
            i += n;
            for (int rep = 0; rep < 5; ++rep) {
                t0 = Clock_::now();
                auto r = index->search(typed, Lang::ky);
                keys.push_back(since(t0));
            }
        }
    }
    std::printf("search_per_keystroke: p50 %.3f ms, p95 %.3f ms (%zu searches)\n", pct(keys, .5),
                pct(keys, .95), keys.size());
    std::vector<double> m;
    for (int i = 0; i < 200; ++i) {
        catalog::Profile p;
        for (size_t k = 0; k < 6; ++k) p.riasec[k] = double((i * 13 + int(k) * 29) % 100);
        p.topLetters = "SAE";
        p.competences = {{"teamwork", 80}, {"communication", 70}};
        p.strengths = {"teamwork"};
        t0 = Clock_::now();
        auto top = catalog::matchOccupations(*c, p, 10);
        auto fields = catalog::matchFields(*c, p, 3);
        m.push_back(since(t0));
    }
    std::printf("matching_full_content: p50 %.3f ms, p95 %.3f ms (top 10 occupations + top 3 fields)\n",
                pct(m, .5), pct(m, .95));
    // Read-aloud: from the tap (say) to the first synthesized samples, for test items in both languages.
    speech::Speech sp;
    if (sp.ok()) {
        std::vector<double> first;
        for (size_t i = 0; i < interest->items.size(); i += 3)
            for (Lang l : kLangs)
                first.push_back(speech::msToFirstSample(sp, interest->items[i].text.get(l), l));
        std::printf(
            "tap_to_first_audio: p50 %.1f ms, p95 %.1f ms, max %.1f ms (%zu items; + ~23 ms device buffer)\n",
            pct(first, .5), pct(first, .95), pct(first, 1.0), first.size());
    } else {
        std::printf("tap_to_first_audio: unavailable (%s)\n", sp.problem().c_str());
    }
}

// Read-aloud stop and restart (moved here from the unit test, which now only checks the behaviour):
// how long stop() of a long utterance takes, and from the next say() to its first samples.
void benchSpeechStop() {
    speech::Speech sp;
    if (!sp.ok()) return;
    std::string text;
    for (int i = 0; i < 60; ++i) text += "Это длинный текст о профессии, мы его остановим. ";
    std::vector<double> stop, restart;
    for (int i = 0; i < 5; ++i) {
        if (!sp.say(text, Lang::ru) || !sp.waitForAudio(std::chrono::seconds(10))) return;
        auto t0 = Clock_::now();
        sp.stop();
        stop.push_back(ms(t0, Clock_::now()));
        t0 = Clock_::now();
        if (!sp.say("Новая фраза", Lang::ru) || !sp.waitForAudio(std::chrono::seconds(10))) return;
        restart.push_back(ms(t0, Clock_::now()));
        sp.stop();
    }
    std::printf("speech_stop: p50 %.1f ms, max %.1f ms; next say to first audio: p50 %.1f ms, max %.1f ms\n",
                pct(stop, .5), pct(stop, 1.0), pct(restart, .5), pct(restart, 1.0));
}

// Events CSV (issue 12): checking 10,000 rows with the cap lifted, the refusal of such a file at the
// 1,000-row cap, and writing 1,000 rows in one transaction to an on-disk store (WAL, synchronous=FULL).
void benchEvents(const std::string& dir) {
    std::string err;
    auto c = catalog::loadContentDb(executableDir() + "/content.sqlite", err);
    auto r = store::openLocalStore(dir + "/events");
    if (!c || !r.db) return;
    SystemClock clock;
    auto t0 = Clock_::now();
    const auto vocab = events::LinkVocabulary::of(*c); // on the UI thread, before the worker starts
    const double vocabMs = since(t0);
    const std::string today = localDate(clock.wallMs()), day = events::addDays(today, 30);
    auto file = [&](int rows) {
        std::string csv = "kind;title_ky;title_ru;start;end;place;oblast;fields;occupations;text_ru\n";
        for (int i = 0; i < rows; ++i)
            csv += "course;Кыска курс " + std::to_string(i) + ";Короткий курс " + std::to_string(i) + ";" +
                   day + ";" + day +
                   ";Бишкек, ул. Токтогула, 1;bishkek;it;Программист, web_developer;Текст о курсе\n";
        return csv;
    };
    const std::string big = file(10000), cap = file(events::kMaxRows);
    t0 = Clock_::now();
    auto all = events::parseEventsCsv(big, vocab, today, 10000);
    const double checkAll = since(t0);
    t0 = Clock_::now();
    auto refused = events::parseEventsCsv(big, vocab, today);
    const double refuse = since(t0);
    auto parsed = events::parseEventsCsv(cap, vocab, today);
    t0 = Clock_::now();
    auto applied = events::applyImport(*r.db, clock, parsed);
    const double apply = since(t0);
    std::printf("events_csv_check_10000: %.1f ms (%zu rows ok, %.2f MB, cap lifted)\n", checkAll,
                all.rows.size(), double(big.size()) / 1e6);
    std::printf("events_csv_refuse_10000: %.1f ms (refused at the %d-row cap: %s)\n", refuse,
                events::kMaxRows, refused.ok() ? "NOT refused" : refused.issues[0].key);
    std::printf("events_import_apply_1000: %.1f ms (%d added, one transaction)\n", apply, applied.added);
    std::printf("events_link_vocabulary: %.1f ms (%zu occupations)\n", vocabMs, c->occupations.size());
}

// USB sync figures: export of many sessions, central merge, dashboard; --soak adds a 1,000,000-visit
// database.
void benchSync(const std::string& dir, bool soak) {
    const std::string res = executableDir();
    std::vector<content::Problem> problems;
    auto interest =
        assess::loadInstrument(res + "/instruments/interest.json", assess::interestSpec(), problems);
    auto strengths =
        assess::loadInstrument(res + "/instruments/strengths.json", assess::strengthsSpec(), problems);
    std::string err;
    auto content = catalog::loadContentDb(res + "/content.sqlite", err);
    if (!interest || !strengths) return;
    SystemClock clock;
    auto make = [&](const std::string& d, int64_t n, uint32_t seed, bool compact) {
        auto st = store::openLocalStore(d);
        sync::SimulateOptions o;
        o.sessions = n;
        o.seed = seed;
        o.perItemResponses = !compact;
        auto t0 = Clock_::now();
        sync::simulate(*st.db, *interest, *strengths, content ? &*content : nullptr, o, clock);
        std::printf("simulate_%lld: %.1f s%s\n", (long long)n, since(t0) / 1000.0,
                    compact ? " (compact)" : "");
        return std::move(st.db);
    };
    // Sealed exports (issue 14): the ministry's key pair and each kiosk's signing key.
    std::string ministryPub, ministrySec;
    sync::makeSealingPair(ministryPub, ministrySec);
    const auto staff = store::Grant::commandLine();
    {
        const std::string d = dir + "/k100k";
        auto db = make(d, 100'000, 1, false);
        sync::ExportOptions eo;
        eo.kioskId = "K-BENCH";
        eo.centreId = "bench";
        eo.writeSummaries = false;
        eo.exportPublicKey = ministryPub;
        eo.kioskKey = sync::makeKioskKey();
        std::filesystem::create_directories(dir + "/stick");
        auto t0 = Clock_::now();
        auto r = sync::exportToStick(*db, staff, d + "/kesip.sqlite", d, dir + "/stick", eo, clock);
        std::printf("export_100k_sessions: %.2f s (%lld added, error %d)\n", since(t0) / 1000.0,
                    (long long)r.added, int(r.error));
        t0 = Clock_::now();
        r = sync::exportToStick(*db, staff, d + "/kesip.sqlite", d, dir + "/stick", eo, clock);
        std::printf("re_export_100k_sessions: %.2f s (%lld already present)\n", since(t0) / 1000.0,
                    (long long)r.alreadyPresent);
        std::vector<double> dash;
        for (int i = 0; i < 20; ++i) {
            t0 = Clock_::now();
            auto dsh = review::loadDashboard(*db, staff, clock);
            dash.push_back(since(t0));
        }
        std::printf("dashboard_100k: p50 %.2f ms, p95 %.2f ms\n", pct(dash, .5), pct(dash, .95));
    }
    {
        std::vector<std::string> sticks, kiosks;
        for (int k = 0; k < 10; ++k) {
            const std::string d = dir + "/m" + std::to_string(k);
            auto db = make(d, 10'000, 100 + uint32_t(k), true);
            sync::ExportOptions eo;
            eo.kioskId = "K-" + std::to_string(k);
            eo.centreId = "c" + std::to_string(k % 3);
            eo.writeSummaries = false;
            eo.exportPublicKey = ministryPub;
            eo.kioskKey = sync::makeKioskKey();
            kiosks.push_back(eo.kioskKey->publicHex());
            std::filesystem::create_directories(d + "/stick");
            sync::exportToStick(*db, staff, d + "/kesip.sqlite", d, d + "/stick", eo, clock);
            sticks.push_back(d + "/stick");
        }
        auto t0 = Clock_::now();
        sync::MergeOptions mo;
        mo.secretKeyHex = ministrySec;
        mo.knownKiosks = kiosks;
        auto m = sync::mergeInto(dir + "/central.sqlite", sticks, mo);
        std::printf("merge_10x10k_sessions: %.2f s (%lld added)\n", since(t0) / 1000.0, (long long)m.added);
    }
    if (soak) {
        const std::string d = dir + "/k1m";
        auto db = make(d, 1'000'000, 7, true);
        std::vector<double> dash;
        for (int i = 0; i < 20; ++i) {
            auto t0 = Clock_::now();
            auto dsh = review::loadDashboard(*db, staff, clock);
            dash.push_back(since(t0));
        }
        std::printf("dashboard_1m: p50 %.2f ms, p95 %.2f ms\n", pct(dash, .5), pct(dash, .95));
        db.reset();
        auto t0 = Clock_::now();
        {
            auto st = store::openLocalStore(d);
            std::printf("open_local_store_1m: %.1f ms\n", since(t0));
        }
        // Start-up of the real app on that database: init (locale, window, fonts, content, DB) + first frame.
        t0 = Clock_::now();
        {
            app::Options o = headless(d);
            app::App a(o, clock);
            std::string err;
            int code = 0;
            if (a.init(err, code)) {
                a.frame();
                std::printf("first_frame_1m: %.1f ms\n", since(t0));
            }
        }
        auto big = store::openLocalStore(d);
        sync::ExportOptions eo;
        eo.kioskId = "K-SOAK";
        eo.centreId = "soak";
        eo.writeSummaries = false;
        eo.exportPublicKey = ministryPub;
        eo.kioskKey = sync::makeKioskKey();
        std::filesystem::create_directories(dir + "/stick1m");
        t0 = Clock_::now();
        auto r = sync::exportToStick(*big.db, staff, d + "/kesip.sqlite", d, dir + "/stick1m", eo, clock);
        std::printf("export_1m_sessions: %.2f s (%lld added, error %d)\n", since(t0) / 1000.0,
                    (long long)r.added, int(r.error));
    }
}

} // namespace

int main(int argc, char** argv) {
    bool soak = false, withSync = true, compare = false, withCore = true;
    int frames = 200, runs = 7;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        if (a == "--soak")
            soak = true;
        else if (a == "--no-sync")
            withSync = false;
        else if (a == "--no-core")
            withCore = false, withSync = false;
        else if (a == "--compare")
            compare = true;
        else if (a == "--help") {
            std::puts(
                "kiosk-bench [--frames N] [--runs N] [--no-sync] [--no-core] [--soak] [--compare]: prints\n"
                "'name: value unit' lines. Run under xvfb-run -a for the X11 and OpenGL (llvmpipe) figures.\n"
                "--compare: the kiosk's start -> first frame -> exit and peak memory next to headless\n"
                "Chromium's on the same encyclopedia page (tests/bench/setup-compare.sh installs it).");
            return 0;
        } else if (a == "--frames" && i + 1 < argc)
            frames = std::atoi(argv[++i]);
        else if (a == "--runs" && i + 1 < argc)
            runs = std::max(1, std::atoi(argv[++i]));
        else {
            std::fprintf(stderr, "kiosk-bench: unknown argument %s (see --help)\n", a.c_str());
            return 2;
        }
    }
    // A private scratch dir: two benches running at once (shared machines) must not delete each other's.
    const TempDir scratch("kesip-bench-");
    if (!scratch.ok()) {
        std::fprintf(stderr, "kiosk-bench: cannot create a temporary directory\n");
        return 3;
    }
    const std::string dir = scratch.path();
    if (compare) return benchCompare(dir, runs);
    benchStartup(dir, runs);
    benchFrames(dir, frames);
    if (withCore) {
        benchCore(dir);
        benchSpeechStop();
        benchEvents(dir);
    }
    if (withSync) benchSync(dir, soak);
    return 0;
}
