// What reaches the disk before the export reports success. fsync is interposed in this test binary: the
// library's calls land here first (with the path of the descriptor recorded while a test asks for it),
// then go on to libc's. A power cut right after "you can remove the stick" must not lose the file, so the
// export file and the summaries are fsynced before they are renamed into place, and their folders after.
#include <algorithm>
#include <catch2/catch.hpp>
#include <dlfcn.h>
#include <filesystem>
#include <mutex>
#include <string>
#include <unistd.h>
#include <vector>

#include "helpers.hpp"
#include "store/local_store.hpp"
#include "store/repo.hpp"
#include "sync/export.hpp"
#include "sync/keys.hpp"

namespace {
std::mutex g_m;
bool g_recording = false;
std::vector<std::string> g_synced;
} // namespace

extern "C" int fsync(int fd) {
    static auto real = reinterpret_cast<int (*)(int)>(dlsym(RTLD_NEXT, "fsync"));
    {
        std::lock_guard<std::mutex> l(g_m);
        if (g_recording) {
            char buf[4096];
            const std::string link = "/proc/self/fd/" + std::to_string(fd);
            const ssize_t n = ::readlink(link.c_str(), buf, sizeof buf - 1);
            g_synced.push_back(n > 0 ? std::string(buf, size_t(n)) : std::string("?"));
        }
    }
    return real(fd);
}

using namespace kesip;
namespace fs = std::filesystem;

TEST_CASE("export fsyncs the export file and the summaries before renaming them, and their folders") {
    test::TempDir data, work, stick;
    auto opened = store::openLocalStore(data.str());
    REQUIRE(opened.db);
    FakeClock clock;
    store::SessionRepo sessions(*opened.db, clock);
    for (int i = 0; i < 3; ++i) sessions.end(sessions.begin(Lang::ky).id, "finished");
    sync::ExportOptions opts;
    opts.kioskId = "K-DURABLE";
    opts.centreId = "test";
    std::string pub, sec;
    REQUIRE(sync::makeSealingPair(pub, sec));
    opts.exportPublicKey = pub; // with the ministry's key: the sealed records are written too
    {
        std::lock_guard<std::mutex> l(g_m);
        g_synced.clear();
        g_recording = true;
    }
    const auto r = sync::exportToStick(*opened.db, store::Grant::commandLine(), data.str() + "/kesip.sqlite",
                                       work.str(), stick.str(), opts, SystemClock());
    std::vector<std::string> synced;
    {
        std::lock_guard<std::mutex> l(g_m);
        g_recording = false;
        synced = g_synced;
    }
    INFO(r.detail);
    REQUIRE(r.error == sync::SyncError::None);
    const std::string kesip = fs::canonical(stick.path / "kesip").string();
    std::string all;
    for (const auto& p : synced) all += p + "\n";
    INFO("fsynced:\n" << all);
    auto syncedFileIn = [&](const std::string& dir, const std::string& word) {
        return std::any_of(synced.begin(), synced.end(), [&](const std::string& p) {
            return fs::path(p).parent_path() == dir &&
                   fs::path(p).filename().string().find(word) != std::string::npos;
        });
    };
    auto syncedDir = [&](const std::string& dir) {
        return std::find(synced.begin(), synced.end(), dir) != synced.end();
    };
    // kesip/export/<kiosk>.sealed and kesip/summaries/<kiosk>/summary.*
    CHECK(syncedFileIn(kesip + "/export", "K-DURABLE"));
    CHECK(syncedDir(kesip + "/export"));
    CHECK(syncedFileIn(kesip + "/summaries/K-DURABLE", "summary"));
    CHECK(syncedDir(kesip + "/summaries/K-DURABLE"));
    CHECK(fs::exists(stick.path / "kesip" / "export" / "K-DURABLE.sealed"));
}
