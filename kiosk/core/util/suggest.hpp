#pragma once
#include <string>
#include <vector>

namespace kesip {

// Edit distance with adjacent transpositions (optimal string alignment): "--otu" is 1 from "--out".
size_t editDistance(const std::string& a, const std::string& b);

// The candidate a user most likely meant by `given` (a misspelt flag or command): the closest by edit
// distance when it is close enough for the length (at most 1 edit for short names, a third of the length
// for long ones), else the only candidate that starts with `given`; "" when nothing fits. Leading dashes
// and a "=value" are ignored when comparing, so "--scren=home" suggests "--screen".
std::string closestMatch(const std::string& given, const std::vector<std::string>& candidates);

} // namespace kesip
