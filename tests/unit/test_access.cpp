#include <catch2/catch.hpp>
#include <sodium.h>

#include "helpers.hpp"
#include "review/review.hpp"
#include "store/access.hpp"
#include "store/local_store.hpp"
#include "store/repo.hpp"

using namespace kesip;
using namespace kesip::store;
using O = AccessControl::Outcome;

TEST_CASE("PINs have 6 to 12 digits and are stored as Argon2id at the interactive limits") {
    test::TempDir d;
    FakeClock clock;
    auto r = openLocalStore(d.str());
    AccessControl ac(*r.db, clock);
    const Grant admin = Grant::commandLine();
    CHECK(ac.verify(Role::Staff, "123456").outcome == O::NoPin);
    for (const char* bad : {"", "1234", "12345", "1234567890123", "12345a"})
        CHECK_FALSE(ac.setPin(admin, Role::Staff, bad));
    CHECK(ac.setPin(admin, Role::Staff, "246813"));
    const std::string h = r.db->queryText("SELECT value FROM settings WHERE key='staff_pin_hash'");
    CHECK(h.rfind("$argon2id$", 0) == 0);
    CHECK(h.find("m=65536") != std::string::npos); // 64 MiB: libsodium's interactive memory limit
    // An old, weaker hash (16 MiB) is redone at the next good login.
    char weak[128];
    REQUIRE(crypto_pwhash_str(weak, "135790", 6, 3, 16u << 20) == 0);
    REQUIRE(ac.setPinHash(Role::Counselor, weak));
    CHECK(ac.verify(Role::Counselor, "135790").outcome == O::Ok);
    CHECK(r.db->queryText("SELECT value FROM settings WHERE key='counselor_pin_hash'").find("m=65536") !=
          std::string::npos);
}

TEST_CASE("lockouts are per role and double, and survive a restart") {
    test::TempDir d;
    FakeClock clock;
    {
        auto r = openLocalStore(d.str());
        AccessControl ac(*r.db, clock);
        REQUIRE(ac.setPin(Grant::commandLine(), Role::Staff, "246813"));
        REQUIRE(ac.setPin(Grant::commandLine(), Role::Counselor, "135790"));
        // A visitor guessing the counselor PIN locks only the counselor.
        for (int i = 0; i < 4; ++i) CHECK(ac.verify(Role::Counselor, "000000").outcome == O::Wrong);
        auto locked = ac.verify(Role::Counselor, "000000");
        CHECK(locked.outcome == O::Locked);
        CHECK(locked.lockedMs == 5 * 60'000);
        CHECK(ac.verify(Role::Staff, "246813").outcome == O::Ok);
        CHECK(ac.verify(Role::Counselor, "135790").outcome == O::Locked); // even the right PIN
    }
    auto r = openLocalStore(d.str()); // restart
    AccessControl ac(*r.db, clock);
    CHECK(ac.lockedRemainingMs(Role::Counselor) == 5 * 60'000);
    clock.advance(5 * 60'000);
    // The second lock in a row lasts twice as long, the third four times.
    for (int i = 0; i < 4; ++i) CHECK(ac.verify(Role::Counselor, "111111").outcome == O::Wrong);
    CHECK(ac.verify(Role::Counselor, "111111").lockedMs == 10 * 60'000);
    clock.advance(10 * 60'000);
    for (int i = 0; i < 4; ++i) ac.verify(Role::Counselor, "111111");
    CHECK(ac.verify(Role::Counselor, "111111").lockedMs == 20 * 60'000);
    clock.advance(20 * 60'000);
    // A good PIN ends the doubling.
    CHECK(ac.verify(Role::Counselor, "135790").outcome == O::Ok);
    for (int i = 0; i < 4; ++i) ac.verify(Role::Counselor, "111111");
    CHECK(ac.verify(Role::Counselor, "111111").lockedMs == 5 * 60'000);
    CHECK(r.db->queryInt("SELECT count(*) FROM audit WHERE action='lockout'") == 4);
    // Capped at a day.
    for (int k = 0; k < 12; ++k) {
        clock.advance(ac.lockedRemainingMs(Role::Counselor));
        for (int i = 0; i < 5; ++i) ac.verify(Role::Counselor, "111111");
    }
    CHECK(ac.lockedRemainingMs(Role::Counselor) == AccessControl::kMaxLockMs);
}

TEST_CASE("a fresh kiosk: no one becomes staff without the installer's setup code, and only once") {
    test::TempDir d;
    FakeClock clock;
    auto r = openLocalStore(d.str());
    AccessControl ac(*r.db, clock);
    CHECK_FALSE(ac.setupAvailable());
    CHECK(ac.verifySetupCode("123456789012").outcome == O::NoSetupCode);
    ac.setSetupCodeHash(hashSecret("123456789012"));
    CHECK(ac.setupAvailable());
    CHECK(ac.verifySetupCode("000000000000").outcome == O::Wrong);
    auto ok = ac.verifySetupCode("123456789012");
    REQUIRE(ok.outcome == O::Ok);
    CHECK(ac.completeSetup(*ok.grant, "975313"));
    CHECK(ac.hasPin(Role::Staff));
    CHECK_FALSE(ac.setupAvailable());
    CHECK(ac.verifySetupCode("123456789012").outcome == O::NoSetupCode);
    // Even if the staff PIN is removed later, the used code does not work again.
    r.db->exec("DELETE FROM settings WHERE key='staff_pin_hash'");
    CHECK_FALSE(ac.setupAvailable());
}

TEST_CASE(
    "role checks live in core: a counselor's grant cannot do staff work and staff cannot read answers") {
    test::TempDir d;
    FakeClock clock;
    auto r = openLocalStore(d.str());
    AccessControl ac(*r.db, clock);
    REQUIRE(ac.setPin(Grant::commandLine(), Role::Counselor, "135790"));
    REQUIRE(ac.setPin(Grant::commandLine(), Role::Staff, "246813"));
    const Grant counselor = *ac.verify(Role::Counselor, "135790").grant;
    const Grant staff = *ac.verify(Role::Staff, "246813").grant;
    CHECK_THROWS_AS(ac.setPin(counselor, Role::Staff, "111111"), Forbidden);
    CHECK_THROWS_AS(review::loadDashboard(*r.db, counselor, clock), Forbidden);
    const auto key = sync::makeKioskKey();
    CHECK_THROWS_AS(review::loadVisit(*r.db, staff, "ABCDEF", 30, clock, key, nullptr, nullptr, nullptr),
                    Forbidden);
    CHECK_NOTHROW(review::loadVisit(*r.db, counselor, "ABCDEF", 30, clock, key, nullptr, nullptr, nullptr));
    CHECK(r.db->queryInt("SELECT count(*) FROM audit WHERE action='open_visit_not_found'") == 1);
    for (Action a : {Action::Dashboard, Action::Export, Action::ContentPack, Action::SetPins,
                     Action::Settings, Action::ExitApp}) {
        CHECK(staff.may(a));
        CHECK_FALSE(counselor.may(a));
    }
    CHECK(counselor.may(Action::ReviewVisit));
    CHECK_FALSE(staff.may(Action::ReviewVisit));
}
