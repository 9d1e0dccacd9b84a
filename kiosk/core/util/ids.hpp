#pragma once
#include <string>

namespace kesip {

// Random identifiers from libsodium's CSPRNG.
std::string newUuid();        // RFC 4122 version 4, lowercase
std::string newSessionCode(); // 6 characters from kCodeAlphabet

// No 0/O, 1/I/L, so a counselor can read a code aloud or off a phone without mistakes.
inline constexpr const char* kCodeAlphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
bool isValidSessionCode(const std::string& code);

} // namespace kesip
