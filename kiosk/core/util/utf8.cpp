#include "util/utf8.hpp"

namespace kesip::utf8 {

std::u32string decode(std::string_view s) {
    std::u32string out;
    out.reserve(s.size());
    forEach(s, [&](char32_t c, size_t, size_t) { out.push_back(c); });
    return out;
}

void append(std::string& out, char32_t c) {
    if ((c >= 0xD800 && c <= 0xDFFF) || c > 0x10FFFF) c = kReplacement;
    uint8_t buf[U8_MAX_LENGTH];
    int32_t len = 0;
    UBool error = false;
    U8_APPEND(buf, len, int32_t(sizeof buf), UChar32(c), error);
    (void)error; // cannot happen: a valid code point always fits U8_MAX_LENGTH bytes
    out.append(reinterpret_cast<const char*>(buf), size_t(len));
}

std::string encode(std::u32string_view s) {
    std::string out;
    out.reserve(s.size() * 2);
    for (char32_t c : s) append(out, c);
    return out;
}

std::string encode(char32_t c) {
    std::string out;
    append(out, c);
    return out;
}

size_t count(std::string_view s) {
    size_t n = 0;
    forEach(s, [&](char32_t, size_t, size_t) { ++n; });
    return n;
}

size_t dropLast(std::string& s) {
    if (s.empty()) return 0;
    const auto* p = reinterpret_cast<const uint8_t*>(s.data());
    int32_t i = int32_t(s.size());
    U8_BACK_1(p, 0, i);
    const size_t dropped = s.size() - size_t(i);
    s.erase(size_t(i));
    return dropped;
}

size_t prefixLength(std::string_view s, size_t maxBytes) {
    if (maxBytes >= s.size()) return s.size();
    const auto* p = reinterpret_cast<const uint8_t*>(s.data());
    int32_t i = int32_t(maxBytes);
    U8_SET_CP_START(p, 0, i); // back to the start of the code point that byte maxBytes belongs to
    return size_t(i);
}

bool valid(std::string_view s) {
    const auto* p = reinterpret_cast<const uint8_t*>(s.data());
    const int32_t n = int32_t(s.size());
    int32_t i = 0;
    while (i < n) {
        UChar32 c;
        U8_NEXT(p, i, n, c);
        if (c < 0) return false;
    }
    return true;
}

} // namespace kesip::utf8
