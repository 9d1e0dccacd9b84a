#pragma once
#include "app/options.hpp"

namespace kesip::app {

// `kiosk --data-dir DIR --export-to STICK`: the staff screen's export, for scripts; no display needed.
// Prints the localized result (in --lang) and returns 0, or 5 on failure.
int runHeadlessExport(const Options& o);

} // namespace kesip::app
