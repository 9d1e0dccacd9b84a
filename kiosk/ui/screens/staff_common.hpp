#pragma once
// Shared by the staff and counselor screens (staff.cpp, staff_dashboard.cpp).
#include <cstdint>
#include <string>

#include "ui/screens/screens.hpp"

namespace kesip::ui {

// The bar of staff and counselor screens: title left, actions right (further rows when narrow).
// Returns its height.
float staffBar(Ui& ui, const View& v, Intents& out, const std::string& title);
// Stored demographic codes to their labels (the demographics screen's own locale keys).
std::string demoLabel(const Ui& ui, const std::string& group, const std::string& code);
// "40" for 2 of 5; a dash under the small-cell limit (a rate over fewer visits would reveal them).
std::string ratePercent(int64_t part, int64_t whole);

} // namespace kesip::ui
