#include "sync/labels.hpp"

#include "diary/vocab.hpp"

namespace kesip::sync {

namespace {
bool bidiControl(uint32_t c) {
    return c == 0x061C || c == 0x200E || c == 0x200F || (c >= 0x202A && c <= 0x202E) ||
           (c >= 0x2066 && c <= 0x2069);
}
void append(std::string& out, uint32_t c) {
    if (c < 0x80) {
        out += char(c);
    } else if (c < 0x800) {
        out += char(0xC0 | (c >> 6));
        out += char(0x80 | (c & 0x3F));
    } else if (c < 0x10000) {
        out += char(0xE0 | (c >> 12));
        out += char(0x80 | ((c >> 6) & 0x3F));
        out += char(0x80 | (c & 0x3F));
    } else {
        out += char(0xF0 | (c >> 18));
        out += char(0x80 | ((c >> 12) & 0x3F));
        out += char(0x80 | ((c >> 6) & 0x3F));
        out += char(0x80 | (c & 0x3F));
    }
}
} // namespace

std::string safeText(const std::string& s, size_t maxChars) {
    std::string out;
    size_t n = 0;
    for (size_t i = 0; i < s.size() && n < maxChars;) {
        const auto b = static_cast<unsigned char>(s[i]);
        uint32_t c = 0xFFFD;
        size_t len = b < 0x80 ? 1 : (b >> 5) == 6 ? 2 : (b >> 4) == 14 ? 3 : (b >> 3) == 30 ? 4 : 0;
        if (len == 0 || i + len > s.size()) {
            len = 1;
        } else {
            c = len == 1 ? b : len == 2 ? (b & 0x1F) : len == 3 ? (b & 0x0F) : (b & 0x07);
            for (size_t k = 1; k < len; ++k) {
                const auto x = static_cast<unsigned char>(s[i + k]);
                if ((x & 0xC0) != 0x80) {
                    c = 0xFFFD;
                    len = k;
                    break;
                }
                c = (c << 6) | (x & 0x3F);
            }
            // Overlong forms, surrogates and values past U+10FFFF are not valid UTF-8.
            const uint32_t minOf[] = {0, 0, 0x80, 0x800, 0x10000};
            if (c != 0xFFFD && (c < minOf[len] || (c >= 0xD800 && c <= 0xDFFF) || c > 0x10FFFF)) c = 0xFFFD;
        }
        i += len;
        if (c < 0x20 || (c >= 0x7F && c < 0xA0) || bidiControl(c) || c == 0xFEFF) continue;
        append(out, c);
        ++n;
    }
    return out;
}

std::string stickLabel(const std::string& raw, const std::string& fallback) {
    std::string s = safeText(raw, 32);
    while (!s.empty() && s.back() == ' ') s.pop_back();
    return s.empty() ? fallback : s;
}

void fillPeriod(SummaryLabels& l, const Summary& s) {
    auto rep = [&](const std::string& key, const std::string& v) {
        for (auto p = l.period.find(key); p != std::string::npos; p = l.period.find(key))
            l.period.replace(p, key.size(), v);
    };
    rep("{from}", s.days.empty() ? std::string() : s.days.front().day);
    rep("{to}", s.days.empty() ? std::string() : s.days.back().day);
}

SummaryLabels makeSummaryLabels(const l10n::Catalog& cat, Lang lang, const assess::Instrument* interest,
                                const catalog::Content* content, const std::string& from,
                                const std::string& to, int64_t nowMs) {
    SummaryLabels l;
    l.lang = lang;
    if (interest)
        for (const auto& s : interest->scales) l.types[s.id] = s.name.get(lang);
    if (content)
        for (const auto& f : content->fields) l.fields[f.id] = f.name.get(lang);
    // Demographic codes share the locale keys of the demographics screen.
    const char* groups[] = {"age", "gender", "status", "oblast"};
    for (const auto& key : cat.keys(lang))
        for (const char* g : groups) {
            const std::string prefix = std::string("demo_") + g + "_";
            if (key.rfind(prefix, 0) == 0) l.demo[key.substr(prefix.size())] = cat.tr(lang, key);
        }
    l.demo["na"] = cat.tr(lang, "demo_na");
    l.demo["ky"] = cat.tr(lang, "lang_ky"); // language split rows
    l.demo["ru"] = cat.tr(lang, "lang_ru");
    l.demo["unknown"] = cat.tr(lang, "sum_unknown");
    l.title = cat.tr(lang, "sum_title");
    l.period = cat.tr(lang, "sum_period", {{"from", from}, {"to", to}});
    l.sessions = cat.tr(lang, "sum_sessions");
    l.interestDone = cat.tr(lang, "sum_interest_done");
    l.strengthsDone = cat.tr(lang, "sum_strengths_done");
    l.languages = cat.tr(lang, "sum_languages");
    l.topTypes = cat.tr(lang, "sum_top_types");
    l.topFields = cat.tr(lang, "sum_top_fields");
    l.ageBands = cat.tr(lang, "sum_age_bands");
    l.genders = cat.tr(lang, "sum_genders");
    l.statuses = cat.tr(lang, "sum_statuses");
    l.oblasts = cat.tr(lang, "sum_oblasts");
    l.diariesStarted = cat.tr(lang, "sum_diaries_started");
    l.diaryReturning = cat.tr(lang, "sum_diary_returning");
    l.diaryDecisions = cat.tr(lang, "sum_diary_decisions");
    l.trials = cat.tr(lang, "sum_trials");
    l.trialTypes = cat.tr(lang, "sum_trial_types");
    for (const diary::Choice& c : diary::trialTypes()) l.trialTypeNames[c.code] = cat.tr(lang, c.key);
    l.smallCellNote = cat.tr(lang, "sum_small_cell");
    l.generated = cat.tr(lang, "sum_generated", {{"date", cat.formatDate(lang, nowMs)}});
    return l;
}

} // namespace kesip::sync
