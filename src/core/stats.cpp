#include "stats.hpp"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <limits>
#include <numbers>

namespace upstander::stats {

namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
}

// [SECTION] Normal distribution

double normal_cdf(double z) { return 0.5 * std::erfc(-z / std::sqrt(2.0)); }

double normal_quantile(double p) {
    if (!(p > 0.0 && p < 1.0)) return kNaN;
    // Acklam's rational approximation (relative error below 1.2e-9) ...
    static constexpr double a[] = {-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02,
                                   1.383577518672690e+02,  -3.066479806614716e+01, 2.506628277459239e+00};
    static constexpr double b[] = {-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02,
                                   6.680131188771972e+01,  -1.328068155288572e+01};
    static constexpr double c[] = {-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00,
                                   -2.549732539343734e+00, 4.374664141464968e+00,  2.938163982698783e+00};
    static constexpr double d[] = {7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00,
                                   3.754408661907416e+00};
    constexpr double p_low = 0.02425;
    double x;
    if (p < p_low) {
        const double q = std::sqrt(-2.0 * std::log(p));
        x = (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
            ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1.0);
    } else if (p <= 1.0 - p_low) {
        const double q = p - 0.5;
        const double r = q * q;
        x = (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q /
            (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1.0);
    } else {
        const double q = std::sqrt(-2.0 * std::log1p(-p));
        x = -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
            ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1.0);
    }
    // ... then one Halley step against the erfc-based CDF brings it to full double precision.
    const double e = normal_cdf(x) - p;
    const double u = e * std::sqrt(2.0 * std::numbers::pi) * std::exp(x * x / 2.0);
    return x - u / (1.0 + x * u / 2.0);
}

// [SECTION] Proportions

Interval wilson_interval(long long x, long long n, double z) {
    assert(x >= 0 && x <= n);
    if (n <= 0) return {0.0, 1.0};
    const double nn = static_cast<double>(n);
    const double p = static_cast<double>(x) / nn;
    const double z2 = z * z;
    const double centre = (p + z2 / (2.0 * nn)) / (1.0 + z2 / nn);
    const double half = z * std::sqrt(p * (1.0 - p) / nn + z2 / (4.0 * nn * nn)) / (1.0 + z2 / nn);
    return {std::max(0.0, centre - half), std::min(1.0, centre + half)};
}

ProportionComparison compare_proportions(long long x1, long long n1, long long x2, long long n2) {
    ProportionComparison r;
    if (n1 <= 0 || n2 <= 0 || x1 < 0 || x2 < 0 || x1 > n1 || x2 > n2) {
        r.p1 = r.p2 = r.difference = r.z = r.p_value = kNaN;
        r.ci = {kNaN, kNaN};
        return r;
    }
    r.valid = true;
    const double m1 = static_cast<double>(n1), m2 = static_cast<double>(n2);
    r.p1 = static_cast<double>(x1) / m1;
    r.p2 = static_cast<double>(x2) / m2;
    r.difference = r.p2 - r.p1;

    // Newcombe (1998), method 10: combine the two Wilson intervals.
    const Interval w1 = wilson_interval(x1, n1);
    const Interval w2 = wilson_interval(x2, n2);
    r.ci.low = r.difference - std::sqrt((r.p2 - w2.low) * (r.p2 - w2.low) + (w1.high - r.p1) * (w1.high - r.p1));
    r.ci.high = r.difference + std::sqrt((w2.high - r.p2) * (w2.high - r.p2) + (r.p1 - w1.low) * (r.p1 - w1.low));

    const double pooled = static_cast<double>(x1 + x2) / (m1 + m2);
    const double se = std::sqrt(pooled * (1.0 - pooled) * (1.0 / m1 + 1.0 / m2));
    if (se > 0.0) {
        r.z = r.difference / se;
        r.p_value = 2.0 * normal_cdf(-std::fabs(r.z));
    } else {
        // Everyone agreed, or no one did, in both groups: the proportions are identical.
        r.z = 0.0;
        r.p_value = 1.0;
    }
    return r;
}

double fisher_exact_two_sided(long long a, long long b, long long c, long long d) {
    if (a < 0 || b < 0 || c < 0 || d < 0) return kNaN;
    const long long row1 = a + b, row2 = c + d, col1 = a + c;
    const long long lo = std::max(0LL, col1 - row2), hi = std::min(row1, col1);
    if (lo == hi) return 1.0;  // the margins allow only one table
    auto log_weight = [&](long long k) {
        // log of C(row1, k) * C(row2, col1 - k); the common denominator C(n, col1) cancels below.
        auto lchoose = [](long long n, long long r) {
            return std::lgamma(static_cast<double>(n) + 1.0) - std::lgamma(static_cast<double>(r) + 1.0) -
                   std::lgamma(static_cast<double>(n - r) + 1.0);
        };
        return lchoose(row1, k) + lchoose(row2, col1 - k);
    };
    std::vector<double> logs(static_cast<size_t>(hi - lo + 1));
    double max_log = -std::numeric_limits<double>::infinity();
    for (long long k = lo; k <= hi; ++k) {
        logs[static_cast<size_t>(k - lo)] = log_weight(k);
        max_log = std::max(max_log, logs[static_cast<size_t>(k - lo)]);
    }
    const double observed = logs[static_cast<size_t>(a - lo)] - max_log;
    const double tolerance = std::log1p(1e-7);
    double total = 0.0, extreme = 0.0;
    for (double lw : logs) {
        const double rel = lw - max_log;
        const double w = std::exp(rel);
        total += w;
        if (rel <= observed + tolerance) extreme += w;
    }
    return std::min(1.0, extreme / total);
}

// [SECTION] Ordinal data

MannWhitney mann_whitney_from_counts(const std::vector<long long>& x_counts,
                                     const std::vector<long long>& y_counts) {
    assert(x_counts.size() == y_counts.size());
    MannWhitney r;
    r.u = r.z = r.p_value = kNaN;
    double nx = 0.0, ny = 0.0;
    for (size_t k = 0; k < x_counts.size(); ++k) {
        if (x_counts[k] < 0 || y_counts[k] < 0) return r;
        nx += static_cast<double>(x_counts[k]);
        ny += static_cast<double>(y_counts[k]);
    }
    if (nx <= 0.0 || ny <= 0.0) return r;
    const double n = nx + ny;

    // Mid-ranks per category; the sum of (t^3 - t) over tie groups corrects the variance.
    double rank_sum_y = 0.0, ties = 0.0, below = 0.0;
    for (size_t k = 0; k < x_counts.size(); ++k) {
        const double t = static_cast<double>(x_counts[k] + y_counts[k]);
        if (t == 0.0) continue;
        const double mid_rank = below + (t + 1.0) / 2.0;
        rank_sum_y += mid_rank * static_cast<double>(y_counts[k]);
        ties += t * t * t - t;
        below += t;
    }
    r.u = rank_sum_y - ny * (ny + 1.0) / 2.0;
    const double mean = nx * ny / 2.0;
    const double variance = nx * ny / 12.0 * ((n + 1.0) - ties / (n * (n - 1.0)));
    if (!(variance > 0.0)) return r;  // every answer in one category: no ranking information
    r.valid = true;
    const double diff = r.u - mean;
    const double correction = diff > 0.0 ? 0.5 : (diff < 0.0 ? -0.5 : 0.0);
    r.z = (diff - correction) / std::sqrt(variance);
    r.p_value = std::min(1.0, 2.0 * normal_cdf(-std::fabs(r.z)));
    return r;
}

double mean_from_counts(const std::vector<long long>& counts, const std::vector<double>& scores) {
    assert(counts.size() == scores.size());
    double sum = 0.0, n = 0.0;
    for (size_t k = 0; k < counts.size(); ++k) {
        sum += static_cast<double>(counts[k]) * scores[k];
        n += static_cast<double>(counts[k]);
    }
    return n > 0.0 ? sum / n : kNaN;
}

}  // namespace upstander::stats
