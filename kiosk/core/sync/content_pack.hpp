#pragma once
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "assess/instrument.hpp"

#include "store/access.hpp"

namespace kesip::sync {

// A content update on a stick: <stick>/kesip/content-pack/content.sqlite plus content.sqlite.sig, one line
// "kesip-pack 2 <version> <signature hex>": an Ed25519ph signature (streamed, so a large file is never read
// whole into memory) over "kesip-pack-2\n<version>\n" and the file, checked against the public key in the
// kiosk config. The version is the signing time in seconds: packs only go forward, except the staff's
// explicit rollback to the kept previous one. Both files are read by the stick rules (no links, no FIFOs,
// a size cap); the pack is copied to the data dir, verified, validated as a content database (norms
// included), then swapped in atomically under <data>/content/; the previous one is kept for rollback. Runs
// on a worker thread.
enum class PackError {
    None,
    NoKey,
    Missing,
    BadSignature,
    Invalid,
    Io,
    NothingToRollBack,
    Older,
    Unsafe,
    NormsSimulated,      // its norms were made from simulated data
    NormsUnknownVersion, // its norms belong to an instrument version this kiosk does not have
};
const char* packErrorKey(PackError e);

struct PackResult {
    PackError error = PackError::None;
    std::string detail;
    size_t occupations = 0;
    int64_t version = 0;
};

bool hasContentPack(const std::string& stickRoot);
// `instruments`: this kiosk's tests with their older versions; norms in the pack must fit one of them.
PackResult installContentPack(const store::Grant& grant, const std::string& stickRoot,
                              const std::string& dataDir, const std::string& publicKeyHex,
                              uint64_t maxBytes = 64ull << 20, const std::function<bool()>& stop = {},
                              const std::vector<const assess::Instrument*>& instruments = {});
PackResult rollbackContentPack(const store::Grant& grant, const std::string& dataDir);
// The content database the kiosk should open: an installed pack, else the bundled one.
std::string activeContentPath(const std::string& dataDir, const std::string& resourceDir);
// Version of the installed pack (0: the bundled content).
int64_t activeContentVersion(const std::string& dataDir);

// Publisher's side (kiosk-content): keys and signatures as hex. The version is the time of signing.
bool generateSigningKeys(std::string& publicHex, std::string& secretHex);
bool signFile(const std::string& path, const std::string& secretHex, const std::string& sigPath,
              std::string& error);
bool signFileVersion(const std::string& path, const std::string& secretHex, const std::string& sigPath,
                     int64_t version, std::string& error);

} // namespace kesip::sync
