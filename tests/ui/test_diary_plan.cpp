// A coming event put in the diary as planned through the real screens, and completed on a later visit
// (issue 11, stage 4): events -> "Add to my diary" -> the trial form in planned mode -> the diary map's
// plans; a month later, code + PIN -> "did you go?" -> "I went" -> how it went.
#include <regex>

#include "diary/checks.hpp"
#include "diary_steps.hpp"
#include "driver.hpp"
#include "events/repo.hpp"

using namespace kesip;
using flow::ScreenId;
using test::shownCode;
using test::typeDigits;

namespace {

constexpr int64_t kDayMs = int64_t(24) * 3600 * 1000;

std::string tr(test::Driver& d, const char* key) {
    return d.app().ui().catalog().tr(d.app().lang(), key);
}

int64_t count(test::Driver& d, const std::string& sql) {
    return d.app().db()->queryInt(sql);
}

// Pages a scrolling page down until the item is on screen or the page ends (the caller checks which).
void scrollTo(test::Driver& d, const std::string& key, const std::string& region) {
    for (int i = 0; i < 12 && !d.has(key) && d.has(region + "_down"); ++i) {
        d.tap(region + "_down");
        d.frames(1);
    }
}

} // namespace

TEST_CASE("diary plan: a coming event added to the diary is saved as planned and completed a month later") {
    // Fails if "Add to my diary" on a coming event leads to a form that cannot save it (the month in the
    // future refused), if the form asks how it went before it happened, if the diary map lists the plan
    // with the trials done or offers "I went" before its month, or if on a later visit the plan cannot be
    // completed with how it went.
    test::Driver d;
    const catalog::Content* c = d.app().encyclopedia();
    REQUIRE(c);
    REQUIRE_FALSE(c->fields.empty());
    events::EventRepo repo(*d.app().db(), d.clock);
    events::Event e;
    e.kind = "open_day";
    e.title = {"колледждин ачык эшиктери", "день открытых дверей колледжа"};
    e.start = e.end = events::addDays(repo.today(), 35); // next month
    e.place = "Бишкек";
    e.oblast = "bishkek";
    e.fields = {c->fields[0].id};
    const int64_t eventId = repo.write(e, 0, "staff");
    const std::string month = e.start.substr(0, 7);
    REQUIRE(diary::monthIndex(month) == diary::monthIndex(diary::currentMonth(d.clock.wallMs())) + 1);

    d.tap("attract_ky");
    d.tap("home_diary_start");
    REQUIRE(d.screen() == ScreenId::DiaryStart);
    typeDigits(d, "2580");
    d.tap("dpin_ok");
    typeDigits(d, "2580");
    d.tap("dpin_ok");
    const std::string code = shownCode(d);
    REQUIRE_FALSE(code.empty());
    d.tap("diary_open");
    REQUIRE(d.screen() == ScreenId::Diary);

    d.tap("nav_home");
    d.tap("events_home");
    REQUIRE(d.screen() == ScreenId::Events);
    d.tap("event_diary_" + std::to_string(eventId));
    REQUIRE(d.screen() == ScreenId::Trial);
    d.frames(2);
    // Planned mode: the plan's wording, no "how was it" chips.
    CHECK(d.shows(tr(d, "diary_plan_info")));
    CHECK_FALSE(d.has("tliked_people"));
    CHECK_FALSE(d.has("tagain_yes"));
    d.tapIn("trial_save", "trial_page");
    REQUIRE(d.screen() == ScreenId::Events); // back where it was added from
    d.tap("nav_home");
    d.tap("home_diary_open");
    REQUIRE(d.screen() == ScreenId::Diary);
    CHECK(count(d, "SELECT count(*) FROM diary_trials WHERE planned=1 AND type='open_day' AND month='" +
                       month + "' AND field='" + c->fields[0].id + "'") == 1);
    CHECK(count(d, "SELECT count(*) FROM diary_daily WHERE key LIKE 'trial:%'") == 0);
    const int64_t planId = count(d, "SELECT id FROM diary_trials");
    const std::string went = "dplan_went_" + std::to_string(planId);
    const std::string remove = "dplan_remove_" + std::to_string(planId);
    scrollTo(d, remove, "diary_page");
    CHECK(d.shows(tr(d, "diary_plans")));
    CHECK(d.shows(tr(d, "diary_plan_ahead")));
    CHECK(d.has(remove));
    CHECK_FALSE(d.has(went)); // its month has not come

    // Five weeks later: the visit long over, the student back with code + PIN.
    d.clock.advance(40 * kDayMs);
    for (int i = 0; i < 10 && d.screen() != ScreenId::Attract; ++i) d.wait(30'000);
    REQUIRE(d.screen() == ScreenId::Attract);
    d.tap("attract_ky");
    d.tap("home_diary_continue");
    REQUIRE(d.screen() == ScreenId::DiaryUnlock);
    for (char ch : code)
        if (ch != '-') d.tap(std::string("dcode_") + ch);
    typeDigits(d, "2580");
    d.tap("dpin_ok");
    REQUIRE(d.screen() == ScreenId::Diary);
    scrollTo(d, went, "diary_page");
    CHECK(d.shows(tr(d, "diary_plan_due")));
    REQUIRE(d.has(went));
    d.tap(went);
    REQUIRE(d.screen() == ScreenId::Trial);
    CHECK(d.shows(tr(d, "diary_plan_complete_title")));
    d.tapIn("tliked_people", "trial_page");
    d.tapIn("tagain_yes", "trial_page");
    d.tapIn("trial_save", "trial_page");
    REQUIRE(d.screen() == ScreenId::Diary);
    CHECK(count(d, "SELECT count(*) FROM diary_trials WHERE planned=0 AND month='" + month +
                       "' AND liked='people' AND again='yes'") == 1);
    CHECK(count(d, "SELECT count(*) FROM diary_trials") == 1);
    CHECK(count(d, "SELECT sum(n) FROM diary_daily WHERE key='trial:open_day'") == 1);
    CHECK_FALSE(d.shows(tr(d, "diary_plans")));
}

TEST_CASE("diary plan: a plan can be removed from the diary map") {
    // Fails if the plan's "remove" button does nothing or removes another row.
    test::Driver d;
    d.tap("attract_ru");
    d.tap("home_diary_start");
    typeDigits(d, "2580");
    d.tap("dpin_ok");
    typeDigits(d, "2580");
    d.tap("dpin_ok");
    d.tap("diary_open");
    REQUIRE(d.screen() == ScreenId::Diary);
    d.tap("diary_log_trial");
    REQUIRE(d.screen() == ScreenId::Trial);
    d.tap("ttype_course");
    d.tap("tmonth_next"); // next month: a plan
    CHECK(d.shows(tr(d, "diary_plan_info")));
    const catalog::Content* c = d.app().encyclopedia();
    d.tapIn("tfield_" + c->fields[0].id, "trial_page");
    d.tapIn("trial_save", "trial_page");
    REQUIRE(d.screen() == ScreenId::Diary);
    REQUIRE(count(d, "SELECT count(*) FROM diary_trials WHERE planned=1 AND type='course'") == 1);
    const std::string remove = "dplan_remove_" + std::to_string(count(d, "SELECT id FROM diary_trials"));
    scrollTo(d, remove, "diary_page");
    d.tap(remove);
    CHECK(count(d, "SELECT count(*) FROM diary_trials") == 0);
    CHECK(d.shows(tr(d, "diary_plan_removed")));
}
