#include "sync/labels.hpp"

namespace kesip::sync {

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
    l.smallCellNote = cat.tr(lang, "sum_small_cell");
    l.generated = cat.tr(lang, "sum_generated", {{"date", cat.formatDate(lang, nowMs)}});
    return l;
}

} // namespace kesip::sync
