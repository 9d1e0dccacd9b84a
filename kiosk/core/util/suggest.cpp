#include "util/suggest.hpp"

#include <algorithm>

namespace kesip {

size_t editDistance(const std::string& a, const std::string& b) {
    const size_t n = a.size(), m = b.size();
    std::vector<std::vector<size_t>> d(n + 1, std::vector<size_t>(m + 1));
    for (size_t i = 0; i <= n; ++i) d[i][0] = i;
    for (size_t j = 0; j <= m; ++j) d[0][j] = j;
    for (size_t i = 1; i <= n; ++i)
        for (size_t j = 1; j <= m; ++j) {
            const size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
            d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
        }
    return d[n][m];
}

namespace {
std::string bare(std::string s) {
    if (auto eq = s.find('='); eq != std::string::npos) s.erase(eq);
    s.erase(0, s.find_first_not_of('-'));
    return s;
}
} // namespace

std::string closestMatch(const std::string& given, const std::vector<std::string>& candidates) {
    const std::string g = bare(given);
    if (g.empty()) return {};
    const std::string* best = nullptr;
    size_t bestDistance = 0;
    for (const auto& c : candidates) {
        const size_t d = editDistance(g, bare(c));
        if (!best || d < bestDistance) best = &c, bestDistance = d;
    }
    const size_t allowed = std::max<size_t>(1, g.size() / 3);
    if (best && bestDistance <= allowed) return *best;
    // "--data" for "--data-dir": a unique prefix
    const std::string* prefixOf = nullptr;
    for (const auto& c : candidates)
        if (g.size() >= 3 && bare(c).rfind(g, 0) == 0) {
            if (prefixOf) return {};
            prefixOf = &c;
        }
    return prefixOf ? *prefixOf : std::string();
}

} // namespace kesip
