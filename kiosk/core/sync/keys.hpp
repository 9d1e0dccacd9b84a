#pragma once
#include <array>
#include <optional>
#include <string>

namespace kesip::sync {

// The kiosk's Ed25519 signing key: it signs every export file, so the central merge can tell this kiosk's
// files from forged ones. Kept as <dataDir>/kiosk-sign.key (the 32-byte seed in hex, mode 0600), made at
// install (kiosk-sync kiosk-key) or, on a kiosk installed without the package, at first start.
struct KioskKey {
    std::array<unsigned char, 32> pk{};
    std::array<unsigned char, 64> sk{};
    std::string publicHex() const;
    std::string fingerprint() const; // first 16 hex digits of the public key, shown to staff
};
inline constexpr const char* kKioskKeyFile = "kiosk-sign.key";
std::optional<KioskKey> loadOrCreateKioskKey(const std::string& dataDir, std::string& error);
KioskKey makeKioskKey(); // in memory only (screenshots, tests)

// Keyed hash of an id with a key derived from the kiosk's secret (context: 8 characters, e.g.
// "record__" or "audit___"): record ids on sticks and visit ids in the audit reveal nothing without
// the kiosk's key, and the kiosk can still recognise its own.
std::string keyedId(const KioskKey& key, const char (&context)[9], const std::string& id, size_t bytes = 16);

// The ministry's sealing pair (X25519), hex. The public half goes into every kiosk's config as
// export_public_key; the secret half opens the exports (kiosk-sync merge --key).
bool makeSealingPair(std::string& publicHex, std::string& secretHex);
// The public key of a secret key (hex), or "" when it is not 64 hex digits.
std::string sealingPublicOf(const std::string& secretHex);

bool fromHex(const std::string& hex, unsigned char* out, size_t n);
std::string toHex(const unsigned char* p, size_t n);

} // namespace kesip::sync
