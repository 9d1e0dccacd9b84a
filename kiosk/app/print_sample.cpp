#include "app/print_sample.hpp"

#include <cstdio>

#include "assess/instrument.hpp"
#include "catalog/content.hpp"
#include "l10n/catalog.hpp"
#include "print/sample.hpp"
#include "sync/content_pack.hpp"
#include "util/clock.hpp"
#include "util/paths.hpp"

namespace kesip::app {

int runPrintSample(const Options& o) {
    const std::string res = findResourceDir(o.resourceDir);
    std::string err;
    auto cat = l10n::Catalog::open(res + "/locale", err);
    if (!cat) {
        std::fprintf(stderr, "kiosk: cannot start: %s\n", err.c_str());
        return 3;
    }
    std::vector<content::Problem> ps;
    auto interest = assess::loadInstrument(res + "/instruments/interest.json", assess::interestSpec(), ps);
    auto strengths = assess::loadInstrument(res + "/instruments/strengths.json", assess::strengthsSpec(), ps);
    for (const auto& p : ps) std::fprintf(stderr, "kiosk: content: %s\n", p.str().c_str());
    // The packaged content (with --data-dir, an installed content pack there).
    auto content = catalog::loadContentDb(sync::activeContentPath(o.dataDir, res), err);
    if (!interest || !strengths || !content) {
        std::fprintf(stderr, "kiosk: cannot start: tests or content missing %s\n", err.c_str());
        return 3;
    }
    SystemClock clock;
    diary::Diary storage;
    const print::SheetInput in =
        print::sampleSheetInput(*interest, *strengths, *content, o.lang, clock.wallMs(), storage);
    const print::Document doc = print::studentSheet(*cat, in);
    if (!print::writePdfFile(doc, o.printSample, err)) {
        std::fprintf(stderr, "kiosk: cannot write %s: %s\n", o.printSample.c_str(), err.c_str());
        return 5;
    }
    std::printf("%s\n", o.printSample.c_str());
    return 0;
}

} // namespace kesip::app
