#pragma once
// Steps the diary UI tests share: the code as the start screen shows it, and the digit pad.
#include <regex>
#include <string>

#include "driver.hpp"

namespace kesip::test {

// A diary code as the start screen shows it (ABC-DEF-GH7), read from the texts drawn.
inline std::string shownCode(Driver& d) {
    static const std::regex code("[A-Z2-9]{3}-[A-Z2-9]{3}-[A-Z2-9]{3}");
    for (const auto& t : d.app().ui().texts()) {
        std::smatch m;
        if (std::regex_search(t, m, code) && t.find("ABC-DEF") == std::string::npos) return m.str();
    }
    return {};
}

// Digits on the diary-start / diary-unlock pads.
inline void typeDigits(Driver& d, const std::string& digits) {
    for (char c : digits) d.tap(std::string("dpin_") + c);
}

} // namespace kesip::test
