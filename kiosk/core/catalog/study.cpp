#include "catalog/study.hpp"

#include <algorithm>
#include <ctime>

#include "catalog/source_util.hpp"

namespace kesip::catalog {

namespace {

bool contains(const std::vector<std::string>& v, const std::string& s) {
    return std::find(v.begin(), v.end(), s) != v.end();
}

std::string groupOf(const EducationPath& e) {
    if (e.path == "course") return "course";
    if (e.path == "on_the_job") return "on_the_job";
    if (e.entry == "grade9" || e.entry == "grade11" || e.entry == "degree") return e.entry;
    return "other"; // a route without an entry (older content), or a school route open to anyone
}

// Does this programme teach the occupation (by id, or by its ISCO unit group)?
bool teaches(const Programme& p, const Occupation& o) {
    return contains(p.occupations, o.id) || contains(p.isco, o.isco);
}

} // namespace

const std::vector<std::string>& routeGroupIds() {
    static const std::vector<std::string> v = {"grade9", "grade11",    "degree",
                                               "course", "on_the_job", "other"};
    return v;
}

std::vector<RouteGroup> routeGroups(const Occupation& o) {
    std::vector<RouteGroup> groups;
    for (const std::string& id : routeGroupIds()) {
        RouteGroup g{id, {}};
        for (const EducationPath& e : o.education)
            if (groupOf(e) == id) g.paths.push_back(e);
        if (!g.paths.empty()) groups.push_back(std::move(g));
    }
    return groups;
}

std::vector<int> programmesAt(const Content& c, int institution, const std::string& occupationId) {
    std::vector<int> v;
    const int oi = c.occupationIndex(occupationId);
    if (oi < 0) return v;
    for (size_t i = 0; i < c.programmes.size(); ++i)
        if (c.programmes[i].institution == institution && teaches(c.programmes[i], c.occupations[size_t(oi)]))
            v.push_back(int(i));
    return v;
}

void sortByOblast(const Content& c, std::vector<int>& v) {
    const auto& order = oblastIds();
    auto rank = [&](int i) {
        return std::find(order.begin(), order.end(), c.institutions[size_t(i)].oblast) - order.begin();
    };
    std::stable_sort(v.begin(), v.end(), [&](int a, int b) { return rank(a) < rank(b); });
}

std::vector<int> occupationsTaughtAt(const Content& c, int institution) {
    std::vector<int> v;
    for (const Programme& p : c.programmes) {
        if (p.institution != institution) continue;
        for (size_t o = 0; o < c.occupations.size(); ++o)
            if (teaches(p, c.occupations[o]) && std::find(v.begin(), v.end(), int(o)) == v.end())
                v.push_back(int(o));
    }
    return v;
}

std::string visitorOblast(const std::string& picked, const std::string& answered) {
    if (contains(oblastIds(), picked)) return picked;
    if (contains(oblastIds(), answered)) return answered;
    return {};
}

InstitutionsFilter parseInstitutionsParam(const std::string& param) {
    const size_t colon = param.find(':');
    InstitutionsFilter f{param.substr(0, colon),
                         colon == std::string::npos ? std::string() : param.substr(colon + 1)};
    if (!contains(oblastIds(), f.oblast)) f.oblast.clear();
    if (!contains(institutionKinds(), f.kind)) f.kind.clear();
    return f;
}

std::string institutionsParam(const std::string& oblast, const std::string& kind) {
    if (kind.empty()) return oblast;
    return (oblast.empty() ? std::string("all") : oblast) + ":" + kind;
}

int64_t checkedDateMs(const std::string& ymd) {
    if (!detail::realDate(ymd)) return -1;
    std::tm t{};
    t.tm_year = std::stoi(ymd.substr(0, 4)) - 1900;
    t.tm_mon = std::stoi(ymd.substr(5, 2)) - 1;
    t.tm_mday = std::stoi(ymd.substr(8, 2));
    t.tm_hour = 12;
    return int64_t(timegm(&t)) * 1000; // timegm: the date in UTC, whatever the kiosk's time zone
}

} // namespace kesip::catalog
