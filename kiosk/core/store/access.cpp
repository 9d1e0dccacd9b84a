#include "store/access.hpp"

#include <sodium.h>

#include "store/repo.hpp"

namespace kesip::store {

namespace {
const char* hashKey(Role r) {
    return r == Role::Staff ? "staff_pin_hash" : "counselor_pin_hash";
}
const char* roleName(Role r) {
    return r == Role::Staff ? "staff" : "counselor";
}

// Interactive-strength Argon2id but with 16 MiB (not 64) so a verification on a small kiosk PC stays
// well under a second and RSS stays low; the lockout, not the hash cost, is what stops guessing.
constexpr unsigned long long kOps = 3;
constexpr size_t kMem = 16u << 20;

void ensureSodium() {
    static const bool ok = sodium_init() >= 0;
    (void)ok;
}

int64_t getInt(SettingsRepo& s, const char* key) {
    auto v = s.get(key);
    return v ? std::stoll(*v) : 0;
}
} // namespace

bool isValidPin(const std::string& pin) {
    if (pin.size() < 4 || pin.size() > 8) return false;
    for (char c : pin)
        if (c < '0' || c > '9') return false;
    return true;
}

bool AccessControl::hasPin(Role r) {
    return SettingsRepo(db_).get(hashKey(r)).has_value();
}

bool AccessControl::setPin(Role r, const std::string& pin, const char* actor) {
    if (!isValidPin(pin)) return false;
    ensureSodium();
    char out[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str(out, pin.c_str(), pin.size(), kOps, kMem) != 0) return false;
    Transaction tx(db_);
    SettingsRepo(db_).set(hashKey(r), out);
    audit(db_, clock_, actor, "set_pin", roleName(r));
    tx.commit();
    return true;
}

bool AccessControl::setPinHash(Role r, const std::string& hash) {
    if (hash.rfind("$argon2id$", 0) != 0 || hash.size() >= crypto_pwhash_STRBYTES) return false;
    SettingsRepo(db_).set(hashKey(r), hash);
    return true;
}

int64_t AccessControl::lockedRemainingMs() {
    SettingsRepo s(db_);
    const int64_t until = getInt(s, "pin_locked_until");
    return std::max<int64_t>(0, until - clock_.wallMs());
}

AccessControl::Attempt AccessControl::verify(const std::string& pin) {
    ensureSodium();
    if (int64_t left = lockedRemainingMs(); left > 0) {
        audit(db_, clock_, "system", "login_locked");
        return {Outcome::Locked, std::nullopt, 0, left};
    }
    SettingsRepo s(db_);
    std::optional<Role> matched;
    bool any = false;
    for (Role r : {Role::Staff, Role::Counselor}) {
        auto h = s.get(hashKey(r));
        if (!h) continue;
        any = true;
        if (!matched && crypto_pwhash_str_verify(h->c_str(), pin.c_str(), pin.size()) == 0) matched = r;
    }
    if (!any) return {Outcome::NoPin, std::nullopt, 0, 0};
    Transaction tx(db_);
    if (matched) {
        s.set("pin_failures", "0");
        audit(db_, clock_, roleName(*matched), "login");
        tx.commit();
        return {Outcome::Ok, matched, 0, 0};
    }
    const int64_t failures = getInt(s, "pin_failures") + 1;
    s.set("pin_failures", std::to_string(failures));
    audit(db_, clock_, "system", "login_failed", "attempt " + std::to_string(failures));
    if (failures >= kMaxFailures) {
        s.set("pin_failures", "0");
        s.set("pin_locked_until", std::to_string(clock_.wallMs() + kLockMs));
        audit(db_, clock_, "system", "lockout", "5 minutes");
        tx.commit();
        return {Outcome::Locked, std::nullopt, 0, kLockMs};
    }
    tx.commit();
    return {Outcome::Wrong, std::nullopt, int(kMaxFailures - failures), 0};
}

} // namespace kesip::store
