#pragma once
// Statistics for the impact report: comparing two independent proportions (before / after) and two
// ordinal distributions given only as counts per category. Pure functions, no state.
//
// Poll answers are anonymous aggregates, so every test here works on counts: we never have (and
// must never need) a per-pupil answer list. Results that cannot be computed (an empty group, or
// every answer in one category for a rank test) come back with valid = false and NaN numbers
// rather than a division by zero.

#include <vector>

namespace upstander::stats {

// z for a two-sided 95% interval: the 0.975 quantile of the standard normal distribution.
inline constexpr double kZ95 = 1.959963984540054;

// [SECTION] Normal distribution
double normal_cdf(double z);       // P(Z <= z), via std::erfc so the tails keep their precision
double normal_quantile(double p);  // inverse of normal_cdf for 0 < p < 1 (NaN outside)

// [SECTION] Proportions
struct Interval {
    double low = 0.0;
    double high = 0.0;
};

// Wilson score interval for x successes out of n (no continuity correction). n = 0 gives [0, 1].
Interval wilson_interval(long long x, long long n, double z = kZ95);

struct ProportionComparison {
    bool valid = false;     // false when either group is empty
    double p1 = 0.0;        // x1 / n1 (before)
    double p2 = 0.0;        // x2 / n2 (after)
    double difference = 0;  // p2 - p1
    // Newcombe's hybrid score interval (method 10 of Newcombe 1998) for p2 - p1. Chosen over the
    // Wald interval because with the small groups of a single workshop the Wald interval is too
    // narrow, and degenerate at 0% or 100% (zero width); Newcombe's interval keeps close to its
    // nominal 95% coverage there and stays inside [-1, 1].
    Interval ci;
    // Two-proportion z-test with the pooled standard error (the same p-value as a chi-squared test
    // without continuity correction, R's prop.test(correct = FALSE)).
    double z = 0.0;
    double p_value = 1.0;
};

ProportionComparison compare_proportions(long long x1, long long n1, long long x2, long long n2);

// Fisher's exact test on the 2x2 table [[a, b], [c, d]], two-sided: the sum of the probabilities
// of every table with the same margins that is no more likely than the observed one (R's
// fisher.test rule, with its relative tolerance of 1e-7). Works in log space with std::lgamma and
// normalises by the most likely table, so it stays finite for tables with millions of entries.
// Returns NaN for negative cells.
double fisher_exact_two_sided(long long a, long long b, long long c, long long d);

// [SECTION] Ordinal data given as counts per category
struct MannWhitney {
    bool valid = false;  // false when a group is empty or every answer is in one category
    // U for the second group (y): the number of (x, y) pairs where y is higher, plus half the
    // ties. U / (n_x * n_y) is the probability that a random "after" answer is higher than a
    // random "before" one (0.5 = no shift).
    double u = 0.0;
    double z = 0.0;        // normal approximation, tie-corrected variance, continuity correction
    double p_value = 1.0;  // two-sided
};

// Mann-Whitney U (Wilcoxon rank-sum) test for two independent samples given as counts in the same
// ordered categories (x_counts[k] answers in category k). Ties are given mid-ranks and the variance
// is corrected for them; the p-value uses the normal approximation with a continuity correction, as
// R's wilcox.test(x, y, exact = FALSE, correct = TRUE). The vectors must have the same length.
MannWhitney mann_whitney_from_counts(const std::vector<long long>& x_counts,
                                     const std::vector<long long>& y_counts);

// Mean of category scores weighted by counts; NaN when there are no answers.
// scores.size() must equal counts.size().
double mean_from_counts(const std::vector<long long>& counts, const std::vector<double>& scores);

}  // namespace upstander::stats
