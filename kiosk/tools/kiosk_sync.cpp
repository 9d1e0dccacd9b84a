// kiosk-sync: the ministry's side of the USB sync (keys, merge sealed exports into one database, summaries,
// verify), the installer's (kiosk signing key, one-time setup code) and a generator of realistic synthetic
// kiosk data for tests, benchmarks and demos.
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <sodium.h>
#include <sstream>
#include <string>
#include <unistd.h>
#include <vector>

#include "assess/versions.hpp"
#include "catalog/content.hpp"
#include "diary/simulate.hpp"
#include "l10n/catalog.hpp"
#include "store/access.hpp"
#include "store/local_store.hpp"
#include "store/repo.hpp"
#include "sync/disclosure.hpp"
#include "sync/export.hpp"
#include "sync/keys.hpp"
#include "sync/labels.hpp"
#include "sync/simulate.hpp"
#include "util/paths.hpp"

using namespace kesip;

int psychometricsCommand(int argc, char** argv); // sync_psychometrics.cpp

namespace {

int usage() {
    std::fputs(
        "Usage:\n"
        "  kiosk-sync keygen --out DIR                                       the ministry's key pair:\n"
        "                                 DIR/export_public_key (for kiosk.conf), DIR/export_secret_key\n"
        "  kiosk-sync merge --key SECRET_FILE --out CENTRAL.sqlite [--kiosks KEYS_FILE] STICK_OR_FILE...\n"
        "                                 open sealed exports into one database (idempotent); KEYS_FILE "
        "lists\n"
        "                                 known kiosks' public keys, one per line; files of other kiosks "
        "are\n"
        "                                 reported and not merged\n"
        "  kiosk-sync kiosk-key --data-dir DIR                               make (if missing) and print "
        "the\n"
        "                                 kiosk's signing key (the package does this at install)\n"
        "  kiosk-sync setup-code --out DIR                                   a one-time staff setup code:\n"
        "                                 DIR/setup-code (root only) and DIR/setup-code.hash (the kiosk's)\n"
        "  kiosk-sync summary CENTRAL.sqlite --out DIR [--lang ky|ru]       CSV per day + summary.pdf\n"
        "  kiosk-sync verify FILE                                            check an export file\n"
        "  kiosk-sync simulate --sessions N --data-dir DIR [--kiosk-id ID] [--seed S] [--days D] "
        "[--compact] [--diaries N]\n"
        "                                                                    fill a kiosk data dir with "
        "synthetic visits and career diaries\n"
        "      [--plant-bias ITEM [--bias-shift SD]] [--interest-version V] [--strengths-version V]\n"
        "  kiosk-sync psychometrics CENTRAL.sqlite --out DIR [--lang ky|ru]  reliability, item and fairness\n"
        "                                                                    statistics, norms (PDF, CSV, "
        "JSON)\n"
        "Exit codes: 0 ok, 1 some input rejected, unknown or invalid, 2 bad arguments, 3 output unusable\n",
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
    r.interest = assess::loadInstrumentVersions(dir + "/instruments", "interest", assess::interestSpec(), ps);
    r.strengths =
        assess::loadInstrumentVersions(dir + "/instruments", "strengths", assess::strengthsSpec(), ps);
    for (auto& p : ps) std::fprintf(stderr, "kiosk-sync: %s\n", p.str().c_str());
    r.content = catalog::loadContentDb(dir + "/content.sqlite", err);
    return r;
}

bool readKey(const std::string& path, std::string& hex) {
    if (!readFile(path, hex)) return false;
    while (!hex.empty() && (hex.back() == '\n' || hex.back() == '\r' || hex.back() == ' ')) hex.pop_back();
    return true;
}

// Writes a file readable by its owner only (keys, codes).
bool writePrivate(const std::string& path, const std::string& text, mode_t mode = 0600) {
    ::unlink(path.c_str());
    int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode);
    if (fd < 0) return false;
    const bool ok = ::write(fd, text.data(), text.size()) == ssize_t(text.size()) && ::fsync(fd) == 0;
    return ::close(fd) == 0 && ok;
}

int keygen(int argc, char** argv) {
    if (argc != 4 || std::strcmp(argv[2], "--out") != 0) return usage();
    const std::string dir = argv[3];
    std::string pub, sec;
    if (!sync::makeSealingPair(pub, sec)) return 3;
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    if (fileExists(dir + "/export_secret_key")) {
        std::fprintf(stderr, "kiosk-sync: %s/export_secret_key exists; not replaced\n", dir.c_str());
        return 3;
    }
    if (!writePrivate(dir + "/export_secret_key", sec + "\n") ||
        !writePrivate(dir + "/export_public_key", pub + "\n", 0644)) {
        std::fprintf(stderr, "kiosk-sync: cannot write keys into %s\n", dir.c_str());
        return 3;
    }
    std::printf("export_public_key = %s\n(put this line into every kiosk's /etc/kesip/kiosk.conf; keep %s/"
                "export_secret_key safe: it opens every export)\n",
                pub.c_str(), dir.c_str());
    return 0;
}

int merge(int argc, char** argv) {
    std::string out, keyFile, kiosksFile;
    std::vector<std::string> inputs;
    for (int i = 2; i < argc; ++i) {
        if (!std::strcmp(argv[i], "--out") && i + 1 < argc)
            out = argv[++i];
        else if (!std::strcmp(argv[i], "--key") && i + 1 < argc)
            keyFile = argv[++i];
        else if (!std::strcmp(argv[i], "--kiosks") && i + 1 < argc)
            kiosksFile = argv[++i];
        else if (argv[i][0] == '-')
            return usage();
        else
            inputs.push_back(argv[i]);
    }
    if (out.empty() || inputs.empty() || keyFile.empty()) return usage();
    sync::MergeOptions mo;
    if (!readKey(keyFile, mo.secretKeyHex)) {
        std::fprintf(stderr, "kiosk-sync: %s: cannot read the secret key\n", keyFile.c_str());
        return 2;
    }
    if (!kiosksFile.empty()) {
        std::string text;
        if (!readFile(kiosksFile, text)) {
            std::fprintf(stderr, "kiosk-sync: %s: cannot read\n", kiosksFile.c_str());
            return 2;
        }
        std::istringstream in(text);
        for (std::string line; std::getline(in, line);) {
            std::istringstream ls(line.substr(0, line.find('#')));
            std::string k;
            if (ls >> k) mo.knownKiosks.push_back(k);
        }
    }
    auto m = sync::mergeInto(out, inputs, mo);
    if (m.error != sync::SyncError::None) {
        std::fprintf(stderr, "kiosk-sync: %s\n", m.detail.c_str());
        return 3;
    }
    for (auto& line : m.messages) std::printf("%s\n", line.c_str());
    std::printf(
        "total: added %lld, already present %lld, rejected %lld, files rejected %d, files from unknown "
        "kiosks %d\n",
        (long long)m.added, (long long)m.alreadyPresent, (long long)m.rejected, m.filesRejected,
        m.filesUnknown);
    return m.filesRejected || m.filesUnknown ? 1 : 0;
}

int kioskKey(int argc, char** argv) {
    if (argc != 4 || std::strcmp(argv[2], "--data-dir") != 0) return usage();
    std::string err;
    auto k = sync::loadOrCreateKioskKey(argv[3], err);
    if (!k) {
        std::fprintf(stderr, "kiosk-sync: %s\n", err.c_str());
        return 3;
    }
    std::printf("%s\n", k->publicHex().c_str());
    return 0;
}

int setupCode(int argc, char** argv) {
    if (argc != 4 || std::strcmp(argv[2], "--out") != 0) return usage();
    const std::string dir = argv[3];
    if (sodium_init() < 0) return 3;
    // 12 digits: typed on the PIN pad once, by the installer; the lock stops guessing.
    std::string code;
    for (int i = 0; i < 12; ++i) code += char('0' + randombytes_uniform(10));
    const std::string hash = store::hashSecret(code);
    if (hash.empty() || !writePrivate(dir + "/setup-code", code + "\n") ||
        !writePrivate(dir + "/setup-code.hash", hash + "\n", 0640)) {
        std::fprintf(stderr, "kiosk-sync: cannot write the setup code into %s\n", dir.c_str());
        return 3;
    }
    std::printf("%s\n", code.c_str());
    return 0;
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
    // Rounded like everything the kiosks publish: the summaries may leave the ministry.
    auto s = sync::publish(sync::buildSummary(db, "all sticks"));
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
    if (!v.kioskKey.empty())
        std::printf("ok: sealed export of kiosk %s (centre %s), signed by %s, %lld records\n",
                    v.kioskId.c_str(), v.centreId.c_str(), v.kioskKey.c_str(), (long long)v.sessions);
    else
        std::printf("ok: %lld sessions, %lld tests\n", (long long)v.sessions, (long long)v.tests);
    return 0;
}

int simulate(int argc, char** argv) {
    sync::SimulateOptions o;
    int64_t diaries = -1; // career diaries (issue 11); default: one per ten visits
    std::string dataDir, kioskId;
    int interestVersion = 0, strengthsVersion = 0;
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
        else if (a == "--plant-bias" && (v = next()))
            o.biasedItem = v;
        else if (a == "--bias-shift" && (v = next()))
            o.biasShift = std::atof(v);
        else if (a == "--interest-version" && (v = next()))
            interestVersion = std::atoi(v);
        else if (a == "--strengths-version" && (v = next()))
            strengthsVersion = std::atoi(v);
        else if (a == "--diaries" && (v = next()))
            diaries = std::atoll(v);
        else
            return usage();
    }
    if (dataDir.empty() || o.sessions <= 0 || o.days <= 0) return usage();
    Resources r = loadResources();
    if (!r.interest || !r.strengths) return 3;
    // An earlier version on request (data of several versions for the report's tests and demos).
    const assess::Instrument* interest =
        interestVersion ? r.interest->atVersion(interestVersion) : &*r.interest;
    const assess::Instrument* strengths =
        strengthsVersion ? r.strengths->atVersion(strengthsVersion) : &*r.strengths;
    if (!interest || !strengths) {
        std::fprintf(stderr, "kiosk-sync: no such instrument version\n");
        return 2;
    }
    auto st = store::openLocalStore(dataDir);
    if (!st.db) {
        std::fprintf(stderr, "kiosk-sync: %s\n", st.detail.c_str());
        return 3;
    }
    if (!kioskId.empty()) store::SettingsRepo(*st.db).set("kiosk_id", kioskId);
    SystemClock clock;
    const int64_t n =
        sync::simulate(*st.db, *interest, *strengths, r.content ? &*r.content : nullptr, o, clock);
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
        if (cmd == "keygen") return keygen(argc, argv);
        if (cmd == "kiosk-key") return kioskKey(argc, argv);
        if (cmd == "setup-code") return setupCode(argc, argv);
        if (cmd == "merge") return merge(argc, argv);
        if (cmd == "summary") return summary(argc, argv);
        if (cmd == "verify") return verify(argc, argv);
        if (cmd == "simulate") return simulate(argc, argv);
        if (cmd == "psychometrics") {
            const int rc = psychometricsCommand(argc, argv);
            return rc == 2 ? usage() : rc;
        }
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
