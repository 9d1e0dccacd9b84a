#pragma once
#include <array>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "assess/scoring.hpp"
#include "catalog/content.hpp"

namespace kesip::catalog {

// What the tests found out about a visitor, in the form matching needs.
struct Profile {
    std::array<double, 6> riasec{};            // percent per R I A S E C
    std::string topLetters;                    // letters of the top code groups, e.g. "SAE"
    std::map<std::string, double> competences; // percent per competence id (empty: strengths test not taken)
    std::vector<std::string> strengths;        // the visitor's top competences
};

// The matching view of finished tests: interest percentages and top-group letters, plus the competence
// profile when a (reliable) strengths result is given.
Profile profileFrom(const assess::Instrument& interest, const assess::Result& interestResult,
                    const assess::Instrument* strengths = nullptr,
                    const assess::Result* strengthsResult = nullptr);

struct Match {
    int occupation = -1;
    double score = 0;                         // 0..1
    double interestFit = 0;                   // 0..1
    double strengthFit = -1;                  // 0..1, -1 when the strengths test was not taken
    std::string sharedLetters;                // reasons: interest types the occupation and visitor share
    std::vector<std::string> sharedStrengths; // reasons: competences the occupation needs and the visitor has
};

struct FieldMatch {
    int field = -1;
    double score = 0;
};

// Congruence, documented: the occupation's code becomes a six-value profile (first letter 3, second 2,
// third 1, others 0) and is correlated (Pearson) with the visitor's six interest percentages;
// interestFit = (r + 1) / 2. With the strengths test taken, the mean of the visitor's percentages on the
// competences the occupation needs refines it: score = 0.8 interestFit + 0.2 strengthFit.
// Occupations sharing none of the visitor's top letters are ranked after those that share one.
std::vector<Match> matchOccupations(const Content& c, const Profile& p, size_t limit = 10);
// Fields ranked by the mean score of their three best occupations.
std::vector<FieldMatch> matchFields(const Content& c, const Profile& p, size_t limit = 3);

double pearson(const std::array<double, 6>& a, const std::array<double, 6>& b);
std::array<double, 6> codeProfile(const std::string& code);

} // namespace kesip::catalog
