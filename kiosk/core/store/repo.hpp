#pragma once
#include <optional>
#include <string>
#include <vector>

#include "l10n/lang.hpp"
#include "store/db.hpp"
#include "util/clock.hpp"

namespace kesip::store {

struct Demographics {
    // NULL (nullopt) = not asked; "na" = the visitor chose "prefer not to say".
    std::optional<std::string> ageBand, gender, status, oblast;
};

struct SessionRow {
    std::string id, code, lang;
    int64_t startedAt = 0;
    std::optional<int64_t> endedAt;
    std::optional<std::string> endReason;
    Demographics demo;
};

// Anonymous visits. Every write is its own transaction so a power cut loses at most the write in flight.
class SessionRepo {
  public:
    SessionRepo(Database& db, const Clock& clock) : db_(db), clock_(clock) {}

    SessionRow begin(Lang lang,
                     const std::string& code = {}); // new random id; random unique code unless given
    void setLang(const std::string& id, Lang lang);
    void setDemographics(const std::string& id, const Demographics& d);
    // Ends the visit and adds it to the daily counts (daily_stats), in one transaction; a second call
    // for the same visit changes nothing.
    void end(const std::string& id, const char* reason); // 'finished' | 'idle' | 'shutdown'
    // After a power cut: visits left open for longer than maxOpenMs are ended as 'shutdown'.
    int closeStale(int64_t maxOpenMs);
    std::optional<SessionRow> get(const std::string& id);
    std::optional<SessionRow> byCode(const std::string& code);
    int64_t count();

  private:
    Database& db_;
    const Clock& clock_;
};

class SettingsRepo {
  public:
    explicit SettingsRepo(Database& db) : db_(db) {}
    std::optional<std::string> get(const std::string& key);
    void set(const std::string& key, const std::string& value);

  private:
    Database& db_;
};

// Adds one ended visit to daily_stats (day of its start, local time). Inside the caller's transaction.
void addVisitToDailyStats(Database& db, const std::string& sessionId);

// This kiosk's identity for exports: from the config when given, else generated once ("K-XXXXXX") and kept.
std::string ensureKioskId(Database& db, const std::string& configured);
std::string centreId(Database& db, const std::string& configured);

void audit(Database& db, const Clock& clock, const char* actor, const char* action,
           const std::string& detail = {});

} // namespace kesip::store
