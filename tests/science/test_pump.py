"""Tests of nakmodel.pump against closed forms, conservation laws and literature ranges."""

import dataclasses

import numpy as np
import pytest

from nakmodel import ParameterError, pump_reversal_potential
from nakmodel.constants import ELEMENTARY_CHARGE
from nakmodel.pump import (
    PUMP_STATES,
    PumpParams,
    pump_current,
    pump_cycle_rate,
    pump_rate_fast,
    simulate_pump_cycles,
)

CASES = [  # (Na_o, K_o, Na_i, K_i, ΔG_ATP kJ/mol)
    (145.0, 5.0, 15.0, 140.0, -55.0),
    (145.0, 5.0, 10.0, 150.0, -60.0),
    (140.0, 3.0, 25.0, 120.0, -45.0),
    (440.0, 20.0, 50.0, 400.0, -50.0),
]


def _vmax():
    return pump_cycle_rate(150.0, 50.0, 0.0)


@pytest.mark.parametrize("nao, ko, nai, ki, dg", CASES)
def test_zero_net_flux_at_thermodynamic_reversal(nao, ko, nai, ki, dg):
    # Detailed balance: the electrochem reversal potential (closed form) must give zero flux.
    v_rev = pump_reversal_potential({"Na": nao, "K": ko}, {"Na": nai, "K": ki}, dg)
    r = pump_cycle_rate(nai, ko, v_rev, na_out_mM=nao, k_in_mM=ki, atp_free_energy_kJ_per_mol=dg)
    assert abs(r) < 1e-9 * _vmax()
    # and the sign flips just either side: forward above, backward below
    assert pump_cycle_rate(nai, ko, v_rev + 2.0, na_out_mM=nao, k_in_mM=ki, atp_free_energy_kJ_per_mol=dg) > 0
    assert pump_cycle_rate(nai, ko, v_rev - 2.0, na_out_mM=nao, k_in_mM=ki, atp_free_energy_kJ_per_mol=dg) < 0


def test_zero_flux_at_other_temperatures():
    for t in (6.3, 22.0, 40.0):
        v_rev = pump_reversal_potential({"Na": 145.0, "K": 5.0}, {"Na": 15.0, "K": 140.0}, -55.0, t)
        assert abs(pump_cycle_rate(15.0, 5.0, v_rev, temperature_C=t)) < 1e-9 * _vmax()


def test_saturation_in_internal_na_and_external_k():
    na = np.array([5.0, 10.0, 20.0, 40.0, 100.0, 200.0])
    r = pump_cycle_rate(na, 5.0, -70.0)
    assert np.all(np.diff(r) > 0)
    assert r[-1] / r[-2] < 1.05  # saturated
    k = np.array([0.5, 1.0, 2.0, 5.0, 20.0, 50.0])
    r = np.array([pump_cycle_rate(15.0, x, -70.0) for x in k])
    assert np.all(np.diff(r) > 0)
    assert r[-1] / r[-2] < 1.05


def test_half_activation_constants_near_measured_values():
    # Measured apparent affinities: Na_i about 9-10 mM (Glitsch et al. 1989; Luo & Rudy 1994 use 10 mM),
    # K_o about 1-1.5 mM at depolarised potentials (Gadsby 1980). Tolerance: factor 2 (different
    # preparations and conditions).
    from scipy.optimize import brentq

    top = pump_cycle_rate(500.0, 5.0, -40.0)
    k_na = brentq(lambda x: pump_cycle_rate(x, 5.0, -40.0) - top / 2, 0.1, 500)
    assert 5.0 < k_na < 20.0
    top = pump_cycle_rate(15.0, 200.0, -40.0)
    k_k = brentq(lambda x: pump_cycle_rate(15.0, x, -40.0) - top / 2, 0.01, 200)
    assert 0.5 < k_k < 3.0


def test_maximal_turnover_is_below_the_irreversible_cycle_limit():
    # A cycle of four sequential steps can never turn faster than 1/sum(1/k_forward): each step must
    # happen once per cycle and backward steps only slow it. At 0 mV the charged step has its nominal
    # rate. (The turnover at rest is checked in test_cell: it balances the leaks in closed form.)
    p = PumpParams()
    limit = 1.0 / sum(1.0 / k for k in (p.k1_fwd, p.k2_fwd, p.k3_fwd, p.k4_fwd))
    assert 0.0 < _vmax() < limit
    assert pump_cycle_rate(500.0, 200.0, 0.0, atp_mM=10.0, atp_free_energy_kJ_per_mol=-70.0) < limit


def test_voltage_dependence_and_array_input():
    v = np.linspace(-150.0, 30.0, 19)
    r = pump_cycle_rate(15.0, 5.0, v)
    assert r.shape == v.shape
    assert np.all(np.diff(r) > 0)  # depolarisation speeds the outward charge step
    assert np.allclose(r, [pump_cycle_rate(15.0, 5.0, x) for x in v], rtol=1e-12)


def test_atp_dependence_and_free_energy():
    r = [pump_cycle_rate(15.0, 5.0, -70.0, atp_mM=a) for a in (0.01, 0.1, 1.0, 3.0)]
    assert np.all(np.diff(r) > 0)
    assert abs(pump_cycle_rate(15.0, 5.0, -70.0, atp_mM=0.0)) < 1e-12
    # less free energy from ATP -> slower
    assert (pump_cycle_rate(15.0, 5.0, -70.0, atp_free_energy_kJ_per_mol=-45.0)
            < pump_cycle_rate(15.0, 5.0, -70.0))


def test_temperature_speeds_up():
    assert pump_cycle_rate(15.0, 5.0, -70.0, temperature_C=27.0) < pump_cycle_rate(15.0, 5.0, -70.0)


def test_pump_current_closed_form():
    # 1 charge per cycle: I = rate * density * e, with 1e8 µm² per cm² and 1e6 µA per A.
    assert pump_current(100.0, 1000.0) == pytest.approx(100 * 1000 * ELEMENTARY_CHARGE * 1e14, rel=1e-12)
    assert pump_current(100.0, 1000.0, net_charge=0) == 0.0


def test_fast_pump_agrees_with_cycle_model_near_rest():
    # Stated agreement: within 15 % for [Na]i 10-20 mM, [K]o 3-6 mM, V -80..-50 mV.
    na = np.linspace(10, 20, 6)[:, None, None]
    k = np.linspace(3, 6, 4)[None, :, None]
    v = np.linspace(-80, -50, 7)[None, None, :]
    ratio = pump_rate_fast(na, k, v) / pump_cycle_rate(na, k, v)
    assert np.all(np.abs(ratio - 1) < 0.15)


def test_gillespie_mean_rate_matches_deterministic_rate():
    det = pump_cycle_rate(15.0, 5.0, -70.0)
    run = simulate_pump_cycles(duration_s=60.0, seed=2024, na_in_mM=15.0, k_out_mM=5.0, v_mV=-70.0)
    # batch means: 20 windows of 3 s; the error of the mean is estimated from their spread
    edges = np.linspace(0, 60.0, 21)
    idx = np.searchsorted(run.t_s, edges, side="right") - 1
    atp_at = run.atp_used[idx]
    per_window = np.diff(atp_at) / 3.0
    sem = per_window.std(ddof=1) / np.sqrt(per_window.size)
    assert abs(run.mean_rate_per_s - det) < 4 * sem + 1.0 / 60.0


def test_bookkeeping_is_exactly_3_2_1():
    run = simulate_pump_cycles(n_cycles=500, seed=7)
    assert (run.na_out[-1], run.k_in[-1], run.atp_used[-1]) == (1500, 1000, 500)
    # at every event the partial cycle is at most one cycle away from the ATP count
    assert np.all(np.abs(run.na_out - 3 * run.atp_used) <= 3)
    assert np.all(np.abs(run.k_in - 2 * run.atp_used) <= 2)
    # whenever the pump is back in "E1" after releasing K, counts are whole cycles
    e1 = run.state == PUMP_STATES.index("E1")
    assert np.all(run.na_out[e1] * 2 == run.k_in[e1] * 3)
    assert set(np.unique(run.state)) == set(range(len(PUMP_STATES)))
    assert np.all(np.diff(run.t_s) >= 0)


def test_reverse_running_makes_atp():
    v_rev = pump_reversal_potential({"Na": 145.0, "K": 5.0}, {"Na": 15.0, "K": 140.0})
    run = simulate_pump_cycles(n_cycles=50, v_mV=v_rev - 60.0, seed=3)
    assert run.atp_used[-1] == -50 and run.na_out[-1] == -150 and run.k_in[-1] == -100
    assert pump_cycle_rate(15.0, 5.0, v_rev - 60.0) < 0


def test_seeded_runs_are_reproducible():
    a = simulate_pump_cycles(n_cycles=20, seed=11)
    b = simulate_pump_cycles(n_cycles=20, seed=11)
    assert np.array_equal(a.t_s, b.t_s) and np.array_equal(a.state, b.state)


@pytest.mark.parametrize("call, name", [
    (lambda: pump_cycle_rate(-1.0, 5.0, -70.0), "na_in_mM"),
    (lambda: pump_cycle_rate(15.0, 5.0, float("nan")), "v_mV"),
    (lambda: pump_cycle_rate(15.0, 5.0, -70.0, temperature_C=80.0), "temperature_C"),
    (lambda: pump_cycle_rate(15.0, 5.0, -70.0, atp_free_energy_kJ_per_mol=10.0),
     "atp_free_energy_kJ_per_mol"),
    (lambda: simulate_pump_cycles(), "n_cycles"),
    (lambda: pump_current(1.0, -5.0), "density_per_um2"),
])
def test_bad_input_names_parameter(call, name):
    with pytest.raises(ParameterError, match=name):
        call()


def test_params_are_frozen():
    with pytest.raises(dataclasses.FrozenInstanceError):
        PumpParams().q10 = 3.0
