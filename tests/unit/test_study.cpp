// "Where to study" as the screens read it (catalog/study.hpp): routes by entry, an institution's
// programmes for an occupation, the visitor's oblast, the institutions screen's filter, the facts' dates.
#include <catch2/catch.hpp>

#include "catalog/study.hpp"

using namespace kesip;
using namespace kesip::catalog;

namespace {

Occupation occupation(const std::string& id, const std::string& isco) {
    Occupation o;
    o.id = id;
    o.isco = isco;
    o.title = {id, id};
    return o;
}

Institution institution(const std::string& id, const std::string& oblast) {
    Institution i;
    i.id = id;
    i.oblast = oblast;
    i.kind = "college";
    return i;
}

Programme programme(int institution, std::vector<std::string> occupations,
                    std::vector<std::string> isco = {}) {
    Programme p;
    p.institution = institution;
    p.occupations = std::move(occupations);
    p.isco = std::move(isco);
    p.entry = "grade9";
    return p;
}

// Three occupations (two share an ISCO unit group), institutions in Osh, Bishkek, Naryn and Osh again.
Content sample() {
    Content c;
    c.occupations = {occupation("welder", "7212"), occupation("pipe_welder", "7212"),
                     occupation("cook", "5120")};
    c.institutions = {institution("osh1", "osh_city"), institution("bish1", "bishkek"),
                      institution("nar1", "naryn"), institution("osh2", "osh_city")};
    c.programmes = {programme(0, {"cook"}), programme(1, {}, {"7212"}), programme(2, {"welder"}),
                    programme(2, {"welder", "cook"}), programme(3, {"cook"})};
    return c;
}

std::vector<std::string> groupIds(const Occupation& o) {
    std::vector<std::string> v;
    for (const auto& g : routeGroups(o)) v.push_back(g.id);
    return v;
}

} // namespace

TEST_CASE("routes are grouped by how a visitor gets in, in the order the screen shows them") {
    // Fails if groups follow source order, or a short course or on-the-job route is filed under an entry.
    Occupation o = occupation("cook", "5120");
    o.education = {{"course", 2, 6, "any", false},          {"college", 22, 34, "grade11", false},
                   {"on_the_job", 3, 12, "any", false},     {"lyceum", 34, 36, "grade9", false},
                   {"university", 48, 48, "grade11", true}, {"college", 10, 12, "", false}};
    CHECK(groupIds(o) == std::vector<std::string>{"grade9", "grade11", "course", "on_the_job", "other"});
    const auto groups = routeGroups(o);
    REQUIRE(groups[1].paths.size() == 2); // both grade-11 routes, in source order
    CHECK(groups[1].paths[0].path == "college");
    CHECK(groups[1].paths[1].ort);
    CHECK(routeGroups(occupation("x", "1111")).empty());
}

TEST_CASE("an institution's programmes for an occupation match its id or its ISCO unit group") {
    // Fails if ISCO programmes are ignored, or another institution's programme leaks into the card.
    const Content c = sample();
    CHECK(programmesAt(c, 1, "pipe_welder") == std::vector<int>{1}); // by ISCO 7212
    CHECK(programmesAt(c, 2, "welder") == std::vector<int>{2, 3});
    CHECK(programmesAt(c, 2, "cook") == std::vector<int>{3});
    CHECK(programmesAt(c, 0, "welder").empty());
    CHECK(programmesAt(c, 0, "no_such").empty());
    // Each occupation once, in the order the programmes name them (ISCO ones included).
    CHECK(occupationsTaughtAt(c, 2) == std::vector<int>{0, 2});
    CHECK(occupationsTaughtAt(c, 1) == std::vector<int>{0, 1});
}

TEST_CASE("the visitor's oblast: picked on the screen, else the demographics answer, never a decline") {
    // Fails if the demographics answer overrides a pick, or "na" is shown as an oblast.
    CHECK(visitorOblast("naryn", "osh") == "naryn");
    CHECK(visitorOblast("", "osh") == "osh");
    CHECK(visitorOblast("", "na").empty());
    CHECK(visitorOblast("", "").empty());
    CHECK(visitorOblast("atlantis", "talas") == "talas");
}

TEST_CASE("institutions teaching an occupation put the visitor's oblast first, then the rest by oblast") {
    const Content c = sample();
    CHECK(c.institutionsTeaching("cook", "osh_city") == std::vector<int>{0, 3, 2});
    CHECK(c.institutionsTeaching("cook", "naryn") == std::vector<int>{2, 0, 3});
    CHECK(c.institutionsTeaching("welder", "") == std::vector<int>{1, 2}); // bishkek before naryn
    std::vector<int> all = {0, 1, 2, 3};
    sortByOblast(c, all); // the institutions screen's "all oblasts" list, oblast by oblast
    CHECK(all == std::vector<int>{1, 0, 3, 2});
}

TEST_CASE("the institutions screen's parameter round-trips, and unknown parts read as all") {
    // Fails if a kind filter without an oblast is lost, or a typo in a route filters everything out.
    CHECK(parseInstitutionsParam("").oblast.empty());
    CHECK(parseInstitutionsParam("naryn").oblast == "naryn");
    CHECK(parseInstitutionsParam("naryn").kind.empty());
    const auto f = parseInstitutionsParam("osh:university");
    CHECK(f.oblast == "osh");
    CHECK(f.kind == "university");
    CHECK(parseInstitutionsParam("all:lyceum").oblast.empty());
    CHECK(parseInstitutionsParam("all:lyceum").kind == "lyceum");
    CHECK(parseInstitutionsParam("mars:spaceport").oblast.empty());
    CHECK(parseInstitutionsParam("mars:spaceport").kind.empty());
    for (const std::string o : {"", "bishkek", "batken"})
        for (const std::string k : {"", "college", "training_centre"}) {
            const auto back = parseInstitutionsParam(institutionsParam(o, k));
            CHECK(back.oblast == o);
            CHECK(back.kind == k);
        }
    CHECK(institutionsParam("", "") == "");
    CHECK(institutionsParam("talas", "") == "talas");
}

TEST_CASE("a checked date is noon UTC of that day, so every time zone shows the same date") {
    // Fails if the date is read as local midnight (a kiosk west of UTC would show the day before).
    CHECK(checkedDateMs("2026-11-29") == 1795953600000);
    CHECK(checkedDateMs("2024-02-29") == 1709208000000);
    CHECK(checkedDateMs("2023-02-29") == -1);
    CHECK(checkedDateMs("29.11.2026") == -1);
    CHECK(checkedDateMs("") == -1);
}
