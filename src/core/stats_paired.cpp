#include "stats_paired.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace upstander::stats {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// Continued fraction of the regularised incomplete beta function (modified Lentz's method).
double beta_fraction(double a, double b, double x) {
    constexpr double kTiny = 1e-300;
    double c = 1.0;
    double d = 1.0 - (a + b) * x / (a + 1.0);
    if (std::fabs(d) < kTiny) d = kTiny;
    d = 1.0 / d;
    double h = d;
    for (int m = 1; m <= 300; ++m) {
        const double m2 = 2.0 * m;
        double aa = m * (b - m) * x / ((a - 1.0 + m2) * (a + m2));
        d = 1.0 + aa * d;
        if (std::fabs(d) < kTiny) d = kTiny;
        c = 1.0 + aa / c;
        if (std::fabs(c) < kTiny) c = kTiny;
        d = 1.0 / d;
        h *= d * c;
        aa = -(a + m) * (a + b + m) * x / ((a + m2) * (a + 1.0 + m2));
        d = 1.0 + aa * d;
        if (std::fabs(d) < kTiny) d = kTiny;
        c = 1.0 + aa / c;
        if (std::fabs(c) < kTiny) c = kTiny;
        d = 1.0 / d;
        const double del = d * c;
        h *= del;
        if (std::fabs(del - 1.0) < 1e-15) break;
    }
    return h;
}

// I_x(a, b)
double incomplete_beta(double a, double b, double x) {
    if (x <= 0.0) return 0.0;
    if (x >= 1.0) return 1.0;
    const double front = std::exp(std::lgamma(a + b) - std::lgamma(a) - std::lgamma(b) + a * std::log(x) + b * std::log1p(-x));
    if (x < (a + 1.0) / (a + b + 2.0)) return front * beta_fraction(a, b, x) / a;
    return 1.0 - front * beta_fraction(b, a, 1.0 - x) / b;
}

}  // namespace

double student_t_cdf(double t, double df) {
    if (!(df > 0.0) || std::isnan(t)) return kNaN;
    const double x = df / (df + t * t);
    const double tail = 0.5 * incomplete_beta(df / 2.0, 0.5, x);  // P(T > |t|)
    return t >= 0.0 ? 1.0 - tail : tail;
}

double student_t_quantile(double p, double df) {
    if (!(p > 0.0 && p < 1.0) || !(df > 0.0)) return kNaN;
    if (p == 0.5) return 0.0;
    if (p < 0.5) return -student_t_quantile(1.0 - p, df);
    double lo = 0.0, hi = 1.0;
    while (student_t_cdf(hi, df) < p && hi < 1e12) hi *= 2.0;
    for (int i = 0; i < 200 && hi - lo > 1e-13 * std::max(1.0, hi); ++i) {
        const double mid = 0.5 * (lo + hi);
        (student_t_cdf(mid, df) < p ? lo : hi) = mid;
    }
    return 0.5 * (lo + hi);
}

MeanChange mean_change(const std::vector<double>& d) {
    MeanChange m;
    const double n = static_cast<double>(d.size());
    if (d.empty()) {
        m.mean = m.sd = kNaN;
        m.ci = {kNaN, kNaN};
        return m;
    }
    double sum = 0.0;
    for (double x : d) sum += x;
    m.mean = sum / n;
    if (d.size() < 2) {
        m.sd = kNaN;
        m.ci = {kNaN, kNaN};
        return m;
    }
    double ss = 0.0;
    for (double x : d) ss += (x - m.mean) * (x - m.mean);
    m.sd = std::sqrt(ss / (n - 1.0));
    const double half = student_t_quantile(0.975, n - 1.0) * m.sd / std::sqrt(n);
    m.ci = {m.mean - half, m.mean + half};
    m.valid = true;
    return m;
}

SignedRank wilcoxon_signed_rank(const std::vector<double>& differences) {
    SignedRank r;
    std::vector<double> d;
    for (double x : differences)
        if (x != 0.0) d.push_back(x);
    r.n = static_cast<long long>(d.size());
    if (d.empty()) return r;
    // Mid-ranks of |d|.
    std::vector<std::size_t> order(d.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return std::fabs(d[a]) < std::fabs(d[b]); });
    std::vector<double> rank(d.size());
    double tie_term = 0.0;  // sum of t^3 - t over groups of ties
    for (std::size_t i = 0; i < order.size();) {
        std::size_t j = i;
        while (j + 1 < order.size() && std::fabs(d[order[j + 1]]) == std::fabs(d[order[i]])) ++j;
        const double mid = (static_cast<double>(i + 1) + static_cast<double>(j + 1)) / 2.0;
        for (std::size_t k = i; k <= j; ++k) rank[order[k]] = mid;
        const double t = static_cast<double>(j - i + 1);
        tie_term += t * t * t - t;
        i = j + 1;
    }
    for (std::size_t i = 0; i < d.size(); ++i) (d[i] > 0 ? r.w_plus : r.w_minus) += rank[i];
    const double n = static_cast<double>(r.n);
    r.statistic = std::min(r.w_plus, r.w_minus);
    const double mean = n * (n + 1.0) / 4.0;
    const double var = n * (n + 1.0) * (2.0 * n + 1.0) / 24.0 - tie_term / 48.0;
    if (!(var > 0.0)) return r;
    r.z = (r.statistic - mean) / std::sqrt(var);
    r.p_value = std::min(1.0, 2.0 * normal_cdf(-std::fabs(r.z)));
    r.valid = true;
    return r;
}

}  // namespace upstander::stats
