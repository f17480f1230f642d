"""Tests of nakmodel.cell: steady state, conservation, osmotic and charge balance, pump block."""

from dataclasses import replace

import numpy as np
import pytest

from nakmodel import ParameterError, ghk_voltage, nernst
from nakmodel.cell import CellParams, cell_steady_state, electrogenic_share, simulate_cell
from nakmodel.constants import FARADAY, MAMMALIAN_NEURON
from nakmodel.drugs import anoxia_atp_time_course, ouabain_block_time_course
from nakmodel.pump import pump_cycle_rate

P = CellParams()


@pytest.fixture(scope="module")
def ss():
    return cell_steady_state(P)


@pytest.fixture(scope="module")
def block():
    return simulate_cell(P, 1800.0, pump_fraction=0.0, t_eval=np.r_[0.0, 1.0, 5.0, np.linspace(60, 1800, 30)])


def test_steady_state_is_the_reference_neuron(ss):
    # The book has one reference neuron: MAMMALIAN_NEURON's inside (Na 12, K 140, Cl 8 mM, -70 mV) is
    # stated to be this cell's steady state. The constants are quoted to the digits shown.
    ref = MAMMALIAN_NEURON
    assert ss.v_mV == pytest.approx(ref.v_rest_mV, abs=0.05)
    assert ss.na_in == pytest.approx(ref.c_in_mM["Na"], abs=0.01)
    assert ss.k_in == pytest.approx(ref.c_in_mM["K"], abs=0.01)
    assert ss.cl_in == pytest.approx(ref.c_in_mM["Cl"], abs=0.05)


def test_pump_turnover_balances_the_leaks_in_closed_form(ss):
    # Independent of cell.py's code: the GHK flux equation written out here with CODATA 2018 R, F, e,
    # and the pump's net cycle rate at the steady state. 3 Na+ out per cycle must cancel the Na+ leak,
    # 2 K+ in the K+ leak.
    r, f, e = 8.314462618, 96485.33212, 1.602176634e-19
    u = f * ss.v_mV * 1e-3 / (r * (273.15 + P.temperature_C))

    def ghk_uA_cm2(perm_cm_s, c_in_mM, c_out_mM):  # z = +1; mM = 1e-6 mol/cm3
        return perm_cm_s * f * u * (c_in_mM - c_out_mM * np.exp(-u)) * 1e-6 / (1 - np.exp(-u)) * 1e6

    rate = pump_cycle_rate(ss.na_in, P.c_out_mM["K"], ss.v_mV, na_out_mM=P.c_out_mM["Na"], k_in_mM=ss.k_in,
                           temperature_C=P.temperature_C)
    cycles_uA_cm2 = rate * P.pump_density_per_um2 * 1e8 * e * 1e6  # one net charge per cycle
    i_na = ghk_uA_cm2(P.p_na_cm_s, ss.na_in, P.c_out_mM["Na"])
    i_k = ghk_uA_cm2(P.p_k_cm_s, ss.k_in, P.c_out_mM["K"])
    assert i_na == pytest.approx(-3 * cycles_uA_cm2, rel=1e-6)
    assert i_k == pytest.approx(2 * cycles_uA_cm2, rel=1e-6)
    assert ss.pump_current_uA_cm2 == pytest.approx(cycles_uA_cm2, rel=1e-6)


def test_steady_state_is_steady(ss):
    tr = simulate_cell(P, 600.0, pump_fraction=1.0, n_points=3)
    assert np.ptp(tr.v_mV) < 1e-4 and np.ptp(tr.na_in) < 1e-5 and np.ptp(tr.volume_rel) < 1e-7


def test_flux_balance_at_steady_state(ss):
    # at steady state each ion's leak balances the pump: I_Na = -3 I_cycle, I_K = +2 I_cycle, I_Cl = 0
    assert ss.na_leak_uA_cm2 == pytest.approx(-3 * ss.pump_current_uA_cm2, rel=1e-8)
    assert ss.k_leak_uA_cm2 == pytest.approx(2 * ss.pump_current_uA_cm2, rel=1e-8)
    # Cl- has no pump: it must sit at its Nernst equilibrium (closed form)
    assert nernst(-1, P.c_out_mM["Cl"], ss.cl_in) == pytest.approx(ss.v_mV, abs=1e-6)


def test_osmotic_and_charge_balance(ss):
    osm_out = sum(P.c_out_mM.values()) + P.other_out_mOsm
    x = P.impermeant_mM / ss.volume_rel
    assert ss.na_in + ss.k_in + ss.cl_in + x == pytest.approx(osm_out, rel=1e-9)
    # net charge inside equals C·V·A (sphere: A/W = 6/d), in mM of cell volume
    q_mM = P.capacitance_uF_cm2 * 1e-6 * ss.v_mV * 1e-3 * 6 / (P.diameter_um * 1e-4) / FARADAY * 1e6
    net = ss.na_in + ss.k_in - ss.cl_in + P.impermeant_valence * x
    assert net == pytest.approx(q_mM / ss.volume_rel, abs=1e-9)
    assert abs(net) < 0.01  # nearly electroneutral


def test_conservation_during_block(block):
    for amt, out in ((block.na_amount, block.na_out_cum), (block.k_amount, block.k_out_cum),
                     (block.cl_amount, block.cl_out_cum)):
        total = amt + out
        assert np.max(np.abs(total - total[0])) < 1e-9 * total[0]


def test_block_fast_then_slow_depolarisation(block, ss):
    v = block.v_mV
    # immediate: the direct electrogenic share is lost within seconds, while concentrations are
    # still (nearly) those of the steady state -> Vm jumps to the GHK potential (closed form)
    v_ghk = ghk_voltage({"Na": P.p_na_cm_s, "K": P.p_k_cm_s, "Cl": P.p_cl_cm_s}, P.c_out_mM,
                        {"Na": ss.na_in, "K": ss.k_in, "Cl": ss.cl_in})
    assert 1.0 < v[2] - v[0] < 10.0
    assert v[2] == pytest.approx(v_ghk, abs=0.5)
    # slow: tens of mV over tens of minutes as the gradients run down
    assert v[-1] - v[2] > 15.0
    assert np.all(np.diff(v[2:]) > 0)
    assert block.na_in[-1] > 3 * ss.na_in and block.k_in[-1] < 0.8 * ss.k_in
    # Donnan swelling: volume grows monotonically
    assert np.all(np.diff(block.volume_rel) > 0) and block.volume_rel[-1] > 1.02


def test_electrogenic_share_few_mV():
    s = electrogenic_share(P)
    assert -10.0 < s.direct_mV[0] < -1.0
    assert np.allclose(s.direct_mV[1:], 0.0, atol=1e-6)  # electroneutral pumps
    assert 1.0 < s.v_mV[1] - s.v_mV[0] < 10.0  # 3:2 pump is more negative by a few mV
    s2 = electrogenic_share(P, basis="same_atp")
    assert s2.na_in[3] > s2.na_in[0]  # a 1 Na pump at equal ATP use keeps less Na out


def test_drug_and_anoxia_time_courses_feed_the_cell(ss):
    t = np.linspace(0, 1800, 181)
    ob = ouabain_block_time_course(1000.0, t, isoform="rodent_alpha1")
    tr = simulate_cell(P, 1800.0, pump_fraction=(ob.t_s, ob.pump_fraction), n_points=5)
    assert tr.v_mV[-1] > ss.v_mV + 15
    tr2 = simulate_cell(P, 1800.0, atp_mM=lambda tt: float(anoxia_atp_time_course(tt)), n_points=5)
    assert tr2.v_mV[-1] > ss.v_mV + 5


def test_cycle_pump_option_gives_similar_steady_state(ss):
    s = cell_steady_state(replace(P, pump_model="cycle"))
    assert s.v_mV == pytest.approx(ss.v_mV, abs=3.0)  # fast pump fitted to cycle model within 15 %
    assert s.na_in == pytest.approx(ss.na_in, rel=0.2)


def test_bad_params_named():
    with pytest.raises(ParameterError, match="diameter_um"):
        cell_steady_state(replace(P, diameter_um=-1.0))
    with pytest.raises(ParameterError, match="pump_fraction"):
        simulate_cell(P, 10.0, pump_fraction=1.5)
    with pytest.raises(ParameterError, match="duration_s"):
        simulate_cell(P, -1.0)
    with pytest.raises(ParameterError, match="pump_model"):
        cell_steady_state(replace(P, pump_model="magic"))


def test_no_plotting_imports():
    import subprocess
    import sys

    code = ("import sys, nakmodel.pump, nakmodel.cell, nakmodel.drugs; "
            "print('matplotlib' in sys.modules or 'ipywidgets' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


@pytest.mark.parametrize("p_k,p_na,density", [(1.83e-6, 2.46e-8, 111.8), (2.82e-6, 3.57e-8, 174.9),
                                               (2e-7, 5e-9, 6000.0), (5e-6, 3e-7, 6000.0)])
def test_steady_state_found_where_newton_steps_leave_the_physical_range(p_k, p_na, density):
    """Settings of the pump–leak app (few pumps, leaky membrane) where a Newton step from the default
    guess gives a negative [Cl-]i: the search must fall back to integration, not abort; the state found
    is physical and steady (checked by simulating one minute from it)."""
    p = replace(CellParams(), p_k_cm_s=p_k, p_na_cm_s=p_na, pump_density_per_um2=density)
    s = cell_steady_state(p)
    assert min(s.na_in, s.k_in, s.cl_in) > 0 and s.residual < 1e-6
    tr = simulate_cell(p, 60.0, initial=s, n_points=3)
    assert abs(tr.v_mV[-1] - s.v_mV) < 0.05 and abs(tr.na_in[-1] - s.na_in) < 0.01


def test_too_few_pumps_for_a_leaky_cell_swell_to_a_depolarised_steady_state():
    """60 pumps/µm² against the largest leaks: the cell loses its gradients, swells and depolarises,
    and the steady state the solver finds is where the cell's own dynamics take it from the
    reference rest (integrated for 3e5 s, independent of the root finder)."""
    p = replace(CellParams(), p_k_cm_s=5e-6, p_na_cm_s=3e-7, pump_density_per_um2=60.0)
    s = cell_steady_state(p)
    assert s.v_mV > -10.0 and s.volume_rel > 2.0 and s.na_in > 100.0
    tr = simulate_cell(p, 3e5, initial=cell_steady_state(), n_points=2)
    assert tr.v_mV[-1] == pytest.approx(s.v_mV, abs=0.01)
    assert tr.volume_rel[-1] == pytest.approx(s.volume_rel, rel=1e-3)
