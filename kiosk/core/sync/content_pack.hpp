#pragma once
#include <string>
#include <vector>

#include "assess/instrument.hpp"

namespace kesip::sync {

// A content update on a stick: <stick>/kesip/content-pack/content.sqlite plus content.sqlite.sig, an
// Ed25519 detached signature (hex) of the file, checked against the public key in the kiosk config. It is
// verified, validated as a content database, then swapped in atomically under <data>/content/; the
// previous one is kept for rollback.
enum class PackError {
    None,
    NoKey,
    Missing,
    BadSignature,
    Invalid,
    Io,
    NothingToRollBack,
    NormsSimulated,      // its norms were made from simulated data
    NormsUnknownVersion, // its norms belong to an instrument version this kiosk does not have
};
const char* packErrorKey(PackError e);

struct PackResult {
    PackError error = PackError::None;
    std::string detail;
    size_t occupations = 0;
};

std::string packDirOnStick(const std::string& stickRoot);
bool hasContentPack(const std::string& stickRoot);
// `instruments`: this kiosk's tests with their older versions; norms in the pack must fit one of them.
PackResult installContentPack(const std::string& stickRoot, const std::string& dataDir,
                              const std::string& publicKeyHex,
                              const std::vector<const assess::Instrument*>& instruments = {});
PackResult rollbackContentPack(const std::string& dataDir);
// The content database the kiosk should open: an installed pack, else the bundled one.
std::string activeContentPath(const std::string& dataDir, const std::string& resourceDir);

// Publisher's side (kiosk-content): keys and signatures as hex.
bool generateSigningKeys(std::string& publicHex, std::string& secretHex);
bool signFile(const std::string& path, const std::string& secretHex, const std::string& sigPath,
              std::string& error);

} // namespace kesip::sync
