#include "diary/counts.hpp"

#include "diary/vocab.hpp"

namespace kesip::diary {

int64_t DiaryDayCounts::trials() const {
    int64_t n = 0;
    for (const auto& [type, k] : trialsByType) n += k;
    return n;
}

std::vector<DiaryDayCounts> diaryDailyCounts(store::Database& db, const std::string& fromDay,
                                             const std::string& toDay) {
    std::vector<DiaryDayCounts> out;
    auto s = db.prepare("SELECT day, key, n FROM diary_daily WHERE day >= ? AND (? = '' OR day <= ?) "
                        "ORDER BY day, key");
    s.bind(1, fromDay).bind(2, toDay).bind(3, toDay);
    while (s.step()) {
        const std::string day = s.getText(0), key = s.getText(1);
        const int64_t n = s.getInt(2);
        if (out.empty() || out.back().day != day) out.push_back({day, 0, 0, 0, {}});
        DiaryDayCounts& d = out.back();
        if (key == "started")
            d.diariesStarted += n;
        else if (key == "returning")
            d.returningVisits += n;
        else if (key == "decision")
            d.decisions += n;
        else if (key.rfind("trial:", 0) == 0 && contains(trialTypes(), key.substr(6)))
            d.trialsByType[key.substr(6)] += n;
        // Any other key is not ours to export.
    }
    return out;
}

} // namespace kesip::diary
