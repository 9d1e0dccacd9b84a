#include "assess/scoring.hpp"

#include <algorithm>
#include <cmath>
#include <map>

namespace kesip::assess {

std::vector<std::string> flagNames(unsigned f) {
    std::vector<std::string> v;
    if (f & kFlagFlat) v.push_back("flat");
    if (f & kFlagSameAnswer) v.push_back("same_answer");
    if (f & kFlagTooFast) v.push_back("too_fast");
    if (f & kFlagTooManySkipped) v.push_back("too_many_skipped");
    if (f & kFlagIncomplete) v.push_back("incomplete");
    return v;
}

unsigned flagFromName(const std::string& n) {
    if (n == "flat") return kFlagFlat;
    if (n == "same_answer") return kFlagSameAnswer;
    if (n == "too_fast") return kFlagTooFast;
    if (n == "too_many_skipped") return kFlagTooManySkipped;
    if (n == "incomplete") return kFlagIncomplete;
    return 0;
}

int hexagonConsistency(char a, char b) {
    static const std::string hex = "RIASEC";
    auto i = hex.find(a), j = hex.find(b);
    if (i == std::string::npos || j == std::string::npos || i == j) return 0;
    int d = int(i > j ? i - j : j - i);
    d = std::min(d, 6 - d);
    return 4 - d; // 1 -> 3 (adjacent), 2 -> 2 (alternate), 3 -> 1 (opposite)
}

Result score(const Instrument& ins, const std::vector<Response>& responses) {
    Result r;
    const int lo = ins.minValue(), hi = ins.maxValue();
    r.scales.resize(ins.scales.size());
    for (size_t s = 0; s < ins.scales.size(); ++s) r.scales[s].scale = ins.scales[s].id;

    std::map<std::string, const Response*> byItem;
    for (const auto& resp : responses) byItem[resp.itemId] = &resp;

    std::vector<int64_t> times;
    std::map<int, int> valueCounts;
    int reached = 0;
    for (const Item& item : ins.items) {
        auto it = byItem.find(item.id);
        if (it == byItem.end()) continue;
        ++reached;
        const Response& resp = *it->second;
        times.push_back(resp.responseMs);
        if (!resp.value || *resp.value < lo || *resp.value > hi) {
            ++r.skipped;
            continue;
        }
        ++r.answered;
        ++valueCounts[*resp.value];
        const int keyed = item.reverse ? lo + hi - *resp.value : *resp.value;
        ScaleScore& sc = r.scales[size_t(item.scaleIndex)];
        sc.raw += keyed;
        ++sc.answered;
    }
    for (auto& sc : r.scales)
        sc.percent = sc.answered ? 100.0 * (sc.raw / sc.answered - lo) / double(hi - lo) : 0.0;

    // Ranking, highest first; equal scores keep instrument order (stable).
    r.ranking.resize(r.scales.size());
    for (size_t i = 0; i < r.ranking.size(); ++i) r.ranking[i] = int(i);
    std::stable_sort(r.ranking.begin(), r.ranking.end(),
                     [&](int a, int b) { return r.scales[size_t(a)].percent > r.scales[size_t(b)].percent; });

    if (r.scales.size() >= 2) {
        double rest = 0;
        for (size_t i = 1; i < r.ranking.size(); ++i) rest += r.scales[size_t(r.ranking[i])].percent;
        r.differentiation = r.scales[size_t(r.ranking[0])].percent - rest / double(r.ranking.size() - 1);
    }

    // Code: take letters from the top; a letter within kTieThreshold of its group's leader joins the
    // group; stop once three letters are in and the next one is not tied with the last group.
    size_t taken = 0;
    while (taken < r.ranking.size()) {
        if (taken >= 3) break;
        std::vector<int> group{r.ranking[taken]};
        const double lead = r.scales[size_t(r.ranking[taken])].percent;
        ++taken;
        while (taken < r.ranking.size() &&
               lead - r.scales[size_t(r.ranking[taken])].percent < kTieThreshold) {
            group.push_back(r.ranking[taken]);
            ++taken;
        }
        r.codeGroups.push_back(group);
    }
    // Letters only make sense for RIASEC (one-letter scale ids); other instruments keep the groups.
    const bool letters =
        std::all_of(ins.scales.begin(), ins.scales.end(), [](const Scale& s) { return s.id.size() == 1; });
    if (letters) {
        for (size_t g = 0; g < r.codeGroups.size(); ++g) {
            if (g) r.code += '-';
            for (int s : r.codeGroups[g]) r.code += ins.scales[size_t(s)].id;
        }
        if (r.ranking.size() >= 2)
            r.consistency = hexagonConsistency(ins.scales[size_t(r.ranking[0])].id[0],
                                               ins.scales[size_t(r.ranking[1])].id[0]);
    }

    // Competence view: strengths and areas to develop.
    for (int s : r.ranking)
        if (r.scales[size_t(s)].percent >= 60.0 && r.strengths.size() < 3) r.strengths.push_back(s);
    for (auto it = r.ranking.rbegin(); it != r.ranking.rend() && r.toDevelop.size() < 2; ++it)
        if (r.scales[size_t(*it)].percent < 50.0) r.toDevelop.push_back(*it);

    // Quality flags.
    if (r.answered > 0 && r.differentiation < kFlatThreshold) r.flags |= kFlagFlat;
    if (r.answered >= 8 && valueCounts.size() == 1) r.flags |= kFlagSameAnswer;
    if (!times.empty()) {
        std::nth_element(times.begin(), times.begin() + long(times.size() / 2), times.end());
        if (times[times.size() / 2] < kFastMedianMs && times.size() >= 8) r.flags |= kFlagTooFast;
    }
    if (reached > 0 && double(r.skipped) / double(reached) > kMaxSkippedShare) r.flags |= kFlagTooManySkipped;
    if (reached < int(ins.items.size())) r.flags |= kFlagIncomplete;
    return r;
}

} // namespace kesip::assess
