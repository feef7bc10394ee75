#pragma once
// Statistics for paired answers (one person answering the same item before and after), used for the
// outcomes of one-to-one programmes. Pure functions; results that cannot be computed come back with
// valid = false rather than a division by zero.

#include "stats.hpp"

#include <vector>

namespace upstander::stats {

// Student's t distribution with `df` degrees of freedom: P(T <= t), and its inverse for 0 < p < 1.
double student_t_cdf(double t, double df);
double student_t_quantile(double p, double df);

struct MeanChange {
    bool valid = false;  // at least two differences
    double mean = 0.0;
    double sd = 0.0;     // sample standard deviation (n - 1)
    Interval ci;         // 95% t interval: mean +- t(0.975, n-1) * sd / sqrt(n)
};
MeanChange mean_change(const std::vector<double>& differences);

struct SignedRank {
    bool valid = false;   // false when every difference is zero (nothing to rank)
    long long n = 0;      // differences that are not zero (zeros are dropped, SciPy's zero_method="wilcox")
    double w_plus = 0.0;  // sum of the ranks of the positive differences
    double w_minus = 0.0;
    double statistic = 0.0;  // min(w_plus, w_minus), as SciPy reports for a two-sided test
    double z = 0.0;          // (statistic - n(n+1)/4) / sd, sd corrected for ties; no continuity correction
    double p_value = 1.0;    // two-sided, normal approximation
};
// Wilcoxon signed-rank test as scipy.stats.wilcoxon(d, zero_method="wilcox", correction=False,
// alternative="two-sided", method="approx"): zero differences dropped, mid-ranks for tied |d|, the
// variance n(n+1)(2n+1)/24 reduced by sum(t^3 - t)/48 over groups of t tied ranks.
SignedRank wilcoxon_signed_rank(const std::vector<double>& differences);

}  // namespace upstander::stats
