"""Scientific claims made in "The resting potential", checked against the model and closed forms."""

from dataclasses import replace

import numpy as np
import pytest

import nakmodel as nak
from nakmodel.constants import MAMMALIAN_NEURON

OUT, IN = MAMMALIAN_NEURON.c_out_mM, MAMMALIAN_NEURON.c_in_mM


@pytest.mark.parametrize("ko, ki", [(5.0, 140.0), (2.0, 150.0), (20.0, 100.0)])
def test_ghk_with_only_k_is_nernst(ko, ki):
    """With P_Na = P_Cl = 0 the GHK potential is E_K exactly."""
    out, inside = dict(OUT, K=ko), dict(IN, K=ki)
    v = nak.ghk_voltage({"K": 1.0, "Na": 0.0, "Cl": 0.0}, out, inside)
    assert v == pytest.approx(nak.nernst(1, ko, ki), abs=1e-10)


def test_raising_pna_moves_vm_monotonically_towards_e_na():
    ratios = np.geomspace(1e-4, 1e3, 80)
    v = np.array([nak.ghk_voltage({"K": 1.0, "Na": r, "Cl": 0.2}, OUT, IN) for r in ratios])
    e_na, e_k = nak.nernst(1, OUT["Na"], IN["Na"]), nak.nernst(1, OUT["K"], IN["K"])
    assert np.all(np.diff(v) > 0)
    assert np.all((v > e_k) & (v < e_na))
    assert e_na - v[-1] < 2.0  # Na+ dominates: Vm at E_Na


def test_small_na_permeability_lifts_rest_well_above_e_k():
    """P_Na/P_K of 0.01-0.05 puts Vm 5-30 mV above E_K (the chapter's table)."""
    e_k = nak.nernst(1, OUT["K"], IN["K"])
    for r in (0.01, 0.05):
        dv = nak.ghk_voltage({"K": 1.0, "Na": r, "Cl": 0.0}, OUT, IN) - e_k
        assert 5.0 < dv < 30.0


def test_blocking_pump_depolarises_fast_few_mv_then_slowly_tens():
    """'Blocking the pump depolarises the cell by a few mV at once, then slowly by tens of mV.'"""
    p = nak.CellParams()
    tr = nak.simulate_cell(p, 3600.0, pump_fraction=0.0, t_eval=[0.0, 0.05, 60.0, 3600.0])
    jump = tr.v_mV[1] - tr.v_mV[0]
    assert 2.0 < jump < 10.0
    # the immediate jump is the loss of the pump's direct share, concentrations not yet changed
    assert abs(tr.na_in[1] - tr.na_in[0]) < 0.05
    share = nak.electrogenic_share(p, stoichiometries=((3, 2),))
    assert jump == pytest.approx(-share.direct_mV[0], abs=0.2)
    assert tr.v_mV[2] - tr.v_mV[1] < 2.0  # slow: little more after a minute
    assert tr.v_mV[3] - tr.v_mV[0] > 20.0  # tens of mV after an hour


def test_electroneutral_pump_leaves_vm_a_few_mv_less_negative_with_similar_gradients():
    s = nak.electrogenic_share(nak.CellParams(), stoichiometries=((3, 2), (3, 3)))
    assert 2.0 < s.v_mV[1] - s.v_mV[0] < 10.0
    assert abs(s.direct_mV[1]) < 1e-6
    assert abs(s.na_in[1] - s.na_in[0]) / s.na_in[0] < 0.2
    assert abs(s.k_in[1] - s.k_in[0]) / s.k_in[0] < 0.05


def test_pump_turnover_set_by_leak_not_pump_number():
    """Halving pump density barely changes the Na+ pumped (= Na+ leak); doubling P_Na raises it a lot."""
    p = nak.CellParams()
    base = nak.cell_steady_state(p)
    half = nak.cell_steady_state(replace(p, pump_density_per_um2=p.pump_density_per_um2 / 2))
    leaky = nak.cell_steady_state(replace(p, p_na_cm_s=2 * p.p_na_cm_s))
    assert abs(half.pump_current_uA_cm2 / base.pump_current_uA_cm2 - 1) < 0.1
    assert half.na_in > base.na_in + 3.0
    assert leaky.pump_current_uA_cm2 / base.pump_current_uA_cm2 > 1.3


def test_run_down_slower_in_larger_cells():
    """'A soma ten times wider runs down about ten times more slowly' (area/volume = 6/d)."""
    small, big = nak.CellParams(), replace(nak.CellParams(), diameter_um=200.0)
    a = nak.simulate_cell(small, 60.0, pump_fraction=0.0, t_eval=[0.0, 60.0])
    b = nak.simulate_cell(big, 600.0, pump_fraction=0.0, t_eval=[0.0, 600.0])
    # same Na+ gain after ten times the time
    assert (b.na_in[-1] - b.na_in[0]) == pytest.approx(a.na_in[-1] - a.na_in[0], rel=0.05)
