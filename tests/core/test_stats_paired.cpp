// Paired statistics against reference values from SciPy 1.10.1 (tests/data/stats_paired_reference.py).

#include "core/stats_paired.hpp"

#include <catch2/catch.hpp>

#include <cmath>

using namespace upstander::stats;
using Catch::Detail::Approx;

namespace {
struct Case {
    const char* name;
    std::vector<double> d;
    double w, p, mean, lo, hi;
};
}  // namespace

TEST_CASE("Wilcoxon signed-rank and the mean change match SciPy", "[stats][paired]") {
    const std::vector<Case> cases = {
        {"mixed", {1, 2, 0, -1, 3, 2, 1, 0, 2, 1}, 2.5, 0.027198399577616782, 1.1, 0.24356112059988766, 1.9564388794001126},
        {"ties", {1, 1, 1, -1, 2, 2, -2, 3, 1, 1, 0, 0, 4}, 11.5, 0.05123371108910831, 1.0, 0.04452736758732945, 1.9554726324126706},
        {"all-positive", {1, 2, 3, 4, 1, 2}, 0.0, 0.026856695507524397, 2.1666666666666665, 0.9398289744947286, 3.3935043588386042},
        {"symmetric", {1, -1, 2, -2, 3, -3}, 10.5, 1.0, 0.0, -2.483417990086385, 2.483417990086385},
        {"small", {2, -1, 3, 1, 2}, 1.5, 0.10247043485974937, 1.4, -0.48307668834844186, 3.2830766883484417},
    };
    for (const Case& c : cases) {
        INFO(c.name);
        const SignedRank r = wilcoxon_signed_rank(c.d);
        REQUIRE(r.valid);
        CHECK(r.statistic == Approx(c.w));
        CHECK(r.p_value == Approx(c.p).epsilon(1e-9));
        const MeanChange m = mean_change(c.d);
        REQUIRE(m.valid);
        CHECK(m.mean == Approx(c.mean).margin(1e-12));
        CHECK(m.ci.low == Approx(c.lo).epsilon(1e-9));
        CHECK(m.ci.high == Approx(c.hi).epsilon(1e-9));
    }
}

TEST_CASE("signed-rank: zeros are dropped, ties share ranks, all zeros cannot be tested", "[stats][paired]") {
    const SignedRank r = wilcoxon_signed_rank({0, 0, 1, -1, 2, 0});
    CHECK(r.n == 3);
    CHECK(r.w_plus == Approx(1.5 + 3));  // |1| and |-1| tie for ranks 1 and 2
    CHECK(r.w_minus == Approx(1.5));
    CHECK_FALSE(wilcoxon_signed_rank({0, 0, 0}).valid);
    CHECK_FALSE(wilcoxon_signed_rank({}).valid);
    CHECK_FALSE(mean_change({2.0}).valid);
    CHECK(std::isnan(mean_change({}).mean));
}

TEST_CASE("Student's t distribution matches SciPy", "[stats][paired]") {
    CHECK(student_t_quantile(0.975, 4) == Approx(2.7764451051977987).epsilon(1e-10));
    CHECK(student_t_quantile(0.975, 9) == Approx(2.2621571627409915).epsilon(1e-10));
    CHECK(student_t_quantile(0.975, 29) == Approx(2.045229642132703).epsilon(1e-10));
    CHECK(student_t_quantile(0.9, 2.5) == Approx(1.730250928807177).epsilon(1e-10));
    CHECK(student_t_quantile(0.5, 3) == Approx(0.0).margin(1e-12));
    CHECK(student_t_quantile(0.001, 7) == Approx(-4.785289628649169).epsilon(1e-10));
    CHECK(student_t_cdf(1.5, 3) == Approx(0.8847080673775886).epsilon(1e-12));
    CHECK(student_t_cdf(-2.2, 10) == Approx(0.02622053422467655).epsilon(1e-10));
    CHECK(student_t_cdf(0.0, 5) == Approx(0.5));
    CHECK(student_t_cdf(8.0, 2) == Approx(0.9923659639173309).epsilon(1e-12));
    CHECK(std::isnan(student_t_quantile(1.0, 3)));
}
