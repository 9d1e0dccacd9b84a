// kiosk-sync and kiosk-content on the command line: CLI11 subcommands, a mistyped command or option
// answered with the closest valid one and exit code 2, and the commands scripts rely on still working.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <sys/wait.h>

#include "helpers.hpp"

using namespace kesip;

namespace {

struct Run {
    int code = -1;
    std::string out; // stdout and stderr
};

Run run(const std::string& tool, const std::string& args) {
    Run r;
    const std::string cmd = "'" + executableDir() + "/" + tool + "' " + args + " 2>&1";
    FILE* p = ::popen(cmd.c_str(), "r");
    REQUIRE(p);
    char buf[4096];
    size_t n;
    while ((n = std::fread(buf, 1, sizeof buf, p)) > 0) r.out.append(buf, n);
    const int st = ::pclose(p);
    r.code = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
    return r;
}

bool has(const Run& r, const std::string& s) {
    return r.out.find(s) != std::string::npos;
}

} // namespace

TEST_CASE("kiosk-sync: a mistyped command or option exits 2 with the closest match", "[tools]") {
    Run r = run("kiosk-sync", "merg --out x");
    INFO(r.out);
    CHECK(r.code == 2); // bug caught: an unknown command runs something or exits 0/1
    CHECK(has(r, "unknown command 'merg'; did you mean 'merge'?"));
    r = run("kiosk-sync", "simulte");
    CHECK(r.code == 2);
    CHECK(has(r, "did you mean 'simulate'?"));
    r = run("kiosk-sync", "merge --key k --otu c.sqlite stick");
    INFO(r.out);
    CHECK(r.code == 2);
    CHECK(has(r, "unknown option --otu; did you mean --out?"));
    r = run("kiosk-sync", "simulate --data-dir /nonexistent --sesions 5");
    CHECK(r.code == 2);
    CHECK(has(r, "did you mean --sessions?"));
    r = run("kiosk-sync", "summary c.sqlite --out d --lang de");
    CHECK(r.code == 2); // only ky and ru
    r = run("kiosk-sync", "verify");
    CHECK(r.code == 2); // FILE missing
    r = run("kiosk-sync", "");
    CHECK(r.code == 2);
    CHECK(has(r, "kiosk-sync merge"));
}

TEST_CASE("kiosk-content: a mistyped command or option exits 2 with the closest match", "[tools]") {
    Run r = run("kiosk-content", "compil assets --out x");
    INFO(r.out);
    CHECK(r.code == 2);
    CHECK(has(r, "unknown command 'compil'; did you mean 'compile'?"));
    r = run("kiosk-content", "compile assets --ot x");
    INFO(r.out);
    CHECK(r.code == 2);
    CHECK(has(r, "unknown option --ot; did you mean --out?"));
    r = run("kiosk-content", "check");
    CHECK(r.code == 2); // ASSETS_DIR missing
    r = run("kiosk-content", "keygen extra");
    CHECK(r.code == 2);
    CHECK(has(r, "unexpected argument 'extra'"));
}

TEST_CASE("kiosk-sync and kiosk-content: --help for the tool and for each command", "[tools]") {
    Run r = run("kiosk-sync", "--help");
    CHECK(r.code == 0);
    CHECK(has(r, "kiosk-sync merge")); // what the install test greps for
    for (const char* cmd :
         {"keygen", "merge", "kiosk-key", "setup-code", "summary", "verify", "simulate", "psychometrics"}) {
        r = run("kiosk-sync", std::string(cmd) + " --help");
        INFO(cmd << "\n" << r.out);
        CHECK(r.code == 0);
        CHECK(has(r, "--help"));
    }
    r = run("kiosk-sync", "merge --help");
    CHECK(has(r, "--kiosks"));
    r = run("kiosk-content", "-h");
    CHECK(r.code == 0);
    CHECK(has(r, "kiosk-content compile"));
    for (const char* cmd : {"check", "compile", "stats", "keygen", "sign"}) {
        r = run("kiosk-content", std::string(cmd) + " --help");
        INFO(cmd << "\n" << r.out);
        CHECK(r.code == 0);
    }
}

TEST_CASE("kiosk-sync and kiosk-content: the commands scripts call still work with their exit codes",
          "[tools]") {
    test::TempDir d;
    const std::string dir = d.str();
    Run r = run("kiosk-sync", "keygen --out '" + dir + "/keys'");
    INFO(r.out);
    CHECK(r.code == 0);
    CHECK(has(r, "export_public_key = "));
    CHECK(run("kiosk-sync", "keygen --out '" + dir + "/keys'").code == 3); // never replaces a secret key
    std::filesystem::create_directories(dir + "/data");
    r = run("kiosk-sync", "kiosk-key --data-dir '" + dir + "/data'");
    CHECK(r.code == 0);
    CHECK(r.out.size() == 65); // 64 hex digits and a line end
    CHECK(run("kiosk-sync", "setup-code --out '" + dir + "'").code == 0);
    CHECK(std::filesystem::exists(dir + "/setup-code.hash"));
    r = run("kiosk-sync",
            "simulate --sessions 20 --days 3 --seed 2 --diaries 4 --compact --data-dir '" + dir + "/sim'");
    INFO(r.out);
    CHECK(r.code == 0);
    CHECK(has(r, "simulated 20 sessions"));
    CHECK(has(r, "simulated 4 diaries"));
    r = run("kiosk-sync", "verify '" + dir + "/missing.sealed'");
    CHECK(r.code == 1);
    // A merge of a folder without exports: nothing rejected, exit 0.
    std::filesystem::create_directories(dir + "/empty");
    r = run("kiosk-sync", "merge --key '" + dir + "/keys/export_secret_key' --out '" + dir + "/c.sqlite' '" +
                              dir + "/empty'");
    INFO(r.out);
    CHECK(r.code == 0);
    CHECK(has(r, "no sealed export files"));
    r = run("kiosk-sync", "summary '" + dir + "/c.sqlite' --out '" + dir + "/sum' --lang ru");
    INFO(r.out);
    CHECK(r.code == 0);
    CHECK(std::filesystem::exists(dir + "/sum/summary-total.csv"));

    r = run("kiosk-content", "check '" + test::sourceDir() + "/assets'");
    INFO(r.out);
    CHECK(r.code == 0);
    CHECK(has(r, "ok: 2 instruments"));
    r = run("kiosk-content", "keygen");
    CHECK(r.code == 0);
    const auto at = r.out.find("secret ");
    REQUIRE(at != std::string::npos);
    const std::string secret = r.out.substr(at + 7, r.out.find('\n', at) - at - 7);
    { std::ofstream(dir + "/pack.sqlite") << "x"; }
    r = run("kiosk-content", "sign '" + dir + "/pack.sqlite' --key " + secret);
    INFO(r.out);
    CHECK(r.code == 0);
    CHECK(std::filesystem::exists(dir + "/pack.sqlite.sig"));
}
