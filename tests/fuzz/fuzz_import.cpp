// libFuzzer target: the stick import and central merge (sync::verifyExportFile, sync::mergeInto) with
// arbitrary bytes as the sealed export file. Each run merges into a fresh copy of a small central
// database (one visit in it) made once per process. A merge that reports success must leave a central
// file that verifies.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "store/db.hpp"
#include "sync/export.hpp"
#include "sync/keys.hpp"

using namespace kesip;
namespace fs = std::filesystem;

namespace {

std::string makeTempDir() {
    std::string base = fs::is_directory("/dev/shm") ? "/dev/shm" : fs::temp_directory_path().string();
    std::string tmpl = base + "/kesip-fuzz-import-XXXXXX";
    if (!::mkdtemp(tmpl.data())) std::abort();
    static std::string removeAtExit;
    removeAtExit = tmpl;
    std::atexit([] {
        std::error_code ec;
        fs::remove_all(removeAtExit, ec);
    });
    return tmpl;
}

struct Paths {
    std::string dir, input, central, templ;
    sync::MergeOptions opts; // a ministry key of this run; the fuzzed file's kiosk is accepted as known
};

Paths setUp() {
    Paths p;
    p.dir = makeTempDir();
    p.input = p.dir + "/export.sqlite";
    p.central = p.dir + "/central.sqlite";
    p.templ = p.dir + "/central-template.sqlite";
    std::string pub;
    if (!sync::makeSealingPair(pub, p.opts.secretKeyHex)) std::abort();
    store::Database db(p.templ);
    db.exec("PRAGMA page_size=512; PRAGMA journal_mode=DELETE");
    sync::createExportSchema(db);
    db.exec("INSERT INTO sessions(uuid, source, centre_id, week, lang, end_reason) VALUES("
            "'0b7f3c2e-5d1a-4c8e-9f6b-2a4d8e1c3b5a', 'K-ABC123', 'bishkek-1', '2026-W10', 'ky', 'finished')");
    db.exec("INSERT INTO tests(uuid, instrument, version, state, answers) VALUES("
            "'0b7f3c2e-5d1a-4c8e-9f6b-2a4d8e1c3b5a', 'interest', 1, 'completed', '" +
            std::string(60, '3') + "')");
    return p;
}

void writeFile(const std::string& path, const uint8_t* data, size_t size) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(data), std::streamsize(size));
    if (!out) std::abort();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    static const Paths p = setUp();
    writeFile(p.input, data, size);
    (void)sync::verifyExportFile(p.input);

    std::error_code ec;
    fs::remove(p.central + "-journal", ec);
    fs::copy_file(p.templ, p.central, fs::copy_options::overwrite_existing, ec);
    if (ec) std::abort();
    const sync::MergeReport m = sync::mergeInto(p.central, {p.input}, p.opts);
    if (m.error == sync::SyncError::None) {
        const sync::VerifyResult v = sync::verifyExportFile(p.central);
        if (v.error != sync::SyncError::None || v.sessions < 1) __builtin_trap();
    }
    return 0;
}
