// kiosk-sync: the ministry's side of the USB sync (merge sticks into one database, summaries, verify) and
// a generator of realistic synthetic kiosk data for tests, benchmarks and demos.
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "assess/instrument.hpp"
#include "catalog/content.hpp"
#include "diary/simulate.hpp"
#include "l10n/catalog.hpp"
#include "store/local_store.hpp"
#include "store/repo.hpp"
#include "sync/export.hpp"
#include "sync/labels.hpp"
#include "sync/simulate.hpp"
#include "util/paths.hpp"

using namespace kesip;

namespace {

int usage() {
    std::fputs(
        "Usage:\n"
        "  kiosk-sync merge --out CENTRAL.sqlite STICK_EXPORT.sqlite...   merge sticks (idempotent)\n"
        "  kiosk-sync summary CENTRAL.sqlite --out DIR [--lang ky|ru]       CSV per day + summary.pdf\n"
        "  kiosk-sync verify FILE                                            check an export file\n"
        "  kiosk-sync simulate --sessions N --data-dir DIR [--kiosk-id ID] [--seed S] [--days D] "
        "[--compact] [--diaries N]\n"
        "                                                                    fill a kiosk data dir with "
        "synthetic visits and career diaries\n"
        "Exit codes: 0 ok, 1 some input rejected or invalid, 2 bad arguments, 3 output unusable\n",
        stderr);
    return 2;
}

struct Resources {
    std::unique_ptr<l10n::Catalog> cat;
    std::optional<assess::Instrument> interest, strengths;
    std::optional<catalog::Content> content;
};

Resources loadResources() {
    Resources r;
    const std::string dir = findResourceDir({});
    std::string err;
    r.cat = l10n::Catalog::open(dir + "/locale", err);
    if (!r.cat) std::fprintf(stderr, "kiosk-sync: %s\n", err.c_str());
    std::vector<content::Problem> ps;
    r.interest = assess::loadInstrument(dir + "/instruments/interest.json", assess::interestSpec(), ps);
    r.strengths = assess::loadInstrument(dir + "/instruments/strengths.json", assess::strengthsSpec(), ps);
    for (auto& p : ps) std::fprintf(stderr, "kiosk-sync: %s\n", p.str().c_str());
    r.content = catalog::loadContentDb(dir + "/content.sqlite", err);
    return r;
}

int merge(int argc, char** argv) {
    std::string out;
    std::vector<std::string> inputs;
    for (int i = 2; i < argc; ++i) {
        if (!std::strcmp(argv[i], "--out") && i + 1 < argc)
            out = argv[++i];
        else
            inputs.push_back(argv[i]);
    }
    if (out.empty() || inputs.empty()) return usage();
    auto m = sync::mergeInto(out, inputs);
    if (m.error != sync::SyncError::None) {
        std::fprintf(stderr, "kiosk-sync: %s\n", m.detail.c_str());
        return 3;
    }
    for (auto& line : m.messages) std::printf("%s\n", line.c_str());
    std::printf("total: added %lld, already present %lld, rejected %lld, files rejected %d\n",
                (long long)m.added, (long long)m.alreadyPresent, (long long)m.rejected, m.filesRejected);
    return m.filesRejected ? 1 : 0;
}

int summary(int argc, char** argv) {
    if (argc < 3) return usage();
    std::string in = argv[2], out;
    Lang lang = Lang::ky;
    for (int i = 3; i < argc; ++i) {
        if (!std::strcmp(argv[i], "--out") && i + 1 < argc)
            out = argv[++i];
        else if (!std::strcmp(argv[i], "--lang") && i + 1 < argc) {
            if (!parseLang(argv[++i], lang)) return usage();
        } else
            return usage();
    }
    if (out.empty()) return usage();
    auto v = sync::verifyExportFile(in);
    if (v.error != sync::SyncError::None) {
        std::fprintf(stderr, "kiosk-sync: %s\n", v.detail.c_str());
        return 1;
    }
    Resources r = loadResources();
    if (!r.cat) return 3;
    store::Database db(in, store::Database::Mode::ReadOnly);
    auto s = sync::buildSummary(db, "all sticks");
    const std::string from = s.days.empty() ? "" : s.days.front().day,
                      to = s.days.empty() ? "" : s.days.back().day;
    SystemClock clock;
    auto labels = sync::makeSummaryLabels(*r.cat, lang, r.interest ? &*r.interest : nullptr,
                                          r.content ? &*r.content : nullptr, from, to, clock.wallMs());
    std::string err;
    if (!sync::writeCsv(s, labels, out, err) || !sync::writePdf(s, labels, out + "/summary.pdf", err)) {
        std::fprintf(stderr, "kiosk-sync: %s\n", err.c_str());
        return 3;
    }
    std::printf("summary of %lld sessions over %zu days written to %s\n", (long long)s.total.sessions,
                s.days.size(), out.c_str());
    return 0;
}

int verify(int argc, char** argv) {
    if (argc != 3) return usage();
    auto v = sync::verifyExportFile(argv[2]);
    if (v.error != sync::SyncError::None) {
        std::printf("invalid: %s\n", v.detail.c_str());
        return 1;
    }
    std::printf("ok: %lld sessions, %lld tests\n", (long long)v.sessions, (long long)v.tests);
    return 0;
}

int simulate(int argc, char** argv) {
    sync::SimulateOptions o;
    int64_t diaries = -1; // career diaries (issue 11); default: one per ten visits
    std::string dataDir, kioskId;
    for (int i = 2; i < argc; ++i) {
        std::string a = argv[i];
        auto next = [&]() -> const char* { return i + 1 < argc ? argv[++i] : nullptr; };
        const char* v = nullptr;
        if (a == "--compact")
            o.perItemResponses = false;
        else if (a == "--sessions" && (v = next()))
            o.sessions = std::atoll(v);
        else if (a == "--data-dir" && (v = next()))
            dataDir = v;
        else if (a == "--kiosk-id" && (v = next()))
            kioskId = v;
        else if (a == "--seed" && (v = next()))
            o.seed = uint32_t(std::strtoul(v, nullptr, 10));
        else if (a == "--days" && (v = next()))
            o.days = std::atoi(v);
        else if (a == "--diaries" && (v = next()))
            diaries = std::atoll(v);
        else
            return usage();
    }
    if (dataDir.empty() || o.sessions <= 0 || o.days <= 0) return usage();
    Resources r = loadResources();
    if (!r.interest || !r.strengths) return 3;
    auto st = store::openLocalStore(dataDir);
    if (!st.db) {
        std::fprintf(stderr, "kiosk-sync: %s\n", st.detail.c_str());
        return 3;
    }
    if (!kioskId.empty()) store::SettingsRepo(*st.db).set("kiosk_id", kioskId);
    SystemClock clock;
    const int64_t n =
        sync::simulate(*st.db, *r.interest, *r.strengths, r.content ? &*r.content : nullptr, o, clock);
    std::printf("simulated %lld sessions in %s\n", (long long)n, dataDir.c_str());
    const int64_t d = diary::simulateDiaries(*st.db, r.content ? &*r.content : nullptr,
                                             {diaries < 0 ? n / 10 : diaries, o.seed});
    std::printf("simulated %lld diaries\n", (long long)d);
    return 0;
}

} // namespace

int main(int argc, char** argv) {
    if (argc < 2) return usage();
    const std::string cmd = argv[1];
    try {
        if (cmd == "merge") return merge(argc, argv);
        if (cmd == "summary") return summary(argc, argv);
        if (cmd == "verify") return verify(argc, argv);
        if (cmd == "simulate") return simulate(argc, argv);
        if (cmd == "--help" || cmd == "-h") {
            usage();
            return 0;
        }
    } catch (const std::exception& e) {
        std::fprintf(stderr, "kiosk-sync: %s\n", e.what());
        return 3;
    }
    return usage();
}
