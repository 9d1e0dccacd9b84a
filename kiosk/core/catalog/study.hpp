#pragma once
// "Where to study" as the screens show it: an occupation's routes grouped by how a visitor gets in, the
// programmes of one institution for it, the institutions screen's filter, and the dates of the facts.
#include <cstdint>
#include <string>
#include <vector>

#include "catalog/content.hpp"

namespace kesip::catalog {

// How a visitor gets in, in display order: after grade 9, after grade 11, after a degree, a short course,
// on the job; "other" holds routes of a content database that predates entry routes.
const std::vector<std::string>& routeGroupIds(); // grade9 grade11 degree course on_the_job other

struct RouteGroup {
    std::string id; // one of routeGroupIds()
    std::vector<EducationPath> paths;
};
// The occupation's routes by group (groups without routes left out), source order inside a group.
std::vector<RouteGroup> routeGroups(const Occupation& o);

// Programmes of one institution that teach the occupation (indices into Content::programmes).
std::vector<int> programmesAt(const Content& c, int institution, const std::string& occupationId);
// Institutions in oblastIds() order (stable: source order inside an oblast).
void sortByOblast(const Content& c, std::vector<int>& institutions);
// Occupations of the encyclopedia an institution teaches (indices into Content::occupations), each once,
// in the order its programmes name them.
std::vector<int> occupationsTaughtAt(const Content& c, int institution);

// The visitor's oblast for "where to study": the one picked on the screen during this visit, else the
// demographics answer; "" when neither names a known oblast ("na": declined).
std::string visitorOblast(const std::string& picked, const std::string& answered);

// The institutions screen's parameter: "" (everything), "<oblast>", "<oblast>:<kind>" or "all:<kind>".
// Unknown oblasts and kinds read as "all".
struct InstitutionsFilter {
    std::string oblast, kind; // "" = all
};
InstitutionsFilter parseInstitutionsParam(const std::string& param);
std::string institutionsParam(const std::string& oblast, const std::string& kind);

// A `checked` date (YYYY-MM-DD) as milliseconds since the epoch at 12:00 UTC, so that formatting it in
// any time zone from UTC-11 to UTC+11 shows that same day; -1 when it is not a real date.
int64_t checkedDateMs(const std::string& ymd);

} // namespace kesip::catalog
