#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <regex>
#include <set>

#include "helpers.hpp"
#include "l10n/catalog.hpp"

using namespace kesip;
using kesip::l10n::Catalog;

namespace {
std::unique_ptr<Catalog> openCatalog() {
    std::string err;
    auto c = Catalog::open(test::localeDir(), err);
    INFO(err);
    REQUIRE(c);
    return c;
}

// Every key the code can ask for: tr("key"), tr(Lang::x, "key") and K("key") in kiosk/.
std::set<std::string> keysUsedInCode() {
    std::set<std::string> keys;
    const std::regex re(R"re(\b(?:tr\(\s*(?:[A-Za-z:]+\s*,\s*)?|K\()"([a-z0-9_]+)")re");
    for (auto& e : std::filesystem::recursive_directory_iterator(test::sourceDir() + "/kiosk")) {
        auto ext = e.path().extension();
        if (ext != ".cpp" && ext != ".hpp") continue;
        std::string text;
        readFile(e.path().string(), text);
        for (std::sregex_iterator it(text.begin(), text.end(), re), end; it != end; ++it)
            keys.insert((*it)[1]);
    }
    return keys;
}
} // namespace

TEST_CASE("every locale key used in code exists in ky and ru") {
    auto c = openCatalog();
    auto used = keysUsedInCode();
    REQUIRE(used.size() > 30); // the scan itself works
    const auto rootKeys = c->rootKeys();
    const std::set<std::string> root(rootKeys.begin(), rootKeys.end());
    for (Lang l : kLangs) {
        const auto own = c->keys(l);
        const std::set<std::string> mine(own.begin(), own.end());
        for (const auto& k : used) {
            INFO("lang " << langCode(l) << " key " << k);
            // Language-neutral strings (names of the languages, the product) live in root only.
            CHECK((mine.count(k) || root.count(k)));
        }
    }
}

TEST_CASE("ky and ru bundles define the same keys") {
    auto c = openCatalog();
    CHECK(c->keys(Lang::ky) == c->keys(Lang::ru));
}

TEST_CASE("plurals follow each language's rules") {
    auto c = openCatalog();
    CHECK(c->tr(Lang::ru, "home_minutes", {{"n", 1}}) == "~1 минута");
    CHECK(c->tr(Lang::ru, "home_minutes", {{"n", 3}}) == "~3 минуты");
    CHECK(c->tr(Lang::ru, "home_minutes", {{"n", 8}}) == "~8 минут");
    CHECK(c->tr(Lang::ru, "home_minutes", {{"n", 21}}) == "~21 минута");
    CHECK(c->tr(Lang::ky, "home_minutes", {{"n", 8}}) == "~8 мүнөт");
    CHECK(c->tr(Lang::ru, "idle_body", {{"seconds", 5}}).find("5 секунд ") != std::string::npos);
    CHECK(c->tr(Lang::ru, "idle_body", {{"seconds", 2}}).find("2 секунды") != std::string::npos);
}

TEST_CASE("missing keys show the key instead of failing") {
    auto c = openCatalog();
    CHECK(c->tr(Lang::ky, "no_such_key_here") == "no_such_key_here");
    CHECK(c->tr(Lang::ru, "lang_ky") == "Кыргызча"); // root fallback
}

TEST_CASE("numbers and dates are formatted per locale") {
    auto c = openCatalog();
    // ru groups thousands with a no-break space and uses a decimal comma
    CHECK(c->formatNumber(Lang::ru, 12345.5, 1) == "12\u00A0345,5");
    const int64_t day = 1795000000000; // 2026-11-18 UTC
    std::string ru = c->formatDate(Lang::ru, day), ky = c->formatDate(Lang::ky, day);
    CHECK(ru.find("2026") != std::string::npos);
    CHECK(ru.find("ноября") != std::string::npos);
    CHECK(ky.find("2026") != std::string::npos);
    CHECK(ky != ru);
}

TEST_CASE("a missing or broken bundle is reported and not crashed on") {
    test::TempDir d;
    std::string err;
    CHECK_FALSE(Catalog::open(d.str(), err));
    CHECK_THAT(err, Catch::Contains("missing"));

    // ru.res corrupted: copy good bundles, then overwrite one with garbage
    for (auto n : {"root.res", "ky.res"}) std::filesystem::copy_file(test::localeDir() + "/" + n, d.path / n);
    std::ofstream(d.path / "ru.res") << "this is not a resource bundle";
    err.clear();
    CHECK_FALSE(Catalog::open(d.str(), err));
    CHECK_FALSE(err.empty());
}

TEST_CASE("a message pattern that does not parse is reported with its key") {
    test::TempDir d;
    std::ofstream(d.path / "root.txt") << "root:table { app_name { \"x\" } }\n";
    std::ofstream(d.path / "ky.txt") << "ky:table { broken { \"{n, plural, one {#\" } }\n";
    std::ofstream(d.path / "ru.txt") << "ru:table { broken { \"ok\" } }\n";
    std::string cmd = "genrb -q -e UTF-8 -d " + d.str() + " " + d.str() + "/root.txt " + d.str() +
                      "/ky.txt " + d.str() + "/ru.txt >/dev/null 2>&1";
    REQUIRE(std::system(cmd.c_str()) == 0);
    std::string err;
    CHECK_FALSE(Catalog::open(d.str(), err));
    CHECK_THAT(err, Catch::Contains("broken"));
}
