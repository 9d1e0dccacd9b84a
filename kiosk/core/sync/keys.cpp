#include "sync/keys.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sodium.h>
#include <unistd.h>

#include "util/paths.hpp"

namespace kesip::sync {

namespace {
void ensureSodium() {
    static const bool ok = sodium_init() >= 0;
    (void)ok;
}
std::string trimmed(std::string s) {
    while (!s.empty() && (s.back() == '\n' || s.back() == '\r' || s.back() == ' ')) s.pop_back();
    return s;
}
} // namespace

bool fromHex(const std::string& hex, unsigned char* out, size_t n) {
    size_t len = 0;
    const std::string h = trimmed(hex);
    return sodium_hex2bin(out, n, h.c_str(), h.size(), nullptr, &len, nullptr) == 0 && len == n &&
           h.size() == 2 * n;
}

std::string toHex(const unsigned char* p, size_t n) {
    std::string s(2 * n + 1, '\0');
    sodium_bin2hex(s.data(), s.size(), p, n);
    s.pop_back();
    return s;
}

std::string KioskKey::publicHex() const {
    return toHex(pk.data(), pk.size());
}
std::string KioskKey::fingerprint() const {
    return publicHex().substr(0, 16);
}

KioskKey makeKioskKey() {
    ensureSodium();
    KioskKey k;
    crypto_sign_keypair(k.pk.data(), k.sk.data());
    return k;
}

std::optional<KioskKey> loadOrCreateKioskKey(const std::string& dataDir, std::string& error) {
    ensureSodium();
    const std::string path = dataDir + "/" + kKioskKeyFile;
    unsigned char seed[crypto_sign_SEEDBYTES];
    std::string text;
    if (readFile(path, text)) {
        if (!fromHex(text, seed, sizeof seed)) {
            error = path + ": not a kiosk key (64 hex digits)";
            return std::nullopt;
        }
    } else {
        randombytes_buf(seed, sizeof seed);
        const std::string hex = toHex(seed, sizeof seed) + "\n";
        const std::string tmp = path + ".tmp";
        ::unlink(tmp.c_str());
        int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
        bool ok = fd >= 0 && ::write(fd, hex.data(), hex.size()) == ssize_t(hex.size()) && ::fsync(fd) == 0;
        if (fd >= 0) ::close(fd);
        // link(): never replaces a key another process made meanwhile.
        ok = ok && (::link(tmp.c_str(), path.c_str()) == 0 || errno == EEXIST);
        ::unlink(tmp.c_str());
        if (!ok) {
            error = path + ": cannot create: " + std::strerror(errno);
            return std::nullopt;
        }
        if (readFile(path, text) && !fromHex(text, seed, sizeof seed)) {
            error = path + ": not a kiosk key";
            return std::nullopt;
        }
    }
    KioskKey k;
    crypto_sign_seed_keypair(k.pk.data(), k.sk.data(), seed);
    sodium_memzero(seed, sizeof seed);
    return k;
}

std::string keyedId(const KioskKey& key, const char (&context)[9], const std::string& id, size_t bytes) {
    ensureSodium();
    unsigned char master[crypto_kdf_KEYBYTES], sub[crypto_generichash_KEYBYTES];
    crypto_sign_ed25519_sk_to_seed(master, key.sk.data());
    crypto_kdf_derive_from_key(sub, sizeof sub, 1, context, master);
    unsigned char out[64];
    bytes = std::min<size_t>(bytes, sizeof out);
    crypto_generichash(out, bytes, reinterpret_cast<const unsigned char*>(id.data()), id.size(), sub,
                       sizeof sub);
    sodium_memzero(master, sizeof master);
    sodium_memzero(sub, sizeof sub);
    return toHex(out, bytes);
}

bool makeSealingPair(std::string& publicHex, std::string& secretHex) {
    ensureSodium();
    unsigned char pk[crypto_box_PUBLICKEYBYTES], sk[crypto_box_SECRETKEYBYTES];
    if (crypto_box_keypair(pk, sk) != 0) return false;
    publicHex = toHex(pk, sizeof pk);
    secretHex = toHex(sk, sizeof sk);
    sodium_memzero(sk, sizeof sk);
    return true;
}

std::string sealingPublicOf(const std::string& secretHex) {
    ensureSodium();
    unsigned char sk[crypto_box_SECRETKEYBYTES], pk[crypto_box_PUBLICKEYBYTES];
    if (!fromHex(secretHex, sk, sizeof sk)) return {};
    crypto_scalarmult_base(pk, sk);
    sodium_memzero(sk, sizeof sk);
    return toHex(pk, sizeof pk);
}

} // namespace kesip::sync
