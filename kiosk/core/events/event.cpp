#include "events/event.hpp"

#include <algorithm>
#include <cstdio>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include "catalog/content.hpp"
#include "content/textcheck.hpp"
#include "l10n/catalog.hpp"

namespace kesip::events {

using l10n::K;

const std::vector<std::string>& eventKinds() {
    static const std::vector<std::string> k = {"open_day", "company_visit", "job_fair", "internship",
                                               "course"};
    return k;
}

const char* kindNameKey(const std::string& kind) {
    if (kind == "open_day") return K("event_kind_open_day");
    if (kind == "company_visit") return K("event_kind_company_visit");
    if (kind == "job_fair") return K("event_kind_job_fair");
    if (kind == "internship") return K("event_kind_internship");
    if (kind == "course") return K("event_kind_course");
    return "";
}

const std::string& Event::titleIn(Lang l) const {
    const std::string& t = title.get(l);
    return t.empty() ? title.get(l == Lang::ky ? Lang::ru : Lang::ky) : t;
}
const std::string& Event::textIn(Lang l) const {
    const std::string& t = text.get(l);
    return t.empty() ? text.get(l == Lang::ky ? Lang::ru : Lang::ky) : t;
}

std::string issueText(const l10n::Catalog& cat, Lang lang, const Issue& is) {
    std::string msg = cat.tr(lang, is.key,
                             {{"column", is.column},
                              {"value", is.value},
                              {"max", is.number},
                              {"first", is.number},
                              {"count", is.number}});
    if (is.row <= 0) return msg;
    return cat.tr(lang, "events_at_row", {{"row", is.row}, {"message", msg}});
}

namespace {

bool validUtf8(const std::string& s) {
    const auto* p = reinterpret_cast<const uint8_t*>(s.data());
    const int32_t n = int32_t(s.size());
    for (int32_t i = 0; i < n;) {
        UChar32 c;
        U8_NEXT(p, i, n, c);
        if (c < 0) return false;
    }
    return true;
}

// One line: tabs and line breaks become spaces, runs of spaces collapse, ends trimmed.
std::string oneLine(const std::string& s) {
    std::string out;
    out.reserve(s.size());
    bool space = false;
    for (char c : s) {
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
            space = !out.empty();
            continue;
        }
        if (space) out += ' ';
        space = false;
        out += c;
    }
    return out;
}

// A short text keeps its paragraphs (Alt+Enter in a spreadsheet cell): CRLF -> LF, trimmed.
std::string paragraphs(const std::string& s) {
    std::string out;
    for (size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '\r') {
            if (i + 1 < s.size() && s[i + 1] == '\n') continue;
            out += '\n';
        } else
            out += s[i] == '\t' ? ' ' : s[i];
    }
    const auto b = out.find_first_not_of(" \n"), e = out.find_last_not_of(" \n");
    return b == std::string::npos ? std::string() : out.substr(b, e - b + 1);
}

std::string nfc(const std::string& s) {
    UErrorCode st = U_ZERO_ERROR;
    const icu::Normalizer2* n = icu::Normalizer2::getNFCInstance(st);
    if (U_FAILURE(st)) return s;
    icu::UnicodeString u = icu::UnicodeString::fromUTF8(s);
    if (n->isNormalized(u, st) && U_SUCCESS(st)) return s;
    st = U_ZERO_ERROR;
    icu::UnicodeString out = n->normalize(u, st);
    std::string r;
    return U_SUCCESS(st) ? out.toUTF8String(r) : s;
}

} // namespace

std::string shortValue(const std::string& s) {
    std::string out;
    const auto* p = reinterpret_cast<const uint8_t*>(s.data());
    const int32_t n = int32_t(s.size());
    int count = 0;
    for (int32_t i = 0; i < n;) {
        const int32_t start = i;
        UChar32 c;
        U8_NEXT(p, i, n, c);
        if (++count == 40 && i < n) return out + "\u2026";
        if (c < 0 || hasHiddenChar(s.substr(size_t(start), size_t(i - start)), false))
            out += '?';
        else
            out.append(s, size_t(start), size_t(i - start));
    }
    return out;
}

namespace {

bool oneOf(const std::vector<std::string>& list, const std::string& v) {
    return std::find(list.begin(), list.end(), v) != list.end();
}

void dedupe(std::vector<std::string>& v) {
    std::vector<std::string> out;
    for (auto& x : v)
        if (!oneOf(out, x)) out.push_back(x);
    v = std::move(out);
}

// Days since 1970-01-01 of a civil date, and back (H. Hinnant's algorithms).
long daysFromCivil(int y, unsigned m, unsigned d) {
    y -= m <= 2;
    const long era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = unsigned(y - era * 400);
    const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + long(doe) - 719468;
}
std::string civilFromDays(long z) {
    z += 719468;
    const long era = (z >= 0 ? z : z - 146096) / 146097;
    const unsigned doe = unsigned(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const long y = long(yoe) + era * 400;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    const unsigned d = doy - (153 * mp + 2) / 5 + 1;
    const unsigned m = mp < 10 ? mp + 3 : mp - 9;
    char buf[32];
    std::snprintf(buf, sizeof buf, "%04ld-%02u-%02u", y + (m <= 2), m, d);
    return buf;
}

// Digits only, 1..maxLen of them.
bool number(const std::string& s, size_t maxLen, int& out) {
    if (s.empty() || s.size() > maxLen) return false;
    out = 0;
    for (char c : s) {
        if (c < '0' || c > '9') return false;
        out = out * 10 + (c - '0');
    }
    return true;
}

std::vector<std::string> split(const std::string& s, char sep) {
    std::vector<std::string> parts(1);
    for (char c : s)
        if (c == sep)
            parts.emplace_back();
        else
            parts.back() += c;
    return parts;
}

} // namespace

std::string parseDate(const std::string& raw) {
    std::string s = oneLine(raw);
    if (auto sp = s.find(' '); sp != std::string::npos) {
        // "01.12.2026 0:00" from a cell formatted as date and time: the time is not part of the model.
        const std::string time = s.substr(sp + 1);
        if (time.empty() || time.find_first_not_of("0123456789:") != std::string::npos) return "";
        s.resize(sp);
    }
    int y = 0, m = 0, d = 0;
    if (auto p = split(s, '-'); p.size() == 3) {
        if (p[0].size() != 4 || !number(p[0], 4, y) || !number(p[1], 2, m) || !number(p[2], 2, d)) return "";
    } else if (auto q = split(s, '.'); q.size() == 3) {
        if (q[2].size() != 4 || !number(q[0], 2, d) || !number(q[1], 2, m) || !number(q[2], 4, y)) return "";
    } else
        return "";
    static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (y < 2000 || y > 2099 || m < 1 || m > 12 || d < 1) return "";
    const bool leap = y % 4 == 0 && (y % 100 != 0 || y % 400 == 0);
    if (d > mdays[m - 1] + (m == 2 && leap)) return "";
    char buf[32];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
    return buf;
}

std::string addDays(const std::string& iso, int days) {
    int y = 0, m = 0, d = 0;
    if (std::sscanf(iso.c_str(), "%d-%d-%d", &y, &m, &d) != 3) return iso;
    return civilFromDays(daysFromCivil(y, unsigned(m), unsigned(d)) + days);
}

std::string foldName(const std::string& s) {
    icu::UnicodeString u = icu::UnicodeString::fromUTF8(oneLine(s));
    u.foldCase();
    std::string out;
    return u.toUTF8String(out);
}

bool hasHiddenChar(const std::string& s, bool allowNewline) {
    const auto* p = reinterpret_cast<const uint8_t*>(s.data());
    const int32_t n = int32_t(s.size());
    for (int32_t i = 0; i < n;) {
        UChar32 c;
        U8_NEXT(p, i, n, c);
        if (c < 0) return true;
        if (c == '\n' && allowNewline) continue;
        if (c < 0x20 || (c >= 0x7F && c <= 0x9F) || c == 0x2028 || c == 0x2029) return true;
        // Cf covers the bidi controls (U+061C, U+200E-F, U+202A-E, U+2066-9), zero-width characters,
        // the soft hyphen and a stray BOM; Co/Cn/Cs: private use, unassigned, surrogates.
        const auto t = u_charType(c);
        if (t == U_FORMAT_CHAR || t == U_PRIVATE_USE_CHAR || t == U_UNASSIGNED || t == U_SURROGATE)
            return true;
    }
    return false;
}

bool looksLikeLostLetters(const std::string& s) {
    // A code page without the Kyrgyz letters U+04A3, U+04E9, U+04AF (cp1251) turns them into "?"; a "?" right
    // before a Cyrillic letter is such a loss, not punctuation.
    const auto* p = reinterpret_cast<const uint8_t*>(s.data());
    const int32_t n = int32_t(s.size());
    for (size_t i = s.find('?'); i != std::string::npos; i = s.find('?', i + 1)) {
        int32_t j = int32_t(i + 1);
        if (j >= n) break;
        UChar32 c;
        U8_NEXT(p, j, n, c);
        if (c >= 0x0400 && c <= 0x04FF && u_isalpha(c)) return true;
    }
    return false;
}

LinkVocabulary LinkVocabulary::of(const catalog::Content& c) {
    LinkVocabulary v;
    auto add = [](std::unordered_map<std::string, std::string>& names, const std::string& name,
                  const std::string& id) {
        const std::string key = foldName(name);
        if (key.empty()) return;
        auto [it, fresh] = names.emplace(key, id);
        if (!fresh && it->second != id) it->second.clear(); // two entries share the name
    };
    for (const auto& f : c.fields) {
        v.fieldIds_.insert(f.id);
        add(v.fieldNames_, f.name.ky, f.id);
        add(v.fieldNames_, f.name.ru, f.id);
    }
    for (const auto& o : c.occupations) {
        v.fieldOfOcc_[o.id] = o.field;
        add(v.occNames_, o.title.ky, o.id);
        add(v.occNames_, o.title.ru, o.id);
    }
    // An id always means itself, even where some title happens to spell the same.
    for (const auto& f : c.fields) v.fieldNames_[f.id] = f.id;
    for (const auto& o : c.occupations) v.occNames_[o.id] = o.id;
    return v;
}

namespace {
LinkVocabulary::Match lookup(const std::unordered_map<std::string, std::string>& names,
                             const std::string& name, std::string& id) {
    auto it = names.find(foldName(name));
    if (it == names.end()) return LinkVocabulary::Match::Unknown;
    if (it->second.empty()) return LinkVocabulary::Match::Ambiguous;
    id = it->second;
    return LinkVocabulary::Match::Found;
}
} // namespace

LinkVocabulary::Match LinkVocabulary::field(const std::string& name, std::string& id) const {
    return lookup(fieldNames_, name, id);
}
LinkVocabulary::Match LinkVocabulary::occupation(const std::string& name, std::string& id) const {
    return lookup(occNames_, name, id);
}
std::string LinkVocabulary::fieldOf(const std::string& occ) const {
    auto it = fieldOfOcc_.find(occ);
    return it == fieldOfOcc_.end() ? std::string() : it->second;
}
std::vector<std::string> LinkVocabulary::occupationsOf(const std::string& field) const {
    std::vector<std::string> out;
    for (auto& [occ, f] : fieldOfOcc_)
        if (f == field) out.push_back(occ);
    std::sort(out.begin(), out.end());
    return out;
}

std::vector<Issue> normaliseEvent(Event& e, const LinkVocabulary& v, int row) {
    std::vector<Issue> out;
    auto issue = [&](const char* key, std::string column = {}, std::string value = {}, int number = 0) {
        out.push_back({row, key, std::move(column), shortValue(value), number});
    };
    struct TextAttr {
        const char* column;
        std::string* value;
        size_t max;
        bool paragraphs;
    };
    const TextAttr texts[] = {
        {"title_ky", &e.title.ky, kMaxTitle, false},       {"title_ru", &e.title.ru, kMaxTitle, false},
        {"organiser", &e.organiser, kMaxOrganiser, false}, {"place", &e.place, kMaxPlace, false},
        {"text_ky", &e.text.ky, kMaxText, true},           {"text_ru", &e.text.ru, kMaxText, true},
    };
    for (const TextAttr& t : texts) {
        if (!validUtf8(*t.value)) {
            issue(K("events_err_encoding"), t.column);
            t.value->clear();
            continue;
        }
        *t.value = nfc(t.paragraphs ? paragraphs(*t.value) : oneLine(*t.value));
        if (hasHiddenChar(*t.value, t.paragraphs))
            issue(K("events_err_hidden_char"), t.column);
        else if (content::utf8Length(*t.value) > t.max)
            issue(K("events_err_too_long"), t.column, {}, int(t.max));
    }
    e.kind = oneLine(e.kind);
    if (e.kind.empty())
        issue(K("events_err_required"), "kind");
    else if (!oneOf(eventKinds(), e.kind))
        issue(K("events_err_kind"), "kind", e.kind);
    if (e.title.ky.empty() && e.title.ru.empty()) issue(K("events_err_no_title"));

    const bool noEnd = oneLine(e.end).empty();
    const std::string start = parseDate(e.start), end = noEnd ? start : parseDate(e.end);
    if (oneLine(e.start).empty())
        issue(K("events_err_required"), "start");
    else if (start.empty())
        issue(K("events_err_date"), "start", e.start);
    if (!noEnd && end.empty()) issue(K("events_err_date"), "end", e.end);
    if (!start.empty() && !end.empty()) {
        e.start = start;
        e.end = end;
        if (end < start) issue(K("events_err_end_before_start"));
    }
    if (e.place.empty()) issue(K("events_err_required"), "place");
    e.oblast = oneLine(e.oblast);
    if (e.oblast.empty())
        issue(K("events_err_required"), "oblast");
    else if (!oneOf(catalog::oblastIds(), e.oblast))
        issue(K("events_err_oblast"), "oblast", e.oblast);
    dedupe(e.fields);
    dedupe(e.occupations);
    for (const auto& f : e.fields)
        if (!v.hasField(f)) issue(K("events_err_field"), "fields", f);
    for (const auto& o : e.occupations)
        if (!v.hasOccupation(o)) issue(K("events_err_occupation"), "occupations", o);
    return out;
}

bool isOver(const Event& e, const std::string& today) {
    return e.end < today;
}

bool tooFarAhead(const Event& e, const std::string& today) {
    return e.start > addDays(today, kMaxDaysAhead);
}

std::string matchKey(const Event& e) {
    const char sep = '\x1f';
    return e.kind + sep + e.start + sep + e.oblast + sep + foldName(e.title.ky) + sep + foldName(e.title.ru);
}

} // namespace kesip::events
