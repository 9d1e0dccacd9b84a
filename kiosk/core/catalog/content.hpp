#pragma once
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "content/textcheck.hpp"
#include "l10n/lang.hpp"

namespace kesip::catalog {

struct Field {
    std::string id;
    uint32_t icon = 0;  // a code point drawn from Noto Sans Symbols
    std::string riasec; // 1-3 letters
    Text2 name, description;
};

struct EducationPath {
    std::string path; // lyceum | college | university | course | on_the_job
    int minMonths = 0, maxMonths = 0;
    std::string entry; // grade9 | grade11 | degree | any; "" in a content database older than the routes
    bool ort = false;  // admission through the national test (university after grade 11)
};

struct Occupation {
    std::string id, isco, riasec, field;
    Text2 title, description, environment, outlook;
    std::optional<Text2> abroad;
    std::vector<std::string> synonymsKy, synonymsRu, tasksKy, tasksRu;
    std::vector<std::string> competences; // strengths-test scale ids
    std::vector<EducationPath> education;
    std::vector<std::string> related;
    int minAge = 0;                   // youngest age to do this work; 0 = none set
    std::optional<Text2> ageNote;     // what an under-18 may and may not do
    std::optional<Text2> requirement; // experience, licence or exam needed first (source key "requires")
    const std::vector<std::string>& synonyms(Lang l) const { return l == Lang::ky ? synonymsKy : synonymsRu; }
    const std::vector<std::string>& tasks(Lang l) const { return l == Lang::ky ? tasksKy : tasksRu; }
};

// A place to study (assets/education/institutions.json).
struct Institution {
    std::string id;
    Text2 name, town;
    std::string kind;                   // university | college | lyceum | training_centre
    std::string oblast;                 // one of oblastIds()
    std::string ownership;              // public | private | unknown
    std::vector<std::string> languages; // of instruction; empty = not known
    std::optional<Text2> address;
    std::string source, checked; // where the facts come from, and when that was read (YYYY-MM-DD)
};

// What an institution teaches (assets/education/programmes.json).
struct Programme {
    int institution = -1;                       // index into Content::institutions
    std::vector<std::string> occupations, isco; // occupation ids and/or ISCO-08 unit groups
    std::string entry;                          // grade9 | grade11 | degree | any
    int minMonths = 0, maxMonths = 0;           // 0 = not known
    std::string stateFunded;                    // yes | no | unknown
    bool ort = false;
    int minAge = 0; // 0 = none
    std::string source, checked;
};

// "Getting a job" (assets/guide/jobs.json): short pages; every legal statement on a page is a fact with
// its source and the date that source was read.
struct GuideFact {
    std::string id;
    Text2 statement, source;
    std::vector<std::string> links; // addresses the source was read at (may be empty)
    std::string checked;            // YYYY-MM-DD
};
struct GuideSection {
    Text2 heading;
    Text2 text; // empty in both languages when the section is a list only
    std::vector<std::string> bulletsKy, bulletsRu;
    std::vector<std::string> facts; // ids of the page's facts this section states
    const std::vector<std::string>& bullets(Lang l) const { return l == Lang::ky ? bulletsKy : bulletsRu; }
};
struct GuidePage {
    std::string id;
    Text2 title;
    std::vector<GuideSection> sections;
    std::vector<GuideFact> facts;
};

// The fixed vocabularies of the education model, in display order.
const std::vector<std::string>&
oblastIds(); // bishkek osh_city chui issyk_kul naryn talas jalal_abad osh batken
const std::vector<std::string>& institutionKinds();
const std::vector<std::string>& entryIds();

// One searchable word of the content (precomputed by the compiler, see search.hpp).
struct StoredTerm {
    int occupation;
    int tier;
    std::string key, display;
    Lang lang;
};

// The encyclopedia in memory: small (a few hundred entries), loaded whole from the content database.
struct Content {
    std::vector<Field> fields;
    std::vector<Occupation> occupations;
    std::string version; // content hash written by the compiler
    std::vector<StoredTerm> terms;
    // Empty when the sources have no assets/education or the database predates it: screens then say
    // "ask the centre".
    std::vector<Institution> institutions;
    std::vector<Programme> programmes;
    // "Getting a job" pages; empty without assets/guide or in a database that predates them.
    std::vector<GuidePage> guide;
    int fieldIndex(const std::string& id) const;
    int occupationIndex(const std::string& id) const;
    std::vector<int> occupationsOfField(const std::string& fieldId) const;
    std::vector<std::string> allTexts() const; // for the font atlas

    // Lookups for "where to study" (education.cpp).
    int institutionIndex(const std::string& id) const;
    // Routes into an occupation (its education entries); empty for an unknown id.
    std::vector<EducationPath> routesOf(const std::string& occupationId) const;
    // Programmes teaching the occupation, by its id or by its ISCO unit group.
    std::vector<int> programmesFor(const std::string& occupationId) const;
    // Institutions with such a programme, each once: those in `oblastFirst` first, then the rest by oblast
    // (oblastIds() order); source order inside each oblast.
    std::vector<int> institutionsTeaching(const std::string& occupationId,
                                          const std::string& oblastFirst = "") const;
    // Institutions in an oblast ("" = all), of a kind ("" = all), in source order.
    std::vector<int> institutionsIn(const std::string& oblast, const std::string& kind = "") const;
};

// `kiosk-content stats`: the content's size as (name, value), in print order.
std::vector<std::pair<std::string, long>> contentStats(const Content& c);

// Reads and validates the authored sources (assets/encyclopedia). Every problem is reported with file
// and line; content is returned only when there are none.
std::optional<Content> readSources(const std::string& dir, std::vector<content::Problem>& problems);

// Reads and validates assets/education (institutions.json, programmes.json) into `c`, whose occupations
// must already be read. A missing directory is not a problem (nothing to show). `today` (YYYY-MM-DD, ""
// = the local date) bounds the `checked` dates. Returns false when a problem was added.
bool readEducation(const std::string& dir, Content& c, std::vector<content::Problem>& problems,
                   const std::string& today = "");

// Reads and validates assets/guide/jobs.json into `pages` (guide.cpp). A missing directory is not a
// problem. `today` bounds the facts' `checked` dates as in readEducation. Returns false on a problem.
bool readGuide(const std::string& dir, std::vector<GuidePage>& pages, std::vector<content::Problem>& problems,
               const std::string& today = "");

// Writes the compiled, read-only content database (replaces `path` atomically).
bool writeContentDb(const Content& c, const std::string& path, std::string& error);
// Opens a compiled content database (read-only). nullopt with a reason when missing or corrupt.
std::optional<Content> loadContentDb(const std::string& path, std::string& error);

} // namespace kesip::catalog
