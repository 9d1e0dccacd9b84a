#include "l10n/catalog.hpp"

#include <cstdio>
#include <set>
#include <unicode/datefmt.h>
#include <unicode/msgfmt.h>
#include <unicode/numfmt.h>
#include <unicode/resbund.h>
#include <unicode/uloc.h>

namespace kesip::l10n {

namespace {

std::string toUtf8(const icu::UnicodeString& s) {
    std::string out;
    s.toUTF8String(out);
    return out;
}

// Loads one bundle's own table (no inheritance), so we can tell what each language really defines.
bool loadTable(const std::string& dir, const char* locale,
               std::map<std::string, std::string, std::less<>>& out, std::string& error) {
    UErrorCode st = U_ZERO_ERROR;
    std::string path = dir;
    if (path.empty() || path.back() != '/') path += '/';
    icu::ResourceBundle rb(path.c_str(), icu::Locale(locale), st);
    if (U_FAILURE(st) || st == U_USING_DEFAULT_WARNING ||
        (st == U_USING_FALLBACK_WARNING && std::string(locale) != "root")) {
        error = std::string("locale bundle '") + locale + "' missing or unreadable in " + dir + " (" +
                u_errorName(st) + ")";
        return false;
    }
    rb.resetIterator();
    while (rb.hasNext()) {
        UErrorCode s2 = U_ZERO_ERROR;
        icu::ResourceBundle item = rb.getNext(s2);
        if (U_FAILURE(s2)) {
            error = std::string("locale bundle '") + locale + "': " + u_errorName(s2);
            return false;
        }
        if (item.getType() != URES_STRING) continue;
        out[item.getKey()] = toUtf8(item.getString(s2));
    }
    return true;
}

} // namespace

Catalog::~Catalog() = default;

std::unique_ptr<Catalog> Catalog::open(const std::string& dir, std::string& error) {
    // A missing locale would otherwise fall back to the process default before root.
    UErrorCode st = U_ZERO_ERROR;
    uloc_setDefault("root", &st);
    std::unique_ptr<Catalog> c(new Catalog());
    const char* locales[3] = {"ky", "ru", "root"};
    for (int i = 0; i < 3; ++i) {
        std::map<std::string, std::string, std::less<>> raw;
        if (!loadTable(dir, locales[i], raw, error)) return nullptr;
        icu::Locale loc(i == 0 ? "ky_KG" : i == 1 ? "ru_RU" : "root");
        for (auto& [key, pattern] : raw) {
            Entry e;
            e.pattern = pattern;
            if (pattern.find('{') != std::string::npos) {
                UErrorCode ps = U_ZERO_ERROR;
                UParseError pe{};
                auto mf =
                    std::make_unique<icu::MessageFormat>(icu::UnicodeString::fromUTF8(pattern), loc, pe, ps);
                if (U_FAILURE(ps)) {
                    error = std::string("locale bundle '") + locales[i] + "': message '" + key +
                            "' does not parse (" + u_errorName(ps) + " at offset " +
                            std::to_string(pe.offset) + ")";
                    return nullptr;
                }
                e.format = std::move(mf);
            }
            c->tables_[i].emplace(key, std::move(e));
        }
    }
    if (c->tables_[0].empty() || c->tables_[1].empty()) {
        error = "locale bundles are empty in " + dir;
        return nullptr;
    }
    return c;
}

const Catalog::Entry* Catalog::find(Lang lang, std::string_view key) const {
    const auto& t = tables_[static_cast<int>(lang)];
    if (auto it = t.find(key); it != t.end()) return &it->second;
    if (auto it = tables_[2].find(key); it != tables_[2].end()) return &it->second;
    return nullptr;
}

bool Catalog::has(Lang lang, std::string_view key) const {
    return find(lang, key) != nullptr;
}

static void logMissing(std::string_view key) {
    static std::set<std::string, std::less<>> seen;
    if (seen.insert(std::string(key)).second)
        std::fprintf(stderr, "kesip: missing locale key '%.*s'\n", int(key.size()), key.data());
}

std::string Catalog::tr(Lang lang, std::string_view key) const {
    return tr(lang, key, {});
}

std::string Catalog::tr(Lang lang, std::string_view key, std::initializer_list<Arg> args) const {
    const Entry* e = find(lang, key);
    if (!e) {
        logMissing(key);
        return std::string(key);
    }
    if (!e->format) return e->pattern;
    std::vector<icu::UnicodeString> names;
    std::vector<icu::Formattable> values;
    for (const Arg& a : args) {
        names.emplace_back(icu::UnicodeString::fromUTF8(a.name));
        if (auto* i = std::get_if<int64_t>(&a.value))
            values.emplace_back(icu::Formattable(*i));
        else if (auto* d = std::get_if<double>(&a.value))
            values.emplace_back(icu::Formattable(*d));
        else
            values.emplace_back(icu::UnicodeString::fromUTF8(std::get<std::string>(a.value)));
    }
    icu::UnicodeString out;
    UErrorCode st = U_ZERO_ERROR;
    e->format->format(names.data(), values.data(), int32_t(values.size()), out, st);
    if (U_FAILURE(st)) return e->pattern;
    return toUtf8(out);
}

std::vector<std::string> Catalog::keys(Lang lang) const {
    std::vector<std::string> k;
    for (auto& [key, e] : tables_[static_cast<int>(lang)]) k.push_back(key);
    return k;
}

std::vector<std::string> Catalog::rootKeys() const {
    std::vector<std::string> k;
    for (auto& [key, e] : tables_[2]) k.push_back(key);
    return k;
}

std::vector<std::string> Catalog::allPatterns() const {
    std::vector<std::string> out;
    for (const auto& t : tables_)
        for (auto& [key, e] : t) out.push_back(e.pattern);
    return out;
}

std::string Catalog::formatNumber(Lang lang, double v, int decimals) const {
    UErrorCode st = U_ZERO_ERROR;
    std::unique_ptr<icu::NumberFormat> nf(
        icu::NumberFormat::createInstance(icu::Locale(icuLocale(lang)), st));
    if (U_FAILURE(st)) return std::to_string(v);
    nf->setMinimumFractionDigits(decimals);
    nf->setMaximumFractionDigits(decimals);
    icu::UnicodeString out;
    nf->format(v, out);
    return toUtf8(out);
}

std::string Catalog::formatDate(Lang lang, int64_t epochMs) const {
    std::unique_ptr<icu::DateFormat> df(
        icu::DateFormat::createDateInstance(icu::DateFormat::kLong, icu::Locale(icuLocale(lang))));
    if (!df) return {};
    icu::UnicodeString out;
    df->format(static_cast<UDate>(epochMs), out);
    return toUtf8(out);
}

} // namespace kesip::l10n
