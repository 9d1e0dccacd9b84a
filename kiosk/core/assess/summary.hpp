#pragma once
#include <optional>
#include <string>
#include <vector>

#include "assess/scoring.hpp"
#include "l10n/catalog.hpp"

namespace kesip::assess {

// Names of the top interest types, tied ones joined with " / ", groups with ", ".
std::string topTypesText(const Instrument& ins, const Result& r, Lang lang);

// The take-away text in the QR code: readable on any phone without a network. Date only, no time.
struct TakeawayInput {
    std::string code;
    int64_t wallMs = 0;
    const Instrument* interest = nullptr;
    std::optional<Result> interestResult;
    const Instrument* strengths = nullptr;
    std::optional<Result> strengthsResult;
    std::vector<std::string> occupations; // titles, best first (may be empty)
};
std::string takeawayText(const l10n::Catalog& cat, Lang lang, const TakeawayInput& in);

} // namespace kesip::assess
