#pragma once
#include "app/options.hpp"

namespace kesip::app {

// kiosk --print-sample OUT.pdf --lang ky|ru: the built-in sample visit's printed sheet as a PDF, to look
// at. Exit codes as the other tool flags: 0 written, 3 cannot start (locale, tests or content missing),
// 5 the file could not be written.
int runPrintSample(const Options& o);

} // namespace kesip::app
