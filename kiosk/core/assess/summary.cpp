#include "assess/summary.hpp"

namespace kesip::assess {

std::string topTypesText(const Instrument& ins, const Result& r, Lang lang) {
    std::string s;
    for (size_t g = 0; g < r.codeGroups.size(); ++g) {
        if (g) s += ", ";
        for (size_t k = 0; k < r.codeGroups[g].size(); ++k) {
            if (k) s += " / ";
            s += ins.scales[size_t(r.codeGroups[g][k])].name.get(lang);
        }
    }
    return s;
}

std::string takeawayText(const l10n::Catalog& cat, Lang lang, const TakeawayInput& in) {
    std::string t = cat.tr(lang, "qr_header", {{"date", cat.formatDate(lang, in.wallMs)}}) + "\n";
    t += cat.tr(lang, "qr_code", {{"code", in.code}}) + "\n";
    if (in.interest && in.interestResult) {
        if (in.interestResult->flags & kFlagFlat)
            t += cat.tr(lang, "qr_flat") + "\n";
        else
            t += cat.tr(lang, "qr_interests",
                        {{"list", topTypesText(*in.interest, *in.interestResult, lang)}}) +
                 "\n";
    }
    if (in.strengths && in.strengthsResult && !in.strengthsResult->strengths.empty()) {
        std::string list;
        for (int s : in.strengthsResult->strengths) {
            if (!list.empty()) list += ", ";
            list += in.strengths->scales[size_t(s)].name.get(lang);
        }
        t += cat.tr(lang, "qr_strengths", {{"list", list}}) + "\n";
    }
    if (!in.occupations.empty()) {
        std::string list;
        for (size_t i = 0; i < in.occupations.size() && i < 5; ++i)
            list += (i ? ", " : "") + in.occupations[i];
        t += cat.tr(lang, "qr_occupations", {{"list", list}}) + "\n";
    }
    t += cat.tr(lang, "qr_next");
    return t;
}

} // namespace kesip::assess
