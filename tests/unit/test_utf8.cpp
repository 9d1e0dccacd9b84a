#include <catch2/catch.hpp>

#include "speech/speech.hpp"
#include "util/utf8.hpp"

using namespace kesip;

namespace {
bool hasSurrogateOrAbove(const std::u32string& s) {
    for (char32_t c : s)
        if ((c >= 0xD800 && c <= 0xDFFF) || c > 0x10FFFF) return true;
    return false;
}
} // namespace

TEST_CASE("utf8 decode keeps Kyrgyz letters and astral code points", "[utf8]") {
    // Fails when a multi-byte sequence is mis-assembled (wrong masks or shifts).
    CHECK(utf8::decode("\xD2\xA3\xD3\xA9\xD2\xAF") == U"\u04A3\u04E9\u04AF"); // ң ө ү
    CHECK(utf8::decode("a\xF0\x9F\x98\x80z") == U"a\U0001F600z");
    CHECK(utf8::encode(U"\u04A3\u04E9\u04AF \U0001F600") == "\xD2\xA3\xD3\xA9\xD2\xAF \xF0\x9F\x98\x80");
}

TEST_CASE("utf8 decode rejects overlong forms, surrogates and values above U+10FFFF", "[utf8]") {
    // The hand-written decoder this replaced read "\xC0\xAF" as '/' and "\xED\xA0\x80" as U+D800.
    const std::u32string overlong = utf8::decode("a\xC0\xAF"
                                                 "b\xE0\x80\xAF"
                                                 "c");
    CHECK(overlong.find(U'/') == std::u32string::npos);
    CHECK(overlong.front() == U'a');
    CHECK(overlong.back() == U'c');
    CHECK(overlong.find(utf8::kReplacement) != std::u32string::npos);

    const std::u32string surrogate = utf8::decode("x\xED\xA0\x80y");
    CHECK_FALSE(hasSurrogateOrAbove(surrogate));
    CHECK(surrogate.front() == U'x');
    CHECK(surrogate.back() == U'y');
    CHECK(surrogate.find(utf8::kReplacement) != std::u32string::npos);

    CHECK_FALSE(hasSurrogateOrAbove(utf8::decode("\xF4\x90\x80\x80")));           // U+110000
    CHECK(utf8::decode("a\xD0") == std::u32string(U"a") + utf8::kReplacement);    // truncated
    CHECK(utf8::decode("\x80z") == std::u32string(1, utf8::kReplacement) + U"z"); // stray continuation
    CHECK_FALSE(utf8::valid("\xC0\xAF"));
    CHECK_FALSE(utf8::valid("\xED\xA0\x80"));
    CHECK(utf8::valid("\xD2\xA3 ok"));
}

TEST_CASE("utf8 encode never writes a surrogate or a value above U+10FFFF", "[utf8]") {
    // Fails when encode writes the 3-byte form of a surrogate (invalid UTF-8 for espeak and ICU).
    CHECK(utf8::encode(std::u32string(1, char32_t(0xD800))) == "\xEF\xBF\xBD");
    CHECK(utf8::encode(char32_t(0x110000)) == "\xEF\xBF\xBD");
    CHECK(utf8::valid(utf8::encode(U"\u0410\U0010FFFF")));
}

TEST_CASE("utf8 count, dropLast and prefixLength work on code points", "[utf8]") {
    // Fails when they count or cut bytes instead of code points.
    CHECK(utf8::count("\xD2\xA3\xD3\xA9\xD2\xAF") == 3);
    CHECK(utf8::count("a\xF0\x9F\x98\x80") == 2);
    CHECK(utf8::count("") == 0);

    std::string s = "\xD1\x82\xD0\xB5\xD1\x81\xD1\x82"; // тест
    CHECK(utf8::dropLast(s) == 2);
    CHECK(s == "\xD1\x82\xD0\xB5\xD1\x81");
    std::string emoji = "a\xF0\x9F\x98\x80";
    CHECK(utf8::dropLast(emoji) == 4);
    CHECK(emoji == "a");
    std::string empty;
    CHECK(utf8::dropLast(empty) == 0);

    const std::string k = "\xD2\xA3\xD3\xA9\xD2\xAF"; // 6 bytes, 3 letters
    CHECK(utf8::prefixLength(k, 3) == 2);
    CHECK(utf8::prefixLength(k, 4) == 4);
    CHECK(utf8::prefixLength(k, 100) == 6);
    CHECK(utf8::prefixLength(k, 0) == 0);

    size_t n = 0;
    std::string rebuilt;
    utf8::forEach(k, [&](char32_t c, size_t b, size_t e) {
        ++n;
        CHECK(e - b == 2);
        utf8::append(rebuilt, c);
    });
    CHECK(n == 3);
    CHECK(rebuilt == k);
}

TEST_CASE("speech text preparation replaces ill-formed UTF-8 instead of decoding it", "[utf8][speech]") {
    for (Lang l : kLangs) {
        // The old decoder turned the overlong "\xC0\xAF" into '/', read out as "or"; and passed an encoded
        // surrogate through to espeak as invalid UTF-8.
        CHECK(speech::prepareText("a \xC0\xAF b", l) == speech::prepareText("a b", l));
        const std::string s = speech::prepareText("x\xED\xA0\x80y", l);
        CHECK(s == "x y");
        CHECK(utf8::valid(s));
    }
}
