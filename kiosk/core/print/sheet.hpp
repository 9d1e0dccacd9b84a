#pragma once
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "assess/instrument.hpp"
#include "assess/scoring.hpp"
#include "catalog/content.hpp"
#include "catalog/matching.hpp"
#include "diary/model.hpp"
#include "l10n/catalog.hpp"
#include "print/document.hpp"

namespace kesip::print {

// Everything the printed sheet shows, as the app holds it during a visit.
struct SheetInput {
    Lang lang = Lang::ky;
    int64_t wallMs = 0;      // today (the date printed)
    std::string sessionCode; // this visit's short code (shown when there is no diary)
    const assess::Instrument* interest = nullptr;
    std::optional<assess::Result> interestResult; // this visit's; without it the diary's latest run is used
    const assess::Instrument* strengths = nullptr;
    std::optional<assess::Result> strengthsResult;
    const catalog::Content* content = nullptr;
    std::vector<catalog::Match> matches; // best first; empty: matched from the diary's latest interest run
    const diary::Diary* diary = nullptr; // the diary open in this visit, if any
    // Institution id -> its name in `lang` (from the content); unset or "" leaves the institution out.
    std::function<std::string(const std::string&)> institutionName;
};

inline constexpr size_t kSheetOccupations = 5;

// The A4 sheet for the student and the parents: the diary code (never the PIN) and a QR code with the
// readable summary, the stage map and the next step, the interest chart with changes since last time,
// strengths, the occupations that fit with their reasons, saved occupations, trials (never their notes),
// the plan with next steps, and on its own page a section for parents. Main thread (uses the catalog).
Document studentSheet(const l10n::Catalog& cat, const SheetInput& in);

// A blank CV form with guidance, to fill in by hand: nothing typed at the kiosk goes into it.
Document cvForm(const l10n::Catalog& cat, Lang lang, int64_t wallMs);

// "February 2027" for "2027-02", in the language (ICU); the input itself when it is not a month.
std::string monthText(Lang lang, const std::string& yyyyMm);

} // namespace kesip::print
