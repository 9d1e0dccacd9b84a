#pragma once
#include <optional>
#include <string>
#include <vector>

#include "events/event.hpp"
#include "store/db.hpp"
#include "util/clock.hpp"

namespace kesip::events {

// What a planned trial in the diary needs from an event ("add to my diary"), without the diary's types.
struct TrialSeed {
    int64_t eventId = 0;
    std::string kind;       // the event's kind (open_day, company_visit, job_fair, internship, course)
    std::string month;      // YYYY-MM of the start date
    std::string field;      // first linked field, else the field of the first linked occupation ("" none)
    std::string occupation; // first linked occupation ("" none)
    Text2 title;            // both languages filled: a missing one takes the other
};

struct EventFilter {
    std::string oblast, field, occupation, kind; // "" = any
};

// The events table of the local database. Writes are audited as who (the actor: "staff") and what (the
// event id, kind and dates: no text, nothing about a person). Coming = not over by the local date: an
// event is shown through its end date and hides itself the day after.
class EventRepo {
  public:
    EventRepo(store::Database& db, const Clock& clock) : db_(db), clock_(clock) {}

    struct Saved {
        int64_t id = 0;            // 0 when refused
        std::vector<Issue> issues; // why it was refused
        bool ok() const { return id != 0; }
    };
    // The editor's save: normalised and checked like a CSV row; an event already over, one too far ahead
    // or one that repeats an existing event (same kind, start, oblast and titles) is refused.
    Saved add(Event e, const LinkVocabulary& v, const char* actor = "staff");
    Saved update(int64_t id, Event e, const LinkVocabulary& v, const char* actor = "staff");
    bool remove(int64_t id, const char* actor = "staff");

    std::optional<Event> get(int64_t id);
    // For the staff list: every event (past ones too when asked), soonest first.
    std::vector<Event> list(bool includePast);
    // Coming events matching the filter, soonest first; events in `oblastFirst` before the rest.
    std::vector<Event> coming(const EventFilter& f, size_t limit = 0, const std::string& oblastFirst = "");

    // The screens' queries (limit 0 = all).
    // Home: a few coming events, soonest first, the visitor's oblast first when known.
    std::vector<Event> forHome(const std::string& visitorOblast, size_t limit = 3);
    // A field page: events linked to the field or to one of its occupations.
    std::vector<Event> forField(const LinkVocabulary& v, const std::string& fieldId,
                                const std::string& visitorOblast = "", size_t limit = 0);
    // An occupation page: events linked to the occupation first, then those linked to its field.
    std::vector<Event> forOccupation(const LinkVocabulary& v, const std::string& occupationId,
                                     const std::string& visitorOblast = "", size_t limit = 0);
    // "Add to my diary": nullopt for an unknown id.
    std::optional<TrialSeed> trialOf(int64_t id, const LinkVocabulary& v);

    std::string today() const { return localDate(clock_.wallMs()); }
    const Clock& clock() const { return clock_; }

    // Within the caller's transaction (the CSV import): insert or rewrite by match key. Returns the id.
    int64_t write(const Event& e, int64_t existingId, const char* source);
    std::optional<Event> byMatchKey(const std::string& key);

  private:
    std::vector<Event> query(const std::string& where, const std::vector<std::string>& binds,
                             const std::string& orderFirst, const std::vector<std::string>& orderBinds,
                             size_t limit);
    void loadLinks(Event& e);
    Saved save(int64_t id, Event e, const LinkVocabulary& v, const char* actor);

    store::Database& db_;
    const Clock& clock_;
    // Prepared once per repository: an import writes up to kMaxRows events in one go.
    std::optional<store::Statement> insert_, update_, dropLinks_, addLink_, byKey_, links_;
};

} // namespace kesip::events
