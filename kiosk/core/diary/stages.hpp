#pragma once
#include <array>
#include <optional>
#include <string>
#include <vector>

#include "diary/model.hpp"

namespace kesip::diary {

// The journey's stages as the diary map shows them (shared/JOURNEY.md): 1 knowing yourself, 2-3
// occupations and study paths, 4 trying the world of work, 5 the decision.
enum class Stage { Self = 0, Explore = 1, Try = 2, Decide = 3 };
inline constexpr int kStages = 4;
enum class StageState { NotStarted, InProgress, Done };

// When a stage counts as done (and as started), documented because the map depends on it:
//  Self     done: the interest and the strengths test each finished at least once; started: one of them.
//  Explore  done: 3 or more occupations saved and a study path looked at; started: either.
//  Try      done: 2 or more trials logged as done (the model asks for several: visits, open days,
//           practice); started: 1, or one planned.
//  Decide   done: a decision with at least one next step and every self-check item answered;
//           started: a decision or any self-check answer.
inline constexpr size_t kSavedForExplore = 3;
inline constexpr size_t kTrialsForTry = 2;

struct Suggestion {
    Stage stage = Stage::Self;
    const char* key = nullptr; // locale key of the suggested next step
    std::string step, month;   // for diary_next_follow: the step code and its target month
};

struct StageMap {
    std::array<StageState, kStages> state{};
    Stage next = Stage::Self; // the stage the suggestion belongs to (shown as "next step")
    Suggestion suggestion;
};
const char* stageKey(Stage s); // locale key of a stage's name

// The map and the one next step to suggest: the first stage not done, and within it the first thing
// missing; with every stage done, the earliest next step of the decision not yet done. Given this month
// ("YYYY-MM"), a planned trial whose month has come is suggested before all of that ("did you go?", with
// its month): it is the most concrete thing the student can do now.
StageMap stageMap(const Diary& d, const std::string& thisMonth = {});
const char* stateKey(StageState s);

// "Change since last time" for one instrument: the two most recent finished runs compared per scale.
// A scale rose or fell when it moved by kChangePoints or more: twice the interest test's tie threshold
// (assess::kTieThreshold), so a change of a couple of answers between two sittings is not reported.
inline constexpr double kChangePoints = 10.0;
struct ScaleChange {
    std::string scale;
    double before = 0, after = 0;
    int direction = 0; // +1 rose, -1 fell, 0 about the same
};
// Empty when the instrument was finished fewer than two times.
std::vector<ScaleChange> changesSinceLast(const Diary& d, const std::string& instrument);
const char* changeKey(const ScaleChange& c); // diary_change_rose / _fell / _same, argument {scale}

// The latest finished run of an instrument in the diary, if any.
const TestSnapshot* latestRun(const Diary& d, const std::string& instrument);

} // namespace kesip::diary
