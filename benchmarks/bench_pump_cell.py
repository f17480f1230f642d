"""Benchmark: pump-leak steady state, 30 min ouabain block, 1000-cycle stochastic pump.

Run: .venv/bin/python benchmarks/bench_pump_cell.py
Prints each time against its budget and against a naive baseline computed in the same run.
"""


import numpy as np
from scipy.integrate import solve_ivp

from nakmodel.cell import CellParams, _Model, cell_steady_state, simulate_cell
from nakmodel.pump import _rates, simulate_pump_cycles

from _timing import best_of as _best_of  # benchmarks/ is sys.path[0] when run as a script


def best_of(fn, n=5):
    return _best_of(fn, n)


def naive_steady_state(p):
    # brute force: integrate 5 h of model time from a perturbed state (same RHS, stiff solver)
    m = _Model(p)
    y0 = np.array([-65.0, 15.0, 10.0, 0, 0, 0])
    sol = solve_ivp(m.rhs, (0, 5 * 3600), y0, method="BDF", args=(lambda t: 1.0, None), rtol=1e-8, atol=1e-9)
    return sol.y[:, -1]


def naive_block(p, s):
    # non-stiff explicit RK45 on the same equations (membrane time constant ~ms forces tiny steps);
    # run 10 s of block and extrapolate the cost to 30 min
    m = _Model(p)
    y0 = np.array([s.v_mV, s.na_in * s.volume_rel, s.cl_in * s.volume_rel, 0, 0, 0])
    solve_ivp(m.rhs, (0, 10.0), y0, method="RK45", args=(lambda t: 0.0, None), rtol=1e-7, atol=1e-7)


def naive_gillespie(n_cycles, seed=0):
    # textbook Gillespie: one rng call per draw, numpy rates recomputed each step
    a, b = _rates(15.0, 5.0, -70.0, 145.0, 140.0, -55.0, 37.0, 3.0, __import__("nakmodel").PumpParams())
    rng = np.random.default_rng(seed)
    k, atp, t = 0, 0, 0.0
    while not (k == 0 and atp >= n_cycles):
        rates = np.array([float(a[k]), float(b[(k - 1) % 4])])
        tot = rates.sum()
        t += rng.exponential(1 / tot)
        if rng.random() < rates[0] / tot:
            atp += k == 0
            k = (k + 1) % 4
        else:
            k = (k - 1) % 4
            atp -= k == 0
    return atp


def row(name, t, budget, base=None):
    txt = f"{name:38s} {t * 1e3:8.1f} ms  budget {budget * 1e3:6.0f} ms  ({t / budget:5.2f} of budget)"
    if base is not None:
        txt += f"  naive {base * 1e3:9.1f} ms  speed-up x{base / t:7.1f}"
    print(txt)


def main():
    p = CellParams()
    t_ss, s = best_of(lambda: cell_steady_state(p))
    t_ss_naive, _ = best_of(lambda: naive_steady_state(p), n=1)
    row("pump-leak steady state", t_ss, 0.050, t_ss_naive)

    t_blk, _ = best_of(lambda: simulate_cell(p, 1800.0, pump_fraction=0.0, initial=s), n=3)
    t10, _ = best_of(lambda: naive_block(p, s), n=1)
    row("30 min ouabain block (BDF)", t_blk, 0.200, t10 * 180.0)
    print(f"{'':38s} (naive = explicit RK45 over 10 s x 180, extrapolated)")

    t_g, _ = best_of(lambda: simulate_pump_cycles(n_cycles=1000, seed=1))
    t_gn, _ = best_of(lambda: naive_gillespie(1000), n=1)
    row("stochastic pump, 1000 cycles", t_g, 0.100, t_gn)


if __name__ == "__main__":
    main()
