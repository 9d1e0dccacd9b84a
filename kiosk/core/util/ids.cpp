#include "util/ids.hpp"

#include <cstring>
#include <sodium.h>

namespace kesip {

namespace {
void ensureSodium() {
    static const bool ok = sodium_init() >= 0;
    (void)ok;
}
} // namespace

std::string newUuid() {
    ensureSodium();
    unsigned char b[16];
    randombytes_buf(b, sizeof b);
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    static const char* hex = "0123456789abcdef";
    std::string s;
    for (int i = 0; i < 16; ++i) {
        if (i == 4 || i == 6 || i == 8 || i == 10) s += '-';
        s += hex[b[i] >> 4];
        s += hex[b[i] & 15];
    }
    return s;
}

std::string newSessionCode() {
    ensureSodium();
    const uint32_t n = static_cast<uint32_t>(std::strlen(kCodeAlphabet));
    std::string s;
    for (int i = 0; i < 6; ++i) s += kCodeAlphabet[randombytes_uniform(n)];
    return s;
}

bool isValidSessionCode(const std::string& code) {
    if (code.size() != 6) return false;
    for (char c : code)
        if (!std::strchr(kCodeAlphabet, c) || c == 0) return false;
    return true;
}

} // namespace kesip
