#include "diary/stages.hpp"

#include <algorithm>
#include <cmath>

#include "diary/checks.hpp"
#include "diary/vocab.hpp"
#include "l10n/catalog.hpp"

namespace kesip::diary {

using l10n::K;

namespace {
std::vector<const TestSnapshot*> runsOf(const Diary& d, const std::string& instrument) {
    std::vector<const TestSnapshot*> runs;
    for (const Visit& v : d.visits)
        for (const TestSnapshot& t : v.tests)
            if (t.instrument == instrument) runs.push_back(&t);
    std::stable_sort(runs.begin(), runs.end(), [](const TestSnapshot* a, const TestSnapshot* b) {
        return a->completedAt < b->completedAt;
    });
    return runs;
}
} // namespace

const char* stageKey(Stage s) {
    static const char* keys[kStages] = {K("diary_stage_self"), K("diary_stage_explore"), K("diary_stage_try"),
                                        K("diary_stage_decide")};
    return keys[int(s)];
}

const char* stateKey(StageState s) {
    return s == StageState::Done         ? K("diary_state_done")
           : s == StageState::InProgress ? K("diary_state_in_progress")
                                         : K("diary_state_not_started");
}

const TestSnapshot* latestRun(const Diary& d, const std::string& instrument) {
    auto runs = runsOf(d, instrument);
    return runs.empty() ? nullptr : runs.back();
}

StageMap stageMap(const Diary& d, const std::string& thisMonth) {
    StageMap m;
    const bool interest = latestRun(d, "interest") != nullptr,
               strengths = latestRun(d, "strengths") != nullptr;
    m.state[0] = interest && strengths   ? StageState::Done
                 : interest || strengths ? StageState::InProgress
                                         : StageState::NotStarted;
    const bool enoughSaved = d.saved.size() >= kSavedForExplore, anyPath = !d.paths.empty();
    m.state[1] = enoughSaved && anyPath        ? StageState::Done
                 : !d.saved.empty() || anyPath ? StageState::InProgress
                                               : StageState::NotStarted;
    // Only trials done count towards "done"; a planned one starts the stage.
    const size_t doneTrials =
        size_t(std::count_if(d.trials.begin(), d.trials.end(), [](const Trial& t) { return !t.planned; }));
    m.state[2] = doneTrials >= kTrialsForTry ? StageState::Done
                 : !d.trials.empty()         ? StageState::InProgress
                                             : StageState::NotStarted;
    bool allReady = true;
    for (const Choice& c : readyItems()) allReady = allReady && d.ready.count(c.code) > 0;
    const bool decided = d.decision.has_value(), steps = decided && !d.decision->steps.empty();
    m.state[3] = decided && steps && allReady  ? StageState::Done
                 : decided || !d.ready.empty() ? StageState::InProgress
                                               : StageState::NotStarted;

    Suggestion& s = m.suggestion;
    if (m.state[0] != StageState::Done) {
        s = {Stage::Self, interest ? K("diary_next_strengths") : K("diary_next_interest"), {}, {}};
    } else if (m.state[1] != StageState::Done) {
        s = {Stage::Explore, enoughSaved ? K("diary_next_paths") : K("diary_next_save"), {}, {}};
    } else if (m.state[2] != StageState::Done) {
        s = {Stage::Try, doneTrials == 0 ? K("diary_next_trial") : K("diary_next_trial_more"), {}, {}};
    } else if (m.state[3] != StageState::Done) {
        s = {Stage::Decide,
             !allReady  ? K("diary_next_ready")
             : !decided ? K("diary_next_decide")
                        : K("diary_next_steps"),
             {},
             {}};
    } else {
        // Everything done: follow the plan, the earliest step not yet done first.
        const NextStep* first = nullptr;
        for (const NextStep& st : d.decision->steps)
            if (!st.done && (!first || monthIndex(st.month) < monthIndex(first->month))) first = &st;
        if (first)
            s = {Stage::Decide, K("diary_next_follow"), first->step, first->month};
        else
            s = {Stage::Decide, K("diary_next_all_done"), {}, {}};
    }
    const Trial* due = nullptr; // the earliest plan whose month has come
    if (!thisMonth.empty())
        for (const Trial& t : d.trials)
            if (t.planned && monthIndex(t.month) <= monthIndex(thisMonth) &&
                (!due || monthIndex(t.month) < monthIndex(due->month)))
                due = &t;
    if (due) s = {Stage::Try, K("diary_next_plan_due"), {}, due->month};
    m.next = s.stage;
    return m;
}

std::vector<ScaleChange> changesSinceLast(const Diary& d, const std::string& instrument) {
    auto runs = runsOf(d, instrument);
    std::vector<ScaleChange> out;
    if (runs.size() < 2) return out;
    const TestSnapshot& before = *runs[runs.size() - 2];
    const TestSnapshot& after = *runs.back();
    for (const ScalePercent& a : after.scales) {
        auto b = std::find_if(before.scales.begin(), before.scales.end(),
                              [&](const ScalePercent& x) { return x.scale == a.scale; });
        if (b == before.scales.end()) continue;
        const double delta = a.percent - b->percent;
        const int dir = delta >= kChangePoints ? 1 : delta <= -kChangePoints ? -1 : 0;
        out.push_back({a.scale, b->percent, a.percent, dir});
    }
    return out;
}

const char* changeKey(const ScaleChange& c) {
    return c.direction > 0   ? K("diary_change_rose")
           : c.direction < 0 ? K("diary_change_fell")
                             : K("diary_change_same");
}

} // namespace kesip::diary
