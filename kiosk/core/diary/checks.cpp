#include "diary/checks.hpp"

#include <cstdio>

#include "l10n/catalog.hpp"
#include "util/clock.hpp"

namespace kesip::diary {

namespace {
// Decodes one UTF-8 sequence at s[i]; returns the code point and advances i, or -1 (advancing one byte)
// when the bytes there are not valid UTF-8 (truncated, overlong, surrogate, beyond U+10FFFF).
long nextCodePoint(const std::string& s, size_t& i) {
    const auto b = static_cast<unsigned char>(s[i]);
    const int len = b < 0x80             ? 1
                    : (b & 0xE0) == 0xC0 ? 2
                    : (b & 0xF0) == 0xE0 ? 3
                    : (b & 0xF8) == 0xF0 ? 4
                                         : 0;
    if (len == 0 || i + size_t(len) > s.size()) {
        ++i;
        return -1;
    }
    long cp = len == 1 ? b : len == 2 ? (b & 0x1F) : len == 3 ? (b & 0x0F) : (b & 0x07);
    for (int k = 1; k < len; ++k) {
        const auto c = static_cast<unsigned char>(s[i + size_t(k)]);
        if ((c & 0xC0) != 0x80) {
            ++i;
            return -1;
        }
        cp = (cp << 6) | (c & 0x3F);
    }
    static const long minOf[] = {0, 0, 0x80, 0x800, 0x10000};
    if (cp < minOf[len] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
        ++i;
        return -1;
    }
    i += size_t(len);
    return cp;
}

// Characters that would hide or reorder text on a screen or a page.
bool invisibleOrControl(long cp) {
    return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) || (cp >= 0x200B && cp <= 0x200F) ||
           (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2060 && cp <= 0x2069) || cp == 0xFEFF || cp == 0xFFFE ||
           cp == 0xFFFF;
}
} // namespace

const char* checkNote(const std::string& note) {
    size_t chars = 0;
    for (size_t i = 0; i < note.size();) {
        const long cp = nextCodePoint(note, i);
        if (cp < 0 || invisibleOrControl(cp)) return l10n::K("diary_err_note_chars");
        ++chars;
    }
    return chars > kMaxNoteChars ? l10n::K("diary_err_note_long") : nullptr;
}

size_t countCharacters(const std::string& utf8) {
    size_t n = 0;
    for (size_t i = 0; i < utf8.size(); ++n) nextCodePoint(utf8, i);
    return n;
}

std::string trimSpaces(const std::string& s) {
    const auto a = s.find_first_not_of(" \t");
    if (a == std::string::npos) return {};
    return s.substr(a, s.find_last_not_of(" \t") - a + 1);
}

bool isMonth(const std::string& m) {
    if (m.size() != 7 || m[4] != '-') return false;
    for (size_t i : {0, 1, 2, 3, 5, 6})
        if (m[i] < '0' || m[i] > '9') return false;
    const int mm = (m[5] - '0') * 10 + (m[6] - '0');
    return mm >= 1 && mm <= 12;
}

int monthIndex(const std::string& m) {
    return std::stoi(m.substr(0, 4)) * 12 + std::stoi(m.substr(5, 2)) - 1;
}

std::string currentMonth(int64_t wallMs) {
    return localDate(wallMs).substr(0, 7);
}

std::string addMonths(const std::string& yyyyMm, int n) {
    const int idx = monthIndex(yyyyMm) + n;
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02d", idx / 12, idx % 12 + 1);
    return buf;
}

bool isContentId(const std::string& s) {
    if (s.empty() || s.size() > 64) return false;
    for (char c : s) {
        const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                        c == '_' || c == '-' || c == '.' || c == ':' || c == '/';
        if (!ok) return false;
    }
    return true;
}

} // namespace kesip::diary
