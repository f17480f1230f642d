"""Scientific claims of the chapter "Active transport and the Na+/K+ pump cycle"."""

import math

import numpy as np
import pytest

from nakmodel import pump_cycle_rate, pump_free_energy, pump_reversal_potential, simulate_pump_cycles
from nakmodel.pump import cycle_run

OUT = {"Na": 145.0, "K": 5.0}
IN = {"Na": 15.0, "K": 140.0}
R, F = 8.314462618, 96485.33212


@pytest.mark.parametrize("dg", [-55.0, -45.0, -35.0])
@pytest.mark.parametrize("na_in,k_out", [(15.0, 5.0), (30.0, 2.0), (8.0, 10.0)])
def test_net_rate_changes_sign_at_the_reversal_potential(dg, na_in, k_out):
    """Forward (ATP used) above V_rev, backward (ATP made) below it, zero at it."""
    v_rev = pump_reversal_potential({"Na": 145.0, "K": k_out}, {"Na": na_in, "K": 140.0}, dg)
    kw = {"atp_free_energy_kJ_per_mol": dg}
    for dv in (5.0, 30.0):
        if v_rev + dv <= 200:
            assert pump_cycle_rate(na_in, k_out, v_rev + dv, **kw) > 0
        if v_rev - dv >= -300:
            assert pump_cycle_rate(na_in, k_out, v_rev - dv, **kw) < 0
    assert abs(pump_cycle_rate(na_in, k_out, v_rev, **kw)) < 1e-9


def test_reversal_is_where_atp_energy_equals_transport_work():
    """Independent check: at V_rev the work of one cycle (closed form) equals -ΔG_ATP."""
    v_rev = pump_reversal_potential(OUT, IN, -55.0)
    rt = R * 310.15 / 1e3
    work = 3 * (rt * math.log(145 / 15) - F * v_rev * 1e-6) + 2 * (rt * math.log(140 / 5) + F * v_rev * 1e-6)
    assert work == pytest.approx(55.0, rel=1e-9)
    assert pump_free_energy(v_rev, OUT, IN) == pytest.approx(55.0, rel=1e-9)


@pytest.mark.parametrize("seed", [1, 2, 3, 7])
def test_seeded_run_past_reversal_makes_atp(seed):
    """Past the reversal point the stochastic pump's ATP count falls (it synthesises ATP)."""
    # less ATP energy: V_rev (+49 mV) above the resting potential
    run = simulate_pump_cycles(duration_s=3.0, v_mV=-70.0, atp_free_energy_kJ_per_mol=-30.0, seed=seed)
    assert run.atp_used[-1] < 0 and run.na_out[-1] < 0 and run.k_in[-1] < 0
    # hyperpolarised below V_rev (-210 mV) at normal ΔG_ATP
    run = simulate_pump_cycles(duration_s=3.0, v_mV=-290.0, seed=seed)
    assert run.atp_used[-1] < 0


def test_the_run_shown_in_the_book_goes_backwards_and_its_counts_stay_3_2_1():
    run, rate, _ = cycle_run(15.0, 5.0, 3.0, -70.0, -30.0)
    assert rate < 0 and run.atp_used[-1] < 0
    # whenever the pump is in E1 (cycle boundary) the counts are in the ratio 3:2:1, backwards too
    at_e1 = run.state == 0
    np.testing.assert_array_equal(run.na_out[at_e1], 3 * run.atp_used[at_e1])
    np.testing.assert_array_equal(run.k_in[at_e1], 2 * run.atp_used[at_e1])


def test_pump_uses_about_three_quarters_of_atp_energy_at_rest():
    cost = pump_free_energy(-70.0, OUT, IN)
    assert 0.70 < cost / 55.0 < 0.80


def test_rest_turnover_below_maximum_and_sodium_sensitive():
    """The chapter claims ~80/s at rest, below a maximum of order 100-300/s, rising steeply with [Na]i."""
    rest = pump_cycle_rate(15.0, 5.0, -70.0)
    assert 60 < rest < 100
    assert pump_cycle_rate(100.0, 20.0, 60.0) > 2 * rest
    assert pump_cycle_rate(30.0, 5.0, -70.0) / rest > 1.3
    # K+ at 5 mM nearly saturates: 10 or 20 mM add little; below ~2 mM the rate falls steeply
    assert pump_cycle_rate(15.0, 10.0, -70.0) / rest < 1.2
    assert rest / pump_cycle_rate(15.0, 20.0, -70.0) > 0.8
    assert pump_cycle_rate(15.0, 1.0, -70.0) / pump_cycle_rate(15.0, 2.0, -70.0) < 0.5
