#include "psychometrics/stats.hpp"

#include <algorithm>
#include <cmath>

namespace kesip::psychometrics {

double mean(const std::vector<double>& x) {
    if (x.empty()) return 0;
    double s = 0;
    for (double v : x) s += v;
    return s / double(x.size());
}

double variance(const std::vector<double>& x) {
    if (x.size() < 2) return 0;
    const double m = mean(x);
    double s = 0;
    for (double v : x) s += (v - m) * (v - m);
    return s / double(x.size() - 1);
}

double median(std::vector<double> x) {
    if (x.empty()) return 0;
    const size_t h = x.size() / 2;
    std::nth_element(x.begin(), x.begin() + long(h), x.end());
    if (x.size() % 2) return x[h];
    const double hi = x[h];
    return (*std::max_element(x.begin(), x.begin() + long(h)) + hi) / 2;
}

std::optional<double> pearson(const std::vector<double>& x, const std::vector<double>& y) {
    if (x.size() != y.size() || x.size() < 2) return std::nullopt;
    const double mx = mean(x), my = mean(y);
    double sxy = 0, sxx = 0, syy = 0;
    for (size_t i = 0; i < x.size(); ++i) {
        sxy += (x[i] - mx) * (y[i] - my);
        sxx += (x[i] - mx) * (x[i] - mx);
        syy += (y[i] - my) * (y[i] - my);
    }
    // Relative tolerance: sums of identical values leave rounding dust, not variance.
    if (sxx <= 1e-12 * (1 + mx * mx) * double(x.size()) || syy <= 1e-12 * (1 + my * my) * double(y.size()))
        return std::nullopt;
    return sxy / std::sqrt(sxx * syy);
}

std::optional<double> cronbachAlpha(const std::vector<std::vector<double>>& rows) {
    if (rows.size() < 2) return std::nullopt;
    const size_t k = rows[0].size();
    if (k < 2) return std::nullopt;
    std::vector<double> total(rows.size(), 0.0), col(rows.size());
    double itemVar = 0;
    for (size_t j = 0; j < k; ++j) {
        for (size_t i = 0; i < rows.size(); ++i) {
            col[i] = rows[i][j];
            total[i] += rows[i][j];
        }
        itemVar += variance(col);
    }
    const double totalVar = variance(total);
    if (totalVar <= 1e-12) return std::nullopt;
    return double(k) / double(k - 1) * (1 - itemVar / totalVar);
}

namespace {

// Continued fraction of the incomplete beta (modified Lentz), valid for x < (a + 1) / (a + b + 2).
double betaFraction(double a, double b, double x) {
    const double tiny = 1e-300;
    double c = 1, d = 1 - (a + b) * x / (a + 1);
    if (std::fabs(d) < tiny) d = tiny;
    d = 1 / d;
    double h = d;
    for (int m = 1; m <= 500; ++m) {
        const double m2 = 2.0 * m;
        double num = m * (b - m) * x / ((a + m2 - 1) * (a + m2));
        d = 1 + num * d;
        c = 1 + num / c;
        if (std::fabs(d) < tiny) d = tiny;
        if (std::fabs(c) < tiny) c = tiny;
        d = 1 / d;
        h *= d * c;
        num = -(a + m) * (a + b + m) * x / ((a + m2) * (a + m2 + 1));
        d = 1 + num * d;
        c = 1 + num / c;
        if (std::fabs(d) < tiny) d = tiny;
        if (std::fabs(c) < tiny) c = tiny;
        d = 1 / d;
        const double step = d * c;
        h *= step;
        if (std::fabs(step - 1) < 1e-15) break;
    }
    return h;
}

} // namespace

double incompleteBeta(double a, double b, double x) {
    if (x <= 0) return 0;
    if (x >= 1) return 1;
    const double lnFront =
        std::lgamma(a + b) - std::lgamma(a) - std::lgamma(b) + a * std::log(x) + b * std::log1p(-x);
    const double front = std::exp(lnFront);
    if (x < (a + 1) / (a + b + 2)) return front * betaFraction(a, b, x) / a;
    return 1 - front * betaFraction(b, a, 1 - x) / b;
}

double fCdf(double x, double df1, double df2) {
    if (x <= 0) return 0;
    return incompleteBeta(df1 / 2, df2 / 2, df1 * x / (df1 * x + df2));
}

double fQuantile(double p, double df1, double df2) {
    if (p <= 0) return 0;
    double lo = 0, hi = 1;
    while (fCdf(hi, df1, df2) < p && hi < 1e12) hi *= 2;
    for (int i = 0; i < 200 && hi - lo > 1e-10 * (1 + hi); ++i) {
        const double mid = (lo + hi) / 2;
        (fCdf(mid, df1, df2) < p ? lo : hi) = mid;
    }
    return (lo + hi) / 2;
}

Interval feldtInterval(double alpha, int n, int k, double level) {
    const double df1 = n - 1, df2 = double(n - 1) * double(k - 1);
    const double tail = (1 - level) / 2;
    // Larger F quantile -> lower bound of alpha.
    return {1 - (1 - alpha) * fQuantile(1 - tail, df1, df2), 1 - (1 - alpha) * fQuantile(tail, df1, df2)};
}

std::optional<double> cohenD(const std::vector<double>& a, const std::vector<double>& b) {
    if (a.size() < 2 || b.size() < 2) return std::nullopt;
    const double na = double(a.size()), nb = double(b.size());
    const double pooled = ((na - 1) * variance(a) + (nb - 1) * variance(b)) / (na + nb - 2);
    if (pooled <= 1e-12) return std::nullopt;
    return (mean(a) - mean(b)) / std::sqrt(pooled);
}

std::vector<std::pair<double, double>> percentileRanks(std::vector<double> scores) {
    std::vector<std::pair<double, double>> out;
    if (scores.empty()) return out;
    std::sort(scores.begin(), scores.end());
    const double n = double(scores.size());
    for (size_t i = 0; i < scores.size();) {
        size_t j = i;
        while (j < scores.size() && scores[j] == scores[i]) ++j;
        out.push_back({scores[i], 100.0 * (double(i) + 0.5 * double(j - i)) / n});
        i = j;
    }
    return out;
}

} // namespace kesip::psychometrics
