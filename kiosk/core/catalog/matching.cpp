#include "catalog/matching.hpp"

#include <algorithm>
#include <cmath>

namespace kesip::catalog {

namespace {
const std::string kLetters = "RIASEC";
}

Profile profileFrom(const assess::Instrument& interest, const assess::Result& ir,
                    const assess::Instrument* strengths, const assess::Result* sr) {
    Profile p;
    for (size_t i = 0; i < 6 && i < ir.scales.size(); ++i) p.riasec[i] = ir.scales[i].percent;
    for (const auto& g : ir.codeGroups)
        for (int s : g) p.topLetters += interest.scales[size_t(s)].id;
    if (strengths && sr) {
        for (const auto& sc : sr->scales) p.competences[sc.scale] = sc.percent;
        for (int s : sr->strengths) p.strengths.push_back(strengths->scales[size_t(s)].id);
    }
    return p;
}

std::array<double, 6> codeProfile(const std::string& code) {
    std::array<double, 6> v{};
    for (size_t i = 0; i < code.size() && i < 3; ++i) {
        auto k = kLetters.find(code[i]);
        if (k != std::string::npos) v[k] = double(3 - i);
    }
    return v;
}

double pearson(const std::array<double, 6>& a, const std::array<double, 6>& b) {
    double ma = 0, mb = 0;
    for (int i = 0; i < 6; ++i) ma += a[size_t(i)] / 6, mb += b[size_t(i)] / 6;
    double sab = 0, saa = 0, sbb = 0;
    for (size_t i = 0; i < 6; ++i) {
        sab += (a[i] - ma) * (b[i] - mb);
        saa += (a[i] - ma) * (a[i] - ma);
        sbb += (b[i] - mb) * (b[i] - mb);
    }
    if (saa <= 1e-12 || sbb <= 1e-12) return 0; // a flat profile correlates with nothing
    return sab / std::sqrt(saa * sbb);
}

namespace {
Match scoreOne(const Content& c, const Profile& p, int o) {
    const Occupation& oc = c.occupations[size_t(o)];
    Match m;
    m.occupation = o;
    m.interestFit = (pearson(p.riasec, codeProfile(oc.riasec)) + 1.0) / 2.0;
    for (char ch : oc.riasec)
        if (p.topLetters.find(ch) != std::string::npos) m.sharedLetters += ch;
    if (!p.competences.empty() && !oc.competences.empty()) {
        double sum = 0;
        for (const auto& k : oc.competences) {
            auto it = p.competences.find(k);
            sum += it == p.competences.end() ? 0 : it->second / 100.0;
            if (std::find(p.strengths.begin(), p.strengths.end(), k) != p.strengths.end())
                m.sharedStrengths.push_back(k);
        }
        m.strengthFit = sum / double(oc.competences.size());
        m.score = 0.8 * m.interestFit + 0.2 * m.strengthFit;
    } else {
        m.score = m.interestFit;
    }
    return m;
}

std::vector<Match> scoreAll(const Content& c, const Profile& p) {
    std::vector<Match> all;
    for (size_t o = 0; o < c.occupations.size(); ++o) all.push_back(scoreOne(c, p, int(o)));
    std::stable_sort(all.begin(), all.end(), [](const Match& a, const Match& b) {
        const bool ra = !a.sharedLetters.empty(), rb = !b.sharedLetters.empty();
        if (ra != rb) return ra; // with reasons first
        return a.score > b.score;
    });
    return all;
}
} // namespace

std::vector<Match> matchOccupations(const Content& c, const Profile& p, size_t limit) {
    auto all = scoreAll(c, p);
    if (all.size() > limit) all.resize(limit);
    return all;
}

std::vector<FieldMatch> matchFields(const Content& c, const Profile& p, size_t limit) {
    std::vector<std::vector<double>> perField(c.fields.size());
    for (size_t o = 0; o < c.occupations.size(); ++o) {
        int f = c.fieldIndex(c.occupations[o].field);
        if (f >= 0) perField[size_t(f)].push_back(scoreOne(c, p, int(o)).score);
    }
    std::vector<FieldMatch> out;
    for (size_t f = 0; f < perField.size(); ++f) {
        auto& v = perField[f];
        if (v.empty()) continue;
        std::sort(v.rbegin(), v.rend());
        double s = 0;
        size_t n = std::min<size_t>(3, v.size());
        for (size_t i = 0; i < n; ++i) s += v[i];
        out.push_back({int(f), s / double(n)});
    }
    std::stable_sort(out.begin(), out.end(), [](auto& a, auto& b) { return a.score > b.score; });
    if (out.size() > limit) out.resize(limit);
    return out;
}

} // namespace kesip::catalog
