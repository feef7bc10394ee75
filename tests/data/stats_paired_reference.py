# Reference values for tests/core/test_stats_paired.cpp, computed with SciPy (python3-scipy from
# Debian 12 on the dev machine; the tests do not run this script). Run: /usr/bin/python3 tests/data/stats_paired_reference.py
import numpy as np
from scipy import stats
print("scipy", __import__('scipy').__version__)
cases = {
    "mixed": [1, 2, 0, -1, 3, 2, 1, 0, 2, 1],
    "ties": [1, 1, 1, -1, 2, 2, -2, 3, 1, 1, 0, 0, 4],
    "all-positive": [1, 2, 3, 4, 1, 2],
    "symmetric": [1, -1, 2, -2, 3, -3],
    "small": [2, -1, 3, 1, 2],
}
for name, d in cases.items():
    r = stats.wilcoxon(d, zero_method="wilcox", correction=False, alternative="two-sided", method="approx")
    a = np.array(d, dtype=float)
    n = len(a); m = a.mean(); sd = a.std(ddof=1)
    half = stats.t.ppf(0.975, n - 1) * sd / np.sqrt(n)
    print(name, "W", repr(float(r.statistic)), "p", repr(float(r.pvalue)), "mean", repr(m), "ci", repr(m - half), repr(m + half))
for p, df in [(0.975, 4), (0.975, 9), (0.975, 29), (0.9, 2.5), (0.5, 3), (0.001, 7)]:
    print("tppf", p, df, repr(float(stats.t.ppf(p, df))))
for t, df in [(1.5, 3), (-2.2, 10), (0.0, 5), (8.0, 2)]:
    print("tcdf", t, df, repr(float(stats.t.cdf(t, df))))
