// libFuzzer target: the content compiler's parser (catalog::readSources). The bytes become one occupations
// file (occupations/it.json) in a copy of a minimal valid encyclopedia folder (the real isco08.json and
// fields.json), made once per process.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "catalog/content.hpp"

using namespace kesip;
namespace fs = std::filesystem;

namespace {

// A fresh folder in tmpfs when there is one (files are rewritten on every run), removed at exit.
std::string makeTempDir() {
    std::string base = fs::is_directory("/dev/shm") ? "/dev/shm" : fs::temp_directory_path().string();
    std::string tmpl = base + "/kesip-fuzz-content-XXXXXX";
    if (!::mkdtemp(tmpl.data())) std::abort();
    static std::string removeAtExit;
    removeAtExit = tmpl;
    std::atexit([] {
        std::error_code ec;
        fs::remove_all(removeAtExit, ec);
    });
    return tmpl;
}

std::string setUp() {
    const std::string dir = makeTempDir();
    const std::string src = std::string(KESIP_SOURCE_DIR) + "/assets/encyclopedia";
    fs::create_directories(dir + "/occupations");
    fs::copy_file(src + "/isco08.json", dir + "/isco08.json");
    fs::copy_file(src + "/fields.json", dir + "/fields.json");
    return dir;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    static const std::string dir = setUp();
    {
        std::ofstream out(dir + "/occupations/it.json", std::ios::binary | std::ios::trunc);
        out.write(reinterpret_cast<const char*>(data), std::streamsize(size));
        if (!out) std::abort();
    }
    std::vector<content::Problem> problems;
    const auto c = catalog::readSources(dir, problems);
    for (const auto& p : problems) (void)p.str();
    if (c) {
        // Content that passes validation is what the kiosk loads: it must hold together.
        if (!problems.empty()) __builtin_trap();
        for (const auto& o : c->occupations)
            if (c->fieldIndex(o.field) < 0) __builtin_trap();
        (void)c->allTexts();
    }
    return 0;
}
