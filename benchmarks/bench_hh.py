"""Benchmark of nakmodel.hh: prints timings and ratios against budgets and a solve_ivp reference.

Run: .venv/bin/python benchmarks/bench_hh.py
"""

import math

import numpy as np
from scipy.integrate import solve_ivp
from scipy.special import exprel

from nakmodel.hh import simulate_hh, spike_train_rundown

from _timing import best_of  # benchmarks/ is sys.path[0] when run as a script


def plain_solve_ivp_squid(i_amp=10.0, t_end=1000.0):
    """A plain HH 1952 squid model with solve_ivp (RK45, rtol 1e-6), output every 0.025 ms."""
    def rhs(t, y):
        v, m, h, n = y
        a_m = 1.0 / exprel(-(v + 40.0) / 10.0)
        b_m = 4.0 * math.exp(-(v + 65.0) / 18.0)
        a_h = 0.07 * math.exp(-(v + 65.0) / 20.0)
        b_h = 1.0 / (1.0 + math.exp(-(v + 35.0) / 10.0))
        a_n = 0.1 / exprel(-(v + 55.0) / 10.0)
        b_n = 0.125 * math.exp(-(v + 65.0) / 80.0)
        i_ion = 120.0 * m**3 * h * (v - 50.0) + 36.0 * n**4 * (v + 77.0) + 0.3 * (v + 54.387)
        return [i_amp - i_ion, a_m * (1 - m) - b_m * m, a_h * (1 - h) - b_h * h, a_n * (1 - n) - b_n * n]
    t_eval = np.linspace(0, t_end, int(t_end / 0.025) + 1)
    return solve_ivp(rhs, (0, t_end), [-65.0, 0.0529, 0.5961, 0.3177], t_eval=t_eval, rtol=1e-6, atol=1e-8)


def main():
    t_hh, r = best_of(lambda: simulate_hh(10.0, 1000.0))
    t_ref, _ = best_of(plain_solve_ivp_squid, n=1)
    print(f"simulate_hh squid 1 s (10 uA/cm2, {r.n_spikes} spikes): {t_hh * 1e3:7.1f} ms"
          f"  budget 300 ms -> ratio {t_hh / 0.3:5.2f}")
    print(f"plain solve_ivp reference (RK45):                 {t_ref * 1e3:7.1f} ms"
          f"  simulate_hh / reference = {t_hh / t_ref:5.2f} (goal <= 1)")
    t_m, rm = best_of(lambda: simulate_hh(2.0, 200.0, model="mammalian"))
    print(f"simulate_hh mammalian 200 ms ({rm.n_spikes} spikes):       {t_m * 1e3:7.1f} ms")
    t_rd, rd = best_of(lambda: spike_train_rundown(500.0, n_spikes=100000, rate_hz=20.0))
    print(f"spike_train_rundown squid 500 um, 1e5 spikes:      {t_rd * 1e3:7.1f} ms"
          f"  budget 50 ms -> ratio {t_rd / 0.05:5.2f}")
    t_rd2, _ = best_of(lambda: spike_train_rundown(0.2, n_spikes=1000, model="mammalian"))
    print(f"spike_train_rundown mammalian 0.2 um, 1e3 spikes:  {t_rd2 * 1e3:7.1f} ms"
          f"  budget 50 ms -> ratio {t_rd2 / 0.05:5.2f}")


if __name__ == "__main__":
    main()
