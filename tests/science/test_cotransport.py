"""Tests of nakmodel.cotransport: closed forms and thermodynamic consistency."""

import math

import pytest

from nakmodel import ParameterError
from nakmodel.cotransport import (
    epithelium_glucose_steady_state,
    ncx_reversal_potential,
    sglt_flux,
    sglt_max_accumulation,
)

F, R = 96485.33212, 8.314462618


def test_sglt1_accumulation_closed_form():
    # n=2, V=-60 mV, Na 140/12 mM, 37 °C, by hand: (140/12)^2 * exp(2*F*0.060/(R*310.15))
    expected = (140.0 / 12.0) ** 2 * math.exp(2 * F * 0.060 / (R * 310.15))
    assert sglt_max_accumulation(2, -60.0, 140.0, 12.0) == pytest.approx(expected, rel=1e-12)


def test_sglt2_accumulation_closed_form_and_is_square_root_of_sglt1():
    expected = (140.0 / 12.0) * math.exp(F * 0.060 / (R * 310.15))
    r1 = sglt_max_accumulation(1, -60.0, 140.0, 12.0)
    assert r1 == pytest.approx(expected, rel=1e-12)
    assert sglt_max_accumulation(2, -60.0, 140.0, 12.0) == pytest.approx(r1**2, rel=1e-12)


def test_no_gradient_no_accumulation():
    assert sglt_max_accumulation(2, 0.0, 140.0, 140.0) == pytest.approx(1.0)


def test_flux_zero_at_equilibrium_and_reverses_beyond():
    # thermodynamic consistency: no transporter works against its limit
    rmax = sglt_max_accumulation(2, -60.0, 140.0, 12.0)
    assert sglt_flux(0.1, rmax * 0.1, na_out_mM=140.0) == pytest.approx(0.0, abs=1e-12)
    assert sglt_flux(0.1, rmax * 0.11, na_out_mM=140.0) < 0.0
    assert sglt_flux(0.1, 0.0) > 0.0


def test_flux_collapses_when_na_gradient_abolished():
    # equal Na and V = 0: glucose-in equal glucose-out gives zero net flux; more inside reverses
    assert sglt_flux(5.0, 5.0, v_mV=0.0, na_out_mM=140.0, na_in_mM=140.0) == pytest.approx(0.0, abs=1e-12)
    assert sglt_flux(5.0, 6.0, v_mV=0.0, na_out_mM=140.0, na_in_mM=140.0) < 0.0
    # with the gradient the same cell [G] is taken up
    assert sglt_flux(5.0, 6.0) > 0.0


def test_sglt1_higher_affinity_than_sglt2():
    # K_0.5 ~0.5 mM vs ~2-5 mM (Wright et al. 2011): at 0.5 mM SGLT1 is half-saturated
    assert sglt_flux(0.5, transporter="SGLT1") == pytest.approx(0.5, rel=1e-3)
    assert sglt_flux(0.5, transporter="SGLT2") < 0.2


def test_epithelium_pump_block_collapses_uptake():
    on = epithelium_glucose_steady_state(10.0)
    # glucose balance at steady state: SGLT1 in = GLUT2 out; Na balance: 2 J_s + leak = 3 J_p
    assert on.sglt_flux_mM_s == pytest.approx(on.glut2_flux_mM_s, rel=1e-8)
    assert 2 * on.sglt_flux_mM_s + on.na_leak_mM_s == pytest.approx(3 * on.pump_rate_mM_s, rel=1e-8)
    assert on.glucose_cell_mM > 10.0  # concentrated above the lumen
    # ouabain: pump stopped and cell depolarised (K+ gradient lost)
    off = epithelium_glucose_steady_state(10.0, pump_fraction=0.0, v_apical_mV=-10.0)
    assert off.na_cell_mM > 100.0
    assert off.glucose_flux_mM_s < 0.6 * on.glucose_flux_mM_s
    assert off.max_accumulation < 2.0


def test_ncx_reversal_closed_form():
    rtf = R * 310.15 / F * 1e3
    e_na = rtf * math.log(145 / 15)
    e_ca = rtf / 2 * math.log(1.2 / 1e-4)
    assert ncx_reversal_potential(145, 15, 1.2, 1e-4) == pytest.approx(3 * e_na - 2 * e_ca, rel=1e-12)
    # Na+ loading (pump block) lowers E_Na, so E_NCX falls below rest: Ca2+ entry (reverse mode)
    assert ncx_reversal_potential(145, 60, 1.2, 1e-4) < -70.0 < ncx_reversal_potential(145, 15, 1.2, 1e-4) + 5


@pytest.mark.parametrize("args, name", [
    ((2, -60.0, -140.0, 12.0), "na_out_mM"),
    ((2.5, -60.0, 140.0, 12.0), "n_na"),
    ((2, float("inf"), 140.0, 12.0), "v_mV"),
])
def test_bad_input(args, name):
    with pytest.raises(ParameterError, match=name):
        sglt_max_accumulation(*args)
    with pytest.raises(ParameterError, match="temperature_C"):
        sglt_max_accumulation(2, -60, 140, 12, temperature_C=50)
    with pytest.raises(ParameterError, match="transporter"):
        sglt_flux(1.0, transporter="GLUT1")
