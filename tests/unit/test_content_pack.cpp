#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <sys/stat.h>

#include "helpers.hpp"
#include "store/access.hpp"
#include "sync/content_pack.hpp"

using namespace kesip;
using namespace kesip::sync;
namespace fs = std::filesystem;

namespace {
std::string slurp(const std::string& p) {
    std::string s;
    readFile(p, s);
    return s;
}
const store::Grant kStaff = store::Grant::commandLine();
} // namespace

TEST_CASE("content packs install only with a valid signature, only forward, and roll back on request") {
    test::TempDir stick, data;
    const fs::path pack = stick.path / "kesip/content-pack";
    fs::create_directories(pack);
    const std::string db = (pack / "content.sqlite").string(), sig = db + ".sig";
    fs::copy_file(executableDir() + "/content.sqlite", db);
    std::string pub, sec, pub2, sec2, err;
    REQUIRE(generateSigningKeys(pub, sec));
    REQUIRE(generateSigningKeys(pub2, sec2));
    REQUIRE(signFileVersion(db, sec, sig, 100, err));
    CHECK(hasContentPack(stick.str()));

    CHECK(installContentPack(kStaff, stick.str(), data.str(), "").error == PackError::NoKey);
    CHECK(installContentPack(kStaff, stick.str(), data.str(), pub2).error == PackError::BadSignature);
    // Tampered after signing: one byte changed.
    const std::string bytes = slurp(db);
    std::string tampered = bytes;
    tampered[tampered.size() / 2] ^= 1;
    { std::ofstream(db, std::ios::binary) << tampered; }
    CHECK(installContentPack(kStaff, stick.str(), data.str(), pub).error == PackError::BadSignature);
    // The version is signed too: a signature moved to another version does not verify.
    { std::ofstream(db, std::ios::binary) << bytes; }
    std::string line = slurp(sig);
    line.replace(line.find(" 100 "), 5, " 999 ");
    { std::ofstream(sig) << line; }
    CHECK(installContentPack(kStaff, stick.str(), data.str(), pub).error == PackError::BadSignature);
    // An old, unversioned signature (plain hex) is refused with a reason.
    { std::ofstream(sig) << std::string(128, 'a') << "\n"; }
    CHECK(installContentPack(kStaff, stick.str(), data.str(), pub).error == PackError::BadSignature);
    // Signed garbage is refused as content.
    { std::ofstream(db, std::ios::binary) << std::string(4096, 'g'); }
    REQUIRE(signFileVersion(db, sec, sig, 100, err));
    CHECK(installContentPack(kStaff, stick.str(), data.str(), pub).error == PackError::Invalid);
    CHECK_FALSE(fs::exists(data.path / "content/content.sqlite"));
    CHECK_FALSE(fs::exists(data.path / "content/content.incoming.sqlite"));
    // Version 100 installs; the kiosk opens it.
    { std::ofstream(db, std::ios::binary) << bytes; }
    REQUIRE(signFileVersion(db, sec, sig, 100, err));
    auto ok = installContentPack(kStaff, stick.str(), data.str(), pub);
    CHECK(ok.error == PackError::None);
    CHECK(ok.occupations >= 150);
    CHECK(activeContentVersion(data.str()) == 100);
    CHECK(activeContentPath(data.str(), "/res") == data.str() + "/content/content.sqlite");
    // The same or an older version again: refused (no going back by a stick).
    CHECK(installContentPack(kStaff, stick.str(), data.str(), pub).error == PackError::Older);
    REQUIRE(signFileVersion(db, sec, sig, 50, err));
    CHECK(installContentPack(kStaff, stick.str(), data.str(), pub).error == PackError::Older);
    // Version 200 keeps 100 as the previous one; the staff's rollback goes back to it, explicitly.
    REQUIRE(signFileVersion(db, sec, sig, 200, err));
    CHECK(installContentPack(kStaff, stick.str(), data.str(), pub).error == PackError::None);
    CHECK(activeContentVersion(data.str()) == 200);
    CHECK(rollbackContentPack(kStaff, data.str()).error == PackError::None);
    CHECK(activeContentVersion(data.str()) == 100);
    // Then forward again (200 is newer than what runs), but never to 50.
    REQUIRE(signFileVersion(db, sec, sig, 50, err));
    CHECK(installContentPack(kStaff, stick.str(), data.str(), pub).error == PackError::Older);
    fs::remove(data.path / "content/content.prev.sqlite");
    CHECK(rollbackContentPack(kStaff, data.str()).error == PackError::None);
    CHECK(activeContentPath(data.str(), "/res") == "/res/content.sqlite");
    CHECK(rollbackContentPack(kStaff, data.str()).error == PackError::NothingToRollBack);
}

TEST_CASE("content packs are read by the stick rules: size cap, no links, no FIFOs, staff only") {
    test::TempDir stick, data;
    const fs::path pack = stick.path / "kesip/content-pack";
    fs::create_directories(pack);
    std::string pub, sec, err;
    REQUIRE(generateSigningKeys(pub, sec));
    fs::copy_file(executableDir() + "/content.sqlite", pack / "content.sqlite");
    REQUIRE(signFileVersion((pack / "content.sqlite").string(), sec, (pack / "content.sqlite.sig").string(),
                            7, err));
    // Over the cap: not copied at all.
    CHECK(installContentPack(kStaff, stick.str(), data.str(), pub, 1024).error == PackError::Unsafe);
    CHECK_FALSE(fs::exists(data.path / "content/content.incoming.sqlite"));
    // /dev/zero behind a link, a FIFO: refused without reading.
    fs::remove(pack / "content.sqlite");
    fs::create_symlink("/dev/zero", pack / "content.sqlite");
    CHECK(installContentPack(kStaff, stick.str(), data.str(), pub).error == PackError::Unsafe);
    fs::remove(pack / "content.sqlite");
    REQUIRE(::mkfifo((pack / "content.sqlite").c_str(), 0644) == 0);
    CHECK(installContentPack(kStaff, stick.str(), data.str(), pub).error == PackError::Unsafe);
    // The folder itself a link: refused.
    fs::remove_all(pack);
    fs::create_directory_symlink(data.path, pack);
    CHECK(installContentPack(kStaff, stick.str(), data.str(), pub).error == PackError::Unsafe);
}
