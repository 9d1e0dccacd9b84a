#include "content/textcheck.hpp"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

namespace kesip::content {

std::string Problem::str() const {
    std::string s = file;
    if (line > 0) s += ":" + std::to_string(line);
    s += ": ";
    if (!id.empty()) s += id + ": ";
    return s + message;
}

int lineOf(const std::string& text, const std::string& needle) {
    auto pos = text.find(needle);
    if (pos == std::string::npos) return 0;
    int line = 1;
    for (size_t i = 0; i < pos; ++i)
        if (text[i] == '\n') ++line;
    return line;
}

size_t utf8Length(const std::string& s) {
    size_t n = 0;
    for (unsigned char c : s)
        if ((c & 0xC0) != 0x80) ++n;
    return n;
}

namespace {
// The scripts whose letters look like Cyrillic ones (Latin a e o p c x y; Greek alpha omicron rho ...).
const char* lookAlikeScript(UChar32 c) {
    if (!u_isalpha(c)) return nullptr;
    const auto b = ublock_getCode(c);
    if (b <= UBLOCK_LATIN_EXTENDED_B || b == UBLOCK_LATIN_EXTENDED_ADDITIONAL) return "Latin";
    if (b == UBLOCK_GREEK || b == UBLOCK_GREEK_EXTENDED) return "Greek";
    return nullptr;
}
bool isCyrillicLetter(UChar32 c) {
    auto b = ublock_getCode(c);
    return u_isalpha(c) && (b == UBLOCK_CYRILLIC || b == UBLOCK_CYRILLIC_SUPPLEMENT);
}
std::string hex(UChar32 c) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "U+%04X", unsigned(c));
    return buf;
}
} // namespace

std::vector<std::string> checkText(const std::string& text, Lang lang, size_t maxChars) {
    std::vector<std::string> out;
    bool blank = true;
    for (char c : text)
        if (c != ' ' && c != '\t' && c != '\n') blank = false;
    if (blank) {
        out.push_back(std::string("empty ") + langCode(lang) + " text");
        return out;
    }
    if (maxChars && utf8Length(text) > maxChars)
        out.push_back(std::string(langCode(lang)) + " text longer than " + std::to_string(maxChars) +
                      " characters");

    // Walk words (runs of letters) and look at the scripts in each.
    const auto* s = reinterpret_cast<const uint8_t*>(text.data());
    const int32_t n = int32_t(text.size());
    int32_t i = 0;
    std::string word;
    const char* foreign = nullptr; // the first look-alike script seen in the word
    bool hasCyr = false;
    auto endWord = [&] {
        if (foreign && hasCyr)
            out.push_back(std::string(foreign) + " letter inside Cyrillic word \"" + word + "\"");
        word.clear();
        foreign = nullptr;
        hasCyr = false;
    };
    while (i < n) {
        const int32_t start = i;
        UChar32 c;
        U8_NEXT(s, i, n, c);
        if (c < 0) {
            out.push_back("invalid UTF-8");
            return out;
        }
        if (lang == Lang::ky) {
            if (c == 0x00F6 || c == 0x00D6 || c == 0x00FC || c == 0x00DC || c == 0x04E7 || c == 0x04E6 ||
                c == 0x04F1 || c == 0x04F0 || c == 0x04A5 || c == 0x04A4)
                out.push_back("look-alike " + hex(c) + " instead of Kyrgyz \xD2\xA3 \xD3\xA9 \xD2\xAF");
        }
        if (u_isalpha(c) || c == 0x0301) {
            word.append(text, size_t(start), size_t(i - start));
            if (!foreign) foreign = lookAlikeScript(c);
            hasCyr |= isCyrillicLetter(c);
        } else {
            endWord();
        }
    }
    endWord();
    return out;
}

} // namespace kesip::content
