#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "assess/instrument.hpp"

namespace kesip::assess {

struct Response {
    std::string itemId;
    std::optional<int> value; // nullopt: skipped
    int64_t responseMs = 0;
};

struct ScaleScore {
    std::string scale;
    double raw = 0;     // sum of keyed answers (reverse items flipped)
    double percent = 0; // mean keyed answer mapped to 0..100 (skipped items left out)
    int answered = 0;
};

// Thresholds, documented here because results depend on them:
// - kTieThreshold: two interest scores closer than 5 points (0..100) are treated as tied. On the 60-item
//   test one answer step on one item moves a scale by 2.5 points, so 5 points is two answer steps: well
//   inside what changes between two sittings, so the order of such letters means nothing.
// - kFlatThreshold: differentiation = highest scale minus the mean of the others. Below 15 points the
//   profile is "flat" (undifferentiated) and the results talk instead of ranking. For a respondent with
//   no real preference who answers around "neutral" with noise sd 0.6 the top scale still beats the rest
//   by about 7.5 points (sd 3.5) by chance alone (max of six noisy means), so 15 flags ~97 % of such
//   profiles (tests/unit/test_assess.cpp simulates it), while a real
//   preference (one type "like", the rest "neutral or dislike") differs by 30+ points.
// - kFastMedianMs: median response time under 1 s means items were not read (a 6-word item takes a
//   fluent reader about 1.5 s).
// - kMaxSkippedShare: more than 20 % skipped items make the profile unreliable.
inline constexpr double kTieThreshold = 5.0;
inline constexpr double kFlatThreshold = 15.0;
inline constexpr int64_t kFastMedianMs = 1000;
inline constexpr double kMaxSkippedShare = 0.2;

enum Flag : unsigned {
    kFlagFlat = 1u << 0,       // undifferentiated profile
    kFlagSameAnswer = 1u << 1, // the same answer to every item
    kFlagTooFast = 1u << 2,    // median response time below the floor
    kFlagTooManySkipped = 1u << 3,
    kFlagIncomplete = 1u << 4, // not every item reached
};
std::vector<std::string> flagNames(unsigned flags);
unsigned flagFromName(const std::string& name);
inline bool unreliable(unsigned f) {
    return f & (kFlagSameAnswer | kFlagTooFast | kFlagTooManySkipped);
}

struct Result {
    std::vector<ScaleScore> scales;           // in instrument order
    std::vector<int> ranking;                 // scale indexes, highest first (ties: instrument order)
    std::vector<std::vector<int>> codeGroups; // top letters, tied ones grouped: e.g. {{S,A},{E}}
    std::string code;                         // e.g. "SA-E": tied letters together, groups joined by '-'
    double differentiation = 0;               // highest percent minus the mean of the others
    int consistency = 0; // top two on the RIASEC hexagon: 3 adjacent, 2 alternate, 1 opposite
    unsigned flags = 0;
    int answered = 0, skipped = 0;
    std::vector<int> strengths; // competence profile: top scales (>= 60 %, at most 3)
    std::vector<int> toDevelop; // lowest scales (< 50 %, at most 2)
};

// Scores any instrument from its responses (order irrelevant; unknown items ignored).
Result score(const Instrument& ins, const std::vector<Response>& responses);

// Hexagon distance class for two RIASEC letters: 3 adjacent, 2 alternate, 1 opposite, 0 same/unknown.
int hexagonConsistency(char a, char b);

} // namespace kesip::assess
