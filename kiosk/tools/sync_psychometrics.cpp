// kiosk-sync psychometrics: the methodologist's report on the tests from merged field data (PDF, CSVs,
// norms ready for assets/norms/). Registered in kiosk_sync.cpp.
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <string>
#include <vector>

#include "assess/versions.hpp"
#include "l10n/catalog.hpp"
#include "psychometrics/report_out.hpp"
#include "sync/export.hpp"
#include "util/clock.hpp"
#include "util/paths.hpp"

using namespace kesip;

int psychometricsCommand(const std::string& in, const std::string& out, Lang lang) {
    auto v = sync::verifyExportFile(in);
    if (v.error != sync::SyncError::None) {
        std::fprintf(stderr, "kiosk-sync: %s\n", v.detail.c_str());
        return 1;
    }
    const std::string res = findResourceDir({});
    std::string err;
    auto cat = l10n::Catalog::open(res + "/locale", err);
    if (!cat) {
        std::fprintf(stderr, "kiosk-sync: %s\n", err.c_str());
        return 3;
    }
    // Every version of both tests: runs are analysed with the version they were taken with.
    std::vector<content::Problem> ps;
    auto interest =
        assess::loadInstrumentVersions(res + "/instruments", "interest", assess::interestSpec(), ps);
    auto strengths =
        assess::loadInstrumentVersions(res + "/instruments", "strengths", assess::strengthsSpec(), ps);
    for (const auto& p : ps) std::fprintf(stderr, "kiosk-sync: %s\n", p.str().c_str());
    if (!interest || !strengths) return 3;

    store::Database db(in, store::Database::Mode::ReadOnly);
    const auto data = psychometrics::loadFieldData(db, std::filesystem::path(in).filename().string());
    SystemClock clock;
    const auto report =
        psychometrics::buildReport(data, {&*interest, &*strengths}, localDate(clock.wallMs()));
    const std::string pdf = out + "/psychometrics.pdf";
    if (!psychometrics::writeReportCsv(report, lang, out, err) ||
        !psychometrics::writeReportPdf(report, *cat, lang, pdf, err)) {
        std::fprintf(stderr, "kiosk-sync: %s\n", err.c_str());
        return 3;
    }
    const int norms = psychometrics::writeNormsFiles(report, out, err);
    if (norms < 0) {
        std::fprintf(stderr, "kiosk-sync: %s\n", err.c_str());
        return 3;
    }
    for (const auto& vr : report.versions) {
        std::printf("%s v%d: %lld runs%s\n", vr.instrument.c_str(), vr.version, (long long)vr.runs,
                    vr.ins ? "" : " (no file for this version: not analysed)");
        for (const auto& s : vr.scales) {
            int flagged = 0;
            for (const auto& it : s.items) flagged += it.flagged;
            if (s.alpha)
                std::printf("  %-18s alpha %.3f [%.3f, %.3f] n=%d%s\n", s.id.c_str(), *s.alpha, s.ci->low,
                            s.ci->high, s.complete,
                            flagged ? (" items |d|>=0.5: " + std::to_string(flagged)).c_str() : "");
            else
                std::printf("  %-18s alpha %s (n=%d)\n", s.id.c_str(),
                            s.zeroVariance ? "undefined: no variance" : "too few runs", s.complete);
        }
    }
    if (report.simulatedSessions > 0)
        std::printf("note: %lld simulated sessions: norms are marked simulated and will be refused\n",
                    (long long)report.simulatedSessions);
    std::printf("report written to %s (%d norms file%s)\n", out.c_str(), norms, norms == 1 ? "" : "s");
    return 0;
}
