#pragma once
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace kesip::diary {

// What a diary holds, as the screens and the printed sheet read it (DiaryStore::load). Codes, not texts:
// vocab.hpp maps them to locale keys; occupation, field, path and institution ids come from the content.

struct ScalePercent {
    std::string scale;
    double percent = 0;
};

// A finished test of a visit, copied into the diary when the visit is linked, so it outlives the
// visit's own retention.
struct TestSnapshot {
    std::string instrument;
    int version = 0;
    int64_t completedAt = 0;
    unsigned flags = 0;               // assess::Flag bits
    std::vector<ScalePercent> scales; // by scale id; the instrument gives the display order
};

struct Visit {
    int64_t openedAt = 0;
    bool returning = false; // opened with code + PIN (not the visit the diary was started in)
    std::vector<TestSnapshot> tests;
};

struct SavedOccupation {
    std::string occupation, source;
    int64_t savedAt = 0;
};

struct Trial {
    int64_t id = 0;
    std::string type;                         // trialTypes()
    std::string month;                        // YYYY-MM
    std::string field, occupation;            // at least one of them
    std::vector<std::string> liked, disliked; // likedChips(), dislikedChips()
    std::string again;                        // againAnswers() or empty
    std::string note;                         // the student's own words, <= 280 characters, or empty
    int64_t createdAt = 0;
    // Planned, not done yet (an open day next month): no liked/disliked/again/note until it is completed
    // (DiaryStore::completeTrial). One whose month has passed stays planned: the diary asks "did you go?".
    bool planned = false;
};

struct NextStep {
    std::string step;  // stepKinds()
    std::string month; // target, YYYY-MM
    bool done = false;
};

struct Decision {
    int64_t id = 0;
    int64_t madeAt = 0;
    std::string choice, planB; // occupation ids; planB may be empty
    std::string route;         // routes()
    std::string institution;   // content institution id, or empty
    std::vector<NextStep> steps;
};

struct CounselorNote {
    int64_t at = 0;
    std::vector<std::string> choices; // noteChoices()
};

struct Diary {
    std::string id, code, lang;
    int64_t createdAt = 0, lastUsedAt = 0;
    std::vector<Visit> visits; // oldest first
    std::vector<SavedOccupation> saved;
    std::vector<std::string> paths;    // study paths looked at, first seen first
    std::vector<Trial> trials;         // oldest first
    std::map<std::string, bool> ready; // self-check item -> yes
    std::optional<Decision> decision;  // the current one
    std::vector<Decision> earlier;     // decisions before it, newest first
    std::vector<CounselorNote> notes;  // oldest first
};

} // namespace kesip::diary
