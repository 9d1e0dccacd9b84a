#include <cstdlib>
#include <cstring>
#include <fstream>
#include <set>
#include <stb_image.h>
#include <sys/wait.h>
#include <unistd.h>

#include "driver.hpp"
#include "store/db.hpp"

using namespace kesip;

namespace {
std::string kioskBin() {
    return executableDir() + "/kiosk";
}

int runKiosk(const std::string& args, std::string* err = nullptr, const std::string& env = {}) {
    // One file per process: a fixed name is overwritten by other test runs on the same machine.
    const std::string errFile =
        std::filesystem::temp_directory_path() / ("kesip-stderr-" + std::to_string(::getpid()) + ".txt");
    const std::string cmd = (env.empty() ? "" : env + " ") + kioskBin() + " " + args + " 2>" + errFile;
    int rc = std::system(cmd.c_str());
    if (err) readFile(errFile, *err);
    std::filesystem::remove(errFile);
    return WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
}

// Not blank: many distinct colours and a real spread of luminance.
void checkPng(const std::string& path, int w, int h) {
    int x = 0, y = 0, n = 0;
    unsigned char* px = stbi_load(path.c_str(), &x, &y, &n, 4);
    REQUIRE(px);
    CHECK(x == w);
    CHECK(y == h);
    std::set<uint32_t> colours;
    for (int i = 0; i < x * y; i += 7) {
        uint32_t c;
        std::memcpy(&c, px + size_t(i) * 4, 4);
        colours.insert(c);
    }
    stbi_image_free(px);
    CHECK(colours.size() > 20);
}
} // namespace

TEST_CASE("screenshot mode writes a non-blank PNG of each shell screen in ky and ru") {
    std::filesystem::create_directories(KESIP_SCREENSHOT_DIR);
    for (const char* lang : {"ky", "ru"}) {
        for (const char* screen : {"attract", "language", "home", "encyclopedia", "finish"}) {
            std::string name = screen;
            std::replace(name.begin(), name.end(), ':', '_');
            const std::string out = std::string(KESIP_SCREENSHOT_DIR) + "/" + name + "-" + lang + ".png";
            std::filesystem::remove(out);
            INFO(out);
            CHECK(runKiosk(std::string("--screenshot ") + out + " --screen " + screen + " --lang " + lang) ==
                  0);
            checkPng(out, 1920, 1080);
        }
    }
    const std::string small = std::string(KESIP_SCREENSHOT_DIR) + "/home-ky-1366x768.png";
    CHECK(runKiosk("--screenshot " + small + " --screen home --size 1366x768") == 0);
    checkPng(small, 1366, 768);
}

// The staff screenshots build a throwaway kiosk (400 simulated visits) in a temp directory. It was named
// after the pid and the PIN screen returned before removing it; when the pid came round again (CI
// containers wrap their pid counter), the next screenshot reused the old database and the fixed sample
// visits collided ("UNIQUE constraint failed: sessions.code").
TEST_CASE("staff screenshots leave nothing in the temp directory") {
    test::TempDir tmp;
    test::TempDir out;
    for (const char* screen : {"pin", "counselor", "pin", "staff"}) {
        INFO(screen);
        const std::string png = out.str() + "/" + screen + ".png";
        CHECK(runKiosk("--screenshot " + png + " --screen " + screen, nullptr, "TMPDIR=" + tmp.str()) == 0);
        CHECK(std::filesystem::exists(png));
        CHECK(std::filesystem::is_empty(tmp.path));
    }
}

TEST_CASE("help lists flags and screen names") {
    const std::string out = std::filesystem::temp_directory_path() / "kesip-help.txt";
    REQUIRE(std::system((kioskBin() + " --help >" + out).c_str()) == 0);
    std::string text;
    readFile(out, text);
    for (auto s :
         {"--screenshot", "--screen", "--lang", "--size", "--data-dir", "--windowed", "attract", "home",
          "language", "encyclopedia", "field", "occupation", "search", "results", "interest-test", "finish"})
        CHECK_THAT(text, Catch::Contains(s));
}

TEST_CASE("bad input at start gives a clear message and a non-zero exit and leaves files untouched") {
    std::filesystem::create_directories(KESIP_SCREENSHOT_DIR);
    test::TempDir d;
    std::string err;
    SECTION("unknown option") {
        CHECK(runKiosk("--frobnicate", &err) == 2);
        CHECK_THAT(err, Catch::Contains("unknown option"));
    }
    SECTION("missing locale bundles") {
        CHECK(runKiosk("--resources " + d.str() + " --screenshot " + d.str() + "/x.png", &err) == 3);
        CHECK_THAT(err, Catch::Contains("locale bundle"));
    }
    SECTION("missing font") {
        CHECK(runKiosk("--font-dir " + d.str() + " --screenshot " + d.str() + "/x.png", &err) == 3);
        CHECK_THAT(err, Catch::Contains("font not found"));
    }
    SECTION("database from a newer version: localized maintenance screen, exit 4, file unchanged") {
        const std::string db = d.str() + "/kesip.sqlite";
        {
            store::Database x(db);
            x.exec("CREATE TABLE t(x); PRAGMA user_version=77");
        }
        std::string before, after;
        readFile(db, before);
        CHECK(runKiosk("--data-dir " + d.str() + " --screenshot " + d.str() + "/m.png", &err) == 4);
        readFile(db, after);
        CHECK(before == after);
        CHECK_THAT(err, Catch::Contains("newer"));
        checkPng(d.str() + "/m.png", 1920, 1080);
        std::filesystem::copy_file(d.str() + "/m.png", std::string(KESIP_SCREENSHOT_DIR) + "/maintenance.png",
                                   std::filesystem::copy_options::overwrite_existing);
    }
    SECTION("a file that is not a database") {
        std::ofstream(d.path / "kesip.sqlite") << "hello";
        CHECK(runKiosk("--data-dir " + d.str() + " --screenshot " + d.str() + "/m.png", &err) == 4);
        std::string after;
        readFile(d.str() + "/kesip.sqlite", after);
        CHECK(after == "hello");
    }
}
