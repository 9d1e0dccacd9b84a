#pragma once
#include <array>
#include <string>

namespace kesip {

// Kyrgyz first: it is the default and is listed first everywhere.
enum class Lang { ky = 0, ru = 1 };
inline constexpr std::array<Lang, 2> kLangs = {Lang::ky, Lang::ru};

inline const char* langCode(Lang l) {
    return l == Lang::ky ? "ky" : "ru";
}
inline const char* icuLocale(Lang l) {
    return l == Lang::ky ? "ky_KG" : "ru_RU";
}
inline bool parseLang(const std::string& s, Lang& out) {
    if (s == "ky")
        out = Lang::ky;
    else if (s == "ru")
        out = Lang::ru;
    else
        return false;
    return true;
}

// A text in both languages (content files, instrument items).
struct Text2 {
    std::string ky, ru;
    const std::string& get(Lang l) const { return l == Lang::ky ? ky : ru; }
};

} // namespace kesip
