"""Electrochemistry against closed forms computed by hand (independent of nakmodel)."""

import math

import pytest

import nakmodel as nak
from nakmodel import ParameterError

R, F = 8.314462618, 96485.33212  # CODATA 2018, exact
OUT = {"Na": 145.0, "K": 5.0, "Cl": 110.0}
IN = {"Na": 15.0, "K": 140.0, "Cl": 10.0}


def rt_f_mV(t_c):
    return R * (t_c + 273.15) / F * 1e3


@pytest.mark.parametrize("t_c", [6.3, 37.0])
def test_nernst_hand_values(t_c):
    # E_K = (RT/F) ln(5/140), E_Na = (RT/F) ln(145/15), E_Cl = -(RT/F) ln(110/10)
    assert nak.nernst(1, 5.0, 140.0, t_c) == pytest.approx(rt_f_mV(t_c) * math.log(5 / 140), rel=1e-12)
    assert nak.nernst(1, 145.0, 15.0, t_c) == pytest.approx(rt_f_mV(t_c) * math.log(145 / 15), rel=1e-12)
    assert nak.nernst(-1, 110.0, 10.0, t_c) == pytest.approx(-rt_f_mV(t_c) * math.log(11), rel=1e-12)


def test_nernst_textbook_values():
    # Textbook: E_K ~ -89 mV and E_Na ~ +61 mV for these concentrations at 37 C (Hille 2001, ch. 1)
    assert nak.nernst(1, 5, 140) == pytest.approx(-89.1, abs=0.1)
    assert nak.nernst(1, 145, 15) == pytest.approx(60.6, abs=0.1)
    # 61.5 mV per decade at 37 C for a monovalent cation
    assert nak.nernst(1, 10, 1) == pytest.approx(61.5, abs=0.1)
    # divalent: half the slope
    assert nak.nernst(2, 10, 1) == pytest.approx(61.5 / 2, abs=0.1)


def test_signs_and_units():
    assert nak.nernst(1, 145, 15) > 0 > nak.nernst(1, 5, 140)
    assert nak.nernst(-1, 110, 10) < 0  # anion more concentrated outside -> negative
    assert nak.nernst(1, 50, 50) == 0.0
    assert isinstance(nak.nernst(1, 5, 140), float)


def test_ghk_limits_and_hand_value():
    p_k_only = {"K": 1.0, "Na": 0.0, "Cl": 0.0}
    assert nak.ghk_voltage(p_k_only, OUT, IN) == pytest.approx(nak.nernst(1, 5, 140), rel=1e-12)
    p = {"K": 1.0, "Na": 0.05, "Cl": 0.45}
    by_hand = rt_f_mV(37) * math.log((5 + 0.05 * 145 + 0.45 * 10) / (140 + 0.05 * 15 + 0.45 * 110))
    assert nak.ghk_voltage(p, OUT, IN) == pytest.approx(by_hand, rel=1e-12)


def test_ghk_current_zero_at_reversal_and_continuous_at_zero():
    e_k = nak.nernst(1, 5, 140)
    assert nak.ghk_current("K", 1e-6, e_k, 5, 140) == pytest.approx(0.0, abs=1e-9)
    # V = 0 limit: I = P z F (c_in - c_out), in uA/cm2: 1e-6 cm/s * 1e-2 m/cm * F * 135 mol/m3 * 100
    limit = 1e-6 * 1e-2 * F * (140 - 5) * 100
    assert nak.ghk_current("K", 1e-6, 0.0, 5, 140) == pytest.approx(limit, rel=1e-9)
    assert nak.ghk_current("K", 1e-6, 1e-7, 5, 140) == pytest.approx(limit, rel=1e-6)
    assert nak.ghk_current("K", 1e-6, -70.0, 5, 140) > 0  # K+ leaks out at rest: outward current


def test_free_energy_closed_forms():
    rt = R * 310.15 / 1000
    f = F / 1000
    by_hand = 3 * (rt * math.log(145 / 15) + f * 0.070) + 2 * (rt * math.log(140 / 5) - f * 0.070)
    assert nak.pump_free_energy(-70.0, OUT, IN) == pytest.approx(by_hand, rel=1e-12)
    # reversal: transport free energy + dG_ATP = 0
    v_rev = nak.pump_reversal_potential(OUT, IN, -55.0)
    assert nak.pump_free_energy(v_rev, OUT, IN) == pytest.approx(55.0, rel=1e-12)
    # a K+ ion at E_K is at equilibrium
    assert (nak.ion_transfer_free_energy(nak.nernst(1, 5, 140), {"K": 1}, OUT, IN)
            == pytest.approx(0, abs=1e-12))


def test_atp_free_energy():
    # Berg et al. 2015: dG0' = -30.5 kJ/mol; with 1 M standard state all equal -> dG0'
    assert nak.atp_free_energy(1000, 1000, 1000, 25.0) == pytest.approx(-30.5)
    rt = R * 310.15 / 1000
    assert nak.atp_free_energy(3, 0.05, 2) == pytest.approx(-30.5 + rt * math.log(0.05e-3 * 2e-3 / 3e-3))
    # cytosolic dG_ATP is typically -50 to -65 kJ/mol
    assert -65 < nak.atp_free_energy() < -50


def test_membrane_charge():
    # Q = C V: 1 uF/cm2 = 1e-14 F/um2; 70 mV -> 7e-16 C -> / e
    assert nak.membrane_charge_ions(-70) == pytest.approx(7e-16 / 1.602176634e-19, rel=1e-12)


@pytest.mark.parametrize(
    "call, name",
    [
        (lambda: nak.nernst(1, -5, 140), "c_out_mM"),
        (lambda: nak.nernst(1, 5, 0), "c_in_mM"),
        (lambda: nak.nernst(1, 5, 140, temperature_C=80), "temperature_C"),
        (lambda: nak.nernst(1, 5, 140, temperature_C=-273.15), "temperature_C"),
        (lambda: nak.nernst(0, 5, 140), "z"),
        (lambda: nak.nernst(1, float("nan"), 140), "c_out_mM"),
        (lambda: nak.ghk_voltage({"K": 1, "Na": 0.05}, OUT, IN), "permeabilities['Cl']"),
        (lambda: nak.ghk_voltage({"K": 1, "Na": 0.05, "Cl": 0.4, "Li": 1}, OUT, IN), "permeabilities"),
        (lambda: nak.ghk_current("Xe", 1e-6, 0, 5, 140), "ion"),
        (lambda: nak.pump_reversal_potential(OUT, IN, atp_free_energy_kJ_per_mol=10), "atp_free_energy"),
    ],
)
def test_bad_input_names_parameter_unit_range(call, name):
    with pytest.raises(ParameterError) as info:
        call()
    msg = str(info.value)
    assert name in msg
    assert isinstance(info.value, ValueError)
    assert "must" in msg  # states the allowed range or set


def test_error_message_has_unit_and_range():
    with pytest.raises(ValueError, match=r"c_out_mM = -5.0 mM is not allowed: must be in \(0, 2000\] mM"):
        nak.nernst(1, -5, 140)
    with pytest.raises(ValueError, match=r"temperature_C = 80.0 °C .* \[0, 45\] °C"):
        nak.nernst(1, 5, 140, temperature_C=80)


def test_science_core_imports_no_plotting():
    import subprocess
    import sys

    code = "import nakmodel, sys; assert 'matplotlib' not in sys.modules and 'ipywidgets' not in sys.modules"
    subprocess.run([sys.executable, "-c", code], check=True)
