#include "store/access.hpp"

#include <sodium.h>

#include "store/repo.hpp"

namespace kesip::store {

namespace {
const char* hashKey(Role r) {
    return r == Role::Staff ? "staff_pin_hash" : "counselor_pin_hash";
}
std::string key(const char* what, Role r) {
    return std::string(what) + "_" + roleName(r);
}

// libsodium's interactive limits (2 passes, 64 MiB): about 0.1-0.3 s on a kiosk PC. Guessing is stopped
// by the growing lock; the cost protects the hashes if the database is copied.
const unsigned long long kOps = crypto_pwhash_OPSLIMIT_INTERACTIVE;
const size_t kMem = crypto_pwhash_MEMLIMIT_INTERACTIVE;

void ensureSodium() {
    static const bool ok = sodium_init() >= 0;
    (void)ok;
}

int64_t getInt(SettingsRepo& s, const std::string& k) {
    auto v = s.get(k);
    try {
        return v ? std::stoll(*v) : 0;
    } catch (...) {
        return 0;
    }
}
} // namespace

const char* roleName(Role r) {
    return r == Role::Staff ? "staff" : "counselor";
}

bool Grant::may(Action a) const {
    if (role_ == Role::Counselor) return a == Action::ReviewVisit;
    return a != Action::ReviewVisit; // staff: everything but reading a visitor's answers
}

void require(const Grant& g, Action a) {
    if (!g.may(a)) throw Forbidden(std::string("not allowed for the ") + roleName(g.role()) + " role");
}

bool isValidPin(const std::string& pin) {
    if (pin.size() < 6 || pin.size() > 12) return false;
    for (char c : pin)
        if (c < '0' || c > '9') return false;
    return true;
}

std::string hashSecret(const std::string& secret) {
    ensureSodium();
    char out[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str(out, secret.c_str(), secret.size(), kOps, kMem) != 0) return {};
    return out;
}

bool AccessControl::hasPin(Role r) {
    return SettingsRepo(db_).get(hashKey(r)).has_value();
}

bool AccessControl::setPin(const Grant& by, Role r, const std::string& pin) {
    require(by, Action::SetPins);
    if (!isValidPin(pin)) return false;
    const std::string h = hashSecret(pin);
    if (h.empty()) return false;
    Transaction tx(db_);
    SettingsRepo(db_).set(hashKey(r), h);
    audit(db_, clock_, roleName(by.role()), "set_pin", roleName(r));
    tx.commit();
    return true;
}

bool AccessControl::setPinHash(Role r, const std::string& hash) {
    if (hash.rfind("$argon2id$", 0) != 0 || hash.size() >= crypto_pwhash_STRBYTES) return false;
    SettingsRepo(db_).set(hashKey(r), hash);
    return true;
}

bool AccessControl::setupAvailable() {
    return !setupHash_.empty() && !hasPin(Role::Staff) && !SettingsRepo(db_).get("setup_code_used");
}

int64_t AccessControl::lockedRemainingMs(Role r) {
    SettingsRepo s(db_);
    return std::max<int64_t>(0, getInt(s, key("pin_locked_until", r)) - clock_.wallMs());
}

AccessControl::Attempt AccessControl::failed(Role r, const char* what) {
    SettingsRepo s(db_);
    Transaction tx(db_);
    const int64_t failures = getInt(s, key("pin_failures", r)) + 1;
    s.set(key("pin_failures", r), std::to_string(failures));
    audit(db_, clock_, "system", what, std::string(roleName(r)) + " attempt " + std::to_string(failures));
    if (failures >= kMaxFailures) {
        // Each lock in a row doubles: 5, 10, 20 minutes... up to a day.
        const int64_t locks = getInt(s, key("pin_lockouts", r)) + 1;
        int64_t ms = kLockMs;
        for (int64_t i = 1; i < locks && ms < kMaxLockMs; ++i) ms *= 2;
        ms = std::min(ms, kMaxLockMs);
        s.set(key("pin_failures", r), "0");
        s.set(key("pin_lockouts", r), std::to_string(locks));
        s.set(key("pin_locked_until", r), std::to_string(clock_.wallMs() + ms));
        audit(db_, clock_, "system", "lockout",
              std::string(roleName(r)) + " " + std::to_string(ms / 60'000) + " minutes");
        tx.commit();
        return {Outcome::Locked, std::nullopt, 0, ms};
    }
    tx.commit();
    return {Outcome::Wrong, std::nullopt, int(kMaxFailures - failures), 0};
}

AccessControl::Attempt AccessControl::verify(Role r, const std::string& pin) {
    ensureSodium();
    if (int64_t left = lockedRemainingMs(r); left > 0) {
        audit(db_, clock_, "system", "login_locked", roleName(r));
        return {Outcome::Locked, std::nullopt, 0, left};
    }
    SettingsRepo s(db_);
    auto h = s.get(hashKey(r));
    if (!h) return {Outcome::NoPin, std::nullopt, 0, 0};
    if (crypto_pwhash_str_verify(h->c_str(), pin.c_str(), pin.size()) != 0) return failed(r, "login_failed");
    Transaction tx(db_);
    s.set(key("pin_failures", r), "0");
    s.set(key("pin_lockouts", r), "0");
    // A hash made with weaker settings (earlier versions: 16 MiB) is redone now that the PIN is known.
    if (crypto_pwhash_str_needs_rehash(h->c_str(), kOps, kMem) != 0) {
        const std::string fresh = hashSecret(pin);
        if (!fresh.empty()) s.set(hashKey(r), fresh);
    }
    audit(db_, clock_, roleName(r), "login");
    tx.commit();
    return {Outcome::Ok, Grant(r), 0, 0};
}

AccessControl::Attempt AccessControl::verifySetupCode(const std::string& code) {
    ensureSodium();
    if (!setupAvailable()) return {Outcome::NoSetupCode, std::nullopt, 0, 0};
    if (int64_t left = lockedRemainingMs(Role::Staff); left > 0)
        return {Outcome::Locked, std::nullopt, 0, left};
    if (crypto_pwhash_str_verify(setupHash_.c_str(), code.c_str(), code.size()) != 0)
        return failed(Role::Staff, "setup_code_failed");
    audit(db_, clock_, "system", "setup_code_ok");
    return {Outcome::Ok, Grant(Role::Staff), 0, 0};
}

bool AccessControl::completeSetup(const Grant& setup, const std::string& pin) {
    require(setup, Action::SetPins);
    if (!isValidPin(pin)) return false;
    const std::string h = hashSecret(pin);
    if (h.empty()) return false;
    Transaction tx(db_);
    SettingsRepo s(db_);
    s.set(hashKey(Role::Staff), h);
    s.set("setup_code_used", "1");
    s.set(key("pin_failures", Role::Staff), "0");
    audit(db_, clock_, "staff", "set_pin", "staff (first, with the installer's setup code)");
    tx.commit();
    return true;
}

} // namespace kesip::store
