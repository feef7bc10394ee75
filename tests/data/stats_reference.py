# Reference values for tests/core/test_stats.cpp, computed independently with SciPy 1.10.1
# (python3-scipy on the dev machine; the tests do not run this script). Run: python3 tests/data/stats_reference.py
import numpy as np
from scipy import stats
from scipy.stats import norm
import math
print("scipy", __import__('scipy').__version__)
for p in [0.975, 0.3, 1e-10, 0.999999]:
    print("ppf", p, repr(norm.ppf(p)))
for z in [-8.5, -1.0, 0.0, 2.5]:
    print("cdf", z, repr(norm.cdf(z)))
def wilson(x,n,z=norm.ppf(0.975)):
    p=x/n; c=(p+z*z/(2*n))/(1+z*z/n); h=z*math.sqrt(p*(1-p)/n+z*z/(4*n*n))/(1+z*z/n); return c-h,c+h
# Wilson via statsmodels-free check: proportion_confint not available; use scipy binomtest
for x,n in [(0,10),(7,20),(41,100)]:
    r=stats.binomtest(x,n).proportion_ci(confidence_level=0.95, method='wilson')
    print("wilson", x,n, repr(r.low), repr(r.high))
for (x1,n1,x2,n2) in [(48,80,56,70),(3,10,9,10),(2,7,6,7),(0,29,5,56),(41,100,78,100),(30,60,33,60)]:
    tab=np.array([[x1,n1-x1],[x2,n2-x2]])
    chi2,p,_,_=stats.chi2_contingency(tab,correction=False)
    l1,u1=stats.binomtest(x1,n1).proportion_ci(method='wilson'); l2,u2=stats.binomtest(x2,n2).proportion_ci(method='wilson')
    p1=x1/n1;p2=x2/n2;d=p2-p1
    lo=d-math.sqrt((p2-l2)**2+(u1-p1)**2); hi=d+math.sqrt((u2-p2)**2+(p1-l1)**2)
    z=math.copysign(math.sqrt(chi2), d)
    print("prop",x1,n1,x2,n2,"z",repr(z),"p",repr(p),"ci",repr(lo),repr(hi))
for t in [[[3,1],[1,3]],[[1,9],[11,3]],[[0,10],[5,5]],[[1500,3500],[1600,3400]],[[100000,200000],[101000,199000]],[[2,30],[4,28]]]:
    print("fisher",t,repr(stats.fisher_exact(t)[1]))
def expand(c): return np.repeat(np.arange(1,len(c)+1), c)
for x,y in [([5,10,8,12,5],[1,4,6,18,11]),([0,0,3,0,0],[0,0,2,1,0]),([3,2],[1,4]),([10,0,0,0,0],[0,0,0,0,10]),([400,900,1200,1500,1000],[380,950,1150,1520,1010])]:
    r=stats.mannwhitneyu(expand(x),expand(y),use_continuity=True,alternative='two-sided',method='asymptotic')
    nx,ny=sum(x),sum(y)
    print("mw",x,y,"U_x",r.statistic,"U_y",nx*ny-r.statistic,"p",repr(r.pvalue))
