#pragma once
#include <cstdint>
#include <initializer_list>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "l10n/lang.hpp"

#include <unicode/uversion.h>
U_NAMESPACE_BEGIN
class MessageFormat;
U_NAMESPACE_END

namespace kesip::l10n {

// Marks a locale key written in a table rather than directly in tr("..."), so the key-coverage test
// (tests/unit/test_l10n.cpp) finds every key the code can ask for.
constexpr const char* K(const char* key) {
    return key;
}

// One named argument of a message: {count, plural, ...} takes an integer, {name} a string.
struct Arg {
    const char* name;
    std::variant<int64_t, double, std::string> value;
    Arg(const char* n, int v) : name(n), value(int64_t(v)) {}
    Arg(const char* n, int64_t v) : name(n), value(v) {}
    Arg(const char* n, double v) : name(n), value(v) {}
    Arg(const char* n, std::string v) : name(n), value(std::move(v)) {}
    Arg(const char* n, const char* v) : name(n), value(std::string(v)) {}
};

// UI strings from ICU resource bundles (locale/root.txt, ky.txt, ru.txt compiled by genrb). Every
// pattern is parsed once at open, so a broken bundle is found at start, not on some later screen.
// Main-thread only.
class Catalog {
  public:
    // dir holds root.res, ky.res and ru.res. Returns null and fills error when a bundle is missing or
    // a pattern does not parse.
    static std::unique_ptr<Catalog> open(const std::string& dir, std::string& error);
    ~Catalog();

    // A missing key is shown as the key itself (and logged once), never a crash.
    std::string tr(Lang lang, std::string_view key) const;
    std::string tr(Lang lang, std::string_view key, std::initializer_list<Arg> args) const;

    bool has(Lang lang, std::string_view key) const; // in that language's own bundle or root
    std::vector<std::string> keys(Lang lang) const;  // keys defined in that language's own bundle
    std::vector<std::string> rootKeys() const;
    std::vector<std::string> allPatterns() const; // every string of every bundle (glyph ranges)

    std::string formatNumber(Lang lang, double v, int decimals = 0) const;
    std::string formatDate(Lang lang, int64_t epochMs) const; // medium date, no time

  private:
    Catalog() = default;
    struct Entry {
        std::string pattern;
        std::unique_ptr<icu::MessageFormat> format; // null for plain text without arguments
    };
    const Entry* find(Lang lang, std::string_view key) const;
    std::map<std::string, Entry, std::less<>> tables_[3]; // ky, ru, root
};

} // namespace kesip::l10n
