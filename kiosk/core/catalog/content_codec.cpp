#include "catalog/content_codec.hpp"

#include <nlohmann/json.hpp>
#include <stdexcept>

#include "util/utf8.hpp"

namespace kesip::catalog::detail {

namespace {
bool validUtf8(std::string_view s) {
    bool ok = true;
    // U+FFFD is also what an ill-formed part decodes to: either way nlohmann decides.
    utf8::forEach(s, [&](char32_t c, size_t, size_t) { ok = ok && c != utf8::kReplacement; });
    return ok;
}

void putVarint(std::string& out, uint64_t v) {
    while (v >= 0x80) {
        out += char(0x80 | (v & 0x7F));
        v >>= 7;
    }
    out += char(v);
}

[[noreturn]] void bad() {
    throw std::runtime_error("bad search term");
}

struct Reader {
    std::string_view s;
    size_t i = 0;
    uint64_t varint() {
        uint64_t v = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (i >= s.size()) bad();
            const auto b = static_cast<unsigned char>(s[i++]);
            v |= uint64_t(b & 0x7F) << shift;
            if (!(b & 0x80)) return v;
        }
        bad();
    }
    std::string text() {
        const uint64_t n = varint();
        if (n > s.size() - i) bad();
        std::string t(s.substr(i, size_t(n)));
        i += size_t(n);
        return t;
    }
};
} // namespace

std::vector<std::string> parseStringArray(std::string_view s) {
    auto general = [&] { return nlohmann::json::parse(s).get<std::vector<std::string>>(); };
    std::vector<std::string> out;
    if (s.size() < 2 || s[0] != '[') return general();
    size_t i = 1;
    if (s[i] == ']') return s.size() == 2 ? out : general();
    for (;;) {
        if (i >= s.size() || s[i] != '"') return general();
        const size_t start = ++i;
        for (; i < s.size() && s[i] != '"'; ++i)
            if (s[i] == '\\' || static_cast<unsigned char>(s[i]) < 0x20) return general();
        if (i >= s.size()) return general();
        const std::string_view str = s.substr(start, i - start);
        if (!validUtf8(str)) return general();
        out.emplace_back(str);
        ++i; // the closing quote
        if (i < s.size() && s[i] == ',') {
            ++i;
            continue;
        }
        if (i + 1 == s.size() && s[i] == ']') return out;
        return general();
    }
}

std::string encodeTerms(const std::vector<StoredTerm>& terms) {
    std::string out;
    putVarint(out, terms.size());
    for (const StoredTerm& t : terms) {
        putVarint(out, uint64_t(t.occupation));
        out += char(t.tier);
        out += char(int(t.lang));
        putVarint(out, t.key.size());
        out += t.key;
        putVarint(out, t.display.size());
        out += t.display;
    }
    return out;
}

std::vector<StoredTerm> decodeTerms(std::string_view blob, size_t occupations) {
    Reader r{blob};
    const uint64_t n = r.varint();
    if (n > blob.size()) bad(); // every term takes several bytes
    std::vector<StoredTerm> terms;
    terms.reserve(size_t(n));
    for (uint64_t k = 0; k < n; ++k) {
        const uint64_t occ = r.varint();
        if (occ >= occupations || r.i + 2 > blob.size()) bad();
        const int tier = static_cast<unsigned char>(blob[r.i++]);
        const int lang = static_cast<unsigned char>(blob[r.i++]);
        if (tier > 3 || lang > 1) bad();
        std::string key = r.text();
        std::string display = r.text();
        terms.push_back({int(occ), tier, std::move(key), std::move(display), Lang(lang)});
    }
    if (r.i != blob.size()) bad();
    return terms;
}

} // namespace kesip::catalog::detail
