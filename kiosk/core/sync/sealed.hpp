#pragma once
#include <array>
#include <cstdint>
#include <string>

#include "store/db.hpp"
#include "sync/keys.hpp"

namespace kesip::sync {

// A sealed export file: <stick>/kesip/export/<kiosk id>.sealed, one per kiosk, so several kiosks' files sit
// side by side on one stick. An SQLite file of our own schema (application_id "KESX"):
//   meta(key, value)                 format, kiosk_key (Ed25519 public, hex), kiosk_id, centre_id,
//                                    recipient (the ministry's X25519 public key, hex), signature
//   keys(kid, sealed)                a random 32-byte data key per export run, in a libsodium sealed box
//                                    (crypto_box_seal) to the ministry's key: only its secret opens it
//   records(rid, kid, nonce, box)    one per visit: XChaCha20-Poly1305 under data key `kid`, the record id
//                                    and key id as associated data; rid = keyed hash of the visit's uuid
//                                    (the kiosk recognises its own visits; nobody else learns anything)
// The signature (Ed25519 by the kiosk) covers every row of every table in a fixed order, so a record
// cannot be added, removed or changed, and a file cannot be passed off as another kiosk's.
// Sealing each record on its own (crypto_box_seal per visit) costs ~66 us a visit here (a million visits:
// over a minute); one sealed key per run and an AEAD per record cost microseconds.
inline constexpr int32_t kSealedAppId = 0x4B455358; // "KESX"
inline constexpr int kSealedFormat = 1;
inline constexpr const char* kSealedExt = ".sealed";

void createSealedSchema(store::Database& db);

struct SealedMeta {
    std::string kioskKey, kioskId, centreId, recipient, signature;
};

// Signs the file's content with the kiosk's key (writes meta.signature).
void signSealed(store::Database& db, const KioskKey& key);

struct SealedCheck {
    bool ok = false;
    bool badSignature = false; // well-formed, but the signature does not verify: forged or changed
    std::string why;
    SealedMeta meta;
    int64_t records = 0;
};
// For a foreign copy opened with Database::Mode::Foreign: application id, format, exactly our schema (no
// trigger, view, CHECK or extra column), integrity, and a valid signature by meta.kiosk_key.
SealedCheck checkSealed(store::Database& foreign);

using DataKey = std::array<unsigned char, 32>;
// A new random data key and its sealed box for the recipient (hex public key); false on a bad key.
bool newDataKey(const std::string& recipientHex, DataKey& key, std::string& sealed);
// Opens a sealed data key with the ministry's secret key (hex); false when it was sealed to another key.
bool openDataKey(const std::string& sealed, const std::string& secretHex, DataKey& key);
void encryptRecord(const DataKey& key, int64_t kid, const std::string& rid, const std::string& plain,
                   std::string& nonce, std::string& box);
bool decryptRecord(const DataKey& key, int64_t kid, const std::string& rid, const std::string& nonce,
                   const std::string& box, std::string& plain);

} // namespace kesip::sync
