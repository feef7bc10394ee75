// Statistics against independently computed reference values. Where a value comes from SciPy it
// was produced by tests/data/stats_reference.py (SciPy 1.10.1); the tests do not depend on SciPy.
#include "core/stats.hpp"

#include <catch2/catch.hpp>

#include <cmath>

using namespace upstander::stats;
using Catch::Matchers::WithinAbs;
using Catch::Matchers::WithinRel;

TEST_CASE("stats: normal distribution", "[stats]") {
    // scipy.stats.norm.cdf / norm.ppf
    CHECK_THAT(normal_cdf(-8.5), WithinRel(9.47953482220325e-18, 1e-9));
    CHECK_THAT(normal_cdf(-1.0), WithinRel(0.15865525393145707, 1e-12));
    CHECK(normal_cdf(0.0) == 0.5);
    CHECK_THAT(normal_cdf(2.5), WithinRel(0.9937903346742238, 1e-12));
    CHECK_THAT(normal_quantile(0.975), WithinRel(1.959963984540054, 1e-12));
    CHECK_THAT(normal_quantile(0.3), WithinRel(-0.5244005127080409, 1e-12));
    CHECK_THAT(normal_quantile(1e-10), WithinRel(-6.361340902404056, 1e-10));
    CHECK_THAT(normal_quantile(0.999999), WithinRel(4.753424308817087, 1e-10));
    CHECK(std::isnan(normal_quantile(0.0)));
    CHECK(std::isnan(normal_quantile(1.5)));
}

TEST_CASE("stats: Wilson interval", "[stats]") {
    // scipy.stats.binomtest(x, n).proportion_ci(method='wilson')
    Interval a = wilson_interval(0, 10);
    CHECK_THAT(a.low, WithinAbs(0.0, 1e-12));
    CHECK_THAT(a.high, WithinAbs(0.27753279986288926, 1e-10));
    Interval b = wilson_interval(7, 20);
    CHECK_THAT(b.low, WithinAbs(0.1811918241010821, 1e-10));
    CHECK_THAT(b.high, WithinAbs(0.5671457233147637, 1e-10));
    Interval c = wilson_interval(41, 100);
    CHECK_THAT(c.low, WithinAbs(0.31867313021136523, 1e-10));
    CHECK_THAT(c.high, WithinAbs(0.5079856994658922, 1e-10));
}

TEST_CASE("stats: Newcombe interval for a difference of proportions", "[stats]") {
    // Newcombe RG (1998), "Interval estimation for the difference between independent proportions",
    // Stat Med 17:873-890, Table II, method 10 (score, no continuity correction). The paper gives
    // p1 - p2 for 56/70 - 48/80 etc.; we compute after - before with before as the first argument.
    struct Case {
        long long x1, n1, x2, n2;
        double low, high;
    };
    const Case cases[] = {
        {48, 80, 56, 70, 0.0524, 0.3339},   // example (a)
        {3, 10, 9, 10, 0.1705, 0.8090},     // example (b)
        {2, 7, 6, 7, 0.0582, 0.8062},       // example (c)
        {0, 29, 5, 56, -0.0381, 0.1926},    // example (d)
    };
    for (const Case& k : cases) {
        ProportionComparison r = compare_proportions(k.x1, k.n1, k.x2, k.n2);
        REQUIRE(r.valid);
        CHECK_THAT(r.ci.low, WithinAbs(k.low, 0.00006));
        CHECK_THAT(r.ci.high, WithinAbs(k.high, 0.00006));
    }
    // More digits for the first one, computed from SciPy's Wilson intervals (stats_reference.py).
    ProportionComparison r = compare_proportions(48, 80, 56, 70);
    CHECK_THAT(r.ci.low, WithinAbs(0.052431472402364815, 1e-9));
    CHECK_THAT(r.ci.high, WithinAbs(0.3338726540369059, 1e-9));
    CHECK_THAT(r.difference, WithinAbs(0.2, 1e-12));
}

TEST_CASE("stats: two-proportion z-test with pooled standard error", "[stats]") {
    // z = signed sqrt of the chi-squared statistic; p from scipy.stats.chi2_contingency(correction=False)
    ProportionComparison a = compare_proportions(41, 100, 78, 100);
    CHECK_THAT(a.z, WithinRel(5.329675060317796, 1e-10));
    CHECK_THAT(a.p_value, WithinRel(9.838864189708284e-08, 1e-7));
    CHECK_THAT(a.ci.low, WithinAbs(0.23647723569180548, 1e-9));
    CHECK_THAT(a.ci.high, WithinAbs(0.48505999292279534, 1e-9));
    ProportionComparison b = compare_proportions(30, 60, 33, 60);
    CHECK_THAT(b.z, WithinRel(0.5484084971070817, 1e-10));
    CHECK_THAT(b.p_value, WithinRel(0.5834114432796204, 1e-9));
    ProportionComparison c = compare_proportions(48, 80, 56, 70);
    CHECK_THAT(c.p_value, WithinRel(0.008045081368196582, 1e-9));
    ProportionComparison d = compare_proportions(0, 29, 5, 56);
    CHECK_THAT(d.z, WithinRel(1.6586488692392285, 1e-10));
    CHECK_THAT(d.p_value, WithinRel(0.09718656817057988, 1e-9));
}

TEST_CASE("stats: proportions with degenerate groups", "[stats]") {
    ProportionComparison empty = compare_proportions(0, 0, 3, 10);
    CHECK_FALSE(empty.valid);
    CHECK(std::isnan(empty.p_value));
    ProportionComparison all = compare_proportions(10, 10, 20, 20);  // everyone agreed both times
    REQUIRE(all.valid);
    CHECK(all.difference == 0.0);
    CHECK(all.p_value == 1.0);
    CHECK(all.ci.low < 0.0);  // Newcombe stays informative where Wald would have zero width
    CHECK(all.ci.high > 0.0);
    CHECK(all.ci.low >= -1.0);
}

TEST_CASE("stats: Fisher's exact test, two-sided", "[stats]") {
    // Fisher's tea-tasting table: p = 0.4857 (Agresti, Categorical Data Analysis, 2nd ed., sec. 3.5.2).
    CHECK_THAT(fisher_exact_two_sided(3, 1, 1, 3), WithinRel(0.48571428571428565, 1e-9));
    // The rest: scipy.stats.fisher_exact (same "no more likely" two-sided rule as R's fisher.test).
    CHECK_THAT(fisher_exact_two_sided(1, 9, 11, 3), WithinRel(0.0027594561852200836, 1e-8));
    CHECK_THAT(fisher_exact_two_sided(0, 10, 5, 5), WithinRel(0.032507739938080496, 1e-8));
    CHECK_THAT(fisher_exact_two_sided(2, 30, 4, 28), WithinRel(0.6718665237698302, 1e-8));
    // Large tables stay finite and accurate (log-space with normalisation by the mode).
    CHECK_THAT(fisher_exact_two_sided(1500, 3500, 1600, 3400), WithinRel(0.03229994427596099, 1e-6));
    CHECK_THAT(fisher_exact_two_sided(100000, 200000, 101000, 199000), WithinRel(0.0062859216772820905, 1e-5));
    CHECK(fisher_exact_two_sided(0, 0, 0, 0) == 1.0);
    CHECK(fisher_exact_two_sided(5, 0, 0, 0) == 1.0);
    CHECK(std::isnan(fisher_exact_two_sided(-1, 2, 3, 4)));
}

TEST_CASE("stats: Mann-Whitney U from counts with ties", "[stats]") {
    // scipy.stats.mannwhitneyu(x, y, use_continuity=True, alternative='two-sided', method='asymptotic'),
    // which matches R's wilcox.test(x, y, exact = FALSE, correct = TRUE). SciPy's U is for x; ours is
    // for y (after), so U_y = n_x * n_y - U_x.
    MannWhitney a = mann_whitney_from_counts({5, 10, 8, 12, 5}, {1, 4, 6, 18, 11});
    REQUIRE(a.valid);
    CHECK(a.u == 1091.0);
    CHECK_THAT(a.p_value, WithinRel(0.003715826304437006, 1e-9));
    CHECK(a.z > 0.0);  // after is higher
    MannWhitney b = mann_whitney_from_counts({0, 0, 3, 0, 0}, {0, 0, 2, 1, 0});
    CHECK(b.u == 6.0);
    CHECK_THAT(b.p_value, WithinRel(0.5049850750938458, 1e-9));
    MannWhitney c = mann_whitney_from_counts({3, 2}, {1, 4});
    CHECK(c.u == 17.5);
    CHECK_THAT(c.p_value, WithinRel(0.2703441406547801, 1e-9));
    MannWhitney d = mann_whitney_from_counts({10, 0, 0, 0, 0}, {0, 0, 0, 0, 10});
    CHECK(d.u == 100.0);
    CHECK_THAT(d.p_value, WithinRel(1.5937911688066244e-05, 1e-8));
    MannWhitney e = mann_whitney_from_counts({400, 900, 1200, 1500, 1000}, {380, 950, 1150, 1520, 1010});
    CHECK(e.u == 12553500.0);
    CHECK_THAT(e.p_value, WithinRel(0.8392671650072911, 1e-8));
}

TEST_CASE("stats: Mann-Whitney degenerate inputs", "[stats]") {
    CHECK_FALSE(mann_whitney_from_counts({0, 0}, {1, 2}).valid);           // empty group
    CHECK_FALSE(mann_whitney_from_counts({0, 4, 0}, {0, 7, 0}).valid);     // all tied
    MannWhitney same = mann_whitney_from_counts({2, 3, 4}, {2, 3, 4});
    REQUIRE(same.valid);
    CHECK(same.z == 0.0);
    CHECK(same.p_value == 1.0);
}

TEST_CASE("stats: mean from counts", "[stats]") {
    // (1*5 + 2*10 + 3*8 + 4*12 + 5*5) / 40 = 122 / 40
    CHECK_THAT(mean_from_counts({5, 10, 8, 12, 5}, {1, 2, 3, 4, 5}), WithinAbs(3.05, 1e-12));
    CHECK(std::isnan(mean_from_counts({0, 0}, {1, 2})));
}
