#include "sync/content_pack.hpp"

#include <cerrno>
#include <chrono>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <sodium.h>
#include <sstream>
#include <unistd.h>

#include "catalog/content.hpp"
#include "l10n/catalog.hpp"
#include "psychometrics/norms.hpp"
#include "sync/keys.hpp"
#include "sync/stick_io.hpp"
#include "util/paths.hpp"

namespace kesip::sync {

namespace fs = std::filesystem;

namespace {
void ensureSodium() {
    static const bool ok = sodium_init() >= 0;
    (void)ok;
}

bool fsyncPath(const std::string& p, bool dir) {
    int fd = ::open(p.c_str(), (dir ? O_RDONLY | O_DIRECTORY : O_RDONLY) | O_CLOEXEC);
    if (fd < 0) return false;
    bool ok = ::fsync(fd) == 0;
    ::close(fd);
    return ok;
}

// The signed message is the prefix and the file, hashed as they stream (Ed25519ph).
bool hashFile(crypto_sign_state& st, const std::string& path, int64_t version) {
    crypto_sign_init(&st);
    const std::string prefix = "kesip-pack-2\n" + std::to_string(version) + "\n";
    crypto_sign_update(&st, reinterpret_cast<const unsigned char*>(prefix.data()), prefix.size());
    int fd = ::open(path.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0) return false;
    unsigned char buf[1 << 16];
    ssize_t n;
    while ((n = ::read(fd, buf, sizeof buf)) > 0) crypto_sign_update(&st, buf, size_t(n));
    ::close(fd);
    return n == 0;
}

bool parseSig(const std::string& text, int64_t& version, unsigned char* sig) {
    std::istringstream in(text);
    std::string magic, hex;
    int format = 0;
    if (!(in >> magic >> format >> version >> hex) || magic != "kesip-pack" || format != 2 || version <= 0)
        return false;
    return fromHex(hex, sig, crypto_sign_BYTES);
}

int64_t readVersion(const std::string& path) {
    std::string v;
    if (!readFile(path, v)) return 0;
    try {
        return std::stoll(v);
    } catch (...) {
        return 0;
    }
}

bool writeVersion(const std::string& path, int64_t v) {
    std::ofstream out(path, std::ios::trunc);
    out << v << "\n";
    return out.good();
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
    case PackError::Older:
        return l10n::K("pack_older");
    case PackError::Unsafe:
        return l10n::K("pack_unsafe");
    case PackError::NormsSimulated:
        return l10n::K("pack_norms_simulated");
    case PackError::NormsUnknownVersion:
        return l10n::K("pack_norms_version");
    }
    return l10n::K("pack_io");
}

bool hasContentPack(const std::string& stickRoot) {
    StickStatus st;
    StickDir root = StickDir::openRoot(stickRoot, st);
    StickDir k = root.valid() ? root.sub("kesip", false, st) : StickDir();
    StickDir p = k.valid() ? k.sub("content-pack", false, st) : StickDir();
    return p.valid() && p.has("content.sqlite") && p.has("content.sqlite.sig");
}

std::string activeContentPath(const std::string& dataDir, const std::string& resourceDir) {
    const std::string installed = dataDir + "/content/content.sqlite";
    return !dataDir.empty() && fileExists(installed) ? installed : resourceDir + "/content.sqlite";
}

int64_t activeContentVersion(const std::string& dataDir) {
    return fileExists(dataDir + "/content/content.sqlite") ? readVersion(dataDir + "/content/content.version")
                                                           : 0;
}

PackResult installContentPack(const store::Grant& grant, const std::string& stickRoot,
                              const std::string& dataDir, const std::string& keyHex, uint64_t maxBytes,
                              const std::function<bool()>& stop,
                              const std::vector<const assess::Instrument*>& instruments) {
    store::require(grant, store::Action::ContentPack);
    ensureSodium();
    PackResult r;
    auto fail = [&](PackError e, const std::string& d) {
        r.error = e;
        r.detail = d;
        return r;
    };
    unsigned char pk[crypto_sign_PUBLICKEYBYTES];
    if (keyHex.empty() || !fromHex(keyHex, pk, sizeof pk))
        return fail(PackError::NoKey, "no valid content_public_key in the kiosk config");
    StickStatus st;
    StickDir root = StickDir::openRoot(stickRoot, st);
    StickDir k = root.valid() ? root.sub("kesip", false, st) : StickDir();
    StickDir pack = k.valid() ? k.sub("content-pack", false, st) : StickDir();
    auto stickFail = [&]() {
        return fail(st.fault == StickFault::Missing ? PackError::Missing
                    : st.fault == StickFault::LocalDisk || st.fault == StickFault::Removed
                        ? PackError::Io
                        : PackError::Unsafe,
                    st.detail);
    };
    if (!pack.valid()) return stickFail();
    std::string sigText;
    if (!pack.readSmall("content.sqlite.sig", 4096, sigText, st)) return stickFail();
    unsigned char sig[crypto_sign_BYTES];
    int64_t version = 0;
    if (!parseSig(sigText, version, sig))
        return fail(PackError::BadSignature,
                    "content.sqlite.sig is not a versioned signature (sign it again)");
    r.version = version;
    const std::string dir = dataDir + "/content";
    std::error_code ec;
    fs::create_directories(dir, ec);
    const std::string incoming = dir + "/content.incoming.sqlite";
    struct Remove {
        std::string p;
        bool keep = false;
        ~Remove() {
            if (!keep) ::unlink(p.c_str());
        }
    } guard{incoming};
    StickLimits lim{maxBytes, stop};
    if (!pack.copyOut("content.sqlite", incoming, lim, st)) return stickFail();
    crypto_sign_state hs;
    if (!hashFile(hs, incoming, version) || crypto_sign_final_verify(&hs, sig, pk) != 0)
        return fail(PackError::BadSignature,
                    "signature does not match the configured key (tampered or foreign pack)");
    if (const int64_t active = activeContentVersion(dataDir); version <= active)
        return fail(PackError::Older, "pack version " + std::to_string(version) +
                                          " is not newer than the installed " + std::to_string(active));
    // Signed bytes in the data dir; only a database that loads as content is swapped in.
    std::string err;
    auto c = catalog::loadContentDb(incoming, err);
    if (!c) return fail(PackError::Invalid, err);
    // Norms only from field data, and only for instrument versions this kiosk has.
    const auto norms = psychometrics::checkContentNorms(incoming, instruments, err);
    if (norms != psychometrics::NormsVerdict::Ok)
        return fail(norms == psychometrics::NormsVerdict::Simulated        ? PackError::NormsSimulated
                    : norms == psychometrics::NormsVerdict::UnknownVersion ? PackError::NormsUnknownVersion
                                                                           : PackError::Invalid,
                    err);
    fsyncPath(incoming, false);
    const std::string active = dir + "/content.sqlite", prev = dir + "/content.prev.sqlite";
    const int64_t activeVersion = activeContentVersion(dataDir);
    if (fs::exists(active, ec)) {
        fs::rename(active, prev, ec);
        if (!ec) writeVersion(dir + "/content.prev.version", activeVersion);
    }
    if (ec || std::rename(incoming.c_str(), active.c_str()) != 0 ||
        !writeVersion(dir + "/content.version", version))
        return fail(PackError::Io, std::string("swap failed: ") + (ec ? ec.message() : std::strerror(errno)));
    guard.keep = true;
    fsyncPath(dir, true);
    r.occupations = c->occupations.size();
    return r;
}

PackResult rollbackContentPack(const store::Grant& grant, const std::string& dataDir) {
    store::require(grant, store::Action::ContentPack);
    PackResult r;
    const std::string dir = dataDir + "/content";
    const std::string active = dir + "/content.sqlite", prev = dir + "/content.prev.sqlite";
    std::error_code ec;
    if (!fs::exists(active, ec)) {
        r.error = PackError::NothingToRollBack;
        return r;
    }
    const int64_t va = readVersion(dir + "/content.version"), vp = readVersion(dir + "/content.prev.version");
    if (fs::exists(prev, ec)) {
        const std::string tmp = dir + "/content.swap.sqlite";
        fs::rename(active, tmp, ec);
        if (!ec) fs::rename(prev, active, ec);
        if (!ec) fs::rename(tmp, prev, ec);
        if (!ec) {
            writeVersion(dir + "/content.version", vp);
            writeVersion(dir + "/content.prev.version", va);
        }
    } else {
        fs::rename(active, prev, ec); // back to the bundled content
        if (!ec) writeVersion(dir + "/content.prev.version", va);
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
    publicHex = toHex(pk, sizeof pk);
    secretHex = toHex(sk, sizeof sk);
    sodium_memzero(sk, sizeof sk);
    return true;
}

bool signFile(const std::string& path, const std::string& secretHex, const std::string& sigPath,
              std::string& error) {
    const int64_t now =
        std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
            .count();
    return signFileVersion(path, secretHex, sigPath, now, error);
}

bool signFileVersion(const std::string& path, const std::string& secretHex, const std::string& sigPath,
                     int64_t version, std::string& error) {
    ensureSodium();
    unsigned char sk[crypto_sign_SECRETKEYBYTES];
    if (!fromHex(secretHex, sk, sizeof sk)) {
        error = "secret key must be " + std::to_string(sizeof sk * 2) + " hex digits";
        return false;
    }
    crypto_sign_state hs;
    if (!hashFile(hs, path, version)) {
        sodium_memzero(sk, sizeof sk);
        error = path + ": cannot read";
        return false;
    }
    unsigned char sig[crypto_sign_BYTES];
    crypto_sign_final_create(&hs, sig, nullptr, sk);
    sodium_memzero(sk, sizeof sk);
    std::ofstream out(sigPath, std::ios::trunc);
    out << "kesip-pack 2 " << version << " " << toHex(sig, sizeof sig) << "\n";
    if (!out.good()) {
        error = sigPath + ": cannot write";
        return false;
    }
    return true;
}

} // namespace kesip::sync
