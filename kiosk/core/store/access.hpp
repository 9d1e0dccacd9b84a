#pragma once
#include <optional>
#include <string>

#include "store/db.hpp"
#include "util/clock.hpp"

namespace kesip::store {

enum class Role { Staff, Counselor };

// PINs for staff and counselor, stored only as Argon2id hashes (libsodium crypto_pwhash_str). Five wrong
// PINs in a row lock entry for five minutes; the counter and the lock live in the database, so restarting
// the kiosk does not reset them. Every attempt is audited.
class AccessControl {
  public:
    static constexpr int kMaxFailures = 5;
    static constexpr int64_t kLockMs = 5 * 60 * 1000;

    AccessControl(Database& db, const Clock& clock) : db_(db), clock_(clock) {}

    bool hasPin(Role r);
    // 4 to 8 digits. Returns false (nothing stored) for anything else.
    bool setPin(Role r, const std::string& pin, const char* actor);
    // Stores an already hashed PIN (from the config file); false when it is not an Argon2id string.
    bool setPinHash(Role r, const std::string& hash);

    enum class Outcome { Ok, Wrong, Locked, NoPin };
    struct Attempt {
        Outcome outcome;
        std::optional<Role> role; // with Ok
        int attemptsLeft = 0;     // with Wrong
        int64_t lockedMs = 0;     // with Locked: time left
    };
    Attempt verify(const std::string& pin);
    int64_t lockedRemainingMs();

  private:
    Database& db_;
    const Clock& clock_;
};

bool isValidPin(const std::string& pin);

} // namespace kesip::store
