#pragma once
#include "print/sheet.hpp"

namespace kesip::print {

// The built-in sample visit for looking at the printed sheet (kiosk --print-sample, tests): a sociable,
// creative profile answered as the app's sample visit answers (deterministic), its matches, and a diary
// with an earlier visit, saved occupations, two trials and a decision with next steps. `storage` keeps
// the sample diary alive for the returned input, which points at it.
SheetInput sampleSheetInput(const assess::Instrument& interest, const assess::Instrument& strengths,
                            const catalog::Content& content, Lang lang, int64_t wallMs,
                            diary::Diary& storage);

} // namespace kesip::print
