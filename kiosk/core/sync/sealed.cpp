#include "sync/sealed.hpp"

#include <sodium.h>

namespace kesip::sync {

using store::Database;

void createSealedSchema(Database& db) {
    db.exec("PRAGMA application_id = " + std::to_string(kSealedAppId));
    db.exec("PRAGMA user_version = " + std::to_string(kSealedFormat));
    db.exec(R"sql(
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE keys(kid INTEGER PRIMARY KEY, sealed BLOB NOT NULL);
CREATE TABLE records(rid BLOB PRIMARY KEY, kid INTEGER NOT NULL, nonce BLOB NOT NULL, box BLOB NOT NULL) WITHOUT ROWID;
)sql");
}

namespace {

void ensureSodium() {
    static const bool ok = sodium_init() >= 0;
    (void)ok;
}

// Length-prefixed, so no two different contents hash alike.
void put(crypto_generichash_state& h, const std::string& s) {
    unsigned char len[8];
    for (int i = 0; i < 8; ++i) len[i] = static_cast<unsigned char>(uint64_t(s.size()) >> (8 * i));
    crypto_generichash_update(&h, len, sizeof len);
    crypto_generichash_update(&h, reinterpret_cast<const unsigned char*>(s.data()), s.size());
}

std::array<unsigned char, 64> digestOf(Database& db) {
    ensureSodium();
    crypto_generichash_state h;
    crypto_generichash_init(&h, nullptr, 0, 64);
    put(h, "kesip-sealed-1");
    auto m = db.prepare("SELECT key, value FROM meta WHERE key <> 'signature' ORDER BY key");
    while (m.step()) {
        put(h, m.getText(0));
        put(h, m.getText(1));
    }
    auto k = db.prepare("SELECT kid, sealed FROM keys ORDER BY kid");
    while (k.step()) {
        put(h, std::to_string(k.getInt(0)));
        put(h, k.getBlob(1));
    }
    auto r = db.prepare("SELECT rid, kid, nonce, box FROM records ORDER BY rid");
    while (r.step()) {
        put(h, r.getBlob(0));
        put(h, std::to_string(r.getInt(1)));
        put(h, r.getBlob(2));
        put(h, r.getBlob(3));
    }
    std::array<unsigned char, 64> d{};
    crypto_generichash_final(&h, d.data(), d.size());
    return d;
}

std::string ad(int64_t kid, const std::string& rid) {
    return "kesip-record-1:" + std::to_string(kid) + ":" + rid;
}

} // namespace

void signSealed(Database& db, const KioskKey& key) {
    const auto d = digestOf(db);
    unsigned char sig[crypto_sign_BYTES];
    crypto_sign_detached(sig, nullptr, d.data(), d.size(), key.sk.data());
    db.prepare("INSERT INTO meta(key, value) VALUES('signature', ?) ON CONFLICT(key) DO UPDATE SET "
               "value=excluded.value")
        .bind(1, toHex(sig, sizeof sig))
        .run();
}

SealedCheck checkSealed(Database& db) {
    SealedCheck c;
    if (db.queryInt("PRAGMA application_id") != kSealedAppId) {
        c.why = "not a Kesip sealed export (application_id)";
        return c;
    }
    if (db.queryInt("PRAGMA user_version") != kSealedFormat) {
        c.why = "sealed export format " + std::to_string(db.queryInt("PRAGMA user_version")) + " unknown";
        return c;
    }
    if (!store::foreignSchemaMatches(db, createSealedSchema, c.why)) return c;
    if (db.queryText("PRAGMA integrity_check") != "ok") {
        c.why = "integrity check failed";
        return c;
    }
    auto m = db.prepare("SELECT key, value FROM meta");
    while (m.step()) {
        const std::string k = m.getText(0), v = m.getText(1);
        if (k == "kiosk_key")
            c.meta.kioskKey = v;
        else if (k == "kiosk_id")
            c.meta.kioskId = v;
        else if (k == "centre_id")
            c.meta.centreId = v;
        else if (k == "recipient")
            c.meta.recipient = v;
        else if (k == "signature")
            c.meta.signature = v;
    }
    unsigned char pk[crypto_sign_PUBLICKEYBYTES], sig[crypto_sign_BYTES];
    if (!fromHex(c.meta.kioskKey, pk, sizeof pk) || !fromHex(c.meta.signature, sig, sizeof sig)) {
        c.why = "no kiosk key or signature";
        c.badSignature = true;
        return c;
    }
    const auto d = digestOf(db);
    if (crypto_sign_verify_detached(sig, d.data(), d.size(), pk) != 0) {
        c.why = "signature does not verify (forged or changed after the kiosk wrote it)";
        c.badSignature = true;
        return c;
    }
    c.records = db.queryInt("SELECT count(*) FROM records");
    c.ok = true;
    return c;
}

bool newDataKey(const std::string& recipientHex, DataKey& key, std::string& sealed) {
    ensureSodium();
    unsigned char pk[crypto_box_PUBLICKEYBYTES];
    if (!fromHex(recipientHex, pk, sizeof pk)) return false;
    crypto_aead_xchacha20poly1305_ietf_keygen(key.data());
    sealed.assign(key.size() + crypto_box_SEALBYTES, '\0');
    return crypto_box_seal(reinterpret_cast<unsigned char*>(sealed.data()), key.data(), key.size(), pk) == 0;
}

bool openDataKey(const std::string& sealed, const std::string& secretHex, DataKey& key) {
    ensureSodium();
    unsigned char sk[crypto_box_SECRETKEYBYTES], pk[crypto_box_PUBLICKEYBYTES];
    if (sealed.size() != key.size() + crypto_box_SEALBYTES || !fromHex(secretHex, sk, sizeof sk))
        return false;
    crypto_scalarmult_base(pk, sk);
    const bool ok = crypto_box_seal_open(key.data(), reinterpret_cast<const unsigned char*>(sealed.data()),
                                         sealed.size(), pk, sk) == 0;
    sodium_memzero(sk, sizeof sk);
    return ok;
}

void encryptRecord(const DataKey& key, int64_t kid, const std::string& rid, const std::string& plain,
                   std::string& nonce, std::string& box) {
    ensureSodium();
    nonce.assign(crypto_aead_xchacha20poly1305_ietf_NPUBBYTES, '\0');
    randombytes_buf(nonce.data(), nonce.size());
    const std::string a = ad(kid, rid);
    box.assign(plain.size() + crypto_aead_xchacha20poly1305_ietf_ABYTES, '\0');
    unsigned long long n = 0;
    crypto_aead_xchacha20poly1305_ietf_encrypt(
        reinterpret_cast<unsigned char*>(box.data()), &n,
        reinterpret_cast<const unsigned char*>(plain.data()), plain.size(),
        reinterpret_cast<const unsigned char*>(a.data()), a.size(), nullptr,
        reinterpret_cast<const unsigned char*>(nonce.data()), key.data());
    box.resize(size_t(n));
}

bool decryptRecord(const DataKey& key, int64_t kid, const std::string& rid, const std::string& nonce,
                   const std::string& box, std::string& plain) {
    ensureSodium();
    if (nonce.size() != crypto_aead_xchacha20poly1305_ietf_NPUBBYTES ||
        box.size() < crypto_aead_xchacha20poly1305_ietf_ABYTES)
        return false;
    const std::string a = ad(kid, rid);
    plain.assign(box.size(), '\0');
    unsigned long long n = 0;
    if (crypto_aead_xchacha20poly1305_ietf_decrypt(
            reinterpret_cast<unsigned char*>(plain.data()), &n, nullptr,
            reinterpret_cast<const unsigned char*>(box.data()), box.size(),
            reinterpret_cast<const unsigned char*>(a.data()), a.size(),
            reinterpret_cast<const unsigned char*>(nonce.data()), key.data()) != 0)
        return false;
    plain.resize(size_t(n));
    return true;
}

} // namespace kesip::sync
