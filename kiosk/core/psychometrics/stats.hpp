#pragma once
#include <optional>
#include <utility>
#include <vector>

// Classical test statistics for the psychometrics report. Plain functions on plain vectors, no I/O.
// Variances and standard deviations are sample ones (divisor n - 1) throughout.
namespace kesip::psychometrics {

double mean(const std::vector<double>& x);
double variance(const std::vector<double>& x); // 0 for fewer than 2 values
double median(std::vector<double> x);          // 0 for none

// Pearson correlation; nullopt when either side has no variance or there are fewer than 2 pairs.
std::optional<double> pearson(const std::vector<double>& x, const std::vector<double>& y);

// Cronbach's alpha of k items over n respondents: rows[respondent][item], complete cases only (every row
// has k values). alpha = k / (k - 1) * (1 - sum of item variances / variance of the total). nullopt when
// k < 2, n < 2 or the total has no variance (alpha is undefined then, not 0 or 1).
std::optional<double> cronbachAlpha(const std::vector<std::vector<double>>& rows);

struct Interval {
    double low = 0, high = 0;
};
// Feldt's (1965) confidence interval for alpha: (1 - alpha) / (1 - population alpha) follows
// F(n - 1, (n - 1)(k - 1)), so the bounds are 1 - (1 - alpha) * F quantiles at (1 +- level) / 2.
Interval feldtInterval(double alpha, int n, int k, double level = 0.95);

// Regularized incomplete beta I_x(a, b) (continued fraction), the F distribution's CDF and its quantile
// (found by bisection on the CDF, to 1e-10).
double incompleteBeta(double a, double b, double x);
double fCdf(double x, double df1, double df2);
double fQuantile(double p, double df1, double df2);

// Standardised mean difference (Cohen's d) with the pooled SD: (mean a - mean b) / sqrt(((na - 1) va +
// (nb - 1) vb) / (na + nb - 2)). nullopt when a group has fewer than 2 values or the pooled SD is 0.
std::optional<double> cohenD(const std::vector<double>& a, const std::vector<double>& b);

// Mid-point percentile ranks: for each distinct score (ascending), 100 * (share below + half the share
// equal). The usual definition for discrete test scores (a score nobody beat and everybody had gets 50).
std::vector<std::pair<double, double>> percentileRanks(std::vector<double> scores);

} // namespace kesip::psychometrics
