#include "app/headless_export.hpp"

#include <cstdio>

#include "assess/instrument.hpp"
#include "catalog/content.hpp"
#include "l10n/catalog.hpp"
#include "store/access.hpp"
#include "store/local_store.hpp"
#include "store/repo.hpp"
#include "sync/export.hpp"
#include "sync/keys.hpp"
#include "sync/labels.hpp"
#include "util/config.hpp"
#include "util/paths.hpp"

namespace kesip::app {

int runHeadlessExport(const Options& o) {
    const std::string res = findResourceDir(o.resourceDir);
    std::string err;
    auto cat = l10n::Catalog::open(res + "/locale", err);
    if (!cat) {
        std::fprintf(stderr, "kiosk: cannot start: %s\n", err.c_str());
        return 3;
    }
    const KioskConfig cfg = loadConfig(o.configPath);
    for (const auto& p : cfg.problems) std::fprintf(stderr, "kiosk: config: %s\n", p.c_str());
    const std::string dataDir = o.dataDir.empty() ? defaultDataDir() : o.dataDir;
    auto st = store::openLocalStore(dataDir);
    if (!st.db) {
        std::fprintf(stderr, "kiosk: %s\n%s\n", st.detail.c_str(),
                     cat->tr(o.lang, store::openErrorKey(st.error)).c_str());
        return 4;
    }
    std::vector<content::Problem> ps;
    auto interest = assess::loadInstrument(res + "/instruments/interest.json", assess::interestSpec(), ps);
    auto content = catalog::loadContentDb(res + "/content.sqlite", err);
    SystemClock clock;
    sync::ExportOptions eo;
    eo.kioskId = store::ensureKioskId(*st.db, cfg.kioskId);
    eo.centreId = store::centreId(*st.db, cfg.centreId);
    eo.retentionDays = cfg.retentionDays;
    eo.exportPublicKey = cfg.exportPublicKey;
    eo.exactDay = cfg.exportExactDay;
    eo.withKioskId = cfg.exportKioskId;
    eo.maxFileBytes = uint64_t(cfg.stickFileMaxMb) << 20;
    eo.deadlineMs = int64_t(cfg.exportTimeoutSeconds) * 1000;
    eo.kioskKey = sync::loadOrCreateKioskKey(dataDir, err);
    if (!eo.kioskKey) {
        std::fprintf(stderr, "kiosk: %s\n", err.c_str());
        return 4;
    }
    eo.labels = sync::makeSummaryLabels(*cat, o.lang, interest ? &*interest : nullptr,
                                        content ? &*content : nullptr, "{from}", "{to}", clock.wallMs());
    // Run by the administrator from a shell: the operating system's user is the check.
    auto r = sync::exportToStick(*st.db, store::Grant::commandLine(), dataDir + "/kesip.sqlite", dataDir,
                                 o.exportTo, eo, clock);
    const std::string msg =
        cat->tr(o.lang, sync::syncErrorKey(r.error), {{"added", r.added}, {"already", r.alreadyPresent}});
    std::printf("%s\n", msg.c_str());
    if (r.error != sync::SyncError::None && r.error != sync::SyncError::NoKey) {
        std::fprintf(stderr, "kiosk: export failed: %s\n", r.detail.c_str());
        return 5;
    }
    std::printf("added %lld, already present %lld, on stick %lld, purged %lld\n", (long long)r.added,
                (long long)r.alreadyPresent, (long long)r.onStick, (long long)r.purged);
    return 0;
}

} // namespace kesip::app
