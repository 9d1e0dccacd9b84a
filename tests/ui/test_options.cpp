#include <cstdlib>
#include <sys/wait.h>

#include "app/options.hpp"
#include "driver.hpp"

using namespace kesip;

namespace {
// parseOptions over a list of arguments (argv[0] added).
bool parse(std::vector<std::string> args, app::Options& o, std::string& error) {
    args.insert(args.begin(), "kiosk");
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    return app::parseOptions(int(argv.size()), argv.data(), o, error);
}
} // namespace

TEST_CASE("kiosk flags: every existing flag still parses", "[options]") {
    // Fails when the CLI11 definitions drop or rename a flag that tests and packaging use.
    app::Options o;
    std::string err;
    REQUIRE(parse({"--windowed",
                   "--data-dir",
                   "/tmp/d",
                   "--resources",
                   "/tmp/r",
                   "--font-dir",
                   "/tmp/f",
                   "--text-scale",
                   "1.5",
                   "--maintenance-seconds",
                   "7",
                   "--config",
                   "/tmp/c.conf",
                   "--large-text",
                   "--high-contrast",
                   "--screenshot",
                   "/tmp/x.png",
                   "--screen",
                   "search:abc",
                   "--lang",
                   "ru",
                   "--size",
                   "1366x768",
                   "--renderer",
                   "opengl",
                   "--exit-after-first-frame"},
                  o, err));
    CHECK(err.empty());
    CHECK(o.windowed);
    CHECK(o.dataDir == "/tmp/d");
    CHECK(o.resourceDir == "/tmp/r");
    CHECK(o.fontDir == "/tmp/f");
    CHECK(o.textScale == 1.5f);
    CHECK(o.maintenanceSeconds == 7);
    CHECK(o.configPath == "/tmp/c.conf");
    CHECK(o.largeText);
    CHECK(o.highContrast);
    CHECK(o.screenshot == "/tmp/x.png");
    CHECK(o.screen == "search:abc");
    CHECK(o.lang == Lang::ru);
    CHECK((o.width == 1366 && o.height == 768 && o.sizeGiven));
    CHECK(o.renderer == "opengl");
    CHECK(o.exitAfterFirstFrame);

    app::Options d;
    REQUIRE(parse({"--self-test", "--export-to=/media/x"}, d, err));
    CHECK(d.selfTest);
    CHECK(d.exportTo == "/media/x");
    CHECK(parse({"--help"}, d, err));
    CHECK(d.help);
}

TEST_CASE("kiosk flags: bad values are refused with the flag named", "[options]") {
    app::Options o;
    std::string err;
    CHECK_FALSE(parse({"--lang", "en"}, o, err));
    CHECK_THAT(err, Catch::Contains("--lang"));
    CHECK_FALSE(parse({"--size", "100x100"}, o, err));
    CHECK_THAT(err, Catch::Contains("--size"));
    CHECK_FALSE(parse({"--text-scale", "9"}, o, err));
    CHECK_THAT(err, Catch::Contains("--text-scale"));
    CHECK_FALSE(parse({"--renderer", "vulkan"}, o, err));
    CHECK_THAT(err, Catch::Contains("--renderer"));
    CHECK_FALSE(parse({"--screen", "nowhere"}, o, err));
    CHECK_THAT(err, Catch::Contains("unknown screen"));
    CHECK_FALSE(parse({"--data-dir"}, o, err));
    CHECK_THAT(err, Catch::Contains("--data-dir"));
    CHECK_FALSE(parse({"stray"}, o, err));
    CHECK_THAT(err, Catch::Contains("stray"));
}

TEST_CASE("kiosk flags: a misspelt flag exits 2 naming it and the closest valid flag", "[options]") {
    // Fails when an unknown flag is ignored or taken as a value, or the message gives no hint.
    const std::string errFile = std::filesystem::temp_directory_path() / "kesip-options-stderr.txt";
    const std::string cmd = executableDir() + "/kiosk --screenshoot /tmp/never.png 2>" + errFile;
    const int rc = std::system(cmd.c_str());
    REQUIRE(WIFEXITED(rc));
    CHECK(WEXITSTATUS(rc) == 2);
    std::string err;
    readFile(errFile, err);
    CHECK_THAT(err, Catch::Contains("unknown option --screenshoot"));
    CHECK_THAT(err, Catch::Contains("did you mean --screenshot?"));
    CHECK_FALSE(fileExists("/tmp/never.png"));

    app::Options o;
    std::string e;
    CHECK_FALSE(parse({"--windowd"}, o, e));
    CHECK_THAT(e, Catch::Contains("did you mean --windowed?"));
    CHECK_FALSE(parse({"--frobnicate"}, o, e));
    CHECK_THAT(e, Catch::Contains("unknown option --frobnicate"));
    CHECK_THAT(e, !Catch::Contains("did you mean"));
}

TEST_CASE("kiosk --help is generated from the flag definitions", "[options]") {
    // Fails when a flag is parsed but missing from --help (two lists drifting apart).
    const std::string help = app::helpText();
    for (const char* f : {"--windowed",      "--data-dir",    "--resources",
                          "--font-dir",      "--text-scale",  "--maintenance-seconds",
                          "--config",        "--renderer",    "--large-text",
                          "--high-contrast", "--self-test",   "--export-to",
                          "--screenshot",    "--screen",      "--exit-after-first-frame",
                          "--lang",          "--size",        "--help",
                          "Exit codes",      "interest-test", "encyclopedia"})
        CHECK_THAT(help, Catch::Contains(f));
}
