#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include <unicode/utf8.h>

// UTF-8 over ICU's macros (U8_NEXT, U8_APPEND, U8_BACK_1): one place that decides what an ill-formed
// sequence is. ICU rejects what a hand-written decoder tends to accept: overlong forms ("\xC0\xAF" for
// '/'), encoded surrogates (U+D800..U+DFFF), code points above U+10FFFF, truncated sequences and stray
// continuation bytes. Each maximal ill-formed part becomes one U+FFFD.
namespace kesip::utf8 {

constexpr char32_t kReplacement = 0xFFFD;

// Calls f(codePoint, begin, end) for each code point of `s` in order; [begin, end) are its bytes.
template <class F> void forEach(std::string_view s, F&& f) {
    const auto* p = reinterpret_cast<const uint8_t*>(s.data());
    const int32_t n = int32_t(s.size());
    int32_t i = 0;
    while (i < n) {
        const int32_t start = i;
        UChar32 c;
        U8_NEXT(p, i, n, c);
        f(c < 0 ? kReplacement : char32_t(c), size_t(start), size_t(i));
    }
}

std::u32string decode(std::string_view s);
// Appends `c`; a surrogate or a value above U+10FFFF is written as U+FFFD.
void append(std::string& out, char32_t c);
std::string encode(std::u32string_view s);
std::string encode(char32_t c);

// Code points in `s` (an ill-formed part counts as one).
size_t count(std::string_view s);
// Removes the last code point (a backspace); returns how many bytes went.
size_t dropLast(std::string& s);
// The longest prefix of `s` of at most `maxBytes` bytes that does not cut a code point in two.
size_t prefixLength(std::string_view s, size_t maxBytes);
// Well-formed throughout.
bool valid(std::string_view s);

} // namespace kesip::utf8
