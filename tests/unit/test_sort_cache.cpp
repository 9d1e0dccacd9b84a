#include <catch2/catch.hpp>

#include "catalog/search.hpp"

using namespace kesip;

TEST_CASE("sortByTitle's remembered orders follow changed titles", "[catalog]") {
    // Fails when the remembered order is keyed by the indices alone: after a content update with the same
    // occupations under new titles, lists would keep the old order.
    catalog::Content c;
    c.occupations.resize(3);
    const char* titles[] = {
        "\xD0\x92\xD1\x80\xD0\xB0\xD1\x87", "\xD0\x90\xD0\xBA\xD1\x82\xD1\x91\xD1\x80",
        "\xD0\x91\xD0\xB0\xD1\x80\xD0\xB8\xD1\x81\xD1\x82\xD0\xB0"}; // Vrach, Akter, Barista
    for (size_t i = 0; i < 3; ++i) c.occupations[i].title.ru = titles[i];
    std::vector<int> occ = {0, 1, 2};
    catalog::sortByTitle(c, occ, Lang::ru);
    CHECK(occ == std::vector<int>{1, 2, 0});
    std::vector<int> again = {0, 1, 2};
    catalog::sortByTitle(c, again, Lang::ru); // remembered
    CHECK(again == occ);
    c.occupations[0].title.ru = "\xD0\x90\xD0\xB1\xD0\xB2"; // "Abv": now first
    std::vector<int> changed = {0, 1, 2};
    catalog::sortByTitle(c, changed, Lang::ru);
    CHECK(changed == std::vector<int>{0, 1, 2});
}

TEST_CASE("Normalizer keys are the same whether the rules were compiled ahead by prepare() or on first use",
          "[catalog]") {
    // Fails when the transliterator compiled on prepare()'s thread is lost (keys left in Cyrillic) or when
    // destroying a prepared, unused Normalizer hangs or leaks.
    catalog::Normalizer lazy, ahead;
    ahead.prepare();
    ahead.prepare();                                             // twice: still one compile
    const std::string word = "\xD3\xA8\xD0\xBD\xD3\xA9\xD1\x80"; // Kyrgyz "Onor" with barred o
    CHECK(ahead.key(word) == lazy.key(word));
    CHECK(lazy.key(word) == "onor");
    {
        catalog::Normalizer unused;
        unused.prepare();
    }
}
