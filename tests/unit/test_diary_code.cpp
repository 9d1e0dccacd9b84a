// Diary codes and PINs (kiosk/core/diary/code.hpp).
#include <catch2/catch.hpp>
#include <cstring>
#include <random>
#include <set>

#include "diary/code.hpp"
#include "util/ids.hpp"

using namespace kesip;
using namespace kesip::diary;

namespace {
std::string randomCode(std::mt19937& rng) {
    std::string p;
    for (int i = 0; i < kPayloadLength; ++i) p += kCodeAlphabet[rng() % 31];
    return p + checkCharacter(p);
}
} // namespace

TEST_CASE("diary code: the check character catches every single substitution", "[diary]") {
    // Fails if the weights or the modulus let two characters at one position give the same sum.
    std::mt19937 rng(7);
    const int n = int(std::strlen(kCodeAlphabet));
    REQUIRE(n == 31);
    for (int k = 0; k < 200; ++k) {
        const std::string code = randomCode(rng);
        REQUIRE(hasValidCheck(code));
        for (size_t i = 0; i < code.size(); ++i)
            for (int v = 0; v < n; ++v) {
                if (kCodeAlphabet[v] == code[i]) continue;
                std::string typo = code;
                typo[i] = kCodeAlphabet[v];
                INFO(code << " -> " << typo);
                REQUIRE_FALSE(hasValidCheck(typo));
            }
    }
}

TEST_CASE("diary code: the check character catches every transposition, adjacent or not", "[diary]") {
    // The change of the sum depends only on the two positions and the two values, so every pair of values
    // at every pair of positions is tried on one code: exhaustive.
    const int n = 31;
    std::mt19937 rng(11);
    const std::string base = randomCode(rng);
    int tried = 0;
    for (size_t i = 0; i < base.size(); ++i)
        for (size_t j = i + 1; j < base.size(); ++j)
            for (int a = 0; a < n; ++a)
                for (int b = 0; b < n; ++b) {
                    if (a == b) continue;
                    // A valid code with a at i and b at j: a third position k takes the one value that
                    // makes the check hold (there is exactly one, its weight being non-zero mod 31).
                    std::string code = base;
                    code[i] = kCodeAlphabet[a];
                    code[j] = kCodeAlphabet[b];
                    const size_t k = i == 0 ? (j == 1 ? 2 : 1) : 0;
                    int solutions = 0;
                    std::string valid;
                    for (int v = 0; v < n; ++v) {
                        code[k] = kCodeAlphabet[v];
                        if (hasValidCheck(code)) ++solutions, valid = code;
                    }
                    REQUIRE(solutions == 1);
                    code = valid;
                    REQUIRE(hasValidCheck(code));
                    std::string swapped = code;
                    std::swap(swapped[i], swapped[j]);
                    INFO(code << " -> " << swapped);
                    REQUIRE_FALSE(hasValidCheck(swapped));
                    ++tried;
                }
    CHECK(tried == 36 * 31 * 30); // all 36 position pairs, all ordered pairs of different values
}

TEST_CASE("diary code: new codes are 9 characters from the alphabet, valid, and differ", "[diary]") {
    std::set<std::string> seen;
    for (int i = 0; i < 500; ++i) {
        const std::string c = newDiaryCode();
        REQUIRE(c.size() == size_t(kCodeLength));
        for (char ch : c) REQUIRE(std::strchr(kCodeAlphabet, ch));
        REQUIRE(hasValidCheck(c));
        seen.insert(c);
    }
    CHECK(seen.size() == 500);
    CHECK(formatCode("ABCDEFGH7") == "ABC-DEF-GH7");
}

TEST_CASE("diary code: what a visitor types is read kindly and mistakes are named", "[diary]") {
    std::mt19937 rng(3);
    const std::string code = randomCode(rng);
    std::string out;
    CHECK(parseCode(code, out) == CodeEntry::Ok);
    CHECK(out == code);
    std::string lower = formatCode(code);
    for (char& c : lower) c = char(std::tolower(static_cast<unsigned char>(c)));
    CHECK(parseCode(" " + lower + " ", out) == CodeEntry::Ok);
    CHECK(out == code);

    // Cyrillic look-alikes typed on the ky/ru keyboard: "АВС" (U+0410 U+0412 U+0421) read as Latin ABC.
    const std::string payload = "ABC23456";
    const std::string valid = payload + checkCharacter(payload);
    CHECK(parseCode("\xD0\x90\xD0\x92\xD0\xA1" + valid.substr(3), out) == CodeEntry::Ok);
    CHECK(out == valid);

    CHECK(parseCode("", out) == CodeEntry::Empty);
    CHECK(parseCode(" - ", out) == CodeEntry::Empty);
    CHECK(parseCode(valid.substr(0, 8), out) == CodeEntry::TooShort);
    CHECK(parseCode(valid + "A", out) == CodeEntry::TooLong);
    CHECK(parseCode("ABC0EFGH7", out) == CodeEntry::BadCharacter); // 0 is never in a code
    CHECK(parseCode("ABCIEFGH7", out) == CodeEntry::BadCharacter); // nor I
    CHECK(out.empty());
    std::string typo = valid;
    typo[4] = typo[4] == 'Z' ? 'Y' : 'Z';
    CHECK(parseCode(typo, out) == CodeEntry::Typo);
    CHECK(std::string(codeEntryKey(CodeEntry::Typo)) == "diary_code_typo");
}

TEST_CASE("diary PIN: 4 to 6 digits, not one digit repeated, not a run", "[diary]") {
    CHECK(checkPin("2580") == PinCheck::Ok);
    CHECK(checkPin("905172") == PinCheck::Ok);
    CHECK(checkPin("258") == PinCheck::Format);
    CHECK(checkPin("2580147") == PinCheck::Format);
    CHECK(checkPin("25a0") == PinCheck::Format);
    CHECK(checkPin("") == PinCheck::Format);
    CHECK(checkPin("1111") == PinCheck::TooSimple);
    CHECK(checkPin("123456") == PinCheck::TooSimple);
    CHECK(checkPin("6543") == PinCheck::TooSimple);
    CHECK(std::string(pinCheckKey(PinCheck::TooSimple)) == "diary_pin_simple");
}
