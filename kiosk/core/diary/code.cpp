#include "diary/code.hpp"

#include <cstring>
#include <sodium.h>

#include "l10n/catalog.hpp"
#include "util/ids.hpp"

namespace kesip::diary {

namespace {
constexpr int kBase = 31;

int valueOf(char c) {
    const char* p = c ? std::strchr(kCodeAlphabet, c) : nullptr;
    return p ? int(p - kCodeAlphabet) : -1;
}

// Cyrillic letters (by code point) that look like a Latin letter or digit of the alphabet: a visitor on
// the Kyrgyz or Russian keyboard types what they see.
char lookAlike(unsigned cp) {
    struct Pair {
        unsigned cp;
        char latin;
    };
    static const Pair pairs[] = {
        {0x0410, 'A'}, {0x0430, 'A'}, {0x0412, 'B'}, {0x0432, 'B'}, {0x0421, 'C'}, {0x0441, 'C'},
        {0x0415, 'E'}, {0x0435, 'E'}, {0x041D, 'H'}, {0x043D, 'H'}, {0x041A, 'K'}, {0x043A, 'K'},
        {0x041C, 'M'}, {0x043C, 'M'}, {0x0420, 'P'}, {0x0440, 'P'}, {0x0422, 'T'}, {0x0442, 'T'},
        {0x0425, 'X'}, {0x0445, 'X'}, {0x0423, 'Y'}, {0x0443, 'Y'}, {0x04AE, 'Y'}, {0x04AF, 'Y'},
        {0x0417, '3'}, {0x0437, '3'},
    };
    for (const Pair& p : pairs)
        if (p.cp == cp) return p.latin;
    return 0;
}
} // namespace

char checkCharacter(std::string_view payload) {
    int sum = 0;
    for (size_t i = 0; i < payload.size(); ++i) sum += int(i + 1) * valueOf(payload[i]);
    // Solve sum + 9*c = 0 (mod 31) for c: 9 * 7 = 63 = 1 (mod 31), so c = -7*sum.
    const int w = int(payload.size()) + 1;
    int inv = 1;
    while ((w * inv) % kBase != 1) ++inv;
    const int c = ((-(sum % kBase) * inv) % kBase + kBase) % kBase;
    return kCodeAlphabet[c];
}

bool hasValidCheck(std::string_view code) {
    if (code.size() != size_t(kCodeLength)) return false;
    int sum = 0;
    for (size_t i = 0; i < code.size(); ++i) {
        const int v = valueOf(code[i]);
        if (v < 0) return false;
        sum += int(i + 1) * v;
    }
    return sum % kBase == 0;
}

std::string newDiaryCode() {
    if (sodium_init() < 0) return {};
    std::string s;
    for (int i = 0; i < kPayloadLength; ++i) s += kCodeAlphabet[randombytes_uniform(uint32_t(kBase))];
    s += checkCharacter(s);
    return s;
}

CodeEntry parseCode(std::string_view typed, std::string& normalized) {
    normalized.clear();
    bool bad = false;
    for (size_t i = 0; i < typed.size();) {
        const auto b = static_cast<unsigned char>(typed[i]);
        char c = 0;
        if (b < 0x80) {
            ++i;
            if (b == ' ' || b == '-' || b == '\t') continue;
            c = char(b >= 'a' && b <= 'z' ? b - 'a' + 'A' : b);
        } else if ((b & 0xE0) == 0xC0 && i + 1 < typed.size()) {
            const unsigned cp = ((b & 0x1Fu) << 6) | (static_cast<unsigned char>(typed[i + 1]) & 0x3Fu);
            i += 2;
            c = lookAlike(cp);
        } else {
            ++i; // any other byte: not a code character
        }
        if (valueOf(c) < 0) {
            bad = true;
            continue;
        }
        normalized += c;
    }
    CodeEntry r = CodeEntry::Ok;
    if (bad)
        r = CodeEntry::BadCharacter;
    else if (normalized.empty())
        r = CodeEntry::Empty;
    else if (normalized.size() < size_t(kCodeLength))
        r = CodeEntry::TooShort;
    else if (normalized.size() > size_t(kCodeLength))
        r = CodeEntry::TooLong;
    else if (!hasValidCheck(normalized))
        r = CodeEntry::Typo;
    if (r != CodeEntry::Ok) normalized.clear();
    return r;
}

const char* codeEntryKey(CodeEntry e) {
    switch (e) {
    case CodeEntry::Empty:
        return l10n::K("diary_code_empty");
    case CodeEntry::TooShort:
        return l10n::K("diary_code_short");
    case CodeEntry::TooLong:
        return l10n::K("diary_code_long");
    case CodeEntry::BadCharacter:
        return l10n::K("diary_code_bad_char");
    case CodeEntry::Typo:
        return l10n::K("diary_code_typo");
    case CodeEntry::Ok:
        break;
    }
    return l10n::K("diary_code_typo");
}

std::string formatCode(std::string_view code) {
    std::string s;
    for (size_t i = 0; i < code.size(); ++i) {
        if (i && i % 3 == 0) s += '-';
        s += code[i];
    }
    return s;
}

PinCheck checkPin(std::string_view pin) {
    if (pin.size() < 4 || pin.size() > 6) return PinCheck::Format;
    for (char c : pin)
        if (c < '0' || c > '9') return PinCheck::Format;
    bool same = true, up = true, down = true;
    for (size_t i = 1; i < pin.size(); ++i) {
        same = same && pin[i] == pin[0];
        up = up && pin[i] == pin[i - 1] + 1;
        down = down && pin[i] == pin[i - 1] - 1;
    }
    return same || up || down ? PinCheck::TooSimple : PinCheck::Ok;
}

const char* pinCheckKey(PinCheck p) {
    return p == PinCheck::TooSimple ? l10n::K("diary_pin_simple") : l10n::K("diary_pin_format");
}

} // namespace kesip::diary
