#pragma once
#include <cstdint>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "l10n/lang.hpp"

namespace kesip::catalog {
struct Content;
}
namespace kesip::l10n {
class Catalog;
}

namespace kesip::events {

// The centre's events (issue 12, stage 4 of the journey): open days, company visits, job fairs,
// internships and short courses. Typed by staff or imported from a stick; about events, never people.

const std::vector<std::string>& eventKinds();     // open_day company_visit job_fair internship course
const char* kindNameKey(const std::string& kind); // locale key of the kind's name ("" for an unknown kind)

// Length caps in characters (code points), for the editor and the CSV alike.
constexpr size_t kMaxTitle = 120, kMaxOrganiser = 120, kMaxPlace = 160, kMaxText = 600;
// How far ahead an event may start: further is almost always a mistyped year.
constexpr int kMaxDaysAhead = 2 * 366;

struct Event {
    int64_t id = 0;         // 0 = not stored yet
    std::string kind;       // one of eventKinds()
    Text2 title;            // at least one language; titleIn() falls back to the other
    std::string organiser;  // optional
    std::string start, end; // local dates YYYY-MM-DD, end >= start (one-day events: end == start)
    std::string place;
    std::string oblast;                           // one of catalog::oblastIds()
    std::vector<std::string> fields, occupations; // ids of the content's fields and occupations
    Text2 text;                                   // optional short description, either language or both
    std::string source;                           // "staff" or "import" (set by the repository)

    const std::string& titleIn(Lang l) const;
    const std::string& textIn(Lang l) const;
};

// Why an event or a CSV row is refused: a locale key and what fills its arguments.
struct Issue {
    int row = 0;          // spreadsheet row (the header is row 1); 0 = the file as a whole, or the editor
    const char* key = ""; // locale key (events_err_*)
    std::string column;   // CSV column / event attribute at fault ({column}), "" when none
    std::string value;    // the offending value, shortened ({value})
    int number = 0;       // {max} or {first}, when the message has one
    Issue() = default;
    Issue(int r, const char* k, std::string col = {}, std::string val = {}, int num = 0)
        : row(r), key(k), column(std::move(col)), value(std::move(val)), number(num) {}
};
// The issue in words: "Row 5: ..." (events_at_row) when it has a row.
std::string issueText(const l10n::Catalog& cat, Lang lang, const Issue& issue);

// What links can point at, built from the content on the calling thread and then owned by whoever
// checks rows (the import worker), so the check never touches the live catalog. Names are matched case-
// insensitively by id or by the ky/ru title as the kiosk shows it.
class LinkVocabulary {
  public:
    static LinkVocabulary of(const catalog::Content& c);
    enum class Match { Found, Unknown, Ambiguous };
    Match field(const std::string& name, std::string& id) const;
    Match occupation(const std::string& name, std::string& id) const;
    bool hasField(const std::string& id) const { return fieldIds_.count(id) > 0; }
    bool hasOccupation(const std::string& id) const { return fieldOfOcc_.count(id) > 0; }
    std::string fieldOf(const std::string& occupationId) const;
    std::vector<std::string> occupationsOf(const std::string& fieldId) const;

  private:
    std::unordered_set<std::string> fieldIds_;
    std::unordered_map<std::string, std::string> fieldOfOcc_;
    std::unordered_map<std::string, std::string> fieldNames_, occNames_; // folded name -> id ("" = ambiguous)
};

// Trims, folds line breaks in one-line attributes into spaces, normalizes to NFC and checks the event:
// kind, a title, dates, place, oblast, links, length caps, no control or bidi characters. Does not look
// at today: see isOver / tooFarAhead. Issues carry `row`.
std::vector<Issue> normaliseEvent(Event& e, const LinkVocabulary& v, int row = 0);
bool isOver(const Event& e, const std::string& today);      // ended before today
bool tooFarAhead(const Event& e, const std::string& today); // starts more than kMaxDaysAhead from today

// The identity of an event across imports: kind, start date, oblast and both titles (case-folded), so
// re-importing a file finds the events it added before.
std::string matchKey(const Event& e);

// Dates: YYYY-MM-DD or D.M.YYYY (what Excel writes under a Russian or Kyrgyz locale), optionally with a
// time of day Excel may append, which is ignored. Returns "" when it is not a real date.
std::string parseDate(const std::string& s);
std::string addDays(const std::string& isoDate, int days);

// Text cleanup shared with the CSV reader.
std::string foldName(const std::string& s);                  // trimmed, spaces collapsed, case-folded
bool hasHiddenChar(const std::string& s, bool allowNewline); // C0/C1 controls, bidi and other format chars
bool looksLikeLostLetters(const std::string& s);             // "?" standing for a letter a code page lacked
std::string shortValue(const std::string& s); // for a message: at most 40 characters, hidden ones as "?"

} // namespace kesip::events
