#pragma once
#include <optional>
#include <stdexcept>
#include <string>

#include "store/db.hpp"
#include "util/clock.hpp"

namespace kesip::store {

enum class Role { Staff, Counselor };
const char* roleName(Role r);

// What a role may do. Checked in core by every function that does it, not only by the screens.
enum class Action { Dashboard, Export, ContentPack, SetPins, Settings, ExitApp, ReviewVisit, Events };

// Proof that a check was passed. Only AccessControl makes one from a PIN or the installer's setup code;
// Grant::commandLine() is for the administrator's own tools (kiosk --export-to, kiosk-sync), where the
// operating system's user is the check. Never made from anything a visitor can touch.
class Grant {
  public:
    Role role() const { return role_; }
    bool may(Action a) const;
    static Grant commandLine() { return Grant(Role::Staff); }

  private:
    explicit Grant(Role r) : role_(r) {}
    friend class AccessControl;
    Role role_;
};

struct Forbidden : std::runtime_error {
    using std::runtime_error::runtime_error;
};
// Throws Forbidden when the grant does not allow the action.
void require(const Grant& g, Action a);

// PINs for staff and counselor, stored only as Argon2id hashes (libsodium crypto_pwhash_str at its
// interactive limits or above; older, weaker hashes are redone at the next good login). PINs have 6 to 12
// digits. Each role has its own failure counter and lock: five wrong PINs lock that role for 5 minutes,
// each further lock doubles (10, 20, ... up to a day), until a good PIN. Counters and locks live in the
// database, so a restart does not reset them. Every attempt is audited.
//
// A fresh kiosk has no staff PIN: it is set only with the one-time setup code the package made at install
// (its Argon2id hash readable by the kiosk user, the code itself by root only), or preset as
// staff_pin_hash in the config. Without either, nobody can become staff from the screen.
class AccessControl {
  public:
    static constexpr int kMaxFailures = 5;
    static constexpr int64_t kLockMs = 5 * 60 * 1000;
    static constexpr int64_t kMaxLockMs = 24 * 60 * 60 * 1000;

    AccessControl(Database& db, const Clock& clock) : db_(db), clock_(clock) {}

    bool hasPin(Role r);
    // Sets a role's PIN: staff may set both. Returns false (nothing stored) for a PIN of the wrong form.
    bool setPin(const Grant& by, Role r, const std::string& pin);
    // Stores an already hashed PIN (from the config file); false when it is not an Argon2id string.
    bool setPinHash(Role r, const std::string& hash);

    // The installer's setup code (hash from the package). Empty: no setup code on this kiosk.
    void setSetupCodeHash(const std::string& argon2idHash) { setupHash_ = argon2idHash; }
    // Can staff be set up from the screen right now (no staff PIN yet, a setup code not yet used)?
    bool setupAvailable();

    enum class Outcome { Ok, Wrong, Locked, NoPin, NoSetupCode };
    struct Attempt {
        Outcome outcome;
        std::optional<Grant> grant; // with Ok
        int attemptsLeft = 0;       // with Wrong
        int64_t lockedMs = 0;       // with Locked: time left
    };
    Attempt verify(Role r, const std::string& pin);
    // Checks the setup code (counts against the staff lock). With Ok, the grant may set the first staff PIN.
    Attempt verifySetupCode(const std::string& code);
    // The first staff PIN, with the grant verifySetupCode gave; marks the setup code used.
    bool completeSetup(const Grant& setup, const std::string& pin);
    int64_t lockedRemainingMs(Role r);

  private:
    Attempt failed(Role r, const char* what);
    Database& db_;
    const Clock& clock_;
    std::string setupHash_;
};

bool isValidPin(const std::string& pin);
// Argon2id string of a secret (PIN or setup code) at the interactive limits; "" on failure.
std::string hashSecret(const std::string& secret);

} // namespace kesip::store
