"""The JavaScript port of the four-state pump cycle (frontend/ports/pump_cycle.js) against nakmodel.

Random sets cover every input of :func:`nakmodel.pump.pump_cycle_rate`: [Na⁺]ᵢ, [K⁺]ₒ, [Na⁺]ₒ,
[K⁺]ᵢ, Vm, ΔG_ATP, temperature (both sides of the Q10 break) and [ATP] (log-uniform).
Tolerances: the port evaluates the same closed forms with the same constants (from
``pump_spec()``) in double precision, so only rounding differs (exp/log/pow of ~1e-15
relative each, ~20 operations): 1e-9 relative. The net rate is a difference of two one-way
fluxes, so near the reversal potential its relative error grows; its absolute tolerance is
1e-9 × the forward one-way flux.
"""

from __future__ import annotations

import math

import numpy as np
import pytest

from nakmodel.electrochem import pump_reversal_potential
from nakmodel.pump import PumpParams, _rates, pump_cycle_rate, pump_temperature_factor
from nakmodel.widgets.live._pump import pump_spec

from .node import run_port

N_CASES = 80
RTOL = 1e-9


def random_conditions(rng, n):
    return [{"na_in_mM": float(rng.uniform(1.0, 100.0)), "k_out_mM": float(rng.uniform(0.2, 20.0)),
             "na_out_mM": float(rng.uniform(100.0, 160.0)), "k_in_mM": float(rng.uniform(100.0, 160.0)),
             "v_mV": float(rng.uniform(-300.0, 200.0)),
             "atp_free_energy_kJ_per_mol": float(rng.uniform(-80.0, -20.0)),
             "temperature_C": float(rng.uniform(0.0, 45.0)),
             "atp_mM": float(10 ** rng.uniform(math.log10(0.02), 1.0))} for _ in range(n)]


def python_side(c):
    kw = {k: c[k] for k in ("na_out_mM", "k_in_mM", "atp_free_energy_kJ_per_mol", "temperature_C", "atp_mM")}
    rate = pump_cycle_rate(c["na_in_mM"], c["k_out_mM"], c["v_mV"], **kw)
    v_rev = pump_reversal_potential({"Na": c["na_out_mM"], "K": c["k_out_mM"]},
                                    {"Na": c["na_in_mM"], "K": c["k_in_mM"]},
                                    c["atp_free_energy_kJ_per_mol"], c["temperature_C"])
    a, b = _rates(c["na_in_mM"], c["k_out_mM"], c["v_mV"], c["na_out_mM"], c["k_in_mM"],
                  c["atp_free_energy_kJ_per_mol"], c["temperature_C"], c["atp_mM"], PumpParams())
    return rate, v_rev, [float(x) for x in a], [float(x) for x in b]


def occupancy_by_linear_algebra(a, b):
    """Independent of both implementations: solve Q^T p = 0, sum p = 1 for the 4-state generator."""
    q = np.zeros((4, 4))
    for i in range(4):
        j = (i + 1) % 4
        q[i, j] += a[i]  # i -> i+1
        q[j, i] += b[i]  # i+1 -> i
    q -= np.diag(q.sum(axis=1))
    m = np.vstack([q.T, np.ones(4)])
    p, *_ = np.linalg.lstsq(m, np.r_[np.zeros(4), 1.0], rcond=None)
    return p


def test_pump_cycle_port_matches_nakmodel():
    rng = np.random.default_rng(2026)
    cases = random_conditions(rng, N_CASES)
    js = run_port("pump_cycle", {"pump": pump_spec()}, cases, function="computeDeterministic")
    worst_rate = worst_vrev = 0.0
    n_backwards = 0
    for c, got in zip(cases, js, strict=True):
        assert "error" not in got, (c, got)
        rate, v_rev, a, b = python_side(c)
        n_backwards += rate < 0
        for x, y in zip(got["a"] + got["b"], a + b, strict=True):
            assert x == pytest.approx(y, rel=RTOL)
        p = occupancy_by_linear_algebra(a, b)
        one_way = p[0] * a[0]  # forward flux through step 1
        assert got["rate_per_s"] == pytest.approx(rate, rel=RTOL, abs=RTOL * one_way), c
        # independent: net flux through step 1 from the linear-algebra occupancies
        assert got["rate_per_s"] == pytest.approx(p[0] * a[0] - p[1] * b[0], rel=1e-6, abs=1e-6 * one_way)
        assert got["occupancy"] == pytest.approx(p.tolist(), rel=1e-6, abs=1e-12)
        assert got["v_rev_mV"] == pytest.approx(v_rev, rel=RTOL, abs=1e-9)
        factor = pump_temperature_factor(c["temperature_C"])
        assert got["temperature_factor"] == pytest.approx(factor, rel=RTOL)
        worst_rate = max(worst_rate, abs(got["rate_per_s"] - rate) / max(abs(rate), one_way * 1e-6))
        worst_vrev = max(worst_vrev, abs(got["v_rev_mV"] - v_rev))
    assert 5 < n_backwards < N_CASES - 5  # both directions of the cycle were exercised
    print(f"pump_cycle: {N_CASES} sets, rate rel. diff ≤ {worst_rate:.1e}, V_rev diff ≤ {worst_vrev:.1e} mV")


def test_pump_cycle_port_defaults_and_closed_forms():
    """Omitted arguments take nakmodel's defaults; V_rev by hand with CODATA 2018 R and F;
    the rate is zero at V_rev (detailed balance) and the rate constants' Q10 is 2.4 between 25 and 35 °C."""
    cases = [{"na_in_mM": 15.0, "k_out_mM": 5.0, "v_mV": -70.0}]
    r = 8.314462618 * 310.15 * 1e-3  # kJ/mol at 37 °C
    v_rev = (3 * r * math.log(145 / 15) + 2 * r * math.log(140 / 5) - 55.0) / 96.48533212 * 1e3
    cases.append({"na_in_mM": 15.0, "k_out_mM": 5.0, "v_mV": v_rev})
    cases += [{"na_in_mM": 15.0, "k_out_mM": 5.0, "v_mV": -70.0, "temperature_C": t} for t in (25.0, 35.0)]
    got = run_port("pump_cycle", {"pump": pump_spec()}, cases, function="computeDeterministic")
    assert got[0]["rate_per_s"] == pytest.approx(pump_cycle_rate(15.0, 5.0, -70.0), rel=RTOL)
    assert got[0]["v_rev_mV"] == pytest.approx(v_rev, abs=1e-9)
    assert got[0]["v_rev_mV"] == pytest.approx(-210, abs=0.5)
    assert abs(got[1]["rate_per_s"]) < 1e-9 * got[0]["rate_per_s"]
    assert got[3]["temperature_factor"] / got[2]["temperature_factor"] == pytest.approx(2.4, rel=1e-12)
    # k2_fwd has no other temperature dependence
    assert got[3]["a"][1] / got[2]["a"][1] == pytest.approx(2.4, rel=1e-12)


@pytest.mark.parametrize("bad,word", [({"na_in_mM": 0.0}, "na_in_mM"), ({"v_mV": 250.0}, "v_mV"),
                                      ({"atp_free_energy_kJ_per_mol": -10.0}, "atp_free_energy"),
                                      ({"temperature_C": 60.0}, "temperature_C")])
def test_pump_cycle_port_refuses_out_of_range(bad, word):
    case = {"na_in_mM": 15.0, "k_out_mM": 5.0, "v_mV": -70.0, **bad}
    (got,) = run_port("pump_cycle", {"pump": pump_spec()}, [case], function="computeDeterministic")
    assert word in got["error"] and "outside" in got["error"]


# ---------------------------------------------------------------------------------------------
# The cycle explorer's port (compute) against CycleExplorer.compute (nakmodel)
# ---------------------------------------------------------------------------------------------

def test_cycle_explorer_port_matches_nakmodel():
    """Deterministic numbers on 60 random control sets (log-uniform [ATP]): rate, reversal
    potential, the 241-point rate curve (same tolerances as above) and the run's duration
    (the same rounding rule, exactly)."""
    from nakmodel.widgets import CycleExplorer

    from .test_parity import random_values

    app = CycleExplorer()
    cases = random_values(app, np.random.default_rng(13), 60)
    js = run_port("pump_cycle", app.params(), cases)
    for values, got in zip(cases, js, strict=True):
        assert "error" not in got, (values, got)
        want = app.compute(values)
        scale = max(abs(x) for x in want["curve"])  # the one-way fluxes are at most this large
        assert got["rate"] == pytest.approx(want["rate"], rel=RTOL, abs=RTOL * scale)
        assert got["v_rev"] == pytest.approx(want["v_rev"], rel=RTOL, abs=1e-9)
        assert got["curve"] == pytest.approx(want["curve"], rel=RTOL, abs=RTOL * scale)
        assert got["run"]["duration_ms"] == want["run"]["duration_ms"]
        assert set(got["run"]) == set(want["run"])


def gillespie(pump, cases):
    import json
    import subprocess

    from .node import ROOT, node_executable

    proc = subprocess.run([node_executable(), str(ROOT / "frontend" / "tests" / "gillespie_cli.mjs")],
                          input=json.dumps({"pump": pump, "cases": cases}), capture_output=True, text=True,
                          timeout=300, check=False)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


#: Independent runs per condition and the band the mean must fall in, in standard errors of the
#: mean (estimated from the runs' spread). With 30 runs a correct generator leaves a 5-SE band
#: with probability ~2e-5 per check (Student t, 29 d.o.f.), so 48 checks fail by chance < 0.1 %;
#: the runs are seeded, so the test is deterministic anyway.
N_RUNS = 30
N_SE = 5.0


def test_js_gillespie_mean_rate_and_occupancy_equal_the_deterministic_model():
    """Statistical test of the page's stochastic pump: over long runs (≈ 200 cycles each) the mean
    net turnover equals the deterministic cycle rate, and the fraction of time in each of the four
    lumped states equals the steady-state occupancy (:func:`stateOccupancy`, itself checked against
    linear algebra above), each within N_SE standard errors; every event
    steps to a neighbouring named state and the E1-pool counts are 3 Na⁺ : 2 K⁺ : 1 ATP per cycle."""
    pump = pump_spec()
    base = {"na_in_mM": 12.0, "k_out_mM": 5.0, "v_mV": -70.0}
    conds = [base, {**base, "na_in_mM": 30.0}, {**base, "atp_mM": 0.05},
             {**base, "atp_free_energy_kJ_per_mol": -30.0},  # runs backwards
             {**base, "v_mV": -260.0},  # below the reversal potential: backwards
             {**base, "temperature_C": 25.0, "k_out_mM": 1.0},
             {"na_in_mM": 60.0, "k_out_mM": 15.0, "v_mV": 20.0, "temperature_C": 42.0, "atp_mM": 8.0},
             {**base, "v_mV": -200.0}]  # near the reversal potential (−192 mV): forward and backward steps
    det = run_port("pump_cycle", {"pump": pump}, conds, function="computeDeterministic")
    cases = []
    for c, d in zip(conds, det, strict=True):
        one_way = d["occupancy"][0] * d["a"][0]
        cases.append({"conditions": c, "duration_s": 200.0 / max(abs(d["rate_per_s"]), 0.05 * one_way),
                      "seeds": list(range(1, N_RUNS + 1))})
    runs = gillespie(pump, cases)
    directions = set()
    for c, d, per_seed in zip(conds, det, runs, strict=True):
        rates = np.array([r["mean_rate_per_s"] for r in per_seed])
        se = rates.std(ddof=1) / math.sqrt(N_RUNS)
        assert abs(rates.mean() - d["rate_per_s"]) < N_SE * se, (c, rates.mean(), d["rate_per_s"], se)
        if abs(d["rate_per_s"]) > 5.0:  # power: a 10 % error of the rate would be caught
            assert N_SE * se < 0.1 * abs(d["rate_per_s"]), (c, se)
            directions.add(np.sign(d["rate_per_s"]))
        occ = np.array([r["occupancy"] for r in per_seed])
        se_occ = occ.std(axis=0, ddof=1) / math.sqrt(N_RUNS)
        assert np.all(np.abs(occ.mean(axis=0) - d["occupancy"]) < N_SE * se_occ + 1e-12), (c, occ.mean(0))
        assert np.allclose(occ.sum(axis=1), 1.0, atol=1e-9)
        assert all(r["bad_steps"] == 0 and r["bad_counts"] == 0 for r in per_seed)
    assert directions == {-1.0, 1.0}


def test_js_gillespie_is_seeded():
    pump = pump_spec()
    case = {"conditions": {"na_in_mM": 12.0, "k_out_mM": 5.0, "v_mV": -70.0}, "duration_s": 0.5,
            "seeds": [7, 7, 8]}
    a, b, c = gillespie(pump, [case])[0]
    assert a == b and a != c


def test_xoshiro128ss_equals_an_independent_python_implementation():
    """The page's generator (frontend/core/random.js) against splitmix32 + xoshiro128** written
    here from Blackman & Vigna's reference description."""
    import json
    import subprocess

    from .node import ROOT, node_executable

    m32 = 0xFFFFFFFF

    def splitmix32(a):
        while True:
            a = (a + 0x9E3779B9) & m32
            t = a ^ (a >> 16)
            t = (t * 0x21F0AAAD) & m32
            t ^= t >> 15
            t = (t * 0x735A2D97) & m32
            t ^= t >> 15
            yield t

    def rotl(x, k):
        return ((x << k) | (x >> (32 - k))) & m32

    def xoshiro(seed):
        g = splitmix32(seed)
        s = [next(g) for _ in range(4)]
        while True:
            result = (rotl((s[1] * 5) & m32, 7) * 9) & m32
            t = (s[1] << 9) & m32
            s[2] ^= s[0]
            s[3] ^= s[1]
            s[1] ^= s[2]
            s[0] ^= s[3]
            s[2] ^= t
            s[3] = rotl(s[3], 11)
            yield result

    script = ("import { xoshiro128ss } from './frontend/core/random.js';"
              "const g = xoshiro128ss(7); const u = xoshiro128ss(7);"
              "const ints = Array.from({length: 20}, () => g.nextUint32());"
              "const unif = Array.from({length: 5}, () => u.uniform());"
              "console.log(JSON.stringify({ints, unif}));")
    proc = subprocess.run([node_executable(), "--input-type=module", "-e", script], cwd=ROOT,
                          capture_output=True, text=True, timeout=60, check=True)
    got = json.loads(proc.stdout)
    g = xoshiro(7)
    assert got["ints"] == [next(g) for _ in range(20)]
    g = xoshiro(7)
    want = [((next(g) >> 5) * 2**26 + (next(g) >> 6)) / 2**53 for _ in range(5)]
    assert got["unif"] == want
