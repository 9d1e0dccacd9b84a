#include "sync/content_pack.hpp"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <sodium.h>
#include <unistd.h>

#include "catalog/content.hpp"
#include "l10n/catalog.hpp"
#include "psychometrics/norms.hpp"
#include "util/paths.hpp"

namespace kesip::sync {

namespace fs = std::filesystem;

namespace {
void ensureSodium() {
    static const bool ok = sodium_init() >= 0;
    (void)ok;
}

bool fromHex(const std::string& hex, unsigned char* out, size_t n) {
    size_t len = 0;
    return sodium_hex2bin(out, n, hex.c_str(), hex.size(), " \n\r\t", &len, nullptr) == 0 && len == n;
}

std::string trimmed(std::string s) {
    while (!s.empty() && (s.back() == '\n' || s.back() == '\r' || s.back() == ' ')) s.pop_back();
    return s;
}

bool fsyncPath(const std::string& p, bool dir) {
    int fd = ::open(p.c_str(), (dir ? O_RDONLY | O_DIRECTORY : O_RDONLY) | O_CLOEXEC);
    if (fd < 0) return false;
    bool ok = ::fsync(fd) == 0;
    ::close(fd);
    return ok;
}
} // namespace

const char* packErrorKey(PackError e) {
    switch (e) {
    case PackError::None:
        return l10n::K("pack_ok");
    case PackError::NoKey:
        return l10n::K("pack_no_key");
    case PackError::Missing:
        return l10n::K("pack_missing");
    case PackError::BadSignature:
        return l10n::K("pack_bad_signature");
    case PackError::Invalid:
        return l10n::K("pack_invalid");
    case PackError::Io:
        return l10n::K("pack_io");
    case PackError::NothingToRollBack:
        return l10n::K("pack_no_rollback");
    case PackError::NormsSimulated:
        return l10n::K("pack_norms_simulated");
    case PackError::NormsUnknownVersion:
        return l10n::K("pack_norms_version");
    }
    return l10n::K("pack_io");
}

std::string packDirOnStick(const std::string& stickRoot) {
    return stickRoot + "/kesip/content-pack";
}

bool hasContentPack(const std::string& stickRoot) {
    return fileExists(packDirOnStick(stickRoot) + "/content.sqlite") &&
           fileExists(packDirOnStick(stickRoot) + "/content.sqlite.sig");
}

std::string activeContentPath(const std::string& dataDir, const std::string& resourceDir) {
    const std::string installed = dataDir + "/content/content.sqlite";
    return !dataDir.empty() && fileExists(installed) ? installed : resourceDir + "/content.sqlite";
}

PackResult installContentPack(const std::string& stickRoot, const std::string& dataDir,
                              const std::string& keyHex,
                              const std::vector<const assess::Instrument*>& instruments) {
    ensureSodium();
    PackResult r;
    unsigned char pk[crypto_sign_PUBLICKEYBYTES];
    if (keyHex.empty() || !fromHex(keyHex, pk, sizeof pk)) {
        r.error = PackError::NoKey;
        r.detail = "no valid content_public_key in the kiosk config";
        return r;
    }
    const std::string pack = packDirOnStick(stickRoot);
    std::string bytes, sigHex;
    if (!readFile(pack + "/content.sqlite", bytes) || !readFile(pack + "/content.sqlite.sig", sigHex)) {
        r.error = PackError::Missing;
        r.detail = pack + ": content.sqlite or its .sig missing";
        return r;
    }
    unsigned char sig[crypto_sign_BYTES];
    if (!fromHex(trimmed(sigHex), sig, sizeof sig) ||
        crypto_sign_verify_detached(sig, reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(),
                                    pk) != 0) {
        r.error = PackError::BadSignature;
        r.detail = "signature does not match the configured key (tampered or foreign pack)";
        return r;
    }
    // Signed bytes go to the data dir first; only a database that loads as content is swapped in.
    const std::string dir = dataDir + "/content";
    std::error_code ec;
    fs::create_directories(dir, ec);
    const std::string incoming = dir + "/content.incoming.sqlite";
    {
        std::ofstream out(incoming, std::ios::binary | std::ios::trunc);
        out.write(bytes.data(), std::streamsize(bytes.size()));
        if (!out.good()) {
            r.error = PackError::Io;
            r.detail = incoming + ": cannot write";
            return r;
        }
    }
    std::string err;
    auto c = catalog::loadContentDb(incoming, err);
    if (!c) {
        fs::remove(incoming, ec);
        r.error = PackError::Invalid;
        r.detail = err;
        return r;
    }
    // Norms only from field data, and only for instrument versions this kiosk has.
    const auto norms = psychometrics::checkContentNorms(incoming, instruments, err);
    if (norms != psychometrics::NormsVerdict::Ok) {
        fs::remove(incoming, ec);
        r.error = norms == psychometrics::NormsVerdict::Simulated        ? PackError::NormsSimulated
                  : norms == psychometrics::NormsVerdict::UnknownVersion ? PackError::NormsUnknownVersion
                                                                         : PackError::Invalid;
        r.detail = err;
        return r;
    }
    fsyncPath(incoming, false);
    const std::string active = dir + "/content.sqlite", prev = dir + "/content.prev.sqlite";
    if (fs::exists(active, ec)) fs::rename(active, prev, ec);
    if (ec || std::rename(incoming.c_str(), active.c_str()) != 0) {
        r.error = PackError::Io;
        r.detail = std::string("swap failed: ") + (ec ? ec.message() : std::strerror(errno));
        return r;
    }
    fsyncPath(dir, true);
    r.occupations = c->occupations.size();
    return r;
}

PackResult rollbackContentPack(const std::string& dataDir) {
    PackResult r;
    const std::string dir = dataDir + "/content";
    const std::string active = dir + "/content.sqlite", prev = dir + "/content.prev.sqlite";
    std::error_code ec;
    if (!fs::exists(active, ec)) {
        r.error = PackError::NothingToRollBack;
        return r;
    }
    if (fs::exists(prev, ec)) {
        const std::string tmp = dir + "/content.swap.sqlite";
        fs::rename(active, tmp, ec);
        if (!ec) fs::rename(prev, active, ec);
        if (!ec) fs::rename(tmp, prev, ec);
    } else {
        fs::rename(active, prev, ec); // back to the bundled content
    }
    if (ec) {
        r.error = PackError::Io;
        r.detail = ec.message();
    }
    fsyncPath(dir, true);
    return r;
}

bool generateSigningKeys(std::string& publicHex, std::string& secretHex) {
    ensureSodium();
    unsigned char pk[crypto_sign_PUBLICKEYBYTES], sk[crypto_sign_SECRETKEYBYTES];
    if (crypto_sign_keypair(pk, sk) != 0) return false;
    char p[sizeof pk * 2 + 1], s[sizeof sk * 2 + 1];
    sodium_bin2hex(p, sizeof p, pk, sizeof pk);
    sodium_bin2hex(s, sizeof s, sk, sizeof sk);
    publicHex = p;
    secretHex = s;
    sodium_memzero(sk, sizeof sk);
    return true;
}

bool signFile(const std::string& path, const std::string& secretHex, const std::string& sigPath,
              std::string& error) {
    ensureSodium();
    unsigned char sk[crypto_sign_SECRETKEYBYTES];
    if (!fromHex(trimmed(secretHex), sk, sizeof sk)) {
        error = "secret key must be " + std::to_string(sizeof sk * 2) + " hex digits";
        return false;
    }
    std::string bytes;
    if (!readFile(path, bytes)) {
        error = path + ": cannot read";
        return false;
    }
    unsigned char sig[crypto_sign_BYTES];
    crypto_sign_detached(sig, nullptr, reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(),
                         sk);
    sodium_memzero(sk, sizeof sk);
    char hex[sizeof sig * 2 + 1];
    sodium_bin2hex(hex, sizeof hex, sig, sizeof sig);
    std::ofstream out(sigPath, std::ios::trunc);
    out << hex << "\n";
    if (!out.good()) {
        error = sigPath + ": cannot write";
        return false;
    }
    return true;
}

} // namespace kesip::sync
