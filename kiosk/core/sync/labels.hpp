#pragma once
#include "assess/instrument.hpp"
#include "catalog/content.hpp"
#include "l10n/catalog.hpp"
#include "sync/summary.hpp"

namespace kesip::sync {

// Text for people (CSV, PDF, screen) from anywhere untrusted: valid UTF-8 (a bad sequence becomes U+FFFD),
// no control characters, no bidi controls (which could reorder what staff read), at most maxChars code
// points.
std::string safeText(const std::string& s, size_t maxChars);
// A stick's label as shown to staff: safeText, 32 characters, never empty.
std::string stickLabel(const std::string& raw, const std::string& fallback);

// Labels for summaries (pass from/to as "{from}"/"{to}" and call fillPeriod once the summary is built) in one
// language, from the locale, the interest instrument (type names) and the encyclopedia (field names). Either
// source may be missing: codes are shown then.
SummaryLabels makeSummaryLabels(const l10n::Catalog& cat, Lang lang, const assess::Instrument* interest,
                                const catalog::Content* content, const std::string& from,
                                const std::string& to, int64_t nowMs);

} // namespace kesip::sync
