#include <catch2/catch.hpp>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "content/textcheck.hpp"
#include "helpers.hpp"

using namespace kesip;

// The content compiler runs content::checkText over every text under assets/, but the UI strings in
// locale/*.txt reach the screen without it. This runs the same check over every value of a bundle
// source (one `key { "value" }` per line), so a Latin look-alike inside a Cyrillic word ("Прогpамма"
// with a Latin p) or ö/ü for Kyrgyz ө/ү in a UI string fails the build instead of breaking search,
// speech and the font atlas on a kiosk.
namespace {
std::vector<std::string> bundleProblems(const std::string& path, Lang lang) {
    std::vector<std::string> out;
    std::ifstream in(path);
    if (!in) return {path + ": cannot open"};
    std::string line;
    int n = 0;
    while (std::getline(in, line)) {
        ++n;
        const auto trimmed = line.find_first_not_of(" \t");
        if (trimmed == std::string::npos || line.compare(trimmed, 2, "//") == 0) continue;
        const auto open = line.find("{ \"");
        const auto close = line.rfind("\" }");
        if (open == std::string::npos || close == std::string::npos || close <= open + 2) continue;
        const std::string key = line.substr(trimmed, line.find(' ', trimmed) - trimmed);
        const std::string value = line.substr(open + 3, close - open - 3);
        for (const auto& m : content::checkText(value, lang))
            out.push_back(path + ":" + std::to_string(n) + ": " + key + ": " + m);
    }
    return out;
}
} // namespace

TEST_CASE("locale bundles: no Latin look-alike inside a Cyrillic word, no ö ü for Kyrgyz letters") {
    const std::string dir = test::sourceDir() + "/locale/";
    for (Lang l : kLangs) {
        const auto problems = bundleProblems(dir + langCode(l) + ".txt", l);
        std::ostringstream all;
        for (const auto& p : problems) all << p << "\n";
        INFO(all.str());
        CHECK(problems.empty());
    }
}

TEST_CASE("locale bundle check finds a planted look-alike with its file, line and key") {
    test::TempDir d;
    const std::string ky = (d.path / "ky.txt").string();
    std::ofstream(ky) << "ky:table {\n"
                         "    // a comment: Latin words are fine here\n"
                         "    ok_key { \"Кесиптер энциклопедиясы, 3D-принтер\" }\n"
                         "    bad_key { \"Прогpамма\" }\n" // Latin p (U+0070) in a Cyrillic word
                         "    bad_umlaut { \"\xC3\xB6\xD0\xB7\xD2\xAF\" }\n" // Latin ö for Kyrgyz ө
                         "}\n";
    const auto problems = bundleProblems(ky, Lang::ky);
    REQUIRE(problems.size() == 3);
    CHECK_THAT(problems[0], Catch::Contains("ky.txt:4: bad_key: Latin letter inside Cyrillic word"));
    CHECK_THAT(problems[1], Catch::Contains("ky.txt:5: bad_umlaut: look-alike U+00F6"));
    CHECK_THAT(problems[2], Catch::Contains("ky.txt:5: bad_umlaut: Latin letter inside Cyrillic word"));
}
