"""The pump–leak cell port (frontend/ports/pump_leak.js, stoichiometry.js) against nakmodel in Node.

Steady states (and the energy left per 3:2 cycle, −ΔG_ATP minus that row's work, the same
arithmetic on the same numbers): the port solves the same three equations (dV/dt = dnNa/dt =
dnCl/dt = 0, the pump
from ports/pump_cycle.js) by Newton's method to a relative step of 1e-12, nakmodel by scipy's
fsolve (xtol 1e-12): the roots agree to rounding, so 1e-7 relative (observed ~1e-12), with an
absolute floor of 1e-8 (mV, mM, µA/cm²) for quantities that are zero by charge balance (the
summed leak current, the electroneutral pump's current).

Time courses (stoichiometry explorer, 90 samples from 0.1 ms to 1 h after the switch): two
different stiff integrators. The port (Rosenbrock ode23s, relative tolerance 1e-5 from the spec)
is compared with a fresh nakmodel run at rtol 1e-10 (BDF, the reference) within 5e-3 mV and
5e-3 mM (observed ~1e-3: the port's global error), and with the app's own result (BDF at
rtol 1e-4, what Voilà shows; its own error is ~3-8e-3 mV) within 0.03 mV and 0.03 mM. The
readout shows 0.1 mV and 0.1 mM.
"""

from __future__ import annotations

import math
from dataclasses import replace

import numpy as np
import pytest

from nakmodel import CellParams
from nakmodel.cell import cell_steady_state, simulate_cell
from nakmodel.constants import MAMMALIAN_NEURON
from nakmodel.stoichiometry import T_EVAL, T_MAX_S, cell_params
from nakmodel.widgets.live import PumpLeakLive, StoichiometryLive
from nakmodel.widgets.live.stoichiometry import BASES, HIGHLIGHTS

from .node import run_port
from .test_parity import flatten, random_values

N_CASES = 60
STEADY_RTOL, STEADY_ATOL = 1e-7, 1e-8


def assert_close(got, want, rtol, atol, what):
    worst = 0.0
    for key, w in want.items():
        assert math.isclose(got[key], w, rel_tol=rtol, abs_tol=atol), (what, key, got[key], w)
        worst = max(worst, abs(got[key] - w) / max(abs(w), 1.0))
    return worst


def test_pump_leak_port_matches_nakmodel():
    app = PumpLeakLive()
    cases = random_values(app, np.random.default_rng(21), N_CASES)
    js = run_port("pump_leak", app.params(), cases)
    worst = 0.0
    for values, got in zip(cases, js, strict=True):
        assert "error" not in got, (values, got)
        want, got = flatten(app.compute(values)), flatten(got)
        assert set(got) == set(want)
        worst = max(worst, assert_close(got, want, STEADY_RTOL, STEADY_ATOL, values))
    print(f"pump_leak: {N_CASES} random sets, largest relative difference {worst:.1e}")


def test_stoichiometry_port_matches_nakmodel():
    app = StoichiometryLive()
    cases = random_values(app, np.random.default_rng(22), N_CASES)
    js = run_port("stoichiometry", app.params(), cases)
    worst_steady, worst_course = 0.0, 0.0
    for values, got in zip(cases, js, strict=True):
        assert "error" not in got, (values, got)
        want = app.compute(values)
        steady = ("rows", "grid_dg", "energy_left_kJ")  # energy_left_kJ: −ΔG_ATP − the 3:2 row's work
        assert set(got) == set(want) == {*steady, "course"}
        steady_want = flatten({k: want[k] for k in steady})
        steady_got = flatten({k: got[k] for k in steady})
        assert set(steady_got) == set(steady_want)
        worst_steady = max(worst_steady,
                           assert_close(steady_got, steady_want, STEADY_RTOL, STEADY_ATOL, values))
        assert got["course"]["t_s"] == pytest.approx(want["course"]["t_s"], rel=1e-15)
        for key in ("v_mV", "na_in", "k_in"):
            d = np.max(np.abs(np.array(got["course"][key]) - np.array(want["course"][key])))
            assert d < 0.03, (values, key, d)
            worst_course = max(worst_course, d)
    print(f"stoichiometry: {N_CASES} random sets, steady states {worst_steady:.1e} relative, "
          f"time courses {worst_course:.1e} mV or mM from the app's BDF run (rtol 1e-4)")


def test_time_courses_match_a_fresh_tight_nakmodel_run():
    """12 random switches (never 3:2, which does not move) against simulate_cell at rtol 1e-10."""
    app = StoichiometryLive()
    rng = np.random.default_rng(23)
    moving = [k for k, v in HIGHLIGHTS.items() if v != (3, 2)]
    cases = [{**v, "variant": moving[i % len(moving)]} for i, v in enumerate(random_values(app, rng, 12))]
    js = run_port("stoichiometry", app.params(), cases)
    worst = 0.0
    for values, got in zip(cases, js, strict=True):
        variant, basis = HIGHLIGHTS[values["variant"]], BASES[values["basis"]]
        p = cell_params(values["pna_pk"], values["pump_density"])
        rest = cell_steady_state(p)
        if variant == (0, 0):
            ref = simulate_cell(p, T_MAX_S, pump_fraction=0.0, initial=rest, t_eval=T_EVAL, rtol=1e-10)
        else:
            scale = 3.0 / variant[0] if basis == "same_na_flux" else 1.0
            pv = replace(p, pump_na=variant[0], pump_k=variant[1],
                         pump_density_per_um2=p.pump_density_per_um2 * scale)
            ref = simulate_cell(pv, T_MAX_S, initial=rest, t_eval=T_EVAL, rtol=1e-10)
        for key, want in (("v_mV", ref.v_mV), ("na_in", ref.na_in), ("k_in", ref.k_in)):
            d = np.max(np.abs(np.array(got["course"][key]) - want))
            assert d < 5e-3, (values, key, d)
            worst = max(worst, d)
    print(f"time courses vs nakmodel at rtol 1e-10: largest difference {worst:.1e} mV or mM")


def test_port_reaches_the_reference_neuron():
    """Independent of nakmodel's solver: the default cell's steady state is the book's reference
    neuron (Hille 2001 Table 1.1 targets CellParams was solved for: −70 mV, 12 and 140 mM)."""
    app = PumpLeakLive()
    (got,) = run_port("pump_leak", app.params(), [{}], function="steadyCase")
    ref = MAMMALIAN_NEURON
    assert got["v_mV"] == pytest.approx(ref.v_rest_mV, abs=0.05)
    assert got["na_in"] == pytest.approx(ref.c_in_mM["Na"], abs=0.05)
    assert got["k_in"] == pytest.approx(ref.c_in_mM["K"], abs=0.05)
    assert got["volume_rel"] == pytest.approx(1.0, abs=1e-3)
    assert got["residual"] < 1e-9


def test_port_steady_state_is_steady_and_block_depolarises():
    """Integrating the port from its own steady state for an hour leaves it there; blocking every
    pump depolarises at once by the direct share (within 0.1 s) and then keeps creeping up."""
    app = PumpLeakLive()
    t = [0.1, 60.0, 3600.0]
    still, blocked = run_port("pump_leak", app.params(), [{"t_eval": t}, {"t_eval": t, "pump_fraction": 0.0}],
                              function="courseCase")
    rest = cell_steady_state(CellParams())
    assert np.max(np.abs(np.array(still["v_mV"]) - rest.v_mV)) < 1e-4
    assert np.max(np.abs(np.array(still["na_in"]) - rest.na_in)) < 1e-5
    v = blocked["v_mV"]
    direct = app.result["vm"] - app.result["v_ghk"]  # negative: the pump hyperpolarises
    assert v[0] - rest.v_mV == pytest.approx(-direct, abs=0.3)
    assert v[0] < v[1] < v[2]


def test_energy_left_per_cycle_in_the_port():
    """The port's energy left per cycle is the ΔG_ATP control minus the 3:2 work, written out here from
    the port's own 3:2 row, and falls one for one with ΔG_ATP (the work at rest does not depend on it)."""
    app = StoichiometryLive()
    cases = [{**app.values, "dg_atp": dg} for dg in (-55.0, -45.0, -40.0)]
    got = run_port("stoichiometry", app.params(), cases)
    for values, r in zip(cases, got, strict=True):
        want = -values["dg_atp"] - r["rows"][0]["dg_cycle_kJ"]
        assert r["energy_left_kJ"] == pytest.approx(want, abs=1e-12)
    assert got[0]["energy_left_kJ"] - got[1]["energy_left_kJ"] == pytest.approx(10.0, abs=1e-9)
    (bad,) = run_port("stoichiometry", app.params(), [{**app.values, "dg_atp": 1.0}])
    assert "ΔG of ATP" in bad["error"]


def test_port_refuses_unknown_menu_values():
    app = PumpLeakLive()
    (got,) = run_port("pump_leak", app.params(), [{**app.values, "stoich": "5:1"}])
    assert "unknown pump stoichiometry" in got["error"]
    app = StoichiometryLive()
    (got,) = run_port("stoichiometry", app.params(), [{**app.values, "basis": "same cost"}])
    assert "unknown basis" in got["error"]
