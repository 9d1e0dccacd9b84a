#include <catch2/catch.hpp>

#include "util/suggest.hpp"

using namespace kesip;

TEST_CASE("editDistance counts an adjacent transposition as one edit", "[suggest]") {
    // Fails with plain Levenshtein (2 for a swap), which would miss "--otu" for "--out".
    CHECK(editDistance("otu", "out") == 1);
    CHECK(editDistance("windowd", "windowed") == 1);
    CHECK(editDistance("", "abc") == 3);
    CHECK(editDistance("same", "same") == 0);
}

TEST_CASE("closestMatch suggests the flag a misspelling most likely meant", "[suggest]") {
    const std::vector<std::string> flags = {"--out",        "--lang",     "--data-dir", "--screen",
                                            "--screenshot", "--windowed", "--help"};
    CHECK(closestMatch("--otu", flags) == "--out");
    CHECK(closestMatch("--windowd", flags) == "--windowed");
    CHECK(closestMatch("--scren=home", flags) == "--screen"); // the value is not part of the name
    CHECK(closestMatch("-lang", flags) == "--lang");          // one dash
    CHECK(closestMatch("--data", flags) == "--data-dir");     // a unique prefix
    CHECK(closestMatch("--screenshoot", flags) == "--screenshot");
}

TEST_CASE("closestMatch suggests nothing for an unrelated word", "[suggest]") {
    // Fails when the closest candidate is always returned, however far: "--frobnicate" is no flag's typo.
    const std::vector<std::string> flags = {"--out", "--lang", "--windowed"};
    CHECK(closestMatch("--frobnicate", flags).empty());
    CHECK(closestMatch("--x", flags).empty());
    CHECK(closestMatch("", flags).empty());
    CHECK(closestMatch("--scr", {"--screen", "--screenshot"}).empty()); // ambiguous prefix
}
