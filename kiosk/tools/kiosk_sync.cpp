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
#include "cli.hpp"
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

int psychometricsCommand(const std::string& in, const std::string& out, Lang lang); // sync_psychometrics.cpp

namespace {

const char* const kUsage =
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
    "  kiosk-sync summary CENTRAL.sqlite --out DIR [--lang ky|ru]       CSV per week + summary.pdf\n"
    "  kiosk-sync verify FILE                                            check an export file\n"
    "  kiosk-sync simulate --sessions N --data-dir DIR [--kiosk-id ID] [--seed S] [--days D] "
    "[--compact] [--diaries N]\n"
    "                                                                    fill a kiosk data dir with "
    "synthetic visits and career diaries\n"
    "      [--plant-bias ITEM [--bias-shift SD]] [--interest-version V] [--strengths-version V]\n"
    "  kiosk-sync psychometrics CENTRAL.sqlite --out DIR [--lang ky|ru]  reliability, item and fairness\n"
    "                                                                    statistics, norms (PDF, CSV, "
    "JSON)\n"
    "Each command's options: kiosk-sync COMMAND --help\n"
    "Exit codes: 0 ok, 1 some input rejected, unknown or invalid, 2 bad arguments, 3 output unusable\n";

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

int keygen(const std::string& dir) {
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

int merge(const std::string& out, const std::string& keyFile, const std::string& kiosksFile,
          const std::vector<std::string>& inputs) {
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

int kioskKey(const std::string& dataDir) {
    std::string err;
    auto k = sync::loadOrCreateKioskKey(dataDir, err);
    if (!k) {
        std::fprintf(stderr, "kiosk-sync: %s\n", err.c_str());
        return 3;
    }
    std::printf("%s\n", k->publicHex().c_str());
    return 0;
}

int setupCode(const std::string& dir) {
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

int summary(const std::string& in, const std::string& out, Lang lang) {
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
    // The periods are days or ISO weeks, as the kiosks exported them (sealed exports carry weeks).
    std::printf("summary of %lld sessions in %zu periods (%s to %s) written to %s\n",
                (long long)s.total.sessions, s.days.size(), from.c_str(), to.c_str(), out.c_str());
    return 0;
}

int verify(const std::string& file) {
    auto v = sync::verifyExportFile(file);
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

struct SimulateArgs {
    sync::SimulateOptions o;
    int64_t diaries = -1; // career diaries (issue 11); default: one per ten visits
    std::string dataDir, kioskId;
    int interestVersion = 0, strengthsVersion = 0;
};

int simulate(SimulateArgs& a) {
    sync::SimulateOptions& o = a.o;
    const std::string& dataDir = a.dataDir;
    if (o.sessions <= 0 || o.days <= 0) {
        std::fprintf(stderr, "kiosk-sync: --sessions and --days take a number above 0\n");
        return 2;
    }
    Resources r = loadResources();
    if (!r.interest || !r.strengths) return 3;
    // An earlier version on request (data of several versions for the report's tests and demos).
    const assess::Instrument* interest =
        a.interestVersion ? r.interest->atVersion(a.interestVersion) : &*r.interest;
    const assess::Instrument* strengths =
        a.strengthsVersion ? r.strengths->atVersion(a.strengthsVersion) : &*r.strengths;
    if (!interest || !strengths) {
        std::fprintf(stderr, "kiosk-sync: no such instrument version\n");
        return 2;
    }
    auto st = store::openLocalStore(dataDir);
    if (!st.db) {
        std::fprintf(stderr, "kiosk-sync: %s\n", st.detail.c_str());
        return 3;
    }
    if (!a.kioskId.empty()) store::SettingsRepo(*st.db).set("kiosk_id", a.kioskId);
    SystemClock clock;
    const int64_t n =
        sync::simulate(*st.db, *interest, *strengths, r.content ? &*r.content : nullptr, o, clock);
    std::printf("simulated %lld sessions in %s\n", (long long)n, dataDir.c_str());
    const int64_t d = diary::simulateDiaries(*st.db, r.content ? &*r.content : nullptr,
                                             {a.diaries < 0 ? n / 10 : a.diaries, o.seed});
    std::printf("simulated %lld diaries\n", (long long)d);
    return 0;
}

} // namespace

int main(int argc, char** argv) {
    CLI::App app("kiosk-sync", "kiosk-sync");
    app.set_help_flag("-h,--help", "this text");
    std::string out, key, kiosks, dataDir, file;
    std::vector<std::string> inputs;
    std::string lang = "ky";
    auto langOption = [&](CLI::App* c) {
        c->add_option("--lang", lang, "language of the files (default ky)")
            ->check(CLI::IsMember({"ky", "ru"}));
    };
    CLI::App* keygenCmd = tools::addCommand(app, "keygen", "the ministry's key pair");
    keygenCmd->add_option("--out", out, "folder for export_public_key and export_secret_key")->required();
    CLI::App* mergeCmd = tools::addCommand(app, "merge", "open sealed exports into one central database");
    mergeCmd->add_option("--key", key, "the ministry's secret key file")->required();
    mergeCmd->add_option("--out", out, "the central database (made when missing)")->required();
    mergeCmd->add_option("--kiosks", kiosks, "known kiosks' public keys, one per line");
    mergeCmd->add_option("inputs", inputs, "sticks, folders or .sealed files")->required();
    CLI::App* kioskKeyCmd =
        tools::addCommand(app, "kiosk-key", "make (if missing) and print the kiosk's signing key");
    kioskKeyCmd->add_option("--data-dir", dataDir, "the kiosk's data folder")->required();
    CLI::App* setupCmd = tools::addCommand(app, "setup-code", "a one-time staff setup code");
    setupCmd->add_option("--out", out, "folder for setup-code and setup-code.hash")->required();
    CLI::App* summaryCmd = tools::addCommand(app, "summary", "rounded CSV per week and summary.pdf");
    summaryCmd->add_option("central", file, "the central database")->required();
    summaryCmd->add_option("--out", out, "output folder")->required();
    langOption(summaryCmd);
    CLI::App* verifyCmd = tools::addCommand(app, "verify", "check an export file or central database");
    verifyCmd->add_option("file", file, "the file")->required();
    SimulateArgs sim;
    CLI::App* simCmd =
        tools::addCommand(app, "simulate", "fill a kiosk data dir with synthetic visits and diaries");
    simCmd->add_option("--sessions", sim.o.sessions, "visits to make (default 1000)");
    simCmd->add_option("--data-dir", sim.dataDir, "the kiosk's data folder")->required();
    simCmd->add_option("--kiosk-id", sim.kioskId, "the kiosk id to set");
    simCmd->add_option("--seed", sim.o.seed, "random seed");
    simCmd->add_option("--days", sim.o.days, "days the visits spread over");
    simCmd->add_flag("--compact", "no per-item responses");
    simCmd->add_option("--diaries", sim.diaries, "career diaries (default: one per ten visits)");
    simCmd->add_option("--plant-bias", sim.o.biasedItem, "an item answered differently by one group");
    simCmd->add_option("--bias-shift", sim.o.biasShift, "the planted shift in SD");
    simCmd->add_option("--interest-version", sim.interestVersion, "interest test version");
    simCmd->add_option("--strengths-version", sim.strengthsVersion, "strengths test version");
    CLI::App* psyCmd =
        tools::addCommand(app, "psychometrics", "reliability, item and fairness statistics, norms");
    psyCmd->add_option("central", file, "the central database")->required();
    psyCmd->add_option("--out", out, "output folder")->required();
    langOption(psyCmd);

    const int rc = tools::parse(app, argc, argv, kUsage);
    if (rc >= 0) return rc;
    Lang l = Lang::ky;
    parseLang(lang, l);
    try {
        if (keygenCmd->parsed()) return keygen(out);
        if (kioskKeyCmd->parsed()) return kioskKey(dataDir);
        if (setupCmd->parsed()) return setupCode(out);
        if (mergeCmd->parsed()) return merge(out, key, kiosks, inputs);
        if (summaryCmd->parsed()) return summary(file, out, l);
        if (verifyCmd->parsed()) return verify(file);
        if (simCmd->parsed()) {
            if (simCmd->count("--compact")) sim.o.perItemResponses = false;
            return simulate(sim);
        }
        if (psyCmd->parsed()) return psychometricsCommand(file, out, l);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "kiosk-sync: %s\n", e.what());
        return 3;
    }
    return 2;
}
