"""Claims the chapter "Ouabain: stopping the pump" makes, checked against the model.

Literature values are typed here from the papers (not read from nakmodel):
human alpha1 K_d 2.8 nM (Erdmann & Hasse 1975, 0.28e-8 M), rat alpha3 K_d
1.6 nM and rat alpha1 IC50 48 µM (O'Brien et al. 1994).
"""

import math

import numpy as np
import pytest
from scipy.optimize import brentq

from nakmodel.cell import CellParams, cell_steady_state, simulate_cell
from nakmodel.drugs import ouabain_pump_fraction
from nakmodel.electrochem import nernst
from nakmodel.hh import probe_excitability
from nakmodel.widgets.ouabain import run_scenario, scenario

LITERATURE_HALF_BLOCK_UM = {"human_alpha1": 2.8e-3, "rodent_alpha3": 1.6e-3, "rodent_alpha1": 48.0}


def half_block_uM(isoform):
    return \
        10.0 ** brentq(lambda lc: ouabain_pump_fraction(10.0 ** lc, isoform) - 0.5, -6, 5, xtol=1e-12)


@pytest.mark.parametrize("isoform", sorted(LITERATURE_HALF_BLOCK_UM))
def test_half_block_at_cited_constant(isoform):
    assert half_block_uM(isoform) == pytest.approx(LITERATURE_HALF_BLOCK_UM[isoform], rel=1e-6)


def test_rat_alpha1_needs_far_more_ouabain_than_human_alpha1():
    """'Rat alpha1 needs about 17,000 times more': at least 100x (the chapter's claim), ~1e4."""
    ratio = half_block_uM("rodent_alpha1") / half_block_uM("human_alpha1")
    assert ratio >= 100.0
    assert ratio == pytest.approx(48.0 / 2.8e-3, rel=1e-6)


def test_immediate_jump_is_a_few_mV_and_later_depolarisation_tens_of_mV():
    rest = cell_steady_state()
    tr = simulate_cell(duration_s=3600.0, pump_fraction=0.0, t_eval=[0.0, 1.0, 3600.0])
    jump = tr.v_mV[1] - rest.v_mV
    later = tr.v_mV[2] - tr.v_mV[1]
    assert 1.0 < jump < 10.0
    assert later > 20.0
    # the concentrations have not moved in the first second (the jump is electrical)
    assert tr.na_in[1] == pytest.approx(rest.na_in, abs=0.1)


def test_jump_equals_ghk_potential_without_pump_current():
    """Independent closed form: after 1 s Vm is the GHK voltage at the unchanged concentrations."""
    p = CellParams()
    rest = cell_steady_state(p)
    tr = simulate_cell(p, 1.0, pump_fraction=0.0, t_eval=[0.0, 1.0])
    rt_f = 8.314462618 * (273.15 + p.temperature_C) / 96485.33212 * 1e3
    o = p.c_out_mM
    num = p.p_k_cm_s * o["K"] + p.p_na_cm_s * o["Na"] + p.p_cl_cm_s * rest.cl_in
    den = p.p_k_cm_s * rest.k_in + p.p_na_cm_s * rest.na_in + p.p_cl_cm_s * o["Cl"]
    assert tr.v_mV[1] == pytest.approx(rt_f * math.log(num / den), abs=0.2)


def test_cell_swells_under_block():
    tr = simulate_cell(duration_s=3600.0, pump_fraction=0.0, t_eval=[0.0, 3600.0])
    assert tr.volume_rel[1] / tr.volume_rel[0] > 1.05


def test_time_to_failure_scales_with_diameter():
    """Surface/volume = 6/d: halving the diameter roughly halves the time to failure."""
    fails = [scenario("ouabain", "human_alpha1", 1000.0, d, 120.0)["fail_s"] for d in (5.0, 10.0, 20.0, 40.0)]
    assert all(np.isfinite(fails))
    ratios = np.array(fails[1:]) / np.array(fails[:-1])
    np.testing.assert_allclose(ratios, 2.0, rtol=0.1)


def test_run_down_of_a_20um_cell_takes_tens_of_minutes_not_one():
    fail = scenario("ouabain", "human_alpha1", 1000.0, 20.0, 120.0)["fail_s"] / 60.0
    assert 10.0 < fail < 40.0


def test_washout_restores_the_pump_and_vm():
    """Rat alpha1 lets go of ouabain within seconds: after washout at 30 min the pump and Vm recover."""
    run = run_scenario("ouabain", "rodent_alpha1", 1000.0, 20.0, restart_min=30.0)
    t = run["t_s"] / 60.0
    during = run["v_mV"][np.searchsorted(t, 29.0)]
    assert run["activity"][np.searchsorted(t, 29.0)] < 0.1
    assert run["activity"][np.searchsorted(t, 32.0)] > 0.95
    assert during > -60.0
    assert run["v_mV"][-1] == pytest.approx(cell_steady_state().v_mV, abs=2.0)


def test_human_alpha1_washout_follows_k_off():
    """Closed form: after washout, bound fraction decays as exp(-k_off t), k_off = 1.4e-4 /s."""
    run = run_scenario("ouabain", "human_alpha1", 1.0, 20.0, restart_min=60.0)
    t = run["t_s"]
    k_on, k_off = 5e4 * 1e-6, 1.4e-4
    rate = k_on * 1.0 + k_off
    b_wash = k_on / rate * (1 - math.exp(-rate * 3600.0))
    expected_end = 1.0 - b_wash * math.exp(-k_off * (t[-1] - 3600.0))
    assert run["activity"][-1] == pytest.approx(expected_end, abs=0.01)


def test_pump_restart_hyperpolarises_transiently():
    run = run_scenario("anoxia", diameter_um=20.0, restart_min=60.0)
    assert run["v_mV"].min() < cell_steady_state().v_mV - 3.0


def test_probe_fires_at_rest_and_fails_when_run_down():
    rest = cell_steady_state()
    ok = probe_excitability(rest.v_mV, nernst(1, 145.0, rest.na_in), nernst(1, 5.0, rest.k_in))
    assert ok.fires and ok.peak_mV > 30.0
    tr = simulate_cell(duration_s=3600.0, pump_fraction=0.0, t_eval=[3600.0])
    bad = probe_excitability(tr.v_mV[0], nernst(1, 145.0, tr.na_in[0]), nernst(1, 5.0, tr.k_in[0]))
    assert not bad.fires


def test_loose_solver_tolerance_is_accurate():
    """The app's rtol=1e-4 runs agree with rtol=1e-7 within 0.05 mV and 0.05 mM."""
    run = run_scenario("ouabain", "human_alpha1", 1000.0, 20.0, None)
    ref = simulate_cell(duration_s=run["t_s"][-1], pump_fraction=0.0, t_eval=run["t_s"], rtol=1e-7)
    sel = run["t_s"] > 10.0  # the block itself takes ~0.1 s at 1 mM
    np.testing.assert_allclose(run["v_mV"][sel], ref.v_mV[sel], atol=0.05)
    np.testing.assert_allclose(run["na_in"][sel], ref.na_in[sel], atol=0.05)
