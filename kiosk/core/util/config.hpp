#pragma once
#include <map>
#include <string>
#include <vector>

namespace kesip {

// The kiosk's settings file (/etc/kesip/kiosk.conf when installed): "key = value" lines, '#' comments.
// Unknown keys and bad values are reported and ignored, so a typo never stops the kiosk: it starts with
// defaults and tells staff what was ignored.
struct KioskConfig {
    std::string centreId = "centre";
    std::string kioskId; // empty: generated once and kept in the database
    std::string defaultLang = "ky";
    int idleSeconds = 90;
    int testIdleSeconds = 180;
    int warningSeconds = 20;
    int codeExpiryDays = 30;
    int retentionDays = 90;
    std::vector<std::string> stickRoots = {"/media", "/run/media", "/mnt"};
    std::string staffPinHash, counselorPinHash; // Argon2id strings, optional
    std::string contentPublicKey;               // Ed25519, hex, for content packs
    // Sealed exports (issue 14): the ministry's X25519 public key; without it only summaries are written.
    std::string exportPublicKey;
    bool exportExactDay = false, exportKioskId = false; // microdata: week and centre unless asked
    int stickFileMaxMb = 256, contentPackMaxMb = 64, exportTimeoutSeconds = 600;
    std::string setupCodeHashFile = "/etc/kesip/setup-code.hash"; // one-time staff setup (postinst)
    std::string renderer = "software";                            // or "opengl" (kiosk --renderer overrides)
    std::vector<std::string> problems;                            // "line 3: unknown key 'foo' ignored"
    // Career diary and printing (issue 11).
    int diaryRetentionMonths = 12; // diaries not opened for this many months are purged
    std::string printer;           // CUPS queue for the student's sheet; empty = the default destination
};

KioskConfig parseConfig(const std::string& text);
// A missing file is not a problem (defaults); an unreadable one is reported.
KioskConfig loadConfig(const std::string& path);

} // namespace kesip
